"""A relationship shared with the other person: its records in a git repository that both
journals sync with (docs/sharing.md).

The repository is role-neutral: `shared.toml` names both persons and their roles; then the
agreement, its sign-offs (one file per party, written only by that party's journal), the
agenda, and one file per check-in, goal, action and pulse, each saying which person wrote it
(`author`). Each journal keeps its own files as always, and a clone of the repository in
`.shared/<slug>/`. A sync exports this side's records into the clone, commits, merges the other
side's record by record (the rule devices use, store/sync.py `merge_upstream`), takes what the
merge brought into the relationship's folder, and pushes."""

import datetime as dt
import os
import re
import shutil
import stat
from collections import Counter
from collections.abc import Callable, Container
from pathlib import Path
from typing import Any, TypeVar

import msgspec
from msgspec import Struct, field

from mentorlog.core.model import (
    ROLES,
    SCHEMA,
    Agenda,
    Agreement,
    AgreementChange,
    Id,
    JournalInfo,
    Line,
    Relationship,
    RelStatus,
    Schema,
    Share,
    SignOff,
    StatusChange,
)
from mentorlog.core.relationship_detail import Conflict, differences
from mentorlog.core.text import plural
from mentorlog.errors import JournalError, UserError
from mentorlog.store import files
from mentorlog.store.convert import RecordError, plain, to_data, to_record
from mentorlog.store.doctor import CONFLICT_COPY
from mentorlog.store.index import KIND_TYPES, id_from_name
from mentorlog.store.journal import Journal
from mentorlog.store.layout import AGENDA_FILE, REL_KINDS, SHARED_AGREEMENT, SHARED_DIR
from mentorlog.store.sync import (
    Git,
    SyncReport,
    describe_changes,
    keep_copies_local,
    merge_upstream,
)

SHARED_FILE = "shared.toml"  # who is who: written by share and join, never exported
AGREEMENT_FILE = SHARED_AGREEMENT
SIGNOFF_DIR = "signoffs"  # signoffs/mentor.toml, signoffs/mentee.toml: each party's own
# The versions a merge left out, kept in the repository so that both sides see them until one
# resolves it: `conflicts/<record file>.<stamp>`; in a journal, beside the record,
# `<record file>.conflict-shared-<stamp>`.
CONFLICT_DIR = "conflicts"
SHARED_COPY = f"{CONFLICT_COPY}shared-"
COPY_NAME = re.compile(r"[a-z0-9-]{1,40}\.toml\.[0-9]{8}T[0-9]{6}(-[0-9]{1,4})?")
MAX_SHARED_FILE = 256 * 1024  # bytes: far above any record that crosses
BRANCH = "main"
TAKEN = "refs/mentorlog/taken"  # the clone's last commit this journal took in whole
# How a take treats what this journal has (`_take`).
SYNCING, JOINING, FILLING = "syncing", "joining", "filling"
AUTHOR = "author"  # the person id of whoever wrote a record first
# What of a check-in crosses: the facts of the meeting, which either side may write; of a
# private one only what lets both sides count it. Each party's own account (notes, feedback,
# concerns, learned, rating) never crosses: it stays in the journal that wrote it.
PRIVATE_FACTS = frozenset(
    {"schema", "id", "date", "time", "duration", "mode", "next", "private", "skipped", AUTHOR}
)
CHECKIN_FACTS = PRIVATE_FACTS | {"summary", "topics", "discussed", "why"}
# The relationship's own fields both sides share: a pause or an end is of the relationship.
AGREED_FIELDS = ("cadence", "started", "status", "status_change")
KIND_NAMES = {"checkins": "check-in", "goals": "goal", "actions": "action", "health": "pulse"}

T = TypeVar("T")
# A repository's records: path -> data.
Records = dict[str, dict[str, Any]]


class Person(Struct, kw_only=True):
    """One side of `shared.toml`: a journal's person id (None until they join) and name."""

    person: Id | None = None
    name: Line = ""


class People(Struct, kw_only=True):
    """`shared.toml`: who is mentor and who mentee."""

    schema: Schema = SCHEMA
    mentor: Person = field(default_factory=Person)
    mentee: Person = field(default_factory=Person)


class SharedAgreement(Struct, kw_only=True):
    """`agreement.toml`: the agreement both sides keep, and the relationship's shared fields
    (its sign-offs are each party's own files)."""

    schema: Schema = SCHEMA
    cadence: Line | None = None
    started: dt.date | None = None
    status: RelStatus | None = None
    status_change: list[StatusChange] | None = None
    agreement: Agreement = field(default_factory=Agreement)


class SignOffs(Struct, kw_only=True):
    """`signoffs/<role>.toml`: one party's sign-offs."""

    schema: Schema = SCHEMA
    signoff: list[SignOff] = field(default_factory=list)


class ShareReport(Struct, kw_only=True):
    """What a sync of one shared relationship brought in, and how records changed on both
    sides came out."""

    rel: str
    counterpart: str
    came_in: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    revived: list[str] = field(default_factory=list)  # deleted on one side, changed on the other
    conflicts: list[str] = field(default_factory=list)


def clone_dir(journal: Journal, slug: str) -> Path:
    return journal.root / SHARED_DIR / slug


def crossing_keys(kind: str, data: dict[str, Any]) -> frozenset[str] | None:
    """The keys of a record that cross (None: all of them)."""
    if kind != "checkins":
        return None
    return PRIVATE_FACTS if data.get("private") else CHECKIN_FACTS


