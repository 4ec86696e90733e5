"""Sync through git: commit, fetch, merge record by record, push.

git runs as a subprocess with an argument list, never through a shell. The merge is
mentorlog's own (store/merge.py decides, docs/sync.md says how): git's merge of text could
leave conflict markers in a record, keep two files for one check-in moved to different days on
two devices, or carry an edit into the trash of the device that deleted the record."""

import contextlib
import os
import shutil
import stat
import subprocess
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from functools import cached_property
from pathlib import Path

from msgspec import Struct, field

from mentorlog.core.model import JournalInfo
from mentorlog.core.text import plural
from mentorlog.errors import JournalError, UserError
from mentorlog.store import files
from mentorlog.store.convert import to_record
from mentorlog.store.doctor import CONFLICT_COPY as CONFLICT_SUFFIX
from mentorlog.store.layout import CACHE_DIR, JOURNAL_FILE, SHARED_DIR, TRASH_DIR, UNDO_DIR
from mentorlog.store.merge import Files, record_key, settle

GITIGNORE = ".cache/\n.lock\n*.tmp\n.*.tmp\n"
# What stays on the device that made it, whatever the shared .gitignore says (anyone who
# commits can edit that): conflict copies, undo's records, the index, the lock, temporary
# files. Git's own exclude file, which git never shares, keeps them out of every commit, and a
# merge never takes them from a remote.
LOCAL_FOLDERS = (UNDO_DIR, CACHE_DIR, SHARED_DIR)
LOCAL_FILES = (".lock",)
LOCAL_SUFFIXES = (".tmp",)
LOCAL_PATTERNS = (
    f"*{CONFLICT_SUFFIX}*",
    *(f"/{folder}/" for folder in LOCAL_FOLDERS),
    *(f"/{name}" for name in LOCAL_FILES),
    *(f"*{suffix}" for suffix in LOCAL_SUFFIXES),
)


def local_only(path: str) -> bool:
    """Whether a path in the journal's repository is one of the device's own (LOCAL_PATTERNS)."""
    name = path.rpartition("/")[2]
    return (
        CONFLICT_SUFFIX in name
        or name.endswith(LOCAL_SUFFIXES)
        or path in LOCAL_FILES
        or path.split("/", 1)[0] in LOCAL_FOLDERS
    )


KIND_WORDS = {
    "checkins": "check-in",
    "goals": "goal",
    "actions": "action",
    "health": "health pulse",
    "learning": "learning entry",
    "network": "contact",
    "relationship.toml": "relationship",
    "agenda.toml": "agenda",
    "journal.toml": "journal file",
}


# Seals the plain text of the check-in files among these paths to these recipients; how many
# files it sealed (store/keys.py seal_plain, given by the caller, which holds the journal).
Sealer = Callable[[list[Path], list[str]], int]


class SyncReport(Struct, kw_only=True):
    """What a sync did: committed, pulled, pushed, and how records changed on both devices
    came out."""

    action: str  # cloned, initialised, synced
    committed: str | None = None
    pulled: bool = False
    pushed: bool = False
    conflicts: list[str] = field(default_factory=list)  # the copies of versions left out
    revived: list[str] = field(default_factory=list)  # deleted on one device, changed on the other
    merged: list[str] = field(default_factory=list)  # different fields changed on each device
    links: list[str] = field(default_factory=list)  # symbolic links found, never followed
    sealed: int = 0  # files of this device's holding plain text the journal seals, sealed


def git_executable() -> str:
    found = shutil.which("git")
    if found is None:
        raise UserError(
            "git is not installed; sync needs it.",
            hint="Install git (for example: apt-get install git), then try again.",
        )
    return found


