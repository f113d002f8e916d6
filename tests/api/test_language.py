"""The Mini App speaks the person's language: the one chosen in /settings, else the one
Telegram reports (kk, ru, en), with every text of the page in each."""

from __future__ import annotations

import re

from tests.api.conftest import ApiClient
from tests.e2e.jobs_helpers import open_feed, press_on, read_page, seed_user


async def test_a_kazakh_user_gets_the_app_in_kazakh(api: ApiClient) -> None:
    await api.seed(31, language_code="kk")
    me = await api.get("/api/me", user=31)
    assert me.body["language"] == "kk"
    texts = (await api.get(f"/api/i18n/{me.body['language']}")).body["texts"]
    assert texts["webapp.tab.feed"] == "Вакансиялар"
    assert texts["webapp.filter.remote"] == "Қашықтан жұмысты қосу"
    assert texts["webapp.salary.none"] == "жалақы көрсетілмеген"
    assert texts["webapp.card.save"] == "⭐ Сақтау"


async def test_no_kazakh_text_of_the_app_is_left_in_english(api: ApiClient) -> None:
    en = (await api.get("/api/i18n/en")).body["texts"]
    kk = (await api.get("/api/i18n/kk")).body["texts"]
    same = {key for key in en if kk[key] == en[key]}
    # Emoji-only buttons, the brand, templates of numbers only.
    assert same <= {
        "webapp.title",
        "webapp.card.like",
        "webapp.card.liked",
        "webapp.card.dislike",
        "webapp.card.disliked",
        "webapp.salary.range",
        "webapp.board.move",
    }


async def test_switching_to_russian_in_settings_switches_the_app(api: ApiClient) -> None:
    await api.seed(32, language_code="en")
    assert (await api.get("/api/me", user=32)).body["language"] == "en"
    chat = api.world.user(32, language_code="en")
    await chat.ask("/settings")
    await chat.tap("Русский")
    me = await api.get("/api/me", user=32)
    assert me.body["language"] == "ru"
    texts = (await api.get(f"/api/i18n/{me.body['language']}")).body["texts"]
    assert texts["webapp.tab.feed"] == "Вакансии"


async def test_after_browsing_in_the_chat_the_app_counts_the_unseen_and_all_that_fit(
    api: ApiClient,
) -> None:
    chat = await seed_user(api.world, 33)
    page = await open_feed(chat)
    in_chat = int(re.search(r"vacancies: (\d+)", page.nav.plain).group(1))  # type: ignore[union-attr]
    app = await api.get("/api/jobs/recommendations", user=33)
    assert app.body["fitting"] == in_chat
    assert app.body["total"] == in_chat - len(page.cards)


async def test_opening_the_app_does_not_make_the_chats_next_page_skip_vacancies(
    api: ApiClient,
) -> None:
    chat = await seed_user(api.world, 34)
    first = await open_feed(chat)
    in_chat = re.search(r"vacancies: (\d+)", first.nav.plain)
    app = await api.get("/api/jobs/recommendations?per_page=3", user=34)
    assert app.status == 200
    await press_on(chat, first.nav, "Next ▶")
    second = await read_page(chat)
    assert in_chat is not None and f"vacancies: {in_chat.group(1)}" in second.nav.plain
    assert "Page 2 of" in second.nav.plain
