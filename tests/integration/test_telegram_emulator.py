"""The Telegram Bot API emulator, driven by the real aiogram Bot over loopback HTTP."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from aiogram import Bot, Dispatcher, F, Router, html
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramRetryAfter,
    TelegramUnauthorizedError,
)
from aiogram.filters import Command
from aiogram.methods import SendMessage
from aiogram.types import (
    BotCommand,
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web

from sandbox.telegram import TelegramEmulator
from sandbox.telegram_html import HtmlParseError, parse_html
from tests.fixtures.telegram import make_bot

USER = 42


def keyboard(*buttons: tuple[str, str]) -> InlineKeyboardMarkup:
    rows = [[InlineKeyboardButton(text=text, callback_data=data)] for text, data in buttons]
    return InlineKeyboardMarkup(inline_keyboard=rows)


@pytest.fixture
def user(tg_emulator: TelegramEmulator) -> int:
    tg_emulator.user(USER, first_name="Ann")
    return USER


def echo_router() -> Router:
    router = Router(name="echo")

    @router.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(
            f"you said: <b>{html.quote(message.text or '')}</b>",
            reply_markup=keyboard(("Like", "like:1")),
        )

    @router.callback_query(F.data == "like:1")
    async def like(query: CallbackQuery) -> None:
        assert isinstance(query.message, Message)
        await query.message.edit_text("liked ✅", reply_markup=keyboard(("Unlike", "like:0")))
        await query.answer("Thanks!")

    return router


@pytest.fixture
async def polling_bot(tg_emulator: TelegramEmulator, tg_bot: Bot) -> AsyncIterator[Dispatcher]:
    dispatcher = Dispatcher()
    dispatcher.include_router(echo_router())
    task = asyncio.create_task(
        dispatcher.start_polling(
            tg_bot, polling_timeout=1, handle_signals=False, close_bot_session=False
        )
    )
    try:
        yield dispatcher
    finally:
        await dispatcher.stop_polling()
        await asyncio.wait_for(task, 5)


async def test_send_message_result_is_parsed_by_aiogram(
    tg_emulator: TelegramEmulator, tg_bot: Bot, user: int
) -> None:
    message = await tg_bot.send_message(user, "<b>Hello</b>, <i>Ann</i>")
    assert isinstance(message, Message)
    assert message.chat.id == user and message.from_user and message.from_user.is_bot
    assert message.text == "Hello, Ann"
    assert message.html_text == "<b>Hello</b>, <i>Ann</i>"
    [stored] = tg_emulator.chat(user)
    assert stored.from_bot and stored.message_id == message.message_id


async def test_unsupported_html_tag_is_a_bad_request(
    tg_emulator: TelegramEmulator, tg_bot: Bot, user: int
) -> None:
    # The offset is in UTF-8 bytes: six Cyrillic letters take 12.
    with pytest.raises(TelegramBadRequest, match='Unsupported start tag "p" at byte offset 12'):
        await tg_bot.send_message(user, "Привет<p>x</p>")
    assert tg_emulator.chat(user) == []


async def test_escaped_text_is_accepted_and_plain_is_unescaped(
    tg_emulator: TelegramEmulator, tg_bot: Bot, user: int
) -> None:
    await tg_bot.send_message(user, "Salary &lt;100k&gt; &amp; R&amp;D &quot;ok&quot; &#8364;")
    [stored] = tg_emulator.chat(user)
    assert stored.plain == 'Salary <100k> & R&D "ok" €'
    assert tg_emulator.errors_4xx == []


async def test_length_limit_counts_visible_text_not_tags(
    tg_emulator: TelegramEmulator, tg_bot: Bot, user: int
) -> None:
    await tg_bot.send_message(user, "<b>" + "x" * 4000 + "</b>" + "&amp;" * 96)  # 4096 visible
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await tg_bot.send_message(user, "x" * 4097)
    assert len(tg_emulator.chat(user)[0].plain) == 4096


async def test_callback_data_over_64_bytes_is_rejected(tg_bot: Bot, user: int) -> None:
    data = "ж" * 33  # 33 characters, 66 bytes
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await tg_bot.send_message(user, "pick", reply_markup=keyboard(("Pick", data)))


async def test_edit_without_change_is_not_modified(tg_bot: Bot, user: int) -> None:
    markup = keyboard(("A", "a"))
    sent = await tg_bot.send_message(user, "<b>same</b>", reply_markup=markup)
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        # <strong> is the same entity as <b>: Telegram compares content, not markup source.
        await tg_bot.edit_message_text(
            "<strong>same</strong>", chat_id=user, message_id=sent.message_id, reply_markup=markup
        )


async def test_injected_429_raises_retry_after(
    tg_emulator: TelegramEmulator, tg_bot: Bot, user: int
) -> None:
    tg_emulator.inject("sendMessage", 429, retry_after=7)
    with pytest.raises(TelegramRetryAfter) as caught:
        await tg_bot.send_message(user, "hi")
    assert caught.value.retry_after == 7
    await tg_bot.send_message(user, "hi again")  # only the next call was affected
    assert tg_emulator.errors_4xx == []
    assert tg_emulator.stats.errors[0][:2] == ("sendMessage", 429)


async def test_global_rate_limit_rejects_bursts_but_not_paced_sends() -> None:
    rate = 40
    async with TelegramEmulator(global_rate=rate) as emulator:
        bot = make_bot(emulator)
        chats = [emulator.user(1000 + i).user_id for i in range(60)]
        try:
            # Paced just under the limit, more messages than the burst allowance: no 429.
            for chat in chats:
                await bot.send_message(chat, "paced")
                await asyncio.sleep(1.1 / rate)
            assert emulator.stats.rate_limited == 0
            assert emulator.stats.max_send_rate <= rate
            burst = await asyncio.gather(
                *(bot.send_message(chat, "burst") for chat in chats), return_exceptions=True
            )
            assert any(isinstance(result, TelegramRetryAfter) for result in burst)
            assert emulator.stats.rate_limited > 0
            assert emulator.errors_4xx == []
        finally:
            await bot.session.close()


async def test_blocked_user_raises_forbidden(
    tg_emulator: TelegramEmulator, tg_bot: Bot, user: int
) -> None:
    tg_emulator.block(user)
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await tg_bot.send_message(user, "digest")
    assert tg_emulator.errors_4xx == []


async def test_unknown_chat_is_not_found(tg_emulator: TelegramEmulator, tg_bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await tg_bot.send_message(777, "hello?")


async def test_polling_dispatcher_answers_ask(
    tg_emulator: TelegramEmulator, polling_bot: Dispatcher
) -> None:
    ann = tg_emulator.user(USER, first_name="Ann")
    reply = await ann.ask("hi & <bye>")
    assert reply.plain == "you said: hi & <bye>"
    assert [[b.text for b in row] for row in reply.buttons] == [["Like"]]
    assert [m.from_bot for m in ann.messages()] == [False, True]


async def test_press_reaches_callback_handler_and_edit_shows_in_chat(
    tg_emulator: TelegramEmulator, polling_bot: Dispatcher
) -> None:
    ann = tg_emulator.user(USER)
    card = await ann.ask("vacancy")
    edited = await ann.tap("Like")
    assert edited.edited and edited.message_id == card.message_id
    assert edited.plain == "liked ✅"
    assert [m.plain for m in tg_emulator.chat(USER)] == ["vacancy", "liked ✅"]
    await asyncio.sleep(0.05)  # the answer follows the edit
    assert ann.callback_answers == [("Thanks!", False)]
    with pytest.raises(LookupError, match="Unlike"):
        await ann.press("Nope")


async def test_second_callback_answer_is_rejected(
    tg_emulator: TelegramEmulator, tg_bot: Bot, user: int
) -> None:
    await tg_bot.send_message(user, "card", reply_markup=keyboard(("Save", "save:1")))
    ann = tg_emulator.user(user)
    await ann.press("Save")
    [update] = await tg_bot.get_updates(timeout=0)
    assert update.callback_query is not None and update.callback_query.data == "save:1"
    assert await tg_bot.answer_callback_query(update.callback_query.id, text="Saved")
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await tg_bot.answer_callback_query(update.callback_query.id)


async def test_send_document_is_stored(
    tg_emulator: TelegramEmulator, tg_bot: Bot, user: int
) -> None:
    payload = b'{"saved": []}'
    file = BufferedInputFile(payload, filename="export.json")
    message = await tg_bot.send_document(user, file, caption="Your <b>data</b>")
    assert message.document is not None and message.document.file_name == "export.json"
    [document] = tg_emulator.documents
    assert document == (user, "export.json", payload, "Your <b>data</b>")
    assert tg_emulator.chat(user)[0].plain == "Your data"


async def test_set_my_commands_per_language(tg_emulator: TelegramEmulator, tg_bot: Bot) -> None:
    await tg_bot.set_my_commands([BotCommand(command="start", description="Start")])
    await tg_bot.set_my_commands(
        [BotCommand(command="start", description="Начать")], language_code="ru"
    )
    assert tg_emulator.commands[""] == [{"command": "start", "description": "Start"}]
    assert tg_emulator.commands["ru"][0]["description"] == "Начать"
    [command] = await tg_bot.get_my_commands(language_code="ru")
    assert command.description == "Начать"


async def test_errors_4xx_records_only_validation_failures(
    tg_emulator: TelegramEmulator, tg_bot: Bot, user: int
) -> None:
    tg_emulator.inject("sendMessage", 400, description="Bad Request: injected")
    with pytest.raises(TelegramBadRequest):
        await tg_bot.send_message(user, "injected")
    with pytest.raises(TelegramBadRequest):
        await tg_bot.send_message(user, "<b>unclosed")
    assert tg_emulator.errors_4xx == [
        (
            "sendMessage",
            400,
            "Bad Request: can't parse entities: Can't find end tag corresponding to "
            'start tag "b"',
        )
    ]
    assert len(tg_emulator.stats.errors) == 2


async def test_per_chat_rate_limit_allows_a_small_burst() -> None:
    async with TelegramEmulator(per_chat_rate=1) as emulator:
        bot = make_bot(emulator)
        emulator.user(USER)
        emulator.user(USER + 1)
        try:
            for _ in range(3):
                await bot.send_message(USER, "burst")
            with pytest.raises(TelegramRetryAfter) as caught:
                await bot.send_message(USER, "one too many")
            assert caught.value.retry_after == 1
            await bot.send_message(USER + 1, "another chat is not affected")
        finally:
            await bot.session.close()


async def test_wrong_token_is_unauthorized(tg_emulator: TelegramEmulator) -> None:
    session = AiohttpSession(api=TelegramAPIServer.from_base(tg_emulator.url))
    async with Bot("999:WRONG", session=session) as bot:
        with pytest.raises(TelegramUnauthorizedError):
            await bot.get_me()


async def test_command_carries_bot_command_entity(
    tg_emulator: TelegramEmulator, tg_bot: Bot
) -> None:
    await tg_emulator.user(USER).send("/start ref_7")
    [update] = await tg_bot.get_updates(timeout=0)
    assert update.message is not None and update.message.entities is not None
    [entity] = update.message.entities
    assert (entity.type, entity.offset, entity.length) == ("bot_command", 0, 6)


async def test_webhook_delivers_updates_and_runs_methods_from_the_reply(
    tg_emulator: TelegramEmulator, tg_bot: Bot
) -> None:
    router = Router()

    @router.message(Command("start"))
    async def start(message: Message) -> SendMessage:
        # handle_in_background=False: aiogram returns the call in the webhook reply body.
        return SendMessage(chat_id=message.chat.id, text="<b>welcome</b>")

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    app = web.Application()
    handler = SimpleRequestHandler(
        dispatcher, tg_bot, secret_token="s3cret", handle_in_background=False
    )
    handler.register(app, path="/webhook")
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        port = runner.addresses[0][1]
        await tg_bot.set_webhook(f"http://127.0.0.1:{port}/webhook", secret_token="s3cret")
        reply = await tg_emulator.user(USER).ask("/start")
        assert reply.plain == "welcome"
        with pytest.raises(TelegramConflictError, match="webhook is active"):
            await tg_bot.get_updates()
        await tg_bot.delete_webhook()
    finally:
        await runner.cleanup()


@pytest.mark.parametrize(
    ("source", "plain"),
    [
        ("a &amp; b &lt;c&gt;", "a & b <c>"),
        ("R&D &nbsp;", "R&D &nbsp;"),  # Telegram shows a bare & and unknown entities literally
        ('<a href="https://hh.kz/vacancy/1?a=1&amp;b=2">job</a>', "job"),
        ('<pre><code class="language-python">x = 1</code></pre>', "x = 1"),
        ('<span class="tg-spoiler">s</span><blockquote expandable>q</blockquote>', "sq"),
        ("<b foo>x</b> <i a b=c>y</i>", "x y"),  # attributes without a value are ignored
    ],
)
def test_html_parser_accepts_what_telegram_accepts(source: str, plain: str) -> None:
    assert parse_html(source).plain == plain


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("<br>", 'Unsupported start tag "br" at byte offset 0'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler"'),
        # As tdlib's parse_html (test/message_entities.cpp):
        ("&#xD83D;", "check for unmatched surrogate code units"),
        ("a &#57311; b", "check for unmatched surrogate code units"),
        ("<tg-emoji>x</tg-emoji>", "Invalid custom emoji identifier specified"),
        ('<tg-emoji emoji-id="abc">x</tg-emoji>', "Invalid custom emoji identifier specified"),
        ("<b\f>x</b>", 'Unsupported start tag "b\f" at byte offset 0'),  # \f is no space
    ],
)
def test_html_parser_rejects_what_telegram_rejects(source: str, error: str) -> None:
    with pytest.raises(HtmlParseError, match=error):
        parse_html(source)


async def test_wait_for_timeout_shows_the_transcript(tg_emulator: TelegramEmulator) -> None:
    ann = tg_emulator.user(USER)
    await ann.send("anyone there?")
    with pytest.raises(TimeoutError, match=r"\[user\] anyone there\?"):
        await ann.wait_for(timeout=0.05)


@pytest.mark.parametrize(
    ("source", "links"),
    [
        ('<a href="javascript:alert(1)">x</a>', []),  # the text stays, the link is dropped
        ("<a>not a url</a>", []),
        ("<a>telegram.org </a>", []),
        ("<a>telegram.org</a>", ["http://telegram.org/"]),
        (
            '<a href="https://hh.kz/vacancy/1?a=1&amp;b=2">job</a>',
            ["https://hh.kz/vacancy/1?a=1&b=2"],
        ),
        ('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', []),
    ],
)
def test_html_parser_builds_the_links_telegram_builds(source: str, links: list[str]) -> None:
    entities = parse_html(source).entities
    assert [e["url"] for e in entities if e["type"] == "text_link"] == links
