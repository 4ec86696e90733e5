from __future__ import annotations

import tomllib
from pathlib import Path

from tests.conftest import data, ok, run, snapshot


def _goal(ada: Path, title: str = "Give a conference talk", *extra: str) -> str:
    ok(
        "goal",
        "add",
        "ada",
        title,
        "--horizon",
        "long",
        "--target",
        "2027-05-26",
        "--measure",
        "Talk given",
        *extra,
    )
    return str(next(g["id"] for g in data("goal", "list", "--all") if g["title"] == title))


def test_goal_add_update_show(ada: Path) -> None:
    goal_id = _goal(ada, "Talk", "--why", "Visibility")
    ok("goal", "update", goal_id[:3], "--progress", "20", "--note", "Abstract drafted")
    shown = data("goal", "show", goal_id)
    assert shown["progress"] == 20
    assert shown["owner"] == "mentee"
    assert shown["why"] == "Visibility"
    assert shown["update"] == [
        {"date": "2026-11-26", "progress": 20, "note": "Abstract drafted", "checkin": None}
    ]
    assert shown["on_track"] is True
    text = ok("goal", "show", goal_id).stdout
    assert "20%" in text
    assert "Abstract drafted" in text
    stored = tomllib.loads((ada / "goals" / f"{goal_id}.toml").read_text())
    assert stored["update"][0]["progress"] == 20


def test_progress_outside_range_and_empty_titles_change_nothing(ada: Path, journal: Path) -> None:
    goal_id = _goal(ada)
    before = snapshot(journal)
    for args in (
        ("goal", "update", goal_id, "--progress", "140"),
        ("goal", "update", goal_id, "--progress", "-1"),
        ("goal", "add", "ada", "   "),
        ("goal", "add", "ada", "x", "--horizon", "medium"),
        ("goal", "milestone", goal_id, " "),
        ("action", "add", "ada", "  ", "--owner", "me"),
        ("action", "add", "ada", "x", "--owner", "nobody"),
        ("action", "add", "ada", "x", "--owner", "me", "--goal", "zzzzz"),
    ):
        result = run(*args)
        assert result.exit_code == 1, args
    assert snapshot(journal) == before


def test_owner_them_is_stored_as_the_counterparts_role(ada: Path) -> None:
    ok("action", "add", "ada", "Send the draft", "--owner", "them", "--due", "friday")
    ok("action", "add", "ada", "Read the draft", "--owner", "me")
    owners = {a["text"]: a["owner"] for a in data("action", "list")}
    assert owners == {"Send the draft": "mentee", "Read the draft": "mentor"}
    ok("rel", "add", "Grace", "--as", "mentee")
    ok("action", "add", "grace", "Introduce me to Jo", "--owner", "them")
    assert data("action", "list", "grace")[0]["owner"] == "mentor"


def test_unique_prefixes_work_and_unknown_ids_are_named(ada: Path) -> None:
    goal_id = _goal(ada)
    assert data("goal", "show", goal_id[:2])["id"] == goal_id
    ok("goal", "update", goal_id[:3], "--progress", "10")
    ok("action", "add", "ada", "Send it", "--owner", "me", "--goal", goal_id[:3])
    action = data("action", "list")[0]
    assert action["goal"] == goal_id
    ok("action", "done", action["id"][:2])
    missing = run("goal", "show", "zzzzz")
    assert missing.exit_code == 1
    assert "zzzzz" in missing.stderr


def test_ambiguous_prefix_is_refused_deterministically(ada: Path) -> None:
    for n in range(2):
        (ada / "actions").mkdir(exist_ok=True)
        (ada / "actions" / f"ab{n}cd.toml").write_text(
            f'schema = 1\nid = "ab{n}cd"\ntext = "t{n}"\nowner = "mentee"\ncreated = 2026-11-01\n'
        )
    result = run("action", "done", "ab")
    assert result.exit_code == 1
    assert "ab0cd" in result.stderr and "ab1cd" in result.stderr
    ok("action", "done", "ab1")
    assert data("action", "list", "--all")[1]["status"] == "done"


def test_reschedule_keeps_original_and_counts_deferrals(ada: Path) -> None:
    ok("action", "add", "ada", "Send the draft", "--owner", "them", "--due", "2026-11-20")
    action_id = data("action", "list")[0]["id"]
    assert data("action", "list", "--overdue")[0]["overdue"] is True
    ok("action", "reschedule", action_id, "--due", "2026-11-30")
    result = ok("action", "reschedule", action_id, "--due", "2026-12-07")
    assert "slipping" in result.stderr
    action = data("action", "list")[0]
    assert action["due"] == "2026-12-07"
    assert action["deferrals"] == 2
    assert [r["original"] for r in action["reschedule"]] == ["2026-11-20", "2026-11-30"]
    assert data("action", "list", "--overdue") == []


