"""The review: the alerts, then each relationship most urgent first, in words that need no
legend; panels for the terminal, a Markdown document to share; and the dashboard."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from mentorlog.core.accountability import RELIABILITY_DAYS, SLIPPING_DEFERRALS, OverdueAction
from mentorlog.core.model import PILLARS
from mentorlog.core.progress import GoalStatus
from mentorlog.core.summary import (
    PERIODS,
    Period,
    RelationshipSummary,
    StatusRow,
    Summary,
    overdue_days,
)
from mentorlog.core.text import clean_line, plural
from mentorlog.dates import long_date
from mentorlog.render.goals import track_text
from mentorlog.render.lines import Line, LineLayout, Segment, cell_len, truncated
from mentorlog.render.relationships import AGREEMENT_STYLES, agreement_words, held_words
from mentorlog.render.style import GOOD, MUTED, OVERDUE, SOON, bar, md, safe

if TYPE_CHECKING:
    from collections.abc import Collection, Sequence

    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.measure import Measurement
    from rich.table import Table
    from rich.text import Text

# "this week", "last month": how a figure names the period it counts.
PERIOD_WORDS = {
    name: ("last " if name.startswith("last-") else "this ") + name.removeprefix("last-")
    for name in PERIODS
}
DIFFERS = "≠"  # beside both scores of a pillar where the two views differ by 2 or more
NO_RELATIONSHIPS = (
    "No active relationships. Add one with: mentorlog rel add NAME --as mentor|mentee"
)


def period_words(period: Period) -> str:
    return PERIOD_WORDS.get(period.name or "", "in this period")


def date_span(start: date, end: date) -> str:
    """A span of days with each part said once: "23 – 29 November 2026", "30 November – 6
    December 2026"."""
    if start == end:
        return long_date(start)
    if start.year != end.year:
        return f"{long_date(start)} – {long_date(end)}"
    first = str(start.day) if start.month == end.month else f"{start.day} {start.strftime('%B')}"
    return f"{first} – {long_date(end)}"


def day_words(day: date) -> str:
    """Thursday 26 November 2026."""
    return f"{day.strftime('%A')} {long_date(day)}"


def review_title(summary: Summary, kind: str) -> tuple[str, str]:
    """The title in two parts: "Accountability review of this week", "23 – 29 November 2026"."""
    period = summary.period
    what = f" of {PERIOD_WORDS[period.name]}" if period.name in PERIOD_WORDS else ""
    return f"{kind} review{what}", date_span(period.start, period.end)


def _ago(days: int) -> str:
    return "today" if days == 0 else f"{plural(days, 'day')} ago"


def checkin_phrases(s: RelationshipSummary, period: Period, as_of: date) -> list[Segment]:
    """Check-ins held of those expected in the period ("1 held of 2 expected (1 missed) this
    week", or that none was due), the last one held, the next due and how late it is."""
    c = s.checkins
    when = period_words(period)
    skipped = f", {c.skipped} skipped by agreement" if c.skipped else ""
    if c.expected:
        held = f"{held_words(c)} {when}"
    elif s.status != "active":
        held = f"{s.status}: no check-in expected{skipped}"
    else:
        held = f"no check-in was due {when}{skipped}"
    phrases = [
        (held, ""),
        (
            f"last held {c.last.isoformat()} ({_ago(c.days_since_last or 0)})"
            if c.last
            else "none held yet",
            "",
        ),
    ]
    if c.next_due:
        late = overdue_days(s, as_of)
        overdue = f", overdue {plural(late, 'day')}" if late else ""
        phrases.append((f"next due {c.next_due.isoformat()}{overdue}", OVERDUE if late else ""))
    return phrases


def agreement_phrases(s: RelationshipSummary) -> list[Segment]:
    a = s.agreement
    phrases = [(agreement_words(a.status, a.version), AGREEMENT_STYLES.get(a.status, ""))]
    if a.review_by:
        due = ", review due" if a.review_overdue else ""
        phrases.append((f"review by {a.review_by.isoformat()}{due}", OVERDUE if due else ""))
    return phrases


