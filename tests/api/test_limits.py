"""The per-user rate: over it a person gets 429 with Retry-After; others are unaffected."""

from __future__ import annotations

from tests.api.conftest import ApiClient

ME = "/api/me"


async def test_over_the_rate_a_person_gets_429_with_retry_after(limited_api: ApiClient) -> None:
    await limited_api.seed(1)
    statuses = [(await limited_api.get(ME, user=1)).status for _ in range(3)]
    refused = await limited_api.get(ME, user=1)
    assert statuses == [200, 200, 200]
    assert refused.status == 429
    assert refused.error["code"] == "rate_limited"
    assert int(refused.headers["Retry-After"]) >= 1


async def test_one_persons_limit_does_not_refuse_another(limited_api: ApiClient) -> None:
    await limited_api.seed(1)
    await limited_api.seed(2)
    for _ in range(4):
        await limited_api.get(ME, user=1)
    assert (await limited_api.get(ME, user=2)).status == 200
