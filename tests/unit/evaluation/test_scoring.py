"""The scoring rules of the annotation guideline, on small cases whose figures are worked out
by hand (the same rules as the reference scorer, shared/eval/score.py)."""
import json

import pytest

from streams.evaluation import score_article, score_corpus, score_dirs
from streams.evaluation.annotations import ScoredDocument
from streams.evaluation.report import run_to_dict

from eval_helpers import article, casualties, clash, figure, meeting, side


def counts(result):
    return result.tp, result.fp, result.fn


# --- meetings --------------------------------------------------------------------------------

def test_meetings_match_on_overlapping_countries_leniently_and_on_the_same_set_strictly():
    gold = [meeting("USA", "ARM", "AZE")]
    pred = [meeting("ARM", "AZE")]
    assert counts(score_article(gold, pred)["meeting"]) == (1, 0, 0)
    assert counts(score_article(gold, pred, strict=True)["meeting"]) == (0, 1, 1)
    assert counts(score_article(gold, [meeting("USA", "AZE", "ARM")], strict=True)["meeting"]) == (1, 0, 0)


def test_meetings_without_a_common_country_or_with_conflicting_dates_do_not_match():
    gold = [meeting("ARM", "AZE", date="2022-09-19")]
    assert counts(score_article(gold, [meeting("USA", "RUS")])["meeting"]) == (0, 1, 1)
    assert counts(score_article(gold, [meeting("ARM", "AZE", date="2022-09-20")])["meeting"]) == (0, 1, 1)
    week = meeting("ARM", "AZE", date="2022-09-19", precision="week")
    assert counts(score_article([meeting("ARM", "AZE", date="2022-09-22")], [week])["meeting"]) == (1, 0, 0)


def test_an_undated_prediction_matches_leniently_with_a_wrong_date_but_not_strictly():
    gold = [meeting("ARM", "AZE", date="2022-09-19")]
    pred = [meeting("ARM", "AZE", date=None)]
    run = score_corpus([ScoredDocument("a.json", gold, pred)])
    assert counts(run.tallies["meeting"]) == (1, 0, 0)
    assert run.tallies["meeting"].accuracies()["date"] == 0.0
    assert counts(score_article(gold, pred, strict=True)["meeting"]) == (0, 1, 1)


def test_a_null_gold_date_agrees_with_any_date_even_strictly():
    gold = [meeting("ARM", "AZE", date=None)]
    assert counts(score_article(gold, [meeting("ARM", "AZE", date="1990-01-01")], strict=True)["meeting"]) == (1, 0, 0)


def test_matching_is_one_to_one_and_prefers_agreeing_dates():
    gold = [meeting("ARM", "AZE", date="2022-09-19"), meeting("ARM", "AZE", date=None)]
    # the undated gold meeting agrees with both predictions; the dated one only with the second
    pred = [meeting("ARM", "AZE", date="2022-10-01"), meeting("ARM", "AZE", date="2022-09-19")]
    result = score_article(gold, pred, strict=True)["meeting"]
    assert counts(result) == (2, 0, 0)
    assert [(g["date"], p["date"]) for g, p in result.matched] == [("2022-09-19", "2022-09-19"),
                                                                   (None, "2022-10-01")]
    assert counts(score_article(gold[:1], pred[1:] * 2)["meeting"]) == (1, 1, 0)


def test_meeting_attributes_are_counted_over_matched_pairs_only_where_gold_knows_them():
    gold = [meeting("USA", "ARM", names=("Antony Blinken", None), place="USA"),
            meeting("RUS", "UKR", date="2022-03-10", names=("Sergei Lavrov", "Dmytro Kuleba"))]
    pred = [meeting("USA", "ARM", names=("Blinken", None), place="FRA"),
            meeting("RUS", "UKR", date="2022-03-10", names=("Lavrov", None), background=True)]
    tally = score_corpus([ScoredDocument("a.json", gold, pred)]).tallies["meeting"]
    assert tally.accuracies() == {"date": 1.0, "location.country": 0.0, "background": 0.5,
                                  "participants.countries": 1.0, "participants.names": 2 / 3}
    assert tally.checked == {"date": 2, "location.country": 1, "background": 2,
                             "participants.countries": 2, "participants.names": 3}


