"""The input record of the `articles` topic."""
from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = 1
#: Longest article id: the key of a tombstone that retracts an article is one too.
MAX_ARTICLE_ID = 512


class Article(BaseModel):
    """One news article, keyed on the topic by `id`.

    `published_at` must carry a time zone: it is the reference point for every relative date
    in the text ("on Monday", "last week"), and a naive time would shift them by a day.
    """

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=False)

    schema_version: int = SCHEMA_VERSION
    id: str = Field(min_length=1, max_length=MAX_ARTICLE_ID, description="Stable article id; the topic key.")
    url: str | None = Field(default=None, description="Absolute http(s) URL of the article, or null.")
    source: str | None = Field(default=None, description="The outlet, e.g. 'Anadolu Agency'.")
    title: str | None = None
    published_at: AwareDatetime
    language: str = Field(default="en", min_length=2, max_length=16, description="BCP 47 tag.")
    body: str = Field(description="Full text; paragraphs separated by blank lines.")

    @field_validator("id")
    @classmethod
    def _id_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("id is blank")
        return value

    @field_validator("url")
    @classmethod
    def _url_is_http(cls, value: str | None) -> str | None:
        """Only a web address: the URL is shown as a link, and `javascript:` or a relative path
        there would run or resolve against the dashboard's own origin."""
        if value is None:
            return None
        try:
            parts = urlsplit(value)
            host = parts.hostname
        except ValueError as exc:  # e.g. an unclosed IPv6 bracket
            raise ValueError(f"url is not a URL: {exc}") from None
        if parts.scheme.lower() not in ("http", "https") or not host \
                or any(ch.isspace() or not ch.isprintable() for ch in value):
            raise ValueError("url must be an absolute http(s) URL (or null)")
        return value


class ArticleRef(BaseModel):
    """Where an event record came from: enough to cite the source without the whole body."""

    id: str
    url: str | None = None
    source: str | None = None
    published_at: datetime

    @classmethod
    def of(cls, article: Article) -> "ArticleRef":
        return cls(id=article.id, url=article.url, source=article.source,
                   published_at=article.published_at)
