"""Mentions as plain JSON and back, exactly: how the store keeps them (and Ray ships them)."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from newsevents.models import DateRef, EventCode, Evidence, Mention, Party, Place


def mention_to_dict(mention: Mention) -> dict[str, Any]:
    """A JSON-ready dict of every field of `mention`, nested records included."""
    result = _plain(mention)
    assert isinstance(result, dict)
    return result


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def mention_from_dict(data: dict[str, Any]) -> Mention:
    """The inverse of `mention_to_dict`: `mention_from_dict(mention_to_dict(m)) == m`."""
    return Mention(
        **{
            **data,
            "code": EventCode(**{**data["code"], "context": tuple(data["code"]["context"])}),
            "actor": _party(data.get("actor")),
            "target": _party(data.get("target")),
            "location": Place(**data["location"]) if data.get("location") else None,
            "date": _date_ref(data["date"]),
            "evidence": tuple(Evidence(**item) for item in data.get("evidence", ())),
            "co_actors": tuple(Party(**item) for item in data.get("co_actors", ())),
            "attributed_to": tuple(data.get("attributed_to", ())),
        }
    )


def _party(data: dict[str, Any] | None) -> Party | None:
    return Party(**data) if data else None


def _date_ref(data: dict[str, Any]) -> DateRef:
    raw = data.get("date")
    return DateRef(
        date=date.fromisoformat(raw) if raw else None,
        precision=data.get("precision", "unknown"),
        text=data.get("text"),
    )
