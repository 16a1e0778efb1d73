"""`esxidocs bench-build` (esxidocs/bench_build.py): what it compares, and how it times.

The figures themselves are not tested (a timing would fail on a busy machine); what is:
stock is the same site without this project's additions, and ours and stock are timed in
turn, so a slow spell of the machine does not land on one side only.
"""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from esxidocs.bench_build import Timing, _load_config, _rounds, stock_config


def test_stock_is_the_same_site_without_our_theme_and_plugins() -> None:
    config = _load_config(ROOT / "mkdocs.yml")
    stock = stock_config(config, Path("/elsewhere/docs"))
    assert "hooks" not in stock and "custom_dir" not in stock["theme"]
    plugins = [p if isinstance(p, str) else next(iter(p)) for p in stock["plugins"]]
    assert plugins == ["search", "i18n"]
    for key in ("nav", "markdown_extensions", "site_url"):
        assert stock[key] == config[key], key
    assert stock["theme"]["name"] == "material" and stock["docs_dir"] == "/elsewhere/docs"
    assert "esxidocs" in [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]]


def test_rounds_build_each_side_in_turn_and_keep_the_best_of_each() -> None:
    order: list[str] = []
    runs = {
        "stock": iter([Timing(3.0, 2.0), Timing(1.0, 3.0), Timing(2.0, 1.5)]),
        "ours": iter([Timing(5.0, 6.0), Timing(6.0, 4.0), Timing(4.0, 5.0)]),
    }

    def build(name: str) -> Timing:
        order.append(name)
        return next(runs[name])

    best = _rounds(3, {"stock": lambda: build("stock"), "ours": lambda: build("ours")})
    assert order == ["stock", "ours"] * 3
    assert best == {"stock": Timing(1.0, 1.5), "ours": Timing(4.0, 4.0)}
