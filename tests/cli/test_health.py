from __future__ import annotations

from pathlib import Path

from tests.conftest import data, ok, run, snapshot

SCORES = [
    f"--{pillar}={score}"
    for pillar, score in zip(
        ("expectations", "communication", "trust", "goals", "learning", "network"),
        (4, 5, 4, 3, 4, 2),
        strict=True,
    )
]


def test_a_pulse_after_today_is_refused(ada: Path, journal: Path) -> None:
    before = snapshot(journal)
    result = run("health", "log", "ada", *SCORES, "--date", "2026-11-27")
    assert result.exit_code == 1
    assert "2026-11-27" in result.stderr
    assert snapshot(journal) == before


def test_a_pulse_before_the_start_is_kept_with_a_warning(ada: Path) -> None:
    result = ok("health", "log", "ada", *SCORES, "--date", "2026-08-31")
    assert "warning" in result.stderr
    assert "2026-09-01" in result.stderr
    assert [p.name[:10] for p in (ada / "health").glob("*.toml")] == ["2026-08-31"]
    assert data("health", "show", "ada")["trends"][0]["mentor"] == [4]


def test_health_show_names_an_unreadable_pulse_and_fails(ada: Path) -> None:
    ok("health", "log", "ada", "--by", "me", *SCORES)
    ok("health", "log", "ada", "--by", "them", *SCORES)
    broken = sorted((ada / "health").glob("*.toml"))[0]
    broken.write_text(broken.read_text().replace("trust = 4", 'trust = "high"'))
    result = run("health", "show", "ada")
    assert result.exit_code == 3
    assert broken.name in result.stderr
