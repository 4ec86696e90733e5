"""Two devices, one remote: what sync does when both changed the same record.

Every case syncs laptop, phone, laptop, then checks both devices and the remote: no conflict
markers anywhere, one live readable record for the id, the losing side kept (merged, or in a
`.conflict-` copy that stays on the device that resolved it), `doctor` naming that copy."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import tomli_w
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mentorlog.store.merge import settle
from tests.conftest import AS_OF, data, ok, run, snapshot

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

MARKERS = ("<<<<<<<", ">>>>>>>")


class Devices:
    """A laptop and a phone journal in tmp_path, both synced with one bare repository."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.remote = tmp_path / "remote.git"
        self.roots = {"laptop": tmp_path / "laptop", "phone": tmp_path / "phone"}
        self.monkeypatch = monkeypatch
        self.said: list[str] = []  # what every sync printed
        subprocess.run(["git", "init", "--quiet", "--bare", str(self.remote)], check=True)

    def on(self, device: str, *args: str) -> str:
        """Run a command on a device; its stderr (where sync and edits speak)."""
        self.monkeypatch.setenv("MENTORLOG_JOURNAL", str(self.roots[device]))
        return ok(*args).stderr

    def data(self, device: str, *args: str) -> object:
        self.monkeypatch.setenv("MENTORLOG_JOURNAL", str(self.roots[device]))
        return data(*args)

    def sync(self, device: str) -> None:
        self.said.append(self.on(device, "sync"))

    def copies(self) -> dict[Path, str]:
        """Every conflict copy on either device, with its text."""
        return {
            path: path.read_text()
            for root in self.roots.values()
            for path in root.rglob("*.conflict-*")
        }

    def git(self, *args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(self.remote), *args], capture_output=True, text=True, check=True
        ).stdout


