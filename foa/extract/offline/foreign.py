"""Strategy prose in French, Spanish, Portuguese, Italian or German, read through the English grammar.

A page whose function words are mostly of one of these languages has each clause rewritten phrase by
phrase into the English words the grammar reads: indicator names ("moyenne mobile", "IFR", "MM20"),
crossings and their direction ("croise ... à la hausse", "cruza hacia arriba"), comparators ("por encima
de", "acima da"), actions and signals ("compra", "signal d'achat"), condition words ("cuando", "quand"),
prices ("fechamento") and articles. Only the phrases of the tables below are rewritten; a clause keeps its
verbatim quote (the rewrite is of the parsed form only). English pages are never touched.

>>> language("Achetez si la MM7 croise la MM30 à la hausse ; c'est une règle pour les traders qui suivent le trend.")
'fr'
>>> english("achetez si la mm7 croise la mm30 à la hausse", "fr")
'buy if the ma 7 crosses the ma 30 upward'
>>> english("vende si la ema de 9 cruza hacia abajo la ema de 21.", "es")
'sell if the 9 ema crosses downward the 21 ema.'
"""

from __future__ import annotations

import re

__all__ = ["english", "language"]

# function words that mark a language (an English page has far more of its own)
_MARKS = {
    "fr": ("le", "la", "les", "des", "une", "est", "pour", "avec", "dans", "et", "sur", "qui", "au", "du", "quand", "lorsque"),
    "es": ("el", "los", "las", "una", "cuando", "para", "con", "del", "por", "y", "que", "es", "se", "lo"),
    "pt": ("os", "uma", "quando", "para", "com", "não", "você", "do", "da", "dos", "das", "no", "na", "em", "que", "é", "acima",
           "abaixo", "estiver", "ficar", "regra", "ou", "ao", "pelo", "pela", "comprar", "vender"),
    "it": ("il", "gli", "della", "quando", "per", "che", "sono", "del", "nel", "alla", "è", "di", "un"),
    "de": ("der", "die", "das", "und", "ist", "nicht", "wenn", "mit", "den", "dem", "ein", "eine", "wir", "sie"),
}
_ENGLISH = ("the", "and", "when", "with", "is", "of", "to", "it", "on", "for", "if", "buy", "sell", "above", "below")
_WORD = re.compile(r"[a-zà-öø-ÿ']+")


def language(text: str) -> str | None:
    """The language of a page when it is one of the five and not English, else None."""
    words = _WORD.findall(text.lower())
    eng = sum(w in _ENGLISH for w in words)
    scores = {lang: sum(w in marks for w in words) for lang, marks in _MARKS.items()}
    best = max(scores, key=lambda k: scores[k])
    # Spanish and Portuguese share many words: the one with more marks wins; an English page never qualifies
    second = max((v for k, v in scores.items() if k != best), default=0)
    if scores[best] >= 6 and scores[best] > 2 * eng:
        return best
    # a short text (one rule line) has fewer marks: enough when they all point one way and no English word is there
    return best if len(words) <= 40 and scores[best] >= 3 and eng == 0 and scores[best] > second else None


_UNIT = {"períodos": "period", "periodos": "period", "período": "period", "periodo": "period", "périodes": "period",
         "période": "period", "periodi": "period", "perioden": "period", "periode": "period", "días": "day", "dias": "day",
         "dia": "day", "día": "day", "jours": "day", "jour": "day", "giorni": "day", "giorno": "day", "tage": "day",
         "tagen": "day", "tag": "day", "semanas": "week", "semaines": "week", "settimane": "week", "wochen": "week",
         "velas": "bar", "bougies": "bar", "barras": "bar", "candele": "bar", "kerzen": "bar"}
_IND = r"(sma|ema|ma|rsi|wma|moving average|simple moving average|exponential moving average)"

