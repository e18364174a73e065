"""Closed vocabularies of the annotation guideline (../shared/eval/README.md), as enums.

They are `str` enums so that records serialize to the exact strings the guideline uses and
consumers in other languages see plain strings in the JSON Schema.
"""
from __future__ import annotations

from enum import Enum


class EventType(str, Enum):
    MEETING = "meeting"
    CLASH = "clash"
    CASUALTY_UPDATE = "casualty_update"


class DatePrecision(str, Enum):
    """How much of a date is known. A week-precision date is that week's Monday, a month's the 1st."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class MeetingMode(str, Enum):
    IN_PERSON = "in_person"
    CALL = "call"
    VIRTUAL = "virtual"


class Outcome(str, Enum):
    KILLED = "killed"
    WOUNDED = "wounded"
    MISSING = "missing"
    CAPTURED = "captured"
    KILLED_OR_MISSING = "killed_or_missing"
    KILLED_OR_WOUNDED = "killed_or_wounded"


class Category(str, Enum):
    MILITARY = "military"
    CIVILIAN = "civilian"
    UNKNOWN = "unknown"


class Qualifier(str, Enum):
    EXACT = "exact"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    ABOUT = "about"


class RejectReason(str, Enum):
    """Why an input record went to the dead-letter topic instead of the extractor."""

    TOO_LARGE = "too_large"
    INVALID_UTF8 = "invalid_utf8"
    NOT_JSON = "not_json"
    INVALID_ARTICLE = "invalid_article"
    EMPTY_BODY = "empty_body"
    NOT_ENGLISH = "not_english"
    EXTRACTION_FAILED = "extraction_failed"
    INTERNAL_ERROR = "internal_error"  # the worker failed on it; `detail` has the exception
