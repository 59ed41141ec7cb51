"""The converter's extension points: durations, kind-tagged unions, limits."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import prospectlib as pl
from prospectlib import _convert
from prospectlib import criteria as cr
from prospectlib import serialize


class TestDurations:
    @pytest.mark.parametrize(
        ("delta", "text"),
        [
            (dt.timedelta(days=90), "P90D"),
            (dt.timedelta(hours=6), "PT6H"),
            (dt.timedelta(days=1, hours=12), "P1DT12H"),
            (dt.timedelta(minutes=30), "PT30M"),
            (dt.timedelta(seconds=1, microseconds=500_000), "PT1.5S"),
            (dt.timedelta(seconds=7), "PT7S"),
            (dt.timedelta(0), "PT0S"),
        ],
    )
    def test_written_as_iso_8601(self, delta, text):
        """Durations are written as ISO 8601 and read back exactly."""
        assert _convert.format_duration(delta) == text
        assert _convert._structure_duration(text, dt.timedelta) == delta

    def test_weeks_are_read(self):
        """A duration in weeks is accepted on input."""
        assert _convert._structure_duration("P2W", dt.timedelta) == dt.timedelta(14)

    @given(st.timedeltas(min_value=dt.timedelta(0)))
    def test_round_trip(self, delta):
        """Any non-negative duration survives writing and reading."""
        text = _convert.format_duration(delta)
        assert _convert._structure_duration(text, dt.timedelta) == delta

    @pytest.mark.parametrize(
        ("text", "fragment"),
        [
            (90, "got a value of type int"),
            ("90 days", "got a string that is not one"),
            ("P", "got a string that is not one"),
            ("PT", "got a string that is not one"),
            ("P99999999999D", "got one too long"),
        ],
    )
    def test_bad_durations(self, text, fragment):
        """A malformed duration names the fault and the expected form."""
        with pytest.raises(pl.ValidationError) as exc:
            _convert._structure_duration(text, dt.timedelta)
        assert "an ISO 8601 duration like 'P90D'" in str(exc.value)
        assert fragment in str(exc.value)


class TestUnions:
    def test_kind_must_be_known(self):
        """A criterion of an unknown kind names the kinds there are."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            serialize.from_dict(cr.Not, {"criterion": {"kind": "magic"}})
        (problem,) = exc.value.problems
        assert problem.path == "Not.criterion.kind"
        # Every kind, in alphabetical order (whichever module registered it first).
        assert problem.expected.startswith("one of 'all_of', 'any_of', 'at_least', ")
        assert "'has_activity'" in problem.expected
        assert "'framework'" in problem.expected

    def test_a_union_value_must_be_an_object(self):
        """A criterion given as a string is refused."""
        with pytest.raises(pl.InvalidConfigError, match="an object with a 'kind'"):
            serialize.from_dict(cr.Not, {"criterion": "has_tag"})

    def test_nesting_is_limited(self):
        """Criteria nested deeper than the limit are refused, not a RecursionError."""
        data: dict[str, object] = {"kind": "has_tag", "tag": "x"}
        for _ in range(cr.MAX_DEPTH + 1):
            data = {"kind": "not", "criterion": data}
        with pytest.raises(pl.InvalidConfigError, match="nested at most 32 deep"):
            serialize.from_dict(cr.Not, {"criterion": data})

    def test_nesting_within_the_limit_loads(self):
        """Nesting up to the limit is fine."""
        data: dict[str, object] = {"kind": "has_tag", "tag": "x"}
        for _ in range(cr.MAX_DEPTH - 1):
            data = {"kind": "not", "criterion": data}
        assert isinstance(serialize.from_dict(cr.Not, {"criterion": data}), cr.Not)

    def test_unregistered_criterion_cannot_be_written(self):
        """A user-made criterion class inside a composite cannot be written as data."""

        class Mine:
            def test(self, lead: pl.Lead, *, at: dt.datetime) -> bool:
                return True

            def evaluate(self, lead: pl.Lead, *, at: dt.datetime) -> cr.Check:
                return cr.Check(passed=True, reason="mine")

        with pytest.raises(
            pl.UnsupportedTypeError, match="a value of a registered kind"
        ):
            serialize.to_dict(cr.not_(Mine()))


class TestCustomCriteria:
    def test_custom_needs_only_a_name(self):
        """A custom criterion is an object with only a string name."""
        registry = cr.CriterionRegistry()
        registry.register("x", lambda lead, at: True)
        for bad in ({"name": 1}, {"name": "x", "extra": 1}):
            data = {"criterion": {"kind": "custom", **bad}}
            with pytest.raises(pl.InvalidConfigError, match="only a string 'name'"):
                serialize.from_dict(cr.Not, data, criteria=registry)
