"""The review desk: rules beside their evidence, edits in rule syntax and form fields, the audited Accept."""

from __future__ import annotations

import datetime as dt
import getpass
import json

import pytest

import foa
from foa.errors import FoaError, SpecError
from foa.widgets.review import (
    apply_rule_text,
    changed_fields,
    evidence_view,
    parameters,
    review_rules,
    set_parameters,
)


@pytest.fixture(scope="module")
def note() -> tuple[foa.Document, foa.StrategySpec]:
    doc = foa.samples.load_sample("broker_note")
    return doc, foa.extract_strategy(doc, provider="offline")


def test_rules_carry_their_quotes_states_and_pages(note) -> None:
    _, spec = note
    rules = {r.key: r for r in review_rules(spec)}
    assert list(rules)[:3] == ["universe", "entry", "exit"]
    assert rules["entry"].text == "sma(50, id=fast) crosses_above sma(200, id=slow)" and rules["entry"].editable
    assert rules["entry"].page == 1 and rules["entry"].state == "supports"
    assert rules["risk"].page == 2 and not rules["risk"].editable
    assert rules["sizing"].state is None  # no quote: the reviewer sees it is assumed


def test_findings_and_unsupported_parts_are_shown_on_their_rule(note) -> None:
    _, spec = note
    odd = spec.model_copy(update={"universe": spec.universe.model_copy(update={"symbols": ["spy"]}),
                                  "unsupported": [foa.spec.model.Unsupported(what="time-of-day exit", quote="exit at 3pm", page=1)]})
    rules = {r.key: r for r in review_rules(odd)}
    assert rules["universe"].findings == ["warning: 'spy' does not look like a ticker (fix: write 'SPY')"]
    assert rules["entry"].findings == []
    assert rules["entry"].unsupported == ["time-of-day exit: \u201cexit at 3pm\u201d (page 1)"]


def test_rule_text_round_trips_and_errors_point_at_the_token(note) -> None:
    _, spec = note
    edited = apply_rule_text(spec, "entry", "sma(40) crosses_above sma(200) and rsi(14) < 70")
    assert str(edited.entry) == "sma(40) crosses_above sma(200) and rsi(14) < 70"
    with pytest.raises(SpecError, match=r"unexpected 'crosses_abov' at position 8") as err:
        apply_rule_text(spec, "entry", "sma(40) crosses_abov sma(200)")
    assert "        ^" in str(err.value)  # the caret under the bad token
    with pytest.raises(SpecError, match="parameter fields or the JSON"):
        apply_rule_text(spec, "costs", "fees 0.1")


def test_parameters_change_every_occurrence_and_validate(note) -> None:
    _, spec = note
    params = {p.key: p for p in parameters(spec)}
    fast = next(p for p in params.values() if p.key.startswith("sma.window=50"))
    assert fast.label == "sma(50) window (entry, exit)" and len(fast.paths) == 2
    edited = set_parameters(spec, {fast.key: 40, "risk.stop_loss": 0.05, "costs.fees": 0.0005, "universe.symbols": "^GSPC, ^IXIC"})
    assert str(edited.entry) == "sma(40, id=fast) crosses_above sma(200, id=slow)" and str(edited.exit) == "sma(40, id=fast) crosses_below sma(200, id=slow)"
    assert edited.risk.stop_loss == 0.05 and edited.universe.symbols == ["^GSPC", "^IXIC"]
    assert changed_fields(spec, edited) == ["costs.fees", "entry", "exit", "risk.stop_loss", "universe.symbols"]
    # labels name no unit the value is not in: values are fractions; the desk's fields show % and bp
    stop, fees = params["risk.stop_loss"], params["costs.fees"]
    assert (stop.label, stop.field_label, fees.label, fees.field_label) == (
        "stop loss", "stop loss (%)", "fees per side", "fees per side (bp)")
    assert 0 < stop.value < 1 and fees.value < 0.01
    with pytest.raises(SpecError, match="whole number"):
        set_parameters(spec, {fast.key: 40.5})
    with pytest.raises(SpecError, match="stop_loss"):
        set_parameters(spec, {"risk.stop_loss": 1.5})  # a 150% stop: refused by the spec's own bounds
    with pytest.raises(SpecError, match="not a parameter"):
        set_parameters(spec, {"nope": 1})


def test_evidence_view_html_has_highlighted_pages(note) -> None:
    doc, spec = note
    view = evidence_view(doc, spec)
    page = view._repr_html_()
    assert page.count("<img class='foa-page'") == 2  # the two pages the quotes come from, once each
    assert "data:image/png;base64," in page and "supports the rule" in page
    assert "data-rule='entry'" in page
    view.widget  # builds in a plain process
    view.picker.value = [i for i, r in enumerate(view.rules) if r.key == "risk"][0]
    assert view.image.value[:4] == b"\x89PNG" and "stop loss" in view.detail.value.lower()


