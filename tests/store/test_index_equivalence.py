"""The derived index under `.cache/` changes nothing that is shown: after any mix of commands
and hand edits, every view prints the same with the index warm, deleted or overwritten with
garbage, and shows what the TOML files say.

Hand edits are those a person (or an import, or a git merge) makes: a check-in dated with a
TOML datetime, an action with an imported id holding 0 or 1, a closed action reopened or a
check-in redated without renaming its file, a file deleted and put back byte for byte with its
old time stamp, a same-size edit in place whose old time stamp is put back."""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import tempfile
import time
import tomllib
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from mentorlog.cli.app import app
from mentorlog.core.model import Action, CheckIn, Goal
from mentorlog.store.index import SETTLED_NS
from mentorlog.store.journal import Journal

runner = CliRunner()
AS_OF = date(2026, 11, 26)  # a Thursday: the review week runs from Monday 23 to Sunday 29
WEEK_START, WEEK_END = date(2026, 11, 23), date(2026, 11, 29)
RELS = ("ada-lovelace", "bob-byte", "cy-cole")
WORD = "parser"  # in every check-in's notes: what `search` looks for
IMPORTED_IDS = ("0abcd", "1zzzz")  # ids from outside mentorlog's alphabet, as an import may bring
KINDS = {"checkins": CheckIn, "actions": Action, "goals": Goal}
DATE_LINE = re.compile(r"^date = (\d{4}-\d\d-\d\d)$", re.MULTILINE)
ANY_DATE_LINE = re.compile(r"^date = \S+$", re.MULTILINE)
PROGRESS_LINE = re.compile(r"^progress = (\d+)$", re.MULTILINE)
CACHE_DIR = ".cache"

# The views compared warm, cold and over a corrupt index.
VIEWS = (
    ("summary", "--format", "json"),
    ("summary", "--period", "quarter", "--format", "json"),
    ("status", "--format", "json"),
    ("action", "list", "--all", "--format", "json"),
    ("action", "list", "--format", "json"),
    ("checkin", "list", "--format", "json"),
    ("checkin", "list", "--limit", "0", "--format", "json"),
    ("goal", "list", "--all", "--format", "json"),
    ("search", WORD, "--format", "json"),
)
# Read after every step (every record and folder), so that the index holds them all when the
# next hand edit comes.
WARMING = (
    ("action", "list", "--all", "--format", "json"),
    ("checkin", "list", "--limit", "0", "--format", "json"),
    ("goal", "list", "--all", "--format", "json"),
)


class Scene:
    """A journal in its own folder, driven through the CLI as of fixed dates, and what the
    hand edits did to it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.reopened: set[str] = set()
        self.edited: list[Path] = []  # files written or changed by hand

    def run(self, *args: str, as_of: date = AS_OF) -> Result:
        argv = ["--journal", str(self.root), "--as-of", as_of.isoformat(), *args]
        return runner.invoke(app, argv)

    def ok(self, *args: str, as_of: date = AS_OF) -> Result:
        result = self.run(*args, as_of=as_of)
        assert result.exit_code == 0, (args, result.stdout, result.stderr, result.exception)
        return result

    def views(self) -> list[tuple[int, str]]:
        """Each view's exit code and output."""
        return [(result.exit_code, result.stdout) for result in (self.run(*v) for v in VIEWS)]

    def warm(self) -> None:
        """Files dated back as if written an hour ago, then every record read, so that the
        index holds them all: a later hand edit must be seen even so."""
        settle(self.root)
        for args in WARMING:
            self.ok(*args)

    def files(self, kind: str) -> list[Path]:
        return sorted(self.root.glob(f"relationships/*/{kind}/*.toml"))

    def records(self, kind: str) -> list[tuple[Path, dict[str, Any]]]:
        """Every record of a kind as its file says, read without mentorlog."""
        return [(path, tomllib.loads(path.read_text())) for path in self.files(kind)]

    def ids(self, kind: str) -> set[str]:
        return {data["id"] for _, data in self.records(kind)}

    def new_id(self, kind: str, before: set[str]) -> str:
        (found,) = self.ids(kind) - before
        return found


