"""`newsevents eval`: on prediction folders, and on a stand-in extractor."""
import json

import pytest
from click.testing import CliRunner

from streams.cli import evaluate
from streams.cli.bench import SAMPLE_DIR
from streams.cli.evaluate import eval_command
from streams.evaluation.predict import Engine

from eval_helpers import article, casualties, clash, figure, meeting, requires_extractor, side

GOLD = {
    "meet.json": [meeting("ARM", "AZE"), meeting("RUS", "UKR", date="2014-01-01", precision="year", background=True)],
    "fight.json": [clash(side("Armenian armed forces", "ARM"), side(None, "AZE"), fatalities=200),
                   casualties(figure("killed", 200, "military", "at_least"), party="ARM")],
}
PRED = {
    "meet.json": [meeting("ARM", "AZE"), meeting("USA", "CHN", date="2022-11-14")],
    "fight.json": [clash(side(None, "ARM"), side(None, "AZE"), fatalities=200),
                   casualties(figure("killed", 200, "unknown"), party="ARM")],
}


def write(folder, events_by_file):
    folder.mkdir()
    for name, events in events_by_file.items():
        (folder / name).write_text(json.dumps({"article": article(name.removesuffix(".json")), "events": events}))
    return folder


@pytest.fixture
def gold_dir(tmp_path):
    return write(tmp_path / "gold", GOLD)


def test_text_report_of_a_prediction_folder(gold_dir, tmp_path):
    pred_dir = write(tmp_path / "pred", PRED)
    result = CliRunner().invoke(eval_command, [str(gold_dir), "--pred-dir", str(pred_dir)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for heading in ("== lenient, with background ==", "== strict, with background ==",
                    "== lenient, without background ==", "== strict, without background =="):
        assert heading in out
    summary = {line.split()[0]: line.split()[1:] for line in out.splitlines()
               if line.startswith(("lenient ", "strict "))}
    # lenient: tp 3 (meeting, clash, figure), fp 1, fn 1; without background fn 0 -> F1 .857
    assert summary["lenient"] == ["0.750", "0.857"]
    # strict: the figure's category is wrong -> tp 2, fp 2, fn 2; without background fn 1
    assert summary["strict"] == ["0.500", "0.571"]
    assert "    - missed       meeting 2014-01-01 (year) RUS, UKR [background]" in out
    assert "    + false alarm  meeting 2022-11-14 USA, CHN" in out


def test_json_report_holds_every_run(gold_dir, tmp_path):
    pred_dir = write(tmp_path / "pred", PRED)
    result = CliRunner().invoke(eval_command, [str(gold_dir), "--pred-dir", str(pred_dir), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["source"] == {"gold_dir": str(gold_dir), "pred_dir": str(pred_dir)}
    assert doc["summary"]["lenient_f1"] == 0.75
    assert doc["summary"]["strict_f1"] == 0.5
    strict = doc["runs"]["strict"]
    assert strict["casualty_figure"]["tp"] == 0 and strict["casualty_figure"]["fn"] == 1
    assert strict["per_file"]["fight.json"] == {"meeting": [0, 0, 0], "clash": [1, 0, 0], "casualty_figure": [0, 1, 1]}
    assert doc["runs"]["lenient_no_background"]["meeting"]["fn"] == 0


class StandInExtractor:
    """Predicts the PRED events of each article, in the annotation format already."""

    def extract(self, article_):
        return PRED[f"{article_.id}.json"]

    def extract_batch(self, articles):
        return [self.extract(a) for a in articles]


def test_extractor_predictions_are_scored_and_written(gold_dir, tmp_path, monkeypatch):
    def stand_in_engine(model):
        annotate = lambda a, events: {"article": a.model_dump(mode="json"), "events": events}  # noqa: E731
        return Engine(StandInExtractor(), annotate, model, "test-1")

    monkeypatch.setattr(evaluate, "load_engine", stand_in_engine)
    out = tmp_path / "out"
    result = CliRunner().invoke(eval_command, [str(gold_dir), "--out", str(out), "--model", "m", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["source"] == {"gold_dir": str(gold_dir), "extractor_version": "test-1", "model": "m"}
    assert doc["summary"]["lenient_f1"] == 0.75
    assert sorted(p.name for p in out.iterdir()) == ["fight.json", "meet.json"]
    assert json.loads((out / "meet.json").read_text())["events"] == PRED["meet.json"]


def test_pred_dir_does_not_go_with_extractor_options(gold_dir, tmp_path):
    args = [str(gold_dir), "--pred-dir", str(gold_dir), "--out", str(tmp_path / "o")]
    result = CliRunner().invoke(eval_command, args)
    assert result.exit_code == 2
    assert "--pred-dir" in result.output


def test_a_folder_without_annotations_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(eval_command, [str(tmp_path), "--pred-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "no *.json annotation files" in result.output


@requires_extractor
def test_eval_with_the_real_extractor_on_the_shipped_sample():
    result = CliRunner().invoke(eval_command, [str(SAMPLE_DIR), "--json"])
    assert result.exit_code == 0, result.output
    assert set(json.loads(result.stdout)["summary"]) == {
        "lenient_f1", "strict_f1", "lenient_no_background_f1", "strict_no_background_f1"}