class Git:
    """git in one folder, under the journal owner's name where git knows no user."""

    def __init__(self, root: Path, owner: str) -> None:
        self.root = root
        self.exe = git_executable()
        self.owner = owner or "mentorlog"

    def run(
        self,
        *args: str,
        check: bool = True,
        cwd: Path | None = None,
        input: str = "",
        index: Path | None = None,
    ) -> subprocess.CompletedProcess[str]:
        """Run git; its output as text (paths kept byte for byte through surrogate escapes).
        A failure raises with git's whole message. `index`: another index file than git's."""
        env = {
            **os.environ,
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_EDITOR": "true",
            "GIT_LITERAL_PATHSPECS": "1",  # a path is a path, never a pattern
            "LC_ALL": "C",
        }
        if index is not None:
            env["GIT_INDEX_FILE"] = str(index)
        completed = subprocess.run(
            [self.exe, *self.identity, *args],
            cwd=cwd or self.root,
            env=env,
            input=input.encode("utf-8", "surrogateescape"),
            capture_output=True,
            check=False,
        )
        out = completed.stdout.decode("utf-8", "surrogateescape")
        said = completed.stderr.decode("utf-8", "replace")
        if check and completed.returncode != 0:
            detail = (said or out).strip()
            raise JournalError(
                f"git {args[0]} failed:\n{detail}"
                if detail
                else f"git {args[0]} failed (exit {completed.returncode})."
            )
        return subprocess.CompletedProcess(completed.args, completed.returncode, out, said)

    @cached_property
    def identity(self) -> list[str]:
        """The options that name the committer, when git has no user.email here."""
        probe = subprocess.run(
            [self.exe, "config", "user.email"],
            cwd=self.root if self.root.is_dir() else None,
            capture_output=True,
            text=True,
            check=False,
        )
        if probe.returncode == 0 and probe.stdout.strip():
            return []
        return ["-c", f"user.name={self.owner}", "-c", "user.email=mentorlog@localhost"]

    def blob(self, blob_id: str) -> bytes:
        return self.run("cat-file", "blob", blob_id).stdout.encode("utf-8", "surrogateescape")

    def store(self, content: bytes) -> str:
        """Write a blob into git's objects; its id."""
        text = content.decode("utf-8", "surrogateescape")
        return self.run("hash-object", "-w", "--stdin", input=text).stdout.strip()

    def is_repo(self) -> bool:
        return (self.root / ".git").is_dir()

    def changes(self) -> list[str]:
        out = self.run("status", "--porcelain", "--untracked-files=all").stdout
        return [line[3:] for line in out.splitlines() if line.strip()]


def describe_changes(paths: list[str]) -> str:
    """A commit message that says what changed: "mentorlog: 2 check-ins, 1 goal"."""
    counts: Counter[str] = Counter()
    for path in paths:
        parts = path.strip('"').split("/")
        key = (
            parts[2]
            if parts[0] == "relationships" and len(parts) > 3
            else parts[-1]
            if parts[0] == "relationships"
            else parts[0]
        )
        counts[KIND_WORDS.get(key, "other file")] += 1
    words = [plural(n, kind) for kind, n in sorted(counts.items())]
    return "mentorlog: " + ", ".join(words)


def make_private(root: Path) -> list[str]:
    """git creates files under the umask; a journal is 0700/0600 whatever it says. git also
    syncs symbolic links: one is never entered nor its target chmod'ed, only returned (relative
    to the root) for the caller to report."""
    links = []
    for folder, dirs, names in os.walk(root):  # a walk that never enters a linked folder
        dirs[:] = [d for d in dirs if d != ".git"]
        for name in [*dirs, *names]:
            path = Path(folder, name)
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                links.append(str(path.relative_to(root)))
            elif stat.S_ISDIR(mode) or stat.S_ISREG(mode):
                os.chmod(path, files.DIR_MODE if stat.S_ISDIR(mode) else files.FILE_MODE)
    os.chmod(root, files.DIR_MODE)
    return sorted(links)


def needs_clone(root: Path) -> bool:
    """Whether `root` is missing or an empty folder: a sync there clones the journal, as
    there is nothing yet to commit or push."""
    return not root.exists() or (root.is_dir() and not any(root.iterdir()))


def clone(root: Path, remote: str, owner: str) -> SyncReport:
    git = Git(root.parent, owner)
    files.ensure_dir(root.parent)
    git.run("clone", "--quiet", remote, str(root), cwd=root.parent)
    return SyncReport(action="cloned", pulled=True, links=make_private(root))


# A commit's files: path -> (git mode, blob id).
Tree = dict[str, tuple[str, str]]


def sync(
    root: Path,
    remote: str | None,
    owner: str,
    now: datetime,
    set_remote: bool = False,
    seal: Sealer | None = None,
) -> SyncReport:
    """Commit local changes, merge in what the remote holds, push; make the journal a
    repository first if it is not one (the caller holds the journal lock)."""
    git = Git(root, owner)
    report = SyncReport(action="synced")
    if not git.is_repo():
        if remote is None:
            raise UserError(
                "This journal is not synced yet.", hint="Start with: mentorlog sync --remote URL"
            )
        if _holds_records(root) and git.run("ls-remote", "--heads", remote).stdout.strip():
            raise _NO_SHARED_HISTORY
        git.run("init", "--quiet")
        report.action = "initialised"
    previous = _use_remote(git, remote, set_remote)
    try:
        _exchange(git, root, now, report, seal)
    except BaseException:
        _restore_remote(git, previous)  # a remote that failed at once is not kept
        raise
    report.links = make_private(root)
    return report


