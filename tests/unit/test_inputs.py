"""Reading articles from the files users have: text, JSON, JSONL, annotation files, stdin."""
from __future__ import annotations

import io
import json
from datetime import datetime, timezone
from pathlib import Path

from streams.inputs import expand, read_one

WHEN = datetime(2024, 2, 3, tzinfo=timezone.utc)
ARTICLE = {"id": "j1", "published_at": "2024-02-03T00:00:00Z", "body": "Body one."}


def test_text_file_is_one_article_named_by_its_stem(tmp_path: Path) -> None:
    path = tmp_path / "talks-in-oslo.txt"
    path.write_text("\nTalks in Oslo\n\nThe ministers met.")
    [loaded] = read_one(str(path), published_at=WHEN)
    assert loaded.article.id == "talks-in-oslo"
    assert loaded.article.title == "Talks in Oslo"
    assert loaded.article.published_at == WHEN


def test_json_list_annotation_file_and_jsonl(tmp_path: Path) -> None:
    (tmp_path / "list.json").write_text(json.dumps([ARTICLE, {**ARTICLE, "id": "j2"}]))
    (tmp_path / "gold.json").write_text(json.dumps({"article": {**ARTICLE, "id": "g1"}, "events": []}))
    (tmp_path / "many.jsonl").write_text(json.dumps({**ARTICLE, "id": "l1"}) + "\n\n{broken\n")
    (tmp_path / "ignored.md").write_text("not an input")
    files = expand([str(tmp_path)])
    assert [Path(f).name for f in files] == ["gold.json", "list.json", "many.jsonl"]
    loaded = [item for name in files for item in read_one(name)]
    assert [item.article.id for item in loaded if item.article] == ["g1", "j1", "j2", "l1"]
    [broken] = [item for item in loaded if item.error]
    assert broken.origin.endswith("many.jsonl:3") and "not JSON" in broken.error


def test_invalid_article_is_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"id": "b", "body": "x"}))
    [loaded] = read_one(str(path))
    assert loaded.article is None and "published_at" in loaded.error


def test_the_worker_s_content_rules_apply_before_sending(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    lines = [{**ARTICLE, "id": "f", "published_at": "2999-01-01T00:00:00Z"}, {**ARTICLE, "url": "javascript:x"}]
    path.write_text("\n".join(json.dumps(line) for line in lines) + '\n{"id": "s", "published_at": '
                    '"2024-02-03T00:00:00Z", "body": "\\ud800"}\n')
    future, script, surrogate = read_one(str(path))
    assert "more than a day in the future" in future.error
    assert script.error.startswith("url:")
    assert "lone surrogate" in surrogate.error


def test_stdin_as_json_or_as_plain_text() -> None:
    [as_json] = read_one("-", stdin=io.StringIO(json.dumps(ARTICLE)))
    assert as_json.article.id == "j1"
    [as_text] = read_one("-", published_at=WHEN, stdin=io.StringIO("Leaders met in Rome."))
    assert as_text.article.body == "Leaders met in Rome." and as_text.article.id == "stdin"
