"""The compiled forms criteria supply beside their test (criteria/_compile.py)."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import prospectlib as pl
from prospectlib import criteria as cr
from prospectlib import qualification as q
from prospectlib.criteria import CriterionRegistry
from prospectlib.criteria._base import BUILT_IN
from prospectlib.criteria._compile import InlineWriter
from prospectlib.criteria._compile import form
from prospectlib.scoring import Rule
from prospectlib.scoring import ScoreModel
from prospectlib.scoring import _codegen

T = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
LEAD = pl.Lead(id="L-1", created_at=T, tags=["vip"])


@attrs.frozen
class Outsider:
    """A third-party criterion that claims an inline form it must not be asked for."""

    def _inline(self, _writer: InlineWriter) -> str:
        raise AssertionError("an outside criterion writes no code")  # pragma: no cover

    def test(self, lead: pl.Lead, *, at: dt.datetime) -> bool:
        return "vip" in lead.tags

    def evaluate(self, lead: pl.Lead, *, at: dt.datetime) -> cr.Check:
        return cr.Check(passed=self.test(lead, at=at), reason="outsider")


def test_every_built_in_criterion_but_the_open_ones_has_an_inline_form():
    """Each of the library's criteria writes its own expression but two.

    Custom (outside code) and Framework (a whole framework) are called.
    """
    with_form = {cls for cls in BUILT_IN if hasattr(cls, "_inline")}
    assert with_form == BUILT_IN - {cr.Custom, q.Framework}


def test_the_scorers_code_writer_names_no_criterion():
    """The scoring code writer holds no criterion-specific code any more."""
    names = vars(_codegen)
    for cls in BUILT_IN:
        assert cls.__name__ not in names


def test_an_outside_criterion_is_never_asked_for_code():
    """Only the library's own classes write source; others are called."""
    outsider = Outsider()
    assert form(outsider, "_inline") is None
    writer = InlineWriter(specialise=True)
    assert writer.criterion(outsider) == "_0(lead, at=at)"
    assert writer.namespace["_0"] == outsider.test
    model = ScoreModel(rules=[Rule(id="o", points=5, when=outsider)])
    assert model.score(LEAD, at=T).total == 5.0


def test_a_form_not_yet_supplied_is_none():
    """A target no criterion supplies (the columnar form, today) finds nothing."""
    assert form(cr.has_tag("vip"), "_columns") is None
    assert form(cr.has_tag("vip"), "_inline") is not None


def test_the_reference_writer_calls_every_criterion():
    """With specialise=False every criterion is its test, called."""
    writer = InlineWriter(specialise=False)
    assert writer.criterion(cr.not_(cr.has_tag("vip"))) == "_0(lead, at=at)"


@pytest.mark.parametrize("first_holds", [True, False])
def test_at_least_with_outside_code_stops_where_its_test_stops(first_holds):
    """AtLeast over a custom part is not inlined.

    The custom function runs exactly as often as AtLeast.test runs it: it may
    have side effects.
    """
    calls = []
    registry = CriterionRegistry()
    registry.register("counted", lambda lead, at: calls.append(lead.id) or True)
    first = cr.has_tag("vip" if first_holds else "nobody")
    criterion = cr.at_least(1, first, registry.get("counted"))
    model = ScoreModel(rules=[Rule(id="r", points=1, when=criterion)])
    assert model.score(LEAD, at=T).total == 1.0
    scored = len(calls)
    calls.clear()
    assert criterion.test(LEAD, at=T)
    assert scored == len(calls) == (0 if first_holds else 1)


def test_at_least_of_built_in_parts_counts_them_inline():
    """Built-in parts have no side effects: AtLeast counts them all, inline."""
    writer = InlineWriter(specialise=True)
    criterion = cr.at_least(2, cr.has_tag("a"), cr.has_tag("b"), cr.has_tag("c"))
    written = writer.criterion(criterion)
    assert "at=at" not in written
    assert written.endswith(">= 2)")


def test_text_fields_share_one_memo_per_field():
    """Two orderings of one text field are answered by one memo lookup."""
    writer = InlineWriter(specialise=True)
    first = writer.criterion(cr.compare("company.industry", "ge", "retail"))
    second = writer.criterion(cr.compare("company.industry", "lt", "x"))
    assert (first, second) == ("m0_0", "m0_1")
    assert len(writer.memo_lines()) == 4  # one lookup, one miss branch, unpacked


def test_attribute_paths_are_not_read_inline():
    """attributes.<key> walks a mapping: its keys never become code."""
    writer = InlineWriter(specialise=True)
    assert writer.read(("attributes", "plan")) is None
    assert writer.read(("company", "nonexistent")) is None
    local, kind = writer.read(("company", "employees"))
    assert kind == "int"
    assert writer.prelude[-1] == f"{local} = None if f1 is None else f1.employees"