def due_phrases(s: RelationshipSummary, period: Period) -> list[Segment]:
    """What became of the actions due in the period, in words, and how many are open."""
    a = s.actions
    when = period_words(period)
    still_open = a.due - a.done_on_time - a.done_late - a.missed
    outcomes = ", ".join(
        f"{count} {word}"
        for count, word in (
            (a.done_on_time, "kept on time"),
            (a.done_late, "kept late"),
            (a.missed, "missed"),
            (still_open, "still in time"),
        )
        if count
    )
    due = (
        f"{plural(a.due, 'action')} due {when}: {outcomes}"
        if a.due
        else f"no actions were due {when}"
    )
    return [(due, ""), (f"{plural(a.open, 'action')} open" if a.open else "none open", "")]


def reliability_words(s: RelationshipSummary, period: Period, as_of: date) -> str:
    """Reliability names its window, the last 90 days, unless that is the period."""
    window_start = as_of - timedelta(days=RELIABILITY_DAYS - 1)
    same = period.start == window_start and period.end >= as_of
    window = f"the last {RELIABILITY_DAYS} days"
    reliability = s.actions.reliability
    if all(value is None for value in reliability.values()):
        return f"reliability: nothing was due {period_words(period) if same else f'in {window}'}"
    over = period_words(period) if same else f"over {window}"
    parties = ", ".join(
        f"{party} {'had nothing due' if value is None else f'{round(value * 100)}%'}"
        for party, value in reliability.items()
    )
    return f"reliability {over}: {parties}"


def action_phrases(action: OverdueAction, as_of: date) -> list[Segment]:
    """An overdue or slipping action: when it was due, how late it is, how often it was
    deferred; then whose it is and what, with its id."""
    when = [f"due {action.due.isoformat()}"]
    if action.due < as_of:
        when.append(f"overdue {plural((as_of - action.due).days, 'day')}")
    if action.deferrals >= SLIPPING_DEFERRALS:
        when.append(f"deferred {plural(action.deferrals, 'time')}")
    return [
        (", ".join(when), OVERDUE if action.due < as_of else SOON),
        (f"{action.owner}: {action.text} ({action.id})", ""),
    ]


def _listed_actions(s: RelationshipSummary) -> list[OverdueAction]:
    """The overdue actions, then those deferred twice or more that are not overdue yet."""
    overdue = {a.id for a in s.actions.overdue}
    return [*s.actions.overdue, *(a for a in s.actions.slipping if a.id not in overdue)]


def _phrases(phrases: list[Segment]) -> Phrases:
    return Phrases(*(safe(text, style) for text, style in phrases))


def _md_phrases(phrases: list[Segment]) -> str:
    return md(" · ".join(text for text, _ in phrases))


def change_words(change: int, period: Period) -> str:
    """A goal's change over the period: "+15 this week", "unchanged"."""
    if not change:
        return "unchanged"
    return f"{'+' if change > 0 else '−'}{abs(change)} {period_words(period)}"


def learning_words(s: RelationshipSummary, period: Period) -> str:
    logged = plural(s.learning, "entry") if s.learning else "nothing"
    return f"{logged} logged {period_words(period)}"


def dropped_words(goal: GoalStatus, period: Period) -> str:
    return f"dropped {period_words(period)}: {goal.title} ({goal.id})"


def _current_and_dropped(s: RelationshipSummary) -> tuple[list[GoalStatus], list[GoalStatus]]:
    """The goals being pursued (or reached), and those abandoned in the period."""
    current = [g for g in s.goals if g.status != "dropped"]
    return current, [g for g in s.goals if g.status == "dropped"]


def health_rows(s: RelationshipSummary) -> list[tuple[str, list[str], str]]:
    """Each party's latest pulse: its name, a score per pillar (marked where the two views
    differ), and its date."""
    health = s.health
    rows = []
    for party in ("mentor", "mentee"):
        pulse = health.latest.get(party)
        if pulse:
            cells = [
                f"{pulse.scores[k]}{' ' + DIFFERS if k in health.differences else ''}"
                if k in pulse.scores
                else "—"
                for k in PILLARS
            ]
            rows.append((party, cells, pulse.date.isoformat()))
    return rows


class Phrases:
    """Phrases on a line, joined by `joint`, the line broken between two phrases rather than
    inside one (a phrase longer than a whole line wraps on its own)."""

    def __init__(self, *phrases: Text, joint: str = " · ") -> None:
        self.phrases = phrases
        self.joint = joint

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        line = Text()
        for phrase in self.phrases:
            if line and line.cell_len + len(self.joint) + phrase.cell_len > options.max_width:
                yield line
                line = Text()
            if line:
                line.append(self.joint)
            line.append_text(phrase)
        yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        longest = max(phrase.cell_len for phrase in self.phrases)
        whole = sum(phrase.cell_len for phrase in self.phrases)
        return Measurement(longest, whole + len(self.joint) * (len(self.phrases) - 1))


