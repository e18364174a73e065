"""The dashboard in a real browser: a real worker on the real broker, headless Chromium.

The page is opened first, then articles are published; the page must show them by itself
(it polls every 2 s), without a reload, and with no request leaving the worker.
"""
from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from helpers import TopicReader, Worker, produce_raw, run_cli, topic_name, wait_for
from streams.settings import REPO_ROOT

pytestmark = pytest.mark.kafka

SCREENSHOT = REPO_ROOT / "docs" / "dashboard.png"
TIMEOUT_MS = 90_000
PUBLISHED = "2024-03-04T09:00:00Z"

# Besides the shipped sample: two good articles and two the worker must refuse (not English;
# blank body). `newsevents publish` sends all four: they are valid articles; the worker decides.
OWN_ARTICLES = [
    {"id": "dash-paris-meeting", "published_at": PUBLISHED, "source": "Test Wire",
     "url": "https://example.org/news/paris-meeting",
     "title": "French and German foreign ministers meet in Paris",
     "body": "The foreign ministers of France and Germany met in Paris on Tuesday to discuss support "
             "for Ukraine, the French foreign ministry said."},
    {"id": "dash-adre-clash", "published_at": PUBLISHED, "source": "Test Wire",
     "body": "Sudanese and Chadian troops clashed on Friday near the border town of Adre, Sudan's army "
             "said, and 20 Sudanese soldiers were killed."},
    {"id": "dash-french", "published_at": PUBLISHED, "language": "fr",
     "body": "Les ministres des affaires étrangères se sont rencontrés à Paris mardi."},
    {"id": "dash-blank", "published_at": PUBLISHED, "body": "   \n  "},
]
GOOD, BAD = 3, 2  # the sample and two of ours; French and blank


@pytest.fixture
def worker(namespace: dict[str, str], tmp_path: Path):
    started = Worker(namespace, tmp_path / "worker.log").start()
    yield started
    started.stop()


def _text(page: Page, selector: str) -> str:
    return page.locator(selector).inner_text().strip()


def _located_places(events: list[dict[str, Any]]) -> set[str]:
    """Names of the places the map should mark: events of the listing with coordinates."""
    places = set()
    for record in events:
        event = record.get("event", record)
        location = event.get("location") or {}
        if isinstance(location.get("latitude"), (int, float)) and isinstance(location.get("longitude"), (int, float)):
            places.add(location.get("name") or location.get("country"))
    return places


def test_dashboard_shows_new_articles_and_events_without_reload(
        worker: Worker, namespace: dict[str, str], browser: Any, sample_path: Path, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}")
            if message.type == "error" and "404" not in message.text else None)

    page.goto(f"{worker.url}/")
    page.wait_for_function("() => Number(document.body.dataset.refreshes) >= 1", timeout=TIMEOUT_MS)
    expect(page.locator("#ready-pill")).to_have_text("ready")
    expect(page.locator("#processed")).to_have_text("0")
    expect(page.locator("#broker")).to_have_text("reachable")
    assert page.locator("#map svg path.country").count() > 150, "the world outline is drawn"
    page.evaluate("() => { window.__sameDocument = true; }")  # gone if the page reloads

    articles = tmp_path / "articles.jsonl"
    articles.write_text("".join(json.dumps(a) + "\n" for a in OWN_ARTICLES))
    for path in (sample_path, articles):
        published = run_cli(namespace, "publish", str(path))
        assert published.returncode == 0, published.stderr

    # The counters, the reasons and the throughput chart follow by themselves.
    expect(page.locator("#processed")).to_have_text(str(GOOD), timeout=TIMEOUT_MS)
    expect(page.locator("#rejected-total")).to_have_text(str(BAD), timeout=TIMEOUT_MS)
    expect(page.locator('#reasons-table tr[data-reason="not_english"] td.count')).to_have_text("1")
    expect(page.locator('#reasons-table tr[data-reason="empty_body"] td.count')).to_have_text("1")
    expect(page.locator("#throughput-chart")).to_have_attribute("data-articles", str(GOOD), timeout=TIMEOUT_MS)

    # The events the worker stored, as its API lists them, are the ones the page shows.
    status, stats = worker.get("/api/stats")
    assert status == 200 and stats["articles_processed"] == GOOD
    emitted = int(sum(stats["events_emitted"].values()))
    assert emitted > 0
    expect(page.locator("#events-total")).to_have_text(f"{emitted:,}", timeout=TIMEOUT_MS)
    meeting = page.locator('#events-table tr[data-type="meeting"]', has_text="Blinken")
    expect(meeting.first).to_be_visible(timeout=TIMEOUT_MS)
    expect(meeting.first.locator("td.evidence")).to_contain_text("New York")
    expect(page.locator("#events-table tbody")).to_contain_text("seed-armenia-azerbaijan-2022-09-19")

    # The map marks every located event of the listing (the Paris meeting at least).
    _, listing = wait_for(lambda: (r := worker.get("/api/events?limit=200"))[0] == 200
                          and _located_places(r[1]["events"]) and r, 60, "located events in the listing")
    places = _located_places(listing["events"])
    for place in places:
        expect(page.locator(f'#map-dots circle.dot[data-place="{place}"]')).to_have_count(1, timeout=TIMEOUT_MS)
    paris = page.locator('#map-dots circle.dot[data-place="Paris"]')
    if paris.count():  # equirectangular: x = (lon + 180) * 2, y = (90 - lat) * 2
        assert abs(float(paris.get_attribute("cx")) - (2.35 + 180) * 2) < 1
        assert abs(float(paris.get_attribute("cy")) - (90 - 48.85) * 2) < 1

    # Armenia's figures, from the tallies view when the worker serves it.
    if worker.get("/api/tallies")[0] == 200:
        expect(page.locator("#tallies-table tbody")).to_contain_text("Armenia", timeout=TIMEOUT_MS)
        expect(page.locator("#tallies-table tbody")).to_contain_text("293", timeout=TIMEOUT_MS)
    status, counts = worker.get("/api/counts?hours=24")
    if status == 200 and any(h.get(t) for h in counts["hours"] for t in ("meeting", "clash", "casualty_update")):
        expect(page.locator("#hourly-chart rect").first).to_be_visible(timeout=TIMEOUT_MS)

    assert page.evaluate("() => window.__sameDocument === true"), "the page was reloaded"
    outside = [url for url in requests if not url.startswith(worker.url) and not url.startswith("data:")]
    assert not outside, f"requests left the worker: {outside}"
    assert not problems, problems

    # Let the fresh-row highlight fade before the picture.
    page.wait_for_function("() => !document.querySelector('#events-table tr.fresh')"
                           " || document.getAnimations().length === 0", timeout=10_000)
    shot = tmp_path / "dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    SCREENSHOT.parent.mkdir(exist_ok=True)
    shutil.copyfile(shot, SCREENSHOT)
    page.close()