def crossing(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """What of a record crosses: all of it, but of a check-in only its facts, and never a
    sealed value (a private check-in made shared keeps its summary sealed here)."""
    keys = crossing_keys(kind, data)
    if keys is None:
        return data
    return {k: v for k, v in data.items() if k in keys and not _holds_sealed(v)}


def _holds_sealed(value: Any) -> bool:
    from mentorlog.store.crypt import is_sealed

    items = value if isinstance(value, list) else [value]
    return any(is_sealed(item) for item in items)


def shared_record(kind: str, data: dict[str, Any], person: str) -> dict[str, Any]:
    """A record as it crosses, saying who wrote it (this journal's owner, unless it came from
    the other side)."""
    return crossing(kind, {AUTHOR: person, **data})


def owner(path: str, data: dict[str, Any]) -> str | None:
    """The role whose journal alone writes a repository file (a party's sign-offs and pulses),
    None for a file either side writes."""
    folder, _, name = path.rpartition("/")
    if folder == SIGNOFF_DIR:
        return name.removesuffix(".toml")
    return str(data.get("by")) if folder == "health" else None


def exported(journal: Journal, rel: Relationship, person: str) -> Records:
    """This journal's side of a shared relationship, as the repository holds it: everything
    but what the other party alone writes (sign-offs and pulses typed for them before the
    relationship was shared stay here: they are not theirs to be shown). A record of this
    journal that breaks a rule stops the sync: it would stop the other side's."""
    agreement = to_data(rel.agreement)
    agreement.pop("signoff", None)
    agreed = {key: value for key, value in to_data(rel).items() if key in AGREED_FIELDS}
    records: Records = {AGREEMENT_FILE: {"schema": SCHEMA, **agreed, "agreement": agreement}}
    signoffs = [plain(s) for s in rel.agreement.signoff if s.party == rel.my_role]
    if signoffs:
        records[f"{SIGNOFF_DIR}/{rel.my_role}.toml"] = {"schema": SCHEMA, "signoff": signoffs}
    agenda = journal.rel_dir(rel.id) / AGENDA_FILE
    if agenda.is_file():
        records[AGENDA_FILE] = journal.read_data(agenda)
    for kind in REL_KINDS:
        for ref in journal.record_refs(kind, [rel.id]):
            data = shared_record(kind, journal.read_data(ref.path), person)
            path = f"{kind}/{ref.path.name}"
            if owner(path, data) != rel.their_role:
                records[path] = data
    for path, data in records.items():
        kind, _, name = path.rpartition("/")
        if kind in KIND_TYPES:
            _checked(KIND_TYPES[kind][0], {**data, "id": id_from_name(name)}, path, mine=True)
    return records


def share(journal: Journal, rel: Relationship, remote: str, info: JournalInfo) -> None:
    """Make the repository of a relationship's shared records at `remote` (a bare one, for a
    path that does not exist yet) from this journal's records, and keep a clone of it."""
    root = clone_dir(journal, rel.id)
    if root.exists():
        raise UserError(f"{rel.id} is shared already.", hint=f"See: mentorlog rel show {rel.id}")
    if not _is_url(remote) and Path(remote).resolve().is_relative_to(journal.root.resolve()):
        raise UserError(
            f"{remote} is inside the journal; the shared repository must be outside it.",
            hint="Use a path both of you can reach, such as a shared drive, or a git URL.",
        )
    git = Git(journal.root, info.owner)
    if _is_new_path(remote):
        git.run("init", "--quiet", "--bare", "--initial-branch", BRANCH, remote)
    if git.run("ls-remote", "--heads", remote).stdout.strip():
        raise UserError(
            f"{remote} holds a repository already; nothing was changed.",
            hint="Share through a new or empty repository; to take part in one the other "
            "person shared, run: mentorlog rel join URL",
        )
    people = {rel.my_role: _person(info), rel.their_role: {"name": rel.counterpart}}
    files.ensure_dir(root, journal.root)
    try:
        clone = Git(root, info.owner)
        clone.run("init", "--quiet", "--initial-branch", BRANCH)
        _write(root, SHARED_FILE, {"schema": SCHEMA, **people})
        _write_side(root, exported(journal, rel, _id(info)), lambda *_: False)
        _commit(clone, f"mentorlog: {rel.counterpart} and {info.owner or 'I'} share this")
        clone.run("remote", "add", "origin", remote)
        clone.run("push", "--quiet", "origin", f"HEAD:{BRANCH}")
        clone.run("update-ref", TAKEN, "HEAD")
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)  # a share that failed leaves nothing behind
        raise


def join(
    journal: Journal,
    remote: str,
    info: JournalInfo,
    name: str | None,
    today: dt.date,
    into: Relationship | None = None,
) -> Relationship:
    """Take part in a relationship the other person shared: its repository cloned, this
    journal's owner written into the free role, the relationship made here with the roles as
    they are (a role means the same to both), and the records taken in. `into`: a
    relationship this journal keeps already (kept before, or unshared): it keeps its records,
    takes what it lacks, and publishes its own."""
    for known in journal.load_relationships([]):
        if known.share is not None and known.share.remote == remote:
            raise UserError(
                f"This journal takes part in {remote} already, as {known.id}; nothing was changed.",
                hint=f"See: mentorlog rel show {known.id}",
            )
    staging = journal.root / SHARED_DIR / ".joining"
    shutil.rmtree(staging, ignore_errors=True)
    files.ensure_dir(staging.parent, journal.root)
    git = Git(journal.root, info.owner)
    git.run("clone", "--quiet", "--branch", BRANCH, remote, str(staging))
    made: Relationship | None = None
    before = journal.root / SHARED_DIR / ".joining-before"  # `into` as it was, for a failure
    shutil.rmtree(before, ignore_errors=True)
    if into is not None:
        shutil.copytree(journal.rel_dir(into.id), before, symlinks=True)
    try:
        people = _read(staging, SHARED_FILE, People) or People()
        my_role = _free_role(people, info, remote, into)
        other = getattr(people, "mentee" if my_role == "mentor" else "mentor")
        share = Share(remote=remote, person=other.person)
        if into is not None:
            rel = msgspec.structs.replace(into, share=share)
            journal.save(journal.rel_file(rel.id), rel)
        else:
            counterpart = (name or other.name).strip()
            if not counterpart:
                raise UserError(
                    "The repository names no one to share with.", hint="Add --name NAME."
                )
            agreed = _read(staging, AGREEMENT_FILE, SharedAgreement) or SharedAgreement()
            fields = {
                key: getattr(agreed, key)
                for key in AGREED_FIELDS
                if getattr(agreed, key) is not None
            }
            new = Relationship(
                **{"started": today, **fields},
                id=journal.free_slug(counterpart, lambda slug: journal.rel_dir(slug).exists()),
                counterpart=counterpart,
                my_role=my_role,
                share=share,
            )
            rel = _checked(Relationship, to_data(new), SHARED_FILE)  # the name, by every rule
            journal.create(journal.rel_file(rel.id), rel)
        made = rel
        root = clone_dir(journal, rel.id)
        shutil.rmtree(root, ignore_errors=True)  # a clone left from before it was unshared
        staging.rename(root)
        _take(journal, rel, _id(info), since=None, mode=FILLING if into else JOINING)
        _write(root, SHARED_FILE, {**to_data(people), my_role: _person(info)})
        rel = journal.load_relationship(rel.id)
        _write_side(root, exported(journal, rel, _id(info)), lambda p, d: owner(p, d) != my_role)
        clone = Git(root, info.owner)
        _commit(clone, f"mentorlog: {info.owner or 'the other person'} joined")
        clone.run("push", "--quiet", "origin", f"HEAD:{BRANCH}")  # last: then it is all here
        clone.run("update-ref", TAKEN, "HEAD")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if made is not None:  # a join that failed leaves the journal as it was
            shutil.rmtree(clone_dir(journal, made.id), ignore_errors=True)
            shutil.rmtree(journal.rel_dir(made.id), ignore_errors=True)
            if into is not None:
                before.rename(journal.rel_dir(into.id))
        raise
    finally:
        shutil.rmtree(before, ignore_errors=True)
    return journal.load_relationship(rel.id)