def settle(root: Path) -> None:
    """Date back what was written in the last ten minutes, as if an hour ago. Older times (put
    back by the hand edits) stay as they are."""
    now = time.time_ns()
    back = now - 3600 * 10**9
    for path in [root, *root.rglob("*")]:
        if path.lstat().st_mtime_ns > now - 600 * 10**9:
            os.utime(path, ns=(back, back), follow_symlinks=False)


def wait_settled(root: Path) -> None:
    """Wait until no file of the journal has changed for SETTLED_NS: the index trusts a file's
    stats (its ctime too, which no utime dates back) only then, and reads after this are served
    from the index rather than from the files. Without it, every read would read every file."""
    paths = [root, *(p for p in root.rglob("*") if CACHE_DIR not in p.parts)]
    newest = max(path.lstat().st_ctime_ns for path in paths)
    delay = (newest + SETTLED_NS) / 10**9 + 0.1 - time.time()
    if delay > 0:
        time.sleep(delay)


def pick(items: list[Any], index: int) -> Any | None:
    return items[index % len(items)] if items else None


def write_private(path: Path, content: bytes) -> None:
    """A new file, 0600 as mentorlog makes them."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)


# -- the journal before the random steps ------------------------------------------------------


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The journal before the random steps, built once and copied for each example."""
    folder = tmp_path_factory.mktemp("index-equivalence")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("MENTORLOG_CONFIG", str(folder / "config.toml"))  # never the real one
        env.delenv("MENTORLOG_AS_OF", raising=False)
        build(Scene(folder / "journal"))
    shutil.rmtree(folder / "journal" / CACHE_DIR, ignore_errors=True)
    return folder / "journal"


def build(scene: Scene) -> None:
    """Three relationships, each with an old and a recent check-in, an action closed long ago
    (its file named by that date, as mentorlog named closed ones before the index), an overdue
    one, one due next week, and a goal at 40%."""
    start = date(2026, 6, 1)
    scene.ok("init", "--owner", "Grace Hopper", as_of=start)
    for name, role, cadence in (
        ("Ada Lovelace", "mentor", "weekly"),
        ("Bob Byte", "mentee", "every 2 weeks"),
        ("Cy Cole", "mentor", "monthly"),
    ):
        scene.ok("rel", "add", name, "--as", role, "--cadence", cadence, "--started", "2026-06-01")
    for slug in RELS:
        for day in ("2026-06-10", "2026-11-10"):
            scene.ok("checkin", "log", slug, "--date", day, "--notes", f"{WORD} plan, {slug}")
        before = scene.ids("actions")
        scene.ok(
            "action",
            "add",
            slug,
            "Old commitment",
            "--owner",
            "them",
            "--due",
            "2026-06-15",
            as_of=start,
        )
        closed = scene.new_id("actions", before)
        scene.ok("action", "done", closed, "--date", "2026-06-20")
        folder = scene.root / "relationships" / slug / "actions"
        if (folder / f"{closed}.toml").exists():
            (folder / f"{closed}.toml").rename(folder / f"2026-06-20-{closed}.toml")
        scene.ok("action", "add", slug, "Send the outline", "--owner", "me", "--due", "2026-11-20")
        scene.ok("action", "add", slug, "Book a room", "--owner", "both", "--due", "2026-12-03")
        before = scene.ids("goals")
        scene.ok("goal", "add", slug, "Give a talk", "--target", "2027-03-01", as_of=start)
        goal = scene.new_id("goals", before)
        scene.ok("goal", "update", goal, "--progress", "40", "--date", "2026-11-02")


# -- the steps --------------------------------------------------------------------------------

DAYS = st.dates(date(2026, 6, 1), AS_OF)
PAST = st.dates(date(2026, 6, 1), AS_OF - timedelta(days=1))
PICK = st.integers(0, 99)
REL = st.sampled_from(RELS)

