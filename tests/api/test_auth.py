"""Who may call the API: initData signed for this bot, fresh, naming someone who started
the bot. Everything else is refused before any data is read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlencode

from tests.api.conftest import OTHER_TOKEN, ApiClient, long_ago

FEED = "/api/jobs/recommendations"


async def test_valid_init_data_gets_the_feed(api: ApiClient) -> None:
    await api.seed(1)
    answer = await api.get(FEED, user=1)
    assert answer.status == 200
    assert answer.body["recommendations"]


async def test_absent_init_data_is_401_with_a_json_error(api: ApiClient) -> None:
    answer = await api.get(FEED)
    assert answer.status == 401
    assert answer.error["code"] == "init_data_missing"
    assert answer.headers["WWW-Authenticate"] == "tma"


async def test_another_scheme_is_401(api: ApiClient) -> None:
    await api.seed(1)
    answer = await api.get(FEED, authorization=f"Bearer {api.init_data(1)}")
    assert answer.status == 401
    assert answer.error["code"] == "init_data_missing"


async def test_init_data_signed_with_another_bots_token_is_401(api: ApiClient) -> None:
    await api.seed(1)
    answer = await api.get(FEED, authorization=f"tma {api.init_data(1, token=OTHER_TOKEN)}")
    assert answer.status == 401
    assert answer.error["code"] == "init_data_forged"


async def test_init_data_whose_user_was_changed_after_signing_is_401(api: ApiClient) -> None:
    await api.seed(1)
    await api.seed(2)
    fields = dict(parse_qsl(api.init_data(1)))
    fields["user"] = fields["user"].replace('"id":1', '"id":2')
    answer = await api.get(FEED, authorization=f"tma {urlencode(fields)}")
    assert answer.status == 401
    assert answer.error["code"] == "init_data_forged"


async def test_init_data_older_than_the_max_age_is_401(api: ApiClient) -> None:
    await api.seed(1)
    max_age = api.world.settings.web_app_auth_max_age
    stale = api.init_data(1, auth_date=long_ago(max_age))
    answer = await api.get(FEED, authorization=f"tma {stale}")
    assert answer.status == 401
    assert answer.error["code"] == "init_data_expired"


async def test_init_data_within_the_max_age_is_accepted(api: ApiClient) -> None:
    await api.seed(1)
    opened = datetime.now(UTC) - timedelta(seconds=api.world.settings.web_app_auth_max_age - 600)
    answer = await api.get(FEED, authorization=f"tma {api.init_data(1, auth_date=opened)}")
    assert answer.status == 200


async def test_init_data_without_its_hash_is_401(api: ApiClient) -> None:
    await api.seed(1)
    fields = dict(parse_qsl(api.init_data(1)))
    del fields["hash"]
    answer = await api.get(FEED, authorization=f"tma {urlencode(fields)}")
    assert answer.status == 401


async def test_someone_who_never_started_the_bot_gets_409_pointing_to_the_bot(
    api: ApiClient,
) -> None:
    answer = await api.get(FEED, user=77)
    assert answer.status == 409
    assert answer.error["code"] == "not_started"
    assert "/start" in answer.error["message"]


async def test_the_409_message_is_in_the_language_telegram_reports(api: ApiClient) -> None:
    init_data = api.init_data(78, language_code="ru")
    answer = await api.get(FEED, authorization=f"tma {init_data}")
    assert answer.status == 409
    assert "Откройте бота" in answer.error["message"]


async def test_someone_who_started_but_did_not_finish_setup_gets_409_not_onboarded(
    api: ApiClient,
) -> None:
    await api.world.app.services.users.ensure_user(
        79, first_name="Half", username=None, language_code="en"
    )
    answer = await api.get(FEED, user=79)
    assert answer.status == 409
    assert answer.error["code"] == "not_onboarded"


async def test_the_openapi_document_needs_no_auth_and_lists_every_endpoint(
    api: ApiClient,
) -> None:
    answer = await api.get("/api/openapi.json")
    assert answer.status == 200
    paths = answer.body["paths"]
    assert set(paths) >= {
        "/api/jobs/recommendations",
        "/api/jobs/search",
        "/api/jobs/save",
        "/api/jobs/saved",
        "/api/jobs/saved/{id}",
        "/api/jobs/feedback",
        "/api/jobs/preferences",
        "/api/jobs/analytics",
    }
    assert set(paths["/api/jobs/preferences"]) == {"get", "put"}
    assert "SaveRequest" in answer.body["components"]["schemas"]