def _free_role(people: People, info: JournalInfo, remote: str, into: Relationship | None) -> str:
    """The role this journal takes in a repository: the one naming its person already (a
    join again), else the one no one has taken; with `into`, that relationship's own."""
    sides = {role: getattr(people, role) for role in ROLES}
    mine = [r for r in ROLES if sides[r].person == info.person] or [
        r for r in ROLES if sides[r].person is None
    ]
    if into is not None:
        if into.share is not None:
            raise UserError(f"{into.id} is shared already, through {into.share.remote}.")
        if into.my_role not in mine:
            raise UserError(
                f"In {remote} the {into.my_role}'s place is someone else's; {into.id} cannot "
                "join it. Nothing was changed."
            )
        return into.my_role
    if not mine:
        raise UserError(f"Both people of {remote} have joined it already; nothing was changed.")
    return mine[0]


def sync_shared(
    journal: Journal, rel: Relationship, info: JournalInfo, now: dt.datetime
) -> ShareReport:
    """Publish this side's records of a shared relationship, take the other side's. The
    repository is fetched first: one that cannot be reached changes nothing here."""
    assert rel.share is not None
    remote = rel.share.remote
    root = clone_dir(journal, rel.id)
    git = Git(root, info.owner)
    try:
        if not (root / ".git").is_dir():  # a clone deleted by hand: made again
            shutil.rmtree(root, ignore_errors=True)
            Git(journal.root, info.owner).run(
                "clone", "--quiet", "--branch", BRANCH, rel.share.remote, str(root)
            )
        git.run("fetch", "--quiet", "origin")
    except JournalError as error:
        raise JournalError(
            f"Cannot reach {rel.share.remote}, the repository {rel.id} is shared through; "
            f"nothing was changed.\n{error.message}",
            hint="Check the network or the path, then run mentorlog sync again; to stop "
            f"sharing: mentorlog rel unshare {rel.id}",
        ) from None
    keep_copies_local(git)
    git.run("reset", "--quiet", "--hard", "HEAD")  # a sync stopped midway left its writes
    person = _id(info)
    taken = git.run("rev-parse", "--verify", "--quiet", TAKEN, check=False).stdout.strip()
    earlier = ShareReport(rel=rel.id, counterpart=rel.counterpart)
    if taken != _head(git):  # an earlier sync stopped before it took all it merged
        try:
            mode = SYNCING if taken else FILLING
            earlier = _take(journal, rel, person, since=taken or None, mode=mode)
        except JournalError:
            if not taken:
                raise
            git.run("reset", "--quiet", "--hard", taken)  # the clone was changed: merged anew
        rel = journal.load_relationship(rel.id)  # as the take left it, to publish from
    if _keep_copies(root, _strays(root), now.date()):  # a stopped merge's: seen here first
        earlier.conflicts += _take_conflicts(journal, rel, root)
    people = _read(root, SHARED_FILE, People)
    if people is not None and getattr(people, rel.my_role).person is None:  # a join cut short
        _write(root, SHARED_FILE, {**to_data(people), rel.my_role: _person(info)}, root)
    rel = _new_version_if_signed(journal, rel, git, now.date())
    records = exported(journal, rel, person)
    shared_agreement, older = _read_data(root, AGREEMENT_FILE), False
    if shared_agreement is not None and records[AGREEMENT_FILE] != shared_agreement:
        older = _held(git, AGREEMENT_FILE, records[AGREEMENT_FILE])  # undone here after it
        if older:  # was shared: the later one stands, and is taken back in below
            records[AGREEMENT_FILE] = shared_agreement
    _write_side(root, records, lambda path, data: owner(path, data) == rel.their_role)
    _drop_resolved(journal, rel, git)
    _commit(git)
    git.run("update-ref", TAKEN, "HEAD")  # all it holds is here: what came in, and this side
    before = _head(git)
    merged = SyncReport(action="synced")
    try:
        merge_upstream(git, f"origin/{BRANCH}", now.strftime("%Y%m%dT%H%M%S"), merged)
    except UserError:  # no history in common: the repository was replaced
        raise JournalError(
            f"{remote} no longer holds the history {rel.id} is shared with (it was "
            "replaced by another repository); nothing was taken in.",
            hint="Ask the other person what happened; to stop sharing: mentorlog rel unshare "
            f"{rel.id}",
        ) from None
    if _head(git) == before and not older:  # nothing came in: all there is is this journal's
        report = ShareReport(rel=rel.id, counterpart=rel.counterpart)
        report.conflicts = _take_conflicts(journal, rel, root)  # a stopped sync's, if any
    elif _head(git) == before:
        report = _take(journal, rel, person, since=before)
    else:
        report = _take_merge(journal, rel, git, person, before, records, merged, now.date())
    report.came_in[:0] = earlier.came_in
    report.conflicts[:0] = earlier.conflicts
    if _head(git) != git.run("rev-parse", f"origin/{BRANCH}").stdout.strip():
        try:
            git.run("push", "--quiet", "origin", f"HEAD:{BRANCH}")
        except JournalError as error:
            raise JournalError(
                f"What came in was taken in, but publishing {rel.id}'s changes to {remote} "
                f"failed (the other side may have synced at the same moment).\n{error.message}",
                hint="Run mentorlog sync again: it merges theirs first, then publishes.",
            ) from None
    return report


def _take_merge(
    journal: Journal,
    rel: Relationship,
    git: Git,
    person: str,
    before: str,
    records: Records,
    merged: SyncReport,
    day: dt.date,
) -> ShareReport:
    """Take in what a merge brought: the copies it left kept where both sides see them, all of
    it checked first (else the merge is undone, and done again once they mend it), this
    party's own files written back over whatever the other side pushed, then taken in."""
    root = git.root
    common = git.run("merge-base", before, f"origin/{BRANCH}", check=False).stdout.strip()
    base = _agreement_at(git, common) if common else None  # what both sides last shared
    moved = _keep_copies(root, merged.conflicts, day, base)
    try:
        if base is not None:
            _their_agreement(git, rel, before, common, base, day)
        incoming = _incoming(journal, rel, git, before)
    except JournalError:
        git.run("reset", "--quiet", "--hard", before)
        for target in moved:
            (root / target).unlink(missing_ok=True)
        raise
    own = {path: data for path, data in records.items() if owner(path, data) == rel.my_role}
    _write_side(root, own, lambda path, data: owner(path, data) != rel.my_role)
    _commit(git)  # this party's own files: no record _take reads
    report = _take(journal, rel, person, since=before, incoming=incoming)
    report.merged, report.revived = merged.merged, merged.revived
    return report


