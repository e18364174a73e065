"""`newsevents extract` on text and annotation files."""
from __future__ import annotations

import json

from click.testing import CliRunner

from streams.cli.extract import extract


def test_text_file_to_json_lines(tmp_path):
    path = tmp_path / "story-1.txt"
    path.write_text("Four Kenyan soldiers were killed in an ambush by militants on Monday.")
    result = CliRunner().invoke(extract, [str(path), "--published-at", "2024-03-15"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.output.splitlines()]
    assert events and all(e["article"]["id"] == "story-1" for e in events)


def test_gold_format_keeps_annotation_file_name(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a1.json").write_text(json.dumps({"article": {
        "id": "x", "published_at": "2024-03-15T00:00:00Z",
        "body": "The foreign ministers of Peru and Chile met on Tuesday in Lima."}, "events": []}))
    out = tmp_path / "out"
    result = CliRunner().invoke(extract, [str(src), "--format", "gold", "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "a1.json").read_text())
    assert data["article"]["id"] == "x" and data["events"][0]["type"] == "meeting"
