from __future__ import annotations

import json
import stat
from pathlib import Path

from tests.conftest import data, ok, run, snapshot


def test_add_creates_private_file_and_folder(ada: Path) -> None:
    rel_file = ada / "relationship.toml"
    assert rel_file.is_file()
    assert stat.S_IMODE(rel_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(ada.stat().st_mode) == 0o700
    assert stat.S_IMODE(ada.parent.stat().st_mode) == 0o700
    text = rel_file.read_text()
    assert 'counterpart = "Ada Lovelace"' in text
    assert "schema = 1" in text


def test_show_finds_by_prefix_name_and_case(ada: Path) -> None:
    for ref in ("ada", "ADA LOVELACE", "ada-lovelace", "Ada"):
        result = ok("rel", "show", ref)
        assert "You mentor Ada Lovelace since 1 September 2026, every 2 weeks." in result.stdout
    shown = data("rel", "show", "ada")
    for key in ("id", "counterpart", "my_role", "status", "cadence", "started"):
        assert key in shown
    assert shown["id"] == "ada-lovelace"
    assert shown["my_role"] == "mentor"
    assert shown["started"] == "2026-09-01"


def test_unknown_relationship_exits_1_naming_it_and_the_known(ada: Path, journal: Path) -> None:
    before = snapshot(journal)
    result = run("rel", "show", "bob")
    assert result.exit_code == 1
    assert "bob" in result.stderr
    assert "ada-lovelace" in result.stderr
    assert result.stdout == ""
    assert snapshot(journal) == before


def test_unknown_relationship_in_json_mode_is_a_json_error(ada: Path) -> None:
    result = run("rel", "show", "bob", "--format", "json")
    assert result.exit_code == 1
    error = json.loads(result.stdout)["error"]
    assert error["code"] == "input"
    assert "bob" in error["message"]
    assert result.stderr == ""


def test_mentee_side_reads_the_other_way(journal: Path) -> None:
    ok(
        "rel",
        "add",
        "Grace Hopper",
        "--as",
        "mentee",
        "--cadence",
        "monthly",
        "--started",
        "2026-01-15",
    )
    result = ok("rel", "show", "grace")
    assert "Grace Hopper mentors you since 15 January 2026, monthly." in result.stdout


def test_comment_and_unknown_key_survive_edit(ada: Path) -> None:
    rel_file = ada / "relationship.toml"
    text = rel_file.read_text()
    rel_file.write_text('# written by hand\nfavourite_tea = "assam"\n' + text)
    ok("rel", "edit", "ada", "--cadence", "weekly", "--contact", "ada@example.org")
    edited = rel_file.read_text()
    assert "# written by hand" in edited
    assert 'favourite_tea = "assam"' in edited
    assert 'cadence = "weekly"' in edited
    assert data("rel", "show", "ada")["contact"] == "ada@example.org"


def test_syntax_error_names_file_and_line_and_others_still_work(ada: Path, journal: Path) -> None:
    ok("rel", "add", "Grace Hopper", "--as", "mentee")
    broken = ada / "relationship.toml"
    broken.write_text(broken.read_text() + "oops = = 1\n")
    line = broken.read_text().count("\n")
    result = run("rel", "show", "ada-lovelace")
    assert result.exit_code == 3
    assert "relationships/ada-lovelace/relationship.toml" in result.stderr
    assert f"line {line}" in result.stderr
    assert "Grace Hopper" in ok("rel", "show", "grace").stdout
    listed = run("rel", "list")
    assert listed.exit_code == 3
    assert "grace-hopper" in listed.stdout
    assert "relationship.toml" in listed.stderr


def test_newer_schema_refuses_writes_and_leaves_file_untouched(ada: Path) -> None:
    rel_file = ada / "relationship.toml"
    rel_file.write_text(rel_file.read_text().replace("schema = 1", "schema = 99"))
    before = rel_file.read_bytes()
    result = run("rel", "edit", "ada", "--cadence", "weekly")
    assert result.exit_code == 3
    assert "newer" in result.stderr
    assert rel_file.read_bytes() == before
    assert ok("rel", "show", "ada").stdout  # still readable


def test_newer_journal_schema_refuses_any_write(journal: Path) -> None:
    info = journal / "journal.toml"
    info.write_text(info.read_text().replace("schema = 1", "schema = 2"))
    result = run("rel", "add", "Bob", "--as", "mentor")
    assert result.exit_code == 3
    assert not (journal / "relationships" / "bob").exists()


def test_path_like_name_gives_safe_slug_inside_journal(journal: Path, tmp_path: Path) -> None:
    ok("rel", "add", "../../etc/x", "--as", "mentee")
    assert (journal / "relationships" / "etc-x" / "relationship.toml").is_file()
    assert not (tmp_path / "etc").exists()
    assert data("rel", "show", "etc-x")["counterpart"] == "../../etc/x"


def test_same_person_twice_is_refused_different_people_same_slug_kept_apart(journal: Path) -> None:
    ok("rel", "add", "José Núñez", "--as", "mentor")
    result = run("rel", "add", "JOSÉ  NÚÑEZ", "--as", "mentor")
    assert result.exit_code == 1
    assert "already" in result.stderr
    ok("rel", "add", "Jose Nunez", "--as", "mentee")
    slugs = sorted(p.name for p in (journal / "relationships").iterdir())
    assert slugs == ["jose-nunez", "jose-nunez-2"]


def test_bad_inputs_exit_1_and_write_nothing(journal: Path) -> None:
    before = snapshot(journal)
    for args in (
        ("rel", "add", "  ", "--as", "mentor"),
        ("rel", "add", "Bob", "--as", "boss"),
        ("rel", "add", "Bob", "--as", "mentor", "--cadence", "sometimes"),
        ("rel", "add", "Bob", "--as", "mentor", "--started", "the 31st of Smarch"),
    ):
        result = run(*args)
        assert result.exit_code == 1, args
        assert result.stderr.startswith("Error: ")
    assert snapshot(journal) == before


def test_pause_resume_end(ada: Path) -> None:
    ok("rel", "pause", "ada", "--note", "parental leave")
    assert data("rel", "show", "ada")["status"] == "paused"
    assert data("rel", "show", "ada")["checkins"]["next_due"] is None
    assert run("rel", "pause", "ada").exit_code == 1
    ok("rel", "resume", "ada")
    ok("rel", "end", "ada", "--note", "goals reached")
    shown = data("rel", "show", "ada")
    assert shown["status"] == "ended"
    assert [c["status"] for c in shown["status_change"]] == ["paused", "active", "ended"]
    assert shown["status_change"][0]["note"] == "parental leave"
    assert data("rel", "list") == []
    assert [r["id"] for r in data("rel", "list", "--all")] == ["ada-lovelace"]


def test_list_markdown_escapes_pipes(journal: Path) -> None:
    ok("rel", "add", "Pipe | Person", "--as", "mentor")
    result = ok("rel", "list", "--format", "markdown")
    assert "Pipe \\| Person" in result.stdout


def test_missing_journal_says_init(journal_dir: Path) -> None:
    result = run("rel", "list")
    assert result.exit_code == 1
    assert "mentorlog init" in result.stderr
    assert not journal_dir.exists()


def test_markdown_shows_user_text_as_written_never_as_markup(journal: Path) -> None:
    ok("rel", "add", "--as", "mentor", "--", "- *Ada* [x](y) <b>R&D</b> `c`")
    shown = ok("rel", "list", "--format", "markdown").stdout
    assert r"\- \*Ada\* \[x\](y) &lt;b&gt;R&amp;D&lt;/b&gt; \`c\`" in shown
    ok("learn", "add", "# not a heading", "--link", "https://example.com/a_b?x=1&y=2")
    ok("learn", "add", "script", "--link", "javascript:alert(1)")
    learned = ok("learn", "list", "--format", "markdown").stdout
    assert r"\# not a heading <https://example.com/a_b?x=1&y=2>" in learned
    assert "<javascript:" not in learned and "javascript:alert(1)" in learned


def test_a_status_change_before_the_last_one_is_refused(ada: Path, journal: Path) -> None:
    ok("--as-of", "2026-11-20", "rel", "pause", "ada")
    before = snapshot(journal)
    assert run("--as-of", "2026-11-10", "rel", "resume", "ada").exit_code == 1
    assert snapshot(journal) == before
