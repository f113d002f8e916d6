"""Smoke test of the offline ranking evaluation (bench/quality.py) on a tiny world."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bench import quality
from bench import quality_world as qw
from core.domain.hh_schemas import Vacancy

SEED = 7


@pytest.fixture(scope="module")
def results() -> list[quality.PersonaResult]:
    config = quality.Config(seeds=1, personas=20, vacancies=200, controls=4, workers=1)
    return quality.run_seed(SEED, config)


def test_world_speaks_hh_json_and_splits_in_halves() -> None:
    world = qw.make_world(SEED, 200)
    vacancies = [Vacancy.model_validate(data) for data in world.vacancies]
    assert {v.area.id for v in vacancies if v.area} <= set(qw.CITY_BY_ID)
    assert any(v.pay and v.pay.currency == "USD" for v in vacancies)
    assert any(v.pay is None for v in vacancies)
    assert sorted(world.feedback_pool + world.heldout) == list(range(200))
    assert abs(len(world.feedback_pool) - len(world.heldout)) <= 1


def test_grades_follow_the_quantiles() -> None:
    world = qw.make_world(SEED, 1000)
    persona = qw.make_personas(SEED, 1, 0)[0]
    grades, _ = qw.grades(persona, world.truth)
    assert [grades.count(g) for g in (3, 2, 1)] == [10, 40, 100]


def test_world_shares_nothing_with_the_product() -> None:
    tree = ast.parse(Path(qw.__file__).read_text(encoding="utf-8"))
    modules = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    modules |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(name == "core" or name.startswith("core.") for name in modules)


def test_metrics_are_sane(results: list[quality.PersonaResult]) -> None:
    people = [r for r in results if not r.control]
    assert len(people) == 20 and len(results) == 24
    for r in results:
        for score in (*r.rounds["full"].values(), *r.baselines.values()):
            assert 0.0 <= score.ndcg <= 1.0 + 1e-9
            assert 0.0 <= score.p10 <= 1.0
        assert set(r.rounds["full"]) == set(quality.ROUNDS_REPORTED)
    means = quality.baseline_means(results)
    rows = quality.round_rows(results, "full")
    assert means["oracle"].ndcg >= rows[0].ndcg >= means["random"].ndcg
    assert means["oracle"].ndcg == pytest.approx(1.0)
    assert rows[0].change == 0.0


def test_report_and_gates(
    results: list[quality.PersonaResult], capsys: pytest.CaptureFixture[str]
) -> None:
    gates = quality.report(results, quality.Config(seeds=1, personas=20, vacancies=200), 1.0)
    out = capsys.readouterr().out
    assert "hh_proxy" in out and "oracle" in out and "nDCG@10" in out
    assert len(gates) == 4 and all(g.value for g in gates)


def test_ndcg_and_bootstrap() -> None:
    assert quality.ndcg([3, 2, 1], [3, 2, 1, 0]) == pytest.approx(1.0)
    assert quality.ndcg([0, 0, 3], [3, 0, 0]) < 1.0
    assert quality.ndcg([0], [0, 0]) == 0.0
    low, high = quality.bootstrap_ci([0.1] * 50)
    assert low == pytest.approx(0.1) and high == pytest.approx(0.1)


def test_hh_proxy_salary_filter_drops_a_published_range_below_the_floor() -> None:
    floor = quality.SalaryExpectation(minimum=400_000, currency="KZT")
    below = {"salary_range": {"from": 200_000, "to": 300_000, "currency": "KZT"}}
    assert not quality.salary_filter_keeps(below, floor)


def test_hh_proxy_salary_filter_keeps_unpublished_pay_and_ranges_covering_the_floor() -> None:
    floor = quality.SalaryExpectation(minimum=400_000, currency="KZT")
    covering = {"salary": {"from": 350_000, "to": None, "currency": "KZT"}}
    assert quality.salary_filter_keeps({"salary_range": None, "salary": None}, floor)
    assert quality.salary_filter_keeps(covering, floor)
    assert quality.salary_filter_keeps(covering, None)


def test_hh_proxy_salary_filter_keeps_ranges_above_the_floor() -> None:
    floor = quality.SalaryExpectation(minimum=400_000, currency="KZT")
    above = {"salary_range": {"from": 600_000, "to": 900_000, "currency": "KZT"}}
    assert quality.salary_filter_keeps(above, floor)


def test_hh_proxy_salary_filter_converts_currencies() -> None:
    floor = quality.SalaryExpectation(minimum=400_000, currency="KZT")
    rubles = {"salary_range": {"from": 50_000, "to": 60_000, "currency": "RUR"}}  # ~324k KZT
    assert not quality.salary_filter_keeps(rubles, floor)