def unshare(journal: Journal, rel: Relationship) -> Relationship:
    """Stop syncing a relationship: its records stay, its clone goes (caller holds the lock)."""
    updated = msgspec.structs.replace(rel, share=None)
    journal.save(journal.rel_file(rel.id), updated)
    shutil.rmtree(clone_dir(journal, rel.id), ignore_errors=True)
    return updated


class Incoming(Struct, kw_only=True):
    """What a clone holds for this journal to take in, every file checked: the records and
    agenda changed since the last take (None: deleted), and who is who, the agreement and the
    other party's sign-offs (None where the repository holds no such file)."""

    records: dict[str, dict[str, Any] | None]
    people: People | None
    agreed: SharedAgreement | None
    signoffs: list[SignOff]


def _take(
    journal: Journal,
    rel: Relationship,
    person: str,
    since: str | None,
    mode: str = SYNCING,
    incoming: "Incoming | None" = None,
) -> ShareReport:
    """Bring what the clone's commits since `since` (None: all it holds) changed into the
    relationship's folder: new and changed records written, records the other side deleted
    moved to the trash. What this party alone writes stays as this journal has it (JOINING:
    taken whole, as the other side kept it), and so does its own account of a check-in, and
    the text of a check-in private here; FILLING (no commit this journal took in before, as
    after its clone was lost) takes what this journal lacks, and of what both hold the
    repository's version only where this journal's is one the repository held before (else
    this journal's stands, and the repository's is kept as a conflict copy; of the agreement,
    the other way round: `_fill_agreement`). Then the clone's head is marked taken."""
    root = clone_dir(journal, rel.id)
    git = Git(root, "")
    if mode == FILLING:
        _fill_agreement(git, rel)
    incoming = incoming or _incoming(journal, rel, git, since, mode)
    joining = mode == JOINING
    report = ShareReport(rel=rel.id, counterpart=rel.counterpart)
    report.came_in += _take_relationship(journal, rel, incoming, mode)
    folder = journal.rel_dir(rel.id)
    records = dict(incoming.records)
    if AGENDA_FILE in records:
        agenda, mine = records.pop(AGENDA_FILE), folder / AGENDA_FILE
        if (
            mode == FILLING
            and mine.is_file()
            and _stands(git, AGENDA_FILE, journal.read_data(mine))
        ):
            agenda = None
        if agenda is not None and agenda != (journal.read_data(mine) if mine.is_file() else None):
            _write(folder, AGENDA_FILE, agenda, journal.root)
            report.came_in.append("the agenda changed")
    came: Counter[tuple[str, str]] = Counter()
    written: list[Path] = []
    for kind in REL_KINDS:
        local = {ref.id: ref.path for ref in journal.record_refs(kind, [rel.id])}
        arrived = {p: d for p, d in records.items() if p.startswith(f"{kind}/")}
        for path, data in sorted(arrived.items(), key=lambda item: item[1] is None):
            name = path.rpartition("/")[2]
            here = local.get(id_from_name(name))
            if data is None:  # deleted on the other side (not moved: then `here` has moved)
                if here is not None and here.name == name:
                    if owner(path, journal.read_data(here)) != rel.my_role:
                        journal.trash(here)
                        came[(KIND_NAMES[kind], "deleted")] += 1
                continue
            if not joining and owner(path, data) == rel.my_role:  # this journal's alone
                continue
            kept = journal.read_data(here) if here is not None else {}
            if mode == FILLING and here is not None:
                mine_at = f"{kind}/{here.name}"
                if _stands(git, path, shared_record(kind, kept, person), mine_at):
                    continue
            if (
                here is not None
                and not joining
                and owner(f"{kind}/{here.name}", kept) == rel.my_role
            ):
                continue  # nor is a record of this party's made over into another's
            if here is not None and shared_record(kind, kept, person) == data:
                continue
            taken = _merged_with_own(kind, kept, data)
            if here is not None and here.name != name:  # first: never two files of one id
                journal.trash(here)
            _write(folder / kind, name, taken, journal.root)
            written.append(folder / kind / name)
            local[id_from_name(name)] = folder / kind / name
            came[_arrival(kind, kept, taken)] += 1
    if mode == FILLING:  # what the repository held once and holds no more: deleted there
        for kind in REL_KINDS:
            for ref in journal.record_refs(kind, [rel.id]):
                path, data = f"{kind}/{ref.path.name}", journal.read_data(ref.path)
                shared = shared_record(kind, data, person)
                gone = not (root / path).exists() and owner(path, data) != rel.my_role
                if gone and _held(git, path, shared):
                    journal.trash(ref.path)
                    came[(KIND_NAMES[kind], "deleted")] += 1
    report.came_in += [_counted(n, word, how) for (word, how), n in sorted(came.items())]
    report.conflicts = _take_conflicts(journal, rel, root)
    recipients = journal.recipients()
    if recipients:  # a check-in the other side made private has text here to seal
        from mentorlog.store.keys import seal_plain

        seal_plain(journal, written, recipients)
    journal.index.fresh = False
    git.run("update-ref", TAKEN, "HEAD")
    return report


def _stands(git: Git, path: str, mine: dict[str, Any], mine_at: str | None = None) -> bool:
    """Without a commit both sides last shared (FILLING): whether this journal's version of a
    file stands against the repository's. It does not if the repository held it once (the
    repository's is then the later), nor where the two agree; where it stands, the
    repository's version is kept as a conflict copy, for both sides to see. `mine_at`: where
    this journal keeps it, if elsewhere (a check-in the other side moved to another day)."""
    if _read_data(git.root, path) == mine or _held(git, mine_at or path, mine):
        return False
    copy = _copy_now(git.root, path)
    files.atomic_write(git.root / copy, _file_bytes(git.root, path), root=git.root)
    return True


def _held(git: Git, path: str, data: dict[str, Any]) -> bool:
    """Whether a commit of the clone held a file with this data."""
    for commit in git.run("log", "--format=%H", "HEAD", "--", path).stdout.split():
        try:
            if _read_data_at(git, commit, path) == data:
                return True
        except JournalError:
            continue
    return False


