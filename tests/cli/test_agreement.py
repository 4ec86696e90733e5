from __future__ import annotations

from pathlib import Path

from tests.conftest import data, ok, run, snapshot


def _items(rel: str = "ada") -> list[dict[str, object]]:
    items: list[dict[str, object]] = data("expect", "list", rel)
    return items


def test_template_gives_at_least_six_sections_of_placeholders(ada: Path) -> None:
    ok("expect", "template", "ada")
    items = _items()
    sections = {item["section"] for item in items}
    assert len(sections) >= 6
    assert {
        "goals",
        "meetings",
        "communication",
        "responsibilities",
        "confidentiality",
        "ending",
    } <= sections
    assert all(item["placeholder"] for item in items)
    assert data("expect", "show", "ada")["status"] == "draft"


def test_placeholders_block_agreement_until_filled(ada: Path, journal: Path) -> None:
    ok("expect", "template", "ada")
    before = snapshot(journal)
    result = run("expect", "agree", "ada", "--by", "both")
    assert result.exit_code == 1
    assert "placeholder" in result.stderr
    assert snapshot(journal) == before


def _agreed(ada: Path) -> None:
    ok(
        "expect",
        "add",
        "ada",
        "We meet every other Tuesday for 45 minutes on video.",
        "--section",
        "meetings",
    )
    ok(
        "expect",
        "add",
        "ada",
        "Sends the agenda a day ahead.",
        "--section",
        "responsibilities",
        "--owner",
        "them",
    )
    ok("expect", "agree", "ada", "--by", "me", "--review-by", "2027-03-01")
    shown = data("expect", "show", "ada")
    assert shown["status"] == "awaiting"
    ok("expect", "agree", "ada", "--by", "them", "--date", "2026-11-20")


def test_agree_edit_makes_new_version_and_keeps_history(ada: Path) -> None:
    _agreed(ada)
    shown = data("expect", "show", "ada")
    assert shown["status"] == "agreed"
    assert shown["version"] == 1
    assert shown["review_by"] == "2027-03-01"
    assert {(s["party"], s["version"], s["date"]) for s in shown["signoffs"]} == {
        ("mentor", 1, "2026-11-26"),
        ("mentee", 1, "2026-11-20"),
    }
    owners = {item["text"]: item["owner"] for item in shown["items"]}
    assert owners["Sends the agenda a day ahead."] == "mentee"
    meeting = next(item for item in shown["items"] if item["section"] == "meetings")
    ok("expect", "edit", "ada", str(meeting["id"])[:3], "We meet weekly for 30 minutes.")
    edited = data("expect", "show", "ada")
    assert edited["version"] == 2
    assert edited["status"] == "draft"
    history = " ".join(change["what"] for change in edited["history"])
    assert "We meet every other Tuesday for 45 minutes on video." in history
    assert "We meet weekly for 30 minutes." in history
    ok("expect", "agree", "ada", "--by", "mentee")
    assert data("expect", "show", "ada")["status"] == "awaiting"
    shown_rel = data("rel", "show", "ada")
    assert shown_rel["agreement"]["status"] == "awaiting"
    assert shown_rel["agreement"]["review_by"] == "2027-03-01"
    assert "review by 2027-03-01" in ok("rel", "show", "ada").stdout


def test_markdown_has_every_item_and_the_signoffs(ada: Path) -> None:
    _agreed(ada)
    markdown = ok("expect", "show", "ada", "--format", "markdown").stdout
    assert markdown.startswith("# Mentoring agreement: Grace Hopper and Ada Lovelace")
    for item in _items():
        assert str(item["text"]) in markdown
    assert "mentor: version 1, 26 November 2026" in markdown
    assert "mentee: version 1, 20 November 2026" in markdown
    text = ok("expect", "show", "ada").stdout
    assert "Sign-offs" in text
    assert "agreed" in text