def _exchange(git: Git, root: Path, now: datetime, report: SyncReport, seal: Sealer | None) -> None:
    """Fetch, seal what this device wrote in plain text for a journal that is (or, as the
    remote says, has just become) encrypted, commit, merge what the remote holds, push."""
    gitignore = root / ".gitignore"
    if not gitignore.exists():
        files.atomic_write(gitignore, GITIGNORE)
    keep_copies_local(git)
    branch = git.run("symbolic-ref", "--short", "HEAD").stdout.strip()
    has_upstream = (
        git.run("ls-remote", "--exit-code", "--heads", "origin", branch, check=False).returncode
        == 0
    )
    upstream = None
    if has_upstream:
        git.run("fetch", "--quiet", "origin", branch)
        upstream = git.run("rev-parse", "--verify", "FETCH_HEAD^{commit}").stdout.strip()
    recipients = _recipients(root.joinpath(JOURNAL_FILE).read_bytes())
    if upstream is not None:
        with contextlib.suppress(JournalError):  # a remote without journal.toml names none
            recipients |= _recipients(git.blob(f"{upstream}:{JOURNAL_FILE}"))
    if seal is not None and recipients:  # before anything is committed, so nothing plain is
        report.sealed = seal([root / path for path in git.changes()], sorted(recipients))
    changed = git.changes()
    if changed:
        git.run("add", "--all")
        report.committed = describe_changes(changed)
        git.run("commit", "--quiet", "-m", report.committed)
    if git.run("rev-parse", "--verify", "--quiet", "HEAD", check=False).returncode != 0:
        git.run("commit", "--quiet", "--allow-empty", "-m", "mentorlog: start")
    if upstream is not None:
        merge_upstream(git, upstream, now.strftime("%Y%m%dT%H%M%S"), report)
        report.pulled = True
    git.run("push", "--quiet", "--set-upstream", "origin", branch)
    report.pushed = True


def _recipients(journal_toml: bytes) -> set[str]:
    """The recipients a journal.toml names, read as every journal.toml is (none when it names
    none or cannot be read)."""
    try:
        info = to_record(JournalInfo, files.parse_toml(JOURNAL_FILE, journal_toml, JOURNAL_FILE))
    except JournalError:
        return set()
    return set(info.encryption.recipients) if info.encryption else set()


def _use_remote(git: Git, remote: str | None, set_remote: bool) -> str | None:
    """Make `remote` the journal's remote; return the one it had (None: none). A different one
    from the remote it already syncs with is refused, before anything changes, unless
    `set_remote` says so: a mistyped URL must not quietly replace where the journal lives."""
    current = git.run("remote", "get-url", "origin", check=False)
    previous = current.stdout.strip() if current.returncode == 0 else None
    if previous is None:
        if remote is None:
            raise UserError(
                "This journal has no remote.", hint="Set one with: mentorlog sync --remote URL"
            )
        git.run("remote", "add", "origin", remote)
    elif remote is not None and remote != previous:
        if not set_remote:
            raise UserError(
                f"This journal syncs with {previous}, not {remote}; nothing was changed.",
                hint=f"To sync with {remote} from now on: mentorlog sync --remote {remote} "
                "--set-remote",
            )
        git.run("remote", "set-url", "origin", remote)
    return previous


def _restore_remote(git: Git, previous: str | None) -> None:
    if previous is None:
        git.run("remote", "remove", "origin", check=False)
    else:
        git.run("remote", "set-url", "origin", previous, check=False)


def keep_copies_local(git: Git) -> None:
    """What is the device's own (LOCAL_PATTERNS) stays on it: git ignores it, and what was
    committed anyway (by hand, by an older mentorlog, or under a .gitignore someone emptied)
    leaves what is shared (its file stays here)."""
    exclude = git.root / ".git" / "info" / "exclude"
    patterns = exclude.read_text().splitlines() if exclude.is_file() else []
    missing = [p for p in LOCAL_PATTERNS if p not in patterns]
    if missing:
        files.atomic_write(exclude, "".join(f"{p}\n" for p in [*patterns, *missing]))
    tracked = git.run("ls-files", "-z").stdout.split("\0")
    copies = [path for path in tracked if path and local_only(path)]
    if copies:
        git.run("rm", "--cached", "--quiet", "--", *copies)


# What a journal made with `init` holds before anything is recorded: one that holds only these
# may join a remote it shares no history with.
JOINING_FILES = frozenset({JOURNAL_FILE, ".gitignore"})
_NO_SHARED_HISTORY = UserError(
    "This journal and the remote's share no history: merging them would settle each file of "
    "one against the other's; nothing was changed.",
    hint="Sync a new folder with the remote (mentorlog --journal NEW sync --remote URL), then "
    "move this journal's records into it: mentorlog export --format json --include-private "
    "--output all.json, then mentorlog --journal NEW import all.json",
)


