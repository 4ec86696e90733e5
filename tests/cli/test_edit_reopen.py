"""Correcting records and taking a close back: edit, reopen, several ids at once."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from tests.conftest import data, ok, run, snapshot


def _toml(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text())


def _goal(title: str = "Give a conference talk", *extra: str) -> str:
    ok("goal", "add", "ada", title, "--target", "2027-05-26", "--why", "Visibility", *extra)
    return str(next(g["id"] for g in data("goal", "list", "--all") if g["title"] == title))


def _action(text: str = "Send the draft", *extra: str) -> str:
    ok("action", "add", "ada", text, "--owner", "them", *extra)
    return str(next(a["id"] for a in data("action", "list", "--all") if a["text"] == text))


def _refused(journal: Path, *commands: tuple[str, ...]) -> list[str]:
    """Run commands that must fail with exit 1 and change nothing; their messages."""
    before = snapshot(journal)
    messages = []
    for args in commands:
        result = run(*args)
        assert result.exit_code == 1, (args, result.stdout, result.stderr)
        messages.append(result.stderr)
    assert snapshot(journal) == before
    return messages


def test_goal_edit_changes_only_the_options_given_and_keeps_hand_edits(ada: Path) -> None:
    goal_id = _goal()
    path = ada / "goals" / f"{goal_id}.toml"
    path.write_text("# written by hand\n" + path.read_text() + 'mood = "keen"\n')
    ok("goal", "edit", goal_id[:3], "--title", "Give two talks", "--target", "2027-09-30")
    ok("goal", "edit", goal_id, "--horizon", "long", "--owner", "me", "--measure", "Talks given")
    stored = _toml(path)
    assert (stored["title"], stored["target"].isoformat()) == ("Give two talks", "2027-09-30")
    assert (stored["horizon"], stored["owner"], stored["measure"]) == (
        "long",
        "mentor",
        "Talks given",
    )
    assert stored["why"] == "Visibility"
    assert stored["mood"] == "keen"
    assert path.read_text().startswith("# written by hand\n")
    shown = data("goal", "show", goal_id)
    assert (shown["title"], shown["target"], shown["owner"]) == (
        "Give two talks",
        "2027-09-30",
        "mentor",
    )
    ok("goal", "edit", goal_id, "--target", "", "--why", "")
    assert "target" not in _toml(path) and "why" not in _toml(path)  # defaults are left out
    assert data("goal", "show", goal_id)["target"] is None


def test_goal_edit_refuses_bad_input_and_changes_nothing(ada: Path, journal: Path) -> None:
    goal_id = _goal()
    nothing, *_ = _refused(
        journal,
        ("goal", "edit", goal_id),
        ("goal", "edit", "zzzzz", "--title", "New"),
        ("goal", "edit", goal_id, "--title", "   "),
        ("goal", "edit", goal_id, "--target", "2026-11-25"),
        ("goal", "edit", goal_id, "--horizon", "medium"),
        ("goal", "edit", goal_id, "--owner", "nobody"),
    )
    assert "--title, --why, --measure, --target, --horizon, --owner." in nothing
    assert "--journal" not in nothing  # a global option changes nothing of a goal
    assert "goal edit --help" in nothing


def test_goal_reopen_makes_an_achieved_or_dropped_goal_active_again(
    ada: Path, journal: Path
) -> None:
    achieved = _goal("Talk")
    dropped = _goal("Rust")
    ok("goal", "done", achieved)
    ok("goal", "drop", dropped, "--why", "Priorities changed")
    for goal_id in (achieved, dropped):
        ok("goal", "reopen", goal_id)
        stored = _toml(ada / "goals" / f"{goal_id}.toml")
        assert stored["status"] == "active"
        assert "closed" not in stored and stored.get("close_note", "") == ""
        shown = data("goal", "show", goal_id)
        assert (shown["status"], shown["closed"], shown["close_note"]) == ("active", None, "")
    assert data("goal", "show", achieved)["progress"] == 100  # its history stays
    ok("goal", "pause", dropped)
    active, paused = _refused(
        journal, ("goal", "reopen", achieved), ("goal", "reopen", dropped), ("goal", "reopen", "zz")
    )[:2]
    assert "achieved or dropped" in active
    assert "paused" in paused


def test_action_edit_counts_a_later_due_date_as_a_deferral_only(ada: Path) -> None:
    goal_id = _goal()
    action_id = _action("Send the draft", "--due", "2026-12-01")
    path = ada / "actions" / f"{action_id}.toml"
    result = ok("action", "edit", action_id, "--due", "2026-12-08", "--text", "Send draft 2")
    assert "Due 2026-12-08 (deferred 1 time)." in result.stderr
    ok("action", "edit", action_id, "--due", "2026-12-04", "--owner", "me", "--goal", goal_id[:3])
    stored = _toml(path)
    assert stored["due"].isoformat() == "2026-12-04"
    assert (stored["text"], stored["owner"], stored["goal"]) == ("Send draft 2", "mentor", goal_id)
    assert [(r["original"].isoformat(), r["new"].isoformat()) for r in stored["reschedule"]] == [
        ("2026-12-01", "2026-12-08")
    ]
    (shown,) = data("action", "list")
    assert (shown["due"], shown["deferrals"], shown["goal"]) == ("2026-12-04", 1, goal_id)
    ok("action", "edit", action_id, "--goal", "", "--due", "")
    assert "goal" not in _toml(path) and "due" not in _toml(path)


def test_action_edit_refuses_bad_input_and_changes_nothing(ada: Path, journal: Path) -> None:
    action_id = _action("Send it", "--due", "2026-12-01")
    nothing, *_ = _refused(
        journal,
        ("action", "edit", action_id),
        ("action", "edit", "zzzzz", "--text", "x"),
        ("action", "edit", action_id, "--text", " "),
        ("action", "edit", action_id, "--due", "2026-11-01"),
        ("action", "edit", action_id, "--owner", "nobody"),
        ("action", "edit", action_id, "--goal", "zzzzz"),
    )
    assert "--text, --due, --owner, --goal" in nothing


def test_action_reopen_clears_the_closing_day(ada: Path, journal: Path) -> None:
    done = _action("Done one", "--due", "2026-11-20")
    dropped = _action("Dropped one")
    ok("action", "done", done, "--date", "2026-11-22")
    ok("action", "drop", dropped)
    for action_id in (done, dropped):
        ok("action", "reopen", action_id)
        stored = _toml(ada / "actions" / f"{action_id}.toml")
        assert stored["status"] == "open"
        assert "done" not in stored and "dropped" not in stored
    shown = {a["id"]: a for a in data("action", "list")}
    assert (shown[done]["status"], shown[done]["done"], shown[done]["overdue"]) == (
        "open",
        None,
        True,
    )
    (message,) = _refused(journal, ("action", "reopen", done))
    assert "done or dropped" in message


def test_action_done_and_drop_take_several_ids_all_or_nothing(ada: Path, journal: Path) -> None:
    first, second, third = (_action(text) for text in ("A", "B", "C"))
    _refused(
        journal,
        ("action", "done", first, "zzzzz"),
        ("action", "drop", first, second, "zzzzz"),
    )
    ok("action", "done", third)
    _refused(journal, ("action", "done", first, third))  # one is done already: none changes
    result = ok("action", "done", first, second[:3], first)
    assert result.stderr.count("Done") == 2
    assert {a["id"]: a["status"] for a in data("action", "list", "--all")} == {
        first: "done",
        second: "done",
        third: "done",
    }
    ok("action", "reopen", first)
    ok("action", "reopen", second)
    ok("action", "drop", first, second)
    assert {_toml(ada / "actions" / f"{i}.toml")["status"] for i in (first, second)} == {"dropped"}


def test_reschedule_takes_the_date_as_an_argument(ada: Path, journal: Path) -> None:
    action_id = _action("Send it", "--due", "2026-11-30")
    ok("action", "reschedule", action_id, "+1w")  # 2026-12-03
    ok("action", "reschedule", action_id, "--due", "2026-12-10")
    result = ok("action", "reschedule", action_id, "2026-12-05")  # earlier: no deferral
    assert "(deferred 2 times)" in result.stderr
    stored = _toml(ada / "actions" / f"{action_id}.toml")
    assert stored["due"].isoformat() == "2026-12-05"
    assert [r["new"].isoformat() for r in stored["reschedule"]] == ["2026-12-03", "2026-12-10"]
    assert data("action", "list")[0]["deferrals"] == 2
    _refused(
        journal,
        ("action", "reschedule", action_id),
        ("action", "reschedule", action_id, "+1w", "--due", "+2w"),
        ("action", "reschedule", "zzzzz", "+1w"),
    )


def test_milestone_done_needs_no_goal_id_when_the_milestone_id_is_unique(
    ada: Path, journal: Path
) -> None:
    first, second = _goal("Talk"), _goal("Rust")
    ok("goal", "milestone", first, "Abstract")
    ok("goal", "milestone", second, "Book read")
    abstract = data("goal", "show", first)["milestone"][0]["id"]
    ok("goal", "milestone-done", abstract)
    stored = _toml(ada / "goals" / f"{first}.toml")
    assert stored["milestone"][0]["done"].isoformat() == "2026-11-26"
    assert data("goal", "show", first)["milestones_done"] == 1
    # Milestone ids are unique within a goal only: another goal may hold the same one.
    path = ada / "goals" / f"{second}.toml"
    book = data("goal", "show", second)["milestone"][0]["id"]
    path.write_text(path.read_text().replace(f'"{book}"', f'"{abstract}"'))
    (several, unknown) = _refused(
        journal, ("goal", "milestone-done", abstract), ("goal", "milestone-done", "zzzzz")
    )
    assert first in several and second in several and "Give the goal's id" in several
    assert "No milestone" in unknown
    ok("goal", "milestone-done", second, abstract)
    assert data("goal", "show", second)["milestones_done"] == 1


def test_learn_edit_changes_the_entry_and_moves_its_file_to_a_new_date(
    ada: Path, journal: Path
) -> None:
    ok("learn", "add", "Pratt parsing", "--tag", "parsing", "--date", "2026-11-20")
    (entry,) = data("learn", "list")
    old = journal / "learning" / f"2026-11-20-{entry['id']}.toml"
    old.write_text(old.read_text() + "# kept\n")
    ok(
        "learn",
        "edit",
        entry["id"][:3],
        "--text",
        "Pratt parsing handles precedence",
        "--kind",
        "skill",
        "--rel",
        "ada",
        "--tag",
        "parsers",
        "--tag",
        "talks",
        "--date",
        "2026-11-18",
    )
    new = journal / "learning" / f"2026-11-18-{entry['id']}.toml"
    assert not old.exists() and "# kept\n" in new.read_text()
    stored = _toml(new)
    assert (stored["text"], stored["kind"], stored["rel"]) == (
        "Pratt parsing handles precedence",
        "skill",
        "ada-lovelace",
    )
    assert stored["tags"] == ["parsers", "talks"]
    (shown,) = data("learn", "list", "--rel", "ada")
    assert (shown["date"], shown["kind"], shown["tags"]) == (
        "2026-11-18",
        "skill",
        ["parsers", "talks"],
    )
    ok("learn", "edit", entry["id"], "--rel", "", "--tag", "")
    assert "rel" not in _toml(new) and "tags" not in _toml(new)
    assert data("learn", "list")[0]["tags"] == []
    nothing, *_ = _refused(
        journal,
        ("learn", "edit", entry["id"]),
        ("learn", "edit", "zzzzz", "--text", "x"),
        ("learn", "edit", entry["id"], "--text", "  "),
        ("learn", "edit", entry["id"], "--kind", "gossip"),
        ("learn", "edit", entry["id"], "--date", "2026-11-27"),
        ("learn", "edit", entry["id"], "--rel", "nobody"),
    )
    assert "--text, --kind, --link, --tag, --rel, --goal, --date" in nothing


def test_net_edit_changes_the_contact_and_keeps_its_file(ada: Path, journal: Path) -> None:
    ok("net", "add", "Jo Park", "--org", "Acme", "--follow-up", "2026-12-01")
    ok("net", "add", "Sam Lee")
    path = journal / "network" / "jo-park.toml"
    ok("net", "edit", "jo", "--name", "Jo Parker", "--org", "Acme Labs", "--rel", "ada")
    ok("net", "edit", "jo parker", "--follow-up", "", "--role", "expert")
    stored = _toml(path)
    assert (stored["name"], stored["org"], stored["rel"], stored["role"]) == (
        "Jo Parker",
        "Acme Labs",
        "ada-lovelace",
        "expert",
    )
    assert "follow_up" not in stored
    shown = data("net", "show", "jo")
    assert (shown["name"], shown["org"], shown["follow_up"]) == ("Jo Parker", "Acme Labs", None)
    assert sorted(p.name for p in path.parent.iterdir()) == ["jo-park.toml", "sam-lee.toml"]
    nothing, *_, namesake = _refused(
        journal,
        ("net", "edit", "jo"),
        ("net", "edit", "nobody", "--org", "x"),
        ("net", "edit", "jo", "--name", " "),
        ("net", "edit", "jo", "--follow-up", "someday"),
        ("net", "edit", "jo", "--name", "sam lee"),
    )
    assert "--name, --role, --org, --via, --rel, --follow-up, --notes" in nothing
    assert "Sam Lee is already in your network" in namesake


def test_rel_reopen_brings_an_ended_relationship_back_with_its_history(
    ada: Path, journal: Path
) -> None:
    ok("rel", "end", "ada", "--note", "goals reached", as_of="2026-11-20")
    (resume,) = _refused(journal, ("rel", "resume", "ada"))
    assert "mentorlog rel reopen ada-lovelace" in resume
    ok("rel", "reopen", "ada", "--note", "new goals")
    stored = _toml(ada / "relationship.toml")
    assert stored["status"] == "active"
    assert [(c["status"], c["date"].isoformat(), c["note"]) for c in stored["status_change"]] == [
        ("ended", "2026-11-20", "goals reached"),
        ("active", "2026-11-26", "new goals"),
    ]
    shown = data("rel", "show", "ada")
    assert shown["status"] == "active"
    assert [c["status"] for c in shown["status_change"]] == ["ended", "active"]
    assert shown["checkins"]["next_due"] is not None  # check-ins are expected again
    assert [r["id"] for r in data("rel", "list")] == ["ada-lovelace"]
    ok("rel", "pause", "ada")
    paused, unknown = _refused(journal, ("rel", "reopen", "ada"), ("rel", "reopen", "nobody"))
    assert "mentorlog rel resume ada-lovelace" in paused
    assert "No relationship" in unknown


def test_several_ids_change_none_when_one_file_is_from_a_newer_version(
    ada: Path, journal: Path
) -> None:
    first, second = _action("One"), _action("Two")
    path = ada / "actions" / f"{second}.toml"
    path.write_text(path.read_text().replace("schema = 1", "schema = 2"))
    before = snapshot(journal)
    result = run("action", "done", first, second)
    assert result.exit_code == 3 and "newer mentorlog" in result.stderr
    assert snapshot(journal) == before


def test_an_action_serves_a_goal_of_its_own_relationship(ada: Path, journal: Path) -> None:
    ok("rel", "add", "Alan Turing", "--as", "mentor")
    ok("goal", "add", "alan", "Alan's goal")
    alans = data("goal", "list", "alan")[0]["id"]
    action = _action("Ada's action")
    before = snapshot(journal)
    for args in (
        ("action", "add", "ada", "x", "--owner", "me", "--goal", alans),
        ("action", "edit", action, "--goal", alans),
    ):
        result = run(*args)
        assert result.exit_code == 1 and "own relationship" in result.stderr
    assert snapshot(journal) == before
