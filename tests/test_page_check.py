"""esxidocs/page_check.py: the confine stage's check of a written page, navigation parsed once.

Its verdict must be the validator's policy's verdict on every page, whatever came before; a
page passed before, byte for byte by the same code, is not checked again, and a refused one
is never remembered.
"""

from __future__ import annotations

import random
from pathlib import Path
from types import SimpleNamespace

import pytest
from esxidocs import build_cache, page_check
from esxidocs.stages import confine
from esxidocs.validator.raw_html import check_built_page
from mkdocs.exceptions import PluginError

CUT = page_check.CUT


def _item(title: str, href: str = "../x/") -> str:
    return f'{CUT}">\n<a href="{href}" class="md-nav__link"><span>{title}</span></a>\n</li>\n'


def _page(head: str, items: list[str], article: str) -> str:
    return (
        f"<!doctype html><html><head><title>t</title></head><body>{head}"
        '<div class="md-main__inner"><nav class="md-nav"><ul class="md-nav__list">'
        + "".join(items)
        + '</ul></nav><article class="md-content__inner">'
        + article
        + "</article></div><script src='a.js'></script></body></html>"
    )


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    page_check._known.clear()


def _same_as_policy(page: str) -> bool:
    expected = not check_built_page("x/index.html", page).findings
    assert page_check.clean(page) is expected, page
    return expected


def test_a_clean_page_is_clean_and_its_entries_are_learnt() -> None:
    page = _page("", [_item(f"Page {n}") for n in range(5)], "<p>text</p>")
    assert _same_as_policy(page)
    assert len(page_check._known) == 6  # the head and each entry (the last, with the article)
    assert _same_as_policy(page)  # again, skipping the learnt entries


