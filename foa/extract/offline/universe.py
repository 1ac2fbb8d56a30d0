"""Tickers, bar frequency, rebalance and ranking phrasing.

Tickers versus other capitalised words: ``$AAPL``, ``(TLT)``, ``(SPY, QQQ, IWM)``, a comma list of
upper-case codes on its own line, a bullet/table row that starts with a code ("- SPY - Large caps",
"70% - VTI"), a pair ("BTC/USDT"), and a code after a trading verb or "ticker"/"ETF" ("buy SPY",
"the ETF SPY") are tickers; acronyms (ETF, RSI, SMA, USA, CEO, NYSE, GDP...) are not.

>>> find_tickers("Rotate between SPY and TLT (the bond ETF); the CEO said GDP rose.")
['SPY', 'TLT']
"""

from __future__ import annotations

import re
import unicodedata

from foa.extract.offline import lexicon

__all__ = ["KNOWN_SYMBOLS", "NOT_TICKERS", "abbreviations", "column_tickers", "find_tickers", "frequency_cues", "known_tickers", "listed_tickers", "live_code", "quoted_lines",
           "ranking_of", "rebalance_of"]

NOT_TICKERS = frozenset("""
A I AM PM OK US USA UK EU UAE ETF ETFS ETN ETP SMA EMA MA WMA DMA RSI ROC ATR MACD ADX CCI OBV VWAP BB KC SAR
CEO CFO CTO COO CIO NYSE NASDAQ AMEX LSE TSX CBOE CME GDP CPI PPI PMI FOMC FED ECB BOE BOJ IMF SEC FINRA IPO EPS PE
ROI ROE ROA EBIT EBITDA YOY QOQ YTD MTD ATH SL TP RR PNL P&L NAV AUM CAGR DD MDD API CSV PDF JSON HTML URL SQL
AI ML LLM GPU CPU IT HR PR TV FAQ USD EUR GBP JPY CHF CAD AUD NZD CNY BUY SELL LONG SHORT HOLD EXIT ENTRY STOP
NOTE TODO THE AND OR OF TO IN ON AT BY FOR IF IS IT BE NO NOT ALL ANY NEW ONE TWO MY WE YOU UP DOWN HIGH LOW OPEN
CLOSE VOL N M1 M5 M15 H1 H4 D1 W1 MT4 MT5 REIT REITS CTA CTAS GEM MSCI EAFE SPDR FTSE DAX CAC WTI OPEC S&P NAV
IRA ESG IMHO LOL FYI ASAP TBD NA NB PS IE EG VS ETC DJIA DOW COVID GFC QE QT OTC FX CFD CFDS DMI TRIX PPO KST BPS
HOST GUEST ANCHOR INTERVIEWER LE SE LX SX MSCI BTFD HODL DCA Q1 Q2 Q3 Q4 H2 FY ROIC FCF SG&A R&D CNBC WSJ FT LIBOR SOFR TIPS UST OK GTC MOC MOO LOC TWAP
PIP PIPS TICKS LOT LOTS POINTS PTS ATM OTM ITM PT DI OCO OCA OTO RL DRL IBD NR4 NR7 RSMA RMO BOT BOTS AB SID TOS ENDIF THEN ELSE
HOD LOD PDH PDL RTH EST EDT CET GMT NT NT7 NT8 QC ORB CRSI TABLE FIG OOS WFO WFA IFR NFP PCE ISM JOLTS NFIB ZEW RBA SNB RBNZ TSP HSA EOD FRED IEX CRSP WRDS
ALMA LSMA VWMA HMA TEMA DEMA ZLEMA SSL QQE WAE STC CMO DPO UO AO RVI CMF ADL EOM PVT NVI PVI VPT EFI BOP ATRP HV IVR COT VSA ICT SMC FVG BOS
CHOCH MSS POI HTF LTF MTF RRR VAH TPO HH LH ADR DTE PDT NNFX HFT TTM XYZ TOP MID UPPER LOWER BASIS
AWS GCP REST SDK IDE CLI GUI UI UX OS PC IOS USB RAM SSD DEFI NFT NFTS DAO DEX CEX KYC AML APR APY TVL ATL FOMO FUD YOLO
WAGMI NGMI DYOR KPI OKR CPA CFA CMT MBA PHD SIPC FDIC IRS ETA BTW AFAIK IIRC TBH PF WR MAE MFE TSL IV OI PCR GEX DIX POC
VPOC LVN HVN IB AVWAP EMH MPT CAPM APT SR MAR UPI ULCER VAMI HWM TWR MWR IRR XIRR NPV FIFO LIFO PST CST NY LA SF JP DE FR
CN HK SG AU CA NZ CH KR BR MX ZA RU NLP BERT DQN SAC A2C A3C DDPG TD3 TCN MLP XGB LGBM ICA LR RF GBM VECM ADF KPSS GLS GMM
MLE MCMC EOW EOY WTD LTM NTM FWD PB PEG EV DCF WACC DPS BVPS SPAC GDR LEAPS RV OCC CFTC NFA ESMA FCA ASIC MAS SFC BAFIN
AMF CNMV
TRUE FALSE NULL NONE NIL NAN INF VOID BOOL INT CHAR EMPTY
""".split()) | lexicon.NOT_TICKER_WORDS | frozenset(w.upper() for w in lexicon.INDICATOR_WORDS if " " not in w)
# index, commodity and CFD symbols longer than a share's code, known as codes ("NAS100", "US30", "BANKNIFTY",
# "USOIL"); written with their digits they are codes, not index names such as "SP500"
KNOWN_LONG = frozenset("""NAS100 US30 US100 US500 SPX500 USTEC GER30 GER40 DE30 DE40 DAX30 DAX40 UK100 FRA40 EU50 ESTX50
JP225 JPN225 HK50 AUS200 NIFTY BANKNIFTY FINNIFTY SENSEX USOIL UKOIL XTIUSD XBRUSD NGAS""".split())
# widely traded funds, shares, coins and index codes, three letters or more and none an English word: named
# without a ticker context ("QQQ works best", "I prefer TLT") they are read only when a document names no
# ticker in a ticker context (``known_tickers``)
KNOWN_SYMBOLS = frozenset("""
SPY QQQ IWM DIA VOO IVV VTI RSP MDY IJR IJH VUG VTV SCHD VIG EFA VEA VEU VXUS VGK EWJ EWZ EWG EWU EWC EWA EWY EWT EWH
FXI MCHI INDA EEM VWO SCZ IEFA IEMG ACWI TLT IEF SHY BIL SHV SGOV BND AGG LQD HYG JNK TIP EMB BWX VGLT EDV ZROZ TMF
TLH IEI GOVT GLD IAU SLV GDX GDXJ USO UNG DBC GSG DBA UUP FXE FXY VNQ RWR RWX IYR XLB XLC XLE XLF XLI XLK XLP XLRE
XLU XLV XLY SMH SOXX SOXL SOXS XBI IBB KRE XHB XRT XOP XME ITB ARKK TQQQ SQQQ UPRO SPXL SPXS SPXU SSO SDS QLD TNA
TZA UDOW SDOW UVXY SVXY VXX VIXY TECL FAS FAZ MTUM QUAL USMV VLUE
AAPL MSFT AMZN GOOGL GOOG META NVDA TSLA NFLX AMD INTC JPM BAC WFC XOM CVX PEP WMT JNJ PFE MRK UNH NKE SBUX
MCD IBM ORCL CSCO CRM ADBE QCOM AVGO TXN PYPL SHOP UBER ABNB COIN PLTR BABA TSM ASML NIO MSTR SNOW
BTC ETH XRP ADA DOGE BNB LTC SOL SPX NDX RUT
""".split())
_CODE = r"(?:" + "|".join(sorted(KNOWN_LONG, key=len, reverse=True)) + r"|\^?[A-Z][A-Z0-9]{0,4}(?:[.=-][A-Z]{1,3})?)"
_PAIR = re.compile(r"\b([A-Z]{2,6}[/-][A-Z]{2,6})\b")  # "BTC/USDT", and Yahoo's "BTC-USD"
# the quote side of a market pair: a currency, a stablecoin or a coin ("BTC/USDT", "EUR/USD", "ETH/BTC")
_QUOTES = frozenset("USDT USD USDC BUSD DAI BTC ETH EUR GBP JPY CHF CAD AUD NZD".split())
_CCY = r"(?:EUR|USD|GBP|JPY|CHF|CAD|AUD|NZD|SEK|NOK|MXN|CNH|SGD|HKD|ZAR|TRY)"
# "EURUSD", "USDJPY": a currency pair written as one code; "EURUSD=X": Yahoo's name for it
_FX = re.compile(rf"\b({_CCY}{_CCY}(?:=X)?)(?![\w=])")
# "library(TTR)", "require(PerformanceAnalytics)", "import QuantLib": a package loaded by code, not a code
_LIBRARY = re.compile(r"\b(?:library|require|requireNamespace|import|include|using|source|install\.packages)\s*\(?\s*['\"]?$")
# "## License\nMIT", "License: GPL-3.0": a licence name in a README, not a code
_LICENCE = re.compile(r"\blicen[cs]e[ds]?\b[\s:#*|-]*(?:under\s+(?:the\s+)?)?$", re.I)
_DOLLAR = re.compile(r"\$([A-Z]{1,5}(?:\.[A-Z])?)\b|(?<![\w#&])#([A-Z]{2,5})\b(?![-\w])")  # "$SPY", a hashtag "#SPY"
# "(NASDAQ: MSFT)", "NYSE:IBM", "NYSE Arca: GLD", TradingView's "BINANCE:BTCUSDT": the code after its exchange
_EXCHANGE = re.compile(r"\b(?:NASDAQ(?:GS|GM|CM)?|NYSE(?:\s*(?:Arca|American|MKT))?|AMEX|ARCA|TSXV|OTCMKTS|BATS|CBOE|LSE|TSX|ASX|XETRA|HKEX|NSE|BSE|SGX|"
                       r"BINANCE|COINBASE|KRAKEN|BITSTAMP|BYBIT|OANDA|FX|FXCM|CME|CME_MINI|COMEX|NYMEX|CBOT|EUREX|TVC|SP|AMEX)"
                       r"\s*:\s*([A-Z][A-Z0-9]{0,9}(?:[.=!-][A-Z0-9]{1,4})?)(?![\w/])", re.I)
