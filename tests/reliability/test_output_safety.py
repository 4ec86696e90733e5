"""Nothing a record holds reaches a terminal or a Markdown reader as anything but text: every
field (owner, horizon, mode, kind, link, tags, names, not only free text), from a hand edit or
an import, in every view and export, as text, Markdown or JSON."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from tests.conftest import data, ok, run, snapshot

ESCAPES = "\x1b]0;PWN\x07\x1b[2J"  # sets the terminal's title, then clears the screen
OSC8 = "\x1b]8;;https://evil.example\x07https://fine.example\x1b]8;;\x07"  # a lying hyperlink
CSI = "\x9b31mred"  # the one-character form of ESC [
BIDI = "\u202eevil\u202c \u2066isolated\u2069"
HTML = "<img src=x onerror=alert(1)>"
JS_LINK = "javascript:alert(1)"
MD_LINK = f"[click](javascript:alert(1)) ![x]({JS_LINK}) <{JS_LINK}>"
# A link a Markdown renderer would follow: an autolink, or a link or image whose ] is not
# escaped.
LIVE_LINK = re.compile(r"<\s*javascript:|(?<!\\)\]\(\s*javascript:", re.IGNORECASE)
NEVER_SHOWN = ("\x1b", "\x07", "\x9b", "\u202e", "\u202c", "\u2066", "\u2069")

# Two kinds of hostile value: control sequences (which validation may refuse: the record is
# then left out as a problem, which is safe too) and text that validation accepts.
ESCAPING = {"owner": ESCAPES, "name": ESCAPES + "Ada", "link": OSC8, "tag": CSI, "kind": ESCAPES}
ACCEPTED = {"owner": HTML, "name": HTML + BIDI, "link": JS_LINK, "tag": MD_LINK, "kind": BIDI}


def edit_toml(path: Path, **changes: Any) -> None:
    """Change a record file by hand, as a person (or another device) might."""
    record = tomllib.loads(path.read_text(encoding="utf-8"))
    record.update(changes)
    path.write_text(tomli_w.dumps(record), encoding="utf-8")


def only(folder: Path) -> Path:
    (path,) = folder.glob("*.toml")
    return path


def hostile_journal(journal: Path, value: dict[str, str]) -> list[tuple[str, ...]]:
    """A journal with records of every kind whose fields were changed by hand: Ada's free text
    (names, links, tags: validation takes these), Bob's words from a list (owner, mode,
    horizon, kind: validation may refuse these, and the record is then left out). Returns
    every list, show, review and search to run, each of which takes --format."""
    for rel in ("ada", "bob"):
        ok("rel", "add", rel.title(), "--as", "mentor", "--started", "2026-09-01")
        ok("checkin", "log", rel, "--date", "2026-11-20", "--mode", "video", "--notes", "n")
        ok("goal", "add", rel, "Give a talk", "--target", "2027-03-01")
        ok("action", "add", rel, "Send the outline", "--owner", "them", "--due", "2026-11-20")
        ok("expect", "add", rel, "Meet every two weeks", "--section", "meetings")
        ok("agenda", "add", rel, "The talk")
        ok("learn", "add", f"Pratt parsing {rel}", "--rel", rel, "--link", "https://fine.ex/a")
        ok("net", "add", f"Jo {rel}", "--rel", rel, "--via", "Ada", "--follow-up", "2026-11-01")
    edit_toml(journal / "journal.toml", owner=value["name"])
    ada, bob = (journal / "relationships" / rel for rel in ("ada", "bob"))
    learning = {p.read_text().split("parsing ")[1][:3]: p for p in (journal / "learning").glob("*")}
    agreement = tomllib.loads((ada / "relationship.toml").read_text())["agreement"]
    agreement["item"][0].update(section=value["name"])
    edit_toml(
        ada / "relationship.toml",
        counterpart=value["name"],
        contact=value["link"],
        tags=[value["tag"]],
        agreement=agreement,
    )
    edit_toml(only(ada / "checkins"), summary=value["name"], topics=[value["tag"]])
    edit_toml(only(ada / "goals"), title=value["name"], why=value["tag"])
    edit_toml(only(ada / "actions"), text=value["name"])
    edit_toml(learning["ada"], text=value["name"], link=value["link"], tags=[value["tag"]])
    edit_toml(
        journal / "network" / "jo-ada.toml",
        name=value["name"],
        role=value["owner"],
        via=value["link"],
    )
    agreement = tomllib.loads((bob / "relationship.toml").read_text())["agreement"]
    agreement["item"][0].update(owner=value["owner"])
    edit_toml(bob / "relationship.toml", agreement=agreement)
    edit_toml(only(bob / "checkins"), mode=value["kind"])
    edit_toml(only(bob / "goals"), owner=value["owner"], horizon=value["kind"])
    edit_toml(only(bob / "actions"), owner=value["owner"])
    edit_toml(learning["bob"], kind=value["kind"])
    shown: list[tuple[str, ...]] = [
        ("rel", "list"),
        ("agenda", "list"),
        ("goal", "list", "--all"),
        ("action", "list", "--all"),
        ("action", "list", "--overdue"),
        ("learn", "list"),
        ("net", "list"),
        ("net", "show", value["name"]),
        ("summary",),
        ("summary", "--period", "quarter"),
        ("status",),
        ("search", "talk"),
        ("doctor",),
    ]
    for folder in (ada, bob):
        checkin = tomllib.loads(only(folder / "checkins").read_text())["id"]
        goal = tomllib.loads(only(folder / "goals").read_text())["id"]
        shown += [
            ("rel", "show", folder.name),
            ("expect", "list", folder.name),
            ("expect", "show", folder.name),
            ("checkin", "list", folder.name),
            ("checkin", "show", checkin),
            ("goal", "show", goal),
            ("health", "show", folder.name),
        ]
    return shown


def assert_harmless(result: Any, what: tuple[str, ...], markdown: bool) -> None:
    """Printed whole, or with a record left out as a problem (exit 3; a record shown alone is
    then not found, exit 1), never a traceback; no escape, bell or bidi character anywhere; in
    Markdown, no HTML and no link but web ones."""
    left_out = result.exit_code == 1 and re.search(r"\bNo \w+ matches", result.output)
    assert result.exit_code in (0, 3) or left_out, (what, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, what
    for stream in (result.stdout, result.stderr):
        for bad in NEVER_SHOWN:
            assert bad not in stream, (what, bad, stream)
    if markdown:
        assert "<img" not in result.stdout, (what, result.stdout)
        assert not LIVE_LINK.search(result.stdout), (what, result.stdout)


@pytest.mark.parametrize("value", [ESCAPING, ACCEPTED], ids=["escapes", "accepted"])
def test_every_view_shows_every_hostile_field_as_text(journal: Path, value: dict[str, str]) -> None:
    shown = hostile_journal(journal, value)
    before = snapshot(journal)
    for view in shown:
        for fmt in ("text", "markdown", "json"):
            result = run(*view, "--format", fmt)
            if fmt == "markdown" and "no Markdown form" in result.stderr:
                continue
            assert_harmless(result, (*view, fmt), markdown=fmt == "markdown")
    for fmt in ("json", "markdown", "ics"):
        for private in ((), ("--include-private",)):
            result = run("export", "--format", fmt, *private)
            assert_harmless(result, ("export", fmt, *private), markdown=fmt == "markdown")
    assert snapshot(journal) == before


def test_the_markdown_export_shows_html_escaped_wherever_it_comes_from(journal: Path) -> None:
    """An owner, a name and notes holding HTML (typed, hand edited or imported) read as
    written, and no Markdown renderer can take them for HTML."""
    ok("rel", "add", HTML, "--as", "mentor", "--started", "2026-09-01")
    ok("checkin", "log", "img", "--date", "2026-11-20", "--notes", f"# Plan\n\n{HTML}\n{MD_LINK}")
    edit_toml(journal / "journal.toml", owner=HTML)
    shown = ok("export", "--format", "markdown").stdout
    assert "<img" not in shown and not LIVE_LINK.search(shown)
    assert "&lt;img src=x onerror=alert(1)&gt;" in shown  # the owner, the name, the notes
    assert "# Plan" in shown  # notes keep their own Markdown, but not HTML or links
    assert r"\[click\](javascript:alert(1))" in shown


def test_a_hostile_link_is_text_and_a_web_link_a_link(journal: Path) -> None:
    ok("learn", "add", "Pratt parsing", "--link", "https://fine.example/pratt?a=1&b=2")
    for link in (OSC8, JS_LINK, "https://x.example/\u202eevil", "https://x.example/ <b>"):
        ok("learn", "add", "hostile", "--link", "placeholder")
        placeholder = next(
            p for p in (journal / "learning").glob("*.toml") if "placeholder" in p.read_text()
        )
        edit_toml(placeholder, link=link)
    markdown = run("learn", "list", "--format", "markdown")
    assert_harmless(markdown, ("learn", "list", "markdown"), markdown=True)
    assert "<https://fine.example/pratt?a=1&b=2>" in markdown.stdout
    assert markdown.stdout.count("<http") == 1  # the web link, and nothing else, is a link
    plain = run("learn", "list")
    assert_harmless(plain, ("learn", "list"), markdown=False)
    assert "https://fine.example/pratt?a=1&b=2" in plain.stdout


def test_only_a_web_link_becomes_a_hyperlink_on_a_terminal(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a terminal (FORCE_COLOR), a plain https link is written as a hyperlink; any other
    link (an OSC 8 sequence, javascript:, a bidi character) is shown as text, never as one."""
    ok("learn", "add", "Pratt parsing", "--link", "https://fine.example/pratt")
    for link in (OSC8, JS_LINK, "https://bidi.example/\u202eevil"):
        ok("learn", "add", "hostile", "--link", "placeholder")
        (hostile,) = (
            p for p in (journal / "learning").glob("*.toml") if "placeholder" in p.read_text()
        )
        edit_toml(hostile, link=link)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("MENTORLOG_PAGER", "0")
    result = run("learn", "list")
    assert result.exit_code in (0, 3), result.stderr
    hyperlinks = re.findall(r"\x1b\]8;[^;\x1b\x07]*;([^\x1b\x07]*)", result.stdout)
    assert set(hyperlinks) == {"https://fine.example/pratt", ""}  # opened, then closed
    assert JS_LINK in result.stdout and "bidi.example" in result.stdout  # as text
    for bad in ("\x07", "\x9b", "\u202e"):
        assert bad not in result.stdout