def test_a_long_inline_svg_is_parsed_once_and_a_changed_one_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Longer than a remembered segment, but a diagram: the same text on every page."""
    svg = "<svg>" + '<rect width="1" height="1"/>' * page_check.MAX_SEGMENT + "</svg>"
    fed: list[str] = []
    feed = page_check._Segments.feed

    def counted(self: page_check._Segments, data: str) -> None:
        fed.append(data)
        feed(self, data)

    monkeypatch.setattr(page_check._Segments, "feed", counted)
    items = [_item(f"Page {n}") for n in range(3)]
    assert _same_as_policy(_page("", items, f"<figure>{svg}</figure><p>one</p>"))
    assert _same_as_policy(_page("", items, f"<figure>{svg}</figure><p>two</p>"))
    assert fed.count(svg) == 1
    hostile = svg.replace("<rect", '<rect onload="alert(1)"', 1)
    assert not _same_as_policy(_page("", items, f"<figure>{hostile}</figure><p>one</p>"))


def test_a_script_in_one_entry_is_found_on_a_page_whose_other_entries_were_learnt() -> None:
    items = [_item(f"Page {n}") for n in range(5)]
    assert _same_as_policy(_page("", items, "<p>x</p>"))
    items[2] = _item("Page <img src=x onerror=alert(1)>")
    assert not _same_as_policy(_page("", items, "<p>x</p>"))


def test_a_learnt_entry_is_not_skipped_inside_an_open_comment() -> None:
    # Learnt as harmless text ("-->"), the entry would end a comment opened before it on
    # another page, and what follows it would be skipped as comment if it were not parsed.
    trap = _item("a --> b")
    assert _same_as_policy(_page("", [_item("x"), trap, _item("y")], ""))
    hostile = _page("<!--", [_item("x"), trap, "<p><script>alert(1)</script></p>", _item("y")], "")
    assert not _same_as_policy(hostile)


def test_a_script_in_an_article_after_learnt_entries_is_found() -> None:
    items = [_item(f"P{n}") for n in range(3)]
    assert _same_as_policy(_page("", items, "<p>x</p>"))
    assert not _same_as_policy(_page("", items, "<p>x</p><script>alert(1)</script>"))
    assert not _same_as_policy(_page("", items, '<form action="/x"></form>'))


FRAGMENTS = [
    _item("A"),
    _item("B", "../b/"),
    _item("C &amp; D"),
    _item("<b>bold</b>"),
    _item("a --> b"),
    _item("<!-- c"),
    f'{CUT}">x</li></div>',
    f'{CUT}"><span>open',
    f'{CUT}" onclick="x()">y</li>',
    f'{CUT}"><style>p{{color:red}}</style></li>',
    f'{CUT}"><style>p{{background:url(x)}}</style></li>',
    f'{CUT}"><script>x</script></li>',
    f'{CUT}"><iframe src=x></iframe></li>',
    f'{CUT}"><a href="javascript:x">j</a></li>',
    "<!--",
    "-->",
    "<div>",
    "</div>",
    "<script>",
    "</script>",
    '<form class="md-search__form">',
    "</form>",
    '<article class="md-content__inner">',
    "</article>",
    "<p title='",
    "'>",
    "text & more",
    '<svg viewBox="0 0 1 1"><path d="M0 0"/></svg>',
    "<svg><style>.a{fill:url(#x)}</style></svg>",
    '<svg onload="x()"></svg>',
    "<svg><script>x</script></svg>",
    "<svg>",
    "</svg>",
]


def test_the_verdict_equals_the_policy_on_random_pages() -> None:
    rng = random.Random(15)
    verdicts = set()
    for _ in range(600):
        parts = rng.choices(FRAGMENTS, k=rng.randint(1, 12))
        page = "<html><body><div class='md-main__inner'>" + "".join(parts) + "</div></body></html>"
        verdicts.add(_same_as_policy(page))
    assert verdicts == {True, False}


def test_an_entry_that_swaps_an_outer_element_is_not_skipped_elsewhere() -> None:
    # "</div><p>" keeps the depth but changes the parent of what follows: a script after it is
    # in a <p>, not in Material's div.md-main__inner where theme scripts may be.
    swap, after = f'{CUT}"></li></div><p>', _item("a")
    assert _same_as_policy(f"<body><div>{swap}{after}</p></body>")
    page = f'<body><div class="md-main__inner">{swap}{after}<script>x</script></p></body>'
    assert not _same_as_policy(page)


def test_an_entry_with_a_form_learnt_outside_the_article_is_refused_inside_it() -> None:
    entry, after = f'{CUT}"><form class="md-search__form"></form></li>', _item("a")
    assert _same_as_policy(f"<body><ul>{entry}{after}</ul></body>")
    page = f'<body><article class="md-content__inner"><ul>{entry}{after}</ul></article></body>'
    assert not _same_as_policy(page)


def test_an_entry_that_leaves_a_comment_open_is_not_remembered() -> None:
    # Skipped, it would leave what follows outside the comment it opens: a false refusal.
    opener = f'{CUT}"></li><!--'
    assert _same_as_policy(f"<body><ul>{opener}{_item('x')}--></ul></body>")
    assert _same_as_policy(f'<body><p>{opener}{CUT}"><p><script>x</script></li>--></p></body>')


# ---- the confine stage's memory of pages passed (build cache `confine/`) ---------------


def _written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: str) -> str:
    """The confine stage's verdict on a written page, with the build cache in tmp_path."""
    monkeypatch.setenv(build_cache.ENV, str(tmp_path))
    fake = SimpleNamespace(url="x/", file=SimpleNamespace(src_uri="es/x.md"))
    return str(confine.on_post_page(page, fake, {"config_file_path": None}))


def test_a_page_passed_once_is_not_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page("", [_item("Page")], "<p>text</p>")
    assert _written(tmp_path, monkeypatch, page) == page
    monkeypatch.setattr(page_check, "clean", lambda _page: pytest.fail("parsed again"))
    assert _written(tmp_path, monkeypatch, page) == page
    changed = page.replace("text", "other text")
    with pytest.raises(pytest.fail.Exception, match="parsed again"):
        _written(tmp_path, monkeypatch, changed)  # another page: judged afresh


def test_a_refused_page_is_refused_on_every_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page("", [_item("Page")], "<p>text</p><script>alert(1)</script>")
    for _ in range(2):
        with pytest.raises(PluginError, match="html-active"):
            _written(tmp_path, monkeypatch, page)
    assert not list(tmp_path.rglob("confine/*/*")), "a refused page was remembered"


def test_a_change_of_the_checking_code_forgets_every_verdict(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = _page("", [_item("Page")], "<p>text</p>")
    before = page_check.page_digest(page)
    page_check.code_digest.cache_clear()
    monkeypatch.setattr(page_check, "__file__", __file__)  # "another version of the check"
    try:
        assert page_check.page_digest(page) != before
    finally:
        monkeypatch.undo()
        page_check.code_digest.cache_clear()
