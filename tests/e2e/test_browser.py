"""The sandbox demo in a real browser: headless Chromium drives the chat page.

The whole demo runs in this test's event loop (HH emulator, Telegram emulator with the
page, the bot with its scheduler); Playwright drives Debian's ``/usr/bin/chromium`` (no
browser download). A person's path: onboarding by clicking and typing, a recommendation
card, 👍, ⭐ Save, /saved; a card and a /market chart photographed in the chat; and the Mini
App opened from the chat's menu button (rate, save, move on the board, then /saved in the
chat). Screenshots go to ``test-artifacts/`` (kept by CI).

Needs ``/usr/bin/chromium`` (``apt-get install chromium``) and the ``playwright`` package
(``pip install -e '.[browser]'``); ``.ci/run`` installs both, elsewhere the test skips.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from core.domain.onboarding import OnboardingAnswers
from core.domain.preferences import SalaryExpectation
from sandbox.demo import Demo, DemoOptions

if TYPE_CHECKING:
    from playwright.async_api import Browser, FrameLocator, Locator, Page

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# Offline and quiet: no first-run UI, no background fetches, no GPU on a headless box.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STEP_TIMEOUT_MS = 10_000  # one bot reply; recommendations fetch from the HH emulator


def _require_browser() -> None:
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).is_file():
        pytest.skip(
            f"Chromium not found at {CHROMIUM}: apt-get install chromium "
            "(.ci/run installs it) or set CHROMIUM_PATH"
        )
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        pytest.skip(
            "the playwright package is missing (it drives Chromium): "
            "pip install -e '.[browser]' (.ci/run installs it)"
        )


@pytest.fixture
async def demo(tmp_path: Path) -> AsyncIterator[Demo]:
    _require_browser()
    running = Demo(DemoOptions(port=0, data_dir=tmp_path / "demo-data"))
    await running.start()
    try:
        yield running
    finally:
        await running.stop()


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    _require_browser()
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        # Playwright gives the browser a fresh temporary profile (user-data-dir).
        launched = await playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            await launched.close()


@pytest.fixture
async def page(browser: Browser, demo: Demo) -> AsyncIterator[Page]:
    context = await browser.new_context(viewport={"width": 900, "height": 1100})
    page = await context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    await page.goto(demo.url)
    await page.wait_for_selector("body[data-ready=true]")
    yield page
    await context.close()
    assert not errors, f"the page logged errors: {errors}"


# ------------------------------------------------------------------------------ helpers
def bot_message(page: Page, text: str) -> Locator:
    """The newest bot bubble containing ``text``."""
    return page.locator(".message.bot", has_text=text).last


async def type_message(page: Page, text: str) -> None:
    await page.fill("#input", text)
    await page.press("#input", "Enter")


async def tap(page: Page, message_text: str, button: str) -> None:
    """Press ``button`` on the newest bot message that shows ``message_text``."""
    message = bot_message(page, message_text)
    await expect_visible(message)
    await message.locator(".kb-button", has_text=button).first.click()


async def expect_visible(locator: Locator, **kwargs: Any) -> None:
    from playwright.async_api import expect

    await expect(locator).to_be_visible(**kwargs)


async def expect_gone(locator: Locator) -> None:
    from playwright.async_api import expect

    await expect(locator).to_have_count(0)


async def onboard(page: Page) -> None:
    await type_message(page, "/start")
    await tap(page, "Step 1 of 7", "Programming")
    await expect_visible(bot_message(page, "Step 1 of 7").locator(".kb-button", has_text="✅"))
    await tap(page, "Step 1 of 7", "Next")
    await expect_visible(bot_message(page, "Step 2 of 7"))
    await type_message(page, "Python, SQL, Django")
    await expect_visible(bot_message(page, "Chosen: Python"))
    await tap(page, "Chosen: Python", "Next")
    await tap(page, "Step 3 of 7", "1–3 years")
    await expect_visible(bot_message(page, "Step 4 of 7"))
    await type_message(page, "Almaty")
    await tap(page, "Step 5 of 7", "Next")
    await tap(page, "Step 6 of 7", "Next")
    await tap(page, "Step 7 of 7", "Skip")
    await tap(page, "Your profile — please check", "Confirm")


# ------------------------------------------------------------------------------ the test
async def test_onboarding_card_feedback_and_saved_in_the_browser(page: Page, demo: Demo) -> None:
    # The page draws the bot's HTML: the step titles arrive as <b>.
    await type_message(page, "/help")
    await expect_visible(bot_message(page, "What I can do").locator("b", has_text="What I can do"))

    await onboard(page)

    card = page.locator(".message.bot", has_text="🎯 Match").first
    await expect_visible(card, timeout=20_000)
    await expect_visible(card.locator("b").first)  # the vacancy title, bold
    await expect_visible(card.locator(".kb-button.url", has_text="Open on hh"))

    await card.locator(".kb-button", has_text="👍").first.click()
    await expect_visible(card.locator(".kb-button", has_text="👍✓"))
    await card.locator(".kb-button", has_text="Save").first.click()
    await expect_visible(card.locator(".kb-button", has_text="★ Saved"))

    ARTIFACTS.mkdir(exist_ok=True)
    await card.scroll_into_view_if_needed()
    await page.screenshot(path=ARTIFACTS / "browser-chat-card.png", animations="disabled")

    await type_message(page, "/saved")
    await expect_visible(bot_message(page, "Your saved vacancies (1)"))
    await page.screenshot(path=ARTIFACTS / "browser-chat-saved.png", animations="disabled")

    assert demo.tg is not None
    assert not demo.tg.errors_4xx, demo.tg.errors_4xx


async def test_formatting_edits_deletions_documents_and_the_menu_in_the_browser(
    page: Page, demo: Demo
) -> None:
    from aiogram.types import BufferedInputFile

    assert demo.app is not None
    bot = demo.app.bot
    await type_message(page, "/help")  # the chat exists once the person has written
    await expect_visible(bot_message(page, "What I can do"))

    html = (
        "<b>Bold</b> <i>it</i> <code>x &lt;script&gt;alert(1)&lt;/script&gt;</code> "
        '<a href="https://hh.kz/vacancy/1">link</a> and /jobs'
    )
    sent = await bot.send_message(demo.options.user_id, html)
    bubble = page.locator(f'.message[data-id="{sent.message_id}"]')
    await expect_visible(bubble.locator("b", has_text="Bold"))
    await expect_visible(bubble.locator("code", has_text="<script>alert(1)</script>"))
    link = bubble.locator("a", has_text="link")
    assert await link.get_attribute("href") == "https://hh.kz/vacancy/1"
    assert await page.locator(".messages script").count() == 0  # shown as text, never run

    await bot.edit_message_text(
        "Edited <u>live</u>", chat_id=sent.chat.id, message_id=sent.message_id
    )
    await expect_visible(bubble.locator("u", has_text="live"))
    await expect_visible(bubble.locator(".meta", has_text="edited"))
    await bot.delete_message(sent.chat.id, sent.message_id)
    await expect_gone(bubble)

    document = await bot.send_document(
        demo.options.user_id, BufferedInputFile(b"id,title\n1,Python\n", filename="export.csv")
    )
    download_link = page.locator(f'.message[data-id="{document.message_id}"] a.file-name')
    await expect_visible(download_link)
    async with page.expect_download() as download_info:
        await download_link.click()
    download = await download_info.value
    assert download.suggested_filename == "export.csv"
    saved_to = Path(await download.path())
    assert await asyncio.to_thread(saved_to.read_bytes) == b"id,title\n1,Python\n"

    await page.click("#menu-button")
    await page.locator(".menu-item", has_text="/saved").click()
    await expect_visible(bot_message(page, "Nothing saved yet"))

    await page.click("[data-action=digest]")
    await expect_visible(page.locator(".toast", has_text="/start"))


# ------------------------------------------------------------------------------ the Mini App
PYTHON_IN_ALMATY = OnboardingAnswers(
    categories=["programming"], skills=["Python", "Django", "SQL"], area_ids=["160"]
)
FEED_TIMEOUT_MS = 20_000  # the first feed fetches from the HH emulator
# Enough paid vacancies in the sandbox for the chart's salary histogram and the card's 📊.
SALES_400K_IN_ALMATY = OnboardingAnswers(
    categories=["sales"],
    skills=["Продажи"],
    area_ids=["160"],
    job_titles=["Менеджер по продажам"],
    salary=SalaryExpectation(minimum=400_000),
)


async def onboarded(demo: Demo, answers: OnboardingAnswers = PYTHON_IN_ALMATY) -> None:
    """The demo's person has started the bot and set up a profile (through the services:
    the chat's onboarding has its own browser test)."""
    assert demo.app is not None
    services = demo.app.services
    user_id = demo.options.user_id
    await services.users.ensure_user(user_id, first_name="Demo", username=None, language_code="en")
    await services.preferences.complete_onboarding(user_id, answers)


