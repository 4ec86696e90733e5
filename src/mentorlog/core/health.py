"""The health pulse: each party's 1-5 per pillar, its change, and where the two views differ."""

from collections.abc import Sequence
from datetime import date

from msgspec import Struct, field

from mentorlog.core.model import PILLARS, HealthPulse
from mentorlog.errors import UserError

DIFFERENCE = 2
COMPARED = 2  # a party's latest pulse and the one before it


def check_score(pillar: str, value: int) -> int:
    if not 1 <= value <= 5:
        raise UserError(f"The {pillar} score is 1 to 5, not {value}.")
    return value


class PartyPulse(Struct, kw_only=True):
    """One party's latest health scores and when they gave them."""

    date: date
    scores: dict[str, int]


class HealthSummary(Struct, kw_only=True):
    """Both parties' latest health scores, their change and where they differ."""

    latest: dict[str, PartyPulse | None]
    change: dict[str, dict[str, int] | None]
    differences: list[str] = field(default_factory=list)


def _by_party(pulses: Sequence[HealthPulse], party: str, as_of: date) -> list[HealthPulse]:
    return sorted(
        (p for p in pulses if p.by == party and p.date <= as_of), key=lambda p: (p.date, p.id)
    )


def has_latest(pulses: Sequence[HealthPulse], as_of: date) -> bool:
    """Whether `pulses` hold all that health_summary compares: each party's latest pulses up to
    `as_of`, provided the older history left out is older than all of these."""
    return all(len(_by_party(pulses, party, as_of)) >= COMPARED for party in ("mentor", "mentee"))


def health_summary(pulses: Sequence[HealthPulse], as_of: date) -> HealthSummary:
    """Latest pulse of each party, its change since that party's previous one, and the pillars
    where mentor and mentee differ by 2 or more."""
    latest: dict[str, PartyPulse | None] = {}
    change: dict[str, dict[str, int] | None] = {}
    for party in ("mentor", "mentee"):
        history = _by_party(pulses, party, as_of)
        latest[party] = (
            PartyPulse(date=history[-1].date, scores=dict(history[-1].scores)) if history else None
        )
        if len(history) >= 2:
            now, before = history[-1].scores, history[-2].scores
            change[party] = {k: now[k] - before[k] for k in PILLARS if k in now and k in before}
        else:
            change[party] = None
    mentor, mentee = latest["mentor"], latest["mentee"]
    differences = []
    if mentor and mentee:
        differences = [
            k
            for k in PILLARS
            if k in mentor.scores
            and k in mentee.scores
            and abs(mentor.scores[k] - mentee.scores[k]) >= DIFFERENCE
        ]
    return HealthSummary(latest=latest, change=change, differences=differences)


class PillarTrend(Struct, kw_only=True):
    """One pillar's scores over time, for each party."""

    pillar: str
    mentor: list[int]
    mentee: list[int]


def trends(pulses: Sequence[HealthPulse], as_of: date) -> list[PillarTrend]:
    mentor = _by_party(pulses, "mentor", as_of)
    mentee = _by_party(pulses, "mentee", as_of)
    return [
        PillarTrend(
            pillar=k,
            mentor=[p.scores[k] for p in mentor if k in p.scores],
            mentee=[p.scores[k] for p in mentee if k in p.scores],
        )
        for k in PILLARS
    ]
