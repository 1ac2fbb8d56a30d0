"""Strategy prose in French, Spanish, Portuguese, Italian or German is read through the English grammar
(sentences written for these tests); English pages are never rewritten."""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from foa.extract.offline.foreign import english, language


@pytest.mark.parametrize("text, lang", [
    ("Achetez quand la moyenne mobile de 10 jours croise la moyenne mobile de 40 jours à la hausse, et vendez "
     "quand elle la croise à la baisse. C'est une stratégie simple pour les débutants.", "fr"),
    ("Compra cuando la media móvil de 15 días cruza hacia arriba la media móvil de 60 días y vende cuando la "
     "cruza hacia abajo. Es una estrategia para el largo plazo con los índices.", "es"),
    ("Compre quando a média móvel de 12 dias cruzar para cima a média móvel de 48 dias e venda quando ela "
     "cruzar para baixo. É uma estratégia para você usar com as ações.", "pt"),
    ("Compra quando la media mobile di 8 giorni incrocia al rialzo la media mobile di 34 giorni e vendi quando "
     "la incrocia al ribasso. È una strategia che per il trend della borsa è semplice.", "it"),
])
def test_a_crossing_in_another_language_is_read(spec_of, text, lang):
    assert language(text) == lang
    s = spec_of(text)
    assert s.entry.op == "crosses_above" and s.exit.op == "crosses_below"
    assert {s.entry.left.params["window"], s.entry.right.params["window"]} in ({10, 40}, {15, 60}, {12, 48}, {8, 34})


def test_names_windows_and_comparators_are_rewritten():
    assert english("- ifr (2) < 10 e fechamento acima da mm 200;", "pt") == "- rsi (2) < 10 and close above ma 200;"
    assert english("la sma de 20 est au-dessus de la sma de 100", "fr") == "the 20 sma est above the 100 sma"
    assert english("wenn der kurs über der 200-tage-linie schließt, kaufen.", "de") == \
        "when the price above the 200-day moving average closes, buy."


@pytest.mark.parametrize("text", [
    "The fund will buy when the 50-day SMA crosses above the 200-day SMA; a sale happens on the opposite cross.",
    "Le, la, les: three French articles the author mentions once while describing the RSI in English for you.",
])
def test_english_pages_are_never_rewritten(text):
    assert language(text) is None


@pytest.mark.parametrize("text", [
    # commentary in French and Spanish quoting averages: no rule, refused like English commentary
    "Le CAC 40 a clôturé au-dessus de sa moyenne mobile de 200 jours hier, et les investisseurs restent prudents "
    "avant la réunion de la banque centrale.",
    "El IBEX cerró por debajo de su media móvil de 50 días el martes, y los analistas esperan más volatilidad en "
    "las próximas semanas.",
])
def test_foreign_commentary_stays_refused(spec_of, text):
    assert language(text) is not None
    with pytest.raises(NoStrategyFound):
        spec_of(text)


@pytest.mark.parametrize("text", [
    "Cuando el RSI(14) cruza por debajo de 30 se genera una señal de compra. Cuando el RSI(14) cruza por encima de 70 se genera "
    "una señal de venta. Usamos el gráfico diario para la estrategia.",
    "Quand le RSI(14) passe sous 30, le système génère un signal d'achat. Quand le RSI(14) passe au-dessus de 70, il génère un "
    "signal de vente. La stratégie utilise le graphique journalier.",
    "Quando o IFR(14) cruza abaixo de 30 o sistema gera um sinal de compra. Quando o IFR(14) cruza acima de 70 gera um sinal de "
    "venda. A estratégia usa o gráfico diário. Este é um sistema simples para o mercado de ações, e não usa nenhum outro "
    "indicador além do IFR.",
])
def test_a_system_generating_its_sell_signal_in_another_language_opens_the_short(spec_of, text):
    s = spec_of(text)
    assert s.direction == "long_short"
    assert {c.right.value for c in (s.entry, s.short_entry)} == {30.0, 70.0}


def test_an_example_in_another_language_is_no_rule(spec_of):
    text = ("Cet article présente le RSI et les moyennes mobiles pour les débutants. Prenons un cas : par exemple, quand le "
            "RSI(9) descend sous 25 et que le prix est au-dessus de la moyenne mobile de 100 jours, on peut acheter l'action.")
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- short selling in the Romance languages and German is the short side -------------------------------------------


@pytest.mark.parametrize("text", [
    "Achetez quand le prix est au-dessus de la moyenne mobile de 150 jours. Vendez à découvert quand le prix est en "
    "dessous de la moyenne mobile de 150 jours. C'est une stratégie pour les indices.",
    "Prenez des positions à découvert lorsque le prix est en dessous de la moyenne mobile de 150 jours, et achetez "
    "lorsque le prix est au-dessus de la moyenne mobile de 150 jours. C'est une stratégie simple pour les indices.",
    "Compra cuando el precio está por encima de la media móvil de 150 días y abre una posición corta cuando el precio "
    "está por debajo de la media móvil de 150 días. Es una estrategia para los índices.",
    "Compre quando o preço estiver acima da média móvel de 150 dias e venda a descoberto quando o preço estiver "
    "abaixo da média móvel de 150 dias. É uma estratégia para você usar com as ações.",
    "Compra quando il prezzo è sopra la media mobile di 150 giorni e vendi allo scoperto quando il prezzo è sotto la "
    "media mobile di 150 giorni. È una strategia che per il trend della borsa è semplice.",
])
def test_short_selling_words_open_the_short_side(spec_of, text):
    spec = spec_of(text)
    assert spec.direction == "long_short" and spec.short_entry is not None
    assert "sma(150)" in str(spec.short_entry)


@pytest.mark.parametrize("text", [
    "Achetez quand la moyenne mobile de 10 jours croise la moyenne mobile de 40 jours à la hausse, et vendez "
    "quand elle la croise à la baisse. C'est une stratégie simple pour les débutants.",
    "Compra cuando la media móvil de 15 días cruza hacia arriba la media móvil de 60 días y vende cuando la "
    "cruza hacia abajo. Es una estrategia para el largo plazo con los índices.",
    "Compra quando la media mobile di 8 giorni incrocia al rialzo la media mobile di 34 giorni e vendi quando "
    "la incrocia al ribasso. È una strategia che per il trend della borsa è semplice.",
])
def test_a_plain_sale_still_closes_the_long(spec_of, text):
    spec = spec_of(text)
    assert spec.direction == "long_only" and spec.exit is not None