class Fitting:
    """The first of several layouts that fits the width it is given, each with the width it
    needs (the last whatever the width): a wide table on a wide screen, a narrower one on a
    narrow screen, so that no figure is cut."""

    def __init__(self, *layouts: tuple[int, RenderableType]) -> None:
        self.layouts = layouts

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield next(
            (layout for needed, layout in self.layouts if needed <= options.max_width),
            self.layouts[-1][1],
        )

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        return Measurement(min(needed for needed, _ in self.layouts), options.max_width)


def _grid(rows: Sequence[Sequence[RenderableType]], gap: int, right: Collection[int] = ()) -> Table:
    from rich.table import Table

    table = Table.grid(padding=(0, gap))
    for column in range(len(rows[0])):
        table.add_column(no_wrap=True, justify="right" if column in right else "left")
    for row in rows:
        table.add_row(*row)
    return table


def _width(rows: list[list[str]], gap: int) -> int:
    """The cells a grid of these rows takes, with `gap` between columns."""
    columns = list(zip(*rows, strict=True))
    return sum(max(cell_len(cell) for cell in column) for column in columns) + gap * (
        len(columns) - 1
    )


SCORED_ON = "scored on"


def _health(s: RelationshipSummary) -> RenderableType:
    """The six pillars by name, a row for each side's latest pulse and its date; narrower, the
    dates below; on a narrow screen, a row for each pillar."""
    from rich.console import Group
    from rich.text import Text

    rows = health_rows(s)
    if not rows:
        return Text("no pulse yet")

    def table(cells: list[list[str]], gap: int, scores: int) -> Table:
        return _grid(
            [[Text(c, style="bold") for c in cells[0]]]
            + [
                [Text(row[0]), *(Text(c, style=OVERDUE if DIFFERS in c else "") for c in row[1:])]
                for row in cells[1:]
            ],
            gap,
            right=range(1, 1 + scores),
        )

    header = ["", *PILLARS]
    dated = [[*header, SCORED_ON], *([party, *cells, day] for party, cells, day in rows)]
    undated = [header, *([party, *cells] for party, cells, _ in rows)]
    by_pillar = [["", *(party for party, _, _ in rows)]] + [
        [pillar, *(cells[n] for _, cells, _ in rows)] for n, pillar in enumerate(PILLARS)
    ]
    dates = Phrases(*(Text(f"{party} {SCORED_ON} {day}") for party, _, day in rows))
    return Fitting(
        (_width(dated, 2), table(dated, 2, len(PILLARS))),
        (_width(undated, 1), Group(table(undated, 1, len(PILLARS)), dates)),
        (0, Group(table(by_pillar, 2, len(rows)), dates)),
    )


# A goal's title gets at least this much room beside its figures, or goes on its own line.
TITLE_ROOM = 16