# --- clashes ---------------------------------------------------------------------------------

ARMENIA = side("Armenian armed forces", "ARM", aliases=("Armenia", "Yerevan"))
AZERBAIJAN = side("Azerbaijani armed forces", "AZE", aliases=("Azerbaijan", "Baku"))


def test_clash_sides_match_by_name_or_alias_when_countries_are_missing():
    gold = [clash(ARMENIA, AZERBAIJAN)]
    pred = [clash(side("yerevan"), side("AZERBAIJAN"))]
    assert counts(score_article(gold, pred, strict=True)["clash"]) == (1, 0, 0)


def test_clash_needs_overlapping_date_ranges():
    gold = [clash(ARMENIA, AZERBAIJAN, start="2022-09-12", end="2022-09-14")]
    assert counts(score_article(gold, [clash(ARMENIA, start="2022-09-14", end="2022-09-20")])["clash"]) == (1, 0, 0)
    assert counts(score_article(gold, [clash(ARMENIA, start="2022-09-15", end="2022-09-20")])["clash"]) == (0, 1, 1)


def test_strict_clash_needs_every_named_side():
    gold = [clash(ARMENIA, AZERBAIJAN, fatalities=200)]
    pred = [clash(side(None, "ARM"), side("Russian peacekeepers", "RUS"), fatalities=100)]
    run = score_corpus([ScoredDocument("a.json", gold, pred)])
    assert counts(run.tallies["clash"]) == (1, 0, 0)
    assert run.tallies["clash"].accuracies() == {"date": 1.0, "background": 1.0, "sides": 0.0, "fatalities": 0.0}
    assert counts(score_article(gold, pred, strict=True)["clash"]) == (0, 1, 1)


def test_unnamed_attackers_match_on_the_place_country_and_the_dates():
    gold = [clash(side(), place="NGA", start="2023-03-09", end="2023-03-09")]  # nobody named at all
    in_nigeria = clash(side("gunmen"), place="NGA", start="2023-03-09", end="2023-03-09")
    assert counts(score_article(gold, [in_nigeria], strict=True)["clash"]) == (1, 0, 0)
    elsewhere = clash(side("gunmen"), place="CMR", start="2023-03-09", end="2023-03-09")
    assert counts(score_article(gold, [elsewhere])["clash"]) == (0, 1, 1)
    undated = clash(side("gunmen"), place="NGA", start=None, end=None)
    assert counts(score_article(gold, [undated])["clash"]) == (0, 1, 1)
    gold[0]["location"]["country"] = None  # no place country: the dates alone carry the match
    assert counts(score_article(gold, [elsewhere])["clash"]) == (1, 0, 0)


# --- casualty figures ----------------------------------------------------------------------------

def test_figures_are_pooled_per_article_and_matched_on_outcome_and_count():
    gold = [casualties(figure("killed", 3, "civilian"), figure("wounded", 5, "military"), party="ARM")]
    pred = [casualties(figure("wounded", 5, "military"), party="ARM"),
            casualties(figure("killed", 3, "civilian"), party="ARM", date="2022-09-20"),
            casualties(figure("killed", 4, "civilian"), party="ARM")]
    assert counts(score_article(gold, pred, strict=True)["casualty_figure"]) == (2, 1, 0)


def test_figure_category_and_party_matter_only_strictly():
    gold = [casualties(figure("killed", 3, "civilian", "at_least"), party="ARM")]
    wrong_category = [casualties(figure("killed", 3, "military"), party="ARM")]
    wrong_party = [casualties(figure("killed", 3, "civilian"), party=None)]
    for pred in (wrong_category, wrong_party):
        assert counts(score_article(gold, pred)["casualty_figure"]) == (1, 0, 0)
        assert counts(score_article(gold, pred, strict=True)["casualty_figure"]) == (0, 1, 1)
    run = score_corpus([ScoredDocument("a.json", gold, wrong_category)])
    assert run.tallies["casualty_figure"].accuracies() == {"category": 0.0, "qualifier": 0.0, "party": 1.0}
    no_gold_party = [casualties(figure("killed", 3, "civilian"))]
    any_party = [casualties(figure("killed", 3, "civilian"), party="AZE")]
    assert counts(score_article(no_gold_party, any_party, strict=True)["casualty_figure"]) == (1, 0, 0)


