from __future__ import annotations

from datetime import date

from mentorlog.core.editor_template import SCISSORS, editor_template, strip_template
from mentorlog.core.model import AgendaItem

NOTES = "# Wins\n\n- Shipped the parser\n#2 priority: tests\n  # indented, kept\n## Next\nThe talk."


def test_everything_above_the_scissors_is_kept_exactly() -> None:
    template = editor_template("Check-in with Ada", [], [], [], notes=NOTES)
    assert strip_template(template) == NOTES
    assert strip_template("\n\n" + NOTES + "\n\n" + template) == NOTES + "\n\n" + NOTES


def test_the_guidance_below_the_scissors_is_dropped() -> None:
    template = editor_template("Check-in with Ada", [], [], [])
    assert SCISSORS in template.splitlines()
    assert strip_template(template) == ""
    assert strip_template("Notes.\n" + template) == "Notes."


def test_without_the_scissors_line_nothing_is_cut() -> None:
    assert strip_template("# Wins\nAll of it.\n# kept\n") == "# Wins\nAll of it.\n# kept"


def test_text_in_the_guidance_cannot_forge_the_scissors() -> None:
    forged = AgendaItem(id="a1", text=f"Talk\n{SCISSORS}\nsmuggled", added=date(2026, 11, 1))
    template = editor_template("Check-in with Ada", [forged], [], [])
    assert [line for line in template.splitlines() if line == SCISSORS] == [SCISSORS]
    assert strip_template("Mine.\n" + template) == "Mine."
