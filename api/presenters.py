"""Core results → the API's answer models. Texts a person reads (the "why" line) are the
chat card's own, rendered by the bot's presenter in the person's language."""

from __future__ import annotations

import html
import re

from api import models
from bot.i18n import Translator
from bot.ui.cards import reasons_lines
from core.domain.preferences import SavedJobStatus, UserPreferences
from core.domain.recommendation_cards import RecommendationCard, RecommendationPage
from core.domain.skill_names import display_skill
from core.services.analytics import Funnel, UserStats
from core.services.market import MarketReport
from core.services.saved import SavedJobView

_TAG = re.compile(r"<[^>]+>")
BOARD: tuple[SavedJobStatus, ...] = tuple(SavedJobStatus)


def plain(text_html: str) -> str:
    """Telegram HTML → the text it shows (the Mini App sets it as text, never as HTML)."""
    return html.unescape(_TAG.sub("", text_html))


def recommendation(card: RecommendationCard, t: Translator) -> models.Recommendation:
    why = card.explanation
    return models.Recommendation(
        id=card.recommendation_id,
        vacancy_id=card.vacancy_id,
        title=card.title,
        employer_name=card.employer_name,
        area_name=card.area_name,
        salary_from=card.salary_from,
        salary_to=card.salary_to,
        salary_currency=card.salary_currency,
        salary_gross=card.salary_gross,
        url=card.url,
        snippet=card.snippet,
        match_percent=round(card.relevance * 100),
        why=plain(reasons_lines(card, t)),
        explanation=models.Explanation(
            matched_skills=[display_skill(s, t.language) for s in why.matched_skills],
            missing_skills=[display_skill(s, t.language) for s in why.missing_skills],
            salary_note=why.salary_note,
            salary_ratio=why.salary_ratio,
            location_reason=why.location_reason,
            title_match=why.title_match,
            role_fit=why.role_fit,
        ),
        saved=card.saved,
        feedback=card.feedback,
        published_at=card.published_at,
    )


def recommendation_list(page: RecommendationPage, t: Translator) -> models.RecommendationList:
    return models.RecommendationList(
        recommendations=[recommendation(card, t) for card in page.items],
        total=page.total,
        page=page.page + 1,
        per_page=page.per_page,
        total_pages=page.total_pages,
        stale=page.stale,
        fitting=page.fitting,
    )


def saved_job(view: SavedJobView, t: Translator) -> models.SavedJob:
    return models.SavedJob(
        id=view.saved_id,
        job=recommendation(view.card, t),
        application_status=view.status,
        next_statuses=list(view.next_statuses),
        notes=view.notes,
        reminder_date=view.reminder_at if view.reminder_sent_at is None else None,
        application_date=view.applied_at,
        created_at=view.created_at,
        updated_at=view.updated_at,
    )


def preferences(prefs: UserPreferences) -> models.Preferences:
    weights = prefs.weights.normalised()
    return models.Preferences(
        skills=list(prefs.skills),
        job_titles=list(prefs.job_titles),
        area_ids=list(prefs.area_ids),
        remote_ok=prefs.remote_ok,
        work_formats=list(prefs.work_formats),
        employment_forms=list(prefs.employment_forms),
        experience=prefs.experience,
        salary=models.SalaryPreference.model_validate(prefs.salary.model_dump()),
        weights=models.WeightsPreference(
            skills=weights.skills, location=weights.location, salary=weights.salary
        ),
        salary_is_floor=prefs.salary_is_floor,
        only_my_city=prefs.only_my_city,
        exclude_applied=prefs.exclude_applied,
        last_learned_at=prefs.last_learned_at,
    )


def funnel(value: Funnel) -> models.Funnel:
    return models.Funnel(
        saved=value.saved,
        applied=value.applied,
        no_answer=value.no_answer,
        interview=value.interview,
        offer=value.offer,
        hired=value.hired,
        rejected=value.rejected,
        interview_rate=value.interview_rate,
        offer_rate=value.offer_rate,
        success_rate=value.success_rate,
    )


def _quartiles(salaries: tuple[float, ...]) -> list[float] | None:
    if len(salaries) < 4:
        return None
    last = len(salaries) - 1
    return [salaries[round(last * share)] for share in (0.25, 0.5, 0.75)]


def salary_context(report: MarketReport, t: Translator) -> models.SalaryContext:
    snapshot = report.snapshot
    standing = snapshot.standing
    return models.SalaryContext(
        currency=report.currency,
        job_title=report.job_title,
        vacancies=snapshot.vacancies,
        paid_vacancies=len(snapshot.salaries),
        expected=standing.amount if standing else None,
        above_share=standing.above_share if standing else None,
        quartiles=_quartiles(snapshot.salaries) if snapshot.enough else None,
        skills=[
            models.SkillDemand(
                skill=display_skill(item.skill_key, t.language),
                vacancies=item.vacancies,
                has=item.has,
            )
            for item in snapshot.skills
        ],
    )


def analytics(stats: UserStats, market: MarketReport | None, t: Translator) -> models.Analytics:
    return models.Analytics(
        recommendations=stats.recommendations,
        shown=stats.shown,
        rated=stats.rated,
        liked=stats.liked,
        recommendation_accuracy=stats.accuracy,
        saved=stats.saved,
        application_success_rates=funnel(stats.funnel),
        top_skills_in_demand=[
            models.SkillCount(skill=display_skill(name, t.language), vacancies=count)
            for name, count in stats.top_skills
        ],
        salary_context=salary_context(market, t) if market is not None else None,
    )
