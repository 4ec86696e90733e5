"""Two journals share one relationship through a bare repository (docs/sharing.md)."""

import json
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

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
    assert run(*in_(ada, "expect", "agree", "grace", "--by", "them")).exit_code == 1
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
    assert whose_view_aside(grace, "ada") == whose_view_aside(ada, "grace")


def whose_view_aside(journal: Path, rel: str) -> object:
    """A relationship's summary JSON with what says whose view it is taken out: the journal's
    owner, the relationship's slug, the other person's name, my role."""
    summary = json.loads(ok(*in_(journal, "summary", rel, "--format", "json")).stdout)
    [view] = summary["relationships"]
    assert view["actions"] and view["health"] and view["checkins"]  # figures to compare
    names = {summary["owner"], view["id"], view["counterpart"]}

    def aside(value: object) -> object:
        if isinstance(value, dict):
            return {k: aside(v) for k, v in value.items() if k not in ("my_role", "their_role")}
        if isinstance(value, list):
            return [aside(item) for item in value]
        if isinstance(value, str):
            for name in sorted(names, key=len, reverse=True):
                value = value.replace(name, "<view>")
        return value

    return aside(summary)


def test_a_repository_gone_changes_nothing(tmp_path: Path) -> None:
    grace, _, repo = shared_pair(tmp_path)
    ok(*in_(grace, "checkin", "log", "ada", "--summary", "Talk"))
    before = journal_files(grace)
    shutil.rmtree(repo)
    failed = run(*in_(grace, "sync"))
    assert failed.exit_code == 3
    assert f"Cannot reach {repo}" in failed.stderr and "nothing was changed" in failed.stderr
    assert journal_files(grace) == before


def journal_files(root: Path) -> dict[str, bytes]:
    """A journal's files, the clone's too, git's own bookkeeping (FETCH_HEAD) aside."""
    return {path: data for path, data in snapshot(root).items() if "/.git/" not in path}


def test_unshare_keeps_the_records(tmp_path: Path) -> None:
    grace, _, _ = shared_pair(tmp_path)
    ok(*in_(grace, "rel", "unshare", "ada"))
    assert not (grace / ".shared" / "ada-lovelace").exists()
    ok(*in_(grace, "health", "log", "ada", "--by", "them", *SCORES))


def shared_files(journal: Path, rel: str) -> dict[str, object]:
    """A shared relationship's records as a journal holds them, parsed, what crosses only."""
    from mentorlog.store.sharing import crossing

    folder = journal / "relationships" / rel
    return {
        f"{kind}/{path.name}": crossing(kind, tomllib.loads(path.read_text()))
        for kind in ("actions", "goals", "checkins", "health")
        for path in sorted((folder / kind).glob("*.toml"))
    }


def one_action_on_both_sides(tmp_path: Path) -> tuple[Path, Path, Path, Path]:
    """Grace's action for Ada, synced to both: the journals, the repository, the action's file."""
    grace, ada, repo = shared_pair(tmp_path)
    ok(*in_(grace, "action", "add", "ada", "Read chapter 1", "--owner", "them", "--due", "+5d"))
    ok(*in_(grace, "sync"))
    ok(*in_(ada, "sync"))
    [action] = (grace / "relationships" / "ada-lovelace" / "actions").glob("*.toml")
    return grace, ada, repo, action