def test_static_assets_are_served_by_the_worker(worker: Worker) -> None:
    status, html = worker.get("/")
    assert status == 200 and "<title>newsevents" in html
    for name in ("dashboard.js", "dashboard.css"):
        assert f"/static/{name}" in html
        assert worker.get(f"/static/{name}")[0] == 200
    status, world = worker.get("/static/world.svg")
    assert status == 200
    assert len(world.encode()) < 300_000
    root = ET.fromstring(world)
    assert root.get("viewBox") == "0 0 720 360" and root.get("data-scale") == "2"
    assert len(root.findall(".//{http://www.w3.org/2000/svg}path")) > 150
    assert worker.get("/static/../api.py")[0] == 404
    assert worker.get("/static/missing.js")[0] == 404


HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script><a href="javascript:window.__pwned=1">x</a>'


def test_hostile_text_and_urls_never_run_in_the_dashboard(
        worker: Worker, namespace: dict[str, str], kafka: str, browser: Any, tmp_path: Path) -> None:
    """Markup and script in every text field, a `javascript:` url refused at the door, and one
    forged straight onto an internal topic: the page shows the text as text, links only http(s)
    URLs, and no script of the records ever runs."""
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{worker.url}/")
    page.wait_for_function("() => Number(document.body.dataset.refreshes) >= 1", timeout=TIMEOUT_MS)

    article = {"id": "hostile-paris", "published_at": PUBLISHED, "source": HOSTILE, "title": HOSTILE,
               "url": "https://example.org/hostile",
               "body": "The foreign ministers of France and Germany met in Paris on Tuesday. " + HOSTILE}
    produce_raw(kafka, topic_name(namespace, "articles"), [
        (b"hostile-js", json.dumps({**article, "id": "hostile-js", "url": "javascript:window.__pwned=1"}).encode()),
        (b"hostile-paris", json.dumps(article).encode())])
    events = TopicReader(kafka, topic_name(namespace, "events.meeting"))
    try:
        [meeting] = events.wait(lambda vs: len(vs) >= 1, TIMEOUT_MS / 1000, "the hostile article's meeting")
    finally:
        events.close()
    # A producer with access to the internal topics could place any report in the tables: one
    # with a script URL, sent where the extract agent sends a meeting to be resolved.
    forged = {**meeting, "id": "f" * 32, "article": {**meeting["article"], "url": "javascript:window.__pwned=1",
                                                      "source": "forged " + HOSTILE}}
    forged["evidence"] = {**meeting["evidence"], "text": HOSTILE}
    produce_raw(kafka, topic_name(namespace, "internal.reports-by-block"),
                [(b"meeting", json.dumps({"event_id": forged["id"], "join": forged}).encode())])

    expect(page.locator("#rejected-total")).to_have_text("1", timeout=TIMEOUT_MS)  # the javascript: url
    # The forged report tells the same meeting, so resolution merges it into the real one's
    # event: one row, with both sources.
    row = page.locator('#events-table tr[data-type="meeting"]', has_text="forged")
    expect(row).to_have_count(1, timeout=TIMEOUT_MS)
    expect(page.locator("#events-table tbody")).to_contain_text("<script>window.__pwned=1</script>")
    assert page.evaluate("""() => ({
        handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
        scripts: [...document.scripts].filter(s => !s.src || !new URL(s.src).pathname.startsWith('/static/')).length,
        links: [...document.querySelectorAll('a[href], area[href], iframe, object, embed')].map(e => new URL(e.href || e.src || e.data || 'about:', location.href).protocol)
                 .filter(p => p !== 'http:' && p !== 'https:').length,
        images: document.querySelectorAll('#events-table img, #events-table iframe').length,
        pwned: window.__pwned === undefined ? null : window.__pwned,
    })""") == {"handlers": 0, "scripts": 0, "links": 0, "images": 0, "pwned": None}
    assert page.locator('#events-table a[href="https://example.org/hostile"]').count() == 1
    assert not dialogs
    page.close()
