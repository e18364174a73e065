"""The extractor never raises and only returns valid events anchored in the body."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemas import EVENT_ADAPTER


def _check(extractor, make_article, body: str) -> None:
    article = make_article(body)
    for event in extractor.extract(article):
        EVENT_ADAPTER.validate_python(event.model_dump())
        assert body[event.evidence.start:event.evidence.end] == event.evidence.text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=400))
def test_arbitrary_unicode(extractor, make_article, body):
    _check(extractor, make_article, body)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from([
    "Troops clashed with rebels on Monday, killing 4 soldiers.", "<p>", "</div>", "\n\n",
    "Ministers of Peru and Chile met in Lima.", "&amp;", "  ", "At least 12 people died.",
    "\u200b", "Baku", "Mr.", "'s", "-", "1,000", "killed", "\t"]), max_size=40))
def test_event_like_fragments(extractor, make_article, parts):
    _check(extractor, make_article, " ".join(parts))


def test_empty_and_whitespace(extractor, make_article):
    assert extractor.extract(make_article("")) == []
    assert extractor.extract(make_article(" \n\n \t")) == []


def test_html_markup(extractor, make_article):
    _check(extractor, make_article, "<html><body><p>Four soldiers were killed in a clash with rebels "
                      "on Monday.</p><script>var x = 1;</script></body></html>")


def test_huge_input(extractor, make_article):
    paragraph = ("Rebels attacked an army post on Monday and at least 3 soldiers were killed, "
                 "the ministry said. ") * 4
    body = "\n\n".join([paragraph] * 500)[:200_000]
    _check(extractor, make_article, body)
