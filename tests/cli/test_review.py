"""The headline: a known week built through the CLI, and every figure of its summary."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import jsonschema
import pytest

from mentorlog.core.model import PILLARS
from mentorlog.render.lines import cell_len
from tests.conftest import data, ok, run

ROOT = Path(__file__).parent.parent.parent
SCHEMA = json.loads((ROOT / "docs" / "schemas" / "summary.schema.json").read_text())


def _action(text: str, owner: str, due: str) -> str:
    ok("action", "add", "ada", text, "--owner", owner, "--due", due, as_of="2026-11-01")
    return str(next(a["id"] for a in data("action", "list", "ada", "--all") if a["text"] == text))


def _add_weekly_ada() -> None:
    ok(
        "rel",
        "add",
        "Ada Lovelace",
        "--as",
        "mentor",
        "--cadence",
        "weekly",
        "--started",
        "2026-09-01",
    )


@pytest.fixture
def week(journal: Path) -> Path:
    """Thursday 26 November 2026, in the week of Monday 23 to Sunday 29 November."""
    _add_weekly_ada()
    ok("checkin", "log", "ada", "--date", "2026-11-17", "--notes", "previous week")
    ok(
        "checkin",
        "log",
        "ada",
        "--date",
        "2026-11-24",
        "--next",
        "2026-12-01",
        "--notes",
        "this week",
    )
    ok("expect", "add", "ada", "Weekly, 30 minutes, on video.", "--section", "meetings")
    ok("expect", "agree", "ada", "--by", "both", "--review-by", "2027-03-01")
    on_time = _action("Send outline", "mentee", "2026-11-23")
    late = _action("Share doc", "mentee", "2026-11-24")
    _action("Introduce to Jo", "mentor", "2026-11-25")
    _action("Book rehearsal", "mentee", "2026-11-28")
    _action("Read chapter 3", "mentee", "2026-11-10")
    ok("action", "done", on_time, "--date", "2026-11-23")
    ok("action", "done", late, "--date", "2026-11-25")
    ok("goal", "add", "ada", "Give a talk", "--target", "2027-01-01", as_of="2026-11-01")
    ok("goal", "add", "ada", "Read more", as_of="2026-10-01")
    talk = next(g["id"] for g in data("goal", "list") if g["title"] == "Give a talk")
    ok("goal", "update", talk, "--progress", "20", as_of="2026-11-10")
    ok("goal", "update", talk, "--progress", "50", as_of="2026-11-24")
    ok("learn", "add", "Pratt parsing", "--rel", "ada", as_of="2026-11-24")
    ok("learn", "add", "Timeboxing", "--rel", "ada")
    ok("learn", "add", "Older lesson", "--rel", "ada", as_of="2026-11-10")
    ok("net", "add", "Jo Park", "--rel", "ada", "--via", "me", "--follow-up", "2026-11-25")
    ok("rel", "add", "Bob Paused", "--as", "mentee", "--started", "2026-09-01", as_of="2026-09-01")
    ok("rel", "pause", "bob", as_of="2026-10-01")
    ok(
        "rel",
        "add",
        "Cy Newcomer",
        "--as",
        "mentor",
        "--cadence",
        "weekly",
        "--started",
        "2026-11-25",
    )
    return journal


def _dee_weekly() -> None:
    """A weekly relationship with two meetings in one week, a skip and a pause."""
    ok(
        "rel",
        "add",
        "Dee Weekly",
        "--as",
        "mentor",
        "--cadence",
        "weekly",
        "--started",
        "2026-10-05",
    )
    for day in ("2026-10-05", "2026-10-12", "2026-11-16", "2026-11-18"):
        ok("checkin", "log", "dee", "--date", day, "--notes", day)
    ok("checkin", "skip", "dee", "--date", "2026-10-19", "--why", "holiday")
    ok("rel", "pause", "dee", as_of="2026-10-24")
    ok("rel", "resume", "dee", as_of="2026-11-09")


def test_every_figure_of_a_known_week(week: Path) -> None:
    _dee_weekly()
    summary = data("summary")
    jsonschema.validate(summary, SCHEMA)
    assert (summary["kind"], summary["version"], summary["as_of"]) == (
        "mentorlog.summary",
        1,
        "2026-11-26",
    )
    assert summary["period"] == {"start": "2026-11-23", "end": "2026-11-29", "name": "week"}
    rels = {r["id"]: r for r in summary["relationships"]}
    assert set(rels) == {"ada-lovelace", "bob-paused", "cy-newcomer", "dee-weekly"}
    ada = rels["ada-lovelace"]
    # Weekly; check-ins 11-17 and 11-24 (next = 12-01): 11-24 held this week, due 11-24
    # met on the day, nothing missed; the next is the planned 12-01.
    assert ada["checkins"] == {
        "held": 1,
        "expected": 1,
        "skipped": 0,
        "missed": 0,
        "last": "2026-11-24",
        "next_due": "2026-12-01",
        "days_since_last": 2,
        "overdue": False,
    }
    assert ada["agreement"]["status"] == "agreed"
    assert ada["agreement"]["version"] == 1
    assert ada["agreement"]["review_by"] == "2027-03-01"
    assert ada["agreement"]["review_overdue"] is False
    actions = ada["actions"]
    assert (
        actions["due"],
        actions["done_on_time"],
        actions["done_late"],
        actions["missed"],
        actions["open"],
    ) == (4, 1, 1, 1, 3)
    assert actions["reliability"] == {"mentor": 0.0, "mentee": 0.33}
    assert [(a["text"], a["owner"], a["due"]) for a in actions["overdue"]] == [
        ("Read chapter 3", "mentee", "2026-11-10"),
        ("Introduce to Jo", "mentor", "2026-11-25"),
    ]
    goals = {g["title"]: g for g in ada["goals"]}
    talk, reading = goals["Give a talk"], goals["Read more"]
    assert (talk["progress"], talk["progress_change"], talk["on_track"], talk["stale"]) == (
        50,
        30,
        True,
        False,
    )
    assert (talk["target"], talk["last_update"], talk["expected"]) == (
        "2027-01-01",
        "2026-11-24",
        41,
    )
    assert (reading["progress"], reading["on_track"], reading["stale"], reading["last_update"]) == (
        0,
        None,
        True,
        None,
    )
    assert ada["learning"] == 2
    assert summary["network"]["follow_ups_due"] == [
        {
            "id": "jo-park",
            "name": "Jo Park",
            "relationship": "ada-lovelace",
            "follow_up": "2026-11-25",
        }
    ]
    bob = rels["bob-paused"]
    assert bob["status"] == "paused"
    assert (
        bob["checkins"]["expected"],
        bob["checkins"]["next_due"],
        bob["checkins"]["overdue"],
    ) == (0, None, False)
    assert bob["actions"]["reliability"] == {"mentor": None, "mentee": None}
    cy = rels["cy-newcomer"]
    # Weekly from Wednesday 11-25, no check-in: the first meeting is due one interval after
    # the start, 12-02; nothing was due yet, so nothing is missed or overdue.
    assert cy["checkins"] == {
        "held": 0,
        "expected": 0,
        "skipped": 0,
        "missed": 0,
        "last": None,
        "next_due": "2026-12-02",
        "days_since_last": None,
        "overdue": False,
    }
    # Dee, by hand from her files (read back below). relationship.toml: weekly, started
    # 2026-10-05 (a Monday), [[status_change]] paused 2026-10-24, active 2026-11-09.
    # checkins/: 2026-10-05, 2026-10-12, 2026-10-19 (skipped = true), 2026-11-16, 2026-11-18;
    # none plans a `next`. Each makes a meeting due one week after it, until the next one:
    # 10-05 (the start, and a check-in) makes 10-12 due: held that day; 10-12 makes 10-19
    # due: skipped that day; the skip makes 10-26 due, in the pause (from 10-24), and 11-02,
    # also paused: not due. The resume 11-09 makes 11-16 due: held that day; 11-18, a second
    # meeting that week, makes 11-25 due, which passed by today (11-26) with nothing: missed.
    folder = week / "relationships" / "dee-weekly"
    dee_files = {p.name[:10]: tomllib.loads(p.read_text()) for p in (folder / "checkins").iterdir()}
    assert {day: (c.get("skipped", False), c.get("next")) for day, c in dee_files.items()} == {
        "2026-10-05": (False, None),
        "2026-10-12": (False, None),
        "2026-10-19": (True, None),
        "2026-11-16": (False, None),
        "2026-11-18": (False, None),
    }
    dee_rel = tomllib.loads((folder / "relationship.toml").read_text())
    assert (dee_rel["cadence"], dee_rel["started"].isoformat()) == ("weekly", "2026-10-05")
    assert [(c["date"].isoformat(), c["status"]) for c in dee_rel["status_change"]] == [
        ("2026-10-24", "paused"),
        ("2026-11-09", "active"),
    ]
    # This week (11-23 to 11-29): no meeting, 11-25 missed: 0 held of 1 expected, overdue
    # since 11-25; the last check-in 11-18, 8 days ago.
    assert rels["dee-weekly"]["checkins"] == {
        "held": 0,
        "expected": 1,
        "skipped": 0,
        "missed": 1,
        "last": "2026-11-18",
        "next_due": "2026-11-25",
        "days_since_last": 8,
        "overdue": True,
    }

    def dee(*period: str) -> tuple[int, int, int, int]:
        got = data("summary", "dee", *period)["relationships"][0]["checkins"]
        return got["held"], got["skipped"], got["missed"], got["expected"]

    # November: held 11-16 and 11-18, 11-02 not due (paused), 11-25 missed.
    assert dee("--period", "month") == (2, 0, 1, 3)
    # October to this week: held 10-05, 10-12, 11-16, 11-18; skipped 10-19; missed 11-25.
    assert dee("--since", "2026-10-01", "--until", "2026-11-29") == (4, 1, 1, 5)
    # The calendar says the same, week by week, as `rel show`'s figures over its 26 weeks.
    shown = data("rel", "show", "dee")
    marks = {w["start"]: w["mark"] for w in shown["calendar"]}
    assert [marks[w] for w in sorted(marks) if w >= "2026-09-28"] == [
        "inactive",  # 09-28: before the start
        "held",  # 10-05
        "held",  # 10-12
        "skipped",  # 10-19 (then paused from the 24th)
        "inactive",  # 10-26: paused all week
        "inactive",  # 11-02: paused all week
        "none",  # 11-09: resumed, 11-16 not due yet
        "held",  # 11-16 and 11-18
        "missed",  # 11-25
    ]
    figures = shown["checkins"]
    assert (figures["held"], figures["skipped"], figures["missed"], figures["expected"]) == (
        4,
        1,
        1,
        5,
    )
    assert sum(w["missed"] for w in shown["calendar"]) == figures["missed"]
    alerts = sorted((a["kind"], a["relationship"]) for a in summary["alerts"])
    assert alerts == [
        ("agreement_unsigned", "cy-newcomer"),
        ("agreement_unsigned", "dee-weekly"),
        ("follow_up_due", "ada-lovelace"),
        ("missed_checkin", "dee-weekly"),
        ("overdue_action", "ada-lovelace"),
        ("overdue_action", "ada-lovelace"),
        ("stale_goal", "ada-lovelace"),
    ]


def test_text_and_markdown_views(week: Path) -> None:
    text = ok("summary").stdout
    assert text.startswith("Accountability review of this week, 23 – 29 November 2026\n")
    assert "As of Thursday 26 November 2026" in text
    assert "Ada Lovelace (you mentor, weekly)" in text
    assert "1 held of 1 expected this week" in text
    assert "4 actions due this week: 1 kept on time, 1 kept late, 1 missed, 1 still in time" in text
    assert "reliability over the last 90 days: mentor 0%, mentee 33%" in text
    assert "Alerts" in text
    markdown = ok("summary", "--format", "markdown").stdout
    assert markdown.startswith("# Mentoring review of this week, 23 – 29 November 2026")
    assert "## Ada Lovelace (you mentor, weekly)" in markdown
    assert "- Ada Lovelace's action 'Read chapter 3' was due 2026-11-10." in markdown
    assert "- Your action 'Introduce to Jo' was due 2026-11-25 (Ada Lovelace)." in markdown


def test_private_notes_never_appear_in_markdown(journal: Path) -> None:
    ok("rel", "add", "Ada", "--as", "mentor")
    ok(
        "checkin",
        "log",
        "ada",
        "--notes",
        "SECRET-NOTE",
        "--summary",
        "SECRET-SUMMARY",
        "--private",
    )
    assert "SECRET" not in ok("summary", "--format", "markdown").stdout
    listed = ok("checkin", "list", "--format", "markdown").stdout
    assert "SECRET-NOTE" not in listed
    assert "private notes left out" in listed


def test_fail_on_exit_codes(week: Path) -> None:
    failing = run("summary", "--fail-on", "overdue_action")
    assert failing.exit_code == 4
    assert "Accountability review" in failing.stdout  # the full report is printed first
    assert "overdue_action" in failing.stderr
    assert run("summary", "--fail-on", "goal_at_risk,agreement_review_due").exit_code == 0
    assert run("summary", "--fail-on", "any").exit_code == 4
    as_json = run("summary", "--fail-on", "any", "--format", "json")
    assert as_json.exit_code == 4
    assert json.loads(as_json.stdout)["kind"] == "mentorlog.summary"
    bad = run("summary", "--fail-on", "everything")
    assert bad.exit_code == 1
    assert "everything" in bad.stderr


def test_output_file(week: Path, tmp_path: Path) -> None:
    target = tmp_path / "review.md"
    ok("summary", "--format", "markdown", "--output", str(target))
    assert target.read_text().startswith("# Mentoring review")
    ok("summary", "--output", str(tmp_path / "review.txt"))
    assert "\x1b" not in (tmp_path / "review.txt").read_text()


def test_period_boundaries(journal: Path) -> None:
    ok("rel", "add", "Ada", "--as", "mentor", "--cadence", "weekly", "--started", "2026-01-01")
    for day in (
        "2026-09-30",
        "2026-10-01",
        "2026-11-01",
        "2026-11-22",
        "2026-11-23",
        "2026-11-30",
        "2026-12-31",
    ):
        ok("checkin", "log", "ada", "--date", day, "--notes", day, as_of=day)  # none after today

    def held(*args: str) -> tuple[str, str, int]:
        summary = data("summary", *args)
        return (
            summary["period"]["start"],
            summary["period"]["end"],
            summary["relationships"][0]["checkins"]["held"],
        )

    assert held() == ("2026-11-23", "2026-11-29", 1)
    # Check-ins after today (11-30, 12-31) count in no period.
    assert held("--period", "month") == ("2026-11-01", "2026-11-30", 3)
    assert held("--period", "quarter") == ("2026-10-01", "2026-12-31", 4)
    assert held("--since", "2026-10-01", "--until", "2026-11-01") == ("2026-10-01", "2026-11-01", 2)
    info = journal / "journal.toml"
    info.write_text(info.read_text().replace('week_start = "monday"', 'week_start = "sunday"'))
    assert 'week_start = "sunday"' in info.read_text()
    assert held() == ("2026-11-22", "2026-11-28", 2)
    assert run("summary", "--period", "fortnight").exit_code == 1
    assert run("summary", "--since", "2026-11-10", "--until", "2026-11-01").exit_code == 1
    assert run("summary", "--period", "week", "--since", "2026-11-01").exit_code == 1


def test_relationship_started_mid_period_expects_only_from_its_start(journal: Path) -> None:
    ok("rel", "add", "Ada", "--as", "mentor", "--cadence", "weekly", "--started", "2026-11-18")
    month = data("summary", "--period", "month")["relationships"][0]["checkins"]
    # 25 November, one interval after the start; nothing before it started.
    assert (month["expected"], month["missed"]) == (1, 1)


def test_summary_of_one_relationship(week: Path) -> None:
    summary = data("summary", "ada")
    assert [r["id"] for r in summary["relationships"]] == ["ada-lovelace"]
    assert run("summary", "nobody").exit_code == 1


def test_no_markup_from_user_text_in_the_text_view(journal: Path) -> None:
    ok("rel", "add", "[red]Ada[/red] [/x]", "--as", "mentor")
    ok(
        "action",
        "add",
        "red",
        "[bold]do it[/bold]\u202e",
        "--owner",
        "them",
        "--due",
        "2026-11-01",
    )
    ok("goal", "add", "red", "[link=http://x]goal[/link]")
    for args in (("summary",), ("status",)):
        out = ok(*args).stdout
        assert "\u202e" not in out
    summary = ok("summary").stdout
    assert "[red]Ada[/red] [/x]" in summary
    assert "[bold]do it[/bold]" in summary
    assert "[link=http://x]goal[/link]" in summary


def test_status_is_one_row_per_relationship_most_urgent_first(week: Path) -> None:
    ok("rel", "add", "Dee Late", "--as", "mentor", "--cadence", "weekly", "--started", "2026-11-10")
    rows = data("status")
    assert [(r["id"], r["status"]) for r in rows] == [
        ("dee-late", "active"),
        ("ada-lovelace", "active"),
        ("cy-newcomer", "active"),
        ("bob-paused", "paused"),
    ]  # overdue first, then the soonest due (12-01, 12-02); paused Bob last
    assert rows[0]["overdue_days"] == 9  # due 11-17, one week after the start
    assert rows[1]["overdue_actions"] == {"mentor": 1, "mentee": 1}
    assert rows[1]["open_actions"] == {"mentor": 1, "mentee": 2}
    assert rows[1]["goals_stale"] == 1
    assert rows[2]["overdue_days"] == 0  # started yesterday: nothing due yet
    text = ok("status").stdout
    lines = [line for line in text.splitlines() if "Newcomer" in line or "Lovelace" in line]
    assert len(lines) == 2


def test_thirty_mentees_fit_one_screen(journal: Path) -> None:
    for n in range(30):
        ok("rel", "add", f"Mentee Number {n:02d} With A Long Name", "--as", "mentor")
    text = ok("status").stdout
    assert len(text.splitlines()) <= 33
    assert all(len(line) <= 120 for line in text.splitlines())


def test_health_pulse_log_show_and_summary(week: Path) -> None:
    scores = [
        "--expectations",
        "4",
        "--communication",
        "5",
        "--trust",
        "4",
        "--goals",
        "3",
        "--learning",
        "4",
        "--network",
        "2",
    ]
    ok("health", "log", "ada", "--by", "me", *scores, as_of="2026-10-01")
    ok("health", "log", "ada", "--by", "me", *scores[:-1], "4")
    ok("health", "log", "ada", "--by", "them", input="2\n5\n4\n3\n4\n4\n")
    shown = data("health", "show", "ada")
    assert shown["summary"]["differences"] == ["expectations"]
    network = next(t for t in shown["trends"] if t["pillar"] == "network")
    assert network == {"pillar": "network", "mentor": [2, 4], "mentee": [4]}
    health = data("summary", "ada")["relationships"][0]["health"]
    assert health["latest"]["mentor"]["scores"]["network"] == 4
    assert health["change"]["mentor"]["network"] == 2
    assert health["change"]["mentee"] is None
    assert run("health", "log", "ada", *scores[:-1], "9").exit_code == 1
    assert run("health", "log", "ada", "--by", "both", *scores).exit_code == 1
    assert "differ" in ok("health", "show", "ada").stdout


def test_the_last_meeting_is_found_behind_skips_before_the_period(journal: Path) -> None:
    """A weekly review reads the period's check-ins and those before it back to the last one
    held: skips since do not hide when we last met (store/records.py)."""
    _add_weekly_ada()
    ok("--as-of", "2026-10-05", "checkin", "log", "ada", "--date", "2026-10-05", "--notes", "met")
    for day in ("2026-10-12", "2026-10-19", "2026-10-26"):
        ok("--as-of", day, "checkin", "skip", "ada", "--date", day, "--why", "holiday")
    (rel,) = data("--as-of", "2026-11-04", "summary", "--period", "week")["relationships"]
    assert rel["checkins"]["last"] == "2026-10-05"
    assert rel["checkins"]["days_since_last"] == 30


def test_fail_on_names_only_known_kinds(week: Path) -> None:
    assert run("summary", "--fail-on", "any,bogus").exit_code == 1
    assert run("summary", "--fail-on", "").exit_code == 1


def test_the_text_review_says_what_was_missed_and_skipped(journal: Path) -> None:
    _add_weekly_ada()
    ok("--as-of", "2026-09-08", "checkin", "log", "ada", "--date", "2026-09-08")
    ok("--as-of", "2026-09-15", "checkin", "skip", "ada", "--date", "2026-09-15")
    # Due 2026-09-22 with nothing by then: missed.
    text = ok("--as-of", "2026-09-27", "summary", "--since", "2026-09-01").stdout
    assert "1 held of 2 expected (1 missed, 1 skipped)" in text
    shown = ok("--as-of", "2026-09-27", "rel", "show", "ada").stdout
    assert "(1 missed, 1 skipped)" in shown


SCORES = ("--expectations", "--communication", "--trust", "--goals", "--learning", "--network")


def _pulse(by: str, *scores: int) -> None:
    pairs = [
        part for name, score in zip(SCORES, scores, strict=True) for part in (name, str(score))
    ]
    ok("health", "log", "ada", "--by", by, *pairs)


def _action_id(text: str) -> str:
    return str(next(a["id"] for a in data("action", "list", "--all") if a["text"] == text))


def _goal_id(title: str) -> str:
    return str(next(g["id"] for g in data("goal", "list", "--all") if g["title"] == title))


@pytest.fixture
def glance(journal: Path) -> Path:
    """As of Thursday 26 November 2026. Ada, weekly: met on the 24th (next due 12-01), an
    action overdue since 11-10 and none due this week, a goal moved from 20 to 50 this week,
    one never updated, one dropped this week, both sides' pulses, apart on expectations and
    network. Dee, weekly from 11-10, never met: overdue since 11-17. Bob, paused; Eve, ended."""
    _add_weekly_ada()
    ok("checkin", "log", "ada", "--date", "2026-11-24", "--notes", "met")
    _action("Read chapter 3", "mentee", "2026-11-10")
    for title in ("Give a talk", "Read more", "Abandoned plan"):
        ok("goal", "add", "ada", title, as_of="2026-11-01")
    talk = _goal_id("Give a talk")
    ok("goal", "update", talk, "--progress", "20", as_of="2026-11-10")
    ok("goal", "update", talk, "--progress", "50", as_of="2026-11-24")
    ok("goal", "drop", _goal_id("Abandoned plan"), "--why", "no time", as_of="2026-11-25")
    _pulse("me", 4, 5, 4, 3, 4, 2)
    _pulse("them", 2, 5, 4, 3, 4, 4)
    ok("rel", "add", "Dee Late", "--as", "mentor", "--cadence", "weekly", "--started", "2026-11-10")
    ok("rel", "add", "Bob Paused", "--as", "mentee", "--started", "2026-09-01", as_of="2026-09-01")
    ok("rel", "pause", "bob", as_of="2026-10-01")
    ok("rel", "add", "Eve Ended", "--as", "mentor", "--started", "2026-09-01", as_of="2026-09-01")
    ok("rel", "end", "eve", as_of="2026-10-01")
    return journal


def test_the_summary_opens_with_the_alerts_then_the_most_urgent(glance: Path) -> None:
    """The order of `status` (one function orders both): Dee's meeting is 9 days overdue, Ada's
    is due on 12-01, Bob is paused."""
    order = ["Dee Late", "Ada Lovelace", "Bob Paused"]
    assert [row["counterpart"] for row in data("status")] == order
    summary = data("summary")
    assert [r["counterpart"] for r in summary["relationships"]] == order
    assert summary["alerts"][0]["relationship"] == "dee-late"  # alerts in the same order
    text = ok("summary").stdout
    places = [text.index(f"{name} (") for name in order]
    assert text.index("Alerts") < places[0] < places[1] < places[2]
    first_alert = text.splitlines()[text.splitlines().index("Alerts") + 1]
    assert first_alert.startswith("• Check-in with Dee Late was due 2026-11-17")
    markdown = ok("summary", "--format", "markdown").stdout
    headings = re.findall(r"^## (.+?)(?: \(.*)?$", markdown, re.M)
    assert headings == ["Alerts", *order]


def test_every_figure_of_the_text_summary_says_what_it_is(glance: Path) -> None:
    reading, plan = _action_id("Read chapter 3"), _goal_id("Abandoned plan")
    text = ok("summary", "ada").stdout
    lines = [line.strip("│ ") for line in text.splitlines()]
    # No bare figures: no "0 due: 0 kept, 0 late, 0 missed" above the overdue line, no →0.
    assert "actions    no actions were due this week · 1 action open" in lines
    assert "reliability over the last 90 days: mentor had nothing due, mentee 0%" in lines
    assert f"due 2026-11-10, overdue 16 days · mentee: Read chapter 3 ({reading})" in lines
    assert "check-ins  1 held of 1 expected this week · last held 2026-11-24 (2 days ago)" in text
    assert "0 due" not in text and "→" not in text
    # Each goal with its id, to type next; its change over the week in words.
    talk = next(line for line in lines if "Give a talk" in line).split()
    assert talk[:2] == ["goals", _goal_id("Give a talk")]
    assert talk[-6:] == ["50%", "+30", "this", "week", "no", "target"]
    more = next(line for line in lines if "Read more" in line).split()
    assert more[-4:] == ["0%", "unchanged", "no", "target"]
    # The dropped goal is named once, as dropped, not among the goals pursued.
    assert [line for line in lines if "Abandoned plan" in line] == [
        f"dropped this week: Abandoned plan ({plan})"
    ]
    # The six pillars by name, a row for each side, the pillars where they differ marked.
    header = next(line for line in lines if "expectations" in line).split()
    assert header == ["health", *PILLARS, "scored", "on"]
    rows = [line.split() for line in lines if line.startswith(("mentor ", "mentee "))]
    assert rows == [
        ["mentor", "4", "≠", "5", "4", "3", "4", "2", "≠", "2026-11-26"],
        ["mentee", "2", "≠", "5", "4", "3", "4", "4", "≠", "2026-11-26"],
    ]
    dee = ok("summary", "dee").stdout
    assert "no actions were due this week · none open" in dee
    assert "reliability: nothing was due in the last 90 days" in dee
    # Over exactly the 90 days reliability counts, the window is the period's.
    window = ok("summary", "ada", "--since", "2026-08-29", "--until", "2026-11-26").stdout
    assert "reliability in this period: mentor had nothing due, mentee 0%" in window
    assert "over the last 90 days" not in window


def test_every_figure_of_the_markdown_summary_says_what_it_is(glance: Path) -> None:
    talk, more, plan = (_goal_id(t) for t in ("Give a talk", "Read more", "Abandoned plan"))
    reading = _action_id("Read chapter 3")
    markdown = ok("summary", "ada", "--format", "markdown").stdout
    assert (
        "- **Check-ins:** 1 held of 1 expected this week · last held 2026-11-24 (2 days ago)"
        " · next due 2026-12-01\n"
    ) in markdown
    assert (
        "- **Actions:** no actions were due this week · 1 action open · reliability over the"
        " last 90 days: mentor had nothing due, mentee 0%\n"
        f"  - due 2026-11-10, overdue 16 days · mentee: Read chapter 3 ({reading})\n"
    ) in markdown
    assert (
        "- **Goals:**\n"
        f"  - Give a talk ({talk}): 50%, +30 this week, no target\n"
        f"  - Read more ({more}): 0%, unchanged, no target\n"
        f"- **Dropped this week:** Abandoned plan ({plan})\n"
    ) in markdown
    assert (
        "  | | expectations | communication | trust | goals | learning | network | scored on |\n"
        "  |---|---|---|---|---|---|---|---|\n"
        "  | mentor | 4 ≠ | 5 | 4 | 3 | 4 | 2 ≠ | 2026-11-26 |\n"
        "  | mentee | 2 ≠ | 5 | 4 | 3 | 4 | 4 ≠ | 2026-11-26 |\n"
    ) in markdown
    assert "0 due" not in markdown and "→" not in markdown
    # The JSON keeps the dropped goal, with its status, as before.
    (ada,) = data("summary", "ada")["relationships"]
    assert [(g["title"], g["status"]) for g in ada["goals"]] == [
        ("Abandoned plan", "dropped"),
        ("Give a talk", "active"),
        ("Read more", "active"),
    ]


def test_an_overdue_action_names_whose_it_is_and_how_often_it_slipped(journal: Path) -> None:
    _add_weekly_ada()
    joint = _action("Plan the talk", "both", "2026-11-05")
    ok("action", "reschedule", joint, "2026-11-12", as_of="2026-11-04")
    ok("action", "reschedule", joint, "2026-11-19", as_of="2026-11-11")
    (alert,) = [a for a in data("summary")["alerts"] if a["kind"] == "overdue_action"]
    expected = (
        "The joint action 'Plan the talk' with Ada Lovelace was due 2026-11-19 (deferred 2 times)."
    )
    assert alert["message"] == expected
    text = ok("summary").stdout
    assert f"• {expected}" in text
    assert "due 2026-11-19, overdue 7 days, deferred 2 times · both: Plan the talk" in text
    markdown = ok("summary", "--format", "markdown").stdout
    assert "  - due 2026-11-19, overdue 7 days, deferred 2 times · both: Plan the talk" in markdown


@pytest.mark.parametrize(
    ("period", "as_of", "start", "end", "title"),
    [
        # A Monday's review of the week just ended.
        ("last-week", "2026-11-30", "2026-11-23", "2026-11-29", "of last week, 23 – 29 November"),
        (
            "week",
            "2026-11-30",
            "2026-11-30",
            "2026-12-06",
            "of this week, 30 November – 6 December",
        ),
        ("last-month", "2026-11-26", "2026-10-01", "2026-10-31", "of last month, 1 – 31 October"),
        ("month", "2026-11-26", "2026-11-01", "2026-11-30", "of this month, 1 – 30 November"),
        ("last-quarter", "2026-11-26", "2026-07-01", "2026-09-30", "of last quarter, 1 July – 30"),
        ("quarter", "2026-11-26", "2026-10-01", "2026-12-31", "of this quarter, 1 October – 31"),
    ],
)
def test_periods_just_ended_and_containing_today(
    glance: Path, period: str, as_of: str, start: str, end: str, title: str
) -> None:
    summary = data("summary", "--period", period, as_of=as_of)
    assert summary["period"] == {"start": start, "end": end, "name": period}
    text = ok("summary", "--period", period, as_of=as_of).stdout
    assert text.startswith(f"Accountability review {title}")
    markdown = ok("summary", "--period", period, "--format", "markdown", as_of=as_of).stdout
    assert markdown.startswith(f"# Mentoring review {title}")


def test_last_week_counts_last_week_in_its_words(glance: Path) -> None:
    monday = "2026-11-30"
    (ada,) = data("summary", "ada", "--period", "last-week", as_of=monday)["relationships"]
    talk = next(g for g in ada["goals"] if g["title"] == "Give a talk")
    assert (ada["checkins"]["held"], talk["progress_change"]) == (1, 30)
    text = ok("summary", "ada", "--period", "last-week", as_of=monday).stdout
    assert "1 held of 1 expected last week" in text
    assert "+30 last week" in text
    assert "no actions were due last week" in text
    # A week starting on Sunday: the week of Monday 30 November began on the 29th.
    info = glance / "journal.toml"
    info.write_text(info.read_text().replace('week_start = "monday"', 'week_start = "sunday"'))
    period = data("summary", "--period", "last-week", as_of=monday)["period"]
    assert (period["start"], period["end"]) == ("2026-11-22", "2026-11-28")
    # --since/--until name no period: the text says "in this period".
    chosen = data("summary", "--since", "2026-11-01", "--until", "2026-11-26")["period"]
    assert chosen["name"] is None
    text = ok("summary", "ada", "--since", "2026-11-01", "--until", "2026-11-26").stdout
    assert text.startswith("Accountability review, 1 – 26 November 2026")
    assert "1 held of 4 expected (3 missed) in this period" in text
    wrong = run("summary", "--period", "last-fortnight")
    assert wrong.exit_code == 1
    assert "last-week | last-month | last-quarter" in wrong.stderr


def test_status_says_the_date_overdue_in_words_and_the_paused_at_the_end(glance: Path) -> None:
    lines = ok("status").stdout.splitlines()  # to a pipe: plain text, no colour to carry it
    assert lines[0] == "Status on Thursday 26 November 2026"
    dee = next(line for line in lines if line.startswith("Dee Late"))
    assert dee.split()[2:5] == ["overdue", "9", "d"]
    assert lines[-1] == "paused: Bob Paused"
    assert "Eve" not in "\n".join(lines)
    assert ok("status", "--all").stdout.splitlines()[-2:] == [
        "paused: Bob Paused",
        "ended: Eve Ended",
    ]
    assert [(r["id"], r["status"]) for r in data("status", "--all")] == [
        ("dee-late", "active"),
        ("ada-lovelace", "active"),
        ("bob-paused", "paused"),
        ("eve-ended", "ended"),
    ]
    markdown = ok("status", "--all", "--format", "markdown").stdout
    assert markdown.startswith("Status on Thursday 26 November 2026.\n")
    assert "| Dee Late | 2026-11-17, overdue 9 d | never |" in markdown
    assert markdown.endswith("\nPaused: Bob Paused.\n\nEnded: Eve Ended.\n")


@pytest.mark.parametrize("width", [40, 80, 120])
def test_status_keeps_dates_and_figures_whole(
    glance: Path, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    long_name = "Someone With A Name Far Longer Than Any Column Of Any Terminal We Test Could Hold"
    ok("rel", "add", long_name, "--as", "mentor")
    monkeypatch.setenv("MENTORLOG_WIDTH", str(width))
    text = ok("status").stdout
    assert all(cell_len(line) <= width for line in text.splitlines()), text
    assert "overdue 9 d" in text
    assert "2026-12-01" in text  # Ada's next check-in
    assert "Someone With A" in text and "…" in text  # the name gave way, not the figures
    for row in data("status"):
        assert f"{row['goals_at_risk']}/{row['goals_stale']}" in text


def _units(text: str) -> list[str]:
    """What a person reads, phrase by phrase: panel borders and progress bars (drawn where
    there is room for them) dropped, lines cut at the phrase separator and at the gaps between
    table cells."""
    return [
        unit
        for line in text.splitlines()
        for unit in re.split(r" · |\s{2,}", line.strip(" │╭╮╰╯─"))
        if unit.strip("█░")
    ]


def test_the_demo_summary_at_100_columns_breaks_no_phrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every line fits in 100 columns and reads as it does on an unlimited screen: no phrase,
    alert or table cell is wrapped or cut."""
    ok("demo", "--dir", str(tmp_path / "demo"))
    monkeypatch.setenv("MENTORLOG_JOURNAL", str(tmp_path / "demo"))

    def summary(width: int) -> str:
        monkeypatch.setenv("MENTORLOG_WIDTH", str(width))
        return ok("summary").stdout

    unlimited, at_100 = summary(400), summary(100)
    assert all(cell_len(line) <= 100 for line in at_100.splitlines())
    assert _units(at_100) == _units(unlimited)
    assert "Alerts" in at_100 and "expectations" in at_100
    # Narrower, text wraps or gives way; dates and figures stay whole.
    figures = re.compile(r"\d{4}-\d{2}-\d{2}|\d+%")
    for width in (40, 80, 120):
        text = summary(width)
        assert all(cell_len(line) <= width for line in text.splitlines())
        assert sorted(figures.findall(text)) == sorted(figures.findall(unlimited)), width


def test_status_counts_a_joint_action_once(ada: Path) -> None:
    for owner in ("me", "them", "both"):
        ok("action", "add", "ada", f"for {owner}", "--owner", owner, "--due", "2026-11-20")
    (row,) = data("status")
    assert (row["actions_open"], row["actions_overdue"]) == (3, 3)
    assert row["open_actions"] == {"mentor": 2, "mentee": 2}  # each party's own view
    assert "3/3" in ok("status").stdout


def test_a_past_period_shows_progress_as_it_was_at_its_end(ada: Path) -> None:
    ok("goal", "add", "ada", "Learn Rust")
    goal_id = data("goal", "list")[0]["id"]
    ok("goal", "update", goal_id, "--progress", "20", as_of="2026-11-04")
    ok("goal", "update", goal_id, "--progress", "70", as_of="2026-12-08")
    (rel,) = data("summary", "--period", "last-month", as_of="2026-12-10")["relationships"]
    (goal,) = rel["goals"]
    assert (goal["progress"], goal["progress_change"]) == (20, 20)