def test_review_tab_edit_accept_and_send(ws) -> None:
    from foa.widgets import BacktestDashboard, ExtractDashboard

    ws.prices.load_bundled(["^GSPC"])
    bt = BacktestDashboard(ws=ws)
    ex = ExtractDashboard(ws=ws, backtest=bt, provider="offline")
    ex.extract_button.click()
    assert ex.last_error is None, ex.error.value
    assert ex.raw_id is not None and [k for _, k in ex.rule_list.options][:3] == ["universe", "entry", "exit"]
    ex.rule_list.value = "risk"
    assert ex.page_image.value[:4] == b"\x89PNG" and ex.rule_text.disabled
    ex.rule_list.value = "entry"
    assert ex.rule_text.value == "sma(50, id=fast) crosses_above sma(200, id=slow)"
    # a window edited in its form field changes entry and exit together
    key = next(k for k in ex.param_fields if k.startswith("sma.window=50"))
    ex.param_fields[key].value = "40"
    ex.param_fields["costs.fees"].value = "5"  # bp
    ex.apply_params_button.click()
    assert ex.last_error is None, ex.error.value
    # the quotes are checked again: the note's "10 basis points" no longer supports 5 bp fees
    costs = next(e for e in ex.spec.evidence if e.field == "costs")
    assert costs.state == "found" and "costs · found on the page" in [label for label, _ in ex.rule_list.options]
    assert str(ex.spec.exit) == "sma(40, id=fast) crosses_below sma(200, id=slow)" and ex.spec.costs.fees == 0.0005
    # a bad rule is shown, pointing at the token; the spec stays as it was
    ex.rule_text.value = "sma(40) crosses_abov sma(200)"
    ex.apply_rule_button.click()
    assert "crosses_abov" in ex.error.value and str(ex.spec.entry) == "sma(40, id=fast) crosses_above sma(200, id=slow)"
    ex.accept_button.click()
    assert ex.last_error is None, ex.error.value
    rows = ws.strategies()
    review = rows[rows["review"] == "reviewed"].iloc[0]
    assert int(review["id"]) == ex.reviewed_id and int(review["reviewed_from"]) == ex.raw_id
    assert json.loads(review["changed_fields"]) == ["costs.fees", "entry", "exit"]
    assert review["os_user"] == getpass.getuser()
    assert (rows["review"] == "raw").sum() == 1
    assert foa.extract.store.get_strategy(ws, ex.reviewed_id) == ex.spec
    with ws.read() as con:
        action, detail = con.execute("SELECT action, detail FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    assert action == "strategy.review" and json.loads(detail)["changed_fields"] == ["costs.fees", "entry", "exit"]
    ex.send_button.click()
    assert str(bt.current_spec().entry) == "sma(40, id=fast) crosses_above sma(200, id=slow)" and f"review {ex.reviewed_id}" in ex.status.value


def test_accept_without_workspace_says_how(note) -> None:
    from foa.widgets import ExtractDashboard

    ex = ExtractDashboard(provider="offline")
    ex.accept_button.click()
    assert "no spec yet" in ex.error.value
    ex.extract_button.click()
    ex.accept_button.click()
    assert isinstance(ex.last_error, FoaError) and "ExtractDashboard(ws=foa.Workspace())" in ex.error.value


def test_uploaded_pdf_pages_are_drawn_after_the_upload(ws) -> None:
    from foa.samples import sample_path
    from foa.widgets import ExtractDashboard

    body = sample_path("broker_note").read_bytes()
    ex = ExtractDashboard(ws=ws, provider="offline")
    ex.upload.value = ({"name": "note.pdf", "type": "application/pdf", "size": len(body), "content": memoryview(body),
                        "last_modified": dt.datetime.now(dt.timezone.utc)},)
    ex.extract_button.click()
    assert ex.last_error is None, ex.error.value
    ex.rule_list.value = "risk"
    assert ex.page_image.value[:4] == b"\x89PNG"  # drawn from the upload's bytes, the temp file is long gone
    doc_id = ws.add_document(ex.document)
    assert ws.document(doc_id).content == body  # and the workspace keeps the original


def test_an_edited_field_is_no_longer_backed_by_the_old_quote(note) -> None:
    """The quote states 50 and 200: after 50 -> 40 it still holds 200, but it no longer supports the rule."""
    doc, spec = note
    states = {e.field: e.state for e in spec.evidence}
    assert states["entry"] == states["risk.stop_loss"] == "supports"
    fast = next(p.key for p in parameters(spec) if p.key.startswith("sma.window=50"))
    edited = set_parameters(spec, {fast: 40, "risk.stop_loss": 0.05})
    after = {e.field: (e.state, e.verified) for e in edited.evidence}
    edited_fields = ("entry", "exit", "risk.stop_loss", "indicator.sma")  # the SMA windows' own quote too
    assert all(after[f] == ("found", False) for f in edited_fields)
    assert all(after[f][0] == st for f, st in states.items() if f not in edited_fields)
    assert after["universe.symbols"][0] == after["costs"][0] == "supports"
    assert [r.state for r in review_rules(edited) if r.key == "entry"] == ["found"]
    # clearing the stop leaves its quote unbacked; the untouched rules keep theirs
    cleared = set_parameters(spec, {"risk.stop_loss": None})
    assert {e.field: e.state for e in cleared.evidence}["risk.stop_loss"] == "found"
    assert {e.field: e.state for e in cleared.evidence}["entry"] == "supports"
    # checked again against the document (as the review desk does after an edit), the quote is found and
    # holds 200, so only the comparison with the extracted spec keeps the edited rule from "supports"
    from foa.extract.evidence import evidence_after_edit, verify_evidence

    rechecked = evidence_after_edit(spec, verify_evidence(edited, doc))
    assert {e.field: e.state for e in rechecked.evidence}["entry"] == "found"
