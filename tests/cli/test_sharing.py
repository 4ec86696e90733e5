"""Two journals share one relationship through a bare repository (docs/sharing.md)."""

import json
import shutil
import subprocess
from pathlib import Path

from tests.conftest import ok, run, snapshot

SCORES = ["--expectations", "4", "--communication", "4", "--trust", "5"]
SCORES += ["--goals", "3", "--learning", "4", "--network", "2"]


def in_(journal: Path, *args: str) -> list[str]:
    return ["--journal", str(journal), *args]


def shared_pair(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Grace shares her relationship with Ada; Ada joins it in her own journal."""
    grace, ada, repo = tmp_path / "grace", tmp_path / "ada", tmp_path / "shared.git"
    ok(*in_(grace, "init", "--owner", "Grace Hopper"))
    ok(*in_(ada, "init", "--owner", "Ada Lovelace"))
    ok(*in_(grace, "rel", "add", "Ada Lovelace", "--as", "mentor", "--started", "2026-09-01"))
    shared = ok(*in_(grace, "rel", "share", "ada", "--remote", str(repo)))
    assert shared.stdout.strip() == f"mentorlog rel join {repo}"
    ok(*in_(ada, "rel", "join", str(repo)))
    return grace, ada, repo


def test_join_mirrors_the_roles(tmp_path: Path) -> None:
    _, ada, _ = shared_pair(tmp_path)
    [rel] = json.loads(ok(*in_(ada, "rel", "list", "--format", "json")).stdout)
    assert (rel["id"], rel["counterpart"], rel["my_role"]) == (
        "grace-hopper",
        "Grace Hopper",
        "mentee",
    )
    assert str(rel["started"]) == "2026-09-01"


def test_both_sign_in_their_own_journals_and_both_see_it_agreed(tmp_path: Path) -> None:
    grace, ada, _ = shared_pair(tmp_path)
    ok(*in_(grace, "expect", "add", "ada", "Meet every two weeks", "--section", "meetings"))
    ok(*in_(grace, "expect", "agree", "ada", "--by", "me"))
    refused = run(*in_(grace, "expect", "agree", "ada", "--by", "them"))
    assert refused.exit_code == 1
    assert "Ada Lovelace signs the agreement in their own journal" in refused.stderr
    ok(*in_(grace, "sync"))
    assert "Grace Hopper signed version 1" in ok(*in_(ada, "sync")).stderr
    assert run(*in_(ada, "expect", "agree", "grace", "--by", "both")).exit_code == 1
    ok(*in_(ada, "expect", "agree", "grace", "--by", "me"))
    ok(*in_(ada, "sync"))
    ok(*in_(grace, "sync"))
    for journal, rel in ((grace, "ada"), (ada, "grace")):
        shown = ok(*in_(journal, "expect", "show", rel)).stdout
        assert "agreed, version 1" in shown


def test_pulses_actions_and_check_ins_cross_private_text_never(tmp_path: Path) -> None:
    grace, ada, repo = shared_pair(tmp_path)
    ok(*in_(grace, "action", "add", "ada", "Read chapter 1", "--owner", "them", "--due", "+5d"))
    ok(*in_(grace, "sync"))
    ok(*in_(ada, "sync"))
    refused = run(*in_(ada, "health", "log", "grace", "--by", "them", *SCORES))
    assert refused.exit_code == 1
    assert "scores the relationship in their own journal" in refused.stderr
    ok(*in_(ada, "health", "log", "grace", *SCORES))
    [action] = (ada / "relationships" / "grace-hopper" / "actions").iterdir()
    ok(*in_(ada, "action", "done", action.stem))
    ok(
        *in_(
            grace,
            "checkin",
            "log",
            "ada",
            "--private",
            "--summary",
            "SECRET summary",
            "--notes",
            "SECRET notes",
            "--duration",
            "30m",
            "--date",
            "2026-11-20",
        )
    )
    ok(*in_(grace, "checkin", "log", "ada", "--summary", "Shared talk", "--date", "2026-11-25"))
    ok(*in_(ada, "sync"))
    came = ok(*in_(grace, "sync")).stderr
    assert "action done" in came and "new pulse" in came
    ok(*in_(ada, "sync"))

    summary = json.loads(ok(*in_(grace, "summary", "ada", "--format", "json")).stdout)
    [rel] = summary["relationships"]
    assert rel["health"]["latest"]["mentee"]["scores"]["trust"] == 5
    [done] = json.loads(ok(*in_(grace, "action", "list", "--all", "--format", "json")).stdout)
    assert done["status"] == "done"
    checkins = json.loads(ok(*in_(ada, "checkin", "list", "--format", "json")).stdout)
    assert sorted(str(c["date"]) for c in checkins) == ["2026-11-20", "2026-11-25"]
    for root in (ada, repo):
        found = subprocess.run(["grep", "-r", "SECRET", str(root)], capture_output=True)
        assert found.returncode == 1, found.stdout
    history = subprocess.run(
        ["git", "log", "-p", "--all"], cwd=repo, capture_output=True, text=True, check=True
    )
    assert "SECRET" not in history.stdout and "Shared talk" in history.stdout
    grace_private = ok(*in_(grace, "checkin", "list", "--format", "json")).stdout
    assert "SECRET summary" in grace_private  # her own journal keeps it whole


def test_a_repository_gone_changes_nothing(tmp_path: Path) -> None:
    grace, _, repo = shared_pair(tmp_path)
    ok(*in_(grace, "checkin", "log", "ada", "--summary", "Talk"))
    before = journal_files(grace)
    shutil.rmtree(repo)
    failed = run(*in_(grace, "sync"))
    assert failed.exit_code == 3
    assert "cannot be reached; nothing was changed" in failed.stderr
    assert journal_files(grace) == before


def journal_files(root: Path) -> dict[str, bytes]:
    """A journal's files, the clone's too, git's own bookkeeping (FETCH_HEAD) aside."""
    return {path: data for path, data in snapshot(root).items() if "/.git/" not in path}


def test_unshare_keeps_the_records(tmp_path: Path) -> None:
    grace, _, _ = shared_pair(tmp_path)
    ok(*in_(grace, "rel", "unshare", "ada"))
    assert not (grace / ".shared" / "ada-lovelace").exists()
    ok(*in_(grace, "health", "log", "ada", "--by", "them", *SCORES))
