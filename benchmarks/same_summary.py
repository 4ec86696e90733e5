"""Check on a generated journal that the index under `.cache/` changes nothing shown: what the
main read commands print is the same with a warm index, with none, and with one overwritten by
garbage; and a hand edit of one record shows on the next run (and is gone once undone).

Usage: python benchmarks/same_summary.py [DIR]   (default /tmp/mentorlog-bench-large)

Prints True/False per comparison; exits 1 if any is False. It knows nothing of the index's
format: it deletes or garbles every file under `.cache/`, whatever they are."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

AS_OF = "2026-11-26"
COMMANDS = {
    "summary": ["summary", "--format", "json"],
    "status": ["status", "--format", "json"],
    "action list --all": ["action", "list", "--all", "--format", "json"],
    "search design": ["search", "design", "--format", "json"],
}


def show(journal: Path, command: list[str]) -> str:
    """What the command prints, or its failure, so that a crash counts as a difference."""
    argv = ["mentorlog", "--journal", str(journal), "--as-of", AS_OF, *command]
    done = subprocess.run(argv, capture_output=True, text=True)
    if done.returncode:
        return f"exit {done.returncode}\n{done.stdout}{done.stderr}"
    return done.stdout


def show_all(journal: Path) -> dict[str, str]:
    return {name: show(journal, command) for name, command in COMMANDS.items()}


def garble(cache: Path, rng: random.Random) -> int:
    """Overwrite every file under `cache` with random bytes of the same size (at least a page,
    so that an empty file is garbled too); the number of files."""
    paths = [path for path in cache.rglob("*") if path.is_file()]
    for path in paths:
        path.write_bytes(rng.randbytes(max(path.stat().st_size, 4096)))
    return len(paths)


def open_action(journal: Path, shown: str) -> Path:
    """An action the summary `shown` lists as overdue, so that an edit of its text must show."""
    document = json.loads(shown)
    for rel in document["relationships"]:
        for action in rel["actions"]["overdue"]:
            return journal / "relationships" / rel["id"] / "actions" / f"{action['id']}.toml"
    raise SystemExit("no overdue action in this journal to edit")


def main() -> None:
    journal = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/mentorlog-bench-large")
    cache = journal / ".cache"
    results: dict[str, bool] = {}
    show_all(journal)  # builds the index if there is none yet
    warm = show_all(journal)
    for name in COMMANDS:
        if warm[name].startswith("exit "):
            raise SystemExit(f"{name} fails with a warm index:\n{warm[name]}")
    # Each command alone after the deletion, so none profits from an index another rebuilt.
    for name, command in COMMANDS.items():
        shutil.rmtree(cache, ignore_errors=True)
        results[f"{name}: warm index and none give the same output"] = (
            show(journal, command) == warm[name]
        )
    show_all(journal)
    rng = random.Random(1)
    for name, command in COMMANDS.items():
        if not garble(cache, rng):
            raise SystemExit(f"nothing under {cache} to garble")
        results[f"{name}: warm index and garbled one give the same output"] = (
            show(journal, command) == warm[name]
        )
    # The hand edit must show through a warm, sound index; this also leaves one behind.
    shutil.rmtree(cache)
    show_all(journal)
    path = open_action(journal, warm["summary"])
    original = path.read_bytes()
    text = original.decode()
    start = text.index('text = "') + len('text = "')
    edited = text[:start] + "EDITED" + text[start + len("EDITED") :]
    try:
        path.write_text(edited)  # in place: same file, same size, same folder time
        after = show(journal, COMMANDS["summary"])
        results["summary: a hand edit in place is seen on the next run"] = "EDITED" in after
    finally:
        path.write_bytes(original)
    results["summary: and undone, it is as before"] = (
        show(journal, COMMANDS["summary"]) == warm["summary"]
    )
    width = max(len(name) for name in results)
    for name, same in results.items():
        print(f"{name:<{width}}  {same}")
    if not all(results.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