def _fill_agreement(git: Git, rel: Relationship) -> None:
    """Without a commit both sides last shared (FILLING): the repository's agreement stands
    (publishing this journal's over it could rewrite the history the other side signed);
    this journal's, if the repository never held it, is kept as a conflict copy, and the
    repository's becomes a new version if this side signed a version of that number."""
    repo = _read(git.root, AGREEMENT_FILE, SharedAgreement)
    if repo is None or _unsigned(repo.agreement) == _unsigned(rel.agreement):
        return
    mine = {key: value for key, value in to_data(rel).items() if key in AGREED_FIELDS}
    mine = {"schema": SCHEMA, **mine, "agreement": to_data(_unsigned(rel.agreement))}
    mine["agreement"].pop("signoff", None)
    if _held(git, AGREEMENT_FILE, mine):  # a version both shared: the rules hold against it
        signed = any(s.version == rel.agreement.version for s in rel.agreement.signoff)
        _check_agreement(_unsigned(rel.agreement), repo.agreement, signed)
        return
    copy = _copy_now(git.root, AGREEMENT_FILE)
    _write(git.root, copy, mine, git.root)
    signed = any(
        s.version == repo.agreement.version and s.party == rel.my_role
        for s in rel.agreement.signoff
    )
    if signed:
        _settle_agreement(git.root, dt.date.today(), left_out=copy)


