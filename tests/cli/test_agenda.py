"""`agenda done ID...`: several talking points at once, in any relationship; all or nothing."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tests.conftest import data, ok, run, snapshot


def _open_points() -> dict[str, str]:
    return {str(p["text"]): str(p["id"]) for p in data("agenda", "list")}


def test_several_points_are_done_at_once_across_relationships(ada: Path) -> None:
    ok("rel", "add", "Alan Turing", "--as", "mentee", "--started", "2026-09-01")
    ok("agenda", "add", "ada", "Design review")
    ok("agenda", "add", "ada", "Conference talk")
    ok("agenda", "add", "alan", "Reading list")
    points = _open_points()
    result = ok("agenda", "done", points["Design review"], points["Reading list"][:3])
    assert points["Design review"] in result.stderr
    assert list(_open_points()) == ["Conference talk"]
    closed = {
        p["text"]: (p["status"], p["closed"], p["relationship"])
        for p in data("agenda", "list", "--all")
    }
    assert closed["Design review"] == ("discussed", "2026-11-26", "ada-lovelace")
    assert closed["Reading list"] == ("discussed", "2026-11-26", "alan-turing")
    stored = tomllib.loads((ada / "agenda.toml").read_text(encoding="utf-8"))
    assert {i["text"]: i["status"] for i in stored["item"]} == {
        "Design review": "discussed",
        "Conference talk": "open",
    }


def test_one_unknown_id_closes_none_and_is_named(ada: Path, journal: Path) -> None:
    ok("agenda", "add", "ada", "Design review")
    point = _open_points()["Design review"]
    before = snapshot(journal)
    result = run("agenda", "done", point, "zzzzz")
    assert result.exit_code == 1
    assert "zzzzz" in result.stderr
    assert snapshot(journal) == before
    assert _open_points() == {"Design review": point}
