"""A faust codec that carries pydantic models as JSON on the topics.

faust knows nothing of pydantic; with this codec as a topic's `value_serializer` (and no
`value_type`) agents send and receive model instances, and a payload that does not validate
raises faust's `ValueDecodeError` instead of reaching an agent half-read.
"""
from __future__ import annotations

from typing import Any

from faust.serializers.codecs import Codec
from pydantic import TypeAdapter

from schemas import EVENT_ADAPTER, Article, Receipt, Rejection
from schemas.merged import Placement


class PydanticCodec(Codec):
    """JSON bytes <-> instances of one pydantic type (a model or a union via `TypeAdapter`)."""

    def __init__(self, adapter: TypeAdapter[Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.adapter = adapter

    def _dumps(self, obj: Any) -> bytes | None:
        return None if obj is None else self.adapter.dump_json(obj)  # None: a tombstone

    def _loads(self, s: bytes) -> Any:
        return self.adapter.validate_json(s)


ARTICLE_CODEC = PydanticCodec(TypeAdapter(Article))
EVENT_CODEC = PydanticCodec(EVENT_ADAPTER)
REJECTION_CODEC = PydanticCodec(TypeAdapter(Rejection))
PLACEMENT_CODEC = PydanticCodec(TypeAdapter(Placement))
RECEIPT_CODEC = PydanticCodec(TypeAdapter(Receipt))