# (pattern, replacement) in order; patterns see the clause lower-cased as the grammar normalises it
_COMMON: list[tuple[str, str]] = [
    # indicator names
    (r"\b(?:moyennes?|médias?|medias?|media)\s+(?:mobiles?|móve(?:is|l)|movel|móvil(?:es)?|movil(?:es)?|mobili)\s+"
     r"(?:exponencial(?:es)?|exponentielles?|esponenziali|esponenziale)\b", "exponential moving average"),
    (r"\b(?:moyennes?|médias?|medias?|media)\s+(?:mobiles?|móve(?:is|l)|movel|móvil(?:es)?|movil(?:es)?|mobili)\s+(?:simples?|semplici|semplice)\b",
     "simple moving average"),
    (r"\b(?:moyennes?|médias?|medias?|media)\s+(?:mobiles?|móve(?:is|l)|movel|móvil(?:es)?|movil(?:es)?|mobili)\b", "moving average"),
    (r"\bgleitende[nrs]?\s+durchschnitt(?:e|s|en|slinie|slinien)?\b|\bdurchschnittslinien?\b", "moving average"),
    (r"\b(\d+)[- ]tage[- ]?linie\b", r"\1-day moving average"),
    (r"\btagelinien?\b", "moving average"),
    (r"\bmm\s*(\d+)\b", r"ma \1"),
    (r"\bmm\b", "ma"),
    (r"\bifr\b", "rsi"),
    (r"\b(?:índice|indice|indice)\s+(?:de\s+|di\s+)?(?:força|fuerza|force|forza)\s+relativ[ao]?e?\b", "relative strength index"),
    # a window written after the name: "la ema de 30", "média móvel de 8 períodos", "rsi di 14 giorni"
    (rf"\b{_IND}\s+(?:de|di|da|do|du|des|del|von|über)\s+(\d+)(?:\s*({'|'.join(_UNIT)})\b)?",
     lambda m: f"{m.group(2)}-{_UNIT[m.group(3)]} {m.group(1)}" if m.group(3) else f"{m.group(2)} {m.group(1)}"),
    # crossings and their direction
    (r"\b(?:croise(?:nt)?|croisent|cruza(?:n)?|cruzam?|cruzou|cruzar|cruzado|cruzando|incrocia(?:no)?|kreuzt|durchkreuzt|schneidet|coupe)\b", "crosses"),
    (r"\b(?:à\s+la\s+hausse|vers\s+le\s+haut|par\s+le\s+bas|hacia\s+arriba|al\s+alza|de\s+abajo\s+hacia\s+arriba|para\s+cima|de\s+baixo\s+para\s+cima"
     r"|verso\s+l'alto|al\s+rialzo|dal\s+basso\s+verso\s+l'alto|von\s+unten\s+nach\s+oben|nach\s+oben)\b", "upward"),
    (r"\b(?:à\s+la\s+baisse|vers\s+le\s+bas|par\s+le\s+haut|hacia\s+abajo|a\s+la\s+baja|de\s+arriba\s+hacia\s+abajo|para\s+baixo|de\s+cima\s+para\s+baixo"
     r"|verso\s+il\s+basso|al\s+ribasso|dall'alto\s+verso\s+il\s+basso|von\s+oben\s+nach\s+unten|nach\s+unten)\b", "downward"),
    # comparators
    (r"\b(?:por\s+encima\s+(?:de[l]?|da|do)|encima\s+de[l]?|au[- ]dessus\s+(?:de|du|des)|acima\s+d[aeo]s?|al\s+di\s+sopra\s+d\w*|sopra|über|oberhalb)\b", "above"),
    (r"\b(?:por\s+debajo\s+(?:de[l]?)|debajo\s+de[l]?|sous|en[- ]dessous\s+(?:de|du|des)|au[- ]dessous\s+(?:de|du|des)|abaixo\s+d[aeo]s?|al\s+di\s+sotto\s+d\w*|sotto|unterhalb)\b", "below"),
    (r"\b(?:mayor\s+que|supérieure?\s+à|maior\s+(?:que|do\s+que)|maggiore\s+di|größer\s+als)\b", "greater than"),
    (r"\b(?:menor\s+que|inférieure?\s+à|menor\s+do\s+que|minore\s+di|kleiner\s+als)\b", "less than"),
    # "par exemple, quand la moyenne mobile croise ...": an example, as in English
    (r"\b(?:par\s+exemple|por\s+ejemplo|por\s+exemplo|per\s+esempio|ad\s+esempio|zum\s+beispiel|beispielsweise)\b", "for example"),
    # signals and actions; "se genera una señal de venta": a system that generates its sell signal (a short)
    (r"\b(?:se\s+)?(?:genera(?:n)?|génère(?:nt)?|gera(?:m)?|erzeugt|liefert)\s+(?:una?|un|une|um|uma|ein(?:en)?)\s+"
     r"(?=señal|signal|sinal|segnale|kaufsignal|verkaufssignal)", "generates a "),
    (r"\b(?:señal\s+de\s+compra|signal\s+d'achat|sinal\s+de\s+compra|segnale\s+di\s+acquisto|kaufsignal)\b", "buy signal"),
    (r"\b(?:señal\s+de\s+venta|signal\s+de\s+vente|sinal\s+de\s+venda|segnale\s+di\s+vendita|verkaufssignal)\b", "sell signal"),
    # German: the polite imperative ("kaufen Sie SPY"), "unter"/"fällt"/"steigt" after the level
    (r"\b(kaufen|verkaufen|kauf|verkauf)\s+sie\b", r"\1"),
    (r"\bunter\b(?=\s+(?:die|der|den|dem|das|-?\d))", "below"),
    (r"\b(?:fällt|faellt|sinkt)\b", "falls"),
    (r"\b(?:steigt)\b", "rises"),
    # short selling: "vendre à découvert", "des transactions à découvert", "venta en corto", "vender a descoberto",
    # "vendita allo scoperto", "Leerverkauf": the short side, never a sale that closes a long
    (r"\b(?:vendre|vendez|vender|venda|vendere|vendi)\s+(?:à|a|al|allo)\s+(?:découvert|descoberto|scoperto)\b|\b(?:vender|vendemos|vende)\s+en\s+corto\b"
     r"|\bleerverkaufen\b", "sell short"),
    (r"\b(?:transactions?|trades?|positions?|ventes?|opérations?|operaciones|operações|operazioni|vendita|venta|venda)\s+"
     r"(?:à\s+découvert|en\s+corto|a\s+descoberto|allo\s+scoperto)\b|\b(?:posición|posiciones|posição|posições|posizione|posizioni)\s+"
     r"(?:cortas?|curtas?|vendidas?|corte)\b|\bleerverk[äa]ufe?\b", "short trades"),
    (r"\b(?:à\s+découvert|en\s+corto|a\s+descoberto|allo\s+scoperto)\b", "short"),
    (r"\b(?:comprar|compramos|compre|compra|achetez|acheter|achète|achat|acquistare|acquista|compriamo|kaufen|kauf)\b", "buy"),
    (r"\b(?:vender|vendemos|venda|vende|venta|vendez|vendre|vente|vendere|vendi|verkaufen|verkauf)\b", "sell"),
    (r"\b(?:salida|sortie|saída|uscita|ausstieg)\b", "exit"),
    (r"\b(?:entrada|entrée|entrata|einstieg)\b", "entry"),
    (r"\b(?:cuando|quand|lorsque|quando|wenn|sobald)\b", "when"),
    # "is" in the forms a rule uses it ("quando o RSI estiver abaixo de 30", "cuando el RSI esté por debajo")
    (r"\b(?:estiver|esteja|ficar|fica|estar|esté|está)\b", "is"),
    # prices
    (r"\b(?:precio\s+de\s+cierre|cierre|clôture|fechamento|chiusura|schlusskurs)\b", "close"),
    (r"\b(?:cierra|clôture|fecha|fechar|chiude|schließt)\b", "closes"),
    (r"\b(?:precio|prix|preço|prezzo|kurs|preis)\b", "price"),
    (r"\b(?:diario|diário|journalier|quotidien|giornaliero|täglich)\b", "daily"),
    (r"\b(?:semanal|hebdomadaire|settimanale|wöchentlich)\b", "weekly"),
    (r"\b(?:mensual|mensuel|mensal|mensile|monatlich)\b", "monthly"),
    (r"\b(?:y|et|e|und)\b", "and"),
]
# articles and little words, per language (a Portuguese "a" is an article, an English "a" is not)
_ARTICLES = {
    "fr": r"\b(?:le|la|les|l'|un|une|du|des)(?=\s|\b)",
    "es": r"\b(?:el|la|los|las|un|una|al)\b",
    "pt": r"\b(?:o|os|a|as|um|uma|do|da|dos|das|ao)\b",
    "it": r"\b(?:il|lo|la|gli|le|l'|un|una|del|della)(?=\s|\b)",
    "de": r"\b(?:der|die|das|den|dem|ein|eine|einen)\b",
}
_IF = {"fr": r"\bsi\b", "es": r"\bsi\b", "pt": r"\bse\b", "it": r"\bse\b", "de": r"\bfalls\b"}
_RULES = [(re.compile(p), r) for p, r in _COMMON]
_ARTICLE_RES = {k: re.compile(v) for k, v in _ARTICLES.items()}
_IF_RES = {k: re.compile(v) for k, v in _IF.items()}
# "cruza hacia abajo a la ema de 30": the preposition between a crossing and its object
_GENERATES = re.compile(r"\bgenerates\s+the\s+(buy|sell)\s+signal\b")
_CROSS_OBJ = re.compile(r"\bcrosses\s+(upward|downward)\s+(?:a|à|al|la|el|the)\s+")


def english(norm: str, lang: str | None) -> str:
    """``norm`` (a lower-cased clause of a page in ``lang``) with the tables' phrases in English; unchanged when
    ``lang`` is None."""
    if not lang:
        return norm
    out = norm
    for rx, rep in _RULES:
        out = rx.sub(rep, out)
    out = _IF_RES[lang].sub("if", out)
    out = _ARTICLE_RES[lang].sub("the", out)
    out = _CROSS_OBJ.sub(r"crosses \1 the ", out)
    out = _GENERATES.sub(r"generates a \1 signal", out)  # the article a language's "a" became
    return re.sub(r"\bthe\s+the\b", "the", re.sub(r"[ \t]{2,}", " ", out))
