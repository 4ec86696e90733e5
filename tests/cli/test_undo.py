"""`mentorlog undo` takes back the last change a command made, byte for byte, and refuses,
changing nothing, where a file has changed since."""

from __future__ import annotations

import json
import shlex
import shutil
import stat
import subprocess
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorlog.store import undo
from tests.cli.test_data import requires_git
from tests.conftest import data, ok, run, snapshot
from tests.strategies import TEXT_CHARACTERS

Files = dict[str, bytes]


def journal_files(root: Path) -> Files:
    """The journal as undo must give it back: every file but undo's own records (and, as
    `snapshot` has it, the lock and the index)."""
    return {path: b for path, b in snapshot(root).items() if not path.startswith(".undo/")}


def outside_trash(files: Files) -> Files:
    return {path: b for path, b in files.items() if not path.startswith(".trash/")}


def in_trash(files: Files) -> Files:
    return {path: b for path, b in files.items() if path.startswith(".trash/")}


def assert_given_back(root: Path, before: Files) -> None:
    """Every record as it was; the trash as it was, plus what undo took away (nothing lost)."""
    now = journal_files(root)
    assert outside_trash(now) == outside_trash(before)
    assert in_trash(before).items() <= in_trash(now).items()


def _ids(ada: Path, kind: str) -> list[str]:
    return [path.stem.rsplit("-", 1)[-1] for path in sorted((ada / kind).glob("*.toml"))]


@pytest.fixture
def busy(ada: Path) -> Path:
    """Ada with a check-in, a goal and an open action."""
    ok("checkin", "log", "ada", "--date", "2026-11-20", "--summary", "First talk")
    ok("goal", "add", "ada", "Give a talk", "--target", "2027-01-31")
    ok("action", "add", "ada", "Send slides", "--owner", "them", "--due", "2026-11-30")
    return ada