STEPS = st.one_of(
    st.tuples(st.just("checkin log"), REL, DAYS),
    st.tuples(st.just("action add"), REL, DAYS, st.sampled_from(("me", "them", "both"))),
    st.tuples(st.just("action done"), PICK, DAYS),
    st.tuples(st.just("action drop"), PICK),
    st.tuples(st.just("goal add"), REL, st.sampled_from(("Learn Rust", "Ship the parser"))),
    st.tuples(st.just("goal update"), PICK, st.integers(0, 99), DAYS),
    st.tuples(st.just("goal done"), PICK),
    st.tuples(st.just("hand: datetime date"), PICK),
    st.tuples(st.just("hand: imported action"), REL, st.sampled_from(IMPORTED_IDS), PAST),
    st.tuples(st.just("hand: reopen action"), PICK),
    st.tuples(st.just("hand: redate checkin"), PICK, st.dates(WEEK_START, AS_OF)),
    st.tuples(st.just("hand: delete and restore"), PICK),
    st.tuples(st.just("hand: progress digit"), PICK),
)


def open_actions(scene: Scene) -> list[str]:
    return [d["id"] for _, d in scene.records("actions") if d.get("status", "open") == "open"]


def active_goals(scene: Scene) -> list[str]:
    return [d["id"] for _, d in scene.records("goals") if d.get("status") == "active"]


def checkin_log(scene: Scene, slug: str, day: date) -> None:
    scene.ok("checkin", "log", slug, "--date", day.isoformat(), "--notes", f"{WORD} on {day}")


def action_add(scene: Scene, slug: str, due: date, owner: str) -> None:
    scene.ok("action", "add", slug, f"Do it by {due}", "--owner", owner, "--due", due.isoformat())


def action_done(scene: Scene, index: int, day: date) -> None:
    chosen = pick(open_actions(scene), index)
    if chosen:
        scene.ok("action", "done", chosen, "--date", day.isoformat())


def action_drop(scene: Scene, index: int) -> None:
    chosen = pick(open_actions(scene), index)
    if chosen:
        scene.ok("action", "drop", chosen)


def goal_add(scene: Scene, slug: str, title: str) -> None:
    scene.ok("goal", "add", slug, title, "--target", "2027-01-31")


def goal_update(scene: Scene, index: int, progress: int, day: date) -> None:
    chosen = pick(active_goals(scene), index)
    if chosen:
        scene.ok("goal", "update", chosen, "--progress", str(progress), "--date", day.isoformat())


def goal_done(scene: Scene, index: int) -> None:
    chosen = pick(active_goals(scene), index)
    if chosen:
        scene.ok("goal", "done", chosen)


def datetime_date(scene: Scene, index: int) -> None:
    """(1) `date = 2026-11-10` becomes the TOML datetime `date = 2026-11-10T10:00:00`."""
    path = pick([p for p in scene.files("checkins") if DATE_LINE.search(p.read_text())], index)
    if path:
        path.write_text(DATE_LINE.sub(r"date = \1T10:00:00", path.read_text(), count=1))
        scene.edited.append(path)


def imported_action(scene: Scene, slug: str, action_id: str, due: date) -> None:
    """(2) An open, overdue action with an id mentorlog would never make, written as mentorlog
    writes its actions."""
    if action_id in scene.ids("actions"):
        return
    created = max(date(2026, 6, 1), due - timedelta(days=7))
    path = scene.root / "relationships" / slug / "actions" / f"{action_id}.toml"
    write_private(
        path,
        (
            f'schema = 1\nid = "{action_id}"\ntext = "Imported commitment {action_id}"\n'
            f'owner = "mentee"\ndue = {due.isoformat()}\ncreated = {created.isoformat()}\n'
            'status = "open"\n'
        ).encode(),
    )
    scene.edited.append(path)