def test_one_action_edited_on_both_sides(tmp_path: Path) -> None:
    grace, ada, repo, action = one_action_on_both_sides(tmp_path)
    ok(*in_(grace, "action", "edit", action.stem, "--text", "Read chapter 1 closely"))
    ok(*in_(ada, "action", "edit", action.stem, "--due", "2026-12-20"))
    ok(*in_(grace, "sync"))
    assert "changed on both sides, in different fields" in ok(*in_(ada, "sync")).stderr
    ok(*in_(grace, "sync"))
    [merged] = json.loads(ok(*in_(grace, "action", "list", "--format", "json")).stdout)
    assert (merged["text"], str(merged["due"])) == ("Read chapter 1 closely", "2026-12-20")
    assert shared_files(grace, "ada-lovelace") == shared_files(ada, "grace-hopper")

    ok(*in_(grace, "action", "edit", action.stem, "--due", "2026-12-22"))
    ok(*in_(ada, "action", "edit", action.stem, "--due", "2026-12-24"))
    ok(*in_(grace, "sync"))
    assert "Conflict:" in ok(*in_(ada, "sync")).stderr
    ok(*in_(grace, "sync"))
    assert shared_files(grace, "ada-lovelace") == shared_files(ada, "grace-hopper")
    [kept] = json.loads(ok(*in_(ada, "action", "list", "--format", "json")).stdout)
    left_out = {"2026-12-22", "2026-12-24"} - {str(kept["due"])}
    for journal, rel in ((grace, "ada-lovelace"), (ada, "grace-hopper")):
        [copy] = (journal / "relationships" / rel / "actions").glob("*.conflict-shared-*")
        assert f"due = {next(iter(left_out))}" in copy.read_text()
        shown = ok(*in_(journal, "rel", "show", rel)).stdout
        assert f"due {kept['due']} kept, {next(iter(left_out))} left out" in " ".join(shown.split())
        doctor = run(*in_(journal, "doctor"))
        assert doctor.exit_code != 0 and copy.name in doctor.stdout + doctor.stderr
    for root in (grace, ada, repo):
        markers = subprocess.run(
            ["grep", "-rlE", "^(<<<<<<<|>>>>>>>)", str(root)], capture_output=True
        )
        assert markers.stdout == b""

    [ada_copy] = (ada / "relationships" / "grace-hopper" / "actions").glob("*.conflict-shared-*")
    ada_copy.unlink()  # Ada resolves it: the record keeps the value kept
    ok(*in_(ada, "sync"))
    ok(*in_(grace, "sync"))
    assert list((grace / "relationships" / "ada-lovelace").rglob("*.conflict-*")) == []
    assert ok(*in_(grace, "doctor")).exit_code == 0


