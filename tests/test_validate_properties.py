"""Random front matter and Markdown never crash the checks; findings stay well-formed."""

from __future__ import annotations

import tempfile
from pathlib import Path

from esxidocs.validator.codes import CODES
from esxidocs.validator.frontmatter_check import check_front_matter
from esxidocs.validator.markdown_scan import scan_markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown.extensions.toc import slugify
from support import make_project, refresh_permalinks, validate, write

# Characters that matter to YAML and Markdown, plus anything else Unicode has.
SYNTAX = [*"-:#[]{}()!<>*_`~&|>\"'\\/ \t\n.=?^%@", "---", "```", "!!! note", "    "]
text = st.lists(st.one_of(st.sampled_from(SYNTAX), st.text(max_size=8)), max_size=60).map("".join)
yaml_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=10,
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(block=text, body=text)
def test_random_front_matter(block: str, body: str) -> None:
    source = f"---\n{block}\n---\n{body}"
    result = check_front_matter(source)
    lines = source.count("\n") + 1
    for finding in result.findings:
        assert finding.code in CODES
        assert 1 <= finding.line <= lines
        assert finding.col >= 1


@SETTINGS
@given(
    meta=st.dictionaries(
        st.sampled_from(["title", "description", "article", "hide", "search", "titel", "x"]),
        yaml_value,
    )
)
def test_random_front_matter_values(meta: dict[str, object]) -> None:
    import yaml

    source = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n# T\n"
    result = check_front_matter(source)
    assert all(f.code in CODES for f in result.findings)


@SETTINGS
@given(body=text)
def test_random_markdown(body: str) -> None:
    scan = scan_markdown(body, 1, slugify)
    lines = body.count("\n") + 1
    for link in scan.links:
        assert 1 <= link.line <= lines and link.col >= 1
    for heading in scan.headings:
        assert 1 <= heading.line <= lines
    # Like Python-Markdown's toc: generated ids never repeat nor take a written id.
    auto = [h.anchor for h in scan.headings if not h.explicit]
    written = {h.anchor for h in scan.headings if h.explicit} | {i for i, _, _ in scan.ids}
    assert len(auto) == len(set(auto)) and not set(auto) & written


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=text)
def test_random_page_through_whole_run(body: str) -> None:
    """A random page inside a project: the full run reports, never raises."""
    with tempfile.TemporaryDirectory() as folder:
        root = make_project(Path(folder))
        write(root, "es/random.md", "---\ntitle: T\n---\n" + body)
        refresh_permalinks(root)
        for problem in validate(root):
            assert problem.code in CODES and problem.line >= 1
