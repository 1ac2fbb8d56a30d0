"""Writes the ready-made notebooks from the cells below, so a review reads Python, not JSON.

    python notebooks/build_notebooks.py          # rewrites notebooks/0*.ipynb (no outputs)

Each notebook is a list of ("md" | "code" | "params" | "summary", text) cells. "params" is the cell
tagged ``parameters`` that papermill (``foa report -p name value``) overrides; "summary" is tagged
``report-summary``: a rendered report shows it first, under the title. Every notebook runs top to bottom
offline on the bundled data; a workspace file comes from the ``workspace`` parameter, else
``$FOA_WORKSPACE``, else ``./foa.duckdb``.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}

QUICKSTART = [
    ("md", "# foa quickstart: a document becomes a backtest\n\n"
           "A broker note goes in; a typed strategy, a backtest and a chart come out. Everything here runs "
           "offline on data bundled with foa, in about a dozen cells."),
    ("params", "sample = \"broker_note\"   # a bundled sample document (foa.samples.sample_documents())\n"
               "symbol = \"^GSPC\"         # what to trade: the bundled S&P 500 index\n"
               "workspace = None          # a workspace file; None means $FOA_WORKSPACE, else ./foa.duckdb"),
    ("md", "## 1. A workspace with prices\n\nThe workspace is one DuckDB file holding prices, documents and results. "
           "`load_bundled()` fills it with real index data shipped with foa (1999-2018), so nothing is downloaded."),
    ("code", "import pandas as pd\n\nimport foa\n\npd.set_option(\"display.max_colwidth\", None)  # show evidence quotes whole\n"
             "ws = foa.Workspace(workspace)\nws.prices.load_bundled()\nws.prices.symbols()"),
    ("md", "## 2. Read the document\n\nDocuments keep their pages, so every rule can later be traced to the page it came from."),
    ("code", "doc = foa.samples.load_sample(sample)\nprint(doc.name, '-', len(doc.pages), 'page(s); the first:')\nprint(doc.page(1).text)"),
    ("md", "## 3. Extract the strategy\n\nThe offline extractor needs no API key (pass `provider=\"claude\"` to use Claude). "
           "The result is a `StrategySpec`: typed, validated rules, each backed by a quote from the document."),
    ("code", "spec = foa.extract_strategy(doc, provider=\"offline\")\nprint(spec.describe())"),
    ("md", "Each quote is checked against the page it claims to come from and shown there, highlighted: green when it "
           "holds the number it backs, amber when it is only found on the page. What the document did not say is listed as an assumption."),
    ("code", "for a in spec.assumptions:\n    print('assumed:', a)\nfoa.evidence_view(doc, spec)"),
    ("md", "## 4. Backtest it\n\nThe note may name a ticker foa has no bundled data for (an ETF such as SPY): we trade "
           "`symbol` instead. Signals on a bar's close fill at the next bar's open; statistics use 252 trading days a year."),
    ("code", "from foa.widgets.logic import prepare_spec, stats_frame\n\nspec = prepare_spec(spec, [symbol])\n"
             "result = foa.backtest(spec, ws)\nstats_frame(result.stats)"),
    ("md", "## 5. Look at it\n\nEquity against buy & hold, the drawdowns, and every trade on the price."),
    ("code", "result.plot()"),
    ("md", "## 6. Keep it\n\nSaving records the spec, the data range, a hash of the prices and the statistics, so the run can be reproduced and compared later."),
    ("code", "backtest_id = result.save(ws)\n"
             "saved = ws.backtests()[[\"id\", \"name\", \"symbols\", \"start_date\", \"end_date\", \"total_return\", \"sharpe\"]]\n"
             "saved.tail(3).style.format({\"start_date\": \"{:%Y-%m-%d}\", \"end_date\": \"{:%Y-%m-%d}\", \"total_return\": \"{:.2%}\",\n"
             "                         \"sharpe\": \"{:.2f}\"}).hide(axis=\"index\")"),
    ("summary", "foa.report.summary(spec, result, document=doc)"),
]

DOCUMENT_TO_BACKTEST = [
    ("md", "# Your own document to a backtest\n\n"
           "Point `path` at your PDF, markdown or text file. With `ANTHROPIC_API_KEY` set, Claude reads it; "
           "without one, the offline extractor does. Either way the spec comes back with evidence you can check."),
    ("params", "path = None          # your document; None means the bundled broker note (a 2-page PDF)\n"
               "provider = \"auto\"   # \"auto\": Claude when a key is set, offline otherwise\n"
               "symbol = None       # None: what the document names; or e.g. \"^IXIC\" to override it (printed below)\n"
               "start = \"2003-01-02\"\nend = None\n"
               "fees = None         # None: the document's costs; or e.g. 0.0005 (5 bp per side) to override them\n"
               "workspace = None"),
    ("md", "## Load the document\n\n`load_document` picks the reader by file type and keeps pages; a scanned, "
           "encrypted or empty file fails here with a message saying what to do."),
    ("code", "import foa\nfrom foa.samples import sample_path\n\n"
             "doc = foa.load_document(path or sample_path(\"broker_note\"))\n"
             "print(doc.name, doc.mime, len(doc.pages), 'pages')\nprint(doc.page(1).text[:800])"),
    ("md", "## Keep it in the workspace\n\nDocuments are stored once, by content hash; the spec will point back to this id."),
    ("code", "ws = foa.Workspace(workspace)\nws.prices.load_bundled()\ndoc_id = ws.add_document(doc)\nws.documents()"),
    ("md", "## Extract\n\n`provider=\"auto\"` falls back to the offline extractor when no key is configured, so "
           "this notebook runs anywhere. With Claude, `spec.provenance` records the model, tokens and cost."),
    ("code", "spec = foa.extract_strategy(doc, provider=provider)\nprint(spec.describe())\nspec.provenance"),
    ("md", "## Check the evidence\n\nA quote marked `NO` was not found on its page: read that rule with suspicion."),
    ("code", "from foa.widgets.logic import evidence_frame\n\nfor a in spec.assumptions:\n    print('assumed:', a)\nevidence_frame(spec)"),
    ("md", "## Backtest with the document's costs, against buy & hold\n\nCosts matter: a strategy that trades often "
           "can lose its edge to fees. The run uses the symbols and costs the document states; `symbol` or `fees` above "
           "override them, and each override is printed beside the document's value. When foa has no prices for a "
           "symbol (an ETF such as SPY), `proxies=True` trades a bundled stand-in and says so (`assumed: ...`). "
           "Buy & hold on the same symbol and dates is the bar to clear."),
    ("code", "from foa.spec.describe import overrides\nfrom foa.spec.library import get\n"
             "from foa.widgets.logic import prepare_spec, stats_frame\n\n"
             "document_spec = spec\n"
             "spec = prepare_spec(spec, [symbol] if symbol else (spec.universe.symbols or [\"^GSPC\"]), fees=fees)\n"
             "for line in overrides(document_spec, spec):\n    print(\"override:\", line)\n"
             "result = foa.backtest(spec, ws, start=start, end=end, proxies=True)\n"
             "for a in result.assumptions:\n    print(\"assumed:\", a)\n"
             "hold = foa.backtest(prepare_spec(get(\"buy_and_hold\"), spec.universe.symbols, fees=spec.costs.fees,\n"
             "                                 slippage=spec.costs.slippage), ws, start=start, end=end, proxies=True)\n"
             "import pandas as pd\n"
             "pd.concat({spec.name: stats_frame(result.stats)['value'], 'buy & hold': stats_frame(hold.stats)['value']}, axis=1)"),
    ("code", "result.plot()"),
    ("md", "## The spec as JSON\n\nThis is what is stored and diffed; edit it and load it back with `foa.StrategySpec.from_json`."),
    ("code", "print(spec.model_dump_json(indent=2, exclude_none=True)[:2000])"),
    ("summary", "foa.report.summary(spec, result, document=doc)"),
]

DASHBOARDS = [
    ("md", "# Dashboards\n\nThe same steps as the quickstart, with controls. Each dashboard keeps its current value "
           "(`bt.result`, `ex.spec`, `sw.result`) for the next cell, and shows errors inside itself."),
    ("params", "symbols = \"^GSPC\"\nstart = \"2010-01-04\"\nend = \"2018-12-31\"\nworkspace = None"),
    ("code", "import foa\nfrom foa.widgets import BacktestDashboard, ExtractDashboard, SweepDashboard\n\n"
             "ws = foa.Workspace(workspace)\n_ = ws.prices.load_bundled()"),
    ("md", "## Backtest\n\nPick a ready-made strategy (or send one from the extraction dashboard below), symbols, dates, "
           "costs and the fill rule, then **Run backtest**. A symbol the data lack (an ETF such as SPY) trades on its "
           "bundled stand-in and says so; the **Tear sheet** tab shows monthly returns, risk measures, the monthly "
           "heatmap and the rolling Sharpe."),
    ("code", "bt = BacktestDashboard(ws=ws, symbols=symbols, start=start, end=end)\nbt"),
    ("md", "## Extract\n\nUpload a PDF, markdown or text file, or pick a sample; extract; check the evidence; edit the JSON "
           "if needed; **Send to backtest** fills the dashboard above."),
    ("code", "ex = ExtractDashboard(ws=ws, backtest=bt, provider=\"offline\")\nex"),
    ("md", "## Sweep\n\nTwo parameters, a heatmap, and the numbers that tell a robust result from a lucky one (the "
           "deflated Sharpe and the probability of backtest overfitting). The **Walk-forward** tab chooses the "
           "parameters on each training window and trades them on the next; **Dask cluster** runs the sweep on Dask "
           "(pass `client=distributed.Client()` to see its dashboard link)."),
    ("code", "sw = SweepDashboard(foa.spec.library.get(\"sma_crossover\"), ws=ws, start=start, end=end)\nsw"),
    ("md", "## Use the results in code\n\nAfter clicking **Run backtest**, the result is an ordinary `BacktestResult`."),
    ("code", "bt.result.stats if bt.result is not None else 'click \"Run backtest\" above, then run this cell again'"),
]

SWEEP = [
    ("md", "# Parameter sweep, and whether to believe it\n\n"
           "Trying many parameter combinations and keeping the best flatters the result. This notebook sweeps an SMA "
           "crossover on the first part of the history only, asks how much of the best Sharpe survives the number of "
           "tries (the deflated Sharpe ratio), then tests the chosen combination on the years it never saw."),
    ("params", "symbol = \"^GSPC\"\nsplit = \"2011-01-01\"   # in-sample before, out-of-sample from this date\n"
               "fast = list(range(10, 60, 10))\nslow = list(range(100, 260, 30))\nworkspace = None"),
    ("code", "import foa\nimport pandas as pd\nfrom foa.spec.library import get\nfrom foa.widgets.logic import prepare_spec, stats_frame\n\n"
             "ws = foa.Workspace(workspace)\nws.prices.load_bundled()\nspec = prepare_spec(get(\"sma_crossover\"), [symbol])\n"
             "train_end = pd.Timestamp(split) - pd.Timedelta(days=1)"),
    ("md", "## Sweep on the in-sample years\n\nOnly data before `split` is used to choose the parameters."),
    ("code", "sw = foa.sweep(spec, ws, grid={\"fast.window\": fast, \"slow.window\": slow}, end=train_end)\nsw.best(n=5)"),
    ("md", "## The landscape\n\nA robust strategy has a broad plateau of good values, not one lucky peak."),
    ("code", "sw.heatmap(\"fast.window\", \"slow.window\", \"sharpe\")"),
    ("md", "## How much of the best Sharpe is luck?\n\nThe deflated Sharpe ratio is the probability that the best "
           "combination's true Sharpe is above zero, given how many were tried. Also: how many combinations beat simply holding the index?"),
    ("code", "print(foa.report.sweep_sentence(sw))  # a warning, if any, on its own line"),
    ("md", "## Out of sample\n\nThe chosen combination on the years after `split`, next to buy & hold over the same years. "
           "A large drop from in-sample to out-of-sample is the usual sign of overfitting."),
    ("code", "best = sw.best_spec()\n"
             "ins = foa.backtest(best, ws, end=train_end)\n"
             "oos = foa.backtest(best, ws, start=split)\n"
             "hold = foa.backtest(prepare_spec(get(\"buy_and_hold\"), [symbol]), ws, start=split)\n"
             "pd.concat({'in-sample': stats_frame(ins.stats)['value'], 'out-of-sample': stats_frame(oos.stats)['value'],\n"
             "           'buy & hold (oos)': stats_frame(hold.stats)['value']}, axis=1)"),
    ("code", "oos.plot()"),
]

REPORT = [
    ("md", "# Strategy report\n\nA strategy read from a document, tested on market data: the rules as extracted, "
           "the quotes behind them, the performance against buy & hold, and how much the result depends on the "
           "parameters the document chose."),
    ("params", "# Render with: foa report notebooks/05_strategy_report.ipynb -p document my_note.pdf --out reports/my_note.html\n"
               "document = \"broker_note\"  # a sample name or a path to a PDF/MD/TXT file\n"
               "provider = \"offline\"       # \"claude\", \"offline\" or \"auto\"\n"
               "symbol = None              # None: what the document names; a ticker overrides it (shown)\n"
               "start = None\nend = None\n"
               "fees = None                # None: the document's costs; e.g. 0.0005 (5 bp) overrides them (shown)\n"
               "sweep = True               # add a two-parameter sweep when the spec has two sweepable parameters\n"
               "workspace = None"),
    ("code", "from pathlib import Path\n\nimport pandas as pd\n\nimport foa\n"
             "from foa.spec.describe import overrides\n"
             "from foa.widgets.logic import prepare_spec, stats_frame, sweep_parameters\n\n"
             "pd.set_option(\"display.max_colwidth\", None)  # evidence quotes in full\n"
             "ws = foa.Workspace(workspace)\n_ = ws.prices.load_bundled()"),
    ("md", "## The document"),
    ("code", "doc = foa.load_document(document) if Path(str(document)).suffix else foa.samples.load_sample(document)\n"
             "print(f'{doc.name}: {len(doc.pages)} page(s). Page 1 opens:\\n')\nprint(doc.page(1).text[:700])"),
    ("md", "## The strategy\n\nThe rules in plain English, as extracted, with the document's symbols and costs. "
           "A `symbol` or `fees` parameter overrides them; each override is listed beside the document's value."),
    ("code", "document_spec = foa.extract_strategy(doc, provider=provider)\n"
             "spec = prepare_spec(document_spec, [symbol] if symbol else (document_spec.universe.symbols or [\"^GSPC\"]),\n"
             "                    fees=fees)\nprint(spec.describe())\n"
             "for line in overrides(document_spec, spec):\n    print(\"override:\", line)"),
    ("md", "## Evidence and assumptions\n\nEvery rule should be backed by a verbatim quote, shown highlighted on the page it "
           "comes from (a quote not found there is listed instead). Assumptions fill what the document left open."),
    ("code", "for a in spec.assumptions:\n    print('assumed:', a)\nfoa.evidence_view(doc, spec)"),
    ("md", "## Performance\n\nWhen foa has no prices for a symbol the document names (an ETF such as SPY), the "
           "backtest trades a bundled stand-in (`proxies=True`) and says which below."),
    ("code", "result = foa.backtest(spec, ws, start=start, end=end, proxies=True)\n"
             "for a in result.assumptions:\n    print(\"assumed:\", a)\nstats_frame(result.stats)"),
    ("code", "result.plot()"),
    ("md", "## Robustness\n\nHow sensitive is the result to the parameters the document chose?"),
    ("code", "sweep_spec = foa.spec.assign_ids(spec)  # sweepable ids (fast/slow, rsi, ...), kept where set\n"
             "params = sweep_parameters(sweep_spec)\n"
             "if sweep and len(params) >= 2:\n"
             "    (x, vx), (y, vy) = list(params.items())[:2]\n"
             "    grid = {x: sorted({max(1, int(vx * f)) for f in (0.5, 0.75, 1, 1.5, 2)}),\n"
             "            y: sorted({max(2, int(vy * f)) for f in (0.5, 0.75, 1, 1.5, 2)})}\n"
             "    sw = foa.sweep(sweep_spec, ws, grid=grid, start=start, end=end, proxies=True)\n"
             "    print(foa.report.sweep_sentence(sw))\n"
             "    display(sw.heatmap(x, y, 'sharpe'))\n"
             "else:\n    sw = None\n    print('no sweep: the spec has fewer than two sweepable parameters')"),
    ("summary", "foa.report.summary(spec, result, document=doc, sweep=sw)"),
]

RESEARCH = [
    ("md", "# Research: walk-forward optimisation and the probability of backtest overfitting\n\n"
           "A sweep's best combination looks better than it will trade. Two checks before believing it: "
           "choose the parameters on past data only and trade them on the years after (walk-forward), and "
           "measure how often the in-sample best falls to the bottom half out of sample (PBO)."),
    ("params", "spec_name = \"sma_crossover\"   # a ready-made spec (foa.spec.library.names())\n"
               "symbol = \"^GSPC\"\ntrain = \"6Y\"     # training window: 5Y, 18M, 26W, 90D or a number of bars\n"
               "test = \"3Y\"      # test window\nstart = \"2004-01-01\"\nworkspace = None"),
    ("code", "import foa\nfrom foa.widgets.logic import prepare_spec\n\n"
             "ws = foa.Workspace(workspace)\n_ = ws.prices.load_bundled()\n"
             "spec = prepare_spec(foa.spec.library.get(spec_name), [symbol])\n"
             "grid = {\"fast.window\": [10, 20, 50], \"slow.window\": [100, 150, 200]}\nprint(spec.describe())"),
    ("md", "## Walk-forward\n\nEach window's parameters come from a sweep on its training years only; the test years "
           "are stitched into one out-of-sample run whose parameters switch at each test start."),
    ("code", "wf = foa.walk_forward(spec, ws, grid, train=train, test=test, start=start, progress=False)\nwf"),
    ("code", "wf.plot()"),
    ("md", "Efficiency is the mean out-of-sample Sharpe over the mean in-sample Sharpe: near 1 the choice held up, "
           "near 0 or below it did not."),
    ("code", "print(f\"efficiency {wf.efficiency:.2f}; out-of-sample Sharpe {wf.oos_result.stats['sharpe']:.2f}, \"\n"
             "      f\"total return {wf.oos_result.stats['total_return']:.1%}\")"),
    ("md", "## The probability of backtest overfitting\n\nOne sweep over the whole period, cut into 16 time blocks; "
           "every split of the blocks into two halves asks whether the in-sample best stays in the top half."),
    ("code", "sw = foa.sweep(spec, ws, grid, start=start, progress=False)\npbo = sw.pbo()\nprint(pbo.reading)\n"
             "print(foa.report.sweep_sentence(sw))"),
    ("code", "pbo.plot()"),
]

PORTFOLIO = [
    ("md", "# A tear sheet and a portfolio of two strategies\n\nThe numbers a desk reads for one backtest, then two "
           "strategies combined with weights, rebalanced monthly, with their correlation and contributions."),
    ("params", "symbol = \"^GSPC\"\nstart = \"2005-01-01\"\nweights = [0.6, 0.4]   # trend, mean reversion\n"
               "rebalance = \"monthly\"\nworkspace = None"),
    ("code", "import foa\nfrom foa.widgets.logic import prepare_spec\n\n"
             "ws = foa.Workspace(workspace)\n_ = ws.prices.load_bundled()\n"
             "trend = foa.backtest(prepare_spec(foa.spec.library.get(\"sma_crossover\"), [symbol]), ws, start=start)\n"
             "reversion = foa.backtest(prepare_spec(foa.spec.library.get(\"rsi_reversion\"), [symbol]), ws, start=start)"),
    ("md", "## Tear sheet of the trend strategy\n\nVaR and CVaR are historical (95%, daily); information ratio and "
           "tracking error are measured against buy & hold of the same index."),
    ("code", "ts = trend.tearsheet()\nts"),
    ("code", "ts.figures[\"monthly_heatmap\"]"),
    ("code", "ts.figures[\"rolling_sharpe\"]"),
    ("md", "## Two strategies, one portfolio\n\nEach backtest is a sleeve of its weight, reset to that weight at the end "
           "of each month."),
    ("code", "pf = foa.portfolio([trend, reversion], weights=weights, rebalance=rebalance)\npf"),
    ("code", "pf.plot()"),
    ("md", "The portfolio has a tear sheet of its own: diversification shows as a shallower drawdown and a better "
           "worst month than either strategy alone."),
    ("code", "pf.tearsheet().metrics[[\"total_return\", \"sharpe\", \"max_drawdown\", \"var_95\", \"worst_month\"]]"),
]

NOTEBOOKS = {
    "01_quickstart.ipynb": QUICKSTART,
    "02_document_to_backtest.ipynb": DOCUMENT_TO_BACKTEST,
    "03_dashboards.ipynb": DASHBOARDS,
    "04_parameter_sweep.ipynb": SWEEP,
    "05_strategy_report.ipynb": REPORT,
    "06_research.ipynb": RESEARCH,
    "07_portfolio.ipynb": PORTFOLIO,
}


def build(cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    for kind, text in cells:
        if kind == "md":
            nb.cells.append(nbformat.v4.new_markdown_cell(text))
        else:
            cell = nbformat.v4.new_code_cell(text)
            if kind == "params":
                cell.metadata["tags"] = ["parameters"]
            elif kind == "summary":
                cell.metadata["tags"] = ["report-summary"]
            nb.cells.append(cell)
    # Stable cell ids keep rebuilds diff-free.
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:02d}"
    return nb


def main() -> None:
    for name, cells in NOTEBOOKS.items():
        nbformat.write(build(cells), HERE / name)
        print(HERE / name)


if __name__ == "__main__":
    main()
