"""Generate a large, realistic journal through mentorlog's own store API.

Usage: python benchmarks/make_journal.py DIR --relationships 50 --years 10 [--seed 1]

With 50 relationships over 10 years of weekly check-ins: about 26,000 check-ins, 500 goals,
5,000 actions, 12,000 health pulses (both parties, monthly), plus agreements, learning entries
and contacts."""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta
from pathlib import Path

from mentorlog.core.model import PILLARS, Contact, HealthPulse, LearningEntry, Relationship
from mentorlog.demo import LESSONS, Profile, write_history
from mentorlog.store.journal import Journal

FIRST = (
    "Ada",
    "Alan",
    "Grace",
    "Katherine",
    "Margaret",
    "Edsger",
    "Barbara",
    "Donald",
    "Frances",
    "John",
)
LAST = (
    "Lovelace",
    "Turing",
    "Hopper",
    "Johnson",
    "Hamilton",
    "Dijkstra",
    "Liskov",
    "Knuth",
    "Allen",
    "Backus",
)


def counterpart(n: int) -> str:
    return f"{FIRST[n % 10]} {LAST[(n // 10) % 10]} {n:03d}"


def slug(n: int) -> str:
    """The n-th relationship's id, for scripts that write to a generated journal."""
    return counterpart(n).lower().replace(" ", "-")


def make_journal(root: Path, relationships: int, years: int, seed: int, today: date) -> Journal:
    rng = random.Random(seed)
    taken: set[str] = set()
    journal = Journal(root)
    journal.init("Benchmark Owner", today)
    start = today - timedelta(days=365 * years)
    with journal.writing():
        for n in range(relationships):
            rel = Relationship(
                id=slug(n),
                counterpart=counterpart(n),
                my_role="mentor" if n % 7 else "mentee",
                started=start + timedelta(days=rng.randint(0, 6)),
                cadence="weekly",
            )
            profile = Profile(
                attendance=rng.uniform(0.9, 1.0),
                action_every=5,
                agreement=rng.choice(("agreed", "agreed", "awaiting", "draft")),
            )
            write_history(journal, rel, today, rng, taken, profile)
            for month in range(12 * years - 4):  # the last months' pulses come from the history
                day = start + timedelta(days=30 * month + rng.randint(0, 6))
                for party in ("mentor", "mentee"):
                    scores = {pillar: rng.randint(2, 5) for pillar in PILLARS}
                    pulse = HealthPulse(id=_new(journal, taken), date=day, by=party, scores=scores)
                    journal.create(journal.path_for(rel.id, "health", pulse), pulse)
            for year in range(years):
                kind, text = LESSONS[year % len(LESSONS)]
                day = start + timedelta(days=365 * year + rng.randint(0, 364))
                entry = LearningEntry(
                    id=_new(journal, taken), date=day, kind=kind, text=text, rel=rel.id
                )
                journal.create(root / "learning" / f"{day.isoformat()}-{entry.id}.toml", entry)
            contact = Contact(
                id=f"contact-{n:03d}",
                name=f"Contact {n:03d}",
                role="peer",
                via="me",
                rel=rel.id,
                added=start,
                follow_up=today + timedelta(days=rng.randint(-10, 60)),
            )
            journal.create(root / "network" / f"{contact.id}.toml", contact)
    return journal


def _new(journal: Journal, taken: set[str]) -> str:
    new = journal.new_id(taken)
    taken.add(new)
    return new


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("dir", type=Path)
    parser.add_argument("--relationships", type=int, default=50)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 26))
    args = parser.parse_args()
    if args.dir.exists() and any(args.dir.iterdir()):
        parser.error(f"{args.dir} is not empty")
    started = time.perf_counter()
    make_journal(args.dir.absolute(), args.relationships, args.years, args.seed, args.today)
    counts = {
        kind: len(list(args.dir.glob(f"relationships/*/{kind}/*.toml")))
        for kind in ("checkins", "goals", "actions", "health")
    }
    counts["learning"] = len(list(args.dir.glob("learning/*.toml")))
    print(f"{args.dir}: {counts} in {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