async def open_mini_app(page: Page) -> FrameLocator:
    """Open the bot's Mini App from the chat's menu button, in the side panel."""
    await page.click("#web-app-button")
    await expect_visible(page.locator("#web-app-panel"))
    app = page.frame_locator("#web-app-frame")
    await expect_visible(app.locator("body[data-ready=true]"))
    return app


async def test_rate_save_and_move_to_interview_in_the_mini_app_then_see_it_in_saved(
    page: Page, demo: Demo
) -> None:
    await onboarded(demo)
    await type_message(page, "/help")  # the chat exists once the person has written
    await expect_visible(bot_message(page, "What I can do"))
    assert await page.locator("#web-app-button").text_content() == "▦ Jobs app"

    app = await open_mini_app(page)
    card = app.locator("#feed .card").first
    await expect_visible(card, timeout=FEED_TIMEOUT_MS)
    title = (await card.locator(".job-title").text_content() or "").strip()
    await expect_visible(card.locator(".match", has_text="🎯 Match:"))
    await expect_visible(card.locator(".why", has_text="✓ "))  # the card's skill-gap line

    await card.get_by_role("button", name="👍").click()
    await expect_visible(card.locator("button[aria-pressed=true]", has_text="👍✓"))
    await card.get_by_role("button", name="⭐ Save").click()
    await expect_visible(card.get_by_role("button", name="★ Saved"))

    await app.get_by_role("tab", name="Applications").click()
    saved_column = app.locator('.column[data-status="saved"]')
    await expect_visible(saved_column.locator(".card", has_text=title))
    await saved_column.get_by_role("button", name="→ 🗣 Interview").click()
    interview = app.locator('.column[data-status="interview"]')
    await expect_visible(interview.locator(".card", has_text=title))
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=ARTIFACTS / "browser-mini-app-board.png", animations="disabled")

    await page.click("#web-app-close")
    await type_message(page, "/saved")
    listing = bot_message(page, "Your saved vacancies (1)")
    await expect_visible(listing)
    assert "🗣 Interview" in (await listing.text_content() or "")
    assert title in (await listing.text_content() or "")


