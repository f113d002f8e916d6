"""The /market texts: the caption under the chart and the chart's labels."""

from __future__ import annotations

from bot.features.market.chart import ChartData, ChartLabels
from bot.i18n import Translator
from bot.ui.names import job_title_name, skill_name
from bot.ui.render import plain, trim_html_to
from core.domain.market import MIN_SAMPLE
from core.domain.salary import format_salary
from core.services.market import MarketReport

CAPTION_SKILLS = 6
CAPTION_LIMIT = 1024  # Telegram's limit of a photo caption


def _role(report: MarketReport, t: Translator) -> str:
    return job_title_name(report.job_title, t) if report.job_title else t("market.any_role")


def chart_labels(report: MarketReport, t: Translator) -> ChartLabels:
    return ChartLabels(
        salary_title=plain(t, "market.chart.salaries", role=_role(report, t)),
        salary_axis=plain(t, "market.chart.salary_axis", currency=report.currency),
        vacancies_axis=t("market.chart.vacancies_axis"),
        you=t("market.chart.you"),
        too_few=plain(t, "market.chart.too_few", minimum=MIN_SAMPLE),
        skills_title=t("market.chart.skills"),
    )


def chart_data(report: MarketReport, t: Translator) -> ChartData:
    snapshot = report.snapshot
    return ChartData(
        salaries=snapshot.salaries,
        enough=snapshot.enough,
        expected=snapshot.standing.amount if snapshot.standing else None,
        skills=tuple(
            (skill_name(item.shown, t), item.vacancies, item.has) for item in snapshot.skills
        ),
    )


def market_caption(report: MarketReport, t: Translator) -> str:
    snapshot = report.snapshot
    lines = [t("market.title", role=_role(report, t), vacancies=snapshot.vacancies)]
    standing = snapshot.standing
    if standing is not None:
        lines.append(
            t(
                "market.standing",
                amount=format_salary(standing.amount, report.currency),
                percent=round(standing.above_share * 100),
                sample=standing.sample,
            )
        )
    elif not snapshot.enough:
        lines.append(t("market.too_few", paid=len(snapshot.salaries), minimum=MIN_SAMPLE))
    else:
        lines.append(t("market.no_expectation"))
    if snapshot.skills:
        marked = [
            t(
                "market.skill_have" if item.has else "market.skill_lack",
                skill=skill_name(item.shown, t),
                vacancies=item.vacancies,
            )
            for item in snapshot.skills[:CAPTION_SKILLS]
        ]
        lines.append(t("market.skills", skills=", ".join(marked)))
    return trim_html_to("\n".join(lines), CAPTION_LIMIT)