def test_a_hostile_link_never_reaches_a_pipe_raw(journal: Path) -> None:
    """As a whole process writing to a pipe."""
    ok("learn", "add", "hostile", "--link", "placeholder")
    (entry,) = (journal / "learning").glob("*.toml")
    edit_toml(entry, link=OSC8, kind=ESCAPES)
    env = {**os.environ, "MENTORLOG_AS_OF": "2026-11-26"}
    for fmt in ("text", "markdown"):
        listed = subprocess.run(
            [sys.executable, "-m", "mentorlog", "learn", "list", "--format", fmt],
            env=env,
            capture_output=True,
            check=False,
        )
        assert listed.returncode in (0, 3), listed.stderr
        assert b"Traceback" not in listed.stderr
        for stream in (listed.stdout, listed.stderr):
            assert b"\x1b" not in stream and b"\x07" not in stream


def test_an_imported_owner_is_shown_escaped(journal: Path, tmp_path: Path) -> None:
    """An export from elsewhere whose action owner and names hold HTML and escape sequences:
    whether import takes it or refuses it, nothing printed afterwards carries them raw."""
    ok("rel", "add", "Ada Lovelace", "--as", "mentor", "--started", "2026-09-01")
    ok("action", "add", "ada", "Send the outline", "--owner", "them", "--due", "2026-12-01")
    document = data("export")
    document["owner"] = "Someone Else"
    part = document["relationships"][0]
    part["relationship"].update(id="bob", counterpart=f"Bob {HTML}")
    part["actions"][0].update(id="zz9", owner=HTML + ESCAPES)
    source = tmp_path / "from-bob.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    imported = run("import", str(source))
    assert imported.exit_code in (0, 1, 3), imported.stderr
    assert "Traceback" not in imported.stderr
    for view in (("export",), ("action", "list", "--all"), ("summary",), ("status",)):
        for fmt in ("text", "markdown"):
            if view != ("export",) or fmt == "markdown":
                result = run(*view, "--format", fmt)
                assert_harmless(result, (*view, fmt), markdown=fmt == "markdown")