# a coin quoted in a stablecoin written as one code ("BTCUSDT", "ETHBUSD"), or a coin or metal against a
# currency ("XAUUSD", "BTCUSD", "ETHEUR")
_COINS = r"(?:BTC|XBT|ETH|XRP|SOL|ADA|BNB|DOGE|LTC|XMR|DOT|AVAX|MATIC|LINK|TRX|BCH|XLM|ATOM|UNI|SHIB|XAU|XAG)"
_GLUED_PAIR = re.compile(rf"(?<![\w/])((?:[A-Z]{{2,6}}(?:USDT|USDC|BUSD|FDUSD))|{_COINS}(?:USD|EUR|GBP|JPY|BTC|ETH))(?![\w/])")
# "/ES", "/CL", "/6E": a futures root in the way brokers write it
_FUTURES = re.compile(r"(?<![\w/.])/([A-Z][A-Z0-9]{0,2})(?![\w/])")
# "600519.XSHG", "7203.T", "0700.HK", "RELIANCE.NS": a code with its exchange suffix
_SUFFIXED = re.compile(r"(?<![\w.])((?:\d{4,6}|[A-Z][A-Z0-9&]{0,11})\.(?:XSHG|XSHE|SS|SZ|SH|HK|T|KS|KQ|TW|TWO|NS|BO|L|TO|V|AX|DE|PA|AS|SW|MI|MC|ST|OL|CO|HE|SI|SA|MX))(?!\w|\.\w)")
# a universe label and the codes after it, split by commas or spaces ("Tickers: AAPL MSFT NVDA")
# each code may carry its description in brackets: "Universe: VTI (US shares), IEF (7-10y bonds), DBC"
_NOTE = r"(?:\s*\([^()\n]{1,40}\))?"
# "Tickers used: AAPL, MSFT", "Markets traded: ES, NQ": a label and the participle that says what it lists
_LABEL_TAIL = r"(?:\s+(?i:used|traded|tested|covered|followed|watched))?"
_LABEL_RUN = re.compile(rf"\b(?i:tickers?|symbols?|universe|instruments|watch\s*list|stocks|etfs|assets|markets|pairs|charts?|examples?|back-?tests?"
                        rf"|appl(?:y|ied)(?:\s+it)?\s+to|works?(?:\s+best)?\s+on|(?:back)?tested\s+on|traded\s+on){_LABEL_TAIL}\s*[:=]\s*((?:{_CODE}{_NOTE}(?:\s*,\s*|\s+|\s*,?\s*(?:and|&)\s+)){{1,}}{_CODE})\b")
# a markdown table cell holding a code alone: "| US stocks | SPY | S&P 500 |"
_CELL = re.compile(rf"(?<=\|)\s*({_CODE})\s*(?=\|)")
# Quantopian's sid(8554) with the code in its comment: "context.safe = sid(8554)  # SPY as the safe asset"
_SID_COMMENT = re.compile(rf"\bsid\(\s*\d+\s*\)[^#\n]{{0,20}}#\s*\$?({_CODE})\b")
# ... or keyed to it in a dict: {"AAPL": sid(24), "MSFT": sid(5061)} (a code there even when it spells a word)
_SID_KEY = re.compile(rf"['\"]({_CODE})['\"]\s*:\s*sid\(\s*\d+\s*\)")
# ... or held in a variable named after it: "context.aapl = sid(24)", when the number is that symbol's sid
# (Quantopian's security ids of a few symbols its examples use; the name alone, "context.stock", is no code)
_SIDS = {24: "AAPL", 351: "AMD", 5061: "MSFT", 5692: "ORCL", 8554: "SPY", 16841: "AMZN", 19920: "QQQ", 21519: "IWM",
         23921: "TLT", 26807: "GLD", 37514: "SPXL", 46631: "GOOG"}
_SID_NAMED = re.compile(r"\b(?:context\.|self\.)?([A-Za-z]{1,5})\s*=\s*(?:sid|symbol)\(\s*(\d+)\s*\)")
# quoted codes in a list or call that runs over several lines, each with its comment:
# symbols('XLY',  # consumer discretionary\n        'XLF',  # financials ...)
_QUOTED_LINES = re.compile(rf"[\[({{]((?:\s*['\"]{_CODE}['\"]\s*,?[ \t]*(?:(?:#|//)[^\n]*)?){{2,}})\s*[\])}}]")
# a settings tuple naming the market: ("symbol", "AAPL"), ('ticker', 'NAS100')
_KEY_TUPLE = re.compile(r"['\"](?i:symbols?|tickers?|instruments?|underlying|market|pair)['\"]\s*,\s*['\"](\^?[A-Z][A-Z0-9.=-]{0,9})['\"]")
# a label naming the fund before its code: "Ticker: PowerShares - QQQQ", "Symbol: SPDR Gold (GLD)"
_LABEL_NAMED = re.compile(rf"\b(?i:ticker|symbol)\s*:\s*[A-Za-z][\w&.' ]{{1,30}}?\s+(?:[-\u2013\u2014]\s+|\(\s*)({_CODE})\b")
# a code paired with its weight in code: ('SPY', 30), ("TLT", 0.4)
_WEIGHT_TUPLE = re.compile(r"\(\s*['\"]([A-Z^][A-Z0-9.=-]{0,9})['\"]\s*,\s*\d+(?:\.\d+)?\s*\)")
# codes handed to a command line or split from one string: "--symbols SPY,TLT", "--ticker=QQQ", 'SPY QQQ DIA'.split()
_CLI_CODES = re.compile(rf"(?<![\w-])--?(?i:symbols?|tickers?|instruments?|assets?|pairs?|universe|markets?)(?:=|[ \t]+)['\"]?((?:{_CODE}|[A-Z]{{2,6}}/[A-Z]{{2,6}})(?:[ \t]*,[ \t]*(?:{_CODE}|[A-Z]{{2,6}}/[A-Z]{{2,6}}))*)(?![\w/])"
                        rf"|['\"]((?:{_CODE})(?:[ \t]+{_CODE})+)['\"]\s*\.\s*split\(")
_WEIGHT_DICT = re.compile(r"\{[^{}]{0,600}\}")
_WEIGHT_ITEM = re.compile(r"['\"](\^?[A-Z][A-Z0-9.=-]{0,9})['\"]\s*:\s*(\d+(?:\.\d+)?)")
# a data file named after its market: read_csv("SPY.csv"), "data/AAPL_daily.csv", "NVDA_2019-01-02_2023-06-30_1h",
# PyAlgoTrade's addBarsFromCSV("msft", "msft-2012.csv") (lower case only beside the same code quoted alone)
_DATA_FILE = re.compile(r"['\"](?:[\w.~-]*[/\\])*(\^?[A-Za-z][A-Za-z0-9]{0,4}(?:[.=-][A-Za-z]{1,3})??)"
                        r"(?:(?:[_-][\w-]*)?\.(?:csv|parquet|json|xlsx?|txt|pkl|pickle|feather|h5|hdf5?)|_(?:19|20)\d\d[\w-]*)['\"]")