@pytest.fixture
def devices(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Devices:
    pair = Devices(tmp_path, monkeypatch)
    pair.on("laptop", "init", "--owner", "Grace Hopper")
    pair.on("laptop", "rel", "add", "Ada Lovelace", "--as", "mentor", "--started", "2026-09-01")
    return pair


def _start(devices: Devices, kind: str) -> str:
    """The record both devices will change: made on the laptop, then shared; its id."""
    if kind == "action":
        devices.on("laptop", "action", "add", "ada", "Send the reading list", "--owner", "me")
    else:
        devices.on("laptop", "checkin", "log", "ada", "--date", "2026-11-10", "--summary", "first")
    devices.on("laptop", "sync", "--remote", str(devices.remote))
    devices.on("phone", "sync", "--remote", str(devices.remote))
    return _live(devices, "laptop", kind)[0]["id"]  # type: ignore[no-any-return]


def _live(devices: Devices, device: str, kind: str) -> list[dict[str, object]]:
    listing = ("action", "list", "--all") if kind == "action" else ("checkin", "list")
    return devices.data(device, *listing)  # type: ignore[return-value]


# A change one device makes to the record: the command's arguments, given the record's id.
Change = Callable[[str], tuple[str, ...]]


def _done(record: str) -> tuple[str, ...]:
    return ("action", "done", record, "--date", "2026-11-20")


def _drop(record: str) -> tuple[str, ...]:
    return ("action", "drop", record, "--date", "2026-11-24")


def _delete(record: str) -> tuple[str, ...]:
    return ("checkin", "delete", record, "--yes")


def _edit(option: str, value: str) -> Change:
    return lambda record: ("checkin", "edit", record, option, value)


# name: (kind, one device's change, the other's, the live record's fields after the syncs,
# a field and value only the losing side had, or None when nothing was left out).
CASES: dict[str, tuple[str, Change, Change, dict[str, object], tuple[str, object] | None]] = {
    # The later change wins: dropped on the 24th beats done on the 20th.
    "done/drop": ("action", _done, _drop, {"status": "dropped"}, ("status", "done")),
    "two re-dates": (
        "checkin",
        _edit("--date", "2026-11-12"),
        _edit("--date", "2026-11-14"),
        {"date": "2026-11-14"},
        ("date", "2026-11-12"),
    ),
    "delete/edit": (
        "checkin",
        _delete,
        _edit("--summary", "kept alive"),
        {"summary": "kept alive"},
        None,
    ),
    # The same day on both sides: the version whose text sorts last wins ("phone" > "laptop").
    "edit/edit of one field": (
        "checkin",
        _edit("--summary", "laptop's summary"),
        _edit("--summary", "phone's summary"),
        {"summary": "phone's summary"},
        ("summary", "laptop's summary"),
    ),
    "edit/edit of different fields": (
        "checkin",
        _edit("--summary", "laptop's summary"),
        _edit("--notes", "phone's notes"),
        {"summary": "laptop's summary", "notes": "phone's notes"},
        None,
    ),
}


@pytest.mark.parametrize("first", ["laptop", "phone"], ids=["in-order", "swapped"])
@pytest.mark.parametrize("case", list(CASES))
def test_two_devices_changing_one_record(devices: Devices, case: str, first: str) -> None:
    kind, change_one, change_other, live, lost = CASES[case]
    record = _start(devices, kind)
    other = "phone" if first == "laptop" else "laptop"
    devices.on(first, *change_one(record))
    devices.on(other, *change_other(record))
    for device in ("laptop", "phone", "laptop"):
        devices.sync(device)

    # No markers in any file of either device, in any commit of either device or the remote.
    for root in devices.roots.values():
        for path in root.rglob("*"):
            if path.is_file() and ".git" not in path.parts:
                assert not any(m in path.read_text("utf-8", "replace") for m in MARKERS), path
        history = subprocess.run(
            ["git", "-C", str(root), "log", "-p", "--all"], capture_output=True, text=True
        ).stdout
        assert not any(m in history for m in MARKERS)
    assert not any(m in devices.git("log", "-p", "--all") for m in MARKERS)
    # Conflict copies stay where they were made: never in the remote's history.
    assert ".conflict-" not in devices.git("log", "--all", "--name-only", "--format=")

    # One live, readable record with that id on each device, the same on both, as the rule says.
    seen = []
    for device in devices.roots:
        mine = [r for r in _live(devices, device, kind) if r["id"] == record]
        assert len(mine) == 1, (device, mine)
        assert {key: mine[0][key] for key in live} == live
        seen.append(mine[0])
    assert seen[0] == seen[1]

    # Nothing lost: the losing side's content is in a local copy, which doctor names.
    copies = devices.copies()
    if lost is None:
        assert not copies
    else:
        key, value = lost
        assert [str(tomllib.loads(text)[key]) for text in copies.values()] == [value]
        [copy] = copies
        owner = next(name for name, root in devices.roots.items() if root in copy.parents)
        devices.monkeypatch.setenv("MENTORLOG_JOURNAL", str(devices.roots[owner]))
        doctor = run("doctor", "--format", "json")
        assert doctor.exit_code == 3
        [problem] = [p for p in json.loads(doctor.stdout) if p["kind"] == "conflict"]
        assert problem["path"].endswith(copy.name)
        assert "keep what you want" in problem["message"]
    for device, root in devices.roots.items():
        if not any(root in copy.parents for copy in copies):
            devices.monkeypatch.setenv("MENTORLOG_JOURNAL", str(root))
            assert run("doctor").exit_code == 0, device
    if case == "delete/edit":
        assert any("deleted on one device and changed on the other" in s for s in devices.said)


def test_a_committed_conflict_copy_goes_no_further(devices: Devices) -> None:
    """A copy committed by an older mentorlog is taken out of the shared tree and stays on the
    device that has it; the other device never gets it."""
    record = _start(devices, "checkin")
    laptop = devices.roots["laptop"]
    [original] = laptop.rglob(f"*-{record}.toml")
    copy = original.with_name(original.name + ".conflict-20261101T101010")
    copy.write_text(original.read_text())
    for args in (("add", "--force", "--", str(copy)), ("commit", "--quiet", "-m", "old copy")):
        subprocess.run(
            [
                "git",
                "-C",
                str(laptop),
                "-c",
                "user.name=old",
                "-c",
                "user.email=old@localhost",
                *args,
            ],
            check=True,
        )
    subprocess.run(["git", "-C", str(laptop), "push", "--quiet"], check=True)
    devices.on("phone", "checkin", "edit", record, "--summary", "from the phone")
    devices.sync("phone")
    devices.sync("laptop")
    devices.sync("phone")
    assert copy.is_file()
    assert not list(devices.roots["phone"].rglob("*.conflict-*"))
    assert ".conflict-" not in devices.git("ls-tree", "-r", "--name-only", "HEAD")
    assert _live(devices, "laptop", "checkin")[0]["summary"] == "from the phone"


@pytest.mark.parametrize("size", [7, 9, 12])
def test_doctor_recognises_conflict_markers_of_any_length(journal: Path, size: int) -> None:
    ok("rel", "add", "Ada Lovelace", "--as", "mentor", "--started", "2026-09-01")
    ok("checkin", "log", "ada", "--date", "2026-11-10", "--summary", "first")
    [path] = journal.rglob("checkins/*.toml")
    text = path.read_text()
    path.write_text(
        text.replace(
            'summary = "first"',
            f'{"<" * size} HEAD\nsummary = "mine"\n{"=" * size}\nsummary = "theirs"\n'
            f"{'>' * size} 1a2b3c (phone)",
        )
    )
    result = run("doctor", "--format", "json")
    assert result.exit_code == 3
    [problem] = json.loads(result.stdout)
    assert problem["kind"] == "conflict"
    assert problem["line"] == text.splitlines().index('summary = "first"') + 1
    assert "keep one side" in problem["message"]


@pytest.mark.parametrize(
    "lines",
    ["Plan\n=======\nRead the Notes first.", "<<<<<<< quoted from a diff\n>>>>>>> theirs"],
    ids=["a heading", "markers quoted"],
)
def test_marker_lines_in_notes_are_no_conflict(journal: Path, lines: str) -> None:
    """Notes written by hand as a multi-line string, with a Markdown heading or a diff quoted:
    a file that reads as TOML holds no conflict."""
    ok("rel", "add", "Ada Lovelace", "--as", "mentor", "--started", "2026-09-01")
    ok("checkin", "log", "ada", "--notes", "x")
    [path] = journal.rglob("checkins/*.toml")
    notes = f'notes = """\n{lines}\n"""'
    path.write_text(path.read_text().replace('notes = "x"', notes))
    assert f"\n{lines}\n" in path.read_text()
    result = run("doctor")
    assert result.exit_code == 0, result.stdout


def _mentorlog(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MENTORLOG_JOURNAL": str(root)}
    return subprocess.run(
        [sys.executable, "-m", "mentorlog", "--as-of", AS_OF, *args],
        env=env,
        capture_output=True,
        text=True,
    )


def _remote_url(root: Path) -> str:
    return subprocess.run(
        ["git", "-C", str(root), "remote", "get-url", "origin"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_another_remote_is_refused_unless_set_remote(devices: Devices, tmp_path: Path) -> None:
    _start(devices, "checkin")
    laptop = devices.roots["laptop"]
    devices.on("laptop", "checkin", "log", "ada", "--summary", "not committed yet")
    before = snapshot(laptop)
    head = (laptop / ".git" / "HEAD").read_text()
    other = tmp_path / "other.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(other)], check=True)
    refused = _mentorlog(laptop, "sync", "--remote", str(other))
    assert refused.returncode == 1, refused.stderr
    assert "--set-remote" in refused.stderr and "Traceback" not in refused.stderr
    assert str(devices.remote) in refused.stderr
    assert snapshot(laptop) == before
    assert _remote_url(laptop) == str(devices.remote)
    assert (laptop / ".git" / "HEAD").read_text() == head
    # The same remote again is no change; --set-remote moves to the new one.
    assert _mentorlog(laptop, "sync", "--remote", str(devices.remote)).returncode == 0
    moved = _mentorlog(laptop, "sync", "--remote", str(other), "--set-remote")
    assert moved.returncode == 0, moved.stderr
    assert _remote_url(laptop) == str(other)
    assert (
        "not committed yet"
        in subprocess.run(
            ["git", "-C", str(other), "log", "-p"], capture_output=True, text=True, check=True
        ).stdout
    )


def test_git_failing_is_shown_whole(journal: Path, tmp_path: Path) -> None:
    result = _mentorlog(journal, "sync", "--remote", str(tmp_path / "nowhere"))
    assert result.returncode == 3
    assert "does not appear to be a git repository" in result.stderr
    assert "make sure you have the correct access rights" in result.stderr
    assert "Traceback" not in result.stderr


_FIELDS = st.dictionaries(
    st.sampled_from(["date", "done", "due", "summary", "notes"]),
    st.one_of(
        st.dates(min_value=date(2026, 11, 1), max_value=date(2026, 11, 3)), st.sampled_from("ab")
    ),
    max_size=4,
)
_NAMES = st.sampled_from(["checkins/2026-11-01-k3m9p.toml", "checkins/2026-11-02-k3m9p.toml"])


def _version(fields: dict[str, object], name: str, deleted: bool = False) -> dict[str, bytes]:
    path = f"relationships/ada-lovelace/{name}"
    return {} if deleted else {path: tomli_w.dumps(fields).encode()}


@settings(max_examples=300, deadline=None)
@given(_FIELDS, _FIELDS, _FIELDS, _NAMES, _NAMES, _NAMES, st.booleans())
def test_settling_a_record_is_the_same_on_either_device_and_loses_nothing(
    shared: dict[str, object],
    mine: dict[str, object],
    theirs: dict[str, object],
    shared_name: str,
    my_name: str,
    their_name: str,
    deleted_here: bool,
) -> None:
    was = _version(shared, shared_name)
    ours, others = _version(mine, my_name, deleted_here), _version(theirs, their_name)
    assume(len({tuple(v.items()) for v in (was, ours, others)}) == 3)
    settled = settle(was, ours, others)
    assert settle(was, others, ours) == settled
    assert len(settled.live) == 1  # one live file: a change beats a deletion
    [live] = [tomllib.loads(text.decode()) for text in settled.live.values()]
    left_out = [tomllib.loads(text.decode()) for text in settled.left_out.values()]
    for side in (mine, theirs) if ours else (theirs,):
        changed = {k: v for k, v in side.items() if shared.get(k) != v}
        gone = shared.keys() - side.keys()
        merged = all(live.get(k) == v for k, v in changed.items()) and not gone & live.keys()
        assert side == live or side in left_out or merged


def test_a_journal_with_records_and_no_shared_history_is_not_merged(devices: Devices) -> None:
    """Two journals that never shared a commit would be settled file against file (the later
    `created` winning journal.toml, and with it the owner): refused, nothing merged."""
    devices.on("laptop", "sync", "--remote", str(devices.remote))
    pushed = devices.git("log", "--all", "--format=%H")
    devices.on("phone", "init", "--owner", "Someone Else")
    devices.on("phone", "rel", "add", "Bob", "--as", "mentee", "--started", "2026-09-01")
    devices.monkeypatch.setenv("MENTORLOG_JOURNAL", str(devices.roots["phone"]))
    before = snapshot(devices.roots["phone"])
    refused = run("sync", "--remote", str(devices.remote))
    assert refused.exit_code == 1, refused.stderr
    assert "share no history" in refused.stderr
    assert devices.git("log", "--all", "--format=%H") == pushed
    after = snapshot(devices.roots["phone"])
    assert {k: v for k, v in after.items() if k != ".gitignore"} == before
    assert "not synced yet" in run("sync").stderr  # the remote that failed is not kept


def test_a_journal_just_made_joins_and_keeps_the_remotes_owner(devices: Devices) -> None:
    devices.on("laptop", "sync", "--remote", str(devices.remote))
    devices.on("phone", "init")
    devices.on("phone", "sync", "--remote", str(devices.remote))
    owner = tomllib.loads((devices.roots["phone"] / "journal.toml").read_text())["owner"]
    assert owner == "Grace Hopper"
    assert [r["id"] for r in devices.data("phone", "rel", "list")] == ["ada-lovelace"]


def test_a_first_remote_that_fails_is_not_kept(devices: Devices, tmp_path: Path) -> None:
    devices.monkeypatch.setenv("MENTORLOG_JOURNAL", str(devices.roots["laptop"]))
    failed = run("sync", "--remote", str(tmp_path / "mistyped.git"))
    assert failed.exit_code == 3, failed.stderr
    ok("sync", "--remote", str(devices.remote))
    assert "ada-lovelace" in devices.git("ls-tree", "-r", "--name-only", "HEAD")


def _checkin_file(devices: Devices, device: str) -> Path:
    (path,) = (devices.roots[device] / "relationships" / "ada-lovelace" / "checkins").glob("*.toml")
    return path


def test_a_version_the_rules_refuse_never_wins(devices: Devices) -> None:
    """A hostile or careless commit with `rating = 99` and a far date loses to a valid edit,
    whatever its dates say."""
    record = _start(devices, "checkin")
    hostile = _checkin_file(devices, "phone")
    hostile.write_text(hostile.read_text() + "rating = 99\nnext = 2999-12-31\n")
    devices.sync("phone")
    devices.on("laptop", "checkin", "edit", record, "--summary", "valid edit")
    devices.sync("laptop")
    assert [c["summary"] for c in _live(devices, "laptop", "checkin")] == ["valid edit"]
    assert "rating = 99" in "".join(devices.copies().values())


def test_a_version_saved_with_a_bom_is_read_like_any_other(devices: Devices) -> None:
    record = _start(devices, "checkin")
    devices.on("phone", "checkin", "edit", record, "--summary", "phone, earlier")
    devices.sync("phone")
    devices.on("laptop", "checkin", "edit", record, "--date", "2026-11-16")
    path = _checkin_file(devices, "laptop")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # saved by an editor that adds one
    devices.sync("laptop")
    (live,) = _live(devices, "laptop", "checkin")
    assert (live["date"], live["summary"]) == ("2026-11-16", "phone, earlier")  # fields merged


def test_an_emptied_gitignore_shares_neither_the_index_nor_the_lock(devices: Devices) -> None:
    """The shared .gitignore is anyone's to edit; the index (private text) and the lock stay
    on their device all the same, and a lock in a pulled tree never replaces this one's."""
    _start(devices, "checkin")
    (devices.roots["phone"] / ".gitignore").write_text("# tidy\n")
    for device in ("phone", "laptop", "phone", "laptop"):
        devices.on(device, "checkin", "list")  # builds the index
        devices.sync(device)
    shared = devices.git("log", "--all", "--name-only", "--format=")
    assert ".cache/" not in shared and ".lock" not in shared.split()
    assert not devices.copies()


def test_two_copies_made_in_one_second_both_stay(tmp_path: Path) -> None:
    from mentorlog.store.sync import _free_name

    (tmp_path / "a.toml.conflict-20261129T142757").write_text("first")
    assert _free_name(tmp_path, "a.toml.conflict-20261129T142757") == (
        "a.toml.conflict-20261129T142757-2"
    )
