"""Generate docs/guide.md: a mentee's first month and a mentor's weekly review, with the real
output of each command. `tests/test_docs.py` fails when the page is stale.

Run: python docs/generate_guide.py > docs/guide.md

Ids are random in a journal; the page shows each under a stable stand-in so that it does not
change from one generation to the next."""

from __future__ import annotations

import json
import os
import random
import re
import shlex
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from typer.testing import CliRunner

from mentorlog.cli.app import app

WIDTH = "88"
ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"


@contextmanager
def environment(**values: str) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


class Session:
    """Runs commands as a person would type them, recording each with its output."""

    def __init__(self) -> None:
        self.runner = CliRunner()
        self.parts: list[str] = []

    def run(self, command: str, as_of: str, show: bool = True) -> str:
        args = shlex.split(command)
        result = self.runner.invoke(app, ["--as-of", as_of, *args])
        if result.exit_code != 0:
            raise SystemExit(f"guide: '{command}' failed ({result.exit_code}): {result.stderr}{result.exception}")
        if show:
            out = result.stdout.rstrip()
            block = f"$ mentorlog {command}\n{out}" if out else f"$ mentorlog {command}"
            if result.stderr.strip():
                block += "\n" + "\n".join(f"  {line}" for line in result.stderr.strip().splitlines())
            self.parts.append("```console\n" + block + "\n```\n")
        return result.stdout

    def data(self, command: str, as_of: str) -> object:
        return json.loads(self.run(f"{command} --format json", as_of, show=False))

    def say(self, text: str) -> None:
        self.parts.append(text.strip() + "\n")


def _journal_ids(root: Path) -> list[str]:
    ids: set[str] = set()
    for path in root.rglob("*.toml"):
        ids.add(path.stem.rsplit("-", 1)[-1])
        ids.update(re.findall(r'^id = "([a-z0-9]{5})"', path.read_text(), re.M))
    return sorted(i for i in ids if len(i) == 5)


def _stable(text: str, ids: list[str]) -> str:
    """Replace each random id with a stand-in chosen by its first appearance on the page."""
    order = sorted((m.start(), i) for i in ids if (m := re.search(rf"\b{i}\b", text)))
    rng = random.Random(2026)
    mapping = {original: "".join(rng.choice(ALPHABET) for _ in range(5)) for _, original in order}
    if not mapping:
        return text
    pattern = re.compile(r"\b(" + "|".join(mapping) + r")\b")
    return pattern.sub(lambda match: mapping[match.group()], text)


def mentee_month(session: Session, root: Path) -> None:
    s = session
    s.say("""
## A mentee's first month

Sam is starting a six-month mentoring relationship with Dana, a staff engineer in another
team. Everything below ran on 2 November 2026 and the weeks after (`--as-of` makes it
reproducible; you will not need it).
""")
    s.run("init --owner 'Sam Rivera'", "2026-11-02")
    s.run("rel add 'Dana Whitfield' --as mentee --cadence 'every 2 weeks' --started 2026-11-02 --contact dana@example.org", "2026-11-02")
    s.say("""
### Week 1: agree on expectations

The first meeting is about expectations. Sam drafts the agreement — a few items that matter
to both — and Dana accepts it. (`expect template dana` would add every section of a good
agreement as placeholders to fill in instead.)
""")
    s.run("expect add dana 'Become the go-to person for the billing service; give one internal talk.' --section goals --owner me", "2026-11-02")
    s.run("expect add dana 'Every other Tuesday, 45 minutes, on video. Sam sends the agenda the day before.' --section meetings", "2026-11-02")
    s.run("expect add dana 'What we discuss stays between us.' --section confidentiality", "2026-11-02")
    s.run("expect add dana 'Six months, reviewed in February. Either of us may end it without blame.' --section duration", "2026-11-02")
    s.run("expect agree dana --by both --review-by 2027-02-02", "2026-11-03")
    s.run("expect show dana --format markdown", "2026-11-03")
    s.say("""
Then the goals, and the first check-in. Notes can come from `--notes`, from a pipe with
`--notes -`, or from your editor with `--edit` (which shows the open agenda, actions and goals
below the notes, as guidance that is left out).
""")
    s.run("goal add dana 'Own the billing service on-call rotation' --horizon long --target 2027-04-30 --measure 'Leads two incidents end to end'", "2026-11-03")
    s.run("goal add dana 'Give an internal talk on the billing pipeline' --target 2027-01-31 --measure 'Talk given, slides shared'", "2026-11-03")
    s.run("checkin log dana --duration 45m --mode video --summary 'Kick-off: expectations and goals' --notes 'Agreed the agreement. Dana suggested shadowing the next two incidents.' --next 2026-11-17 --rating 5", "2026-11-03")
    s.run("action add dana 'Shadow the next billing incident' --owner me --due 2026-11-14", "2026-11-03")
    s.run("action add dana 'Send two example talks' --owner them --due 2026-11-10", "2026-11-03")
    s.run("agenda add dana 'How to say no to a second project'", "2026-11-05")
    s.say("### Week 3: the second check-in")
    actions = s.data("action list dana", "2026-11-17")
    talks = next(a["id"] for a in actions if a["text"].startswith("Send two"))  # type: ignore[index, union-attr]
    shadow = next(a["id"] for a in actions if a["text"].startswith("Shadow"))  # type: ignore[index, union-attr]
    s.run(f"action done {talks} --date 2026-11-09", "2026-11-17")
    s.run(f"action done {shadow} --date 2026-11-16", "2026-11-17")
    point = s.data("agenda list dana", "2026-11-17")[0]["id"]  # type: ignore[index]
    s.run(f"checkin log dana --duration 45m --mode video --summary 'Incident debrief; saying no' --discussed {point} --feedback-received 'Lead with the customer impact' --next 2026-12-01", "2026-11-17")
    goals = {g["title"]: g["id"] for g in s.data("goal list dana", "2026-11-17")}  # type: ignore[attr-defined]
    s.run(f"goal update {goals['Own the billing service on-call rotation']} --progress 20 --note 'Shadowed an incident'", "2026-11-17")
    s.run(f"goal update {goals['Give an internal talk on the billing pipeline']} --progress 15 --note 'Outline drafted'", "2026-11-17")
    s.say("""
### Correcting a mistake

The talk slot moved to February. Anything written can be corrected, and only what is given
changes (`goal edit`, `action edit`, `learn edit`, `net edit`; `reopen` takes a close back):
""")
    s.run(f"goal edit {goals['Give an internal talk on the billing pipeline']} --target 2027-02-26", "2026-11-17")
    s.run("learn add 'Write the customer impact first in an incident summary' --rel dana --kind lesson", "2026-11-17")
    s.say("### End of the month: where do we stand?")
    s.run("goal list", "2026-11-30")
    s.run("summary --period month", "2026-11-30")


