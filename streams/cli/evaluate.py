"""`newsevents eval GOLD_DIR`: score the extractor (or a folder of predictions) against gold
annotations, by the rules of the annotation guideline (see `streams.evaluation`)."""
from __future__ import annotations

import json
from pathlib import Path

import click

from streams.evaluation.annotations import (
    ScoredDocument,
    annotation_files,
    load_documents,
    read_annotation,
    write_annotation,
)
from streams.evaluation.calibration import (
    cross_validated_units,
    fit_logistic,
    groups_of,
    reliability,
    reliability_lines,
    strict_labels,
)
from streams.evaluation.predict import article_of, extract_all, load_engine, predict
from streams.evaluation.report import evaluation_document, render_text
from streams.evaluation.scoring import score_all_settings
from streams.settings import Settings

Folder = click.Path(exists=True, file_okay=False, path_type=Path)


def _extracted_documents(gold_dir: Path, model: str, batch_size: int,
                         out: Path | None) -> tuple[list[ScoredDocument], dict[str, str]]:
    """Run the extractor over the article of every gold file; write its predictions to `out`."""
    engine = load_engine(model)
    files = annotation_files(gold_dir)
    gold_docs = [read_annotation(f) for f in files]
    predictions = predict(engine, [article_of(d) for d in gold_docs], batch_size)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        for gold_file, prediction in zip(files, predictions, strict=True):
            write_annotation(out / gold_file.name, prediction)
    documents = [ScoredDocument(f.name, d["events"], list(p.get("events") or []))
                 for f, d, p in zip(files, gold_docs, predictions, strict=True)]
    return documents, {"extractor_version": engine.version, "model": engine.model}


def _fit_confidence(gold_dir: Path, model: str, batch_size: int, out: Path) -> None:
    """Fit the confidence model on the gold files and write its weights to `out`; print the
    reliability of the fitted model on the same articles and, fold by fold, on held-out ones."""
    from streams.extraction.confidence import features, logistic

    engine = load_engine(model)
    gold_docs = [read_annotation(f) for f in annotation_files(gold_dir)]
    articles = [article_of(d) for d in gold_docs]
    samples, counts = [], []
    for article, gold, events in zip(articles, gold_docs, extract_all(engine, articles, batch_size), strict=True):
        pred = engine.annotate(article, events)["events"]
        labels = strict_labels(gold["events"], pred)
        samples += [(features(events[i]), ok) for i, ok in labels]
        counts.append(len(labels))
    weights = fit_logistic(samples)
    fitted = reliability([(logistic(weights, values), ok) for values, ok in samples])
    held_out = reliability(cross_validated_units(samples, groups_of(counts), logistic))
    out.write_text(json.dumps({"fitted_on": str(gold_dir), "articles": len(articles), "units": len(samples),
                               "ece": round(fitted.ece, 4), "ece_cross_validated": round(held_out.ece, 4),
                               "weights": {k: round(v, 4) for k, v in weights.items()}}, indent=1) + "\n")
    lines = [f"wrote {out}", *reliability_lines(fitted, "fitted, on the same articles"), "",
             *reliability_lines(held_out, "5-fold cross-validated, articles held out of the fit")]
    click.echo("\n".join(lines))


class _ScoreByDefault(click.Group):
    """`eval GOLD_DIR ...` scores (the command as it always was); `eval merge ...` is a
    subcommand: any first word that names no subcommand goes to `score`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            args = ["score", *args]
        return super().parse_args(ctx, args)


@click.group("eval", cls=_ScoreByDefault)
def eval_group() -> None:
    """Score the extractor against gold annotations (`eval GOLD_DIR`), or the resolution of
    several outlets' reports into events (`eval merge CLUSTERS.json GOLD_DIR`)."""


@eval_group.command("merge")
@click.argument("clusters", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("gold_dir", type=Folder)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead of the table.")
def merge_command(clusters: Path, gold_dir: Path, as_json: bool) -> None:
    """Extract and resolve the articles of GOLD_DIR offline; per cluster of CLUSTERS.json, say
    whether its articles became one event and its distractors stayed apart; print pairwise
    precision, recall and F1 of "same event" over the articles."""
    from dataclasses import asdict

    from streams.evaluation.merging import score_merges

    spec = json.loads(clusters.read_text())
    wanted = {a for c in spec["clusters"] for a in [*c["articles"], *c.get("distractors", [])]}
    docs = {d["article"]["id"]: d for d in (read_annotation(f) for f in annotation_files(gold_dir))}
    missing = sorted(wanted - docs.keys())
    if missing:
        raise click.UsageError(f"articles of {clusters} not in {gold_dir}: {', '.join(missing)}")
    settings = Settings()
    engine = load_engine(settings.spacy_model)
    articles = [article_of(docs[a]) for a in sorted(wanted)]
    events = [e for found in extract_all(engine, articles, settings.batch_size) for e in found]
    result = score_merges(spec, events)
    click.echo(json.dumps(asdict(result), indent=1) if as_json else "\n".join(result.lines()))


@eval_group.command("score")
@click.argument("gold_dir", type=Folder)
@click.option("--pred-dir", type=Folder, default=None,
              help="Score the prediction files of this folder instead of running the extractor.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead of the text report.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write the extractor's predictions here (annotation format, the gold file names).")
@click.option("--model", default=None, help="spaCy pipeline of the extractor (default: the service setting).")
@click.option("--fit-confidence", "fit_out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Fit the confidence model on GOLD_DIR and write its weights to this file "
                   "(the package's is streams/extraction/data/confidence.json).")
def eval_command(gold_dir: Path, pred_dir: Path | None, as_json: bool, out: Path | None, model: str | None,
                 fit_out: Path | None) -> None:
    """Score extracted events against the gold annotation files of GOLD_DIR.

    Reports, lenient and strict, with and without background events: precision, recall and F1
    per type (meetings, clashes, casualty figures), attribute accuracies and the overall F1;
    then each article's misses and false alarms.
    """
    if not annotation_files(gold_dir):
        raise click.UsageError(f"no *.json annotation files in {gold_dir}")
    if pred_dir is not None and (out is not None or model is not None):
        raise click.UsageError("--out and --model run the extractor; they do not go with --pred-dir")
    if fit_out is not None:
        if pred_dir is not None:
            raise click.UsageError("--fit-confidence runs the extractor; it does not go with --pred-dir")
        settings = Settings()
        _fit_confidence(gold_dir, model or settings.spacy_model, settings.batch_size, fit_out)
        return
    if pred_dir is not None:
        documents, source = load_documents(gold_dir, pred_dir), {"pred_dir": str(pred_dir)}
    else:
        settings = Settings()
        documents, source = _extracted_documents(gold_dir, model or settings.spacy_model,
                                                 settings.batch_size, out)
    source = {"gold_dir": str(gold_dir), **source}
    runs = score_all_settings(documents)
    if as_json:
        click.echo(json.dumps(evaluation_document(runs, source), indent=1))
    else:
        click.echo(render_text(runs, source), nl=False)
