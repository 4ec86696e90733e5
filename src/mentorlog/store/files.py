"""Safe file primitives: private folders, atomic writes, refusing links, and the journal lock."""

import contextlib
import errno
import fcntl
import math
import os
import re
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from mentorlog.errors import JournalError, UserError

DIR_MODE = 0o700
FILE_MODE = 0o600
TEMP_SUFFIX = ".tmp"
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$|\s*\(at end of document\)$")


def safe_path(root: Path, path: Path) -> Path:
    """`path`, once it is known to lie below `root` with no symbolic link on the way (itself
    included): the one rule for every path mentorlog writes, moves, deletes or chmods, since
    git syncs links and a planted one would carry a write outside the journal. The root itself
    may be a link (the journal resolves it once)."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        parts = ("..",)
    if ".." in parts:
        raise JournalError(f"{path} is outside the journal {root}; mentorlog will not touch it.")
    below = root
    for part in parts:
        below = below / part
        try:
            info = os.lstat(below)
        except FileNotFoundError:
            break  # what does not exist yet holds no link
        if stat.S_ISLNK(info.st_mode):
            raise JournalError(
                f"{below.relative_to(root)} is a symbolic link; mentorlog never writes, moves "
                "or reads through a link inside the journal. Nothing was changed.",
                hint="Remove the link (mentorlog doctor lists every one), then try again.",
            )
    return path


def ensure_dir(path: Path, root: Path | None = None) -> None:
    """Create a folder (and its parents) private to the user, whatever the umask; below
    `root`, only where no link is on the way (`safe_path`)."""
    if root is not None:
        safe_path(root, path)
    elif path.is_symlink():
        raise JournalError(f"{path} is a symbolic link; mentorlog does not follow links.")
    if path.is_dir():
        return
    if not path.parent.exists():
        ensure_dir(path.parent)
    try:
        path.mkdir(mode=DIR_MODE)
    except FileExistsError:
        pass
    os.chmod(path, DIR_MODE)


def listing(folder: str | os.PathLike[str], folders_only: bool = False) -> list[str]:
    """The names a folder holds (only its real subfolders, with `folders_only`), if it is a
    real folder: a link, or nothing, holds nothing, as mentorlog never reads through a link
    (doctor reports it)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError as error:
        if error.errno in (errno.ENOENT, errno.ENOTDIR, errno.ELOOP):
            return []
        raise
    try:
        with os.scandir(fd) as entries:
            return [e.name for e in entries if not folders_only or e.is_dir(follow_symlinks=False)]
    finally:
        os.close(fd)


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """Read a regular file without following a link or blocking on a FIFO. With plain
    `os.read`: a buffered file object would also ask whether the file is a terminal and
    where it stands, on each of the hundreds of files a review reads."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise JournalError(
                f"{path} is a symbolic link; mentorlog does not follow links."
            ) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise JournalError(f"{path} is not a regular file; mentorlog will not read it.")
        chunks = [os.read(fd, info.st_size + 1)]
        while chunks[-1]:  # a file that grew since the stat
            chunks.append(os.read(fd, 1 << 16))
        return b"".join(chunks)
    finally:
        os.close(fd)


class ParseError(JournalError):
    """A file that is not TOML (or not text): its message names the file, line and column;
    `line`, `column` and `reason` keep them apart for a list of problems."""

    def __init__(
        self,
        shown_as: str,
        reason: str,
        hint: str,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        where = (f", line {line}" if line else "") + (f", column {column}" if column else "")
        super().__init__(f"{shown_as}{where}: {reason}", hint=hint)
        self.line = line
        self.column = column
        self.reason = reason


def parse_toml(path: str | Path, content: bytes, shown_as: str) -> dict[str, Any]:
    """Parse TOML, turning every way tomllib can fail into an error that names file and line."""
    import tomllib  # not needed when every record comes from the index

    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise ParseError(
            shown_as,
            "not valid UTF-8 text.",
            hint="Save the file as UTF-8, then run: mentorlog doctor",
            line=line,
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _TOML_POSITION.search(message)
        found = match is not None and match.group(1) is not None
        raise ParseError(
            shown_as,
            _TOML_POSITION.sub("", message) + ".",
            hint="Fix the file by hand (or restore it from .trash/ or git), then run: mentorlog doctor",
            line=int(match.group(1)) if match and found else None,
            column=int(match.group(2)) if match and found else None,
        ) from None
    except (RecursionError, ValueError) as error:
        raise ParseError(
            shown_as,
            f"the file cannot be read ({type(error).__name__}: {error!s:.80}).",
            hint="Run: mentorlog doctor",
        ) from None


def atomic_write(
    path: Path, content: str | bytes, durable: bool = True, root: Path | None = None
) -> None:
    """Write a whole file or nothing: temp file beside it, fsync, rename, fsync the folder.

    `root`: the journal the file belongs to, where no link may be on the way (`safe_path`).
    `durable=False` skips the fsyncs, for derived files that are rebuilt if a crash loses them."""
    if root is not None:
        safe_path(root, path)
    elif path.is_symlink():
        raise JournalError(f"{path} is a symbolic link; mentorlog does not follow links.")
    folder = path.parent
    ensure_dir(folder, root)
    import tempfile  # only writes need it (and the `random` it loads)

    temp_name = None
    try:
        fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
        with os.fdopen(fd, "wb") as handle:
            # A lone surrogate cannot be stored as UTF-8; it is replaced rather than lose the file.
            handle.write(
                content.encode("utf-8", "replace") if isinstance(content, str) else content
            )
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(temp_name, FILE_MODE)
        os.replace(temp_name, path)
    except BaseException as error:
        if temp_name is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp_name)
        if not isinstance(error, OSError):
            raise
        # A full disk (or a folder not writable) leaves the old file: say which one.
        shown = path if root is None else path.relative_to(root)
        raise JournalError(
            f"Could not write {shown}: {error.strerror or error}. Nothing was changed.",
            hint="Free some disk space, then try again."
            if error.errno in (errno.ENOSPC, errno.EDQUOT)
            else None,
        ) from None
    if durable:
        fsync_dir(folder)


def edit_temp_file(text: str, edit: Callable[[Path], None], suffix: str = ".md") -> str:
    """Write `text` to a new temporary file only the user can read, let `edit` change it (in
    the person's editor) and return what it then holds. The file is removed either way, so
    private notes do not linger outside the journal."""
    import tempfile

    fd, name = tempfile.mkstemp(prefix="mentorlog-", suffix=suffix)
    path = Path(name)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        edit(path)
        try:
            return path.read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            raise UserError(
                f"The editor left no text to read ({error.strerror}); nothing was saved."
            ) from None
    finally:
        path.unlink(missing_ok=True)


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def lock_timeout() -> float:
    """Seconds to wait for the lock: MENTORLOG_LOCK_TIMEOUT, else 10 (also for a value that is
    no finite number, such as nan, which would otherwise wait forever)."""
    try:
        seconds = float(os.environ.get("MENTORLOG_LOCK_TIMEOUT", "10"))
    except ValueError:
        return 10.0
    return max(0.0, seconds) if math.isfinite(seconds) else 10.0


@contextlib.contextmanager
def journal_lock(root: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the journal's one lock; wait a bounded time, then say which process holds it."""
    ensure_dir(root)
    lock_path = root / ".lock"
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, FILE_MODE)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise JournalError(
                f"{lock_path} is a symbolic link; mentorlog will not use it as its lock.",
                hint="Remove the link, then try again.",
            ) from None
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise JournalError(f"{lock_path} is not a regular file; mentorlog will not lock it.")
        deadline = time.monotonic() + (lock_timeout() if timeout is None else timeout)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "unknown"
                    raise JournalError(
                        f"The journal is locked by another mentorlog process (pid {holder}).",
                        hint="Wait for it to finish, or set MENTORLOG_LOCK_TIMEOUT to wait longer.",
                    ) from None
                time.sleep(0.02)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def read_given_file(path: Path, limit: int, what: str) -> bytes:
    """The bytes of a file a person named (an export to import, a document to edit again), up
    to `limit`: a FIFO or a device (`/dev/zero`) is refused rather than waited on or read
    without end. A link to a file is fine: the file is the person's own."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UserError(f"{path} is not a regular file; nothing was read.")
        if info.st_size > limit:
            raise UserError(f"{path} is {info.st_size:,} bytes; {what} is at most {limit:,}.")
        return handle.read(limit + 1)
