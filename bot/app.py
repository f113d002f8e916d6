"""The one composition root: settings → engine, HH client, services, Bot, Dispatcher,
routers and the push scheduler. The only module of bot/ that imports db.

Everything long-lived is built here and closed by :meth:`BotApp.stop`. Handlers receive
the services through the Dispatcher's workflow data (bot.services.Services, typed by
bot.services.HandlerData). The push scheduler (bot/push) is built with the app; it runs
only when :func:`install_push` hooks it into the polling / webhook lifecycle
(:func:`build_app_with_push`: ``python -m bot`` and the sandbox demo).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import aiogram.methods
import orjson
from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import Response
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage, DefaultKeyBuilder
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.methods.base import TelegramMethod
from aiogram.types import BotCommand, BotCommandScopeAllPrivateChats, LinkPreviewOptions
from aiogram.utils.callback_answer import CallbackAnswerMiddleware
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from api.server import install_web_app
from bot.features import get_routers
from bot.features.saved.asking import ApplyQuestionMiddleware
from bot.i18n import Locales, Translator
from bot.middlewares import ThrottleConfig, setup_middlewares
from bot.push.delivery import Delivery, Pacer
from bot.push.digest import TelegramDigestSender
from bot.push.reminders import TelegramReminderSender
from bot.push.scheduler import PushScheduler
from bot.push.telegram_retry import RetryPolicy, RetryRequestMiddleware
from bot.services import Services
from core.config import Settings
from core.domain.clock import Clock, utc_now
from core.domain.feature_cache import FeatureCache
from core.domain.mapping import UserMappingService
from core.hh.client import HHClient
from core.services.analytics import AnalyticsService
from core.services.digest_delivery import DigestDelivery, DigestOptions, DigestSource
from core.services.feedback import FeedbackService
from core.services.learner import Learner
from core.services.maintenance import Maintenance
from core.services.market import MarketService
from core.services.profile import PreferencesService
from core.services.push_holders import default_holder
from core.services.push_lease import PushLease
from core.services.recommender import Recommender
from core.services.reminder_delivery import ReminderDelivery
from core.services.saved import SavedJobsService
from core.services.searches import SearchService
from core.services.users import UserService
from db.fsm_storage import SQLAlchemyStorage
from db.session import create_engine, create_session_factory, migrate

logger = logging.getLogger(__name__)
UPDATE_DRAIN_SECONDS = 10.0  # how long a stop waits for replies already being sent
EXIT_DATABASE_GONE = 3  # python -m bot's status when the database went away under it
# The share of Telegram's global rate scheduled sends leave free for replies this process
# cannot count: other instances' (with REDIS_URL several may run). One instance counts each
# of its own replies in the same budget (Pacer.count_reply), so it reserves nothing: a fixed
# fifth held the digest to 24 msg/s even while nobody was replying (bench.digest).
REPLY_HEADROOM_SHARED = 0.2

Callback = Callable[[], Awaitable[None]]

# The commands menu, in this order; descriptions are "commands.<name>" texts.
MENU_COMMANDS: tuple[str, ...] = (
    "start",
    "jobs",
    "search",
    "saved",
    "hidden",
    "preferences",
    "searches",
    "resume",
    "assessment",
    "stats",
    "market",
    "settings",
    "help",
    "export",
    "delete_me",
    "cancel",
)


# aiogram validates every Bot API answer with ``Response[method.__returning__]``. pydantic
# keeps parametrized generic models in a weak cache, so once a request is done nothing
# holds ``Response[Message]``; the next garbage collection drops it and the next request
# rebuilds its schema (milliseconds of CPU each time: a fifth of the bot's main thread
# under load). Holding every returning type's model for the life of the process stops
# that; the 41 distinct types cost about 0.1 s and 2 MB once.
_RESPONSE_MODELS: list[object] = []


def pin_response_models() -> int:
    """Build and keep ``Response[T]`` for every Bot API method's returning type."""
    if not _RESPONSE_MODELS:
        returning: dict[str, Any] = {}
        for method in vars(aiogram.methods).values():
            if isinstance(method, type) and issubclass(method, TelegramMethod):
                kind = getattr(method, "__returning__", None)
                if kind is not None and not isinstance(kind, property):
                    returning.setdefault(repr(kind), kind)
        # Spelled as the call `Response[kind]` makes: a type checker reads that subscript as a
        # type, and `kind` is a runtime value.
        _RESPONSE_MODELS.extend(Response.__class_getitem__(kind) for kind in returning.values())
    return len(_RESPONSE_MODELS)


