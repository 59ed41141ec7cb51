"""prospectlib.serialize.register: your own classes round-trip like the library's."""

from __future__ import annotations

import datetime as dt
import gc

import attrs
import pytest

import prospectlib as pl
from prospectlib import _convert
from prospectlib import criteria as cr
from prospectlib import serialize
from prospectlib.lifecycle import Pipeline

T0 = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


@attrs.frozen(kw_only=True)
class WatchParameters:
    """A third-party classifier's parameters."""

    name: str = "competitor_watch"
    window_days: int = 60
    kinds: tuple[pl.ObjectionKind, ...] = (pl.ObjectionKind.COMPETITOR,)


@attrs.frozen(kw_only=True)
class HasManyTags:
    """A criterion of a third party's own: at least *count* tags."""

    count: int = 2

    def test(self, lead: pl.Lead, *, at: dt.datetime) -> bool:
        return len(lead.tags) >= self.count

    def evaluate(self, lead: pl.Lead, *, at: dt.datetime) -> cr.Check:
        passed = self.test(lead, at=at)
        return cr.Check(
            passed=passed,
            reason=f"{len(lead.tags)} tags (needs {self.count})",
            unmet=() if passed else (f"fewer than {self.count} tags",),
        )


@pytest.fixture(autouse=True)
def registered():
    """Register this module's classes for one test, then forget them again.

    Registration is global: kinds left behind would show in other tests' messages.
    """
    saved = (
        dict(_convert._MODELS),
        {base: dict(kinds) for base, kinds in _convert._KINDS.items()},
        {base: dict(classes) for base, classes in _convert._KIND_OF.items()},
    )
    serialize.register(WatchParameters)
    serialize.register(HasManyTags, kind="has_many_tags", of=cr.Criterion)
    yield
    for table, before in zip(
        (_convert._MODELS, _convert._KINDS, _convert._KIND_OF), saved, strict=True
    ):
        table.clear()
        table.update(before)
    _convert._forget_hooks()


def lead(*tags: str) -> pl.Lead:
    return pl.Lead(id="L-1", created_at=T0, tags=set(tags))


def pipeline(guard: object) -> Pipeline:
    return Pipeline.from_dict(
        {
            "id": "p",
            "label": "P",
            "stages": [
                {"id": "prospect", "label": "Prospect", "initial": True},
                {"id": "done", "label": "Done", "kind": "won", "terminal": True},
            ],
            "transitions": [
                {
                    "event": "finish",
                    "sources": ["prospect"],
                    "target": "done",
                    "guard": guard,
                }
            ],
        }
    )


class TestRegisteredClasses:
    def test_parameters_round_trip(self):
        """A registered attrs class writes every field and reads back equal."""
        value = WatchParameters(window_days=30, kinds=(pl.ObjectionKind.PRICE,))
        data = serialize.to_dict(value)
        assert data == {
            "name": "competitor_watch",
            "window_days": 30,
            "kinds": ["price"],
        }
        assert serialize.from_dict(WatchParameters, data) == value
        assert serialize.from_json(WatchParameters, serialize.to_json(value)) == value

    def test_reading_is_strict_and_names_the_field(self):
        """A registered class is read as strictly as the library's own."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            serialize.from_dict(
                WatchParameters, {"window_days": "30", "kinds": ["rain"], "x": 1}
            )
        assert [p.path for p in exc.value.problems] == [
            "WatchParameters.window_days",
            "WatchParameters.kinds[0]",
            "WatchParameters.x",
        ]

    def test_a_criterion_kind_guards_a_pipeline_loaded_from_data(self):
        """A registered criterion kind stands wherever a criterion may, in data."""
        loaded = pipeline({"kind": "has_many_tags", "count": 2})
        assert loaded.transitions[0].guard == HasManyTags(count=2)
        assert loaded.send(lead("a", "b"), "finish", at=T0).stage == "done"
        refused = loaded.check(lead("a"), "finish", at=T0)
        assert refused.unmet == ("fewer than 2 tags",)
        assert Pipeline.from_dict(loaded.to_dict()) == loaded

    def test_a_criterion_kind_nests_in_built_in_criteria(self):
        """Inside all_of, not and frameworks it is written with its kind."""
        both = cr.all_of(cr.has_tag("vip"), cr.not_(HasManyTags(count=3)))
        data = serialize.to_dict(both)
        assert data["criteria"][1]["criterion"] == {"kind": "has_many_tags", "count": 3}
        assert serialize.from_dict(cr.AllOf, data) == both

    def test_used_as_a_decorator_with_or_without_arguments(self):
        """register(cls), @register and @register(...) all return the class."""

        @serialize.register
        @attrs.frozen
        class Plain:
            x: int

        @serialize.register(kind="plain_kind", of=cr.Criterion)
        @attrs.frozen
        class PlainKind:
            def test(self, lead, *, at):
                return True

            def evaluate(self, lead, *, at): ...

        assert serialize.from_dict(Plain, {"x": 1}) == Plain(x=1)
        assert serialize.to_dict(cr.not_(PlainKind())) == {
            "criterion": {"kind": "plain_kind"}
        }

    def test_forgotten_after_the_test(self):
        """The fixture leaves the library's table as it found it."""
        assert "plain_kind" not in _convert.kinds_of(cr.Criterion)


