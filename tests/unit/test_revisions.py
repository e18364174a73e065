"""Article revisions and retractions through the ingest and extract handlers, without Kafka:
a changed version replaces the earlier one's events, an exact re-send is a duplicate, a
tombstone withdraws every event, and an input read again sends and receipts the same."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from types import SimpleNamespace
from typing import Any

from helpers import RecordingTopic, run_async
from schemas import Article, ArticleRef, Clash, Event, Evidence, Side
from streams.metrics import Metrics
from streams.pipeline import ARTICLE_HEADER, INPUT_HEADER, DeadLetters, Extract, Ingest, Receipts, Router

PUBLISHED = datetime(2024, 3, 4, tzinfo=timezone.utc)


class _Extractor:
    """One clash per line of the body, its id the line: a revision that rewords a line reports
    another event."""

    version = "stand-in"

    def extract(self, article: Article) -> list[Event]:
        return [Clash(id=line, article=ArticleRef(id=article.id, published_at=article.published_at),
                      evidence=Evidence(text=line, start=0, end=len(line)), sides=[Side(country="AAA")])
                for line in article.body.splitlines()]

    def extract_batch(self, articles: list[Article]) -> list[list[Event]]:
        return [self.extract(a) for a in articles]


class _Service:
    def __init__(self) -> None:
        self.metrics = Metrics()
        self.accepted, self.receipts, self.rejected, self.clashes, self.routed = (RecordingTopic() for _ in range(5))
        receipts = Receipts(self.receipts, "articles")
        dead_letters = DeadLetters(self.rejected, self.metrics, receipts, max_request_size=1_000_000)
        self.seen: dict[bytes, Any] = {}
        self.reports: dict[bytes, Any] = {}
        self.ingest = Ingest(accepted_topic=self.accepted, dead_letters=dead_letters, receipts=receipts,
                             seen=self.seen, metrics=self.metrics, max_article_bytes=100_000)
        router = Router(by_block_topic=self.routed, resolved_topic=self.routed)
        self.extract = Extract(extractor=_Extractor(), event_topics={"clash": self.clashes}, router=router,
                               reports=self.reports,
                               dead_letters=dead_letters, receipts=receipts, metrics=self.metrics)

    def publish(self, offset: int, article_id: str, body: str | None, **fields: Any) -> None:
        """The input at `offset` of `articles`: an article with `body`, or a tombstone (None),
        through ingest and then, in one batch, extract."""
        value = None if body is None else json.dumps(
            {"id": article_id, "published_at": PUBLISHED.isoformat(), "body": body, **fields}).encode()
        message = SimpleNamespace(key=article_id.encode(), value=value, topic="articles", partition=0,
                                  offset=offset, headers=[])
        before = len(self.accepted.sent)
        run_async(self.ingest.handle(SimpleNamespace(key=message.key, value=value, message=message)))
        batch = [SimpleNamespace(key=key, value=article, message=SimpleNamespace(
                     key=key, value=b"", topic="accepted", partition=0, offset=0, headers=headers))
                 for (key, article), headers in zip(self.accepted.sent[before:], self.accepted.headers[before:])]
        if batch:
            run_async(self.extract.handle_batch(batch))

    def last_receipt(self) -> tuple[str, list[str], list[str]]:
        receipt = self.receipts.sent[-1][1]
        return receipt.outcome.value, receipt.event_ids, receipt.withdrawn_ids

    def withdrawals(self) -> list[tuple[bytes, bytes]]:
        """(event id, article id) of each withdrawal on the event topic, after checking that
        the same withdrawal went to be placed."""
        public = [(key, headers[ARTICLE_HEADER]) for (key, value), headers in zip(self.clashes.sent, self.clashes.headers)
                  if value is None]
        routed = [(p.event_id.encode(), p.withdraw.encode()) for _, p in self.routed.sent if p.withdraw]
        assert routed == public
        return public


def test_a_revision_withdraws_what_it_no_longer_reports_and_a_resend_is_a_duplicate() -> None:
    service = _Service()
    service.publish(0, "a", "fight at dawn\nshelling at noon")
    assert service.last_receipt() == ("processed", ["fight at dawn", "shelling at noon"], [])
    service.publish(1, "a", "fight at dawn\nshelling at noon")  # the same content again
    assert service.last_receipt()[0] == "duplicate" and len(service.accepted.sent) == 1
    service.publish(2, "a", "fight at dawn\nshelling at dusk")
    assert service.last_receipt() == ("revised", ["fight at dawn", "shelling at dusk"], ["shelling at noon"])
    assert service.withdrawals() == [(b"shelling at noon", b"a")]
    service.publish(3, "a", "fight at dawn\nshelling at dusk", published_at="2024-03-05T00:00:00+00:00")
    assert service.last_receipt() == ("revised", ["fight at dawn", "shelling at dusk"], [])  # a new time only
    snapshot = service.metrics.snapshot()
    assert (snapshot["articles_processed"], snapshot["articles_revised"], snapshot["articles_duplicate"]) == (3, 2, 1)


def test_a_tombstone_withdraws_every_event_and_the_id_may_come_again() -> None:
    service = _Service()
    service.publish(0, "a", "fight at dawn\nshelling at noon")
    service.publish(1, "a", None)
    assert service.last_receipt() == ("retracted", [], ["fight at dawn", "shelling at noon"])
    assert sorted(service.withdrawals()) == [(b"fight at dawn", b"a"), (b"shelling at noon", b"a")]
    assert service.seen == {} and service.metrics.snapshot()["articles_retracted"] == 1
    service.publish(2, "a", "fight at dawn")  # published again after its retraction: a first version
    assert service.last_receipt() == ("processed", ["fight at dawn"], [])
    service.publish(3, "never-seen", None)
    assert service.last_receipt() == ("retracted", [], [])


def test_an_input_read_again_sends_and_receipts_what_it_did_the_first_time() -> None:
    """After a crash between the sends and the commit, the revision is read again: the `seen`
    and `reports` tables already hold it, and nothing may differ from the first reading."""
    service = _Service()
    service.publish(0, "a", "fight at dawn\nshelling at noon")
    service.publish(1, "a", "fight at dawn")
    first = (service.last_receipt(), service.withdrawals(), dict(service.reports))
    service.publish(1, "a", "fight at dawn")
    assert (service.last_receipt(), service.withdrawals()[1:], dict(service.reports)) == first
    service.publish(2, "a", None)
    retracted = service.last_receipt()
    service.publish(2, "a", None)
    assert service.last_receipt() == retracted == ("retracted", [], ["fight at dawn"])


def test_two_versions_in_one_batch_are_taken_in_order() -> None:
    service = _Service()
    version = [Article(id="a", published_at=PUBLISHED, body=body) for body in ("one\ntwo", "two\nthree")]
    batch = [SimpleNamespace(key=b"a", value=article, message=SimpleNamespace(
                 key=b"a", value=b"", topic="accepted", partition=0, offset=i, headers=[(INPUT_HEADER, f"0/{i}".encode())]))
             for i, article in enumerate(version)]
    run_async(service.extract.handle_batch(batch))
    assert [(r.outcome.value, r.withdrawn_ids) for _, r in service.receipts.sent] == [("processed", []),
                                                                                       ("revised", ["one"])]
    assert service.reports[b"a"]["reports"] == ["clash/three", "clash/two"]


def test_a_tombstone_whose_key_is_no_article_id_is_refused() -> None:
    service = _Service()
    for key in (b"", b"\xff\xfe", b" ", b"x" * 600):
        message = SimpleNamespace(key=key, value=None, topic="articles", partition=0, offset=0, headers=[])
        run_async(service.ingest.handle(SimpleNamespace(key=key, value=None, message=message)))
    assert [r.reason.value for _, r in service.rejected.sent] == ["not_json"] * 4
    assert service.accepted.sent == []