COMMANDS: dict[str, Callable[[Path], list[str]]] = {
    "checkin log": lambda ada: ["checkin", "log", "ada", "--summary", "Oops, wrong person"],
    "goal update": lambda ada: ["goal", "update", _ids(ada, "goals")[0], "--progress", "40"],
    "action done": lambda ada: ["action", "done", _ids(ada, "actions")[0]],
    "checkin delete": lambda ada: ["checkin", "delete", _ids(ada, "checkins")[0], "--yes"],
    "checkin edit --date": lambda ada: [
        "checkin",
        "edit",
        _ids(ada, "checkins")[0],
        "--date",
        "2026-11-21",
    ],
    "rel edit": lambda ada: ["rel", "edit", "ada", "--cadence", "weekly", "--tag", "talks"],
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_undo_gives_back_the_journal_as_it_was(busy: Path, command: str) -> None:
    root = busy.parent.parent
    before = journal_files(root)
    args = COMMANDS[command](busy)
    ok(*args)
    assert outside_trash(journal_files(root)) != outside_trash(before)
    result = ok("undo")
    assert result.stderr.startswith(f"Undid: {shlex.join(['mentorlog', *args])}\n")
    assert_given_back(root, before)
    if command in ("checkin delete", "goal update", "action done", "rel edit"):
        assert journal_files(root) == before  # the trash too: a deleted record came back


def test_what_a_command_added_goes_to_the_trash(busy: Path) -> None:
    root = busy.parent.parent
    before = journal_files(root)
    ok("checkin", "log", "ada", "--summary", "Meant for Bob")
    told = ok("undo").stderr
    assert_given_back(root, before)
    (kept,) = set(in_trash(journal_files(root))) - set(in_trash(before))
    assert kept.startswith(".trash/relationships/ada-lovelace/checkins/")
    assert b"Meant for Bob" in (root / kept).read_bytes()
    assert f"to {kept}" in told


def test_undo_of_a_new_relationship_leaves_no_empty_folder(journal: Path) -> None:
    ok("rel", "add", "Bob", "--as", "mentee")
    ok("undo")
    assert not (journal / "relationships" / "bob").exists()
    assert data("rel", "list", "--all") == []


def test_undo_again_walks_further_back(busy: Path) -> None:
    root = busy.parent.parent
    steps = []
    for args in (
        ["goal", "update", _ids(busy, "goals")[0], "--progress", "30"],
        ["rel", "edit", "ada", "--contact", "ada@example.org"],
        ["goal", "update", _ids(busy, "goals")[0], "--progress", "60"],
    ):
        steps.append(journal_files(root))
        ok(*args)
    for before in reversed(steps):
        ok("undo")
        assert journal_files(root) == before
    assert [c["command"][:2] for c in data("undo", "--list")][:3] == [
        ["action", "add"],
        ["goal", "add"],
        ["checkin", "log"],
    ]


def test_undo_list_names_each_command_and_its_files(busy: Path) -> None:
    goal = _ids(busy, "goals")[0]
    ok("goal", "update", goal, "--progress", "40", "--note", "Outline done")
    changes = data("undo", "--list")
    last = changes[0]
    assert last["command"] == ["goal", "update", goal, "--progress", "40", "--note", "Outline done"]
    assert [(f["path"], f["before"] is None) for f in last["files"]] == [
        (f"relationships/ada-lovelace/goals/{goal}.toml", False)
    ]
    assert last["when"][:4].isdigit() and last["step"] > changes[1]["step"]
    assert [c["command"][0] for c in changes] == ["goal", "action", "goal", "checkin", "rel"]
    assert changes[-1]["files"][0]["path"] == "relationships/ada-lovelace/relationship.toml"
    text = ok("undo", "--list").stdout
    assert f"mentorlog goal update {goal} --progress 40 --note 'Outline done'" in text
    assert f"changed relationships/ada-lovelace/goals/{goal}.toml" in " ".join(text.split())
    assert "Outline done" in ok("undo", "--list", "--format", "markdown").stdout


def test_a_hand_edit_since_the_command_makes_undo_refuse(busy: Path) -> None:
    root = busy.parent.parent
    goal = _ids(busy, "goals")[0]
    ok("goal", "update", goal, "--progress", "40")
    path = busy / "goals" / f"{goal}.toml"
    path.write_text(path.read_text() + "# a note added by hand\n")
    before = snapshot(root)
    result = run("undo")
    assert result.exit_code == 1
    assert f"relationships/ada-lovelace/goals/{goal}.toml changed after it" in result.stderr
    assert "Nothing was changed" in result.stderr
    assert snapshot(root) == before


def test_a_record_deleted_by_hand_since_it_was_made_is_left_alone(busy: Path) -> None:
    """A file the command made and that is gone since: undo has nothing to take back there."""
    root = busy.parent.parent
    before = journal_files(root)
    ok("action", "add", "ada", "Book a room", "--owner", "me")
    (made,) = set(_ids(busy, "actions")) - {p.rsplit("/", 1)[-1][:-5] for p in before}
    (busy / "actions" / f"{made}.toml").unlink()
    assert "already was as before" in ok("undo").stderr
    assert journal_files(root) == before


def test_nothing_to_undo(journal: Path) -> None:
    before = snapshot(journal)
    result = run("undo")
    assert result.exit_code == 1
    assert "Nothing to undo" in result.stderr
    assert snapshot(journal) == before
    error = json.loads(run("undo", "--format", "json").stdout)["error"]
    assert error["code"] == "input" and "Nothing to undo" in error["message"]
    assert data("undo", "--list") == []
    assert "Nothing to undo" in ok("undo", "--list").stdout


def test_commands_that_change_nothing_record_nothing(busy: Path) -> None:
    root = busy.parent.parent
    before = snapshot(root)
    ok("status")
    ok("goal", "list")
    assert run("goal", "update", "zzzzz", "--progress", "10").exit_code == 1
    assert run("checkin", "log", "ada", "--rating", "9").exit_code != 0
    assert snapshot(root) == before


def test_undo_takes_back_a_restore_from_the_trash(busy: Path) -> None:
    root = busy.parent.parent
    checkin = _ids(busy, "checkins")[0]
    ok("checkin", "delete", checkin, "--yes")
    deleted = journal_files(root)
    ok("trash", "restore", checkin)
    assert "(its record is back in place)" in ok("undo").stderr
    assert journal_files(root) == deleted
    ok("undo")
    assert not in_trash(journal_files(root))


def test_a_damaged_copy_is_refused(busy: Path) -> None:
    root = busy.parent.parent
    goal = _ids(busy, "goals")[0]
    ok("goal", "update", goal, "--progress", "40")
    (copy,) = (root / ".undo").glob(f"*/before/**/{goal}.toml")
    copy.write_text("schema = 1\n")
    before = snapshot(root)
    result = run("undo")
    assert result.exit_code == 3
    assert "damaged" in result.stderr and "Nothing was changed" in result.stderr
    assert snapshot(root) == before


def test_undo_records_are_private_bounded_and_no_problem_for_doctor(
    busy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = busy.parent.parent
    monkeypatch.setattr(undo, "KEPT_CHANGES", 3)
    goal = _ids(busy, "goals")[0]
    for progress in (10, 20, 30, 40):
        ok("goal", "update", goal, "--progress", str(progress))
    assert [c["command"][-1] for c in data("undo", "--list")] == ["40", "30", "20"]
    assert len(list((root / ".undo").iterdir())) == 3
    for path in (root / ".undo").rglob("*"):
        wanted = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == wanted, path
    assert stat.S_IMODE((root / ".undo").stat().st_mode) == 0o700
    ok("doctor")


@requires_git
def test_sync_never_shares_undo_records_and_what_it_brings_blocks_undo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(bare)], check=True)
    laptop, phone = tmp_path / "laptop", tmp_path / "phone"
    monkeypatch.setenv("MENTORLOG_JOURNAL", str(laptop))
    ok("init", "--owner", "Grace")
    ok("rel", "add", "Ada", "--as", "mentor")
    ok("checkin", "log", "ada", "--summary", "From the laptop")
    ok("sync", "--remote", str(bare))
    monkeypatch.setenv("MENTORLOG_JOURNAL", str(phone))
    ok("sync", "--remote", str(bare))
    assert not (phone / ".undo").exists()
    checkin = data("checkin", "list")[0]["id"]
    ok("checkin", "edit", checkin, "--summary", "Edited on the phone")
    ok("sync")
    monkeypatch.setenv("MENTORLOG_JOURNAL", str(laptop))
    ok("sync")
    tracked = subprocess.run(
        ["git", "-C", str(bare), "ls-tree", "-r", "--name-only", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ".undo" not in tracked and "checkins/" in tracked
    before = snapshot(laptop)
    result = run("undo")
    assert result.exit_code == 1
    assert "changed after it" in result.stderr and "checkins/" in result.stderr
    assert snapshot(laptop) == before


# -- a random run of commands, undone one by one ------------------------------------------------

WORDS = st.text(TEXT_CHARACTERS, min_size=1, max_size=12)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal with Ada, a check-in, a goal and an open action (each example edits a copy)."""
    root = tmp_path_factory.mktemp("undo") / "journal"
    at = ("--journal", str(root))
    ok(*at, "init", "--owner", "Grace")
    ok(*at, "rel", "add", "Ada", "--as", "mentor", "--started", "2026-09-01")
    ok(*at, "checkin", "log", "ada", "--date", "2026-11-20", "--summary", "First")
    ok(*at, "goal", "add", "ada", "A goal")
    ok(*at, "action", "add", "ada", "A step", "--owner", "them")
    return root


def _open_actions(ada: Path) -> list[str]:
    return [
        path.stem
        for path in sorted((ada / "actions").glob("*.toml"))
        if tomllib.loads(path.read_text()).get("status", "open") == "open"
    ]


def _a_command(ada: Path, choice: st.DataObject) -> list[str]:
    """One command of a small set, on records the journal holds now."""
    goals, checkins, actions = _ids(ada, "goals"), _ids(ada, "checkins"), _open_actions(ada)
    kinds = ["log", "goal", "action", "edit"]
    kinds += ["progress"] * bool(goals) + ["delete"] * bool(checkins) + ["done"] * bool(actions)
    kind = choice.draw(st.sampled_from(kinds), label="command")
    if kind == "log":
        return ["checkin", "log", "ada", f"--summary=s {choice.draw(WORDS)}"]
    if kind == "goal":
        return ["goal", "add", "ada", f"g {choice.draw(WORDS)}"]
    if kind == "action":
        return ["action", "add", "ada", f"a {choice.draw(WORDS)}", "--owner", "me"]
    if kind == "edit":
        return ["rel", "edit", "ada", f"--contact=c {choice.draw(WORDS)}"]
    if kind == "progress":
        progress = str(choice.draw(st.integers(0, 100)))
        return ["goal", "update", choice.draw(st.sampled_from(goals)), "--progress", progress]
    if kind == "delete":
        return ["checkin", "delete", choice.draw(st.sampled_from(checkins)), "--yes"]
    return ["action", "done", choice.draw(st.sampled_from(actions))]


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(choice=st.data())
def test_undoing_a_run_of_commands_gives_back_each_journal_before_them(
    base: Path, choice: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "journal"
        shutil.copytree(base, root)
        at = ("--journal", str(root))
        ada = root / "relationships" / "ada"
        journals = []
        for _ in range(choice.draw(st.integers(3, 6), label="commands")):
            before = journal_files(root)
            ok(*at, *_a_command(ada, choice))
            if journal_files(root) != before:  # a command that changed nothing records nothing
                journals.append(before)
        for before in reversed(journals):
            ok(*at, "undo")
            assert_given_back(root, before)


def test_the_list_prints_each_path_whole_at_40_columns(
    ada: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("checkin", "log", "ada", "--summary", "x")
    monkeypatch.setenv("MENTORLOG_WIDTH", "40")
    shown = ok("undo", "--list").stdout
    paths = [f["path"] for c in data("undo", "--list") for f in c["files"]]
    assert paths and all(len(p) > 40 and p in shown for p in paths), shown
