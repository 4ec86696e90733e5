"""The derived index (`.cache/index.sqlite`) is never trusted over the TOML, and changes
nothing that is shown: a file whose size, mtime, ctime or inode changed is read again, a
file changed within SETTLED_NS of a refresh is read again every time, and an index that is
corrupt, foreign or of another version is rebuilt."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from mentorlog import __version__
from mentorlog.store.crypt import Opener
from mentorlog.store.index import INDEX_FILE, INDEX_FORMAT, SETTLED_NS, Index
from tests.conftest import data, ok, run, snapshot

requires_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
SIDE_FILES = ("-wal", "-shm")  # SQLite's own files beside the index in WAL mode


def _summary() -> str:
    return ok("summary", "--period", "quarter", "--format", "json").stdout


def _settle(journal: Path, seconds: int = 3600) -> None:
    """Date every file and folder of the journal back, as if written an hour ago, then wait out
    the index's racy window: os.utime sets each ctime to now, and the index keeps a file's
    stats only once both its mtime and its ctime are SETTLED_NS old."""
    for path in [journal, *journal.rglob("*")]:
        when = path.lstat().st_mtime_ns - seconds * 10**9
        os.utime(path, ns=(when, when), follow_symlinks=False)
    time.sleep(SETTLED_NS / 10**9 + 0.1)


def _index_path(journal: Path) -> Path:
    return journal / ".cache" / INDEX_FILE


def _query(journal: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows of the index file itself (read-only, never the in-memory fallback)."""
    db = sqlite3.connect(f"file:{_index_path(journal)}?mode=ro", uri=True)
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.close()


def _indexed(journal: Path) -> dict[str, tuple[str, str, bytes | None, bytes | None]]:
    """Every record row of the index file: 'folder/name' -> (kind, id, stats, problem)."""
    rows = _query(journal, "SELECT folder, name, kind, id, stats, problem FROM record")
    return {
        f"{folder}/{name}": (kind, id_, stats, problem)
        for folder, name, kind, id_, stats, problem in rows
    }


def _is_current_index(journal: Path) -> bool:
    meta = dict(_query(journal, "SELECT key, value FROM meta"))
    return meta.get("version") == __version__ and meta.get("format") == str(INDEX_FORMAT)


def _write_private(path: Path, text: str) -> None:
    """A new file, 0600 as mentorlog makes them."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)


def _edit_in_place_keeping_times(path: Path, old: str, new: str) -> None:
    """A same-size edit through the same inode, with the file's old atime and mtime put back:
    only its ctime tells."""
    text, info = path.read_text(), path.stat()
    edited = text.replace(old, new, 1)
    assert edited != text and len(edited.encode()) == len(text.encode())
    with path.open("r+") as handle:
        handle.write(edited)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        info.st_size,
        info.st_mtime_ns,
        info.st_ino,
    )


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo journal as the current one, every file dated an hour back."""
    journal = tmp_path / "demo"
    ok("demo", "--dir", str(journal))
    monkeypatch.setenv("MENTORLOG_JOURNAL", str(journal))
    _settle(journal)
    return journal


def _goal_file(demo: Path, title: str) -> Path:
    return next(
        p
        for p in (demo / "relationships" / "alan-turing" / "goals").glob("*.toml")
        if title in p.read_text()
    )


# -- the same output, cold and warm -----------------------------------------------------------


def test_summary_is_identical_cold_warm_and_after_a_hand_edit(demo: Path) -> None:
    shutil.rmtree(demo / ".cache", ignore_errors=True)
    cold = _summary()
    assert _is_current_index(demo)
    rows = _indexed(demo)
    base = "relationships/alan-turing"
    assert rows[f"{base}/relationship.toml"][:2] == ("relationship", "alan-turing")
    assert any(key.startswith(f"{base}/goals/") for key in rows)
    checkins = [key for key in rows if key.startswith(f"{base}/checkins/2026-")]
    assert checkins and all(rows[key][0] == "checkins" for key in checkins)
    # Every file had settled: the index keeps its stats and trusts them next time.
    assert all(stats is not None and problem is None for _, _, stats, problem in rows.values())
    warm = _summary()
    assert warm == cold
    shutil.rmtree(demo / ".cache")
    assert _summary() == cold
    # A hand edit in place, same size and quick enough to share a second: still seen.
    goal_file = _goal_file(demo, "Learn Rust")
    text = goal_file.read_text()
    edited = text.replace(
        "Learn Rust well enough to review PRs", "Learn Rust well enough to review PR!"
    )
    assert edited != text and len(edited) == len(text)
    goal_file.write_text(edited)
    after = _summary()
    assert "review PR!" in after
    assert after.replace("review PR!", "review PRs") == cold
    listed = ok("goal", "list", "alan").stdout
    assert "review PR!" in listed