def test_done_drop_and_list_filters(ada: Path) -> None:
    ok("action", "add", "ada", "A", "--owner", "me", "--due", "2026-11-20")
    ok("action", "add", "ada", "B", "--owner", "me", "--due", "2026-11-30")
    ok("action", "add", "ada", "C", "--owner", "me")
    ids = {a["text"]: a["id"] for a in data("action", "list")}
    assert list(ids) == ["A", "B", "C"]  # by due date, undated last
    late = ok("action", "done", ids["A"], "--date", "2026-11-22")
    assert "2 days late" in late.stderr
    ok("action", "drop", ids["C"])
    assert [a["text"] for a in data("action", "list")] == ["B"]
    assert {a["status"] for a in data("action", "list", "--all")} == {"done", "open", "dropped"}
    assert run("action", "done", ids["A"]).exit_code == 1
    assert "overdue" not in ok("action", "list").stdout


def test_milestones_and_status_changes(ada: Path) -> None:
    goal_id = _goal(ada)
    ok("goal", "milestone", goal_id, "Abstract accepted", "--due", "2027-01-15")
    milestone = data("goal", "show", goal_id)["milestone"][0]
    ok("goal", "milestone-done", goal_id, milestone["id"][:3])
    assert data("goal", "show", goal_id)["milestones_done"] == 1
    ok("goal", "pause", goal_id)
    assert data("goal", "list") == []
    assert run("goal", "pause", goal_id).exit_code == 1
    ok("goal", "resume", goal_id)
    ok("goal", "done", goal_id)
    shown = data("goal", "show", goal_id)
    assert (shown["status"], shown["progress"], shown["closed"]) == ("achieved", 100, "2026-11-26")
    other = _goal(ada, "Learn Rust")
    ok("goal", "drop", other, "--why", "Priorities changed")
    assert data("goal", "show", other)["close_note"] == "Priorities changed"
    assert len(data("goal", "list", "--all")) == 2


def test_goal_review_with_piped_input_updates_progress(ada: Path) -> None:
    first = _goal(ada, "First")
    second = _goal(ada, "Second")
    result = ok("goal", "review", "ada", input="35\nGood week\n\n")
    assert "Reviewed 2 goals; updated 1." in result.stderr
    assert data("goal", "show", first)["progress"] == 35
    assert data("goal", "show", first)["update"][0]["note"] == "Good week"
    assert data("goal", "show", second)["update"] == []
    quiet = ok("goal", "review", "--no-input")
    assert "First" in quiet.stdout
    assert data("goal", "show", first)["progress"] == 35
    bad = run("goal", "review", input="150\n")
    assert bad.exit_code == 1
    assert data("goal", "show", first)["progress"] == 35


def test_stale_goal_is_marked(ada: Path) -> None:
    goal_id = _goal(ada)
    assert data("goal", "list", as_of="2026-12-24")[0]["stale"] is True
    assert data("goal", "list", as_of="2026-12-23")[0]["stale"] is False
    assert "stale" in ok("goal", "list", as_of="2026-12-24").stdout
    ok("goal", "update", goal_id, "--progress", "5", as_of="2026-12-20")
    assert data("goal", "list", as_of="2027-01-10")[0]["stale"] is False


