"""esxidocs/frontmatter.py: the schema every page's front matter must follow."""

from __future__ import annotations

import pytest
from esxidocs.frontmatter import check, problems

# Where the validator says each key is (its line in the file); the block itself: line 1.
LINES = {"title": 2, "description": 3, "article": 4, "titel": 5}


def where(key: str | None) -> tuple[int, int]:
    return LINES.get(key or "", 1), 8


GOOD = {
    "title": "La partición scratch",
    "description": "Qué guarda la partición scratch de ESXi 5, dónde se crea y qué se pierde.",
    "article": "4",
}


def test_a_valid_block_has_no_problem() -> None:
    assert problems(GOOD) == []


@pytest.mark.parametrize(
    ("change", "key", "fragment"),
    [
        ({"title": None}, None, "missing required key 'title'"),
        ({"titel": "x"}, "titel", "unknown key 'titel'"),
        ({"description": "Demasiado corta."}, "description", "must be 50-160"),
        ({"description": "x" * 161}, "description", "must be 50-160"),
        (
            {"description": 'Una descripción con "comillas" que rompen el atributo meta.'},
            "description",
            "unsafe",
        ),
        ({"title": "Título <b>roto</b>"}, "title", "unsafe"),
        ({"title": "Tab\tinside"}, "title", "control characters"),
        ({"article": "6"}, "article", "article must be one of"),
        ({"title": 42}, "title", "non-empty string"),
    ],
)
def test_each_rule_is_enforced(change: dict[str, object], key: str | None, fragment: str) -> None:
    meta = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    found = [(finding.line, finding.col, finding.message) for finding in check(meta, where)]
    at = LINES.get(key or "", 1)
    assert any(line == at and col == 8 and fragment in msg for line, col, msg in found), found


def test_unquoted_article_number_is_accepted() -> None:
    assert problems({**GOOD, "article": 4}) == []


def test_a_list_is_not_front_matter() -> None:
    assert problems(["title"]) == ["front matter must be a YAML mapping"]
    assert [(f.path, f.line, f.code) for f in check(["title"])] == [("", 1, "fm-not-mapping")]