def test_a_change_that_keeps_the_same_mtime_is_still_seen(demo: Path) -> None:
    """An in-place, same-size edit that puts the old mtime back (as a quick second edit on a
    coarse clock may look): its ctime differs, so the very next command reads it again."""
    goal_file = _goal_file(demo, "Learn Rust")
    key = str(goal_file.relative_to(demo))
    before = _summary()
    assert _indexed(demo)[key][2] is not None  # settled: kept and trusted by its stats
    _edit_in_place_keeping_times(goal_file, "review PRs", "review PR!")  # the same second
    after = _summary()
    assert "review PR!" in after
    assert after.replace("review PR!", "review PRs") == before
    assert "review PR!" in ok("goal", "list", "alan").stdout
    # `cp -p` of a same-size file over it: another inode, the same size and mtime.
    copy = goal_file.with_name(".copy.tmp")
    copy.write_text(goal_file.read_text().replace("review PR!", "review PR?"))
    shutil.copystat(goal_file, copy)
    os.replace(copy, goal_file)
    assert "review PR?" in _summary()


def test_an_edit_within_the_same_second_as_the_refresh_is_still_seen(demo: Path) -> None:
    """A file written just now is not trusted by its stats: read again on every command, so a
    second edit in the same clock tick, even with the first edit's mtime put back, is seen."""
    goal_file = _goal_file(demo, "Learn Rust")
    key = str(goal_file.relative_to(demo))
    goal_file.write_text(goal_file.read_text().replace("review PRs", "review PR1"))
    first = _summary()
    assert "review PR1" in first
    assert _indexed(demo)[key][2] is None  # too fresh to keep
    _edit_in_place_keeping_times(goal_file, "review PR1", "review PR2")
    second = _summary()
    assert "review PR2" in second
    assert second.replace("review PR2", "review PR1") == first