def test_closed_records_keep_their_name_and_a_hand_reopened_one_is_seen_at_once(
    ada: Path,
) -> None:
    """Goals and actions are named by id, open or closed (DESIGN.md §3): the index selects
    them by what they say, so one reopened by hand counts on the very next command. A file
    from the old date-named layout is read as well, and doctor --fix renames it."""
    ok("action", "add", "ada", "Old", "--owner", "me", "--due", "2026-01-10")
    ok("action", "add", "ada", "Late", "--owner", "me", "--due", "2026-11-20")
    ids = {a["text"]: a["id"] for a in data("action", "list")}
    ok("action", "done", ids["Old"], "--date", "2026-01-12")
    old = ada / "actions" / f"{ids['Old']}.toml"
    assert sorted(p.name for p in (ada / "actions").glob("*.toml")) == sorted(
        [old.name, f"{ids['Late']}.toml"]
    )
    goal_id = _goal(ada)
    ok("goal", "done", goal_id)
    assert [p.name for p in (ada / "goals").glob("*.toml")] == [f"{goal_id}.toml"]
    assert data("goal", "show", goal_id)["status"] == "achieved"

    def overdue() -> list[str]:
        return [a["id"] for a in data("summary")["relationships"][0]["actions"]["overdue"]]

    assert overdue() == [ids["Late"]]
    dated = ada / "actions" / f"2026-01-12-{ids['Old']}.toml"  # as the old layout named it
    old.rename(dated)
    dated.write_text(dated.read_text().replace('status = "done"', 'status = "open"'))
    assert overdue() == [ids["Old"], ids["Late"]]  # seen at once, whatever its name
    assert ids["Old"] in {a["id"] for a in data("action", "list")}
    found = run("doctor")
    assert found.exit_code == 3
    assert f"rename it {ids['Old']}.toml" in found.stdout
    ok("doctor", "--fix")
    assert old.is_file() and not dated.exists()
    assert overdue() == [ids["Old"], ids["Late"]]
    assert ok("doctor").exit_code == 0


def test_the_last_update_of_a_day_is_the_progress(ada: Path) -> None:
    goal_id = _goal(ada)
    ok("goal", "update", goal_id, "--progress", "10")
    ok("goal", "update", goal_id, "--progress", "60")
    assert data("goal", "show", goal_id)["progress"] == 60
    assert data("goal", "list")[0]["progress"] == 60
    assert data("summary", "ada")["relationships"][0]["goals"][0]["progress"] == 60
    ok("goal", "done", goal_id)
    shown = data("goal", "show", goal_id)
    assert (shown["status"], shown["progress"]) == ("achieved", 100)
    assert data("goal", "list", "--all")[0]["progress"] == 100


def test_a_backdated_update_goes_in_its_place(ada: Path) -> None:
    goal_id = _goal(ada)
    ok("goal", "update", goal_id, "--progress", "60")
    ok("goal", "update", goal_id, "--progress", "30", "--date", "2026-11-20")
    shown = data("goal", "show", goal_id)
    assert shown["progress"] == 60
    assert [(u["date"], u["progress"]) for u in shown["update"]] == [
        ("2026-11-20", 30),
        ("2026-11-26", 60),
    ]
    stored = tomllib.loads((ada / "goals" / f"{goal_id}.toml").read_text())
    assert [u["progress"] for u in stored["update"]] == [30, 60]


def test_goal_done_records_the_progress_given(ada: Path, journal: Path) -> None:
    goal_id = _goal(ada)
    ok("goal", "update", goal_id, "--progress", "60")
    before = snapshot(journal)
    assert run("goal", "done", goal_id, "--progress", "101").exit_code == 1
    assert snapshot(journal) == before
    ok("goal", "done", goal_id, "--progress", "80")
    shown = data("goal", "show", goal_id)
    assert (shown["status"], shown["progress"]) == ("achieved", 80)
    assert shown["update"][-1] == {
        "date": "2026-11-26",
        "progress": 80,
        "note": "achieved",
        "checkin": None,
    }


def test_progress_after_today_is_refused_and_before_the_start_warned(
    ada: Path, journal: Path
) -> None:
    goal_id = _goal(ada)
    ok("goal", "milestone", goal_id, "Abstract accepted")
    milestone = data("goal", "show", goal_id)["milestone"][0]["id"]
    before = snapshot(journal)
    result = run("goal", "update", goal_id, "--progress", "50", "--date", "2026-11-27")
    assert result.exit_code == 1
    assert "2026-11-27" in result.stderr
    assert run("goal", "milestone-done", goal_id, milestone, "--date", "+1w").exit_code == 1
    assert snapshot(journal) == before
    early = ok("goal", "update", goal_id, "--progress", "5", "--date", "2026-08-20")
    assert "warning" in early.stderr
    assert "2026-09-01" in early.stderr
    assert data("goal", "show", goal_id)["update"][0]["date"] == "2026-08-20"


def test_an_action_closed_or_an_agreement_signed_after_today_is_refused(
    ada: Path, journal: Path
) -> None:
    ok("action", "add", "ada", "Send it", "--owner", "me", "--due", "2026-11-20")
    (action,) = data("action", "list")
    ok("expect", "add", "ada", "Meet every two weeks", "--section", "meetings")
    before = snapshot(journal)
    assert run("action", "done", action["id"], "--date", "2026-12-01").exit_code == 1
    assert run("expect", "agree", "ada", "--by", "both", "--date", "2026-12-01").exit_code == 1
    assert snapshot(journal) == before
