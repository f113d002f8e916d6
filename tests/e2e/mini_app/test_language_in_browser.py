"""The Mini App in a real browser speaks the person's language: Kazakh for a Kazakh
person, and Russian once they choose Русский in the chat's /settings; its tabs fit a
phone-width panel; the sandbox chat's own labels (the app button, "edited", a photo) are
in the page's language. (Chromium as in tests/e2e/test_browser.py.)"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from sandbox.demo import Demo, DemoOptions
from tests.e2e.test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    FEED_TIMEOUT_MS,
    PYTHON_IN_ALMATY,
    STEP_TIMEOUT_MS,
    _require_browser,
    bot_message,
    expect_visible,
    open_mini_app,
    tap,
    type_message,
)

if TYPE_CHECKING:
    from playwright.async_api import FrameLocator, Page

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 800}


@pytest.fixture
async def kazakh_chat(tmp_path: Path) -> AsyncIterator[tuple[Demo, Page]]:
    """The sandbox demo of a person whose Telegram is in Kazakh, set up, in a phone-width
    browser."""
    _require_browser()
    from playwright.async_api import async_playwright

    demo = Demo(DemoOptions(port=0, data_dir=tmp_path / "demo-kk", language="kk"))
    await demo.start()
    assert demo.app is not None
    services, user_id = demo.app.services, demo.options.user_id
    await services.users.ensure_user(user_id, first_name="Demo", username=None, language_code="kk")
    await services.preferences.complete_onboarding(user_id, PYTHON_IN_ALMATY)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = await (await browser.new_context(viewport=PHONE)).new_page()
            page.set_default_timeout(STEP_TIMEOUT_MS)
            await page.goto(demo.url)
            await page.wait_for_selector("body[data-ready=true]")
            await type_message(page, "/help")  # the chat exists once the person has written
            await expect_visible(bot_message(page, "/jobs"))
            yield demo, page
        finally:
            await browser.close()
            await demo.stop()


async def tab_names(app: FrameLocator) -> list[str]:
    return [(name or "").strip() for name in await app.get_by_role("tab").all_text_contents()]


async def test_a_kazakh_person_sees_the_mini_app_in_kazakh(
    kazakh_chat: tuple[Demo, Page],
) -> None:
    _, page = kazakh_chat
    app = await open_mini_app(page)
    assert await tab_names(app) == ["Вакансиялар", "Өтінімдер", "Қалаулар", "Талдау"]
    await expect_visible(app.locator("#feed .card").first, timeout=FEED_TIMEOUT_MS)
    assert "Қашықтан жұмысты қосу" in (await app.locator("#filters").text_content() or "")
    await expect_visible(app.locator("#feed .card").first.get_by_role("button", name="⭐ Сақтау"))
    assert await app.locator("html").get_attribute("lang") == "kk"


async def test_every_tab_fits_a_phone_width_panel_without_scrolling(
    kazakh_chat: tuple[Demo, Page],
) -> None:
    _, page = kazakh_chat
    app = await open_mini_app(page)
    tabs = app.locator("nav.tabs")
    fits = await tabs.evaluate("nav => nav.scrollWidth <= nav.clientWidth")
    assert fits, "the tab row scrolls sideways"
    for tab in await app.get_by_role("tab").all():
        assert await tab.evaluate("tab => tab.scrollWidth <= tab.clientWidth")


async def test_choosing_russian_in_settings_makes_the_reopened_app_russian(
    kazakh_chat: tuple[Demo, Page],
) -> None:
    _, page = kazakh_chat
    await type_message(page, "/settings")
    await tap(page, "Баптаулар", "Русский")
    await expect_visible(bot_message(page, "Настройки"))
    app = await open_mini_app(page)
    assert await tab_names(app) == ["Вакансии", "Отклики", "Настройки поиска", "Аналитика"]
    assert await app.locator("html").get_attribute("lang") == "ru"


async def test_the_sandbox_chat_names_the_app_edits_and_photos_in_kazakh(
    kazakh_chat: tuple[Demo, Page],
) -> None:
    _, page = kazakh_chat
    assert (await page.text_content("#web-app-button") or "").strip() == "▦ Вакансиялар"
    await type_message(page, "/settings")
    await tap(page, "Баптаулар", "🔔 Іріктеме: қосулы")  # the digest off: the menu is edited
    edited = page.locator(".message.bot .meta", has_text="өзгертілді").last
    await expect_visible(edited)
    await type_message(page, "/market")
    chart = page.locator(".message.bot img.photo").last
    await expect_visible(chart, timeout=FEED_TIMEOUT_MS)
    assert await chart.get_attribute("alt") == "🖼 Сурет"
    await page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=await chart.element_handle()
    )
