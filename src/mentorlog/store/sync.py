"""Sync through git: commit, pull with rebase, push; same-record conflicts keep both sides.

git runs as a subprocess with an argument list, never through a shell."""

import os
import shutil
import subprocess
from collections import Counter
from datetime import datetime
from pathlib import Path

from msgspec import Struct, field

from mentorlog.core.text import plural
from mentorlog.errors import JournalError, UserError
from mentorlog.store import files
from mentorlog.store.doctor import CONFLICT_COPY as CONFLICT_SUFFIX

GITIGNORE = ".cache/\n.lock\n*.tmp\n.*.tmp\n"
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


class SyncReport(Struct, kw_only=True):
    """What a sync did: committed, pulled, pushed, and any conflict copies."""

    action: str  # cloned, initialised, synced
    committed: str | None = None
    pulled: bool = False
    pushed: bool = False
    conflicts: list[str] = field(default_factory=list)


def git_executable() -> str:
    found = shutil.which("git")
    if found is None:
        raise UserError(
            "git is not installed; sync needs it.",
            hint="Install git (for example: apt-get install git), then try again.",
        )
    return found


class Git:
    def __init__(self, root: Path, owner: str) -> None:
        self.root = root
        self.exe = git_executable()
        self.owner = owner or "mentorlog"

    def run(
        self, *args: str, check: bool = True, cwd: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_EDITOR": "true", "LC_ALL": "C"}
        identity = (
            []
            if self._configured()
            else ["-c", f"user.name={self.owner}", "-c", "user.email=mentorlog@localhost"]
        )
        completed = subprocess.run(
            [self.exe, *identity, *args],
            cwd=cwd or self.root,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if check and completed.returncode != 0:
            detail = (completed.stderr or completed.stdout).strip().splitlines()
            raise JournalError(
                f"git {args[0]} failed: {detail[-1] if detail else 'exit ' + str(completed.returncode)}"
            )
        return completed

    def _configured(self) -> bool:
        probe = subprocess.run(
            [self.exe, "config", "user.email"],
            cwd=self.root if self.root.is_dir() else None,
            capture_output=True,
            text=True,
            check=False,
        )
        return probe.returncode == 0 and bool(probe.stdout.strip())

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


def make_private(root: Path) -> None:
    """git creates files under the umask; a journal is 0700/0600 whatever it says."""
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".git"]
        for name in dirs:
            os.chmod(Path(folder) / name, files.DIR_MODE)
        for name in names:
            path = Path(folder) / name
            if not path.is_symlink():
                os.chmod(path, files.FILE_MODE)
    os.chmod(root, files.DIR_MODE)


def needs_clone(root: Path) -> bool:
    """Whether `root` is missing or an empty folder: a sync there clones the journal, as
    there is nothing yet to commit or push."""
    return not root.exists() or (root.is_dir() and not any(root.iterdir()))


def clone(root: Path, remote: str, owner: str) -> SyncReport:
    git = Git(root.parent, owner)
    files.ensure_dir(root.parent)
    git.run("clone", "--quiet", remote, str(root), cwd=root.parent)
    make_private(root)
    return SyncReport(action="cloned", pulled=True)


def _rebasing(git: Git) -> bool:
    return (git.root / ".git" / "rebase-merge").exists() or (
        git.root / ".git" / "rebase-apply"
    ).exists()


def _resolve_conflicts(git: Git, stamp: str) -> list[str]:
    """During a rebase: keep the already-shared version in place and ours beside it, for every
    conflicted file, so that no TOML file ever holds conflict markers."""
    kept: list[str] = []
    while _rebasing(git):
        for name in git.run("diff", "--name-only", "--diff-filter=U").stdout.split():
            path = git.root / name
            # In a rebase, stage 2 is the upstream (shared) version, stage 3 our local one.
            upstream = git.run("show", f":2:{name}", check=False)
            local = git.run("show", f":3:{name}", check=False)
            if local.returncode == 0:
                copy = path.with_name(f"{path.name}{CONFLICT_SUFFIX}{stamp}")
                files.atomic_write(copy, local.stdout)
                git.run("add", "--", str(copy.relative_to(git.root)))
                kept.append(str(copy.relative_to(git.root)))
            if upstream.returncode == 0:
                files.atomic_write(path, upstream.stdout)
                git.run("add", "--", name)
            else:
                git.run("rm", "--quiet", "--cached", "--", name, check=False)
        if (
            git.run("rebase", "--continue", check=False).returncode != 0
            and not git.run("diff", "--name-only", "--diff-filter=U").stdout.split()
        ):
            git.run("rebase", "--abort", check=False)
            raise JournalError(
                "git could not finish the rebase; the journal was left as it was before the pull."
            )
    return kept


def sync(root: Path, remote: str | None, owner: str, now: datetime) -> SyncReport:
    """Commit local changes, pull with rebase and push; make the journal a repository first
    if it is not one (the caller holds the journal lock)."""
    git = Git(root, owner)
    report = SyncReport(action="synced")
    if not git.is_repo():
        if remote is None:
            raise UserError(
                "This journal is not synced yet.", hint="Start with: mentorlog sync --remote URL"
            )
        git.run("init", "--quiet")
        report.action = "initialised"
    gitignore = root / ".gitignore"
    if not gitignore.exists():
        files.atomic_write(gitignore, GITIGNORE)
    remotes = git.run("remote").stdout.split()
    if remote is not None:
        git.run("remote", "set-url" if "origin" in remotes else "add", "origin", remote)
    elif "origin" not in remotes:
        raise UserError(
            "This journal has no remote.", hint="Set one with: mentorlog sync --remote URL"
        )
    changed = git.changes()
    if changed:
        git.run("add", "--all")
        report.committed = describe_changes(changed)
        git.run("commit", "--quiet", "-m", report.committed)
    if git.run("rev-parse", "--verify", "--quiet", "HEAD", check=False).returncode != 0:
        git.run("commit", "--quiet", "--allow-empty", "-m", "mentorlog: start")
    branch = git.run("rev-parse", "--abbrev-ref", "HEAD").stdout.strip()
    has_upstream = (
        git.run("ls-remote", "--exit-code", "--heads", "origin", branch, check=False).returncode
        == 0
    )
    if has_upstream:
        pulled = git.run("pull", "--rebase", "--quiet", "origin", branch, check=False)
        if pulled.returncode != 0:
            report.conflicts = _resolve_conflicts(git, now.strftime("%Y%m%dT%H%M%S"))
            if not report.conflicts:
                detail = (pulled.stderr or pulled.stdout).strip().splitlines()
                raise JournalError(
                    f"git pull failed: {detail[-1] if detail else pulled.returncode}"
                )
        report.pulled = True
    git.run("push", "--quiet", "--set-upstream", "origin", branch)
    report.pushed = True
    make_private(root)
    return report