@dataclass
class BotApp:
    settings: Settings
    bot: Bot
    dispatcher: Dispatcher
    services: Services
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    storage: BaseStorage
    # One budget for everything the bot sends: the push scheduler's Delivery paces
    # digests with it, the session's retry middleware counts replies in it.
    pacer: Pacer
    delivery: Delivery  # digests and reminders go out through it (paced, 429s re-queued)
    # The push jobs (not started); install_push appends its start/stop to the callback
    # lists, which run inside the polling / webhook lifecycle.
    scheduler: PushScheduler
    on_startup: list[Callback] = field(default_factory=list)
    on_shutdown: list[Callback] = field(default_factory=list)
    # Set by fail(): the process should stop with this status (a supervisor restarts it).
    exit_code: int = 0
    failed: asyncio.Event = field(default_factory=asyncio.Event)
    _stopped: bool = False

    async def fail(self, reason: str, exit_code: int = EXIT_DATABASE_GONE) -> None:
        """Something this process cannot recover from (the database file was deleted):
        log it once, stop polling (webhook mode waits on ``failed``), exit non-zero."""
        if self.failed.is_set():
            return
        logger.critical("stopping: %s", reason)
        self.exit_code = exit_code
        self.failed.set()
        with contextlib.suppress(RuntimeError):  # not polling (webhook mode)
            await self.dispatcher.stop_polling()

    async def start_polling(self, **kwargs: Any) -> None:
        """Poll until stopped. Keyword arguments go to ``Dispatcher.start_polling``."""
        await self.bot.delete_webhook(drop_pending_updates=False)
        await self.dispatcher.start_polling(self.bot, **kwargs)

    async def stop(self) -> None:
        """Close everything this app opened; safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        await self._finish_updates_in_flight()
        await self.services.learner.drain()  # no learning run outlives the engine
        await self.dispatcher.storage.close()
        if self.dispatcher.fsm.events_isolation is not None:
            await self.dispatcher.fsm.events_isolation.close()
        await self.bot.session.close()
        await self.services.hh.close()
        await self.engine.dispose()

    async def _finish_updates_in_flight(self) -> None:
        """Let updates already being handled finish their replies before the bot session
        and the database close: a stop (Ctrl-C, a deploy) must not cut a reply in half."""
        # aiogram keeps the tasks of updates handled in the background in this set.
        running = [
            task for task in getattr(self.dispatcher, "_handle_update_tasks", ()) if not task.done()
        ]
        if running:
            _, late = await asyncio.wait(running, timeout=UPDATE_DRAIN_SECONDS)
            for task in late:
                logger.warning("an update was still being handled at stop; cancelling it")
                task.cancel()

    async def _startup(self) -> None:
        await set_commands(self.bot, self.services.locales)
        for callback in self.on_startup:
            await callback()

    async def _shutdown(self) -> None:
        # Runs before aiogram closes the bot session at the end of polling.
        await self._finish_updates_in_flight()
        for callback in reversed(self.on_shutdown):
            try:
                await callback()
            except Exception:
                logger.exception("a shutdown callback failed")


async def build_app(
    settings: Settings,
    *,
    clock: Clock | None = None,
    throttle: ThrottleConfig | None = ThrottleConfig(),
    locales: Locales | None = None,
) -> BotApp:
    """Migrate the database and wire every part of the bot, the push scheduler included
    (not started). ``BOT_TOKEN`` is required."""
    if settings.bot_token is None:
        raise ValueError("BOT_TOKEN is required to build the bot")
    clock = clock or utc_now
    locales = locales or Locales.load()
    pin_response_models()
    await migrate(settings.database_url)
    engine = create_engine(settings.database_url)
    session_factory = create_session_factory(engine)
    hh = HHClient.from_settings(settings)
    services = build_services(settings, clock, locales, hh, session_factory)
    storage, isolation = build_storage(settings, session_factory)
    if isinstance(storage, SQLAlchemyStorage):
        # A deleted user's dialog rows go with them: so does the storage's copy.
        services.users.on_changed(storage.forget_user)
    pacer = build_pacer(settings)
    bot = build_bot(settings, pacer)
    delivery = Delivery(bot, pacer)
    dispatcher = Dispatcher(
        storage=storage, events_isolation=isolation, **services.as_workflow_data()
    )
    setup_middlewares(dispatcher, users=services.users, locales=locales, throttle=throttle)
    # Every button tap is answered once its handler returns (with the text it set, if any).
    dispatcher.callback_query.middleware(CallbackAnswerMiddleware())
    # After a person's message is answered: the apply funnel's "Did you apply?", if due.
    dispatcher.message.outer_middleware(ApplyQuestionMiddleware())
    dispatcher.include_routers(*get_routers())
    app = BotApp(
        settings=settings,
        bot=bot,
        dispatcher=dispatcher,
        services=services,
        engine=engine,
        session_factory=session_factory,
        storage=storage,
        pacer=pacer,
        delivery=delivery,
        scheduler=_push_scheduler(settings, services, session_factory, delivery, clock),
    )
    dispatcher["app"] = app
    dispatcher.startup.register(app._startup)
    dispatcher.shutdown.register(app._shutdown)
    settle_heap()
    return app


# A young-generation collection every GC_YOUNG_THRESHOLD allocations (Python's default:
# 700): an update allocates tens of thousands of short-lived objects (pydantic models,
# SQL expressions), so the default ran dozens of collections per update.
GC_YOUNG_THRESHOLD = 20_000


def settle_heap() -> None:
    """Once the app is built: what start-up made (aiogram's ~1,800 pydantic models, the
    catalogues, SQLAlchemy's mappers: most of the heap) is moved out of the garbage
    collector's sight (gc.freeze), and young collections run less often. Without it,
    each full collection walked the whole start-up heap again: 11 ms of CPU per update
    under load (bench.updates, "garbage collector"). Once per process: a process that
    builds many apps (the tests) does not keep freezing what later apps leave."""
    if _HEAP_SETTLED:
        return
    _HEAP_SETTLED.append(True)
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_THRESHOLD, middle, old)


_HEAP_SETTLED: list[bool] = []


async def build_app_with_push(
    settings: Settings,
    *,
    clock: Clock | None = None,
    throttle: ThrottleConfig | None = ThrottleConfig(),
    locales: Locales | None = None,
) -> BotApp:
    """The bot as it runs for real: :func:`build_app` with the push scheduler (digests,
    reminders, refresh, cleanup) starting and stopping with polling or the webhook
    server. ``python -m bot`` (both modes) and the sandbox demo start the bot this way."""
    app = await build_app(settings, clock=clock, throttle=throttle, locales=locales)
    install_push(app)
    install_web_app(app)  # the Mini App and its API, in this process
    return app


def install_push(app: BotApp) -> PushScheduler:
    """Hook the app's push scheduler into its lifecycle: it starts when the dispatcher
    starts (polling or webhook) and stops, releasing the lease, on shutdown. Once."""
    scheduler = app.scheduler
    if scheduler.start not in app.on_startup:
        app.on_startup.append(scheduler.start)
        app.on_shutdown.append(scheduler.stop)
    return scheduler


def build_services(
    settings: Settings,
    clock: Clock,
    locales: Locales,
    hh: HHClient,
    session_factory: async_sessionmaker[AsyncSession],
) -> Services:
    """Every core service, built once. New services are added here and to Services."""
    mapping = UserMappingService(hh)
    # One feature cache for ranking, re-scoring and learning: they see the same vacancies.
    features = FeatureCache()
    learner = Learner(session_factory, clock, features=features)
    recommender = Recommender(
        hh, session_factory, settings, clock, learner=learner, features=features
    )
    preferences = PreferencesService(session_factory, mapping, clock)
    return Services(
        settings=settings,
        clock=clock,
        locales=locales,
        hh=hh,
        users=UserService(session_factory, settings, clock),
        preferences=preferences,
        mapping=mapping,
        recommender=recommender,
        feedback=FeedbackService(session_factory, learner, clock),
        saved=SavedJobsService(session_factory, clock),
        searches=SearchService(session_factory, clock),
        analytics=AnalyticsService(session_factory, clock),
        market=MarketService(recommender, preferences, mapping),
        learner=learner,
    )


def build_push(
    app: BotApp,
    *,
    recommender: DigestSource | None = None,
    learner: Learner | None = None,
    holder: str | None = None,
    options: DigestOptions = DigestOptions(),
) -> PushScheduler:
    """Another push scheduler over the app's database and delivery (not started), with
    its own digest source, learner or digest options: what tests and bench/digest.py
    use to run the push path with small HH pages or a source that cannot answer."""
    return _push_scheduler(
        app.settings,
        app.services,
        app.session_factory,
        app.delivery,
        app.services.clock,
        recommender=recommender,
        learner=learner,
        holder=holder,
        options=options,
    )


def _push_scheduler(
    settings: Settings,
    services: Services,
    session_factory: async_sessionmaker[AsyncSession],
    delivery: Delivery,
    clock: Clock,
    *,
    recommender: DigestSource | None = None,
    learner: Learner | None = None,
    holder: str | None = None,
    options: DigestOptions = DigestOptions(),
) -> PushScheduler:
    """The push services behind their Telegram senders, on a timer under the lease."""
    holder = holder or default_holder()
    digests = DigestDelivery(
        session_factory,
        recommender or services.recommender,
        TelegramDigestSender(delivery, services.locales),
        clock,
        default_timezone=settings.default_timezone,
        holder=holder,
        options=options,
    )
    reminders = ReminderDelivery(
        session_factory, TelegramReminderSender(delivery, services.locales), clock
    )
    maintenance = Maintenance(session_factory, learner or services.learner, settings, clock)
    return PushScheduler(
        PushLease(session_factory, clock, holder),
        digests=digests,
        reminders=reminders,
        maintenance=maintenance,
        test_digests=digests,
    )


def build_storage(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession]
) -> tuple[BaseStorage, BaseEventIsolation]:
    """FSM state in the database; in Redis when REDIS_URL is set (several instances)."""
    if settings.redis_url:
        from aiogram.fsm.storage.redis import RedisStorage

        redis_storage = RedisStorage.from_url(
            settings.redis_url,
            key_builder=DefaultKeyBuilder(with_bot_id=True, with_destiny=True),
        )
        return redis_storage, redis_storage.create_isolation()
    return SQLAlchemyStorage(session_factory), SimpleEventIsolation()


def build_pacer(settings: Settings) -> Pacer:
    return Pacer(
        settings.telegram_global_rate,
        settings.telegram_chat_rate,
        headroom=REPLY_HEADROOM_SHARED if settings.redis_url else 0.0,
    )


def _json_dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def build_bot(settings: Settings, pacer: Pacer | None = None) -> Bot:
    """The aiogram Bot; every request it makes is retried through RetryRequestMiddleware
    (429 retry_after, transient 5xx and network errors)."""
    assert settings.bot_token is not None
    session = AiohttpSession(
        api=TelegramAPIServer.from_base(settings.telegram_api_url),
        # orjson: every request's markup and every answer (getUpdates batches included)
        # is JSON; the standard library's codec was a visible share of an update's CPU.
        json_loads=orjson.loads,
        json_dumps=_json_dumps,
    )
    policy = RetryPolicy(
        max_attempts=settings.telegram_retry_attempts,
        backoff_base=settings.telegram_retry_backoff,
    )
    session.middleware(RetryRequestMiddleware(pacer, policy))
    return Bot(
        settings.bot_token.get_secret_value(),
        session=session,
        # link_preview (link_preview_options), not link_preview_is_disabled: that one sends
        # the deprecated disable_web_page_preview with every message.
        default=DefaultBotProperties(
            parse_mode=ParseMode.HTML, link_preview=LinkPreviewOptions(is_disabled=True)
        ),
    )


def menu_commands(t: Translator) -> list[BotCommand]:
    return [BotCommand(command=name, description=t(f"commands.{name}")) for name in MENU_COMMANDS]


async def set_commands(bot: Bot, locales: Locales) -> None:
    """The commands menu in every language, plus English for everyone else."""
    scope = BotCommandScopeAllPrivateChats()
    await bot.set_my_commands(menu_commands(locales.get("en")), scope=scope)
    for language in locales.languages:
        await bot.set_my_commands(
            menu_commands(locales.get(language)), scope=scope, language_code=language
        )