def test_a_record_or_folder_added_or_removed_is_seen(demo: Path) -> None:
    folder = demo / "relationships" / "alan-turing" / "checkins"
    ok("summary")
    names = sorted(p.name for p in folder.glob("*.toml"))
    indexed = sorted(
        k.rsplit("/", 1)[1]
        for k in _indexed(demo)
        if k.startswith(str(folder.relative_to(demo)) + "/")
    )
    assert indexed == names
    ok("checkin", "log", "alan", "--date", "2026-11-20", "--notes", "listed")
    listed = data("checkin", "list", "alan", "--limit", "0")
    assert len(listed) == len(names) + 1
    # A second file added by hand, the folder's times put back: seen too.
    stamp = folder.stat()
    copy = folder / "2026-01-01-zzzzz.toml"
    _write_private(copy, 'schema = 1\nid = "zzzzz"\ndate = 2026-01-01\n')
    os.utime(folder, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert "zzzzz" in {c["id"] for c in data("checkin", "list", "alan", "--limit", "0")}
    # ... and removed by hand, the folder's times put back again: gone.
    copy.unlink()
    os.utime(folder, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert "zzzzz" not in {c["id"] for c in data("checkin", "list", "alan", "--limit", "0")}
    # A relationship folder copied in with its times (`cp -rp`), then removed: its records
    # repeat the ids of Alan's, so they are named as problems until the copy goes.
    rels = demo / "relationships"
    shutil.copytree(rels / "alan-turing", rels / "alan-copy")
    assert "alan-copy" in {r["id"] for r in data("rel", "list")}
    copied = run("summary", "--period", "quarter", "--format", "json")
    assert copied.exit_code == 3
    assert "alan-copy" in {r["id"] for r in json.loads(copied.stdout)["relationships"]}
    assert any(k.startswith("relationships/alan-copy/") for k in _indexed(demo))
    shutil.rmtree(rels / "alan-copy")
    assert "alan-copy" not in {r["id"] for r in data("rel", "list")}
    assert "alan-copy" not in {r["id"] for r in json.loads(_summary())["relationships"]}
    assert not any(k.startswith("relationships/alan-copy/") for k in _indexed(demo))


def test_a_deleted_record_leaves_the_lists_and_the_index(ada: Path, journal: Path) -> None:
    for day in ("2026-11-10", "2026-11-20"):
        ok("checkin", "log", "ada", "--date", day, "--notes", f"met {day}")
    ok("action", "add", "ada", "Send the outline", "--owner", "them", "--due", "2026-12-01")
    ok("action", "add", "ada", "Book a room", "--owner", "me", "--due", "2026-12-03")
    _settle(journal)
    checkins = data("checkin", "list")
    actions = data("action", "list")
    assert len(checkins) == 2 and len(actions) == 2
    assert len(_indexed(journal)) == 5  # the relationship, two check-ins, two actions
    gone_checkin = ada / "checkins" / f"2026-11-10-{checkins[1]['id']}.toml"
    gone_action = next(ada.glob("actions/*.toml"))
    gone_action_id = gone_action.stem
    gone_checkin.unlink()
    gone_action.unlink()
    assert [c["id"] for c in data("checkin", "list")] == [checkins[0]["id"]]
    assert [a["id"] for a in data("action", "list")] == [
        a["id"] for a in actions if a["id"] != gone_action_id
    ]
    rows = _indexed(journal)
    assert str(gone_checkin.relative_to(journal)) not in rows
    assert str(gone_action.relative_to(journal)) not in rows
    assert sorted(kind for kind, *_ in rows.values()) == ["actions", "checkins", "relationship"]
    searched = _query(journal, "SELECT count(*) FROM fulltext WHERE fulltext MATCH 'met'")
    assert searched == [(1,)]  # its full text went with it
    assert [c["id"] for c in data("checkin", "list")] == [checkins[0]["id"]]  # warm, the same


# -- private, derived, never synced or exported -----------------------------------------------


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_index_is_private_derived_and_kept_out_of_export(
    ada: Path, journal: Path, umask: int
) -> None:
    ok("checkin", "log", "ada", "--notes", "indexed")
    _settle(journal)
    shutil.rmtree(journal / ".cache", ignore_errors=True)
    records = {k: v for k, v in snapshot(journal).items() if not k.startswith(".cache")}
    cache = journal / ".cache"
    index = _index_path(journal)
    old = os.umask(umask)
    try:
        exported_cold = ok("export", "--format", "json").stdout
        ok("summary")
        exported_warm = ok("export", "--format", "json").stdout
        # SQLite's -wal and -shm exist while a command holds the index open: hold it so.
        held = Index(str(journal), Opener()).connection()
        try:
            present = {p.name for p in cache.iterdir()}
            modes = {name: oct((cache / name).stat().st_mode & 0o777) for name in present}
        finally:
            held.close()
    finally:
        os.umask(old)
    assert cache.is_dir()
    assert oct(cache.stat().st_mode & 0o777) == "0o700"
    assert index.is_file()
    assert present == {INDEX_FILE, *(INDEX_FILE + s for s in SIDE_FILES)}, present
    assert modes == dict.fromkeys(present, "0o600")
    assert {p.name for p in cache.iterdir()} <= present
    for path in cache.iterdir():
        assert oct(path.stat().st_mode & 0o777) == "0o600", path.name
    assert _is_current_index(journal) and _indexed(journal)
    # Derived: the index never writes a record file.
    assert {k: v for k, v in snapshot(journal).items() if not k.startswith(".cache")} == records
    assert exported_warm == exported_cold
    assert ".cache" not in exported_warm and "index.sqlite" not in exported_warm
    from mentorlog.store.sync import GITIGNORE

    assert ".cache/" in GITIGNORE
    doctor = ok("doctor")
    assert ".cache" not in doctor.stdout + doctor.stderr


@requires_git
def test_index_is_never_synced(
    tmp_path: Path, ada: Path, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(bare)], check=True)
    ok("checkin", "log", "ada", "--notes", "indexed")
    ok("summary")
    assert _index_path(journal).is_file()
    ok("sync", "--remote", str(bare))
    tracked = subprocess.run(
        ["git", "-C", str(bare), "ls-tree", "-r", "--name-only", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "journal.toml" in tracked
    assert not [name for name in tracked if name.startswith(".cache")]
    # The index changes on every refresh; never a change to commit.
    ok("checkin", "log", "ada", "--date", "2026-11-20", "--notes", "again")
    ok("summary")
    assert "check-in" in ok("sync").stderr
    ok("summary")
    assert "Nothing new to commit" in ok("sync").stderr
    status = subprocess.run(
        ["git", "-C", str(journal), "status", "--porcelain", "--ignored"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ".cache/" in status  # ignored, as `!! .cache/`
    assert all(line.startswith("!!") for line in status.splitlines() if ".cache" in line)


# -- corrupt, foreign, unusable ---------------------------------------------------------------


def _garbage(index: Path) -> None:
    for path in [index, *(Path(f"{index}{s}") for s in SIDE_FILES)]:
        path.write_bytes(b"\x00not an index\xff" * 64)


def _empty(index: Path) -> None:
    for path in [index, *(Path(f"{index}{s}") for s in SIDE_FILES)]:
        path.unlink(missing_ok=True)
    index.write_bytes(b"")


def _other_tables(index: Path) -> None:
    for path in [index, *(Path(f"{index}{s}") for s in SIDE_FILES)]:
        path.unlink(missing_ok=True)
    db = sqlite3.connect(index)
    db.executescript("CREATE TABLE notes(id TEXT, body TEXT); INSERT INTO notes VALUES ('a', 'b');")
    db.close()


def _meta_says(key: str, value: str) -> Any:
    def damage(index: Path) -> None:
        db = sqlite3.connect(index)
        with db:
            db.execute("UPDATE meta SET value = ? WHERE key = ?", (value, key))
        db.close()

    return damage


@pytest.mark.parametrize(
    "damage",
    [
        _garbage,
        _empty,
        _other_tables,
        _meta_says("version", "0.0.0-other"),
        _meta_says("format", "0"),
    ],
    ids=["garbage", "empty", "other-tables", "other-version", "other-format"],
)
def test_a_corrupt_or_foreign_index_is_rebuilt(ada: Path, journal: Path, damage: Any) -> None:
    ok("checkin", "log", "ada", "--notes", "x")
    ok("action", "add", "ada", "Send the outline", "--owner", "them", "--due", "2026-11-01")
    before = ok("summary", "--format", "json").stdout
    listed = ok("checkin", "list", "--format", "json").stdout
    damage(_index_path(journal))
    assert ok("summary", "--format", "json").stdout == before
    assert ok("summary", "--format", "json").stdout == before
    assert ok("checkin", "list", "--format", "json").stdout == listed
    # Rebuilt in its file, not only in memory for each run.
    assert _is_current_index(journal)
    assert sorted(kind for kind, *_ in _indexed(journal).values()) == [
        "actions",
        "checkins",
        "relationship",
    ]
    assert not _query(journal, "SELECT name FROM sqlite_master WHERE name = 'notes'")


def _bad_stored_row(index: Path) -> None:
    db = sqlite3.connect(index)
    db.execute("UPDATE record SET data = x'c1' WHERE kind = 'checkins'")
    db.commit()
    db.close()


def _damaged_pages(index: Path) -> None:
    """Random bytes over every page but the first (the header still says SQLite, so the damage
    shows only when a query reads the pages)."""
    db = sqlite3.connect(index)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = db.execute("PRAGMA page_size").fetchone()[0]
    db.close()
    content = bytearray(index.read_bytes())
    content[page:] = os.urandom(len(content) - page)
    index.write_bytes(bytes(content))


@pytest.mark.parametrize("damage", [_bad_stored_row, _damaged_pages], ids=["row", "pages"])
def test_an_index_found_damaged_while_reading_is_rebuilt(
    ada: Path, journal: Path, damage: Any
) -> None:
    """Damage the refresh does not notice (its folder signatures still match) is found by the
    query that reads it: the index is dropped, rebuilt, and the answer is the same."""
    ok("checkin", "log", "ada", "--notes", "words to find")
    _settle(journal)
    before = [
        ok(*args).stdout
        for args in (
            ("checkin", "list", "--format", "json"),
            ("search", "words", "--format", "json"),
        )
    ]
    damage(_index_path(journal))
    after = [
        ok(*args).stdout
        for args in (
            ("checkin", "list", "--format", "json"),
            ("search", "words", "--format", "json"),
        )
    ]
    assert after == before
    assert _is_current_index(journal)


def test_an_index_that_cannot_be_written_is_built_in_memory(ada: Path, journal: Path) -> None:
    ok("checkin", "log", "ada", "--notes", "x")
    before = ok("summary", "--format", "json").stdout
    shutil.rmtree(journal / ".cache")
    (journal / ".cache").write_bytes(b"not a folder")
    assert ok("summary", "--format", "json").stdout == before
    assert (journal / ".cache").read_bytes() == b"not a folder"


# -- what a hand edit can write ---------------------------------------------------------------


def test_an_open_overdue_action_with_id_0abcd_is_listed_and_overdue(
    ada: Path, journal: Path
) -> None:
    ok("action", "add", "ada", "Book a room", "--owner", "me", "--due", "2026-12-03")
    _settle(journal)
    ok("summary")  # the index knows the folder before the hand-written file arrives
    _write_private(
        ada / "actions" / "0abcd.toml",
        'schema = 1\nid = "0abcd"\ntext = "Imported commitment"\nowner = "mentee"\n'
        'due = 2026-11-01\ncreated = 2026-10-20\nstatus = "open"\n',
    )
    for _ in range(2):  # fresh, then warm
        listed = {a["id"]: a for a in data("action", "list")}
        assert "0abcd" in listed, listed
        assert listed["0abcd"]["text"] == "Imported commitment"
        assert "0abcd" in {a["id"] for a in data("action", "list", "--overdue")}
        assert "0abcd" in ok("action", "list").stdout
        (rel,) = data("summary")["relationships"]
        assert "0abcd" in [a["id"] for a in rel["actions"]["overdue"]]


def test_a_checkin_dated_with_a_toml_datetime_is_listed(ada: Path, journal: Path) -> None:
    ok("checkin", "log", "ada", "--date", "2026-11-20", "--notes", "with a time")
    (path,) = ada.glob("checkins/*.toml")
    checkin_id = path.stem.rsplit("-", 1)[1]
    _settle(journal)
    ok("checkin", "list")
    text = path.read_text()
    assert "\ndate = 2026-11-20\n" in text
    path.write_text(text.replace("\ndate = 2026-11-20\n", "\ndate = 2026-11-20T10:00:00\n"))
    for _ in range(2):
        assert checkin_id in {c["id"] for c in data("checkin", "list")}
        on_the_day = data("checkin", "list", "--since", "2026-11-20", "--until", "2026-11-20")
        assert [c["id"] for c in on_the_day] == [checkin_id]
        (rel,) = data("summary")["relationships"]
        assert rel["checkins"]["last"] == "2026-11-20"
    assert data("doctor") == []  # no problem, not even with its name


def test_a_closed_action_reopened_by_hand_is_open(ada: Path, journal: Path) -> None:
    ok("action", "add", "ada", "Send the outline", "--owner", "them", "--due", "2026-11-01")
    (path,) = ada.glob("actions/*.toml")
    action_id = path.stem.rsplit("-", 1)[-1]
    ok("action", "done", action_id, "--date", "2026-11-05")
    (path,) = ada.glob("actions/*.toml")  # whatever name a closed action has
    _settle(journal)
    assert action_id not in {a["id"] for a in data("action", "list")}
    (rel,) = data("summary")["relationships"]
    assert rel["actions"]["open"] == 0
    text = path.read_text()
    reopened = re.sub(r'^status = "done"$', 'status = "open"', text, flags=re.MULTILINE)
    reopened = re.sub(r"^done = \S+\n", "", reopened, flags=re.MULTILINE)
    assert reopened != text and "done" not in reopened
    path.write_text(reopened)
    for _ in range(2):
        listed = {a["id"]: a for a in data("action", "list")}
        assert action_id in listed
        assert listed[action_id]["status"] == "open"
        (rel,) = data("summary")["relationships"]
        assert rel["actions"]["open"] == 1
        assert action_id in [a["id"] for a in rel["actions"]["overdue"]]


def test_a_checkin_redated_inside_its_file_is_found_by_since(ada: Path, journal: Path) -> None:
    ok("checkin", "log", "ada", "--date", "2026-10-01", "--notes", "moved")
    (path,) = ada.glob("checkins/*.toml")
    checkin_id = path.stem.rsplit("-", 1)[1]
    _settle(journal)
    assert data("checkin", "list", "--since", "2026-11-23") == []
    path.write_text(path.read_text().replace("date = 2026-10-01", "date = 2026-11-24"))
    assert path.name.startswith("2026-10-01-")  # its name unchanged
    for _ in range(2):
        found = data("checkin", "list", "--since", "2026-11-23")
        assert [c["id"] for c in found] == [checkin_id]
        assert found[0]["date"] == "2026-11-24"
        assert data("checkin", "list", "--until", "2026-10-31") == []
        (rel,) = data("summary")["relationships"]
        assert rel["checkins"]["held"] == 1


def _folder_named_like_a_record(path: Path) -> None:
    path.mkdir(mode=0o700)


def _fifo(path: Path) -> None:
    os.mkfifo(path, 0o600)


def _unreadable(path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("running as root: chmod 000 does not stop reading")
    _write_private(path, 'schema = 1\nid = "x"\ntext = "t"\nowner = "me"\ncreated = 2026-11-01\n')
    path.chmod(0)


@pytest.mark.parametrize(
    "make", [_folder_named_like_a_record, _fifo, _unreadable], ids=["folder", "fifo", "chmod-000"]
)
def test_a_record_that_cannot_be_read_is_a_problem_and_the_rest_still_shows(
    ada: Path, journal: Path, make: Any
) -> None:
    ok("checkin", "log", "ada", "--date", "2026-11-20", "--notes", "still here")
    ok("action", "add", "ada", "Send the outline", "--owner", "them", "--due", "2026-12-01")
    _settle(journal)
    expected_actions = data("action", "list")
    expected_summary = data("summary")
    bad = ada / "actions" / "x.toml"
    make(bad)
    try:
        for _ in range(2):  # fresh, then with the index warm: still reported
            listed = run("action", "list", "--format", "json")
            assert listed.exit_code == 3, (listed.stdout, listed.stderr)  # what was read, shown
            assert json.loads(listed.stdout) == expected_actions
            assert "Not read: relationships/ada-lovelace/actions/x.toml" in listed.stderr
            summary = run("summary", "--format", "json")
            assert summary.exit_code == 3, (summary.stdout, summary.stderr)
            shown = json.loads(summary.stdout)
            assert [p["file"] for p in shown.pop("problems")] == [
                "relationships/ada-lovelace/actions/x.toml"
            ]
            assert shown == {k: v for k, v in expected_summary.items() if k != "problems"}
            checkins = data("checkin", "list")
            assert [c["notes"] for c in checkins] == ["still here"]
        assert any(problem and b"x.toml" in problem for *_, problem in _indexed(journal).values())
    finally:
        if bad.is_dir():
            bad.rmdir()
        else:
            bad.unlink()
    cleared = run("action", "list", "--format", "json")
    assert "x.toml" not in cleared.stderr
    assert json.loads(cleared.stdout) == expected_actions


# -- what a command imports -------------------------------------------------------------------


def _imported_by(argv: list[str], modules: tuple[str, ...]) -> list[str]:
    """Which of `modules` a whole mentorlog run with these arguments imports."""
    code = (
        "import json, sys\n"
        f"sys.argv = ['mentorlog', *{argv!r}]\n"
        "from mentorlog.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(json.dumps([m for m in {modules!r} if m in sys.modules]))\n"
    )
    # Output to a pipe, as Rich would judge it: no setting that claims a terminal.
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    imported: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return imported


def test_version_imports_neither_tomlkit_nor_icalendar_nor_rich_tables() -> None:
    heavy = ("tomlkit", "icalendar", "rich.table", "rich.console", "pydantic", "pyrage")
    assert _imported_by(["--version"], heavy) == []


def test_a_new_record_imports_no_rich_no_icalendar_and_no_tomlkit(journal: Path) -> None:
    heavy = ("icalendar", "rich.table", "rich.console", "tomlkit", "pyrage")
    argv = ["--journal", str(journal), "rel", "add", "Ada", "--as", "mentor"]
    assert _imported_by(argv, heavy) == []
    assert (journal / "relationships" / "ada" / "relationship.toml").is_file()


def test_status_to_a_pipe_imports_no_rich(demo: Path) -> None:
    """The dashboard's lines are written directly where there are no colours to show."""
    assert _imported_by(["--journal", str(demo), "status"], ("rich",)) == []


def test_search_limits_before_it_makes_snippets_and_its_marks_never_come_from_the_text(
    ada: Path, journal: Path
) -> None:
    """A huge note full of a common word is answered at once (the snippet is made for the hits
    shown only), and the control characters search marks a match with cannot be in a record."""
    refused = run("checkin", "log", "ada", "--summary", "Control \x02marker\x03 here")
    assert refused.exit_code == 1
    assert "control character" in refused.stderr
    ok("checkin", "log", "ada", "--date", "2026-11-01", "--summary", "Marker", "--notes", "zzmark")
    ok("checkin", "log", "ada", "--date", "2026-11-02", "--notes", "the " * 200_000)
    assert len(data("search", "the", "--limit", "1")) == 1  # took minutes before the fix
    (hit,) = data("search", "zzmark")
    assert hit["field"] == "notes"
    assert hit["snippet"][hit["match_start"] : hit["match_end"]] == "zzmark"


def test_hand_edits_name_the_key_and_the_value_and_spoil_only_their_record(
    ada: Path, journal: Path
) -> None:
    ok(
        "health",
        "log",
        "ada",
        "--by",
        "me",
        *[
            f"--{p}=4"
            for p in ("expectations", "communication", "trust", "goals", "learning", "network")
        ],
    )
    (pulse,) = (ada / "health").glob("*.toml")
    pulse.write_text(pulse.read_text().replace("trust = 4", 'trust = "high"'))
    (ada / "agenda.toml").write_text("schema = 1\nitem = 5\n")
    result = run("summary", "--format", "json")
    assert result.exit_code == 3  # the rest of the review still shows, and the two are named
    problems = {
        p["file"].rsplit("/", 1)[-1]: p["message"] for p in json.loads(result.stdout)["problems"]
    }
    assert problems[pulse.name] == "the key 'scores.trust' should be a whole number, not 'high'."
    assert "agenda.toml" in problems


def test_a_record_without_id_has_its_file_names_id_everywhere(ada: Path, journal: Path) -> None:
    ok("checkin", "log", "ada", "--date", "2026-11-15", "--notes", "x")
    (path,) = (ada / "checkins").glob("*.toml")
    record_id = path.stem.rsplit("-", 1)[-1]
    path.write_text(
        "\n".join(line for line in path.read_text().splitlines() if not line.startswith("id = "))
    )
    assert [c["id"] for c in data("checkin", "list")] == [record_id]
    assert data("checkin", "show", record_id)["id"] == record_id
    path.write_text(path.read_text() + '\nid = "kkkkk"\n')
    assert data("checkin", "show", record_id)["id"] == record_id
    assert [c["id"] for c in data("checkin", "list")] == [record_id]
