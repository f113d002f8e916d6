"""Reading Bot API call parameters the way Telegram does.

aiogram sends urlencoded or multipart forms in which ``str`` values are raw and every other
value is JSON-encoded (``chat_id=42`` arrives as ``"42"``, ``reply_markup`` as a JSON string).
Other clients may post ``application/json`` with native values, or use GET query strings, so
every accessor accepts both the string and the native form.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from aiohttp import web

from sandbox.telegram_types import UploadedFile, bad_request


class Params:
    def __init__(self, values: Mapping[str, Any], files: Mapping[str, UploadedFile]) -> None:
        self._values = values
        self._files = files

    @classmethod
    async def from_request(cls, request: web.Request) -> Params:
        values: dict[str, Any] = dict(request.query)
        files: dict[str, UploadedFile] = {}
        if request.method == "POST" and request.can_read_body:
            if request.content_type == "application/json":
                try:
                    body = await request.json()
                except ValueError:
                    body = None
                if not isinstance(body, dict):
                    raise bad_request("can't parse JSON object")
                values.update(body)
            else:
                for name, value in (await request.post()).items():
                    if isinstance(value, web.FileField):
                        files[name] = UploadedFile(
                            value.filename, value.file.read(), value.content_type
                        )
                    else:
                        values[name] = value
        return cls(values, files)

    def has(self, name: str) -> bool:
        return self._values.get(name) is not None

    def text(self, name: str) -> str | None:
        value = self._values.get(name)
        if value is None:
            return None
        return value if isinstance(value, str) else json.dumps(value)

    def integer(self, name: str) -> int | None:
        value = self._values.get(name)
        if value is None or isinstance(value, bool):
            return None
        try:
            return int(value)
        except (TypeError, ValueError):
            return None

    def number(self, name: str) -> float | None:
        value = self._values.get(name)
        try:
            return None if value is None else float(value)
        except (TypeError, ValueError):
            return None

    def flag(self, name: str) -> bool:
        value = self._values.get(name)
        if isinstance(value, str):
            return value.lower() in {"true", "1"}
        return bool(value)

    def obj(self, name: str) -> Any:
        """A JSON-typed field (reply_markup, scope, ...): decoded if it came as a string."""
        value = self._values.get(name)
        if not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {name} JSON object") from None

    def file(self, name: str) -> UploadedFile | str | None:
        """An InputFile field: an uploaded part (direct or ``attach://key``) or a file_id/URL."""
        if name in self._files:
            return self._files[name]
        value = self.text(name)
        if value and value.startswith("attach://"):
            key = value.removeprefix("attach://")
            if key not in self._files:
                raise bad_request(f"file {key!r} must be uploaded as a part of the request")
            return self._files[key]
        return value
