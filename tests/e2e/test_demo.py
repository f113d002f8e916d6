"""The sandbox demo page (python -m bot without a token): its own controls speak the
demo's language."""

from __future__ import annotations

from pathlib import Path

import aiohttp

from sandbox.demo import DEMO_USER_ID, DIGEST_ACTION, Demo, DemoOptions
from tests.e2e.jobs_helpers import (
    PYTHON_DEV,
)


async def test_the_demo_digest_toast_is_russian_in_a_russian_demo(tmp_path: Path) -> None:
    # "⚡ Send my digest now" answered "Digest sent. Demo clock: …" in a --lang ru demo.
    async with Demo(DemoOptions(port=0, data_dir=tmp_path / "demo", language="ru")) as demo:
        assert demo.app is not None
        services = demo.app.services
        await services.users.ensure_user(
            DEMO_USER_ID, first_name="Демо", username=None, language_code="ru"
        )
        await services.preferences.complete_onboarding(DEMO_USER_ID, PYTHON_DEV)
        base = f"{demo.url.rstrip('/')}/_chat/{DEMO_USER_ID}"
        async with aiohttp.ClientSession() as http:
            await http.post(f"{base}/send", json={"text": "/help"})  # the chat exists
            async with http.post(f"{base}/actions/{DIGEST_ACTION}", json={}) as response:
                note = (await response.json())["note"]
    # The scheduler's own tick may have sent it a moment earlier: any outcome, in Russian.
    outcome, clock = note.splitlines()
    assert "подборк" in outcome.lower(), note  # the glossary's word for the digest
    assert clock.startswith("Часы демо: "), note
    assert "Digest" not in note and "Demo clock" not in note