# backtesting.py's Backtest(SPY, Strategy): the data's name is the market
_BACKTEST_ARG = re.compile(r"\bBacktest\s*\(\s*([A-Z][A-Z0-9]{1,5})\s*,")
# "(e.g. SPY)", "(represented by SPY)", "(proxied by TLT)", "(ticker: QQQ)": the code a name is traded as (never
# a call's argument glued to its name, "return(TRUE)", "iClose(NULL, 0, 1)")
_PAREN = re.compile(rf"(?<![A-Za-z_.])\((?:(?i:e\.g|i\.e|ticker(?:\s+symbol)?|symbol|etf|nyse|nasdaq|(?:represented|proxied|tracked|replicated)\s+by"
                    rf"|via|using|traded\s+(?:as|via)|through)\b\.?,?:?\s*)?({_CODE}(?:\s*(?:,|/|and|&)\s*{_CODE})*)"
                    # "(SPY, daily)", "(QQQ, 1h chart)": the code and its bar size
                    rf"(?:\s*,\s*(?:daily|weekly|monthly|intraday|hourly|\d+\s*(?:m|h|d|w|min|mins|minutes?|hours?)\b)[\w ]*)?"
                    # "(SPY, 2005-2023)", "(QQQ 2010 to 2020)": the code and the years it was tested over
                    rf"(?:\s*,?\s*(?:19|20)\d\d\s*(?:-|\u2013|to)\s*(?:(?:19|20)\d\d|today|now|present))?\)")
# code lists in code and config: SECTORS = ['XLB', 'XLE', ...], "symbol": "GLD", symbols: ["SPY", "TLT"]
# (a tuple or a set of quoted codes too: ('SPY', 'EFA', 'AGG'), {"XLK", "XLF"})
_QUOTED_LIST = re.compile(rf"[\[({{]\s*(['\"]{_CODE}['\"](?:\s*,\s*['\"]{_CODE}['\"])+)\s*,?\s*[\])}}]")
_QUOTED_KEY = re.compile(rf"\b(?i:symbols?|tickers?|instruments?|assets?|universe|underlying)['\"]\s*:\s*\[?\s*['\"]({_CODE}|[A-Z]{{2,6}}[/-][A-Z]{{2,6}})['\"]")
_LIST_LINE = re.compile(rf"^\s*(?:[-*]\s*)?({_CODE}(?:\s*,\s*{_CODE}){{2,}})\s*\.?\s*$", re.M)
_RUN = re.compile(rf"(?<![\w/])({_CODE}(?:\s*,\s*{_CODE}){{2,}}(?:\s*,?\s*(?:and|&)\s*{_CODE})?"
                  rf"|{_CODE}\s*,\s*{_CODE}\s*,?\s*(?:and|&)\s*{_CODE})(?![\w/])")
# "SPY/TLT/GLD/DBC": three or more codes split by slashes (two are a pair or a ratio, "60/40 SPY/TLT")
_SLASH_RUN = re.compile(rf"(?<![\w/])({_CODE}(?:\s*/\s*{_CODE}){{2,}})(?![\w/])")
_DESCRIBED = re.compile(rf"(?<![\w.])({_CODE})\s+\((?![A-Z0-9]{{2,}}\))[A-Za-z'][^()]{{2,40}}\)")
_ROW_START = re.compile(rf"^\s*(?:[-*\u2022|]\s*)?(?:\d+(?:\.\d+)?%\s*[-:\u2013\u2014]?\s*)?({_CODE})\s*(?:[-:\u2013\u2014|(]|$)", re.M)
_ACTION = lexicon.alternation(lexicon.ACTIONS["buy"] + lexicon.ACTIONS["sell"] + lexicon.ACTIONS["short"])
# "SPY - S&P 500, TLT - long bonds, GLD - gold": codes each followed by a dash and its description
_DASH_ITEM = rf"({_CODE})\s*[-\u2013\u2014:]\s+[A-Za-z0-9&$][^,;\n]{{1,60}}?"
_DASH_LIST = re.compile(rf"(?<![\w/]){_DASH_ITEM}(?:(?:\s*[,;]\s*(?:and\s+)?|\s+and\s+){_DASH_ITEM}(?=\s*(?:[,;.]|\band\b|$)))+", re.M)
_DASH_CODE = re.compile(rf"(?:^|[,;]\s*(?:and\s+)?|\s+and\s+)({_CODE})\s*[-\u2013\u2014:]\s")
# a symbol handed to code: stock.str='V', stock("SPY", currency="USD"), yf.download("AAPL"), getSymbols("QQQ"),
# self.AddEquity("SPY"), yf.Ticker("MSFT")
_CODE_SYMBOL = re.compile(r"\b(?i:stock|symbols?|tickers?|instruments?|download|getsymbols|addequity|add_equity|history|security)"
                          r"(?i:\.str|\.create)?\s*(?:=|\(|:)\s*\[?\s*['\"](\^?[A-Z][A-Z0-9.=-]{0,9})['\"]")
# a market handed to a data loader in code: bt.feeds.YahooFinanceData(dataname='MSFT'), pdr.get_data_yahoo('NFLX'),
# web.DataReader('GOOG', 'yahoo'), exchange.fetch_ohlcv('ETH/USDT', '1d'), self.AddForex("EURUSD")
_LOADER = re.compile(r"\b(?:dataname|symbol|ticker|instrument|security|asset|pair|market)\s*=\s*['\"](\^?[A-Z][A-Z0-9.=-]{0,9}|[A-Z]{2,6}/[A-Z]{2,6})['\"]"
                     r"|\b[\w.]*(?i:data|download|history|historical|quotes?|prices?|pricing|yahoo|ohlcv?|feed|reader|getsymbols|ticker|equity|forex"
                     r"|crypto|futures?|cfd|klines|candles|bars)\w*\s*\(\s*['\"](\^?[A-Z][A-Z0-9.=-]{0,9}|[A-Z]{2,6}/[A-Z]{2,6})['\"]")
# "the ticker I trade is V", "my favourite market for this is the GER40": the code a label word is said to be
_COPULA = re.compile(rf"\b(?i:ticker|symbol|market|instrument|asset|pair|stock|etf|fund|underlying|contract|coin)s?\b[^.;:!?\n]{{0,30}}?"
                     rf"(?:\b(?i:is|are|was)|=)\s+(?i:the\s+)?\$?['\"]?({_CODE})\b(?!['\u2019]s)")
_AFTER_CUE = re.compile(
    rf"(?i:{_ACTION})\s*:?\s+(?i:the\s+)?({_CODE})\b(?!\s*&)|\b(?i:long|hold|holds|own|owns|owning|holding|trade|trades|traded|trading|ticker(?:\s+symbol)?|symbol|etf|fund|futures|contracts?|shares\s+of|leveraged|levered|inverse|on|of|in|into|to|vs\.?|versus|between|and|or|price|via|through|compare|compares|comparing"
    # "for example QQQ", "such as IWM", "fill the rest with BND", "replace it with SHY"
    rf"|for\s+(?:example|instance)|e\.g\.?|such\s+as|(?:stocks?|shares|etfs?|funds?|names|markets?|pairs?|coins?|assets?|instruments?|indices|indexes)\s+like|(?:fill|fills|filled|replace|replaces|replaced|top\s+up)\s+(?:\w+\s+){{0,3}}?with)\s+(?i:the\s+)?({_CODE})\b(?!\s*&)"
    # "the SPDR S&P 500 ETF, SPY", "daily bars for ORCL", "data for XLE"
    rf"|\b(?i:etfs?|funds?|trust|stocks|bonds|equities|treasur(?:y|ies)|commodities|gold),\s+({_CODE})\b|\b(?i:rules?|plan|setup|signals?|strategy|system|model)\s+(?i:for|on)\s+({_CODE})\b|\b(?i:bars|data|prices|candles|history|quotes|equity\s+curve|results|back-?test|trades|signals)\s+(?i:for|of|on)\s+({_CODE})\b"
    # a label line: "Instrument: DIA", "Universe: SPY, QQQ", "Ticker = TLT"
    rf"|\b(?i:instruments?|tickers?|symbols?|universe|underlying|markets?|assets?|pairs?|charts?|examples?|stock|security|contract|coin|back-?tests?"
    rf"|appl(?:y|ied)(?:\s+it)?\s+to|works?(?:\s+best)?\s+on|(?:back)?tested\s+on|traded\s+on){_LABEL_TAIL}\s*(?:[:=|]|\s[-\u2013\u2014])\s*({_CODE})\b"

    # "tested with AMZN", "AMZN daily data", "10 years of NFLX prices": the market whose prices the test reads
    rf"|\b(?i:(?:back)?tested\s+with|using|uses|used)\s+(?i:the\s+)?({_CODE})\b(?=\s+(?i:daily\s+|weekly\s+|monthly\s+|hourly\s+|intraday\s+|historical\s+)?(?i:data|prices|bars|candles|quotes|etf|fund|shares|futures))"
    rf"|\b({_CODE})\s+(?i:daily\s+|weekly\s+|monthly\s+|hourly\s+|intraday\s+|historical\s+|price\s+)?(?i:data|prices|bars|candles|quotes|closes)\b"
    # "For ETH, buy when ...", "With IWM, the rule is ...": the market a sentence opens on
    rf"|(?:^|[.;:!?]\s+)(?i:for|with)\s+(?i:the\s+)?({_CODE})\s*,"
    # "[SPY]": a code in square brackets (not a markdown link's text)
    rf"|(?<![\w\]])\[\s*({_CODE})\s*\](?!\()"
    # "AAPL daily chart", "the SPY weekly chart": the chart a rule is read on
    rf"|\b({_CODE})\s+(?:daily|weekly|monthly|hourly|\d+\s*(?:m|h|min|minute|hour)s?|1d|1w|d1|w1|h1|h4)?\s*(?i:charts?)\b"
)
# a bare conjunction before a code, and the code right before it ("SPY and TLT", "QQQ, or IWM")
_JOIN_CUE = re.compile(r"(?i:and|or)\s")
_BEFORE_JOIN = re.compile(r"[$^]?([A-Z][A-Z0-9.=/-]*)['\u2019]?s?\)?,?\s*$")
# a noun after capitals that makes them a service, a model, a group or an indicator's reading, not a market
_NOT_MARKET = re.compile(
    r"\s+(?:api|apis|sdk|endpoints?|servers?|cloud|platforms?|accounts?|brokers?|brokerage|apps?|library|libraries|packages?|modules?"
    r"|agents?|models?|networks?|algorithms?|papers?|teams?|website|site|blog|discord|crowd|community|forums?|subreddit|users|members"
    r"|framework|terminal|client|notebooks?|course|book|videos?|podcast|newsletter|articles?|method|formula|scores?|ratings?"
    r"|lines?|values?|readings?|crossovers?|histogram|zones?|levels?)\b", re.I)