def test_figures_pair_up_by_category_and_party_when_counts_tie():
    gold = [casualties(figure("killed", 3, "civilian"), party="ARM"),
            casualties(figure("killed", 3, "military"), party="AZE")]
    pred = [casualties(figure("killed", 3, "military"), party="AZE"),
            casualties(figure("killed", 3, "civilian"), party="ARM")]
    run = score_corpus([ScoredDocument("a.json", gold, pred)], strict=True)
    assert counts(run.tallies["casualty_figure"]) == (2, 0, 0)
    assert run.tallies["casualty_figure"].accuracies()["category"] == 1.0


# --- background, overall and files ---------------------------------------------------------------

def test_without_background_both_sides_drop_background_events():
    gold = [meeting("ARM", "AZE"), meeting("RUS", "UKR", date="2014-01-01", precision="year", background=True)]
    pred = [meeting("ARM", "AZE", background=True), meeting("USA", "CHN", background=True)]
    assert counts(score_article(gold, pred)["meeting"]) == (1, 1, 1)
    assert counts(score_article(gold, pred, with_background=False)["meeting"]) == (0, 0, 1)


def test_overall_pools_meetings_clashes_and_figures():
    gold = [meeting("ARM", "AZE"), clash(ARMENIA, AZERBAIJAN),
            casualties(figure("killed", 3), figure("wounded", 4), figure("missing", 2))]
    pred = [meeting("ARM", "AZE"), meeting("USA", "CHN"), casualties(figure("killed", 3), figure("wounded", 4))]
    run = score_corpus([ScoredDocument("a.json", gold, pred)])
    overall = run.overall
    assert counts(overall) == (3, 1, 2)
    assert overall.precision == 0.75 and overall.recall == 0.6
    assert overall.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert run.tallies["clash"].f1 == 0.0  # nothing predicted: P and R undefined, scored 0


def test_a_missing_or_unreadable_prediction_file_predicts_nothing(tmp_path):
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold_dir.mkdir()
    pred_dir.mkdir()
    for name in ("a.json", "b.json", "c.json"):
        (gold_dir / name).write_text(json.dumps({"article": article(name), "events": [meeting("ARM", "AZE")]}))
    (pred_dir / "a.json").write_text(json.dumps({"events": [meeting("ARM", "AZE")]}))
    (pred_dir / "b.json").write_text("not json")
    run = score_dirs(gold_dir, pred_dir)
    assert [a.name for a in run.articles] == ["a.json", "b.json", "c.json"]
    assert counts(run.tallies["meeting"]) == (1, 0, 2)


def test_run_json_has_the_reference_layout_and_rounding():
    gold = [meeting("ARM", "AZE"), meeting("USA", "CHN", date="2022-11-14"), meeting("RUS", "UKR")]
    pred = [meeting("ARM", "AZE"), casualties(figure("killed", 1))]
    result = run_to_dict(score_corpus([ScoredDocument("a.json", gold, pred)]))
    assert list(result) == ["files", "overall", "meeting", "clash", "casualty_figure", "per_file", "articles"]
    assert result["meeting"] == {"precision": 1.0, "recall": 0.333, "f1": 0.5, "tp": 1, "fp": 0, "fn": 2,
                                 "attributes": {"date": 1.0, "background": 1.0, "participants.countries": 1.0}}
    assert result["overall"]["recall"] == 1 / 3  # overall is not rounded
    assert result["per_file"] == {"a.json": {"meeting": [1, 0, 2], "clash": [0, 0, 0], "casualty_figure": [0, 1, 0]}}
    assert result["articles"]["a.json"]["meeting"]["missed"] == ["meeting 2022-11-14 USA, CHN",
                                                                 "meeting 2022-09-19 RUS, UKR"]
    assert result["articles"]["a.json"]["casualty_figure"]["false_alarms"] == [
        "figure killed 1 unknown, 2022-09-19"]