def _goals(goals: list[GoalStatus], period: Period) -> RenderableType:
    """Each goal on a line: its id, title, progress (with a bar when there is room), change
    over the period and state; titles give way first, and on a narrow screen go on a line of
    their own above the figures."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    figures = [
        (
            g.id,
            bar(g.progress),
            f"{g.progress}%",
            change_words(g.progress_change, period),
            *track_text(g),
        )
        for g in goals
    ]
    longest = max(cell_len(clean_line(g.title)) for g in goals)

    def table(with_bar: bool) -> Table:
        # Only the titles' column may narrow (Rich narrows the columns that wrap), and its
        # titles are shortened rather than wrapped.
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True, style=MUTED)
        grid.add_column()
        if with_bar:
            grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True, justify="right")
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True)
        for goal, (gid, progress_bar, percent, change, word, style) in zip(
            goals, figures, strict=True
        ):
            title = safe(goal.title)
            title.no_wrap, title.overflow = True, "ellipsis"
            shown = [Text(progress_bar, style=style)] if with_bar else []
            grid.add_row(
                safe(gid),
                title,
                *shown,
                Text(percent, style=style),
                change,
                Text(word, style=style),
            )
        return grid

    def needed(with_bar: bool, title: int) -> int:
        cells = [[gid, *([b] if with_bar else []), p, c, w] for gid, b, p, c, w, _ in figures]
        return _width(cells, 2) + 2 + title

    narrow = Group(
        *(
            line
            for goal, (gid, _, percent, change, word, style) in zip(goals, figures, strict=True)
            for line in (
                Text.assemble(safe(gid, MUTED), "  ", safe(goal.title)),
                Text.assemble("  ", (percent, style), f" · {change} · ", (word, style)),
            )
        )
    )
    return Fitting(
        (needed(True, longest), table(True)),
        (needed(False, longest), table(False)),
        (needed(False, min(TITLE_ROOM, longest)), table(False)),
        (0, narrow),
    )


# Labels beside what they label when the panel leaves this much room, else above it.
LABELLED_ROOM = 50


def _labelled(rows: list[tuple[str, RenderableType]]) -> RenderableType:
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    beside = Table.grid(padding=(0, 2))
    beside.add_column(style="bold", no_wrap=True)
    beside.add_column()
    above: list[RenderableType] = []
    for label, content in rows:
        beside.add_row(label, content)
        if label:
            above.append(Text(label, style="bold"))
        above.append(Padding(content, (0, 0, 0, 2)))
    return Fitting((LABELLED_ROOM, beside), (0, Group(*above)))


def _panel(s: RelationshipSummary, period: Period, as_of: date) -> RenderableType:
    from rich.panel import Panel
    from rich.text import Text

    rows: list[tuple[str, RenderableType]] = [
        ("check-ins", _phrases(checkin_phrases(s, period, as_of))),
        ("agreement", _phrases(agreement_phrases(s))),
        ("actions", _phrases(due_phrases(s, period))),
        ("", safe(reliability_words(s, period, as_of))),
    ]
    rows += [("", _phrases(action_phrases(a, as_of))) for a in _listed_actions(s)]
    current, dropped = _current_and_dropped(s)
    goal_rows: list[RenderableType] = [_goals(current, period)] if current else []
    goal_rows += [safe(dropped_words(g, period), MUTED) for g in dropped]
    rows += [("goals" if n == 0 else "", row) for n, row in enumerate(goal_rows)]
    rows.append(("learning", safe(learning_words(s, period))))
    rows.append(("health", _health(s)))
    role = "you mentor" if s.my_role == "mentor" else "mentors you"
    title = Text.assemble(safe(s.counterpart, "bold"), safe(f" ({role}, {s.cadence})"))
    border = (
        OVERDUE
        if s.checkins.overdue or s.actions.overdue
        else (MUTED if s.status != "active" else GOOD)
    )
    return Panel(_labelled(rows), title=title, title_align="left", border_style=border)


def summary_panels(summary: Summary) -> list[RenderableType]:
    """The alerts first, then a panel for each relationship, most urgent first."""
    from rich.table import Table
    from rich.text import Text

    parts: list[RenderableType] = [
        Phrases(
            *(Text(part, style="bold") for part in review_title(summary, "Accountability")),
            joint=", ",
        ),
        Text(f"As of {day_words(summary.as_of)}", style=MUTED),
    ]
    if summary.alerts:
        parts.append(Text("Alerts", style="bold underline"))
        alerts = Table.grid(padding=(0, 1))
        alerts.add_column(style=OVERDUE)
        alerts.add_column()
        for alert in summary.alerts:
            alerts.add_row("•", safe(alert.message))
        parts.append(alerts)
    else:
        parts.append(Text("No alerts: everyone is doing what was agreed.", style=GOOD))
    if not summary.relationships:
        parts.append(safe(NO_RELATIONSHIPS))
    parts += [_panel(s, summary.period, summary.as_of) for s in summary.relationships]
    return parts


def _health_markdown(s: RelationshipSummary) -> list[str]:
    rows = health_rows(s)
    if not rows:
        return ["- **Health:** no pulse yet"]
    return [
        "- **Health**, the latest pulse of each side:",
        "",
        f"  | | {' | '.join(PILLARS)} | {SCORED_ON} |",
        f"  |---|{'---|' * len(PILLARS)}---|",
        *(f"  | {party} | {' | '.join(cells)} | {day} |" for party, cells, day in rows),
    ]


def summary_markdown(summary: Summary) -> str:
    period = summary.period
    lines = [
        f"# {', '.join(review_title(summary, 'Mentoring'))}",
        "",
        f"As of {day_words(summary.as_of)}{' · ' + md(summary.owner) if summary.owner else ''}.",
        "",
        "## Alerts",
        "",
    ]
    lines += [f"- {md(a.message)}" for a in summary.alerts] or [
        "- none: everyone is doing what was agreed."
    ]
    for s in summary.relationships:
        role = "you mentor" if s.my_role == "mentor" else "mentors you"
        lines += ["", f"## {md(s.counterpart)} ({role}, {md(s.cadence)})", ""]
        reliability = (reliability_words(s, period, summary.as_of), "")
        lines += [
            f"- **Check-ins:** {_md_phrases(checkin_phrases(s, period, summary.as_of))}",
            f"- **Agreement:** {_md_phrases(agreement_phrases(s))}",
            f"- **Actions:** {_md_phrases([*due_phrases(s, period), reliability])}",
        ]
        lines += [
            f"  - {_md_phrases(action_phrases(a, summary.as_of))}" for a in _listed_actions(s)
        ]
        current, dropped = _current_and_dropped(s)
        if current:
            lines.append("- **Goals:**")
            lines += [
                f"  - {md(g.title)} ({md(g.id)}): {g.progress}%,"
                f" {change_words(g.progress_change, period)}, {md(track_text(g)[0])}"
                for g in current
            ]
        lines += [
            f"- **Dropped {period_words(period)}:** {md(g.title)} ({md(g.id)})" for g in dropped
        ]
        lines.append(f"- **Learning:** {learning_words(s, period)}")
        lines += _health_markdown(s)
    if summary.network.follow_ups_due:
        lines += ["", "## Network follow-ups due", ""]
        lines += [
            f"- {md(f.name)} ({md(f.id)}), due since {f.follow_up}"
            for f in summary.network.follow_ups_due
        ]
    return "\n".join(lines) + "\n"


# The columns of `status`: heading and alignment. Each is as wide as its widest cell; the
# person's column takes what the terminal leaves.
STATUS_COLUMNS = (
    ("person", "left"),
    ("next due", "left"),
    ("last", "right"),
    ("acts", "center"),
    ("goals", "center"),
    ("agreement", "left"),
)
STATUS_GAP = 2
# With less room than this for names, each relationship takes two lines: its name, then its
# figures, so that no date or figure is cut.
PERSON_ROOM = 12
_AGREEMENT_CELLS = {"none": "none yet"}  # "none" alone reads as a status, not as no agreement
STATUS_CAPTION = "acts: open/overdue actions · goals: at risk/stale"
STATUS_CAPTION_LINES = "acts: open/overdue actions\ngoals: at risk/stale"  # on a narrow screen


class StatusTable(LineLayout):
    """The dashboard, sized to the terminal: today's date, then one line per active
    relationship where names give way and figures keep their width (two lines each on a
    narrow screen), then the paused and ended ones, named on a dimmed line.

    Laid out here as lines rather than with Rich's Table, whose general layout cost more than
    the rest of `status` on a 50-relationship journal; and so written to a pipe or a file
    without Rich (see render/lines.py)."""

    def __init__(self, rows: list[StatusRow], as_of: date) -> None:
        self.rows = rows
        self.as_of = as_of

    def lines(self, width: int) -> list[Line]:
        lines: list[Line] = [[(f"Status on {day_words(self.as_of)}", "bold")]]
        active = [row for row in self.rows if row.status == "active"]
        lines += _status_lines(active, width) if active else [[(NO_RELATIONSHIPS, "")]]
        for status in ("paused", "ended"):
            names = [clean_line(r.counterpart) for r in self.rows if r.status == status]
            if names:
                lines += [[(text, MUTED)] for text in _listed(f"{status}: ", names, width)]
        return lines


def _status_lines(rows: list[StatusRow], width: int) -> list[Line]:
    header: list[Line] = [[(heading, "bold")] for heading, _ in STATUS_COLUMNS]
    cells = [header, *(_status_cells(row) for row in rows)]
    widths = [max(_cells(line[i]) for line in cells) for i in range(len(STATUS_COLUMNS))]
    figures = sum(widths[1:]) + STATUS_GAP * (len(widths) - 1)
    if width - figures >= min(PERSON_ROOM, widths[0]):
        widths[0] = min(widths[0], width - figures)
        lines = [_status_line(line, widths, STATUS_GAP) for line in cells]
    else:
        gap = STATUS_GAP if figures - widths[0] <= width else 1
        lines = [_status_line(header[1:], widths[1:], gap)]
        for line in cells[1:]:
            lines += [
                truncated(line[0], width, ellipsis=True),
                _status_line(line[1:], widths[1:], gap),
            ]
    table_width = min(max(_cells(line) for line in lines), width)
    caption = STATUS_CAPTION if len(STATUS_CAPTION) <= table_width else STATUS_CAPTION_LINES
    return lines + [[(text.ljust(table_width), MUTED)] for text in caption.split("\n")]


def _status_line(cells: list[Line], widths: list[int], gap: int) -> Line:
    """Cells fitted to their widths and aligned as their columns say (the last ones)."""
    aligns = [align for _, align in STATUS_COLUMNS[-len(cells) :]]
    line: Line = []
    for i, (cell, room, align) in enumerate(zip(cells, widths, aligns, strict=True)):
        fitted = truncated(cell, room, ellipsis=True)
        spare = room - _cells(fitted)
        before = spare if align == "right" else spare // 2 if align == "center" else 0
        line.append(((" " * gap if i else "") + " " * before, ""))
        line += fitted
        line.append((" " * (spare - before), ""))
    return line


def _listed(label: str, names: list[str], width: int) -> list[str]:
    """A label and names ("paused: Bob Paused, Cy"), broken between names to fit `width`; a
    name longer than a line is shortened."""
    lines, line = [], label
    for n, name in enumerate(names):
        piece = name + ("," if n + 1 < len(names) else "")
        if line.strip() != label.strip() and cell_len(line) + cell_len(piece) > width:
            lines.append(line.rstrip())
            line = " " * len(label)
        line += piece + " "
    lines.append(line.rstrip())
    return [
        "".join(text for text, _ in truncated([(text, "")], width, ellipsis=True)) for text in lines
    ]


def _cells(line: Line) -> int:
    return cell_len("".join(text for text, _ in line))


def _status_cells(row: StatusRow) -> list[Line]:
    person: Line = [(clean_line(row.counterpart).expandtabs(1), "")]  # a tab would break a row
    if row.my_role == "mentee":
        person.append((" (mentor)", MUTED))
    late = row.actions_overdue
    due = f"overdue {row.overdue_days} d" if row.overdue_days else _date_or_dash(row.next_due)
    return [
        person,
        [(due, OVERDUE if row.overdue_days else "")],
        [(f"{row.days_since_last} d" if row.days_since_last is not None else "never", "")],
        [(f"{row.actions_open}/{late}", OVERDUE if late else "")],
        [
            (
                f"{row.goals_at_risk}/{row.goals_stale}",
                OVERDUE if row.goals_at_risk else (SOON if row.goals_stale else GOOD),
            )
        ],
        [
            (
                _AGREEMENT_CELLS.get(row.agreement, row.agreement),
                AGREEMENT_STYLES.get(row.agreement, ""),
            )
        ],
    ]


def _date_or_dash(day: date | None) -> str:
    return day.isoformat() if day else "—"


def status_markdown(rows: list[StatusRow], as_of: date) -> str:
    lines = [f"Status on {day_words(as_of)}.", ""]
    active = [r for r in rows if r.status == "active"]
    if active:
        lines += [
            "| person | next check-in | last | overdue actions | goals at risk/stale | agreement |",
            "|---|---|---|---|---|---|",
        ]
    else:
        lines.append(NO_RELATIONSHIPS)
    for r in active:
        due = _date_or_dash(r.next_due) + (
            f", overdue {r.overdue_days} d" if r.overdue_days else ""
        )
        last = f"{r.days_since_last} d" if r.days_since_last is not None else "never"
        late = r.actions_overdue
        lines.append(
            f"| {md(r.counterpart)} | {due} | {last} | {late} | {r.goals_at_risk}/{r.goals_stale} | {md(_AGREEMENT_CELLS.get(r.agreement, r.agreement))} |"
        )
    for status in ("paused", "ended"):
        names = [md(r.counterpart) for r in rows if r.status == status]
        if names:
            lines += ["", f"{status.capitalize()}: {', '.join(names)}."]
    return "\n".join(lines) + "\n"
