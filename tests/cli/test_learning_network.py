from __future__ import annotations

import tomllib
from pathlib import Path

from tests.conftest import data, ok, run, snapshot


def test_learning_add_list_filters(ada: Path, journal: Path) -> None:
    ok("learn", "add", "Pratt parsing handles precedence", "--rel", "ada", "--tag", "parsing")
    ok(
        "learn",
        "add",
        "Crafting Interpreters",
        "--kind",
        "resource",
        "--link",
        "https://craftinginterpreters.com",
    )
    ok("learn", "add", "Old lesson", as_of="2026-10-01")
    files = sorted((journal / "learning").glob("*.toml"))
    assert len(files) == 3
    assert files[0].name.startswith("2026-10-01-")
    assert [e["text"] for e in data("learn", "list", "--rel", "ada")] == [
        "Pratt parsing handles precedence"
    ]
    assert [e["kind"] for e in data("learn", "list", "--kind", "resource")] == ["resource"]
    assert [e["tags"] for e in data("learn", "list", "--tag", "PARSING")] == [["parsing"]]
    assert len(data("learn", "list", "--since", "2026-11-01")) == 2
    assert len(data("learn", "list")) == 3
    assert "craftinginterpreters" in ok("learn", "list").stdout


def test_bad_kind_is_rejected_and_nothing_written(journal: Path) -> None:
    before = snapshot(journal)
    result = run("learn", "add", "x", "--kind", "gossip")
    assert result.exit_code == 1
    assert "gossip" in result.stderr
    assert run("learn", "add", "  ").exit_code == 1
    assert run("learn", "list", "--kind", "gossip").exit_code == 1
    assert snapshot(journal) == before


def test_reflection_prompt_records_the_answers(ada: Path) -> None:
    ok(
        "learn",
        "add",
        "--prompt",
        "--rel",
        "ada",
        input="The demo\nUse it on Monday\nHow to scope\n",
    )
    entry = data("learn", "list")[0]
    assert entry["kind"] == "reflection"
    assert "What stood out?\nThe demo" in entry["text"]
    assert "How to scope" in entry["text"]


def test_network_add_find_by_prefix_and_log(ada: Path, journal: Path) -> None:
    ok("net", "add", "Jo Park", "--role", "expert", "--org", "Acme", "--via", "me", "--rel", "ada")
    ok("net", "add", "Jon Smith", "--role", "peer")
    assert (journal / "network" / "jo-park.toml").is_file()
    ambiguous = run("net", "show", "jo")
    assert ambiguous.exit_code == 1
    assert "Jo Park" in ambiguous.stderr and "Jon Smith" in ambiguous.stderr
    assert data("net", "show", "JO P")["name"] == "Jo Park"
    assert data("net", "show", "jon")["name"] == "Jon Smith"
    missing = run("net", "show", "zed")
    assert missing.exit_code == 1
    assert "zed" in missing.stderr
    ok("net", "log", "jo park", "Coffee; offered to review the talk", "--follow-up", "2026-12-10")
    shown = data("net", "show", "jo park")
    assert shown["interaction"] == [
        {"date": "2026-11-26", "text": "Coffee; offered to review the talk"}
    ]
    assert shown["follow_up"] == "2026-12-10"
    stored = tomllib.loads((journal / "network" / "jo-park.toml").read_text())
    assert stored["interaction"][0]["text"].startswith("Coffee")
    assert run("net", "add", "JO PARK").exit_code == 1


def test_follow_ups_due_are_listed_first_and_marked(journal: Path) -> None:
    ok("net", "add", "Later Person", "--follow-up", "2026-12-20")
    ok("net", "add", "Due Person", "--follow-up", "2026-11-26")
    ok("net", "add", "Overdue Person", "--follow-up", "2026-11-01")
    ok("net", "add", "No Date")
    rows = data("net", "list")
    assert [r["name"] for r in rows] == ["Overdue Person", "Due Person", "Later Person", "No Date"]
    assert [r["follow_up_due"] for r in rows] == [True, True, False, False]
    text = ok("net", "list").stdout
    assert "(due)" in text
    assert text.index("Overdue Person") < text.index("Later Person")


def test_introductions_show_under_the_relationship(ada: Path) -> None:
    ok("net", "add", "Jo Park", "--role", "expert", "--via", "me", "--rel", "ada")
    ok("net", "add", "Unrelated", "--role", "peer")
    shown = data("rel", "show", "ada")
    assert [i["name"] for i in shown["introductions"]] == ["Jo Park"]
    assert "Jo Park" in ok("rel", "show", "ada").stdout


def test_learning_add_takes_a_date_not_after_today(ada: Path, journal: Path) -> None:
    ok("learn", "add", "Backfilled", "--date", "2026-11-20")
    assert [p.name[:10] for p in (journal / "learning").glob("*.toml")] == ["2026-11-20"]
    assert data("learn", "list")[0]["date"] == "2026-11-20"
    before = snapshot(journal)
    result = run("learn", "add", "From the future", "--date", "2026-11-27")
    assert result.exit_code == 1
    assert "2026-11-27" in result.stderr
    assert snapshot(journal) == before
    early = ok("learn", "add", "Before we met", "--rel", "ada", "--date", "2026-08-01")
    assert "2026-09-01" in early.stderr
    assert "warning" not in ok("learn", "add", "Mine alone", "--date", "2026-08-01").stderr
