"""The health pulse: trends per pillar and where the two views differ."""

from __future__ import annotations

from typing import TYPE_CHECKING

from msgspec import Struct

from mentorlog.core.health import HealthSummary, PillarTrend
from mentorlog.render.style import MUTED, OVERDUE, safe, sparkline
from mentorlog.render.table import Column, ListTable

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mentorlog.render.table import Cell


class HealthReport(Struct, kw_only=True):
    """A relationship's health: the latest scores and each pillar's trend."""

    relationship: str
    summary: HealthSummary
    trends: list[PillarTrend]


def _spark(values: list[int]) -> str:
    return sparkline([(v - 1) * 25 for v in values]) if values else ""


HEALTH_COLUMNS = (
    Column("pillar", whole=True),
    Column("mentor", whole=True, justify="right"),
    Column("trend", whole=True, optional=True),
    Column("mentee", whole=True, justify="right"),
    Column("trend", whole=True, optional=True),
)


def health_table(report: HealthReport) -> list[RenderableType]:
    from rich.text import Text

    if not any(t.mentor or t.mentee for t in report.trends):
        return [safe("No pulse yet. Record one with: mentorlog health log REL --by me")]
    rows: list[list[Cell]] = []
    for trend in report.trends:
        differs = trend.pillar in report.summary.differences
        rows.append(
            [
                Text(trend.pillar + (" ≠" if differs else ""), style=OVERDUE if differs else ""),
                str(trend.mentor[-1]) if trend.mentor else "—",
                Text(_spark(trend.mentor), style=MUTED),
                str(trend.mentee[-1]) if trend.mentee else "—",
                Text(_spark(trend.mentee), style=MUTED),
            ]
        )
    parts: list[RenderableType] = [ListTable(HEALTH_COLUMNS, rows)]
    if report.summary.differences:
        parts.append(
            Text(
                "Your views differ by 2 or more on: " + ", ".join(report.summary.differences),
                style=OVERDUE,
            )
        )
    return parts


def health_markdown(report: HealthReport) -> str:
    lines = ["| pillar | mentor | mentee |", "|---|---|---|"]
    for t in report.trends:
        mark = " (views differ)" if t.pillar in report.summary.differences else ""
        lines.append(
            f"| {t.pillar}{mark} | {' → '.join(map(str, t.mentor)) or '—'} | {' → '.join(map(str, t.mentee)) or '—'} |"
        )
    return "\n".join(lines) + "\n"
