"""/market's caption and chart from a market report (the e2e tests drive the command)."""

from __future__ import annotations

from bot.features.market.chart import render_market_chart
from bot.features.market.views import chart_data, chart_labels, market_caption
from bot.i18n import Locales
from core.domain.market import MarketSnapshot, SalaryStanding, SkillDemand
from core.services.market import MarketReport

EN = Locales.load().get("en")
SALARIES = tuple(float(200_000 + 10_000 * i) for i in range(40))
REPORT = MarketReport(
    snapshot=MarketSnapshot(
        salaries=SALARIES,
        vacancies=52,
        skills=(SkillDemand("Python", 40, True), SkillDemand("Docker", 22, False)),
        standing=SalaryStanding(amount=400_000, above_share=0.5, sample=40),
    ),
    job_title="Python developer",
    area_ids=("160",),
    currency="KZT",
)


def test_the_caption_says_your_salary_is_above_a_share_of_n_vacancies() -> None:
    caption = market_caption(REPORT, EN)
    assert "Your 400 000 ₸ is above 50% of these vacancies' pay (n = 40)." in caption
    assert "✓ Python (40), ✗ Docker (22)" in caption


def test_the_chart_is_a_png_with_the_salary_histogram() -> None:
    png = render_market_chart(chart_data(REPORT, EN), chart_labels(REPORT, EN))
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert int.from_bytes(png[16:20], "big") == 720