def _merged_with_own(kind: str, kept: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """A record as the other side left it, with what of it never crosses kept from this
    journal: its own account of a check-in, and all the text of one private here (only the
    check-in's author may make it shared again, in their own journal)."""
    if kind != "checkins":
        return data
    if kept.get("private"):
        facts = {k: v for k, v in data.items() if k in PRIVATE_FACTS}
        return {
            **{k: v for k, v in kept.items() if k not in PRIVATE_FACTS},
            **facts,
            "private": True,
        }
    keys = crossing_keys(kind, data) or frozenset()
    return {**{k: v for k, v in kept.items() if k not in keys}, **data}


def _incoming(
    journal: Journal, rel: Relationship, git: Git, since: str | None, mode: str = SYNCING
) -> Incoming:
    """What the clone holds to take in, each file checked by the rules every file is read
    with, and named as mentorlog names it. One that breaks a rule, is no regular file, or
    changes the agreement otherwise than mentorlog does (`_their_agreement`) stops it all."""
    if since is None:
        listed = git.run("ls-tree", "-r", "-z", "--name-only", "HEAD").stdout
    else:
        listed = git.run("diff", "--name-only", "-z", "--no-renames", since, "HEAD").stdout
    root = git.root
    records: dict[str, dict[str, Any] | None] = {}
    ids: dict[str, tuple[set[str], Container[str]]] = {}  # per kind: this relationship's, all
    for path in filter(None, listed.split("\0")):
        kind, _, name = path.rpartition("/")
        if path == AGENDA_FILE:
            records[path] = _read_data(root, path)
            _checked(Agenda, records[path] or {}, path)
        elif kind in KIND_TYPES and name.endswith(".toml") and not name.startswith("."):
            data = _read_data(root, path)
            if kind not in ids:
                here = {ref.id for ref in journal.record_refs(kind, [rel.id])}
                ids[kind] = (here, journal.taken_ids(kind))
            checked = None if data is None else _checked_record(journal, rel, path, data, ids[kind])
            records[path] = checked
    agreed = _read(root, AGREEMENT_FILE, SharedAgreement)
    version = (agreed.agreement if agreed is not None else rel.agreement).version
    signoffs = [
        s
        for role in (ROLES if mode == JOINING else (rel.their_role,))
        for s in (_read(root, f"{SIGNOFF_DIR}/{role}.toml", SignOffs) or SignOffs()).signoff
        if s.party == role and s.version <= version
    ]
    return Incoming(
        records=records,
        people=_read(root, SHARED_FILE, People),
        agreed=agreed,
        signoffs=signoffs,
    )


def _checked_record(
    journal: Journal,
    rel: Relationship,
    path: str,
    data: dict[str, Any],
    ids: tuple[set[str], Container[str]],
) -> dict[str, Any]:
    """A record of the other side as it crosses, checked: its rules, its file name, and an id
    no record of another relationship has (`ids`: this relationship's of its kind, and every
    relationship's)."""
    kind, _, name = path.rpartition("/")
    record_id = id_from_name(name)
    record = _checked(KIND_TYPES[kind][0], {**data, "id": record_id}, path)
    expected = journal.path_for(rel.id, kind, record).name
    if name != expected:
        raise JournalError(
            f"The shared repository's {path} is not named as mentorlog names it ({kind}/"
            f"{expected}); it was not taken in.",
            hint="Ask the other person to correct it and sync again.",
        )
    here, taken = ids
    if record_id not in here and record_id in taken:
        raise JournalError(
            f"The shared repository's {path} has the id of a record of another relationship "
            "in this journal; it was not taken in.",
            hint="If that relationship is this one (kept before, or unshared), join into it: "
            "mentorlog rel join URL --into REL; else ask the other person to correct it.",
        )
    return {**crossing(kind, data), "id": record_id}


def _their_agreement(
    git: Git, rel: Relationship, before: str, common: str, base: Agreement, day: dt.date
) -> None:
    """The agreement as the merge left it, checked against what both sides last shared. If
    the other side changed it: its history only grows, each new version comes with its
    change, and the text of a version signed there never changes (mentorlog makes a new
    version); a repository that does otherwise is refused. And a draft whose text changed
    since then while someone signed it (one side edited, the other signed) becomes a new
    version, so that no sign-off covers a text its signer did not see. `base`: the agreement
    at `common`, the commit both sides last shared."""
    merged = _read(git.root, AGREEMENT_FILE, SharedAgreement)
    if merged is None:
        return
    after, mine = merged.agreement, _agreement_at(git, before)
    if mine is None or _unsigned(mine) != _unsigned(after):
        signed_there = any(
            s.version == base.version for role in ROLES for s in _signoffs_at(git, common, role)
        )
        _check_agreement(base, after, signed_there)
    text_changed = after.version == base.version and after.item != base.item
    # Who changed the text saw it; a sign-off the other party made of that version since
    # then was of the text before.
    signer = rel.my_role if mine is None or _unsigned(mine) != _unsigned(after) else rel.their_role
    was = _signoffs_at(git, common, signer)
    now = rel.agreement.signoff if signer == rel.my_role else _signoffs_at(git, "HEAD", signer)
    blind = [s for s in now if s.party == signer and s.version == after.version and s not in was]
    if text_changed and blind:
        _settle_agreement(git.root, day)


def _new_version_if_signed(
    journal: Journal, rel: Relationship, git: Git, day: dt.date
) -> Relationship:
    """This journal's agreement, a new version if its text changed at a version someone has
    signed in the repository (an `undo` of a sign-off, then an edit; another device's
    sign-off not yet here): no sign-off may cover a text its signer did not see."""
    shared = _read(git.root, AGREEMENT_FILE, SharedAgreement)
    mine = rel.agreement
    if shared is None or shared.agreement.version != mine.version:
        return rel
    if shared.agreement.item == mine.item:
        return rel
    signed = any(
        s.version == mine.version
        for commit in ("HEAD", f"origin/{BRANCH}")
        for role in ROLES
        for s in _signoffs_at(git, commit, role)
    )
    if not signed:
        return rel
    what = f"changed after version {mine.version} was signed: a new version"
    change = AgreementChange(version=mine.version + 1, date=day, what=what)
    agreement = msgspec.structs.replace(
        mine, version=mine.version + 1, change=[*mine.change, change]
    )
    updated = msgspec.structs.replace(rel, agreement=agreement)
    journal.save(journal.rel_file(rel.id), updated)
    return updated


def _check_agreement(base: Agreement, after: Agreement, signed_there: bool) -> None:
    """The rules an agreement changes by, against what both sides last shared (`base`): its
    history only grows, each new version comes with its change, and the text of a version
    signed there never changes. A repository that breaks one is refused."""
    added = len(after.change) - len(base.change)
    wrong = None
    if any(change not in after.change for change in base.change):
        wrong = "rewrites the agreement's history"
    elif not 0 <= after.version - base.version <= max(added, 0):
        wrong = f"makes version {after.version} of version {base.version} without its changes"
    elif after.version == base.version and after.item != base.item and signed_there:
        wrong = f"changes the text of version {after.version}, signed, without a new version"
    if wrong is not None:
        raise JournalError(
            f"The shared repository's {AGREEMENT_FILE} {wrong}; it was not taken in.",
            hint="mentorlog changes an agreement only by new versions. If the repository was "
            "changed by hand, its history holds the version before; to start again: mentorlog "
            "rel unshare, then share a new repository.",
        )


def _unsigned(agreement: Agreement) -> Agreement:
    return msgspec.structs.replace(agreement, signoff=[])


def _agreement_at(git: Git, commit: str) -> Agreement | None:
    data = _read_data_at(git, commit, AGREEMENT_FILE)
    return None if data is None else _checked(SharedAgreement, data, AGREEMENT_FILE).agreement


def _signoffs_at(git: Git, commit: str, role: str) -> list[SignOff]:
    data = _read_data_at(git, commit, f"{SIGNOFF_DIR}/{role}.toml")
    return [] if data is None else _checked(SignOffs, data, SIGNOFF_DIR).signoff


def _settle_agreement(
    root: Path, day: dt.date, left_out: str | None = None, base: Agreement | None = None
) -> None:
    """The agreement the merge kept becomes a new version, so that no sign-off counts for a
    text its signer did not see: both sides changed its text at once (the version `left_out`
    keeps the other text; its history is kept too), or one side changed a draft the other
    signed. When only the version left out changed the text (the other, say, the cadence),
    its agreement is the one kept, and no version is new."""
    agreed = _read(root, AGREEMENT_FILE, SharedAgreement)
    if agreed is None:
        return
    other = _read(root, left_out, SharedAgreement) if left_out else None
    if other is not None and _unsigned(other.agreement) == _unsigned(agreed.agreement):
        return  # both changed the cadence or the start, not the agreement
    if other is not None and base is not None and _unsigned(agreed.agreement) == _unsigned(base):
        kept = msgspec.structs.replace(agreed, agreement=other.agreement)
        _write(root, AGREEMENT_FILE, to_data(kept))
        return
    changes, version = list(agreed.agreement.change), agreed.agreement.version
    if other is not None:
        changes += [c for c in other.agreement.change if c not in changes]
        version = max(version, other.agreement.version)
    what = (
        "both changed the agreement at once: this version keeps one text (the other is in the "
        "conflict copy); both sign again"
        if other is not None
        else "changed after a sign-off of the draft: both sign again"
    )
    changes.append(AgreementChange(version=version + 1, date=day, what=what))
    agreement = msgspec.structs.replace(agreed.agreement, version=version + 1, change=changes)
    _write(root, AGREEMENT_FILE, to_data(msgspec.structs.replace(agreed, agreement=agreement)))


def _counted(n: int, word: str, how: str) -> str:
    """`new action`, `2 new actions`, `action done`, `3 actions done`."""
    if how == "new":
        return f"new {word}" if n == 1 else f"{n} new {plural(n, word).split(' ', 1)[1]}"
    return f"{word} {how}" if n == 1 else f"{plural(n, word)} {how}"


def _arrival(kind: str, before: dict[str, Any], after: dict[str, Any]) -> tuple[str, str]:
    """What a record that came in is: (`action`, `done`), (`pulse`, `new`)."""
    word = KIND_NAMES[kind]
    if not before:
        return word, "new"
    if after.get("status") != before.get("status") and "status" in after:
        return word, str(after["status"])
    return word, "changed"


def conflicts(journal: Journal, rel: Relationship) -> list[Conflict]:
    """The versions of this relationship's shared records a sync left out, each with the values
    in which it differs from the version the repository kept."""
    folder, root = journal.rel_dir(rel.id), clone_dir(journal, rel.id)
    found: list[Conflict] = []
    for copy in sorted(_shared_copies(journal, rel)):
        record = copy.partition(SHARED_COPY)[0]
        kind, _, name = record.rpartition("/")
        live = [record]
        if kind in REL_KINDS:  # a check-in kept on another day is still that check-in
            live = [
                f"{kind}/{n}" for n in _names(root / kind) if id_from_name(n) == id_from_name(name)
            ]
        kept = next((data for path in live if (data := _read_data(root, path)) is not None), {})
        found.append(
            Conflict(
                copy=journal.relative(folder / copy),
                record=record,
                differences=differences(kept, _readable(folder, copy)),
            )
        )
    return found


def _keep_copies(
    root: Path, copies: list[str], day: dt.date, base: Agreement | None = None
) -> list[str]:
    """Move the copies a merge wrote beside their records into conflicts/, where both sides
    see them (a copy of the agreement makes its kept version a new one); where they went."""
    moved = [_repository_copy(copy) for copy in copies]
    for copy, target in zip(copies, moved, strict=True):
        files.ensure_dir((root / target).parent, root)
        (root / copy).replace(root / target)
        if copy.startswith(f"{AGREEMENT_FILE}{CONFLICT_COPY}"):
            _settle_agreement(root, day, left_out=target, base=base)
    return moved


def _strays(root: Path) -> list[str]:
    """Copies a merge wrote that a sync stopped midway never moved into conflicts/."""
    found = [name for name in files.listing(root) if CONFLICT_COPY in name]
    for kind in REL_KINDS:
        found += [f"{kind}/{n}" for n in files.listing(root / kind) if CONFLICT_COPY in n]
    return sorted(path for path in found if not (root / path).is_symlink())


def _repository_copy(copy: str) -> str:
    """Where the repository keeps a conflict copy that merge wrote beside its record."""
    record, _, stamp = copy.partition(CONFLICT_COPY)
    return f"{CONFLICT_DIR}/{record}.{stamp}"


def _copy_now(root: Path, path: str) -> str:
    """Where the repository keeps a copy of `path` made now (its folder made)."""
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    copy = _repository_copy(f"{path}{CONFLICT_COPY}{stamp}")
    files.ensure_dir((root / copy).parent, root)
    return copy


def _journal_copy(path: str) -> str:
    """A repository's conflict copy as the journal keeps it, beside its record (relative to
    the relationship's folder)."""
    record, _, stamp = path.removeprefix(f"{CONFLICT_DIR}/").partition(".toml.")
    return f"{record}.toml{SHARED_COPY}{stamp}"


def _shared_copies(journal: Journal, rel: Relationship) -> set[str]:
    """The conflict copies of a shared relationship this journal keeps (relative to its folder)."""
    folder = journal.rel_dir(rel.id)
    found = {name for name in files.listing(folder) if SHARED_COPY in name}
    for kind in REL_KINDS:
        found |= {f"{kind}/{n}" for n in files.listing(folder / kind) if SHARED_COPY in n}
    return found


def _repository_copies(root: Path) -> list[str]:
    """The conflict copies a clone holds: `conflicts/<file>` and `conflicts/<kind>/<file>`,
    regular files named as a sync names them (anything else there is no copy of ours)."""
    return [
        f"{CONFLICT_DIR}/{folder}{name}"
        for folder in ("", *(f"{kind}/" for kind in REL_KINDS))
        for name in files.listing(root / CONFLICT_DIR / folder)
        if COPY_NAME.fullmatch(name)
        and (folder or name.split(".toml.")[0] in (AGREEMENT_FILE[:-5], AGENDA_FILE[:-5]))
        and stat.S_ISREG(os.lstat(root / CONFLICT_DIR / folder / name).st_mode)
    ]


def _drop_resolved(journal: Journal, rel: Relationship, git: Git) -> None:
    """A conflict copy this journal took in and deleted since is resolved: it leaves the
    repository too (one it never took in, as after a stopped sync, stays)."""
    kept = _shared_copies(journal, rel)
    taken = git.run("ls-tree", "-r", "-z", "--name-only", TAKEN, "--", CONFLICT_DIR, check=False)
    for path in _repository_copies(git.root):
        if _journal_copy(path) not in kept and path in taken.stdout.split("\0"):
            (git.root / path).unlink()


def _take_conflicts(journal: Journal, rel: Relationship, root: Path) -> list[str]:
    """Keep the repository's conflict copies beside their records (where doctor and rel show
    name them), drop those resolved on the other side; the copies new here, by path."""
    folder = journal.rel_dir(rel.id)
    stale = _shared_copies(journal, rel)
    new: list[str] = []
    for path in _repository_copies(root):
        copy = _journal_copy(path)
        stale.discard(copy)
        if not (folder / copy).exists():
            try:  # a copy is a version of a record: TOML, of a record's size
                content = _file_bytes(root, path)
                files.parse_toml(root / path, content, path)
            except JournalError:
                continue
            files.ensure_dir((folder / copy).parent, journal.root)
            files.atomic_write(folder / copy, content, root=journal.root)
            new.append(journal.relative(folder / copy))
    for copy in stale:
        (folder / copy).unlink()
    return new


def _take_relationship(
    journal: Journal, rel: Relationship, incoming: Incoming, mode: str
) -> list[str]:
    """The shared agreement, the other party's sign-offs and the cadence into
    relationship.toml, and the other person's id once they joined; what this journal alone
    says (name, contact, status, tags) and this party's own sign-offs stay. A repository
    without an agreement.toml changes none of it (this side's sync writes it back)."""
    assert rel.share is not None
    agreed, updated = incoming.agreed, rel
    signoffs = list(incoming.signoffs)
    if mode != JOINING:
        signoffs += [s for s in rel.agreement.signoff if s.party == rel.my_role]
    if agreed is not None:
        updated = msgspec.structs.replace(
            rel,
            **{
                key: getattr(agreed, key)
                for key in AGREED_FIELDS
                if getattr(agreed, key) is not None
            },
            agreement=msgspec.structs.replace(agreed.agreement, signoff=signoffs),
        )
    people = incoming.people or People()
    other = (people.mentee if rel.their_role == "mentee" else people.mentor).person
    me = (people.mentee if rel.my_role == "mentee" else people.mentor).person
    if rel.share.person is None and other is not None and other != me:  # who is who: once
        updated = msgspec.structs.replace(
            updated, share=msgspec.structs.replace(rel.share, person=other)
        )
    updated = _checked(Relationship, to_data(updated), AGREEMENT_FILE)
    if _same(updated, rel):
        return []
    journal.save(journal.rel_file(rel.id), updated)
    came = [
        f"{rel.counterpart} signed version {s.version}"
        for s in updated.agreement.signoff
        if s.party == rel.their_role and s not in rel.agreement.signoff
    ]
    if updated.agreement.version != rel.agreement.version:
        came.insert(0, f"the agreement is now version {updated.agreement.version}")
    elif updated.agreement.item != rel.agreement.item:
        came.insert(0, "the agreement changed")
    came += [
        f"{word} is now {getattr(updated, key)}"
        for key, word in (("cadence", "the cadence"), ("started", "the start"), ("status", "it"))
        if getattr(updated, key) != getattr(rel, key)
    ]
    return came


def _same(one: Relationship, other: Relationship) -> bool:
    """Whether two relationships are the same, sign-offs in any order."""

    def key(rel: Relationship) -> Any:
        signoffs = sorted(rel.agreement.signoff, key=lambda s: (s.version, s.party, s.date))
        return msgspec.structs.replace(
            rel, agreement=msgspec.structs.replace(rel.agreement, signoff=signoffs)
        )

    return bool(key(one) == key(other))


def _checked(cls: type[T], data: dict[str, Any], path: str, mine: bool = False) -> T:
    """A record checked by the rules every file is read with: one of the other side's that
    breaks a rule is refused whole, nothing of it written; one of this journal's stops the
    sync before it reaches them."""
    try:
        return to_record(cls, data)
    except RecordError as error:
        if mine:
            raise JournalError(
                f"This journal's {path} of a shared relationship: {error.message}; nothing was "
                "synced.",
                hint="Correct the value in the file (mentorlog doctor names its line), then "
                "run mentorlog sync again.",
            ) from None
        raise JournalError(
            f"The shared repository's {path}: {error.message}; it was not taken in.",
            hint="Ask the other person to correct it and sync again.",
        ) from None


def _read(root: Path, path: str, cls: type[T]) -> T | None:
    """One of a clone's own files, checked (None when it is not there)."""
    data = _read_data(root, path)
    return None if data is None else _checked(cls, data, path)


def _readable(root: Path, path: str) -> dict[str, Any]:
    """A file's TOML for a view, or nothing (a view names a copy it cannot read, no more)."""
    try:
        return _read_data(root, path) or {}
    except (OSError, JournalError):
        return {}


def _read_data_at(git: Git, commit: str, path: str) -> dict[str, Any] | None:
    """A file as a commit of the clone holds it (None when it holds none)."""
    shown = git.run("cat-file", "blob", f"{commit}:{path}", check=False)
    if shown.returncode:
        return None
    return files.parse_toml(
        git.root / path, shown.stdout.encode(), f"The shared repository's {path}"
    )


def _read_data(root: Path, path: str) -> dict[str, Any] | None:
    """A clone's file as TOML (None when it is not there); a link, a folder where a file should
    be, or a file that is no TOML stops the sync, naming it."""
    try:
        content = _file_bytes(root, path)
    except FileNotFoundError:
        return None
    return files.parse_toml(root / path, content, f"The shared repository's {path}")


def _file_bytes(root: Path, path: str) -> bytes:
    """A file of a clone, never through a link, inside it or on the way to it, and no larger
    than a record ever is (what crosses holds no notes)."""
    try:
        content = files.read_bytes(files.safe_path(root, root / path))
    except JournalError as error:  # a link: named as the other side's, never followed
        raise JournalError(
            f"The shared repository's {path} is a symbolic link or holds one; mentorlog never "
            "follows one, and nothing was taken in.",
            hint="Ask the other person to replace it with the file, then sync again.",
        ) from error
    except IsADirectoryError:
        raise JournalError(f"The shared repository's {path} is a folder, not a record.") from None
    if len(content) > MAX_SHARED_FILE:
        raise JournalError(
            f"The shared repository's {path} is {len(content):,} bytes, larger than any record "
            f"({MAX_SHARED_FILE:,}); it was not taken in.",
            hint="Ask the other person to correct it and sync again.",
        )
    return content


def _write_side(root: Path, records: Records, stays: Callable[[str, dict[str, Any]], bool]) -> None:
    """Make the clone's records this side's: a record unchanged stays byte for byte, and a file
    not among `records` stays if `stays` says so (path, data), else is deleted."""
    for folder in (SIGNOFF_DIR, CONFLICT_DIR, *REL_KINDS):
        if (root / folder).is_symlink():  # git checks links out as links: never written through
            (root / folder).unlink()
    for path in _record_paths(root):
        if path not in records and not stays(path, _current(root, path) or {}):
            (root / path).unlink()
    for path, data in records.items():
        text = _toml(data)  # the same bytes mostly (one library writes both sides); else
        if _current_bytes(root, path) != text and _current(root, path) != data:  # the data
            files.ensure_dir((root / path).parent, root)
            files.atomic_write(root / path, text, root=root)


def _current_bytes(root: Path, path: str) -> bytes | None:
    """A clone's file as it is (None when absent, a link or no regular file: rewritten)."""
    try:
        return _file_bytes(root, path)
    except (OSError, JournalError):
        return None


def _current(root: Path, path: str) -> dict[str, Any] | None:
    """A clone's file as this side's write finds it: a link, or a file that is no TOML, goes
    (this side's write replaces it, or leaves the file out)."""
    try:
        return _read_data(root, path)
    except JournalError:
        target = root / path
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        else:
            target.unlink(missing_ok=True)
        return None


def _record_paths(root: Path) -> list[str]:
    """The records a clone holds (shared.toml and conflict copies are no records)."""
    found = [name for name in (AGREEMENT_FILE, AGENDA_FILE) if (root / name).is_file()]
    for folder in (SIGNOFF_DIR, *REL_KINDS):
        found += [f"{folder}/{name}" for name in _names(root / folder)]
    return found


def _names(folder: Path) -> list[str]:
    return sorted(n for n in files.listing(folder) if n.endswith(".toml") and n[0] != ".")


def _write(folder: Path, name: str, data: dict[str, Any], root: Path | None = None) -> None:
    files.atomic_write(folder / name, _toml(data), root=root or folder)


def _toml(data: dict[str, Any]) -> bytes:
    import tomli_w

    return tomli_w.dumps(data).encode()


def _head(git: Git) -> str:
    return git.run("rev-parse", "HEAD").stdout.strip()


def _commit(git: Git, message: str | None = None) -> None:
    """Commit what changed in a clone, saying what (`mentorlog: 2 check-ins, 1 goal`)."""
    changes = git.changes()
    if changes:
        git.run("add", "--all")
        git.run("commit", "--quiet", "-m", message or describe_changes(changes))


def _person(info: JournalInfo) -> dict[str, str]:
    return {"person": _id(info), "name": info.owner}


def _id(info: JournalInfo) -> str:
    assert info.person is not None  # Journal.person() made one
    return info.person


def address(remote: str) -> str:
    """A remote as both journals' settings keep it: a local path made absolute, since git runs
    in the journal's folder, not where the command was typed."""
    return remote if _is_url(remote) else str(Path(remote).absolute())


def _is_url(remote: str) -> bool:
    return bool(re.match(r"^[\w.+-]+://|^[^/]+:", remote))


def _is_new_path(remote: str) -> bool:
    """Whether a remote is a local path with nothing there yet (or an empty folder)."""
    path = Path(remote)
    return not _is_url(remote) and (
        not path.exists() or (path.is_dir() and not any(path.iterdir()))
    )