def test_each_side_writes_only_its_own_sign_off_and_account(tmp_path: Path) -> None:
    grace, ada, repo = shared_pair(tmp_path)
    ok(*in_(grace, "expect", "add", "ada", "Meet every two weeks", "--section", "meetings"))
    ok(*in_(grace, "checkin", "log", "ada", "--summary", "Shared talk", "--notes", "grace-own"))
    ok(*in_(grace, "sync"))
    ok(*in_(ada, "sync"))
    [checkin] = (ada / "relationships" / "grace-hopper" / "checkins").glob("*.toml")
    assert "Shared talk" in checkin.read_text() and "grace-own" not in checkin.read_text()
    ok(*in_(ada, "checkin", "edit", checkin.stem.rsplit("-", 1)[1], "--notes", "ada-own"))
    # Ada forges Grace's sign-off straight into the repository.
    forged = 'schema = 1\n[[signoff]]\nparty = "mentor"\nversion = 1\ndate = 2026-11-20\n'
    push_by_hand(repo, tmp_path / "hand", {"signoffs/mentor.toml": forged})
    ok(*in_(ada, "sync"))
    ok(*in_(grace, "sync"))
    ok(*in_(ada, "sync"))
    for journal, rel in ((grace, "ada"), (ada, "grace")):
        assert "Status: draft" in ok(*in_(journal, "expect", "show", rel)).stdout
    assert not (grace / ".shared" / "ada-lovelace" / "signoffs" / "mentor.toml").exists()
    grace_checkin = ok(*in_(grace, "checkin", "list", "--format", "json")).stdout
    assert "grace-own" in grace_checkin and "ada-own" not in grace_checkin
    assert "ada-own" in ok(*in_(ada, "checkin", "list", "--format", "json")).stdout
    history = subprocess.run(
        ["git", "log", "-p", "--all"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout
    assert "grace-own" not in history and "ada-own" not in history


def push_by_hand(repo: Path, where: Path, files: dict[str, str]) -> None:
    """The other side writes files straight into the shared repository, with plain git."""
    subprocess.run(["git", "clone", "-q", str(repo), str(where)], check=True)
    for name, text in files.items():
        (where / name).parent.mkdir(parents=True, exist_ok=True)
        (where / name).write_text(text)
    if files:
        by_hand(where)


BAD_ACTION = 'text = "Read"\nowner = "nobody"\ncreated = 2026-11-20\n'


def test_a_join_that_fails_leaves_nothing(tmp_path: Path) -> None:
    grace, ada, repo = tmp_path / "grace", tmp_path / "ada", tmp_path / "shared.git"
    ok(*in_(grace, "init", "--owner", "Grace Hopper"))
    ok(*in_(ada, "init", "--owner", "Ada Lovelace"))
    ok(*in_(grace, "rel", "add", "Ada Lovelace", "--as", "mentor"))
    ok(*in_(grace, "rel", "share", "ada", "--remote", str(repo)))
    push_by_hand(repo, tmp_path / "hand", {"actions/bad12.toml": BAD_ACTION})
    failed = run(*in_(ada, "rel", "join", str(repo)))
    assert failed.exit_code == 3 and "actions/bad12.toml" in failed.stderr
    assert "was not taken in" in failed.stderr
    assert list((ada / "relationships").iterdir()) == []
    assert list((ada / ".shared").iterdir()) == []


def test_a_bad_record_from_the_other_side_changes_nothing_until_mended(tmp_path: Path) -> None:
    grace, ada, repo = shared_pair(tmp_path)
    ok(*in_(grace, "action", "add", "ada", "Read chapter 1", "--owner", "them"))
    ok(*in_(grace, "sync"))
    push_by_hand(repo, tmp_path / "hand", {"actions/bad12.toml": BAD_ACTION})
    before = journal_files(ada)
    failed = run(*in_(ada, "sync"))
    assert failed.exit_code == 3 and "actions/bad12.toml" in failed.stderr
    assert {p: b for p, b in journal_files(ada).items() if ".shared" not in p} == {
        p: b for p, b in before.items() if ".shared" not in p
    }
    subprocess.run(
        ["git", "-C", str(tmp_path / "hand"), "rm", "-q", "actions/bad12.toml"], check=True
    )
    git = ["git", "-C", str(tmp_path / "hand"), "-c", "user.name=x", "-c", "user.email=x@x"]
    subprocess.run([*git, "commit", "-qm", "mended"], check=True)
    subprocess.run([*git, "push", "-q", "origin", "HEAD:main"], check=True)
    assert "new action" in ok(*in_(ada, "sync")).stderr
    assert len(list((ada / "relationships" / "grace-hopper" / "actions").glob("*.toml"))) == 1


def test_two_encrypted_journals_share_no_notes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    grace, ada, repo = tmp_path / "grace", tmp_path / "ada", tmp_path / "shared.git"

    def as_(journal: Path) -> Path:
        monkeypatch.setenv("MENTORLOG_IDENTITY", str(tmp_path / f"{journal.name}.key"))
        return journal

    ok(*in_(as_(grace), "init", "--owner", "Grace Hopper", "--encrypt"))
    ok(*in_(as_(ada), "init", "--owner", "Ada Lovelace", "--encrypt"))
    ok(*in_(as_(grace), "rel", "add", "Ada Lovelace", "--as", "mentor"))
    ok(*in_(grace, "checkin", "log", "ada", "--summary", "Talk", "--notes", "kiwi-notes"))
    ok(*in_(grace, "rel", "share", "ada", "--remote", str(repo)))
    ok(*in_(as_(ada), "rel", "join", str(repo)))
    ok(
        *in_(
            ada, "checkin", "log", "grace", "--summary", "Second", "--feedback-given", "mango-said"
        )
    )
    ok(*in_(ada, "sync"))
    ok(*in_(as_(grace), "sync"))
    listed = ok(*in_(grace, "checkin", "list", "--format", "json")).stdout
    assert "Second" in listed and "mango-said" not in listed
    assert "kiwi-notes" in ok(*in_(grace, "export", "--format", "json")).stdout
    history = subprocess.run(
        ["git", "log", "-p", "--all"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout
    assert "Talk" in history and "kiwi" not in history and "mango" not in history


def test_a_shared_relationship_keeps_its_roles(tmp_path: Path) -> None:
    grace, _, _ = shared_pair(tmp_path)
    before = journal_files(grace)
    refused = run(*in_(grace, "rel", "edit", "ada", "--as", "mentee"))
    assert refused.exit_code == 1 and "rel unshare ada-lovelace" in refused.stderr
    assert journal_files(grace) == before


def test_a_sync_stopped_midway_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mentorlog.store import sharing

    grace, ada, _ = shared_pair(tmp_path)
    for text in ("Read chapter 1", "Read chapter 2", "Read chapter 3"):
        ok(*in_(grace, "action", "add", "ada", text, "--owner", "them"))
    ok(*in_(grace, "sync"))
    write = sharing._write
    calls = []

    def stopped(folder: Path, name: str, data: dict[str, object], root: Path | None = None):
        if root == ada and len(calls) == 1:
            raise KeyboardInterrupt  # as a kill would, after one record of three
        calls.append(name)
        write(folder, name, data, root)

    monkeypatch.setattr(sharing, "_write", stopped)
    assert run(*in_(ada, "sync")).exit_code != 0
    monkeypatch.setattr(sharing, "_write", write)
    assert len(list((ada / "relationships" / "grace-hopper" / "actions").glob("*"))) == 1
    ok(*in_(ada, "sync"))  # takes the rest in first, then publishes: deletes nothing
    ok(*in_(grace, "sync"))
    for journal, rel in ((grace, "ada-lovelace"), (ada, "grace-hopper")):
        assert len(list((journal / "relationships" / rel / "actions").glob("*.toml"))) == 3


def by_hand(where: Path, message: str = "by hand") -> None:
    """Commit and push what the other side changed in its plain clone."""
    git = ["git", "-C", str(where), "-c", "user.name=x", "-c", "user.email=x@x"]
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", message], check=True)
    subprocess.run([*git, "push", "-q", "origin", "HEAD:main"], check=True)


def outside_clone(journal: Path) -> dict[str, bytes]:
    return {p: b for p, b in journal_files(journal).items() if not p.startswith(".shared")}


def test_a_link_in_the_repository_is_never_followed(tmp_path: Path) -> None:
    grace, _, repo = shared_pair(tmp_path)
    ok(*in_(grace, "rel", "add", "Bob", "--as", "mentor"))
    ok(*in_(grace, "agenda", "add", "bob", "bob-secret point"))
    ok(*in_(grace, "sync"))
    hand = tmp_path / "hand"
    push_by_hand(repo, hand, {})
    (hand / "agenda.toml").unlink(missing_ok=True)
    (hand / "agenda.toml").symlink_to("../../relationships/bob/agenda.toml")
    by_hand(hand)
    before = outside_clone(grace)
    failed = run(*in_(grace, "sync"))
    assert failed.exit_code == 3 and "agenda.toml is a symbolic link" in failed.stderr
    assert outside_clone(grace) == before
    (hand / "agenda.toml").unlink()
    by_hand(hand, "mended")
    ok(*in_(grace, "sync"))
    history = subprocess.run(
        ["git", "log", "-p", "--all"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout
    assert "bob-secret" not in history


def both_signed(grace: Path, ada: Path) -> None:
    """Grace drafts one expectation; both sign version 1, each in their own journal."""
    ok(*in_(grace, "expect", "add", "ada", "Meet fortnightly", "--section", "meetings"))
    ok(*in_(grace, "expect", "agree", "ada", "--by", "me"))
    ok(*in_(grace, "sync"))
    ok(*in_(ada, "sync"))
    ok(*in_(ada, "expect", "agree", "grace", "--by", "me"))
    ok(*in_(ada, "sync"))
    ok(*in_(grace, "sync"))


def test_the_text_of_a_signed_version_never_changes_under_the_signatures(
    tmp_path: Path,
) -> None:
    grace, ada, repo = shared_pair(tmp_path)
    both_signed(grace, ada)
    hand = tmp_path / "hand"
    push_by_hand(repo, hand, {})
    text = (hand / "agreement.toml").read_text()
    (hand / "agreement.toml").write_text(text.replace("Meet fortnightly", "Grace pays Ada"))
    by_hand(hand)
    failed = run(*in_(grace, "sync"))
    assert failed.exit_code == 3 and "agreement.toml" in failed.stderr
    assert "was not taken in" in failed.stderr
    shown = ok(*in_(grace, "expect", "show", "ada")).stdout
    assert "Meet fortnightly" in shown and "Grace pays" not in shown


def test_both_changing_a_signed_agreement_at_once_makes_a_new_version(tmp_path: Path) -> None:
    grace, ada, _ = shared_pair(tmp_path)
    both_signed(grace, ada)
    ok(*in_(grace, "expect", "add", "ada", "Grace's new point", "--section", "meetings"))
    ok(*in_(grace, "expect", "agree", "ada", "--by", "me"))
    ok(*in_(ada, "expect", "add", "grace", "Ada's new point", "--section", "meetings"))
    ok(*in_(ada, "expect", "agree", "grace", "--by", "me"))
    ok(*in_(grace, "sync"))
    ok(*in_(ada, "sync"))
    ok(*in_(grace, "sync"))
    for journal, rel in ((grace, "ada"), (ada, "grace")):
        shown = ok(*in_(journal, "expect", "show", rel)).stdout
        assert "version 3" in shown and "agreed" not in shown.split("\n")[1]


def test_the_other_side_cannot_unmake_a_private_check_in_or_wipe_the_agreement(
    tmp_path: Path,
) -> None:
    grace, _, repo = shared_pair(tmp_path)
    ok(*in_(grace, "expect", "add", "ada", "Meet fortnightly", "--section", "meetings"))
    ok(*in_(grace, "checkin", "log", "ada", "--private", "--summary", "kiwi talk"))
    ok(*in_(grace, "sync"))
    hand = tmp_path / "hand"
    push_by_hand(repo, hand, {})
    [checkin] = (hand / "checkins").glob("*.toml")
    checkin.write_text(checkin.read_text().replace("private = true", "private = false"))
    (hand / "agreement.toml").unlink()
    by_hand(hand)
    ok(*in_(grace, "sync"))
    [kept] = json.loads(ok(*in_(grace, "checkin", "list", "--format", "json")).stdout)
    assert kept["private"] is True and kept["summary"] == "kiwi talk"
    assert "Meet fortnightly" in ok(*in_(grace, "expect", "show", "ada")).stdout
    ok(*in_(grace, "sync"))
    subprocess.run(["git", "-C", str(hand), "pull", "-q"], check=True)
    assert "Meet fortnightly" in (hand / "agreement.toml").read_text()  # written back


def test_records_badly_named_or_with_anothers_id_are_refused(tmp_path: Path) -> None:
    grace, ada, repo = shared_pair(tmp_path)
    ok(*in_(ada, "rel", "add", "Bob", "--as", "mentee"))
    ok(*in_(ada, "goal", "add", "bob", "Bob's goal"))
    [bobs] = (ada / "relationships" / "bob" / "goals").glob("*.toml")
    goal = 'title = "Taken id"\ncreated = 2026-11-20\n'
    for name in ("goals/x-y-z.toml", f"goals/{bobs.name}"):
        hand = tmp_path / name.replace("/", "-")
        push_by_hand(repo, hand, {name: goal})
        before = outside_clone(ada)
        failed = run(*in_(ada, "sync"))
        assert failed.exit_code == 3 and name in failed.stderr, failed.stderr
        assert outside_clone(ada) == before
        subprocess.run(["git", "-C", str(hand), "rm", "-q", name], check=True)
        by_hand(hand, "mended")
    ok(*in_(ada, "sync"))


def test_a_field_cleared_on_one_side_is_cleared_on_both(tmp_path: Path) -> None:
    grace, ada, _, action = one_action_on_both_sides(tmp_path)
    ok(*in_(ada, "action", "edit", action.stem, "--due", ""))
    ok(*in_(ada, "sync"))
    ok(*in_(grace, "sync"))
    ok(*in_(ada, "sync"))
    for journal in (grace, ada):
        [shown] = json.loads(ok(*in_(journal, "action", "list", "--format", "json")).stdout)
        assert shown["due"] is None


def test_joining_twice_is_refused(tmp_path: Path) -> None:
    grace, ada, repo = shared_pair(tmp_path)
    for journal in (grace, ada):
        refused = run(*in_(journal, "rel", "join", str(repo)))
        assert refused.exit_code == 1 and "takes part in" in refused.stderr
    assert [p.name for p in (ada / "relationships").iterdir()] == ["grace-hopper"]


def test_a_replaced_repository_stops_only_its_own_relationship(tmp_path: Path) -> None:
    grace, ada, repo = shared_pair(tmp_path)
    ok(*in_(grace, "rel", "add", "Bob", "--as", "mentor"))
    other = tmp_path / "bob.git"
    ok(*in_(grace, "rel", "share", "bob", "--remote", str(other)))
    shutil.rmtree(repo)
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(repo)], check=True)
    push_by_hand(repo, tmp_path / "hand", {"shared.toml": "schema = 1\n"})
    ok(*in_(grace, "goal", "add", "bob", "Bob's goal"))
    failed = run(*in_(grace, "sync"))
    assert failed.exit_code == 3 and "no longer holds the history" in failed.stderr
    assert "Synced bob" in failed.stderr
    log = subprocess.run(["git", "log", "-p"], cwd=other, capture_output=True, text=True).stdout
    assert "Bob's goal" in log


def test_a_lost_clone_keeps_this_journals_changes(tmp_path: Path) -> None:
    grace, ada, _, action = one_action_on_both_sides(tmp_path)
    ok(*in_(grace, "goal", "add", "ada", "Grace's goal"))
    ok(*in_(grace, "sync"))
    ok(*in_(ada, "action", "done", action.stem))
    shutil.rmtree(ada / ".shared")  # as on a new device of Ada's
    ok(*in_(ada, "sync"))
    shutil.rmtree(grace / ".shared")  # Grace's, stale: the repository's later version stands
    ok(*in_(grace, "sync"))
    ok(*in_(ada, "sync"))
    for journal in (grace, ada):
        [shown] = json.loads(
            ok(*in_(journal, "action", "list", "--all", "--format", "json")).stdout
        )
        assert shown["status"] == "done"
        goals = json.loads(ok(*in_(journal, "goal", "list", "--format", "json")).stdout)
        assert [g["title"] for g in goals] == ["Grace's goal"]


def test_a_pulse_of_one_side_cannot_be_made_over_into_the_others(tmp_path: Path) -> None:
    grace, ada, repo = shared_pair(tmp_path)
    ok(*in_(ada, "health", "log", "grace", *SCORES))
    ok(*in_(ada, "sync"))
    hand = tmp_path / "hand"
    push_by_hand(repo, hand, {})
    [pulse] = (hand / "health").glob("*.toml")
    text = pulse.read_text().replace('by = "mentee"', 'by = "mentor"')
    text = text.replace("date = 2026-11-26", "date = 2026-11-20")
    pulse.unlink()
    (hand / "health" / f"2026-11-20-{pulse.stem.rsplit('-', 1)[1]}.toml").write_text(text)
    by_hand(hand)
    ok(*in_(ada, "sync"))
    [kept] = (ada / "relationships" / "grace-hopper" / "health").glob("*.toml")
    assert kept.name == pulse.name and 'by = "mentee"' in kept.read_text()


def test_a_lost_clone_with_changes_on_both_sides_keeps_both(tmp_path: Path) -> None:
    grace, ada, _, action = one_action_on_both_sides(tmp_path)
    ok(*in_(ada, "action", "edit", action.stem, "--due", "2026-12-20"))
    ok(*in_(ada, "sync"))
    ok(*in_(grace, "action", "edit", action.stem, "--due", "2026-12-24"))
    shutil.rmtree(grace / ".shared")
    assert "Conflict:" in ok(*in_(grace, "sync")).stderr
    ok(*in_(ada, "sync"))
    for journal in (grace, ada):
        [shown] = json.loads(ok(*in_(journal, "action", "list", "--format", "json")).stdout)
        assert str(shown["due"]) == "2026-12-24"
        [copy] = journal.rglob("*.conflict-shared-*")
        assert "2026-12-20" in copy.read_text()


def test_joining_into_a_relationship_kept_already(tmp_path: Path) -> None:
    grace, ada, repo, action = one_action_on_both_sides(tmp_path)
    ok(*in_(ada, "rel", "unshare", "grace"))
    ok(*in_(ada, "action", "done", action.stem))
    clash = run(*in_(ada, "rel", "join", str(repo)))
    assert clash.exit_code == 3 and "--into" in clash.stderr
    ok(*in_(ada, "rel", "join", str(repo), "--into", "grace"))
    assert [p.name for p in (ada / "relationships").iterdir()] == ["grace-hopper"]
    ok(*in_(grace, "sync"))
    [shown] = json.loads(ok(*in_(grace, "action", "list", "--all", "--format", "json")).stdout)
    assert shown["status"] == "done"


def test_a_file_larger_than_any_record_is_refused(tmp_path: Path) -> None:
    grace, ada, repo = shared_pair(tmp_path)
    topics = ", ".join(f'"t{n}"' for n in range(40_000))
    push_by_hand(
        repo,
        tmp_path / "hand",
        {"checkins/2026-11-20-big12.toml": f"date = 2026-11-20\ntopics = [{topics}]\n"},
    )
    failed = run(*in_(ada, "sync"))
    assert failed.exit_code == 3 and "larger than any record" in failed.stderr


def test_the_cadence_changed_on_both_sides_keeps_the_agreement_signed(tmp_path: Path) -> None:
    grace, ada, _ = shared_pair(tmp_path)
    both_signed(grace, ada)
    ok(*in_(grace, "rel", "edit", "ada", "--cadence", "weekly"))
    ok(*in_(ada, "rel", "edit", "grace", "--cadence", "monthly"))
    ok(*in_(grace, "sync"))
    ok(*in_(ada, "sync"))
    ok(*in_(grace, "sync"))
    for journal, rel in ((grace, "ada"), (ada, "grace")):
        assert "agreed, version 1" in ok(*in_(journal, "expect", "show", rel)).stdout


def test_a_pause_is_the_relationships_on_both_sides(tmp_path: Path) -> None:
    grace, ada, _ = shared_pair(tmp_path)
    ok(*in_(grace, "rel", "pause", "ada"))
    ok(*in_(grace, "sync"))
    ok(*in_(ada, "sync"))
    [rel] = json.loads(ok(*in_(ada, "rel", "list", "--all", "--format", "json")).stdout)
    assert rel["status"] == "paused"
    assert whose_view_aside(grace, "ada") == whose_view_aside(ada, "grace")


def test_the_repository_is_never_inside_the_journal(tmp_path: Path) -> None:
    grace = tmp_path / "grace"
    ok(*in_(grace, "init", "--owner", "Grace Hopper"))
    ok(*in_(grace, "rel", "add", "Ada Lovelace", "--as", "mentor"))
    refused = run(*in_(grace, "rel", "share", "ada", "--remote", str(grace / "r.git")))
    assert refused.exit_code == 1 and "inside the journal" in refused.stderr
    assert not (grace / "r.git").exists()


def test_a_draft_edited_after_the_other_signed_it_becomes_a_new_version(tmp_path: Path) -> None:
    grace, ada, _ = shared_pair(tmp_path)
    ok(*in_(grace, "expect", "add", "ada", "Draft point", "--section", "meetings"))
    ok(*in_(grace, "sync"))
    ok(*in_(ada, "sync"))
    ok(*in_(ada, "expect", "agree", "grace", "--by", "me"))
    ok(*in_(ada, "sync"))
    [item] = json.loads(ok(*in_(grace, "expect", "show", "ada", "--format", "json")).stdout)[
        "items"
    ]
    ok(*in_(grace, "expect", "edit", "ada", item["id"], "Draft point, edited"))
    ok(*in_(grace, "sync"))
    ok(*in_(ada, "sync"))
    ok(*in_(grace, "sync"))
    for journal, rel in ((grace, "ada"), (ada, "grace")):
        shown = ok(*in_(journal, "expect", "show", rel)).stdout
        assert "Status: draft, version 2" in shown and "edited" in shown


def test_a_join_into_that_fails_leaves_the_relationship_as_it_was(tmp_path: Path) -> None:
    grace, ada, repo, _ = one_action_on_both_sides(tmp_path)
    ok(*in_(ada, "rel", "unshare", "grace"))
    ok(*in_(grace, "goal", "add", "ada", "A new goal"))
    ok(*in_(grace, "sync"))
    push_by_hand(repo, tmp_path / "hand", {"actions/bad12.toml": BAD_ACTION})
    before = outside_clone(ada)
    failed = run(*in_(ada, "rel", "join", str(repo), "--into", "grace"))
    assert failed.exit_code == 3 and "actions/bad12.toml" in failed.stderr
    assert outside_clone(ada) == before


def test_edits_made_while_syncs_fail_are_kept(tmp_path: Path) -> None:
    grace, _, repo, action = one_action_on_both_sides(tmp_path)
    shutil.rmtree(repo)
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(repo)], check=True)
    push_by_hand(repo, tmp_path / "hand", {"shared.toml": "schema = 1\n"})
    ok(*in_(grace, "action", "edit", action.stem, "--text", "First"))
    assert run(*in_(grace, "sync")).exit_code == 3
    ok(*in_(grace, "action", "edit", action.stem, "--text", "Second"))
    assert run(*in_(grace, "sync")).exit_code == 3
    [shown] = json.loads(ok(*in_(grace, "action", "list", "--format", "json")).stdout)
    assert shown["text"] == "Second"


def test_an_agreement_edit_undone_after_it_was_shared_comes_back(tmp_path: Path) -> None:
    grace, ada, _ = shared_pair(tmp_path)
    both_signed(grace, ada)
    ok(*in_(grace, "expect", "add", "ada", "Second point", "--section", "meetings"))
    ok(*in_(grace, "sync"))
    ok(*in_(ada, "sync"))
    ok(*in_(grace, "undo"))
    ok(*in_(grace, "sync"))
    ok(*in_(ada, "sync"))
    for journal, rel in ((grace, "ada"), (ada, "grace")):
        assert "Second point" in ok(*in_(journal, "expect", "show", rel)).stdout


def test_a_first_sync_without_a_base_keeps_the_agreement_rules(tmp_path: Path) -> None:
    grace, ada, repo = shared_pair(tmp_path)
    both_signed(grace, ada)
    hand = tmp_path / "hand"
    push_by_hand(repo, hand, {})
    agreement = (hand / "agreement.toml").read_text()
    (hand / "agreement.toml").write_text(
        agreement.replace('text = "Meet fortnightly"', 'text = "Pay"')
    )
    by_hand(hand)
    shutil.rmtree(grace / ".shared")
    failed = run(*in_(grace, "sync"))
    assert failed.exit_code == 3 and "agreement.toml" in failed.stderr
    assert "Meet fortnightly" in ok(*in_(grace, "expect", "show", "ada")).stdout


def test_a_first_sync_without_a_base_brings_back_nothing_deleted(tmp_path: Path) -> None:
    grace, ada, _ = shared_pair(tmp_path)
    ok(*in_(grace, "checkin", "log", "ada", "--summary", "Talk"))
    ok(*in_(grace, "sync"))
    ok(*in_(ada, "sync"))
    [checkin] = (ada / "relationships" / "grace-hopper" / "checkins").glob("*.toml")
    ok(*in_(ada, "checkin", "delete", checkin.stem.rsplit("-", 1)[1], "--yes"))
    ok(*in_(ada, "sync"))
    shutil.rmtree(grace / ".shared")
    ok(*in_(grace, "sync"))
    ok(*in_(ada, "sync"))
    for journal in (grace, ada):
        assert json.loads(ok(*in_(journal, "checkin", "list", "--format", "json")).stdout) == []


def test_a_check_in_moved_by_the_other_side_survives_a_lost_clone(tmp_path: Path) -> None:
    grace, ada, _ = shared_pair(tmp_path)
    ok(*in_(grace, "checkin", "log", "ada", "--summary", "Talk", "--date", "2026-11-20"))
    ok(*in_(grace, "sync"))
    ok(*in_(ada, "sync"))
    [checkin] = (ada / "relationships" / "grace-hopper" / "checkins").glob("*.toml")
    ok(*in_(ada, "checkin", "edit", checkin.stem.rsplit("-", 1)[1], "--date", "2026-11-10"))
    ok(*in_(ada, "sync"))
    shutil.rmtree(grace / ".shared")
    ok(*in_(grace, "sync"))
    ok(*in_(ada, "sync"))
    for journal in (grace, ada):
        listed = json.loads(ok(*in_(journal, "checkin", "list", "--format", "json")).stdout)
        assert [str(c["date"]) for c in listed] == ["2026-11-10"]


def test_a_sign_off_undone_then_an_edit_makes_a_new_version(tmp_path: Path) -> None:
    grace, ada, _ = shared_pair(tmp_path)
    ok(*in_(grace, "expect", "add", "ada", "First point", "--section", "meetings"))
    ok(*in_(grace, "sync"))  # takes in who joined: the sign-off is then the last change
    ok(*in_(grace, "expect", "agree", "ada", "--by", "me"))
    ok(*in_(grace, "sync"))
    ok(*in_(ada, "sync"))
    ok(*in_(grace, "undo"))
    ok(*in_(grace, "expect", "add", "ada", "Second point", "--section", "meetings"))
    ok(*in_(grace, "sync"))
    ok(*in_(ada, "sync"))
    for journal, rel in ((grace, "ada"), (ada, "grace")):
        shown = ok(*in_(journal, "expect", "show", rel)).stdout
        assert "version 2" in shown and "Second point" in shown


def test_a_private_check_in_made_shared_sends_no_ciphertext(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MENTORLOG_IDENTITY", str(tmp_path / "grace.key"))
    grace, ada, repo = shared_pair(tmp_path)
    ok(*in_(grace, "key", "init"))
    ok(*in_(grace, "checkin", "log", "ada", "--private", "--summary", "kiwi"))
    [checkin] = (grace / "relationships" / "ada-lovelace" / "checkins").glob("*.toml")
    ok(*in_(grace, "checkin", "edit", checkin.stem.rsplit("-", 1)[1], "--shared"))
    ok(*in_(grace, "sync"))
    history = subprocess.run(
        ["git", "log", "-p", "--all"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout
    assert "BEGIN AGE ENCRYPTED FILE" not in history and "kiwi" not in history


def test_a_second_device_publishes_the_sign_off_its_own_sync_brought(tmp_path: Path) -> None:
    grace, _, repo = shared_pair(tmp_path)
    own, second = tmp_path / "own.git", tmp_path / "grace-laptop"
    subprocess.run(["git", "init", "-q", "--bare", str(own)], check=True)
    ok(*in_(grace, "sync", "--remote", str(own)))
    ok(*in_(second, "sync", "--remote", str(own)))
    ok(*in_(second, "sync"))
    ok(*in_(grace, "expect", "add", "ada", "Meet fortnightly", "--section", "meetings"))
    ok(*in_(grace, "expect", "agree", "ada", "--by", "me"))
    ok(*in_(grace, "sync"))
    ok(*in_(second, "rel", "pause", "ada"))
    ok(*in_(second, "sync"))
    shown = subprocess.run(
        ["git", "show", "main:signoffs/mentor.toml"], cwd=repo, capture_output=True, text=True
    )
    assert shown.returncode == 0 and "version = 1" in shown.stdout


def test_a_pulse_for_the_other_side_is_refused_before_any_score_is_asked(
    tmp_path: Path,
) -> None:
    _, ada, _ = shared_pair(tmp_path)
    refused = run(*in_(ada, "health", "log", "grace", "--by", "them"), input="4\n" * 6)
    assert refused.exit_code == 1 and "in their own journal" in refused.stderr
    assert "(1-5)" not in refused.stdout + refused.stderr