def _holds_records(root: Path) -> bool:
    """Whether a journal holds more than `init` wrote (its own folders of derived or local
    files aside)."""
    local = {*LOCAL_FOLDERS, TRASH_DIR, ".git"}
    for folder, subfolders, names in os.walk(root):
        if folder == str(root):
            subfolders[:] = [name for name in subfolders if name not in local]
            names = [name for name in names if name not in JOINING_FILES | {".lock"}]
        if names:
            return True
    return False


def merge_upstream(git: Git, upstream: str, stamp: str, report: SyncReport) -> None:
    """Merge the remote's commits into the journal, record by record: a record changed on one
    side only takes that side; one changed on both is settled by `merge.settle`, the version
    it leaves out written beside it as a conflict copy. The merged tree is built in a scratch
    index, then checked out over the journal: git's merge of text, and its markers, never run."""
    if git.run("merge-base", "--is-ancestor", upstream, "HEAD", check=False).returncode == 0:
        return  # the remote holds nothing this journal lacks
    head = git.run("rev-parse", "HEAD").stdout.strip()
    base = git.run("merge-base", "HEAD", upstream, check=False).stdout.strip() or None
    shared, mine, theirs = _tree(git, base), _tree(git, head), _tree(git, upstream)
    if base is None:  # two journals that never shared a commit
        if set(mine) - JOINING_FILES:
            raise _NO_SHARED_HISTORY
        shared = mine  # a journal just made with `init` joins: the remote's files stand
    merged = dict(mine)
    copies: Files = {}
    for was, ours, others in _by_record(shared, mine, theirs):
        if others in (was, ours):
            continue
        chosen = others
        if ours != was:
            settled = settle(_read(git, was), _read(git, ours), _read(git, others))
            chosen = {path: ("100644", git.store(text)) for path, text in settled.live.items()}
            copies |= {f"{path}{CONFLICT_SUFFIX}{stamp}": t for path, t in settled.left_out.items()}
            if settled.how == "revived":
                report.revived += sorted(chosen)
            elif settled.how == "merged":
                report.merged += sorted(chosen)
        for path in ours:
            del merged[path]
        merged |= chosen
    tree = _tree_object(git, merged)
    if base == head and tree == git.run("rev-parse", f"{upstream}^{{tree}}").stdout.strip():
        commit = upstream  # a fast-forward
    else:
        parents = ["-p", upstream] if base == head else ["-p", head, "-p", upstream]
        message = "mentorlog: merged with the remote"
        commit = git.run("commit-tree", tree, *parents, "-m", message).stdout.strip()
    for path, text in sorted(copies.items()):  # first: a copy that cannot be written stops all
        kept = _free_name(git.root, path)
        files.atomic_write(git.root / kept, text, root=git.root)
        report.conflicts.append(kept)
    git.run("update-index", "-q", "--refresh", check=False)
    git.run("read-tree", "-m", "-u", head, tree)
    git.run("update-ref", "HEAD", commit, head)


def _free_name(root: Path, path: str) -> str:
    """A conflict copy's name that no file has yet: two conflicts settled in one second must
    not keep only the second's copy."""
    kept, n = path, 1
    while os.path.lexists(root / kept):
        n += 1
        kept = f"{path}-{n}"
    return kept


def _tree(git: Git, commit: str | None) -> Tree:
    """A commit's files (none without a commit); conflict copies are never part of one."""
    if commit is None:
        return {}
    tree: Tree = {}
    for line in git.run("ls-tree", "-r", "-z", "--full-tree", commit).stdout.split("\0"):
        if line:
            meta, path = line.split("\t", 1)
            mode, _, blob_id = meta.split(" ")
            if not local_only(path):
                tree[path] = (mode, blob_id)
    return tree


def _by_record(*trees: Tree) -> list[list[Tree]]:
    """Each record's files in each tree, side by side (merge.record_key says which files are
    one record)."""
    grouped: dict[str, list[Tree]] = {}
    for n, tree in enumerate(trees):
        for path, entry in tree.items():
            grouped.setdefault(record_key(path), [{} for _ in trees])[n][path] = entry
    return [grouped[key] for key in sorted(grouped)]


def _read(git: Git, tree: Tree) -> Files:
    return {path: git.blob(blob_id) for path, (_, blob_id) in tree.items()}


def _tree_object(git: Git, tree: Tree) -> str:
    """The id of a git tree holding exactly these files, written through a scratch index."""
    scratch = git.root / ".git" / "mentorlog-merge.index"
    scratch.unlink(missing_ok=True)
    entries = "".join(f"{mode} {blob_id}\t{path}\0" for path, (mode, blob_id) in tree.items())
    try:
        git.run("update-index", "-z", "--index-info", input=entries, index=scratch)
        return git.run("write-tree", index=scratch).stdout.strip()
    finally:
        scratch.unlink(missing_ok=True)
