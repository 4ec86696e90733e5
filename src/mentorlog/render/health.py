"""The health pulse: trends per pillar and where the two views differ."""

from __future__ import annotations

from typing import TYPE_CHECKING

from msgspec import Struct

from mentorlog.core.health import HealthSummary, PillarTrend
from mentorlog.render.style import MUTED, OVERDUE, safe, sparkline

if TYPE_CHECKING:
    from rich.console import RenderableType


class HealthReport(Struct, kw_only=True):
    """A relationship's health: the latest scores and each pillar's trend."""

    relationship: str
    summary: HealthSummary
    trends: list[PillarTrend]


def _spark(values: list[int]) -> str:
    return sparkline([(v - 1) * 25 for v in values]) if values else ""


def health_table(report: HealthReport) -> list[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    if not any(t.mentor or t.mentee for t in report.trends):
        return [safe("No pulse yet. Record one with: mentorlog health log REL --by me")]
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("pillar", "mentor", "trend", "mentee", "trend"):
        table.add_column(column, no_wrap=True)
    for trend in report.trends:
        differs = trend.pillar in report.summary.differences
        style = OVERDUE if differs else ""
        table.add_row(
            Text(trend.pillar + (" ≠" if differs else ""), style=style),
            str(trend.mentor[-1]) if trend.mentor else "—",
            Text(_spark(trend.mentor), style=MUTED),
            str(trend.mentee[-1]) if trend.mentee else "—",
            Text(_spark(trend.mentee), style=MUTED),
        )
    parts: list[RenderableType] = [table]
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
