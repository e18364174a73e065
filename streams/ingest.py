"""Reading an input record into an `Article`, or saying exactly why it cannot be read.

Pure: no Kafka here, so every rule is unit-tested on bytes. The order of the checks is the order
of the reasons' precedence: size first (never decode a huge payload), then encoding, the JSON
nesting (measured on the bytes, so a deeply nested value never reaches the recursive parser),
JSON, the schema (with text that is Unicode), and finally what the extractor needs (a non-empty English body published no
later than tomorrow).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser

from pydantic import ValidationError

from schemas import Article, RejectReason

#: An article is a flat object (depth 1); this leaves room for any sensible extension while
#: staying far below the depth at which Python's JSON parser hits its recursion limit.
MAX_JSON_DEPTH = 32
#: Clock skew tolerated on `published_at`: a later time is a wrong time, and relative dates
#: ("yesterday") would be resolved against it.
MAX_FUTURE = timedelta(days=1)

# A JSON string, escapes included (possessive: linear time, no backtracking), and the brackets
# that remain once strings are removed.
_JSON_STRING = re.compile(rb'"(?:[^"\\]++|\\.)*+"', re.DOTALL)
_NOT_BRACKET = re.compile(rb"[^\[\]{}]++")


@dataclass(frozen=True)
class Refusal:
    """Why a record was refused, and the article id when it could be read."""

    reason: RejectReason
    detail: str
    article_id: str | None = None


def validation_summary(error: ValidationError) -> str:
    """A pydantic error as one line a person can act on: 'field: message; ...'."""
    return "; ".join(f"{'.'.join(map(str, e['loc'])) or 'record'}: {e['msg']}" for e in error.errors())


def json_depth_over(raw: bytes, limit: int) -> bool:
    """True when the brackets of `raw`, outside JSON strings, nest deeper than `limit`.

    A scan without recursion, so it is safe on any input; malformed JSON is measured as well
    as it can be and left to the parser to refuse.
    """
    brackets = _NOT_BRACKET.sub(b"", _JSON_STRING.sub(b"", raw))
    depth = 0
    for byte in brackets:
        depth += 1 if byte in b"[{" else -1
        if depth > limit:
            return True
    return False


def lone_surrogate(article: Article) -> str | None:
    """Where a text field holds a lone surrogate, or None.

    JSON may escape one (`"\\ud800"`) and Python's parser accepts it, but it is no Unicode
    character: such a string cannot be encoded, so the article could not be sent on.
    """
    for name, value in article:
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                return f"{name}: a lone surrogate {value[exc.start]!r} at character {exc.start} is not a Unicode character"
    return None


def invalid_content(article: Article, now: datetime) -> str | None:
    """What makes an article that fits the schema invalid all the same, or None; the publisher
    applies the same rules before sending."""
    if (surrogate := lone_surrogate(article)) is not None:
        return surrogate
    latest = now + MAX_FUTURE
    if article.published_at > latest:
        return (f"published_at {article.published_at.isoformat()} is more than a day in the future "
                f"(latest accepted {latest.isoformat(timespec='seconds')})")
    return None


class _TextOnly(HTMLParser):
    """Collects the text of a document, without its tags, comments, scripts or styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._hidden += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in ("script", "style") and self._hidden > 0

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(body: str) -> str:
    """What a reader of the body would see if it were HTML: a body of markup only has none."""
    if "<" not in body:
        return body
    parser = _TextOnly()
    parser.feed(body)
    parser.close()
    return "".join(parser.parts)


def read_article(raw: bytes | None, max_bytes: int, now: datetime | None = None) -> Article | Refusal:
    """Decode and validate one record value of the `articles` topic (`now` for tests)."""
    if raw is None:
        return Refusal(RejectReason.NOT_JSON, "the record has no value (tombstone)")
    if len(raw) > max_bytes:
        return Refusal(RejectReason.TOO_LARGE, f"{len(raw)} bytes is over the limit of {max_bytes}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Refusal(RejectReason.INVALID_UTF8, f"not UTF-8: {exc.reason} at byte {exc.start}")
    if json_depth_over(raw, MAX_JSON_DEPTH):
        return Refusal(RejectReason.INVALID_ARTICLE,
                       f"JSON nested deeper than {MAX_JSON_DEPTH} levels; an article is a flat object")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return Refusal(RejectReason.NOT_JSON, f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
    except ValueError as exc:  # valid syntax Python will not convert, e.g. an integer of 5,000 digits
        return Refusal(RejectReason.NOT_JSON, f"not readable JSON: {exc}")
    article_id = data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else None
    try:
        article = Article.model_validate(data)
    except ValidationError as exc:
        return Refusal(RejectReason.INVALID_ARTICLE, validation_summary(exc), article_id)
    if (problem := invalid_content(article, now or datetime.now(timezone.utc))) is not None:
        return Refusal(RejectReason.INVALID_ARTICLE, problem, article.id)
    if not visible_text(article.body).strip():
        return Refusal(RejectReason.EMPTY_BODY, "the body has no text (empty, blank or markup only)",
                       article.id)
    if not article.language.lower().startswith("en"):
        return Refusal(RejectReason.NOT_ENGLISH,
                       f"language {article.language!r}: only English is extracted", article.id)
    return article
