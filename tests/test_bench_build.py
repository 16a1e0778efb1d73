"""`esxidocs bench-build` (esxidocs/bench_build.py): what it compares, and how it times.

The figures themselves are not tested (a timing would fail on a busy machine); what is:
stock is the same site without this project's additions, and ours and stock are timed in
turn, so a slow spell of the machine does not land on one side only.
"""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from esxidocs.bench_build import (
    Case,
    Series,
    Timing,
    _load_config,
    _rounds,
    report,
    round_ratios,
    stock_config,
)


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

    series = _rounds(3, {"stock": lambda: build("stock"), "ours": lambda: build("ours")})
    assert order == ["stock", "ours"] * 3
    assert series["stock"].best == Timing(1.0, 1.5) and series["ours"].best == Timing(4.0, 4.0)
    # Round by round, each ratio pairs the builds made one after the other.
    assert round_ratios(series["ours"], series["stock"]) == [3.0, 4.0 / 3.0, 5.0 / 1.5]


def test_report_gives_the_verdict_and_the_spread_of_the_rounds() -> None:
    stock = Series((Timing(1.0, 1.0), Timing(1.0, 2.0), Timing(1.0, 1.0)))
    ours = Series((Timing(1.0, 1.4), Timing(1.0, 3.0), Timing(1.0, 2.0)))
    line = report([Case("real site, first build", 24, ours, stock, 1.5)]).splitlines()[2]
    assert "1.40x" in line and " met " in line  # best against best: 1.4 / 1.0
    assert "1.50x (1.40-2.00)" in line  # per round 1.4, 1.5 and 2.0
