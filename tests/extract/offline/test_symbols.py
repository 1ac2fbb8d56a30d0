"""Symbols: which capitals name the traded instruments, by notation and by context.

Each class is checked on sentences that vary the verb, the preposition, the indicator, the notation and the
order; the rule sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from foa.extract.offline.universe import find_tickers

RSI = "Go long when RSI(14) drops under 30; close the position when RSI(14) rises above 70."
CROSS = "Buy when the 50-day SMA crosses above the 200-day SMA and sell when it crosses below."
EMA = "Enter long once the 20-day EMA rises past the 50-day EMA, and exit when it slips beneath it."


def symbols(spec_of, text: str) -> list[str]:
    return spec_of(text).universe.symbols


# --- a code after a bare "and"/"or" is a ticker only when it is joined to one ------------------------------------


@pytest.mark.parametrize("text, want", [
    (f"Trade NVDA. {RSI} The PF was 1.8 and the WR 55% out of sample.", ["NVDA"]),
    (f"Trade GLD. {RSI} The HTF trend must agree, and FUD is ignored.", ["GLD"]),
    (f"Apply it to SPY. {EMA} In a PPO or SAC agent the reward would differ.", ["SPY"]),
    (f"Trade XLE. {CROSS} The S/R zones and the ATL are marked on the chart.", ["XLE"]),
    (f"Trade TSLA. {RSI} Use a bracket order; the MAE and MFE figures are in the appendix.", ["TSLA"]),
    (f"Trade IWM. {RSI} Check the ADR and the IV before entry.", ["IWM"]),
])
def test_jargon_after_and_or_is_not_a_ticker(spec_of, text, want):
    assert symbols(spec_of, text) == want


@pytest.mark.parametrize("text, want", [
    ("Rotate between SPY and TLT each month.", ["SPY", "TLT"]),
    ("We buy QQQ or IWM, never both.", ["QQQ", "IWM"]),
    ("Hold GLD and SLV while the dollar weakens.", ["GLD", "SLV"]),
    ("Hold EEM or VNQ, and DBC.", ["EEM", "VNQ", "DBC"]),
    ("Own $AAPL and $MSFT.", ["AAPL", "MSFT"]),
])
def test_codes_joined_to_a_ticker_stay_tickers(text, want):
    assert find_tickers(text) == want


# --- a noun after the capitals that makes them a service, a model, a group or an indicator's reading ---------------


@pytest.mark.parametrize("aside", [
    "Prices come from IEX via the REST API.",
    "A DQN agent was trained on the same prices.",
    "Thanks to the WSB crowd for the idea.",
    "The KST line is plotted for reference.",
    "We checked the PVT values on every bar.",
    "The VAH levels are marked on the chart.",
])
def test_service_model_and_reading_nouns_keep_capitals_out(spec_of, aside):
    assert symbols(spec_of, f"Trade AMD. {RSI} {aside}") == ["AMD"]


# --- the benchmark is the code named as the benchmark, not every code of the clause ---------------------------------


@pytest.mark.parametrize("text, want", [
    (f"{RSI} It is traded on SPY while the benchmark, VTI, is held passively.", ["SPY"]),
    (f"{CROSS} We trade QQQ with SPY as the benchmark.", ["QQQ"]),
    (f"{EMA} The benchmark is the S&P 500 (SPY) and we trade DIA.", ["DIA"]),
    (f"{RSI} Benchmark: VTI. Instrument: IWM.", ["IWM"]),
    (f"We hold XLK when its close is above the 100-day SMA, benchmarked against SPY.", ["XLK"]),
])
def test_only_the_code_named_as_benchmark_leaves(spec_of, text, want):
    assert symbols(spec_of, text) == want


# --- notations: futures months, labels, titles, copulas, code loaders, years in brackets ----------------------------


@pytest.mark.parametrize("text, want", [
    ("Contract: CLZ24.", ["CLZ24"]),
    ("We trade ESZ4 (the December E-mini).", ["ESZ4"]),
    ("Trade NQH25, then roll into NQM25.", ["NQH25", "NQM25"]),
    ("The instrument is GCQ3.", ["GCQ3"]),
    ("Trade the futures ZN and the contract ZB.", ["ZN", "ZB"]),
])
def test_futures_roots_and_month_codes(text, want):
    assert find_tickers(text) == want


@pytest.mark.parametrize("text", [
    "The French texts write MM20 for a 20-day moving average.",
    "We used MT5 on the M15 chart with TP1 and SL2.",
    "The SP500 and NR7 days are discussed.",
])
def test_timeframes_and_indicator_codes_are_not_month_codes(text):
    assert find_tickers(text) == []


@pytest.mark.parametrize("text, want", [
    ("Tickers used: AAPL, MSFT", ["AAPL", "MSFT"]),
    ("Markets traded: ES, NQ, RTY", ["ES", "NQ", "RTY"]),
    ("Backtest: TSLA, 2015-2024", ["TSLA"]),
    ("Symbols covered: XLK", ["XLK"]),
    ("Instruments followed = GLD, SLV", ["GLD", "SLV"]),
])
def test_a_label_with_its_participle_lists_the_codes(text, want):
    assert find_tickers(text) == want


@pytest.mark.parametrize("text, want", [
    ("The ticker I trade is V (Visa).", ["V"]),
    ("My favourite market for this is the GER40.", ["GER40"]),
    ("The symbol we use = F.", ["F"]),
    ("Our underlying is QQQ.", ["QQQ"]),
    ("The pair I watch most is EURJPY.", ["EURJPY"]),
])
def test_a_label_word_said_to_be_a_code(text, want):
    assert find_tickers(text) == want


@pytest.mark.parametrize("text, want", [
    ("# SPY RSI(2) Strategy", ["SPY"]),
    ("## AAPL Moving Average Crossover", ["AAPL"]),
    ("QQQ - Bollinger Band Reversion", ["QQQ"]),
    ("**TLT 10/30 SMA cross**", ["TLT"]),
    ("# IFT Dual Momentum Strategy", []),
    ("CVR3 VIX Market Timing", []),
    ("# GOLD Strategy", []),
])
def test_a_title_naming_market_then_indicator(text, want):
    assert find_tickers(text) == want


@pytest.mark.parametrize("code, want", [
    ("sym = Symbol.Create(\"QQQ\", SecurityType.Equity, Market.USA)", ["QQQ"]),
    ("data = get_pricing('SPY', start_date='2010-01-01')", ["SPY"]),
    ("bars = api.get_bars(\"AAPL\", TimeFrame.Day)", ["AAPL"]),
    ("self.AddCfd(\"XAUUSD\", Resolution.Daily)", ["XAUUSD"]),
    ("SYMBOL = \"AMD\"", ["AMD"]),
])
def test_code_that_hands_a_symbol_to_a_loader(code, want):
    assert find_tickers(code) == want


@pytest.mark.parametrize("text, want", [
    ("Performance (SPY, 2005-2023): CAGR 9%.", ["SPY"]),
    ("Results (QQQ 2010 to 2020) are below.", ["QQQ"]),
    ("Equity curve for TSLA below.", ["TSLA"]),
    ("The trades on NVDA are listed in the log.", ["NVDA"]),
    ("Signals for IWM since 2015.", ["IWM"]),
])
def test_the_market_a_result_is_shown_for(text, want):
    assert find_tickers(text) == want


# --- holdings: weights in a table, commentary about other funds ---------------------------------------------------


def test_a_weights_table_is_the_holdings_not_a_results_table(spec_of):
    text = ("| Ticker | Weight |\n|---|---|\n| SPY | 60% |\n| TLT | 40% |\n\nRebalance monthly. Hold the portfolio while "
            "SPY is above its 200-day SMA, otherwise hold cash.")
    assert symbols(spec_of, text) == ["SPY", "TLT"]


def test_a_results_table_still_leaves_its_yardstick_out(spec_of):
    text = f"Trade QQQ. {RSI}\n\n| Market | CAGR |\n|---|---|\n| QQQ | 14.1% |\n| SPY | 9.8% |"
    assert symbols(spec_of, text) == ["QQQ"]


@pytest.mark.parametrize("aside", [
    "Sector funds such as XLF and XLU lagged this year.",
    "Meanwhile XLV outperformed the market in March.",
    "XLP rallied after the report.",
    "Funds like XLB struggled all summer.",
    "XLI trailed the index by 4 points.",
])
def test_funds_in_market_news_are_not_the_universe(spec_of, aside):
    assert symbols(spec_of, f"The system goes long XLK. {RSI} {aside}") == ["XLK"]


# --- a data file named after its market ----------------------------------------------------------------------------


@pytest.mark.parametrize("code, want", [
    ('df = pd.read_csv("SPY.csv", parse_dates=True)', ["SPY"]),
    ("prices = pd.read_parquet('data/QQQ_daily.parquet')", ["QQQ"]),
    ('files = ["NVDA_2019-01-02_2023-06-30_1h", "AMD_2019-01-02_2023-06-30_1h"]', ["NVDA", "AMD"]),
    ('feed.addBarsFromCSV("msft", "msft-2012.csv")', ["MSFT"]),
    ("load('^GSPC.csv')", ["^GSPC"]),
    ("bars = read('BTC-USD.csv')", ["BTC-USD"]),
])
def test_a_data_file_named_after_its_market(code, want):
    assert find_tickers(code) == want


@pytest.mark.parametrize("code", [
    'df = pd.read_csv("data.csv")',
    'out.to_csv("results_2020.csv")',
    'pd.read_csv("OHLC.csv")',
    'pd.read_csv("prices.csv"); name = "test"',
    'log = open("run_2021.txt")',
])
def test_a_data_file_named_for_something_else_names_no_market(code):
    assert find_tickers(code) == []


def test_order_types_are_not_tickers(spec_of):
    text = f"Trade CAT. {RSI} The stop and the target go in as an OCO pair; the OCA group cancels the rest."
    assert symbols(spec_of, text) == ["CAT"]


# --- the market as the modifier of the writer's strategy; leveraged funds; weight dicts; continuous futures -------


@pytest.mark.parametrize("text, want", [
    (f"Here is my SPY swing setup. {RSI}", ["SPY"]),
    (f"My QQQ strategy: {CROSS}", ["QQQ"]),
    (f"A simple TSLA system. {EMA}", ["TSLA"]),
    (f"This AAPL bot follows one rule. {RSI}", ["AAPL"]),
    (f"Our IWM trend plan: {CROSS}", ["IWM"]),
])
def test_the_market_named_as_the_writers_strategy(spec_of, text, want):
    assert symbols(spec_of, text) == want


def test_an_allocation_models_name_is_not_the_market():
    assert find_tickers("The VAA strategy and the GTAA system are allocation models.") == []


@pytest.mark.parametrize("text, want", [
    ("I trade the 3x leveraged TQQQ.", ["TQQQ"]),
    ("Hold the inverse SQQQ on a sell signal.", ["SQQQ"]),
    ('weights = {"SPY": 0.6, "TLT": 0.4}', ["SPY", "TLT"]),
    ("alloc = {'VTI': 50, 'VXUS': 30, 'BND': 20}", ["VTI", "VXUS", "BND"]),
    ("Chart: ES1! daily.", ["ES1!"]),
    ("Tested on CME_MINI:NQ1! with the default inputs.", ["NQ1!"]),
])
def test_leveraged_funds_weight_dicts_and_continuous_contracts(text, want):
    assert find_tickers(text) == want


@pytest.mark.parametrize("text", [
    'params = {"FAST": 12, "SLOW": 26}',
    'cfg = {"STD": 2, "LEN": 20, "MULT": 1.5}',
])
def test_a_settings_dict_is_not_a_weights_dict(text):
    assert find_tickers(text) == []


# --- results rows name the markets when nothing else does -----------------------------------------------------------


@pytest.mark.parametrize("table, want", [
    ("Results:\nAAPL: +34%\nMSFT: +21%", ["AAPL", "MSFT"]),
    ("Symbol | CAGR | MaxDD\nSPY | 9.1% | 19%", ["SPY"]),
    ("| Ticker | Return |\n|---|---|\n| XLE | 41% |\n| XLK | 12% |", ["XLE", "XLK"]),
])
def test_results_rows_alone_give_the_markets_tested(spec_of, table, want):
    assert symbols(spec_of, f"{RSI}\n\n{table}") == want


def test_a_results_row_beside_a_traded_market_is_still_left_out(spec_of):
    assert symbols(spec_of, f"Trade DIA. {RSI}\n\nResults:\nDIA: +18%\nSPY: +11%") == ["DIA"]


@pytest.mark.parametrize("aside", [
    "Goldman (GS) analysts expect a recession.",
    "JPM strategists warned of a slowdown.",
    "Morgan Stanley (MS) predicts lower rates.",
])
def test_analyst_commentary_names_no_market(spec_of, aside):
    assert symbols(spec_of, f"The strategy trades SPY. {RSI} {aside}") == ["SPY"]


# --- market talk around the rule: moves, yardsticks, markets set aside, macro gauges, correlations -----------------


@pytest.mark.parametrize("aside", [
    "In 2022 names like NVDA and META fell more than 60%.",
    "TSLA plunged nearly 40% that spring.",
    "Over the test it lagged the Nasdaq 100 (QQQ) in the strong years.",
    "It trailed VOO by two points a year.",
    "ETH-USD and SOL-USD were more volatile, so I did not include them.",
    "IWM is worth watching as well.",
    "AUDUSD tends to move with it.",
    "XLE is closely correlated with crude.",
    "Gold tends to do well when real yields (TIP) fall.",
    "The dollar index (DXY) and the 10-year yield (TNX) set the tone.",
])
def test_market_talk_names_no_traded_market(spec_of, aside):
    assert symbols(spec_of, f"The rule trades SPY. {RSI} {aside}") == ["SPY"]


@pytest.mark.parametrize("text, want", [
    ("Buy SPY when RSI(2) falls below 10; sell when RSI(2) rises above 70. If SPY fell 3% in a day, halve the size.", ["SPY"]),
    ("Hold QQQ while it closes above the 100-day SMA, otherwise hold TLT; TLT lagged in 2022 but we keep it.", ["QQQ", "TLT"]),
])
def test_a_held_market_survives_its_own_market_talk(spec_of, text, want):
    assert symbols(spec_of, text) == want


# --- codes handed to a command line or split from one string --------------------------------------------------------


@pytest.mark.parametrize("text, want", [
    ("python backtest.py --symbol AAPL --start 2015-01-01", ["AAPL"]),
    ("Run it with: foa run --symbols SPY,TLT", ["SPY", "TLT"]),
    ("bot --tickers=QQQ, IWM --interval 1d", ["QQQ", "IWM"]),
    ("./trade --pair BTC/USDT --fast 9", ["BTC/USDT"]),
    ("node index.js --market ES", ["ES"]),
    ("ticker_list = 'SPY QQQ DIA'.split()", ["SPY", "QQQ", "DIA"]),
])
def test_codes_on_a_command_line_or_in_a_split_string(text, want):
    assert find_tickers(text) == want


@pytest.mark.parametrize("text", [
    "ls -la --color=auto",
    "python run.py --asset-class equity --rsi 14",
    'names = "RSI MACD".split()',
])
def test_command_line_flags_without_a_market(text):
    assert find_tickers(text) == []


# --- widely traded codes named without a ticker context, when nothing else names the market -------------------------


@pytest.mark.parametrize("text, want", [
    (f"I use this for QQQ. {RSI}", ["QQQ"]),
    (f"{CROSS} QQQ works best.", ["QQQ"]),
    (f"{EMA} AAPL gave 14 trades over ten years.", ["AAPL"]),
    (f"{RSI} I prefer TLT.", ["TLT"]),
    (f"SPY has been my market for this. {CROSS}", ["SPY"]),
    (f"{RSI} Suitable for SPY and QQQ.", ["SPY", "QQQ"]),
    (f"{EMA} Best results with XLK.", ["XLK"]),
])
def test_a_widely_traded_code_names_the_market_when_nothing_else_does(spec_of, text, want):
    assert symbols(spec_of, text) == want


@pytest.mark.parametrize("text, want", [
    (f"Trade DIA. {RSI} QQQ works too, I think.", ["DIA"]),
    (f"{RSI} Tested on IWM. SPY behaves differently.", ["IWM"]),
    (f"{CROSS} Works on any stock; the RTH and ETH sessions differ.", []),
    (f"{RSI} Thanks to IBD and Barron's for the idea.", []),
])
def test_widely_traded_codes_never_join_a_market_named_in_context(spec_of, text, want):
    assert symbols(spec_of, text) == want


def test_known_tickers_skip_sessions_services_and_defined_terms():
    from foa.extract.offline.universe import known_tickers

    assert known_tickers("The ETH session is thin; the SPY API is slow; QQQ is fine.") == ["QQQ"]
    assert known_tickers("We trade the Real Underlying Trend (RUT) signal and also GLD.") == ["GLD"]


# --- desk, tech, crypto-slang, statistics, regulator and country short forms after a weak preposition ---------------


@pytest.mark.parametrize("word", ["AWS", "REST", "FUD", "APY", "KYC", "MAE", "IV", "POC", "CAPM", "MAR", "IRR", "NY", "JP",
                                  "DQN", "XGB", "ADF", "GMM", "PEG", "DCF", "CFTC", "ESMA", "BAFIN"])
def test_jargon_after_a_preposition_is_not_a_ticker(word):
    assert find_tickers(f"I read about it on {word} today; more in {word} next week.") == []


@pytest.mark.parametrize("text, want", [
    ("Trade SPY. Check it on AWS each night.", ["SPY"]),
    ("Trade SMH. The MAR ratio and the IRR are in the report.", ["SMH"]),
    ("Trade EWJ, the Japan fund; JP data come from the exchange.", ["EWJ"]),
    ("Trade MSFT. We fit a GMM to the returns and run an ADF test.", ["MSFT"]),
    ("Trade QQQ. Regulators (CFTC, ESMA) require a risk warning.", ["QQQ"]),
])
def test_a_traded_code_beside_jargon(text, want):
    assert find_tickers(text) == want


# --- code literals, call arguments and numbered parameter names are never tickers ----------------------------------


@pytest.mark.parametrize("text", [
    "bool NewBar() {\n  if (Time[0] != last) { last = Time[0]; return(TRUE); }\n  return(FALSE);\n}",
    "double c = iClose(NULL, 0, 1);\nif (c > ma) return (TRUE);",
    "x <- ifelse(is.na(sig), FALSE, TRUE)\nsetDefaults(f, NULL)",
    "if (handle == INVALID) return(VOID);\nArrayInitialize(buf, EMPTY);",
    "| Name | Meaning |\n|---|---|\n| P1, P2, P3 | lags of the inputs in bars |\n| K | weight |",
    "Inputs X1, X2, X3 and X4 are the shifted closes.",
    "Set AB1, AB2, AB3 to the three lookbacks.",
])
def test_code_literals_and_numbered_names_are_not_tickers(text):
    assert find_tickers(text) == []


@pytest.mark.parametrize("text, want", [
    ("The S&P 500 (SPY) is the market traded.", ["SPY"]),
    ("Trade the Nasdaq 100 (e.g. QQQ) on daily bars.", ["QQQ"]),
    ("The fund basket is SPY, TLT, GLD.", ["SPY", "TLT", "GLD"]),
    ('symbols = ["SPY", "TLT", "IEF"]', ["SPY", "TLT", "IEF"]),
])
def test_named_markets_beside_the_code_rules_stay(text, want):
    assert find_tickers(text) == want
