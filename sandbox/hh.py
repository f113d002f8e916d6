"""An offline HeadHunter API on loopback that behaves like api.hh.ru (reference/HH_API.md §9).

It answers the routes a job-seeker bot uses, enforces HH's header and token rules, pages
with HH's depth limit, and can inject the failures the real service shows (429, 503,
non-JSON 5xx, HTML 403 from the anti-DDoS edge, captcha, dropped connections, latency).

    python -m sandbox.hh --port 8765 [--seed 42] [--size 5000] [--open]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import json
import re
import time
import uuid
from collections import Counter, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from sandbox.corpus import BadArgument, Corpus, SearchResult, build_corpus, pages_for
from sandbox.corpus_generator import DEFAULT_SIZE
from sandbox.hh_clusters import clusters, similar_order
from sandbox.hh_reference import API, DEPTH_LIMIT, SITE_HOST, iter_areas

FAULT_KINDS = ("latency", "5xx", "500_html", "429", "captcha", "forbidden_html", "non_json", "drop")
ANONYMOUS_MODES = ("captcha", "forbidden", "open", "first_free")
HOSTS = ("hh.ru", "hh.kz", "hh.uz", "rabota.by", "hh1.az", "headhunter.ge", "headhunter.kg")
MAX_PER_PAGE = 100
DEPTH_MESSAGE = "you can't look up more than 2000 items in the list"
_DETAIL_RE = re.compile(r"^/vacancies/[^/]+$")
_ITEMS_MARK = "\x00items\x00"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class EmulatorStats:
    """What the emulator saw; tests and benchmarks read it to check client behaviour."""

    total_requests: int = 0
    search_requests: int = 0  # GET /vacancies
    detail_requests: int = 0  # GET /vacancies/{id}
    in_flight: int = 0
    max_in_flight: int = 0
    by_path: Counter[str] = field(default_factory=Counter)
    statuses: Counter[int] = field(default_factory=Counter)


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]  # user-agent, hh-user-agent, authorization when sent
    at: float = 0.0  # time.monotonic() on arrival, to check a client's pacing


@dataclass
class _Fault:
    kind: str
    remaining: int  # -1: until clear_faults()
    path_prefix: str
    delay: float


class _Drop(Exception):
    """Raised to close the connection without writing a response."""


def _request_id() -> str:
    return uuid.uuid4().hex


def _error_body(errors: list[dict], description: str, **extra: Any) -> dict:
    return {"errors": errors, "description": description, **extra, "request_id": _request_id()}


def _plain_json(
    body: Any, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    return web.Response(
        text=json.dumps(body, ensure_ascii=False),
        status=status,
        content_type="application/json",
        headers=headers,
    )


def _not_found() -> web.Response:
    return _plain_json(_error_body([{"type": "not_found"}], "Not Found"), status=404)


def _bad_argument(name: str, description: str | None = None) -> web.Response:
    text = description or f"invalid value of {name}"
    body = _error_body(
        [{"type": "bad_argument", "value": name}],
        text,
        bad_arguments=[{"name": name, "description": text}],
        bad_argument=name,
    )
    return _plain_json(body, status=400)


def _depth_error() -> web.Response:
    """Exactly the body HH sends past the 2000-item depth (reference/HH_API.md §2)."""
    body = {
        "errors": [
            {"type": "bad_argument", "value": "page"},
            {"type": "bad_argument", "value": "per_page"},
        ],
        "bad_arguments": [{"name": "page, per_page", "description": DEPTH_MESSAGE}],
        "description": DEPTH_MESSAGE,
        "bad_argument": "page, per_page",
        "request_id": _request_id(),
    }
    return _plain_json(body, status=400)


def _captcha() -> web.Response:
    state = uuid.uuid4().hex
    error = {
        "type": "captcha_required",
        "value": "captcha_required",
        "captcha_url": f"https://hh.ru/account/captcha?state={state}",
        "fallback_url": f"https://hh.ru/account/captcha?state={state}&fallback=true",
    }
    return _plain_json(_error_body([error], "Forbidden"), status=403)


def _forbidden() -> web.Response:
    return _plain_json(_error_body([{"type": "forbidden"}], "Forbidden"), status=403)


def _html(status: int, title: str, headers: dict[str, str] | None = None) -> web.Response:
    page = f"<html><head><title>{title}</title></head><body><h1>{title}</h1></body></html>"
    return web.Response(text=page, status=status, content_type="text/html", headers=headers)


def _int_param(request: web.Request, name: str, default: int) -> int:
    raw = request.query.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise BadArgument(name) from exc


class HHEmulator:
    """The fake api.hh.ru. Start it, point the client's base URL at ``url``."""

    def __init__(
        self,
        corpus: Corpus | None = None,
        *,
        seed: int = 42,
        size: int = DEFAULT_SIZE,
        app_token: str | None = "sandbox-app-token",
        anonymous_mode: str = "captcha",
    ) -> None:
        """``anonymous_mode`` for token-less /vacancies*: "captcha" (403 captcha_required),
        "forbidden" (bare 403), "open" (allowed; the offline demo) or "first_free" (the
        spec's "captcha after the first request")."""
        if anonymous_mode not in ANONYMOUS_MODES:
            raise ValueError(f"anonymous_mode must be one of {ANONYMOUS_MODES}")
        self.corpus = corpus if corpus is not None else build_corpus(seed=seed, size=size)
        self.app_token = app_token
        self.anonymous_mode = anonymous_mode
        self.url = ""
        self.stats = EmulatorStats()
        self.requests: list[RecordedRequest] = []
        self._faults: deque[_Fault] = deque()
        self._concurrency_delay = 0.0
        self._anonymous_seen = 0
        self._runner: web.AppRunner | None = None
        self._static: dict[str, tuple[str, str]] = {}  # path -> (json text, etag)

    # ---- lifecycle ----------------------------------------------------------------------

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Listen on ``host:port`` (0: any free port) and return the base URL."""
        app = web.Application(middlewares=[self._edge])
        self._add_routes(app)
        # A short shutdown timeout: a test may stop us while a latency fault is sleeping.
        self._runner = web.AppRunner(
            app, access_log=None, handle_signals=False, shutdown_timeout=0.5
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        bound_port = self._runner.addresses[0][1]
        self.url = f"http://{host}:{bound_port}"
        self._static.clear()
        return self.url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> HHEmulator:
        if not self.url:
            await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    def _add_routes(self, app: web.Application) -> None:
        app.router.add_get("/vacancies", self._search)
        app.router.add_get("/vacancies/{vacancy_id}", self._vacancy)
        app.router.add_get("/vacancies/{vacancy_id}/similar_vacancies", self._similar)
        app.router.add_get("/areas", self._areas)
        app.router.add_get("/areas/countries", self._countries)
        app.router.add_get("/areas/{area_id}", self._area)
        app.router.add_get("/dictionaries", self._dictionaries)
        app.router.add_get("/professional_roles", self._professional_roles)
        app.router.add_get("/suggests/areas", self._suggest_areas)
        app.router.add_get("/me", self._me)

    # ---- test controls ------------------------------------------------------------------

    def inject(
        self, kind: str, count: int = 1, *, path_prefix: str = "/vacancies", delay: float = 0.0
    ) -> None:
        """Queue a fault for the next ``count`` requests under ``path_prefix`` (-1: forever).

        Faults are used in the order queued. ``delay`` sleeps before the fault answers
        (for "latency" it is the whole effect). Note that aiohttp's client transparently
        retries an idempotent request once after a "drop": inject two to see the error.
        """
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault {kind!r}; expected one of {FAULT_KINDS}")
        if count == 0 or count < -1:
            raise ValueError("count must be positive or -1")
        self._faults.append(_Fault(kind, count, path_prefix, delay))

    def clear_faults(self) -> None:
        self._faults.clear()

    def reset_stats(self) -> None:
        in_flight = self.stats.in_flight  # requests still running will decrement it
        self.stats = EmulatorStats(in_flight=in_flight, max_in_flight=in_flight)
        self.requests.clear()

    def set_concurrency_delay(self, seconds: float) -> None:
        """Make every request take at least this long, so concurrency becomes visible."""
        self._concurrency_delay = max(0.0, seconds)

    # ---- the edge: bookkeeping, faults, headers, auth ----------------------------------

    @web.middleware
    async def _edge(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        stats = self.stats
        self._record(request)
        stats.in_flight += 1
        stats.max_in_flight = max(stats.max_in_flight, stats.in_flight)
        try:
            response = await self._respond(request, handler)
        except _Drop:
            # Closing the transport mid-request is what a dying upstream looks like; the
            # placeholder response is never written (aiohttp skips closed transports).
            if request.transport is not None:
                request.transport.close()
            return web.Response(status=499)
        finally:
            stats.in_flight -= 1
        stats.statuses[response.status] += 1
        return response

    def _record(self, request: web.Request) -> None:
        stats = self.stats
        stats.total_requests += 1
        stats.by_path[request.path] += 1
        if request.method == "GET" and request.path == "/vacancies":
            stats.search_requests += 1
        elif request.method == "GET" and _DETAIL_RE.match(request.path):
            stats.detail_requests += 1
        headers = {
            k: request.headers[k]
            for k in ("User-Agent", "HH-User-Agent", "Authorization")
            if k in request.headers
        }
        self.requests.append(
            RecordedRequest(
                method=request.method,
                path=request.path,
                query=list(request.query.items()),
                headers={k.lower(): v for k, v in headers.items()},
                at=time.monotonic(),
            )
        )

    async def _respond(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if self._concurrency_delay:
            await asyncio.sleep(self._concurrency_delay)
        fault = self._take_fault(request.path)
        if fault is not None:
            faulted = await self._fault_response(fault)
            if faulted is not None:
                return faulted
        refused = self._check_headers(request)
        if refused is not None:
            return refused
        try:
            return await handler(request)
        except BadArgument as exc:
            return _bad_argument(exc.name, exc.description)
        except web.HTTPNotFound:
            return _not_found()
        except web.HTTPMethodNotAllowed:
            body = _error_body([{"type": "method_not_allowed"}], "Method Not Allowed")
            return _plain_json(body, status=405)

    def _take_fault(self, path: str) -> _Fault | None:
        for fault in self._faults:
            if path.startswith(fault.path_prefix):
                if fault.remaining > 0:
                    fault.remaining -= 1
                    if fault.remaining == 0:
                        self._faults.remove(fault)
                return fault
        return None

    @staticmethod
    async def _fault_response(fault: _Fault) -> web.StreamResponse | None:
        """The injected failure, or None when it only delays (latency)."""
        if fault.delay:
            await asyncio.sleep(fault.delay)
        kind = fault.kind
        if kind == "latency":
            return None
        if kind == "drop":
            raise _Drop
        if kind == "5xx":
            body = _error_body([{"type": "service_unavailable"}], "Service Unavailable")
            return _plain_json(body, status=503)
        if kind == "500_html":
            return _html(500, "500 Internal Server Error")
        if kind == "429":
            return web.Response(status=429)
        if kind == "captcha":
            return _captcha()
        if kind == "forbidden_html":
            return _html(403, "403 Forbidden", headers={"Server": "ddos-guard"})
        return _html(200, "Just a moment...")  # non_json: a 200 that is not JSON

    def _check_headers(self, request: web.Request) -> web.Response | None:
        """HH's rules: a User-Agent always; a valid app token if any; a token for vacancies."""
        user_agent = request.headers.get("HH-User-Agent") or request.headers.get("User-Agent")
        if not user_agent:
            body = _error_body(
                [{"type": "bad_user_agent", "value": "unset"}], "User-Agent is required"
            )
            return _plain_json(body, status=400)
        authorization = request.headers.get("Authorization")
        authorized = False
        if authorization is not None:
            scheme, _, token = authorization.partition(" ")
            if scheme.lower() != "bearer" or not self.app_token or token != self.app_token:
                body = _error_body(
                    [{"type": "oauth", "value": "bad_authorization"}],
                    "Forbidden",
                    oauth_error="bad_authorization",
                )
                return _plain_json(body, status=403)
            authorized = True
        if not authorized and request.path.startswith("/vacancies"):
            return self._anonymous_refusal()
        if not authorized and request.path == "/me":
            return _forbidden()
        return None

    def _anonymous_refusal(self) -> web.Response | None:
        mode = self.anonymous_mode
        if mode == "open":
            return None
        if mode == "forbidden":
            return _forbidden()
        if mode == "first_free":  # the spec: "a captcha is demanded after the first request"
            self._anonymous_seen += 1
            if self._anonymous_seen == 1:
                return None
        return _captcha()

    # ---- serialisation ------------------------------------------------------------------

    def _json(self, request: web.Request, body: Any, status: int = 200) -> web.Response:
        """JSON with api.hh.ru links pointing back at us and site links at ``host``."""
        return web.Response(
            text=self._rewrite(json.dumps(body, ensure_ascii=False), request),
            status=status,
            content_type="application/json",
        )

    def _rewrite(self, text: str, request: web.Request) -> str:
        text = text.replace(API, self.url)
        host = request.query.get("host")
        if host and host != SITE_HOST:
            text = text.replace(f"https://{SITE_HOST}/", f"https://{host}/")
            text = text.replace(f"host={SITE_HOST}", f"host={host}")
        return text

    def _cached_json(
        self, request: web.Request, key: str, build: Callable[[], Any]
    ) -> web.Response:
        """Areas and dictionaries: serialised once, with ETag / If-None-Match like HH."""
        if key not in self._static:
            text = json.dumps(build(), ensure_ascii=False).replace(API, self.url)
            self._static[key] = (text, '"' + hashlib.sha1(text.encode()).hexdigest() + '"')
        text, etag = self._static[key]
        headers = {"ETag": etag, "Cache-Control": "max-age=3600"}
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers=headers)
        return web.Response(text=text, content_type="application/json", headers=headers)

    @staticmethod
    def _check_host(request: web.Request) -> None:
        host = request.query.get("host")
        if host is not None and host not in HOSTS:
            raise BadArgument("host")

    # ---- routes -------------------------------------------------------------------------

    async def _search(self, request: web.Request) -> web.Response:
        self._check_host(request)
        return self._page(request, self.corpus.run(request.query))

    async def _similar(self, request: web.Request) -> web.Response:
        """Same parameters and envelope as the search, ordered by likeness to the vacancy."""
        self._check_host(request)
        source_id = request.match_info["vacancy_id"]
        if source_id not in self.corpus.vacancies:
            return _not_found()
        result = self.corpus.run(request.query)
        ordered = similar_order(self.corpus, source_id, result.indices)
        return self._page(request, SearchResult(ordered, result.stems, result.prefixes))

    def _page(self, request: web.Request, result: SearchResult) -> web.Response:
        per_page = _int_param(request, "per_page", 20)
        page = _int_param(request, "page", 0)
        if per_page > MAX_PER_PAGE or per_page < 0:
            return _bad_argument("per_page", f"per_page must be between 0 and {MAX_PER_PAGE}")
        if page < 0:
            return _bad_argument("page")
        if (page + 1) * per_page > DEPTH_LIMIT:
            return _depth_error()
        found = len(result.indices)
        window = result.indices[page * per_page : (page + 1) * per_page]
        items = ",".join(self.corpus.item_json(i, result.stems, result.prefixes) for i in window)
        host = request.query.get("host") or SITE_HOST
        wants_clusters = request.query.get("clusters", "").lower() == "true"
        body = {
            "items": _ITEMS_MARK,
            "found": found,
            "pages": pages_for(found, per_page),
            "page": page,
            "per_page": per_page,
            "clusters": (
                clusters(self.corpus, result.indices, list(request.query.items()), host)
                if wants_clusters
                else None
            ),
            "arguments": None,
            "alternate_url": f"https://{host}/search/vacancy?{request.query_string}",
            "fixes": None,
            "suggests": None,
        }
        # Items arrive pre-serialised (the slow part of a 100-item page); splice them in.
        text = json.dumps(body, ensure_ascii=False).replace(
            json.dumps(_ITEMS_MARK), f"[{items}]", 1
        )
        return web.Response(text=self._rewrite(text, request), content_type="application/json")

    async def _vacancy(self, request: web.Request) -> web.Response:
        self._check_host(request)
        vacancy = self.corpus.vacancies.get(request.match_info["vacancy_id"])
        if vacancy is None:
            return _not_found()
        return self._json(request, vacancy)

    async def _areas(self, request: web.Request) -> web.Response:
        return self._cached_json(request, "areas", lambda: self.corpus.areas)

    async def _countries(self, request: web.Request) -> web.Response:
        countries = [
            {"id": n["id"], "name": n["name"], "url": f"{API}/areas/{n['id']}"}
            for n in self.corpus.areas
        ]
        return self._cached_json(request, "countries", lambda: countries)

    async def _area(self, request: web.Request) -> web.Response:
        area_id = request.match_info["area_id"]
        node = self.corpus.area_nodes.get(area_id)
        if node is None:
            return _not_found()
        return self._cached_json(request, f"area:{area_id}", lambda: node)

    async def _dictionaries(self, request: web.Request) -> web.Response:
        return self._cached_json(request, "dictionaries", lambda: self.corpus.dictionaries)

    async def _professional_roles(self, request: web.Request) -> web.Response:
        return self._cached_json(
            request, "professional_roles", lambda: self.corpus.professional_roles
        )

    async def _suggest_areas(self, request: web.Request) -> web.Response:
        text = request.query.get("text", "").strip()
        if not 2 <= len(text) <= 3000:
            return _bad_argument("text", "text must be 2 to 3000 characters long")
        roots = self.corpus.areas
        area_id = request.query.get("area_id")
        if area_id is not None:
            node = self.corpus.area_nodes.get(area_id)
            if node is None:
                return _bad_argument("area_id")
            roots = node["areas"]
        needle = _fold(text)
        prefixed, inside = [], []
        for node in iter_areas(roots):
            name = _fold(node["name"])
            if name.startswith(needle):
                prefixed.append(node)
            elif needle in name:
                inside.append(node)
        items = [
            {"id": n["id"], "text": n["name"], "url": f"{API}/areas/{n['id']}"}
            for n in (prefixed + inside)[:30]
        ]
        return self._json(request, {"items": items})

    async def _me(self, request: web.Request) -> web.Response:
        return self._json(
            request,
            {
                "auth_type": "application",
                "is_application": True,
                "is_applicant": False,
                "is_employer": False,
                "is_admin": False,
            },
        )


def _fold(text: str) -> str:
    """Case- and ё-insensitive form for area suggestions."""
    return text.casefold().replace("ё", "е")


# ---- command line ----------------------------------------------------------------------


async def _serve(args: argparse.Namespace) -> None:
    emulator = HHEmulator(
        seed=args.seed,
        size=args.size,
        app_token=args.token,
        anonymous_mode="open" if args.open else "captcha",
    )
    url = await emulator.start(args.host, args.port)
    auth = "no token needed" if args.open else f"Authorization: Bearer {args.token}"
    print(f"HH emulator on {url} ({len(emulator.corpus.vacancies)} vacancies; {auth})", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await emulator.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Offline HeadHunter API emulator")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--size", type=int, default=DEFAULT_SIZE)
    parser.add_argument("--token", default="sandbox-app-token")
    parser.add_argument(
        "--open", action="store_true", help="answer /vacancies without a token (offline demo)"
    )
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args))


if __name__ == "__main__":
    main()
