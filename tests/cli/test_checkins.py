from __future__ import annotations

import json
import stat
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import data, ok, run, snapshot

FULL = [
    "checkin",
    "log",
    "ada",
    "--date",
    "2026-11-24",
    "--time",
    "14:30",
    "--duration",
    "1h30",
    "--mode",
    "video",
    "--summary",
    "Parser plan",
    "--notes",
    "We walked through the plan.",
    "--topic",
    "parsing",
    "--topic",
    "career",
    "--feedback-given",
    "Clear write-up",
    "--feedback-received",
    "Slow down on video",
    "--concern",
    "Deadline",
    "--learned",
    "Pratt parsers",
    "--rating",
    "4",
    "--next",
    "2026-12-08",
    "--private",
]


def _only_checkin(ada: Path) -> Path:
    files = sorted((ada / "checkins").glob("*.toml"))
    assert len(files) == 1
    return files[0]


def test_every_field_round_trips_through_show_json(ada: Path) -> None:
    ok(*FULL)
    path = _only_checkin(ada)
    assert path.name.startswith("2026-11-24-")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    shown = data("checkin", "show", path.stem[11:])
    assert shown == {
        "schema": 1,
        "id": path.stem[11:],
        "relationship": "ada-lovelace",
        "date": "2026-11-24",
        "time": "14:30:00",
        "duration": 90,
        "mode": "video",
        "summary": "Parser plan",
        "notes": "We walked through the plan.",
        "topics": ["parsing", "career"],
        "feedback_given": ["Clear write-up"],
        "feedback_received": ["Slow down on video"],
        "concerns": ["Deadline"],
        "learned": ["Pratt parsers"],
        "discussed": [],
        "rating": 4,
        "next": "2026-12-08",
        "private": True,
        "skipped": False,
        "why": "",
    }
    stored = tomllib.loads(path.read_text())
    assert stored["duration"] == 90
    assert "relationship" not in stored


@pytest.mark.parametrize(
    ("text", "minutes"), [("45m", 45), ("1h30", 90), ("90", 90), ("2h", 120), ("1h 5m", 65)]
)
def test_durations(ada: Path, text: str, minutes: int) -> None:
    ok("checkin", "log", "ada", "--duration", text, "--notes", "x")
    assert tomllib.loads(_only_checkin(ada).read_text())["duration"] == minutes


def test_notes_piped_on_stdin_are_stored_when_asked(ada: Path) -> None:
    ok("checkin", "log", "ada", "--notes", "-", input="Notes from a pipe.\nSecond line.\n")
    stored = tomllib.loads(_only_checkin(ada).read_text())
    assert stored["notes"] == "Notes from a pipe.\nSecond line."


def test_a_pipe_is_not_read_unless_asked(ada: Path) -> None:
    # printf 'ada\nalan\n' | while read r; do mentorlog checkin log "$r" --summary bulk; done
    ok("checkin", "log", "ada", "--summary", "bulk", input="alan\n")
    shown = data("checkin", "show", _only_checkin(ada).stem[11:])
    assert (shown["summary"], shown["notes"]) == ("bulk", "")


def test_markup_and_escapes_are_printed_literally(ada: Path) -> None:
    escapes = "\x1b[31mred\x1b]8;;http://x\x07"
    assert run("checkin", "log", "ada", "--summary", escapes).exit_code == 1
    assert run("checkin", "log", "ada", "--notes", escapes).exit_code == 1
    hostile = "[bold]big[/bold] [/x] [link=http://evil]click[/link] \u202egnp.exe \u2066iso"
    ok("checkin", "log", "ada", "--summary", hostile, "--notes", hostile)
    checkin_id = _only_checkin(ada).stem[11:]
    for args in (("checkin", "show", checkin_id), ("checkin", "list"), ("search", "big")):
        result = ok(*args)
        assert "[bold]big[/bold]" in result.stdout
        assert "\x1b" not in result.stdout
        assert "\x07" not in result.stdout
        assert "\u202e" not in result.stdout
    assert data("checkin", "show", checkin_id)["notes"] == hostile