class TestRefusals:
    @pytest.mark.parametrize("thing", [int, "Lead", 3, type("NotAttrs", (), {})])
    def test_only_attrs_classes(self, thing):
        """Anything but an attrs class is refused with a TypeError-compatible error."""
        with pytest.raises(pl.UnsupportedTypeError) as exc:
            serialize.register(thing)
        assert isinstance(exc.value, TypeError)
        assert str(exc.value).startswith("cls: expected an attrs class (got ")

    @pytest.mark.parametrize(
        ("options", "path", "expected"),
        [
            (
                {"kind": "k"},
                "kind",
                "a kind and the union it belongs to (of=), both or neither",
            ),
            (
                {"of": cr.Criterion},
                "kind",
                "a kind and the union it belongs to (of=), both or neither",
            ),
            ({"kind": " ", "of": cr.Criterion}, "kind", "a non-empty string"),
            ({"kind": 5, "of": cr.Criterion}, "kind", "a non-empty string"),
            (
                {"kind": "k", "of": pl.Lead},
                "of",
                "a type that holds kinds, e.g. prospectlib.criteria.Criterion",
            ),
            (
                {"kind": "has_tag", "of": cr.Criterion},
                "kind",
                "a kind no other class has ('has_tag' is HasTag)",
            ),
            (
                {"error": ValueError},
                "error",
                "a ValidationError class, e.g. InvalidConfigError",
            ),
        ],
    )
    def test_bad_options_name_what_is_wrong(self, options, path, expected):
        """Each bad option is refused with its name and what was expected."""

        @attrs.frozen
        class Other:
            x: int = 0

        with pytest.raises(pl.InvalidConfigError) as exc:
            serialize.register(Other, **options)
        assert exc.value.problems == (pl.Problem(path=path, expected=expected),)
        with pytest.raises(pl.UnsupportedTypeError):
            serialize.to_dict(Other())

    def test_a_class_defined_again_takes_over_its_kind(self):
        """Running a notebook cell twice re-registers its kind without complaint."""
        namespace: dict[str, object] = {}
        source = (
            "import attrs\n"
            "@attrs.frozen\n"
            "class Again:\n"
            "    def test(self, lead, *, at): return True\n"
            "    def evaluate(self, lead, *, at): ...\n"
        )
        exec(source, namespace)  # noqa: S102  # defines the class twice, as a cell does
        first = serialize.register(namespace["Again"], kind="again", of=cr.Criterion)
        exec(source, namespace)  # noqa: S102
        second = serialize.register(namespace["Again"], kind="again", of=cr.Criterion)
        assert first is not second
        assert type(pipeline({"kind": "again"}).transitions[0].guard) is second


class TestCriteriaArgument:
    def test_custom_criteria_load_with_the_registry_passed(self):
        """criteria= is handed to the loader explicitly; no registry, no custom."""
        registry = cr.CriterionRegistry()
        registry.register("always", lambda _lead, _at: True)
        with pytest.raises(pl.InvalidConfigError):
            serialize.from_dict(cr.Not, {"criterion": {"kind": "custom", "name": "x"}})
        found = serialize.from_dict(
            cr.Not,
            {"criterion": {"kind": "custom", "name": "always"}},
            criteria=registry,
        )
        assert found == cr.not_(registry.get("always"))

    @pytest.mark.parametrize("criteria", [5, "registry", {}, cr.has_tag("x")])
    def test_criteria_must_be_a_registry(self, criteria):
        """Anything else as criteria= is refused, naming the argument."""
        with pytest.raises(pl.ConfigTypeError) as exc:
            serialize.from_dict(pl.Location, {}, criteria=criteria)
        assert isinstance(exc.value, TypeError)
        assert str(exc.value) == (
            "criteria: expected a CriterionRegistry or None "
            f"(got {type(criteria).__name__})"
        )

    def test_one_converter_per_registry_while_it_lives(self):
        """A registry's converter is made once and dropped with the registry."""
        registry = cr.CriterionRegistry()
        first = _convert._converter_for(registry)
        assert _convert._converter_for(registry) is first
        assert _convert._converter_for(cr.CriterionRegistry()) is not first
        count = len(_convert._BY_CRITERIA)
        del registry, first
        gc.collect()
        assert len(_convert._BY_CRITERIA) < count

    def test_registries_compare_by_identity(self):
        """Two registries are two sets of names, however alike."""
        assert cr.CriterionRegistry() != cr.CriterionRegistry()
        registry = cr.CriterionRegistry()
        same = registry
        assert registry == same
        assert len({registry, same}) == 1
