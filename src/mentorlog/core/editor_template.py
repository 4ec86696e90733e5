"""The text a person writes in $EDITOR: the template with context, and what is kept of it."""

from mentorlog.core.model import Action, AgendaItem, Goal

COMMENT = "#"
# git's scissors line: it and everything below it are guidance, left out; everything above is
# the person's, kept as written, so a Markdown heading (`# Wins`) is never taken for a comment.
SCISSORS = f"{COMMENT} ------------------------ >8 ------------------------"
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
    """The text an editor opens: current notes first, then the scissors line and, below it,
    the context as comments."""
    lines = [notes.rstrip("\n"), ""] if notes else ["", ""]
    lines.append(SCISSORS)
    lines.append(
        f"{COMMENT} Do not change or remove the line above: everything below it is left out."
    )
    lines.append(f"{COMMENT} {_one_line(heading)}. Leave the notes above empty to cancel.")
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
        lines += [f"{COMMENT}   {_one_line(entry)}" for entry in entries]
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    """Guidance holds user text (agenda items, titles) on one line, so none of it can become
    a line of its own, let alone a scissors line."""
    return " ".join(text.split())


def strip_template(text: str) -> str:
    """What the person wrote: everything above the last scissors line, exactly as written but
    for blank lines around it. Without a scissors line nothing is cut."""
    lines = text.split("\n")
    cuts = [n for n, line in enumerate(lines) if line.rstrip() == SCISSORS]
    kept = lines[: cuts[-1]] if cuts else lines
    while kept and not kept[-1].strip():
        kept.pop()
    while kept and not kept[0].strip():
        kept.pop(0)
    return "\n".join(kept)
