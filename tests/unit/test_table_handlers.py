"""The agents' handlers without Kafka: a dict for a table, a list for a topic."""
from __future__ import annotations

from datetime import date, datetime, timezone
from types import SimpleNamespace
from typing import Any

from schemas import Article, ArticleRef, CasualtyUpdate, Evidence, Figure, Party
from helpers import ChangelogDict, RecordingTopic, run_async
from streams.metrics import Metrics
from schemas.merged import Placement
from streams.pipeline import INPUT_HEADER, DeadLetters, Extract, MergeEvents, Receipts, Router, TallyCasualties


def _report(article_id: str, killed: int) -> CasualtyUpdate:
    return CasualtyUpdate(
        id="c1", article=ArticleRef(id=article_id, published_at=datetime(2024, 3, 4, tzinfo=timezone.utc)),
        evidence=Evidence(text="x", start=0, end=1), date=date(2024, 3, 4), date_precision="day",
        party=Party(country="SDN"), reported_by="the army", conflict=["SDN", "TCD"],
        figures=[Figure(outcome="killed", category="military", count=killed)])


def test_a_redelivered_report_changes_no_table_and_announces_no_new_event() -> None:
    events = ChangelogDict()
    new, by_tally = RecordingTopic(), RecordingTopic()
    merge = MergeEvents(events=events, new_events_topic=new, by_tally_topic=by_tally)
    tallies: dict[bytes, Any] = {}
    tally = TallyCasualties(tallies)

    async def deliver(report: CasualtyUpdate) -> None:
        await merge.handle(SimpleNamespace(value=Placement(event_id=report.id, join=report)))
        await tally.handle(SimpleNamespace(value=by_tally.sent[-1][1]))

    run_async(deliver(_report("a", 20)))
    first = (dict(events), dict(tallies))
    run_async(deliver(_report("a", 20)))
    assert (events, tallies) == first
    assert len(new.sent) == 1 and new.sent[0] == (b"casualty_update", {"id": "c1"})
    assert len(events.changes) == 2 and len(by_tally.sent) == 2  # sent again: consumers are idempotent
    run_async(deliver(_report("b", 25)))  # another article, the same event id
    assert events[b"c1"]["mentions"] == 2
    [stored] = tallies.values()
    assert [r["figures"][0]["count"] for r in stored["reports"]] == [20, 25]


class _Extractor:
    """Fails on the article whose body says so, alone or in a batch."""

    version = "stand-in"

    def extract(self, article: Article) -> list:
        if "poison" in article.body:
            raise ValueError("cannot parse")
        return []

    def extract_batch(self, articles: list[Article]) -> list[list]:
        return [self.extract(a) for a in articles]


def test_a_batch_with_a_poison_article_costs_only_that_article() -> None:
    rejected, receipts = RecordingTopic(), RecordingTopic()
    metrics = Metrics()
    dead_letters = DeadLetters(rejected, metrics, Receipts(receipts, "articles"), max_request_size=1_000_000)
    extract = Extract(extractor=_Extractor(), event_topics={}, reports={}, dead_letters=dead_letters,
                      router=Router(by_block_topic=RecordingTopic(), resolved_topic=RecordingTopic()),
                      receipts=dead_letters.receipts, metrics=metrics)
    records = [SimpleNamespace(key=f"a{i}".encode(), value=Article(id=f"a{i}", published_at=datetime(2024, 3, 4, tzinfo=timezone.utc),
                                             body="poison" if i == 1 else "calm"),
                               message=SimpleNamespace(key=f"a{i}".encode(), value=b"{}", topic="accepted",
                                                       partition=0, offset=i,
                                                       headers=[(INPUT_HEADER, f"0/{10 + i}".encode())]))
               for i in range(3)]
    run_async(extract.handle_batch(records))
    assert [(r.article_id, r.reason.value) for _, r in rejected.sent] == [("a1", "extraction_failed")]
    assert sorted((r.article_id, r.outcome.value, r.input_offset) for _, r in receipts.sent) == [
        ("a0", "processed", 10), ("a1", "rejected", 11), ("a2", "processed", 12)]
    assert metrics.snapshot()["articles_processed"] == 2