def take_back_a_mistake(session: Session) -> None:
    s = session
    s.say("""
### Taking back a mistake

On 1 December Sam records progress on the wrong goal. `mentorlog undo` takes back the last
change any command made: the files it changed get their bytes back, and a file it added goes
to `.trash/`, so nothing typed is lost.
""")
    goals = {g["title"]: g["id"] for g in s.data("goal list dana", "2026-12-01")}  # type: ignore[attr-defined]
    s.run(f"goal update {goals['Own the billing service on-call rotation']} --progress 50", "2026-12-01")
    s.run("undo", "2026-12-01")
    s.say("""
Run again, `undo` goes further back; `undo --list` shows the changes it can take back, each
with its command and files. It refuses, and changes nothing, when a file was edited since
(by hand or by `sync`).
""")


def mentor_review(session: Session, demo: Path) -> None:
    s = session
    s.say("""
## A mentor's weekly review

Grace mentors three people and is mentored by one. Her Friday routine is two commands.
This is the demo journal (`mentorlog demo` builds it), on Thursday 26 November 2026.
""")
    s.run(f"--journal {demo} status", "2026-11-26")
    s.say("""
Katherine's check-in is due soonest and her agreement is still a draft; Alan has an overdue
action, a goal at risk and an agreement awaiting a sign-off. The review opens with those
alerts, then takes each relationship in the same order, every figure in words:
""")
    s.run(f"--journal {demo} summary --period week --format markdown", "2026-11-26")
    s.run(f"--journal {demo} rel show alan", "2026-11-26")
    s.say("""
On a Monday, `summary --period last-week` reviews the week just ended (`last-month` and
`last-quarter` likewise). In a script, the same review is JSON (`--format json`) and
`--fail-on` turns alerts into an exit code; see [scripting.md](scripting.md).
""")


def build_guide() -> str:
    with tempfile.TemporaryDirectory() as folder, environment(
        MENTORLOG_WIDTH=WIDTH, NO_COLOR="1", MENTORLOG_JOURNAL=str(Path(folder) / "journal")
    ):
        session = Session()
        session.say("""
# User guide

*Generated by `python docs/generate_guide.py > docs/guide.md` from real runs; a test keeps it
current.*
""")
        root = Path(folder) / "journal"
        mentee_month(session, root)
        take_back_a_mistake(session)
        demo = Path(folder) / "demo"
        session.run(f"demo --dir {demo}", "2026-11-26", show=False)
        mentor_review(session, demo)
        text = "\n".join(session.parts)
        text = text.replace(str(demo), "~/mentoring").replace(folder, "/tmp")
        return _stable(text, _journal_ids(root))


if __name__ == "__main__":
    sys.stdout.write(build_guide())
