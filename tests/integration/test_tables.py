"""The materialized tables on the real broker: one merged event per real event, casualty tallies
that never add up reports of the same figures, and queries answered by any worker."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from helpers import Worker, publish_articles, run_cli, wait_for

pytestmark = pytest.mark.kafka


def _article(article_id: str, source: str, published: str, body: str) -> dict[str, Any]:
    return {"id": article_id, "source": source, "url": f"https://example.org/{article_id}",
            "published_at": f"{published}T09:00:00Z", "body": body}


SAME_CLASH = [
    _article("clash-a", "Outlet A", "2024-03-14",
             "Indian and Pakistani troops exchanged heavy fire along the Line of Control in Kashmir "
             "on Tuesday, the Indian army said."),
    _article("clash-b", "Outlet B", "2024-03-14",
             "Pakistan's military said its soldiers clashed with Indian forces in Kashmir on Tuesday."),
    _article("clash-c", "Outlet C", "2024-03-15",
             "Fighting erupted between Indian and Pakistani soldiers in Kashmir on Tuesday, officials said."),
]
LATER_CLASH = _article("clash-d", "Outlet A", "2024-04-16",
                       "Indian and Pakistani troops exchanged fire in Kashmir on Monday, the army said.")
TALLY_REPORTS = [
    _article("tally-1", "Outlet A", "2024-03-13",
             "Pakistan's army said on Wednesday that 12 of its soldiers were killed and 30 wounded "
             "in clashes with Indian forces in Kashmir."),
    _article("tally-2", "Outlet B", "2024-03-14",
             "Pakistan's army said on Thursday that 15 of its soldiers had been killed and 32 wounded "
             "in the clashes with Indian forces in Kashmir."),
    _article("tally-3", "Outlet C", "2024-03-14",
             "A hospital official in Muzaffarabad said 20 Pakistani soldiers were killed in the "
             "clashes with Indian forces."),
]


def _clashes(worker: Worker) -> list[dict[str, Any]]:
    status, body = worker.get("/api/events?type=clash&country=PAK")
    return body["events"] if status == 200 else []


@pytest.fixture
def worker(namespace: dict[str, str], tmp_path: Path):
    started = Worker(namespace, tmp_path / "worker.log").start()
    yield started
    started.stop()


def test_three_reports_of_one_clash_make_one_event_and_a_later_clash_another(
        worker: Worker, namespace: dict[str, str], tmp_path: Path) -> None:
    publish_articles(namespace, tmp_path, SAME_CLASH + [LATER_CLASH])

    def two_clashes_with_all_sources() -> list[dict[str, Any]] | None:
        clashes = _clashes(worker)
        sources = sorted(s["id"] for c in clashes for s in c["sources"])
        return clashes if sources == ["clash-a", "clash-b", "clash-c", "clash-d"] else None

    clashes = wait_for(two_clashes_with_all_sources, 120, "both clashes with all four sources")
    assert len(clashes) == 2
    by_mentions = sorted(clashes, key=lambda c: c["mentions"])
    later, same = by_mentions
    assert same["mentions"] == 3
    assert [s["source"] for s in same["sources"]] == ["Outlet A", "Outlet B", "Outlet C"]
    assert {e["article_id"] for e in same["evidence"]} == {"clash-a", "clash-b", "clash-c"}
    assert same["event"]["date_start"] == "2024-03-12"
    assert {s["country"] for s in same["event"]["sides"]} >= {"IND", "PAK"}
    assert later["mentions"] == 1 and later["event"]["date_start"] == "2024-04-15"
    assert later["id"] != same["id"]

    status, one = worker.get(f"/api/events/{same['id']}")
    assert status == 200 and one["mentions"] == 3
    answered = run_cli(namespace, "query", "--url", worker.url, "event", same["id"])
    assert answered.returncode == 0 and json.loads(answered.stdout)["mentions"] == 3

    # Sending the same articles again changes nothing: they are exact duplicates.
    publish_articles(namespace, tmp_path, SAME_CLASH)
    wait_for(lambda: worker.get("/api/stats")[1].get("articles_duplicate") == 3, 60, "three duplicates counted")
    assert sorted(c["mentions"] for c in _clashes(worker)) == [1, 3]


def test_tally_keeps_each_reporters_latest_figures_side_by_side(
        worker: Worker, namespace: dict[str, str], tmp_path: Path) -> None:
    publish_articles(namespace, tmp_path, TALLY_REPORTS)

    def pakistan_tally() -> dict[str, Any] | None:
        status, body = worker.get("/api/tallies?party=PAK")
        tallies = body.get("tallies", []) if status == 200 else []
        done = tallies and sum(len(t["reports"]) for t in tallies) == 3
        return tallies if done else None

    [tally] = wait_for(pakistan_tally, 120, "a Pakistani tally with the three reports")
    figures = {r["reported_by"]: {(f["outcome"], f["count"]) for f in r["figures"]} for r in tally["reporters"]}
    assert figures == {
        "Pakistan's army": {("killed", 15), ("wounded", 32)},  # the later report replaced the earlier
        "A hospital official in Muzaffarabad": {("killed", 20)},
    }
    army = next(r for r in tally["reporters"] if r["reported_by"] == "Pakistan's army")
    assert army["article"]["id"] == "tally-2" and army["as_of"].startswith("2024-03-14")

    answered = run_cli(namespace, "query", "--url", worker.url, "tallies", "--party", "PAK")
    assert answered.returncode == 0, answered.stderr
    assert json.loads(answered.stdout)["tallies"] == [tally]


def _toll(published: str, killed: int, day: str) -> dict[str, Any]:
    return _article("revised-1", "Outlet R", published,
                    f"Pakistan's army said on Wednesday that {killed} of its soldiers were killed and 30 "
                    f"wounded in clashes with Indian forces in Kashmir on {day}.")


def test_a_revised_article_replaces_its_figures_and_a_retracted_one_leaves_no_trace(
        worker: Worker, namespace: dict[str, str], tmp_path: Path) -> None:
    """Published, then revised (another toll, the clash's day corrected), then retracted with
    `newsevents retract`: the tables show the first figures, then the new ones and only the
    corrected clash, then nothing of the article."""
    def article_state() -> tuple[list[set[tuple[str, int]]], list[str]]:
        _, tallies = worker.get("/api/tallies?party=PAK")
        _, events = worker.get("/api/events?type=clash")
        figures = [{(f["outcome"], f["count"]) for f in r["figures"]}
                   for t in tallies.get("tallies", []) for r in t["reports"] if r["article"]["id"] == "revised-1"]
        clash_days = [e["event"]["date_start"] for e in events.get("events", [])
                      if e["type"] == "clash" and "revised-1" in {s["id"] for s in e["sources"]}]
        return figures, clash_days

    def reached(expected: tuple[list[set[tuple[str, int]]], list[str]]) -> Any:
        return lambda: article_state() == expected

    publish_articles(namespace, tmp_path, [_toll("2024-03-13", 12, "Tuesday")])
    wait_for(reached(([{("killed", 12), ("wounded", 30)}], ["2024-03-12"])), 120, "the first version's toll")
    publish_articles(namespace, tmp_path, [_toll("2024-03-13", 14, "Sunday")])
    wait_for(reached(([{("killed", 14), ("wounded", 30)}], ["2024-03-10"])), 120, "the revised toll alone")
    assert worker.get("/api/receipts/revised-1")[1]["outcome"]["outcome"] == "revised"

    retracted = run_cli(namespace, "retract", "revised-1")
    assert retracted.returncode == 0 and "retracted 1" in retracted.stdout, retracted.stderr
    wait_for(reached(([], [])), 120, "no trace of the retracted article")
    status, events = worker.get("/api/events")
    assert status == 200 and not [e for e in events["events"] if "revised-1" in {s["id"] for s in e["sources"]}]
    receipt = worker.get("/api/receipts/revised-1")[1]["outcome"]
    assert receipt["outcome"] == "retracted" and len(receipt["withdrawn_ids"]) == 2
    stats = worker.get("/api/stats")[1]
    assert (stats["articles_revised"], stats["articles_retracted"]) == (1, 1)
