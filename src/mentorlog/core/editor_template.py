"""The text a person writes in $EDITOR: the template with context, and what is kept of it."""

from mentorlog.core.model import Action, AgendaItem, Goal

COMMENT = "#"
PROMPTS = (
    "Opening: how are you, in a word or 1-5?",
    "Last time's commitments: done, not done, why?",
    "Wins and challenges. Goal progress.",
    "Topics (the mentee leads). Feedback both ways.",
    "Takeaways, resources, new commitments (who, what, by when), next date.",
)


def editor_template(
    heading: str,
    agenda: list[AgendaItem],
    actions: list[Action],
    goals: list[Goal],
    notes: str = "",
) -> str:
    """The text an editor opens: current notes first, context as comments below."""
    lines = [notes.rstrip("\n"), ""] if notes else ["", ""]
    lines.append(f"{COMMENT} {heading}")
    lines.append(
        f"{COMMENT} Lines starting with '{COMMENT}' are ignored; leave the notes empty to cancel."
    )
    lines.append(COMMENT)
    for prompt in PROMPTS:
        lines.append(f"{COMMENT}   {prompt}")
    lines.append(COMMENT)
    sections = (
        ("Open agenda", [f"{item.id}  {item.text}" for item in agenda]),
        (
            "Open actions",
            [
                f"{a.id}  {a.text} ({a.owner}{', due ' + a.due.isoformat() if a.due else ''})"
                for a in actions
            ],
        ),
        (
            "Active goals",
            [f"{g.id}  {g.title} ({g.update[-1].progress if g.update else 0}%)" for g in goals],
        ),
    )
    for title, entries in sections:
        lines.append(f"{COMMENT} {title}:{'' if entries else ' none'}")
        lines += [f"{COMMENT}   {entry}" for entry in entries]
    return "\n".join(lines) + "\n"


def strip_template(text: str) -> str:
    """What the person wrote: comment lines removed, outer blank lines trimmed."""
    kept = [line for line in text.splitlines() if not line.lstrip().startswith(COMMENT)]
    return "\n".join(kept).strip()
