"""`expect fill`: the whole agreement in the editor as one document, saved as one new version;
an unchanged document changes nothing, and one that cannot be read changes nothing either and
is kept, to be corrected and saved with --from."""

from __future__ import annotations

import re
import shlex
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import data, ok, run, snapshot


def editor(folder: Path, change: str = "") -> str:
    """A VISUAL that keeps a copy of what it opened (`opened.md`) and rewrites the file with
    `change`: Python turning `text` into what the person saves."""
    script = folder / "editor.py"
    script.write_text(
        "import re, shutil, sys\n"
        f"shutil.copy(sys.argv[1], {str(folder / 'opened.md')!r})\n"
        "text = open(sys.argv[1], encoding='utf-8').read()\n"
        f"{change}\n"
        "open(sys.argv[1], 'w', encoding='utf-8').write(text)\n"
    )
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"


@pytest.fixture
def agreed(ada: Path) -> Path:
    """Ada's agreement, version 1, signed by both: a meetings item and a mentee's item."""
    ok("expect", "add", "ada", "Every other Tuesday, 45 minutes.", "--section", "meetings")
    ok(
        "expect",
        "add",
        "ada",
        "Sends the agenda.",
        "--section",
        "responsibilities",
        "--owner",
        "them",
    )
    ok("expect", "agree", "ada", "--by", "both")
    return ada


def _item_id(text: str) -> str:
    return next(str(i["id"]) for i in data("expect", "list", "ada") if i["text"] == text)


def test_an_unchanged_document_changes_nothing(
    agreed: Path, journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", editor(tmp_path))
    meeting = _item_id("Every other Tuesday, 45 minutes.")
    before = snapshot(journal)
    result = ok("expect", "fill", "ada")
    assert "Nothing changed; ada-lovelace's agreement stays version 1." in result.stderr
    assert snapshot(journal) == before
    opened = (tmp_path / "opened.md").read_text(encoding="utf-8")
    assert f"## meetings\n\n- [{meeting} both] Every other Tuesday, 45 minutes.\n" in opened
    assert "version 1: signed; a change makes version 2, to be signed again." in opened


def test_every_edit_of_the_document_is_saved_as_one_new_version(
    agreed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting = _item_id("Every other Tuesday, 45 minutes.")
    agenda = _item_id("Sends the agenda.")
    monkeypatch.setenv(
        "VISUAL",
        editor(
            tmp_path,
            "text = text.replace('Every other Tuesday, 45 minutes.', 'Weekly, 30 minutes.')\n"
            f"text = text.replace('- [{agenda} mentee] Sends the agenda.\\n', '')\n"
            "text = text.replace('## meetings\\n\\n', '## meetings\\n\\n- [mentor] Books the room.\\n'"
            " '- On video when travelling,\\n  with the camera on.\\n')\n"
            "text = '## travel\\n\\n- Once a year.\\n\\n' + text",
        ),
    )
    result = ok("expect", "fill", "ada")
    assert "ada-lovelace's agreement, version 2:" in result.stderr
    shown = data("expect", "show", "ada")
    assert (shown["version"], shown["status"]) == (2, "draft")
    assert [(i["section"], i["text"], i["owner"]) for i in shown["items"]] == [
        ("meetings", "Books the room.", "mentor"),
        ("meetings", "On video when travelling,\nwith the camera on.", "both"),
        ("meetings", "Weekly, 30 minutes.", "both"),
        ("travel", "Once a year.", "both"),
    ]
    assert next(i["id"] for i in shown["items"] if i["text"] == "Weekly, 30 minutes.") == meeting
    (change,) = [c for c in shown["history"] if c["version"] == 2]
    assert (
        f"edited {meeting}: text 'Every other Tuesday, 45 minutes.' → 'Weekly, 30 minutes.'"
        in (change["what"])
    )
    assert f"removed {agenda} (responsibilities): Sends the agenda." in change["what"]
    stored = tomllib.loads((agreed / "relationship.toml").read_text(encoding="utf-8"))
    assert stored["agreement"]["version"] == 2
    assert {item["text"] for item in stored["agreement"]["item"]} == {
        i["text"] for i in shown["items"]
    }


def test_filling_the_placeholders_in_the_editor_lets_both_sign(
    ada: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("expect", "template", "ada")
    placeholders = len(data("expect", "list", "ada"))
    # The person writes over each placeholder's mark and question; the last one they remove.
    monkeypatch.setenv(
        "VISUAL",
        editor(
            tmp_path,
            "n = iter(range(99))\n"
            "text = re.sub(r'TO FILL IN: .*', lambda m: f'Answer {next(n)}.', text)\n"
            "text = re.sub(r'- \\[\\w+ both\\] Answer 10\\.\\n', '', text)",
        ),
    )
    ok("expect", "fill", "ada")
    opened = (tmp_path / "opened.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^- \[\w+ \w+\] TO FILL IN: ", opened, re.M)) == placeholders
    items = data("expect", "list", "ada")
    assert len(items) == placeholders - 1
    assert not any(item["placeholder"] for item in items)
    assert len(data("expect", "show", "ada")["history"]) == 2  # the template, the fill
    ok("expect", "agree", "ada", "--by", "both")
    assert data("expect", "show", "ada")["status"] == "agreed"


def test_a_document_that_cannot_be_read_is_kept_and_saved_with_from(
    agreed: Path, journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(
        "VISUAL", editor(tmp_path, "text = text.replace('## meetings', 'Meetings, as agreed:')")
    )
    before = snapshot(journal)
    result = run("expect", "fill", "ada")
    assert result.exit_code == 1
    assert "Line 1: 'Meetings, as agreed:' is neither a section heading" in result.stderr
    assert snapshot(journal) == before
    (kept,) = (tmp_path / "state" / "unsaved").iterdir()
    assert kept.read_text(encoding="utf-8").startswith("Meetings, as agreed:\n\n- [")
    assert f"mentorlog expect fill ada-lovelace --from {kept}" in result.stderr
    monkeypatch.setenv(
        "VISUAL",
        editor(
            tmp_path,
            "text = text.replace('Meetings, as agreed:', '## meetings')"
            ".replace('45 minutes', '50 minutes')",
        ),
    )
    ok("expect", "fill", "ada", "--from", str(kept))
    assert "Every other Tuesday, 50 minutes." in [i["text"] for i in data("expect", "list", "ada")]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ("text = text.replace('## meetings', '## meeting')", "did you mean 'meetings'?"),
        ("text = text.replace('## meetings\\n\\n- [', '## meetings\\n\\n- [zz')", "no item zz"),
        ("text = ''", "The agreement came back empty"),
        ("text = text.replace('Tuesday', 'Tues\\x07day')", "control character"),
    ],
)
def test_a_document_the_agreement_cannot_take_changes_nothing(
    agreed: Path,
    journal: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    change: str,
    words: str,
) -> None:
    monkeypatch.setenv("VISUAL", editor(tmp_path, change))
    before = snapshot(journal)
    result = run("expect", "fill", "ada")
    assert result.exit_code == 1
    assert words in result.stderr
    assert snapshot(journal) == before


def test_new_section_takes_a_near_heading_as_a_new_section(
    agreed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(
        "VISUAL", editor(tmp_path, "text = '## meeting\\n\\n- Shared doc.\\n\\n' + text")
    )
    assert "did you mean 'meetings'?" in run("expect", "fill", "ada").stderr
    ok("expect", "fill", "ada", "--new-section")
    assert ("meeting", "Shared doc.") in [
        (i["section"], i["text"]) for i in data("expect", "list", "ada")
    ]
