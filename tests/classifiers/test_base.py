import datetime as dt

import pytest

import prospectlib as pl
from prospectlib import classifiers as cl

T0 = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


class TestClassification:
    def test_a_value(self):
        """A classification holds the label, confidence, reasons and evidence."""
        c = cl.Classification(
            classifier="market",
            label=cl.MarketLabel.B2B,
            confidence=1,
            reasons=["a company on record"],
            evidence={"company": True},
        )
        assert c.confidence == 1.0
        assert c.reasons == ("a company on record",)
        assert c.evidence == {"company": True}

    @pytest.mark.parametrize(
        ("fields", "path"),
        [
            ({"classifier": ""}, "Classification.classifier"),
            ({"label": "b2b"}, "Classification.label"),
            ({"confidence": 1.5}, "Classification.confidence"),
            ({"confidence": float("nan")}, "Classification.confidence"),
            ({"confidence": "sure"}, "Classification.confidence"),
            ({"confidence": 10**400}, "Classification.confidence"),
            ({"reasons": 5}, "Classification.reasons"),
            ({"evidence": [("score", 1)]}, "Classification.evidence"),
        ],
    )
    def test_bad_fields(self, fields, path):
        """An empty name, a plain string label, a bad confidence or shape is refused."""
        values = {
            "classifier": "market",
            "label": cl.MarketLabel.B2C,
            "confidence": 0.5,
        }
        with pytest.raises(pl.InvalidConfigError) as exc:
            cl.Classification(**{**values, **fields})
        assert exc.value.problems[0].path == path


class TestClassify:
    def test_refuses_something_that_is_not_a_lead(self):
        """Both classify functions name a non-lead input clearly."""
        with pytest.raises(pl.InvalidLeadError, match="expected a Lead"):
            pl.classify({"id": "L"}, at=T0)  # type: ignore[arg-type]
        with pytest.raises(pl.InvalidLeadError, match=r"leads\[\]"):
            pl.classify_many(["L"], at=T0)  # type: ignore[list-item]

    def test_unknown_name_in_only(self):
        """Asking for an unregistered classifier is an UnknownClassifierError."""
        lead = pl.Lead(id="L", created_at=T0)
        with pytest.raises(pl.UnknownClassifierError):
            pl.classify(lead, at=T0, only=["nope"])

    def test_default_registry_has_the_built_ins(self):
        """The default registry holds the ten built-ins, in order, new each call."""
        registry = cl.default_registry()
        assert registry.names() == cl.BUILT_IN_NAMES
        assert cl.default_registry() is not registry

    def test_naive_time_is_refused(self):
        """A naive datetime is refused."""
        with pytest.raises(pl.ValidationError):
            pl.classify(pl.Lead(id="L", created_at=T0), at=dt.datetime(2026, 3, 1))  # noqa: DTZ001