def test_bad_rating_duration_date_write_nothing(ada: Path, journal: Path) -> None:
    before = snapshot(journal)
    for extra in (
        ["--rating", "6"],
        ["--rating", "0"],
        ["--duration", "forever"],
        ["--duration", "0"],
        ["--date", "2026-02-30"],
        ["--mode", "telepathy"],
        ["--time", "25:00"],
        ["--next", "someday"],
        ["--next", "2026-01-01"],
        ["--notes", "a\x00b"],
    ):
        result = run("checkin", "log", "ada", *extra)
        assert result.exit_code in (1, 2), extra
        assert "Error" in result.stderr, extra
    assert snapshot(journal) == before


def test_agenda_discussed_closes_and_others_carry_forward(ada: Path) -> None:
    ok("agenda", "add", "ada", "Feedback on the design review")
    ok("agenda", "add", "ada", "Conference talk?")
    points = data("agenda", "list", "ada")
    first, second = points[0]["id"], points[1]["id"]
    result = ok("checkin", "log", "ada", "--discussed", first[:4], "--notes", "talked")
    assert "Conference talk?" in result.stderr
    open_points = data("agenda", "list")
    assert [p["id"] for p in open_points] == [second]
    everything = {p["id"]: p for p in data("agenda", "list", "--all")}
    checkin_id = _only_checkin(ada).stem[11:]
    assert everything[first]["status"] == "discussed"
    assert everything[first]["discussed_in"] == checkin_id
    assert data("checkin", "show", checkin_id)["discussed"] == [first]
    ok("agenda", "done", second)
    assert data("agenda", "list") == []


def test_discussing_an_unknown_agenda_item_writes_nothing(ada: Path, journal: Path) -> None:
    before = snapshot(journal)
    assert run("checkin", "log", "ada", "--discussed", "zzzzz", "--notes", "x").exit_code == 1
    assert snapshot(journal) == before


def _fake_editor(tmp_path: Path, body: str, status: int = 0) -> str:
    script = tmp_path / "fake-editor.py"
    script.write_text(
        "import sys, pathlib\n"
        "path = pathlib.Path(sys.argv[-1])\n"
        "pathlib.Path(sys.argv[-2]).write_text(path.read_text())\n"
        f"path.write_text({body!r} + path.read_text())\n"
        f"sys.exit({status})\n"
    )
    return f"{sys.executable} {script} {tmp_path / 'seen.txt'}"