def reopen_action(scene: Scene, index: int) -> None:
    """(3) A closed action reopened by hand, its file not renamed (a dated name stays)."""
    closed = [
        (p, d)
        for p, d in scene.records("actions")
        if d.get("status", "open") in ("done", "dropped")
    ]
    chosen = pick(closed, index)
    if chosen:
        path, data = chosen
        text = re.sub(r'^status = "\w+"$', 'status = "open"', path.read_text(), flags=re.MULTILINE)
        path.write_text(re.sub(r"^(done|dropped) = \S+\n", "", text, flags=re.MULTILINE))
        scene.reopened.add(data["id"])
        scene.edited.append(path)


def redate_checkin(scene: Scene, index: int, day: date) -> None:
    """(4) A check-in moved into the review week inside its file, its name unchanged."""
    path = pick(scene.files("checkins"), index)
    if path:
        path.write_text(ANY_DATE_LINE.sub(f"date = {day.isoformat()}", path.read_text(), count=1))
        scene.edited.append(path)


def delete_and_restore(scene: Scene, index: int) -> None:
    """(5) A record deleted, seen gone, and put back byte for byte with its old times."""
    path = pick([p for kind in KINDS for p in scene.files(kind)], index)
    if path:
        content, info = path.read_bytes(), path.stat()
        path.unlink()
        scene.warm()
        write_private(path, content)
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def progress_digit(scene: Scene, index: int) -> None:
    """(6) One digit of a goal's current progress changed in place (same size, same inode),
    with the file's old times put back: a cache keyed by size and time cannot tell."""
    candidates = []
    for path, data in scene.records("goals"):
        updates = data.get("update", [])
        if updates:
            latest = max(range(len(updates)), key=lambda n: updates[n]["date"])
            if updates[latest]["progress"] < 100:
                candidates.append((path, latest))
    chosen = pick(candidates, index)
    if not chosen:
        return
    path, latest = chosen
    wait_settled(scene.root)
    scene.warm()  # the file as it is now is in the index, and trusted
    text, info = path.read_text(), path.stat()
    line = list(PROGRESS_LINE.finditer(text))[latest]
    digit = int(text[line.end() - 1])
    new = str(digit + 1 if digit < 9 else digit - 1)
    edited = text[: line.end() - 1] + new + text[line.end() :]
    assert len(edited) == len(text) and edited != text
    with path.open("r+") as handle:  # in place: the same inode
        handle.write(edited)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_mtime_ns == info.st_mtime_ns and path.stat().st_size == info.st_size


APPLY: dict[str, Callable[..., None]] = {
    "checkin log": checkin_log,
    "action add": action_add,
    "action done": action_done,
    "action drop": action_drop,
    "goal add": goal_add,
    "goal update": goal_update,
    "goal done": goal_done,
    "hand: datetime date": datetime_date,
    "hand: imported action": imported_action,
    "hand: reopen action": reopen_action,
    "hand: redate checkin": redate_checkin,
    "hand: delete and restore": delete_and_restore,
    "hand: progress digit": progress_digit,
}


# -- the property -----------------------------------------------------------------------------


def same_views(expected: list[tuple[int, str]], got: list[tuple[int, str]], how: str) -> None:
    """Each view's exit code and output the same; else the difference, line by line."""
    for args, want, have in zip(VIEWS, expected, got, strict=True):
        if have != want:
            lines = difflib.unified_diff(
                want[1].splitlines(), have[1].splitlines(), "before", "after", lineterm=""
            )
            diff = "\n".join(lines)
            raise AssertionError(f"`{' '.join(args)}` {how}: exit {want[0]} -> {have[0]}\n{diff}")


