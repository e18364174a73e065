"""Scoring of extracted events against gold annotations (format and rules: the annotation
guideline, shared/eval/README.md), and the extraction benchmark.

The rules are implemented here rather than borrowed from the reference scorer so the service
can be evaluated wherever it is installed; its figures agree exactly with the reference's.

    from streams.evaluation import score_corpus, score_dirs
    run = score_dirs(gold_dir, pred_dir, strict=True, with_background=False)
    run.overall.f1, run.tallies["clash"].recall

Events are handled in the annotation format (plain dicts), the common ground of gold files,
prediction files and `streams.extraction.annotation.to_annotation`.
"""
from streams.evaluation.scoring import (
    EVENT_KINDS,
    RUN_SETTINGS,
    ArticleScore,
    KindScore,
    RunScore,
    Tally,
    score_all_settings,
    score_article,
    score_corpus,
    score_dirs,
)

__all__ = [
    "EVENT_KINDS", "RUN_SETTINGS", "ArticleScore", "KindScore", "RunScore", "Tally",
    "score_all_settings", "score_article", "score_corpus", "score_dirs",
]