def test_editor_saves_notes_with_context_in_view(
    ada: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("agenda", "add", "ada", "Ask about the conference")
    monkeypatch.setenv("EDITOR", _fake_editor(tmp_path, "Written in the editor.\n"))
    ok("checkin", "log", "ada", "--edit")
    stored = tomllib.loads(_only_checkin(ada).read_text())
    assert stored["notes"] == "Written in the editor."
    seen = (tmp_path / "seen.txt").read_text()
    assert "# Open agenda:" in seen
    assert "Ask about the conference" in seen


def test_editor_empty_text_or_failure_saves_nothing(
    ada: Path, journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(journal)
    monkeypatch.setenv("VISUAL", _fake_editor(tmp_path, "\n\n"))
    empty = run("checkin", "log", "ada", "--edit")
    assert empty.exit_code == 1
    assert "empty" in empty.stderr
    monkeypatch.setenv("VISUAL", _fake_editor(tmp_path, "text", status=3))
    failed = run("checkin", "log", "ada", "--edit")
    assert failed.exit_code == 1
    assert "status 3" in failed.stderr
    monkeypatch.setenv("VISUAL", "/no/such/editor")
    assert run("checkin", "log", "ada", "--edit").exit_code == 1
    assert snapshot(journal) == before


def test_edit_in_editor_keeps_a_change_made_meanwhile(
    ada: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("checkin", "log", "ada", "--notes", "first notes", "--summary", "old")
    path = _only_checkin(ada)
    script = tmp_path / "editor.py"
    # While "the editor is open", another terminal changes the summary of the same record.
    script.write_text(
        "import sys, pathlib, subprocess\n"
        f"subprocess.run([sys.executable, '-m', 'mentorlog', '--as-of', '2026-11-26', 'checkin', 'edit', "
        f"{path.stem[11:]!r}, '--summary', 'changed meanwhile'], check=True)\n"
        "p = pathlib.Path(sys.argv[1]); p.write_text('edited notes\\n' + p.read_text())\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    ok("checkin", "edit", path.stem[11:], "--edit")
    stored = tomllib.loads(path.read_text())
    assert stored["summary"] == "changed meanwhile"
    assert stored["notes"].startswith("edited notes")


def test_delete_asks_and_moves_to_trash(ada: Path, journal: Path) -> None:
    ok("checkin", "log", "ada", "--notes", "to delete")
    path = _only_checkin(ada)
    checkin_id = path.stem[11:]
    refused = run("checkin", "delete", checkin_id, input="n\n")
    assert refused.exit_code == 1
    assert path.exists()
    ok("checkin", "delete", checkin_id, input="y\n")
    assert not path.exists()
    trashed = list((journal / ".trash").rglob("*.toml"))
    assert [p.name for p in trashed] == [path.name]


def test_skip_removes_an_expected_checkin(ada: Path) -> None:
    # Started 2026-09-01, every 2 weeks: 7 occurrences up to 2026-11-26, the last on 11-24.
    before = data("rel", "show", "ada")["checkins"]
    ok("checkin", "skip", "ada", "--date", "2026-11-24", "--why", "holiday")
    after = data("rel", "show", "ada")["checkins"]
    assert after["expected"] == before["expected"] - 1
    assert after["next_due"] == "2026-12-08"
    assert after["last"] is None
    listed = data("checkin", "list", "ada")
    assert listed[0]["skipped"] is True
    assert listed[0]["why"] == "holiday"


def test_rel_show_gains_last_next_and_calendar(ada: Path) -> None:
    ok("checkin", "log", "ada", "--date", "2026-11-10", "--notes", "x")
    ok("checkin", "log", "ada", "--date", "2026-11-24", "--next", "2026-12-01", "--notes", "y")
    shown = data("rel", "show", "ada")
    assert shown["checkins"]["last"] == "2026-11-24"
    assert shown["checkins"]["next_due"] == "2026-12-01"
    assert shown["checkins"]["overdue"] is False
    marks = [week["mark"] for week in shown["calendar"]]
    assert len(marks) == 26
    assert marks[-1] == "held"
    assert marks[-3] == "held"
    assert "missed" in marks
    text = ok("rel", "show", "ada").stdout
    assert "2026-12-01" in text
    late = data("rel", "show", "ada", as_of="2026-12-05")
    assert late["checkins"]["overdue"] is True
    assert "overdue" in ok("rel", "show", "ada", as_of="2026-12-05").stdout


def test_list_filters_by_dates_and_relationship(ada: Path) -> None:
    ok("rel", "add", "Alan Turing", "--as", "mentor")
    for day in ("2026-10-01", "2026-11-01", "2026-11-20"):
        ok("checkin", "log", "ada", "--date", day, "--notes", day)
    ok("checkin", "log", "alan", "--date", "2026-11-02", "--notes", "alan")
    assert [c["date"] for c in data("checkin", "list", "ada", "--since", "2026-10-15")] == [
        "2026-11-20",
        "2026-11-01",
    ]
    assert len(data("checkin", "list", "--until", "2026-11-01")) == 2
    assert len(data("checkin", "list", "--limit", "1")) == 1
    assert {c["relationship"] for c in data("checkin", "list")} == {"ada-lovelace", "alan-turing"}


def test_search_finds_across_kinds_with_snippets(ada: Path) -> None:
    ok(
        "checkin",
        "log",
        "ada",
        "--date",
        "2026-11-20",
        "--notes",
        "We discussed the Pratt PARSER at length.",
    )
    ok("checkin", "log", "ada", "--date", "2026-11-21", "--feedback-given", "parser docs are great")
    ok("expect", "add", "ada", "Parser work is the main goal", "--section", "goals")
    hits = data("search", "parser")
    # Most relevant first (FTS5's bm25 favours the shorter text), then newest.
    assert sorted(h["kind"] for h in hits) == ["agreement", "checkin", "checkin"]
    by_field = {h["field"]: h for h in hits}
    assert set(by_field) == {"feedback_given", "notes", "goals"}
    first = by_field["notes"]
    assert first["snippet"][first["match_start"] : first["match_end"]].lower() == "parser"
    assert data("search", "nothing-like-this") == []
    assert run("search", "parser", "--since", "2026-11-21", "--until", "2026-11-20").exit_code == 1
    assert run("search", "parser", "--limit", "-1").exit_code == 2
    assert [h["kind"] for h in data("search", "parser", "--kind", "agreement")] == ["agreement"]
    assert [
        h["id"]
        for h in data("search", "pratt parser", "--since", "2026-11-20", "--until", "2026-11-20")
    ] == [first["id"]]
    assert len(data("search", '"pratt parser" OR "docs are"')) == 2
    assert data("search", "parser NOT docs NOT work", "--format", "json")[0]["field"] == "notes"
    assert len(data("search", "pars*")) == 3
    assert run("search", "  ").exit_code == 1
    text = ok("search", "parser").stdout
    assert "checkin" in text


def test_json_list_is_an_array(ada: Path) -> None:
    ok("checkin", "log", "ada", "--notes", "x")
    parsed = json.loads(ok("checkin", "list", "--format", "json").stdout)
    assert isinstance(parsed, list)


def test_edit_date_moves_the_check_in_to_its_new_day(ada: Path) -> None:
    ok("checkin", "log", "ada", "--date", "2026-11-10", "--notes", "moved later")
    (logged,) = data("checkin", "list", "ada")
    old = ada / "checkins" / f"2026-11-10-{logged['id']}.toml"
    old.write_text(old.read_text() + "# a note by hand\n")
    result = ok("checkin", "edit", logged["id"], "--date", "2026-11-24")
    assert "now on 2026-11-24" in result.stderr
    new = ada / "checkins" / f"2026-11-24-{logged['id']}.toml"
    assert not old.exists() and new.exists()
    assert "# a note by hand" in new.read_text()  # an edit, not a rewrite
    assert tomllib.loads(new.read_text())["date"].isoformat() == "2026-11-24"
    assert data("checkin", "show", logged["id"])["date"] == "2026-11-24"
    week = data("summary", "--period", "week")["relationships"][0]["checkins"]
    assert week["held"] == 1 and week["last"] == "2026-11-24"
    assert ok("doctor").exit_code == 0


def test_edit_date_refuses_a_day_after_the_next_meeting(ada: Path) -> None:
    ok("checkin", "log", "ada", "--date", "2026-11-10", "--next", "2026-11-17", "--notes", "x")
    (logged,) = data("checkin", "list", "ada")
    result = run("checkin", "edit", logged["id"], "--date", "2026-11-20")
    assert result.exit_code == 1
    assert "cannot be before" in result.stderr
    assert (ada / "checkins" / f"2026-11-10-{logged['id']}.toml").exists()
    assert ok("checkin", "edit", logged["id"], "--date", "2026-11-20", "--next", "2026-12-01")


def test_doctor_names_a_check_in_whose_file_date_is_not_its_date(ada: Path) -> None:
    ok("checkin", "log", "ada", "--date", "2026-11-10", "--notes", "x")
    (logged,) = data("checkin", "list", "ada")
    path = ada / "checkins" / f"2026-11-10-{logged['id']}.toml"
    path.write_text(path.read_text().replace("date = 2026-11-10", "date = 2026-11-12"))
    result = run("doctor")
    assert result.exit_code == 3
    assert f"rename it 2026-11-12-{logged['id']}.toml" in result.stdout + result.stderr
    ok("checkin", "edit", logged["id"], "--summary", "any change puts it right")
    assert ok("doctor").exit_code == 0
    assert (ada / "checkins" / f"2026-11-12-{logged['id']}.toml").exists()


def test_a_checkin_after_today_is_refused_before_the_editor_opens(
    ada: Path, journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", _fake_editor(tmp_path, "Notes.\n"))
    before = snapshot(journal)
    for args in (("--date", "2026-11-27", "--notes", "x"), ("--date", "tomorrow", "--edit")):
        result = run("checkin", "log", "ada", *args)
        assert result.exit_code == 1, args
        assert "2026-11-27" in result.stderr
        assert "--next" in result.stderr  # the hint: plan the next meeting instead
    assert run("checkin", "log", "ada", "--date", "2026-11-24", as_of="2026-11-20").exit_code == 1
    assert not (tmp_path / "seen.txt").exists()
    assert snapshot(journal) == before


def test_a_checkin_before_the_start_is_kept_with_a_warning(ada: Path) -> None:
    result = ok("checkin", "log", "ada", "--date", "2026-08-15", "--notes", "x")
    assert "warning" in result.stderr
    assert "2026-09-01" in result.stderr
    assert _only_checkin(ada).name.startswith("2026-08-15-")
    assert "warning" not in ok("checkin", "log", "ada", "--notes", "today").stderr


def test_moving_a_checkin_after_today_is_refused(ada: Path, journal: Path) -> None:
    ok("checkin", "log", "ada", "--date", "2026-11-20", "--notes", "x")
    checkin_id = _only_checkin(ada).stem[11:]
    before = snapshot(journal)
    result = run("checkin", "edit", checkin_id, "--date", "2026-12-01")
    assert result.exit_code == 1
    assert "2026-12-01" in result.stderr
    assert snapshot(journal) == before


MARKDOWN_NOTES = "# Wins\n\n- Shipped the parser\n#2 priority: tests\n## Next\nPlan the talk."


def test_editor_keeps_markdown_headings_and_hash_lines(
    ada: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("agenda", "add", "ada", "Ask about the conference")
    monkeypatch.setenv("EDITOR", _fake_editor(tmp_path, MARKDOWN_NOTES + "\n"))
    ok("checkin", "log", "ada", "--edit")
    checkin_id = _only_checkin(ada).stem[11:]
    assert data("checkin", "show", checkin_id)["notes"] == MARKDOWN_NOTES
    seen = (tmp_path / "seen.txt").read_text()
    assert "# ------------------------ >8 ------------------------" in seen
    assert "Ask about the conference" in seen
    # Editing again opens the notes as they are, and keeps them as they are.
    monkeypatch.setenv("EDITOR", _fake_editor(tmp_path, "# Before\n"))
    ok("checkin", "edit", checkin_id, "--edit")
    assert data("checkin", "show", checkin_id)["notes"] == "# Before\n" + MARKDOWN_NOTES


def test_editor_left_with_only_the_guidance_saves_nothing(
    ada: Path, journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(journal)
    monkeypatch.setenv("EDITOR", _fake_editor(tmp_path, "\n  \n"))
    result = run("checkin", "log", "ada", "--edit")
    assert result.exit_code == 1
    assert "empty" in result.stderr
    assert snapshot(journal) == before


def test_notes_and_the_editor_together_are_refused_and_a_lost_editor_file_saves_nothing(
    ada: Path, journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(journal)
    monkeypatch.setenv("EDITOR", _fake_editor(tmp_path, "x"))
    both = run("checkin", "log", "ada", "--notes", "given", "--edit")
    assert both.exit_code == 1 and "not both" in both.stderr
    remover = tmp_path / "remove.py"
    remover.write_text("import os, sys\nos.remove(sys.argv[-1])\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {remover}")
    lost = run("checkin", "log", "ada", "--edit")
    assert lost.exit_code == 1 and "nothing was saved" in lost.stderr
    assert snapshot(journal) == before


def test_check_ins_of_one_day_count_in_the_order_of_their_time(ada: Path) -> None:
    """The later meeting's plan is the one that holds, whatever their random ids."""
    ok("checkin", "log", "ada", "--date", "2026-11-05", "--time", "18:00")
    ok("checkin", "log", "ada", "--date", "2026-11-05", "--time", "09:00", "--next", "2027-01-01")
    (rel,) = data("summary", "--period", "week")["relationships"]
    assert rel["checkins"]["next_due"] != "2027-01-01"