_SESSION = re.compile(r"\s+(?:sessions?|hours|time\s*zone|sequential|combo|squeeze|oscillator|indicator|ribbon|cloud)\b", re.I)
_ACTION_CUE = re.compile(rf"(?i:{_ACTION}|long|hold|holds|own|owns|owning|holding|trade|trading)\s", re.I)
_MORE = re.compile(rf"\s*(?:,|&|\band\b)\s*({_CODE})\b(?!\s*&)")
# a code as the subject of a price verb: "When GLD closes below...", "if QQQ trades above..."
_SUBJECT = re.compile(rf"\b({_CODE})\s+(?:closes|closed|closing|trades|traded|trading\s+(?:above|below)|rises|falls|drops|crosses|breaks|finishes|is\s+(?:above|below|trading)"
                      # "GLD close > SMA(50)", "SPY price crosses above": its price compared
                      rf"|(?i:close|price|closing\s+price)(?=\s*(?:[<>]|(?:is\s+)?(?:above|below|over|under)|cross)))\b")
# the other side of a comparison, possessive: "higher than VEA's", "compare it with BND's"
_OTHER_SIDE = re.compile(rf"\b(?:than|with|to|versus|vs\.?|against)\s+(?:the\s+)?\$?({_CODE})['\u2019]s\b")
# a possessive code before what is measured on it: "when TSLA's 5-day RSI pushes above 85"
_POSSESSIVE = re.compile(rf"\b({_CODE})['\u2019]s\s+(?:\d+[- ]?\w*\s+|[a-z]+-(?:day|week|month)\s+)?(?:rsi|sma|ema|ma|macd|moving|average|close|closing|"
                         rf"price|return|momentum|trend|high|low|bollinger|atr|\d+(?:-|\s*-?\s*)(?:day|week|month|bar|period))\b")
# a shouted heading ("TRADE IDEA - SMALL CAPS") is words in capitals, not codes
_CAPS_LINE = re.compile(r"^[^a-z\n]*[A-Z]{2,}[^a-z\n]*\b[A-Z]{2,}\b[^a-z\n]*$", re.M)
_PCT_TICKER = re.compile(rf"\b\d+(?:\.\d+)?%\s*(?:in|of|into|to|[-\u2013\u2014:])?\s*({_CODE})\b")
# a heading naming the market a test ran on: "QQQ Results", "SPY backtest", "IWM - performance"
# (the heading word in lower or title case: "TRADE RESULTS" is a shouted heading)
_RESULTS_OF = re.compile(rf"^[^\w\n]*({_CODE})\s*[-:\u2013\u2014]?\s*(?:[Bb]ack-?test(?:ing)?|[Rr]esults?|[Pp]erformance|[Ee]quity\s+curve|[Tt]rade\s+list|[Ss]tatistics)\b", re.M)
# the market as the modifier of the strategy a writer owns: "my SPY swing setup", "this AAPL bot", "a simple TSLA
# system" ("the VAA strategy" names an allocation model and is left out)
_OWN_MARKET = re.compile(rf"\b(?i:my|our|this|a|an)\s+(?:[a-z]+\s+)?\$?({_CODE})\s+(?:[a-z]+\s+)?(?i:strategy|system|setup|bot|algo|trade|rules?|plan)\b")
# a short title that opens with the market and then names the indicator the rule reads: "# SPY RSI(2) Strategy",
# "AAPL - Moving Average Crossover", "QQQ 20/50 EMA cross" (a generic word after the code, "IFT Dual Momentum
# Strategy", "CVR3 VIX Market Timing", names a strategy instead)
_GENERIC = frozenset("momentum average return returns volatility breakout breakdown high low close open price trend".split())
_TITLE_INDICATOR = lexicon.alternation(tuple(w for w in lexicon.INDICATOR_WORDS if len(w) > 2 and w not in _GENERIC))
_TITLE = re.compile(rf"^[ \t]*(?:#+[ \t]*|\*\*)?\$?({_CODE})[ \t]*[-:\u2013\u2014]?[ \t]+(?:[\d/.()-]+[ \t]+)?(?i:{_TITLE_INDICATOR})[^\n.!?;]{{0,60}}$", re.M)
_BEFORE_ASSET = re.compile(rf"\b(?:the\s+)?({_CODE})\s+(?:\w+\s+){{0,4}}?(?:futures?|note|notes|bond|etf|ETF|fund|shares|stock|contract)s?\b")


# a futures contract by root, delivery month letter (F G H J K M N Q U V X Z) and year: "ESZ4", "CLZ24", "6EH5"
_MONTH_CODE = re.compile(r"[A-Z]{1,3}[FGHJKMNQUVXZ]\d{1,2}")


def _ok(code: str, keyed: bool = False) -> bool:
    bare = code.lstrip("^")
    if bare.upper() in NOT_TICKERS or not bare.isupper():
        return False
    if re.fullmatch(r"[A-Z]\.[A-Z]{1,2}", bare):
        return False  # U.S, U.K: abbreviations, not share classes like BRK.B
    if re.fullmatch(r"(?:[SEWD]?MA|MM|RSI|ROC|ATR|MOM|BB|CCI|ADX)\d+", bare):
        return False  # EMA8, RSI2: compact indicator notation
    if _MONTH_CODE.fullmatch(bare):
        return True  # ESZ4, CLZ24, NQH25: a futures root, its month letter and its year
    if (re.fullmatch(r"[A-Z]+\d{2,}", bare) and not keyed and bare not in KNOWN_LONG) or re.fullmatch(r"\d.*", bare):
        return False  # SP500, M15, MT5: names and timeframes, not codes (a "symbol:" key's NAS100 is one)
    if re.fullmatch(r"(?:TP|SL|PT)\d", bare) or (re.fullmatch(r"[A-Z]\d", bare) and not keyed):
        return False  # TP1, SL2, R1, P3: targets, stops, levels and numbered parameters
    return True


# words that make a spelled-out name a term of the trade rather than a company ("Awesome Oscillator (AO)",
# "High Volume Close (HVC)"); a company's name ("Home Depot (HD)") is capitalised words without them
_TERM_WORDS = frozenset("""
indicator indicators oscillator index average averages moving strength deviation volatility volume close open high low
ratio range momentum trend reversal breakout band bands channel signal signals profit loss return returns test check
rate level price line divergence crossover pattern candle bar bars probability filter system strategy method rule setup
score model value factor weighted true relative stochastic smoothed exponential simple stop target order spread
índice indice força fuerza forza kraft relativa relativo relative media média moyenne mobile móvel movel móvil movil
gleitender durchschnitt oscilador oscillateur oscillatore estocástico estocastico bandas banda bandes volumen
""".split()) | frozenset(w for w in lexicon.INDICATOR_WORDS if " " not in w)
_SMALL_WORDS = frozenset("of the and for to on in a an de la le du des el di".split())
# letters of any script: "Índice de Força Relativa (IFR)" defines a term as "Relative Strength Index (RSI)" does
_DEFINED_AS = re.compile(r"((?:[^\W\d_][\w'&-]*[\s&-]+){1,8})\(\s*([A-Z][A-Za-z]{1,6})\s*\)")
# the short form first: "the SO (Stochastic Oscillator)"
_DEFINED_AFTER = re.compile(r"\b([A-Z]{2,6})\s*\(\s*((?:[^\W\d_][\w'&-]*[\s&-]*){2,8})\)")