def test_bad_party_and_unknown_item_change_nothing(ada: Path, journal: Path) -> None:
    ok("expect", "add", "ada", "Honest feedback both ways.", "--section", "feedback")
    before = snapshot(journal)
    bad = run("expect", "agree", "ada", "--by", "nobody")
    assert bad.exit_code == 1
    assert "nobody" in bad.stderr
    for args in (
        ("expect", "edit", "ada", "zzzzz", "new text"),
        ("expect", "remove", "ada", "zzzzz"),
        ("expect", "add", "ada", "   ", "--section", "goals"),
        ("expect", "add", "ada", "text", "--section", " "),
        ("expect", "edit", "ada", "zzzzz"),
    ):
        result = run(*args)
        assert result.exit_code == 1, args
    assert snapshot(journal) == before


def test_remove_after_signoff_bumps_version(ada: Path) -> None:
    _agreed(ada)
    first = _items()[0]
    ok("expect", "remove", "ada", str(first["id"]))
    shown = data("expect", "show", "ada")
    assert shown["version"] == 2
    assert str(first["id"]) not in [item["id"] for item in shown["items"]]


def test_agreement_text_with_markup_is_literal(ada: Path) -> None:
    escape = run("expect", "add", "ada", "\x1b[31mred", "--section", "roles")
    assert escape.exit_code == 1  # no record holds a control character
    ok("expect", "add", "ada", "[bold]not bold[/bold] [/x] \u202ered", "--section", "roles")
    shown = ok("expect", "show", "ada").stdout
    assert "[bold]not bold[/bold] [/x]" in shown
    assert "\u202e" not in shown


def test_several_items_are_removed_as_one_new_version(ada: Path) -> None:
    _agreed(ada)
    ok("expect", "add", "ada", "Honest feedback both ways.", "--section", "feedback")
    ok("expect", "agree", "ada", "--by", "both")
    first, second, kept = (str(item["id"]) for item in _items())
    before = data("expect", "show", "ada")
    ok("expect", "remove", "ada", first, second[:3])
    shown = data("expect", "show", "ada")
    assert [item["id"] for item in shown["items"]] == [kept]
    assert shown["version"] == before["version"] + 1
    (change,) = shown["history"][len(before["history"]) :]
    assert change["what"].startswith(f"removed {first} (")
    assert f"; {second} (" in change["what"]


def test_one_unknown_id_removes_nothing_and_is_named(ada: Path, journal: Path) -> None:
    _agreed(ada)
    first = str(_items()[0]["id"])
    before = snapshot(journal)
    result = run("expect", "remove", "ada", first, "zzzzz")
    assert result.exit_code == 1
    assert "zzzzz" in result.stderr
    assert snapshot(journal) == before


def test_a_section_close_to_a_known_one_is_refused_with_did_you_mean(
    ada: Path, journal: Path
) -> None:
    ok("expect", "add", "ada", "Once a year.", "--section", "travel")
    before = snapshot(journal)
    for section, meant in (("comunication", "communication"), ("Travl", "travel")):
        result = run("expect", "add", "ada", "text", "--section", section)
        assert result.exit_code == 1
        assert f"did you mean '{meant}'?" in result.stderr
        assert "--new-section" in result.stderr
    item = str(_items()[0]["id"])
    assert "did you mean" in run("expect", "edit", "ada", item, "--section", "meeting").stderr
    assert snapshot(journal) == before
    ok("expect", "add", "ada", "Slack, within a day.", "--section", "communication")
    ok("expect", "add", "ada", "A shared doc.", "--section", "reading list")  # clearly new
    ok("expect", "add", "ada", "Notes.", "--section", "meeting", "--new-section")
    ok("expect", "edit", "ada", item, "--section", "Meeting")
    assert {(i["section"], i["text"]) for i in _items()} == {
        ("communication", "Slack, within a day."),
        ("reading list", "A shared doc."),
        ("meeting", "Notes."),
        ("meeting", "Once a year."),
    }
