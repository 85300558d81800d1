"""Search excerpts and highlighting: the query's words found and marked, the text escaped."""

from base.templatetags.search_tags import highlight
from base.text import excerpt, query_terms


def test_highlighting_escapes_the_text_and_marks_whole_words_from_their_start():
    assert highlight("Commits & <b>commit</b>ted; recommits", "commit") == (
        "<mark>Commits</mark> &amp; &lt;b&gt;<mark>commit</mark>&lt;/b&gt;ted; recommits"
    )
    assert query_terms('"3,016" Commits  the') == ["commits", "3,016", "the"]


def test_an_excerpt_is_the_text_around_the_first_match():
    text = "word " * 200 + "the 3,016 commits of the year " + "word " * 200
    result = excerpt(text, ["commits"], length=120)
    assert result.startswith("… ") and result.endswith(" …")
    assert "3,016 commits" in result
    assert len(result) <= 124


def test_highlighting_with_no_query_only_escapes():
    assert highlight("<script>x</script>", "") == "&lt;script&gt;x&lt;/script&gt;"


def test_a_short_text_is_its_own_excerpt():
    assert excerpt("  Zuul   landed changes ", ["zuul"]) == "Zuul landed changes"