async def test_a_card_and_the_market_chart_are_screenshotted_in_the_chat(
    page: Page, demo: Demo
) -> None:
    await onboarded(demo, SALES_400K_IN_ALMATY)
    await type_message(page, "/jobs")
    card = page.locator(".message.bot", has_text="🎯 Match").first
    await expect_visible(card, timeout=FEED_TIMEOUT_MS)
    await expect_visible(card.locator(".kb-button", has_text="⋯ More"))
    await expect_visible(card.locator(".text", has_text="📊"))  # where its pay stands
    ARTIFACTS.mkdir(exist_ok=True)
    await card.scroll_into_view_if_needed()
    await card.screenshot(path=ARTIFACTS / "browser-card.png", animations="disabled")

    await type_message(page, "/market")
    chart = page.locator(".message.bot", has=page.locator("img.photo")).last
    await expect_visible(chart, timeout=FEED_TIMEOUT_MS)
    image = chart.locator("img.photo")
    await expect_visible(image)
    await page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=await image.element_handle()
    )
    assert "The market for" in (await chart.text_content() or "")
    await chart.scroll_into_view_if_needed()
    await chart.screenshot(path=ARTIFACTS / "browser-market-chart.png", animations="disabled")
    for name in ("browser-card.png", "browser-market-chart.png"):
        shot = await asyncio.to_thread((ARTIFACTS / name).read_bytes)
        assert shot.startswith(b"\x89PNG\r\n\x1a\n") and len(shot) > 10_000, name


async def test_the_mini_app_works_with_the_keyboard_alone(page: Page, demo: Demo) -> None:
    await onboarded(demo)
    await type_message(page, "/help")
    await expect_visible(bot_message(page, "What I can do"))
    app = await open_mini_app(page)
    await expect_visible(app.locator("#feed .card").first, timeout=FEED_TIMEOUT_MS)
    feed_tab = app.get_by_role("tab", name="Vacancies")
    await feed_tab.focus()
    await feed_tab.press("ArrowRight")
    board_tab = app.get_by_role("tab", name="Applications")
    assert await board_tab.get_attribute("aria-selected") == "true"
    await expect_visible(app.locator("#panel-board"))
    await board_tab.press("End")
    await expect_visible(app.locator("#panel-stats h2", has_text="Recommendation accuracy"))


async def test_the_page_chrome_speaks_russian_in_a_russian_demo(
    browser: Browser, tmp_path: Path
) -> None:
    # "Menu", "Message" and the intro stayed English in a --lang ru demo.
    demo = Demo(DemoOptions(port=0, data_dir=tmp_path / "demo-ru", language="ru"))
    await demo.start()
    context = await browser.new_context(viewport={"width": 900, "height": 700})
    try:
        page = await context.new_page()
        page.set_default_timeout(STEP_TIMEOUT_MS)
        await page.goto(demo.url)
        await page.wait_for_selector("body[data-ready=true]")
        assert (await page.text_content("#menu-button") or "").strip() == "☰ Меню"
        assert await page.get_attribute("#input", "placeholder") == "Сообщение"
        assert "Это офлайн-песочница" in (await page.text_content("#empty-hint") or "")
        assert "Прислать подборку сейчас" in (await page.text_content("#actions") or "")
        assert await page.evaluate("document.documentElement.lang") == "ru"
        await page.screenshot(path=ARTIFACTS / "browser-chat-ru.png", animations="disabled")
    finally:
        await context.close()
        await demo.stop()
