"""The agreement as a document: text for the terminal, Markdown to share."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from mentorlog.core.agreement import AgreementView
from mentorlog.core.model import AgreementItem
from mentorlog.dates import long_date
from mentorlog.render.relationships import AGREEMENT_STYLES, agreement_words
from mentorlog.render.style import MUTED, OVERDUE, md, safe
from mentorlog.render.table import Column, ListTable

if TYPE_CHECKING:
    from rich.console import RenderableType

PLACEHOLDER = "to fill in"


def _status_line(doc: AgreementView) -> str:
    line = f"Status: {agreement_words(doc.status, doc.version)}"
    if doc.review_by:
        line += f"; review by {long_date(doc.review_by)}"
        if doc.review_overdue:
            line += " (review due)"
    return line


ITEM_COLUMNS = (
    Column("id", whole=True),
    Column("section"),
    Column("owner", whole=True),
    Column("text", wraps=True, least=20),
)


def item_table(items: list[AgreementItem]) -> RenderableType:
    if not items:
        return safe("No items yet. Start with: mentorlog expect template REL")
    rows = []
    for item in items:
        text = safe(item.text)
        if item.placeholder:
            text.append(f"  ({PLACEHOLDER})", style="yellow")
        rows.append([safe(item.id), safe(item.section), safe(item.owner), text])
    return ListTable(ITEM_COLUMNS, rows)


def agreement_document(doc: AgreementView) -> list[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    parts: list[RenderableType] = [
        Text.assemble(
            ("Mentoring agreement: ", "bold"),
            safe(doc.mentor, "bold"),
            " (mentor) and ",
            safe(doc.mentee, "bold"),
            " (mentee)",
        ),
        Text(
            _status_line(doc),
            style=AGREEMENT_STYLES.get(doc.status, "") if not doc.review_overdue else OVERDUE,
        ),
    ]
    for section, items in groupby(doc.items, key=lambda item: item.section):
        parts.append(Text())
        parts.append(safe(section.capitalize(), "bold underline"))
        # A grid gives each item a hanging indent: wrapped lines stay under the text.
        bullets = Table.grid(padding=(0, 1))
        bullets.add_column(no_wrap=True)
        bullets.add_column(overflow="fold")
        for item in items:
            line = safe(item.text)
            line.append_text(safe(f"  [{item.owner}, {item.id}]", MUTED))
            if item.placeholder:
                line.append(f" ({PLACEHOLDER})", style="yellow")
            bullets.add_row("  •", line)
        parts.append(bullets)
    parts.append(Text())
    parts.append(Text("Sign-offs", style="bold underline"))
    if not doc.signoffs:
        parts.append(Text("  none yet", style=MUTED))
    for signoff in doc.signoffs:
        parts.append(
            safe(f"  • {signoff.party}: version {signoff.version}, {long_date(signoff.date)}")
        )
    return parts


def items_markdown(items: list[AgreementItem]) -> str:
    lines = ["| id | section | owner | text |", "|---|---|---|---|"]
    for item in items:
        mark = f" *({PLACEHOLDER})*" if item.placeholder else ""
        lines.append(
            f"| {md(item.id)} | {md(item.section)} | {md(item.owner)} | {md(item.text)}{mark} |"
        )
    return "\n".join(lines) + "\n"


def agreement_markdown(doc: AgreementView) -> str:
    lines = [
        f"# Mentoring agreement: {md(doc.mentor)} and {md(doc.mentee)}",
        "",
        f"- Mentor: {md(doc.mentor)}",
        f"- Mentee: {md(doc.mentee)}",
        f"- {_status_line(doc)}",
    ]
    for section, items in groupby(doc.items, key=lambda item: item.section):
        lines += ["", f"## {md(section.capitalize())}", ""]
        for item in items:
            mark = f" *({PLACEHOLDER})*" if item.placeholder else ""
            lines.append(f"- {md(item.text)} ({md(item.owner)}){mark}")
    lines += ["", "## Sign-offs", ""]
    if not doc.signoffs:
        lines.append("- none yet")
    lines += [f"- {md(s.party)}: version {s.version}, {long_date(s.date)}" for s in doc.signoffs]
    if doc.history:
        lines += ["", "## History", ""]
        lines += [f"- {long_date(c.date)}, version {c.version}: {md(c.what)}" for c in doc.history]
    return "\n".join(lines) + "\n"