def _words(phrase: str) -> list[str]:
    """The words of a phrase, camel case split ("RedDogReversal" is three words, "S&P" two, "RSI" one), in any script."""
    out: list[str] = []
    for w in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d+", phrase):
        out += re.findall(r"[^\W\d_](?:[^\W\d_A-Z]|')+|[A-Z]+(?![^\W\d_A-Z])|[^\W\d_]|\d+", w) or [w]
    return out


def _fold(word: str) -> str:
    """``word`` lower-cased without its accents ("Índice" -> "indice")."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


def _spells(code: str, words: list[str]) -> bool:
    """Whether ``code`` is the words' initials: each word gives a prefix of one or more letters (a small word
    may give none), in order: IBS = Internal Bar Strength, SMMA = SMoothed Moving Average."""
    code = code.lower()

    def go(i: int, k: int) -> bool:
        if i == len(code):
            return k == len(words)
        if k == len(words):
            return False
        w = _fold(words[k])
        if w in _SMALL_WORDS and go(i, k + 1):
            return True
        n = 0
        while n < len(w) and i + n < len(code) and w[n] == code[i + n]:
            n += 1
            if go(i + n, k + 1):
                return True
        return False

    return go(0, 0)


def abbreviations(text: str) -> frozenset[str]:
    """Short forms a text defines for its terms, "Internal Bar Strength (IBS)", "the stochastic oscillator
    (SO)": the code is the initials of two or more words before it, and those words are lower-case or name a
    term of the trade (a company's capitalised name, "Home Depot (HD)", defines a ticker, not a term).

    >>> sorted(abbreviations("Buy when the Internal Bar Strength (IBS) is low; Home Depot (HD) is a stock; the SO (Stochastic Oscillator)."))
    ['IBS', 'SO']
    """
    out = set()
    for m in _DEFINED_AS.finditer(text):
        code = m.group(2)
        words = _words(m.group(1))
        for drop in (0, 1):  # "the stochastic oscillator indicator (SOI)", "moyenne mobile simple (MM)"
            for k in range(2, min(len(words) - drop, len(code) + 3) + 1):
                span = words[len(words) - drop - k:len(words) - drop]
                if not _spells(code, span):
                    continue
                plain = [w for w in span if w.lower() not in _SMALL_WORDS]
                if any(w.islower() for w in plain) or any(w.lower() in _TERM_WORDS for w in words[len(words) - drop - k:]):
                    out.add(code.upper())
    for m in _DEFINED_AFTER.finditer(text):
        words = _words(m.group(2))
        # every word in the brackets spells the code and one names a term of the trade: "SPY (US equity)" or
        # "IDEV (Int'l developed)" describes a fund and keeps its ticker
        if _spells(m.group(1), words) and any(w.lower() in _TERM_WORDS for w in words):
            out.add(m.group(1))
    return frozenset(out)


def column_tickers(text: str) -> list[tuple[int, str]]:
    """Codes standing in a column of a plain-text table, with their offsets: three or more lines in a row that
    each end with the same number of codes ("Financials 3x FAS FAZ") or each start with a code and a
    name ("XLK Technology Select Sector SPDR").

    >>> [c for _, c in column_tickers("Energy 2x ERX ERY\\nGold 2x NUGT DUST\\nBanks 3x FAS FAZ")]
    ['ERX', 'ERY', 'NUGT', 'DUST', 'FAS', 'FAZ']
    """
    out: list[tuple[int, str]] = []
    pos = 0
    rows: list[list[tuple[int, str]]] = []  # per line: its codes at the chosen edge, with positions

    def edge(line: str, start: int) -> list[tuple[int, str]]:
        toks = [(start + m.start(), m.group(0)) for m in re.finditer(r"\S+", line)]
        if len(toks) < 2:
            return []
        tail = []
        for p, t in reversed(toks):
            if re.fullmatch(_CODE, t) and _ok(t) and len(t) >= 2:
                tail.append((p, t))
            else:
                break
        # "IWM iShares Russell 2000", "MDY SPDR MidCap 400": a code, then its name (a word, not a second code)
        head = [toks[0]] if re.fullmatch(_CODE, toks[0][1]) and _ok(toks[0][1]) and len(toks[0][1]) >= 2 \
            and re.match(r"[A-Za-z]", toks[1][1]) and not (re.fullmatch(_CODE, toks[1][1]) and _ok(toks[1][1])) else []
        if tail and len(tail) < len(toks):
            return tail[::-1]
        return head

    def flush() -> None:
        if len(rows) >= 3:
            out.extend(c for r in rows for c in r)
        rows.clear()

    for line in text.split("\n"):
        got = edge(line, pos)
        pos += len(line) + 1
        if got and (not rows or len(got) == len(rows[-1])):
            rows.append(got)
        else:
            flush()
            if got:
                rows.append(got)
    flush()
    return out


# a heading that announces the list of markets on the lines below it ("Universe", "Tickers:", "## Assets traded")
_LIST_HEAD = re.compile(r"^[ \t]*(?:#+[ \t]*|\*\*)?(?i:(?:the[ \t]+|asset[ \t]+|investment[ \t]+|trading[ \t]+)?(?:universe|tickers?|symbols?|assets?|instruments?"
                        r"|etfs?|markets?|watch[ \t]*list)(?:[ \t]+(?:used|traded))?)[ \t]*(?:\*\*)?[ \t]*:?[ \t]*(?:\*\*)?[ \t]*$", re.M)
_LIST_ROW = re.compile(rf"[ \t]*(?:[-*\u2022][ \t]*|\d+[.)][ \t]*)?({_CODE})(?=[ \t]*(?:$|[-:\u2013\u2014(,|]|[ \t]+\S))")


def listed_tickers(text: str) -> list[tuple[int, str]]:
    """Codes that start the lines under a heading announcing the markets, with their offsets: "Tickers" then
    "SPY  S&P 500", "TLT  20+ year Treasuries"; the list ends at the first line that does not start with a code.

    >>> [c for _, c in listed_tickers("Universe\\nSPY  S&P 500\\nTLT  20+ year Treasuries\\nRebalance monthly.")]
    ['SPY', 'TLT']
    """
    out: list[tuple[int, str]] = []
    for h in _LIST_HEAD.finditer(text):
        pos = h.end() + 1
        while pos < len(text):
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            m = _LIST_ROW.match(text, pos, end)
            if m is None or not _ok(m.group(1)) or len(m.group(1).lstrip("^")) < 2:
                break
            out.append((m.start(1), m.group(1)))
            pos = end + 1
    return out


def quoted_lines(text: str) -> list[tuple[int, str]]:
    """Quoted codes of a list or call in code, with their offsets, also when it runs over several lines with a
    comment on each (``symbols('XLY',  # discretionary`` / ``'XLF')  # financials``).

    >>> [c for _, c in quoted_lines("secs = symbols('XLY',  # consumer\\n               'XLF')  # financials")]
    ['XLY', 'XLF']
    """
    return [(m.start(1) + q.start(1), q.group(1)) for m in _QUOTED_LINES.finditer(text)
            for q in re.finditer(r"['\"]([^'\"\n]+)['\"]", m.group(1)) if _ok(q.group(1))]


# a line of code commented out: "#    context.security = sid(33472)  #NIKE", "// get_data('FTMBUSD', 30)"
_DEAD_CODE = re.compile(r"^[ \t]*(?:#|//)[ \t]*(?:[\w.\[\]'\"]+[ \t]*=(?!=)|[\w.]+\([^\n]*\)[ \t]*[;,]?[ \t]*(?:(?:#|//)[^\n]*)?$)[^\n]*", re.M)


def live_code(text: str) -> str:
    """``text`` with its commented-out code lines blanked (same length, so offsets hold): a market named on a
    line the author switched off is not traded.

    >>> live_code("x = sid(24)\\n# y = sid(8554)  # SPY").rstrip()
    'x = sid(24)'
    """
    return _DEAD_CODE.sub(lambda m: " " * len(m.group(0)), text)


_KNOWN = re.compile(r"(?<![\w$^/.&-])(" + "|".join(sorted(KNOWN_SYMBOLS, key=len, reverse=True)) + r")(?![\w/&]|[.-][A-Za-z])")


def known_tickers(text: str) -> list[str]:
    """The widely traded codes (``KNOWN_SYMBOLS``) a text names in any context, in order of first mention;
    never a term's defined short form, a session or a service ("the ETH session", "the SPY API").

    >>> known_tickers("QQQ works best; I also like TLT. The ETH session is thin.")
    ['QQQ', 'TLT']
    """
    text = live_code(text)
    out: list[str] = []
    for m in _KNOWN.finditer(text):
        if _SESSION.match(text, m.end()) or _NOT_MARKET.match(text, m.end()) or m.group(1) in out:
            continue
        out.append(m.group(1))
    spelled = abbreviations(text)
    return [c for c in out if c not in spelled]


def find_tickers(text: str) -> list[str]:
    """Tickers in a text, in order of first appearance (see the module docstring for the rules)."""
    found: list[tuple[int, str]] = []
    text = live_code(text).replace("`", " ").replace("*", " ")  # markdown code and emphasis around a symbol

    def add(pos: int, code: str, *, single_ok: bool = False, keyed: bool = False) -> None:
        code = code.strip()
        if pos > 0 and text[pos - 1] == "^" and not code.startswith("^"):
            code, pos = "^" + code, pos - 1  # "^GSPC" read by a pattern that starts at the letters
        if code[-1:].isdigit() and text[pos + len(code):pos + len(code) + 1] == "!" and re.fullmatch(r"[A-Z0-9]{1,3}[12]", code):
            code += "!"  # "ES1!", "NQ1!": TradingView's continuous futures contract
        if len(code.lstrip("^")) < 2 and not single_ok:
            return
        if _LICENCE.search(text[max(0, pos - 40):pos]) or _LIBRARY.search(text[max(0, pos - 20):pos]):
            return
        if _SESSION.match(text, pos + len(code)):
            return  # "the ETH session", "RTH hours", "TD Sequential": a session or a named indicator, not a market
        if not keyed and _NOT_MARKET.match(text, pos + len(code)):
            return  # "the REST API", "a DQN agent", "the WSB crowd", "the KST line": a service, a model or a term
        if _ok(code, keyed) or "/" in code:
            found.append((pos, code))

    for m in _PAIR.finditer(text):
        if re.split("[/-]", m.group(1))[1] in _QUOTES:
            add(m.start(), m.group(1))
    for m in _FX.finditer(text):
        if m.group(1)[:3] != m.group(1)[3:6]:
            add(m.start(), m.group(1))
    for m in _DOLLAR.finditer(text):
        g = 1 if m.group(1) else 2
        add(m.start(g) - 1, m.group(g), single_ok=True)
    for m in _EXCHANGE.finditer(text):
        if m.group(1).isupper():
            add(m.start(1), m.group(1), single_ok=True)
    for m in _WEIGHT_TUPLE.finditer(text):
        add(m.start(1), m.group(1), single_ok=True)
    for m in _DATA_FILE.finditer(text):
        code = m.group(1)
        if code.isupper() or (code.islower() and re.search(rf"['\"]{re.escape(code)}['\"]", text)):
            add(m.start(1), code.upper())
    for m in _CLI_CODES.finditer(text):
        g = 1 if m.group(1) else 2
        for k in re.finditer(r"[^\s,]+", m.group(g)):
            add(m.start(g) + k.start(), k.group(0), single_ok=True, keyed=True)
    for m in _WEIGHT_DICT.finditer(text):  # {"SPY": 0.6, "TLT": 0.4}: target weights keyed by code
        items = _WEIGHT_ITEM.findall(m.group(0))
        if len(items) >= 2 and (0.99 <= (total := sum(float(w) for _, w in items)) <= 1.01 or 99 <= total <= 101):
            for k in _WEIGHT_ITEM.finditer(m.group(0)):
                add(m.start() + k.start(1), k.group(1), keyed=True)
    for rx in (_GLUED_PAIR, _SUFFIXED, _BACKTEST_ARG):
        for m in rx.finditer(text):
            found.append((m.start(1), m.group(1)))
    for m in _FUTURES.finditer(text):
        add(m.start(1), m.group(1), single_ok=True)
    for m in _LABEL_RUN.finditer(text):
        for i, c in enumerate(re.split(r"\s*(?:,|\s|and|&)\s*", re.sub(r"\([^()]*\)", " ", m.group(1)))):
            if c:
                add(m.start(1) + i, c)
    if text.count("|") >= 3:
        for m in _CELL.finditer(text):
            add(m.start(1), m.group(1))
    for m in _SID_COMMENT.finditer(text):
        add(m.start(1), m.group(1))
    found += [(m.start(1), m.group(1)) for m in _SID_KEY.finditer(text)]
    found += [(m.start(1), m.group(1).upper()) for m in _SID_NAMED.finditer(text) if _SIDS.get(int(m.group(2))) == m.group(1).upper()]
    for pos, code in quoted_lines(text):
        add(pos, code)
    for m in _PAREN.finditer(text):
        for i, c in enumerate(re.split(r"\s*(?:,|/|and|&)\s*", m.group(1))):
            add(m.start(1) + i, c)
    for m in _LIST_LINE.finditer(text):
        for i, c in enumerate(re.split(r"\s*,\s*", m.group(1))):
            add(m.start(1) + i, c, single_ok=True)
    for m in _RUN.finditer(text):
        codes = re.split(r"\s*(?:,|and|&)\s*", m.group(1))
        if len({re.sub(r"\d+$", "", c) for c in codes}) == 1 and all(c[-1:].isdigit() for c in codes):
            continue  # "AB1, AB2, AB3": one name numbered, parameters or series, not a list of markets
        if sum(_ok(c) for c in codes) >= 3:
            for i, c in enumerate(codes):
                add(m.start(1) + i, c)
    for m in _SLASH_RUN.finditer(text):
        codes = re.split(r"\s*/\s*", m.group(1))
        if all(_ok(c) for c in codes):
            for i, c in enumerate(codes):
                add(m.start(1) + i, c)
    for rx in (_QUOTED_LIST, _QUOTED_KEY):
        for m in rx.finditer(text):
            for i, c in enumerate(re.findall(r"['\"]([^'\"]+)['\"]", m.group(0)) if rx is _QUOTED_LIST else [m.group(1)]):
                add(m.start(1) + i, c)
    for m in _DASH_LIST.finditer(text):
        codes = [(m.start() + d.start(1), d.group(1)) for d in _DASH_CODE.finditer(m.group(0))]
        if len(codes) >= 2 and all(_ok(c) for _, c in codes):
            for pos, c in codes:
                add(pos, c)
    for rx in (_CODE_SYMBOL, _KEY_TUPLE, _LABEL_NAMED):
        for m in rx.finditer(text):
            add(m.start(1), m.group(1), single_ok=True, keyed=rx is not _LABEL_NAMED)
    for m in _LOADER.finditer(text):
        g = 1 if m.group(1) else 2
        add(m.start(g), m.group(g), single_ok=True, keyed=True)
    for pos, code in column_tickers(text) + listed_tickers(text):
        add(pos, code)
    for m in _DESCRIBED.finditer(text):
        add(m.start(1), m.group(1))
    for m in _ROW_START.finditer(text):
        add(m.start(1), m.group(1))
    caps = [(m.start(), m.end()) for m in _CAPS_LINE.finditer(text) if len(m.group(0).split()) >= 3]
    joined: list[tuple[int, str, str]] = []  # (position, code, the code before its "and"/"or")
    for rx in (_AFTER_CUE, _PCT_TICKER, _BEFORE_ASSET, _SUBJECT, _POSSESSIVE, _OTHER_SIDE, _RESULTS_OF, _TITLE, _COPULA, _OWN_MARKET):
        for m in rx.finditer(text):
            g = next(i for i in range(1, (m.lastindex or 1) + 1) if m.group(i))
            cue = text[m.start():m.start(g)]
            if any(a <= m.start(g) < b for a, b in caps) or (rx is _AFTER_CUE and re.match(r"[A-Z]{3,}\b(?<!ETF)(?!\s*:)", cue)):
                continue  # "TRADE IDEA": a shouted cue word makes the next capitals a phrase, not a code ("BUY: QQQ" labels one)
            if rx is _AFTER_CUE and _JOIN_CUE.match(cue):
                # "SPY and TLT" joins two codes; "the PF and the WR", "PPO or SAC" join jargon: the code after a
                # bare "and"/"or" is a ticker only when the one before it is
                before = _BEFORE_JOIN.search(text, max(0, m.start() - 24), m.start())
                joined.append((m.start(g), m.group(g), before.group(1) if before else ""))
                continue
            add(m.start(g), m.group(g), single_ok=rx is _COPULA and re.match(r"(?i:ticker|symbol)", cue) is not None)
            if rx is _AFTER_CUE and _ACTION_CUE.match(cue):
                # "Hold UPRO, TMF in a 55/45 split": the codes listed after the action's first one
                pos = m.end(g)
                while (n := _MORE.match(text, pos)) is not None and _ok(n.group(1)):
                    add(n.start(1), n.group(1))
                    pos = n.end()
    while True:  # "SPY, QQQ and IWM or DIA": a chain of joined codes, each kept once the one before it is
        codes = {c for _, c in found}
        more = [(p, c) for p, c, b in joined if b in codes and c not in codes]
        if not more:
            break
        for p, c in more:
            add(p, c)
        if {c for _, c in found} == codes:
            break
    for m in re.finditer(r"(?<![\w^])\^([A-Z]{2,6})\b", text):
        add(m.start(), m.group(0), keyed=True)  # "(applied to the S&P 500 index, ^GSPC)": a caret code is an index's
    spelled = abbreviations(text)  # "the Internal Bar Strength (IBS)": a term's short form, never a code
    seen: dict[str, int] = {}
    for pos, code in sorted(found):
        if code in spelled:
            continue
        seen.setdefault(code, pos)
    # a pair like BTC/USDT names the market; its base alone is not a second symbol
    pairs = {re.split("[/-]", c)[0] for c in seen if "/" in c or (_PAIR.fullmatch(c) and c.split("-")[1] in _QUOTES)}
    # "EURUSD" next to "EURUSD=X" is the same market named twice
    return [c for c in seen if c not in pairs and c + "=X" not in seen]


_FREQ_WORD = {"daily": "daily", "day": "daily", "weekly": "weekly", "week": "weekly", "monthly": "monthly", "month": "monthly"}
_FREQ_CUE = re.compile(
    # (a results row, "| Median monthly return | -1.5% |", "best month return: +6%", is no bar frequency)
    r"(?<!median\s)(?<!average\s)(?<!mean\s)(?<!best\s)(?<!worst\s)(?<!avg\s)"
    r"\b(daily|weekly|monthly)\s+(?:bars?|candles?|charts?|data|prices?|price|closes?|closing\s+prices?|returns?(?!\s*(?:\||:?\s*[-+]?\d+(?:\.\d+)?\s*%))|time\s*frame|timeframe|stop|stop-loss|basis|series|observations)\b"
    r"|\bon\s+(?:a|the)\s+(daily|weekly|monthly)\b|\(\s*(daily)\s*\)|\b(?:time\s*frame|timeframe|interval|bars?)\s*[:|=]\s*(?:1\s*)?(d|w|daily|weekly|monthly)\b"
    r"|\b(?:close|end|low|high|open)\s+of\s+the\s+(?:entry\s+)?(day|week|month)\b"
    # "Close > SMA(8) on month-end close", "the week-end closing price"
    r"|\b(month|week)[- ]?end\s+(?:close|closing\s+price|price|bar)s?\b"
    # a platform's timeframe code: "the W1 chart", "timeframe: D1", "PERIOD_W1", "1W candles"
    r"|\b(?:time\s*frame|timeframe|interval|chart)\s*[:|=]?\s*(?:period_)?(w1|d1|1\s*w|1\s*d)\b|\bperiod_(w1|d1)\b"
    r"|\b(w1|d1|1\s*w|1\s*d)\s+(?:time\s*frame|timeframe|charts?|bars?|candles?)\b"
    # "Period: Monthly", "Chart: weekly", "1-week bars", "one-month candles"
    r"|\b(?:period|chart|data|candles?|resolution)\s*[:|=]\s*(daily|weekly|monthly)\b|\b1\s*-?\s*(day|week|month)\s+(?:bars?|candles?|charts?|time\s*frame|timeframe)\b"
)


def frequency_cues(norm: str) -> list[str]:
    """Bar frequencies a clause states outright ("daily chart", "monthly price", "end of the day")."""
    out = []
    for m in _FREQ_CUE.finditer(norm):
        w = next(g for g in m.groups() if g)
        w = re.sub(r"\s+", "", w)
        out.append({"d": "daily", "w": "weekly", "d1": "daily", "1d": "daily", "w1": "weekly", "1w": "weekly"}.get(w, _FREQ_WORD.get(w, "daily")))
    return out


_REBAL = re.compile(
    r"\b(?:rebalanc\w*|rebal\b|reinvest\w*|re-?evaluat\w*|reallocat\w*|rotat\w*|review\w*|selection|re-?rank\w*|ranking)\s*(?:\w+\s+){0,4}?\(?[:|]?\s*(?:once\s+(?:a|per|every)\s+|every\s+|each\s+|at\s+(?:the\s+)?|at\s+(?:the\s+)?end\s+of\s+(?:each|every|the)\s+)?"
    r"(daily|weekly|monthly|quarterly|day|week|month|quarter|month-end|week-end|quarter-end|monday|tuesday|wednesday|thursday|friday)\b"
    r"|\bhold(?:s|ing)?\s+(?:the\s+|it\s+|them\s+|(?:the\s+|each\s+)?positions?\s+)?for\s+(?:a|1|one)\s+(week|month|quarter)\b"
    r"|\b(?:a|1|one)[- ](week|month|quarter)\s+holding\s+period\b"
    r"|\bat\s+the\s+end\s+of\s+(?:each|every)\s+(week|month|quarter)\b"
    # "until the next quarterly rebalance", "every quarter, rank the constituents"
    r"|\b(daily|weekly|monthly|quarterly)\s+(?:rebalanc\w*|re-?rank\w*|reconstitut\w*|rotation)\b"
    r"|\b(?:every|each|once\s+(?:a|per))\s+(day|week|month|quarter)\s*,?\s+(?:we\s+|i\s+)?(?:rank|re-?rank|sort|rebalanc|select|reconstitut|rotat|compar)\w*"
    # "until the next month-end", "every end of month we compare", "change only at month end"
    r"|\buntil\s+the\s+next\s+(month|week|quarter)[- ]?end\b|\b(?:every|each)\s+end\s+of\s+(?:the\s+)?(month|week|quarter)\b"
    r"|\b(?:change|changes|switch|switches|trade|trades|rotate|rotates|rebalance|rebalances)\s+(?:\w+\s+){0,2}?(?:at|on)\s+(?:the\s+)?(month|week|quarter)[- ]?end\b"
    # "on the last trading day of each month, compute ... / rank ...": the day a ranking is re-done
    r"|\b(?:first|last|final)\s+(?:trading\s+|business\s+)?day\s+of\s+(?:each|every)\s+(week|month|quarter)\b(?=.*\b(?:rank|sort|select|comput|calculat|compar|rebalanc|rotat)\w*)"
    # "every Friday, rank the sector funds ...": a weekday that re-does a ranking is a weekly rebalance
    r"|\b(?:every|each|on)\s+(monday|tuesday|wednesday|thursday|friday)s?\b(?=.*\b(?:rank|sort|select|rebalanc|rotat|compar)\w*)"
    # "I check it on the last trading day of the month": the day the signal is re-read
    r"|\b(?:check|evaluat|assess|review|look\s+at)\w*\s+(?:it|this|that|them|the\s+\w+)?\s*(?:on|at)\s+the\s+(?:first|last|final)\s+(?:trading\s+|business\s+)?day\s+of\s+(?:the|each|every)\s+(week|month|quarter)\b"
    # "evaluated once per month", "the signal is checked every week": how often positions are re-set
    r"|\b(?:evaluat|check|assess|recomput|recalculat)\w*\s+(?:only\s+)?(?:once\s+(?:a|per|every)|every|each|at\s+(?:each|every)\s+(?:the\s+)?end\s+of)\s+(?:the\s+)?(day|week|month|quarter)\b"
)


_DAY_OF = re.compile(r"\b(?:first|last|final)\s+(?:trading\s+|business\s+)?day\s+of\s+(?:each|every|the)\s+(week|month|quarter)\b"
                     r"|\b(week|month|quarter)_(?:start|end)\b")


def rebalance_of(norm: str) -> str | None:
    """daily/weekly/monthly/quarterly when a clause states how often positions are re-set."""
    m = _REBAL.search(norm)
    if m and _DAY_OF.search(norm):
        w = next(g for g in _DAY_OF.search(norm).groups() if g)
        return {"week": "weekly", "month": "monthly", "quarter": "quarterly"}[w]
    if not m:
        return None
    w = next(g for g in m.groups() if g).split("-")[0]
    return {"day": "daily", "week": "weekly", "month": "monthly", "quarter": "quarterly"}.get(w, "weekly" if w.endswith("day") else w)


_DEC = {"decile": 0.1, "quintile": 0.2, "quartile": 0.25, "tercile": 1 / 3, "third": 1 / 3, "half": 0.5}
_TOP_PCT = re.compile(r"\b(?:top|best|highest|strongest)\s+(\d+(?:\.\d+)?)\s*%|\b(?:top|best|highest|strongest|first|winners?|winning)\s+(decile|quintile|quartile|tercile|third|half)\b"
                     # "buy the quintile with the lowest volatility"
                     r"|\bthe\s+(decile|quintile|quartile|tercile)\s+(?:\w+\s+){0,2}?with\s+the\s+(?:highest|lowest|best|strongest|smallest|least)\b")
_TOP_N = re.compile(
    r"\b(?:top|best|strongest)[- ](\d+)\b(?!\s*%)(?!\s*-?\s*(?:day|week|month|year)s?\b)|\b(?:select|selects|pick|picks|buy|buys|hold|holds|own|owns|choose|chooses|invest\s+in|long)\s+(?:the\s+|only\s+the\s+)?(\d+)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:stocks?|assets?|etfs?|funds?|names|positions|sectors?|securities|equities|coins|companies|markets|tickers|ones|performers)\b"
    r"|\b(\d+)\s+(?:best|strongest|top)[- ]?(?:performing|ranked)?\b|\bn_(?:stocks|positions|assets|holdings)\s*[:=]\s*(\d+)"
    r"|\b(?:number\s+of\s+(?:positions|holdings|stocks))\s*[:=|]?\s*(\d+)"
    # "hold the three with the highest 6-month return", "the 10 stocks with the best return", "the 20 with the lowest volatility"
    r"|\bthe\s+(\d+)\s+(?:[\w'-]+\s+){0,2}?(?:with|having|(?:that|which)\s+(?:have|has|had|show|shows|showed)|showing)\s+the\s+(?:highest|best|strongest|greatest|largest|top|lowest|smallest|least|worst|weakest|poorest)\b"
)
# "put everything into whichever one had the best 6-month return", "buy which of them shows the highest momentum"
_WHICHEVER_BEST = (r"\bwhich(?:ever)?\s+(?:1|one|asset|etf|fund|of\s+[^.;]{1,40}?)\s+(?:\w+\s+){0,2}?"
                   r"(?:has|had|have|shows?|showed|posted|delivered|with|is|was)\s+(?:the\s+)?(?:best|highest|strongest|biggest|largest|greatest|top)\b")
_TOP_ONE = re.compile(
    _WHICHEVER_BEST + "|"
    r"\bthe\s+(?:single\s+)?(?:best|top|strongest|highest)[- ]?(?:performing|ranked|momentum|scoring|returning)?\s+(?:asset|etf|fund|security|sector|stock|index|market|one|coin)\b(?!s)"
    r"|\b(?:the\s+)?(?:winner(?!s?\s+(?:decile|quintile|quartile|tercile|portfolio))|winning\s+(?:asset|etf|fund|one)|stronger\s+of|strongest\s+of)\b|\bwhich\s+(?:asset|one|etf|fund)\s+is\s+(?:stronger|strongest|best)\b"
    r"|\b(?:asset|etf|fund|security|one|sector|stock)\s+with\s+the\s+(?:highest|best|strongest)\s+(?:\d+[- ]\w+\s+)?(?:return|momentum|performance|score)\b"
    # "buy the one with more strong return", "the fund with higher momentum": a comparative of two
    r"|\bthe\s+(?:asset|etf|fund|security|one|sector|stock|index|market)\s+with\s+(?:the\s+)?(?:more|higher|stronger|better|bigger|greater)\s+(?:strong\s+)?(?:\d+[- ]\w+\s+)?(?:returns?|momentum|performance|score)\b"
)
# the choice of the low end of a ranking ("the 5 with the lowest 1-month return", "the three weakest sectors",
# "the worst-performing 10", "the biggest losers"): held lowest first
_LOW_WORDS = r"(?:lowest|worst|weakest|poorest|smallest|least)"
_LOW_PICK = re.compile(
    r"\b(?:with|having|showing|(?:that|which)\s+(?:have|has|had|show|shows|showed))\s+the\s+" + _LOW_WORDS + r"\b"
    r"|\b(?:the\s+)?(?:\d+\s+)?" + _LOW_WORDS + r"[- ](?:\d+\s+)?(?:performing\s+|performers?\b|ranked\s+|returning\s+)?"
    r"(?:stocks?|assets?|etfs?|funds?|names|sectors?|securities|equities|coins|companies|markets|tickers|performers?|ones?)\b"
    r"|\b(?:biggest|largest|worst)\s+(?:losers|laggards|decliners)\b")
_HIGH_PICK = re.compile(r"\b(?:top|best|highest|strongest|greatest|largest|winners?|leaders)\b(?!\s+(?:losers|laggards|decliners))")
# "with the weakest 3-month return" chooses by a ranking as "with the highest ..." does
_PICK_EXTREME = re.compile(r"\b(?:with|having|showing)\s+the\s+(?:highest|best|strongest|greatest|largest|lowest|worst|weakest|poorest|smallest)\s+"
                           r"(?:[\w-]+\s+){0,2}?(?:returns?|momentum|performance|gains?|rate\s+of\s+change|roc)\b")
_PCT_RANK = re.compile(r"(?:\b(?:percent(?:age)?|percentile|pct)|%)[- ]?ranks?(?:ing|ed)?\b|\bpercentrank\b")
_BOTTOM = re.compile(r"\b(?:bottom|worst|lowest|weakest)\s+(?:\d+\s*%|decile|quintile|quartile|tercile|third|half|\d+)")
_RANK_CUE = re.compile(_WHICHEVER_BEST + r"|\b(?:(?:if|when|whether)\s+(?:\w+\s+){0,4}?(?:beats?|beat|tops?)|rank\w*|sort(?:s|ed|ing)?\s+(?:\w+\s+){0,4}?(?:on|by|according\s+to)|top\s+\d+|winner|winning|stronger|relative\s+(?:momentum|strength)(?!\s+(?:index|lines?|charts?|plots?))|rotat\w*|deciles?|quintiles?|quartiles?|best[- ]performing|highest[- ]ranked|outperform\w*|returns?\s+(?:beats?|exceeds?|is\s+(?:higher|greater)\s+than)|(?:momentum|returns?|performance)\s+of\s+\$?\w+\s+(?:exceeds?|beats?|tops?|is\s+(?:higher|greater|stronger|better)\s+than)\s+(?:that|those|the\s+\w+)\s+of)\b")


# a ranking is a rule only where someone chooses by it: "buy the top decile", "rank ... and own the best";
# "energy was the best performing sector" (a report) or "relative strength RS = 1.2 / 0.8" (a formula) is not
_SELECT = re.compile(
    r"\b(?:buy|buys|hold|holds|own|owns|invest\w*|select\w*|pick\w*|choos\w*|allocat\w*|rotat\w*|switch\w*|puts?|go(?:es)?\s+(?:long|into|to)"
    r"|long|short|rank\w*|sort\w*|overweight|enter\w*|purchas\w*|trades?|keep|tak(?:e|es|ing)(?=\s+(?:only\s+)?(?:the\s+)?(?:\d+|top|best|strongest)\b)|move\s+into|positions?|portfolio|weights?|weighted|park|stay|remain)\b")


def ranking_of(norm: str) -> dict:
    """Ranking phrasing in a clause: {'top_n': int} / {'top_pct': float}, 'bottom': True for a short leg,
    'select': True when the clause chooses by it (buy, hold, rank, rotate ...).

    >>> ranking_of("over the past 12 months energy was the best performing sector, up 28%.").get("select", False)
    False
    """
    # "the percent rank of the one-day return over 100 days" is a computation (ConnorsRSI), not a choice
    norm = _PCT_RANK.sub(" ", norm)
    out: dict = {"select": True} if _SELECT.search(norm) else {}
    m = _TOP_PCT.search(norm)
    if m:
        out["top_pct"] = float(m.group(1)) / 100 if m.group(1) else _DEC[m.group(2) or m.group(3)]
    m = _TOP_N.search(norm)
    if m and "top_pct" not in out:
        n = int(next(g for g in m.groups() if g))
        if 1 <= n <= 1000:
            out["top_n"] = n
    if "top_pct" not in out and "top_n" not in out and _TOP_ONE.search(norm):
        out["top_n"] = 1
    if _BOTTOM.search(norm):
        out["bottom"] = True
    if _RANK_CUE.search(norm) or _PICK_EXTREME.search(norm):
        out["cue"] = True
    if _LOW_PICK.search(norm) and not _HIGH_PICK.search(norm):
        out["lowest"] = True
    return out