def day_of(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


@settings(
    max_examples=15,
    deadline=None,
    # Each example is a whole journal: no time spent on explaining failures (shrinking to the
    # one step that breaks a view says more).
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(steps=st.lists(STEPS, min_size=1, max_size=15))
def test_views_are_the_same_warm_cold_and_corrupt_and_say_what_the_files_say(
    tmp_path: Path, template: Path, steps: list[tuple[Any, ...]]
) -> None:
    scene = Scene(Path(tempfile.mkdtemp(dir=tmp_path)) / "journal")  # one per example
    shutil.copytree(template, scene.root, symlinks=True)  # with its files' modes and times
    scene.warm()
    for name, *arguments in steps:
        APPLY[name](scene, *arguments)
        scene.warm()

    # Every hand-edited file is one mentorlog reads, when it reads it without the index.
    plain = Journal(scene.root)
    for path in scene.edited:
        if path.exists():
            plain.read(path, KINDS[path.parent.name])

    # (a) as is, twice: the second run finds the index warm; (b) without the index; (c) with
    # every file of the index overwritten with garbage.
    settle(scene.root)
    wait_settled(scene.root)
    first = scene.views()
    warm = scene.views()
    same_views(first, warm, "changed once the index was warm (before: first run, after: second)")
    shutil.rmtree(scene.root / CACHE_DIR, ignore_errors=True)
    cold = scene.views()
    failed = [(args, out) for args, (code, out) in zip(VIEWS, cold, strict=True) if code != 0]
    assert not failed, failed
    same_views(cold, warm, "differs warm (after) and with .cache/ deleted (before)")
    for path in (scene.root / CACHE_DIR).rglob("*"):
        if path.is_file():
            path.write_bytes(b"\x00not an index\xff" * 64)
    same_views(cold, scene.views(), "differs with .cache/ deleted (before) and corrupt (after)")

    shown = {args: json.loads(out) for args, (_, out) in zip(VIEWS, cold, strict=True)}
    listed = {a["id"]: a for a in shown["action", "list", "--format", "json"]}
    listed_all = {a["id"]: a for a in shown["action", "list", "--all", "--format", "json"]}
    checkins = {c["id"] for c in shown["checkin", "list", "--limit", "0", "--format", "json"]}
    summary = {r["id"]: r for r in shown["summary", "--format", "json"]["relationships"]}
    actions = scene.records("actions")
    open_ids = {d["id"]: p.parts[-3] for p, d in actions if d.get("status", "open") == "open"}

    # An open, overdue action with an imported id is listed, and overdue in the summary.
    for action_id, slug in open_ids.items():
        if action_id in IMPORTED_IDS:
            assert action_id in listed, f"open action {action_id} missing from `action list`"
            overdue = [a["id"] for a in summary[slug]["actions"]["overdue"]]
            assert action_id in overdue, f"overdue action {action_id} missing from the summary"
    # A check-in dated with a TOML datetime is listed.
    for path, data in scene.records("checkins"):
        if isinstance(data["date"], datetime):
            assert data["id"] in checkins, f"{path.name} (a datetime date) not in `checkin list`"
    # An action reopened by hand is listed as open.
    for action_id in scene.reopened & set(open_ids):
        assert action_id in listed, f"reopened action {action_id} missing from `action list`"
        assert listed_all[action_id]["status"] == "open"
    # The listings and the week's review agree with the files.
    assert set(listed_all) == {d["id"] for _, d in actions}
    assert checkins == scene.ids("checkins")
    for slug in RELS:
        dates = [
            day_of(d["date"])
            for p, d in scene.records("checkins")
            if p.parts[-3] == slug and not d.get("skipped")
        ]
        held = sum(1 for day in dates if WEEK_START <= day <= WEEK_END)
        last = max((day for day in dates if day <= AS_OF), default=None)
        figures = summary[slug]["checkins"]
        assert (figures["held"], figures["last"]) == (held, last and last.isoformat()), slug
        overdue = sorted(
            d["id"]
            for path, d in actions
            if path.parts[-3] == slug
            and d.get("status", "open") == "open"
            and d.get("due", AS_OF) < AS_OF
            and d["created"] <= AS_OF
        )
        assert sorted(a["id"] for a in summary[slug]["actions"]["overdue"]) == overdue, slug
