"""Criteria implemented by Python functions, named in a registry."""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable
from typing import TypeAlias
from typing import cast

import attrs

from prospectlib import _convert
from prospectlib import _validate as v
from prospectlib.criteria._base import BUILT_IN
from prospectlib.criteria._base import Check
from prospectlib.criteria._base import Criterion
from prospectlib.criteria._base import _fail
from prospectlib.criteria._base import _pass
from prospectlib.criteria._base import check_arguments
from prospectlib.errors import ConfigTypeError
from prospectlib.errors import InvalidConfigError
from prospectlib.errors import Problem
from prospectlib.errors import UnknownNameError
from prospectlib.errors import ValidationError
from prospectlib.model import Lead

# --- custom criteria (Python callables, by name) --------------------------------------

CustomFunction: TypeAlias = Callable[[Lead, dt.datetime], "bool | Check"]


@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class Custom:
    """A criterion implemented by a Python function, serialized by its name only.

    Code-defined pipelines and rules may use any predicate; loading one from data
    needs a `CriterionRegistry` that knows the name.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> is_partner = Custom(
        ...     name="is_partner", function=lambda lead, at: lead.source == "partner"
        ... )
        >>> is_partner.evaluate(pl.Lead(id="L", created_at=t), at=t).reason
        'is_partner does not hold'
    """

    name: str = attrs.field(validator=v.text())
    """The registered name."""
    function: CustomFunction = attrs.field(
        eq=False,
        repr=False,
        validator=v.instance(callable, "a callable: function(lead, at)"),
    )
    """``function(lead, at) -> bool | Check``."""

    def evaluate(self, lead: Lead, *, at: dt.datetime) -> Check:
        """Run the function and explain its answer."""
        check_arguments(lead, at)
        answer = self.function(lead, at)
        if isinstance(answer, Check):
            return answer
        if answer:
            return _pass(f"{self.name} holds")
        return _fail(f"{self.name} does not hold", "custom", self._subject)

    @property
    def _subject(self) -> str:
        """What a refusal is about: the registered name."""
        return self.name

    def test(self, lead: Lead, *, at: dt.datetime) -> bool:
        """Run the function."""
        check_arguments(lead, at)
        return bool(self.function(lead, at))


@attrs.define(eq=False)
class CriterionRegistry:
    """Names for Python functions that criteria loaded from data may call.

    Registries compare by identity: each is its own set of names.

    Examples:
        >>> registry = CriterionRegistry()
        >>> registry.register("always", lambda lead, at: True)
        'always'
        >>> registry.get("always").name
        'always'
    """

    _functions: dict[str, CustomFunction] = attrs.field(factory=dict)

    def register(self, name: str, function: CustomFunction) -> str:
        """Register *function* under *name*; a duplicate name is refused."""
        key = v.new_name(name, self._functions)
        v.require(function, callable, "function", "a callable", ConfigTypeError)
        self._functions[key] = function
        return key

    def get(self, name: str) -> Custom:
        """The `Custom` criterion for *name*; `UnknownNameError` if none."""
        try:
            function = self._functions[name]
        except KeyError:
            known = ", ".join(sorted(self._functions)) or "none"
            msg = f"a registered criterion name ({name!r} is not; registered: {known})"
            raise UnknownNameError(msg) from None
        return Custom(name=name, function=function)

    def names(self) -> tuple[str, ...]:
        """The registered names, sorted."""
        return tuple(sorted(self._functions))


BUILT_IN.add(Custom)


def _custom_loader(criteria: object) -> Callable[[object, object], Custom]:
    """The structure hook of `Custom` for the registry passed as ``criteria=``.

    The hook holds the registry weakly: the converter made for a registry is
    kept only while the registry lives (see `prospectlib._convert`).
    """
    # `from_dict` let only a CriterionRegistry or None through (its context).
    registry = None if criteria is None else weakref.ref(criteria)

    def structure(obj: object, _: object) -> Custom:
        if (
            not isinstance(obj, dict)
            or set(obj) != {"name"}
            or type(obj["name"]) is not str
        ):
            raise ValidationError(
                [Problem(path="", expected="an object with only a string 'name'")]
            )
        if registry is None:
            raise ValidationError(
                [
                    Problem(
                        path="name",
                        expected="a custom criterion loaded with a CriterionRegistry "
                        "(pass criteria=registry)",
                    )
                ]
            )
        # Alive: `from_dict` holds it while this hook runs.
        found = cast("CriterionRegistry", registry())
        try:
            return found.get(obj["name"])
        except UnknownNameError as exc:
            raise ValidationError([Problem(path="name", expected=str(exc))]) from None

    return structure


# A custom criterion is written by name only: its function is found again in the
# registry passed to `from_dict`.
_convert.register_hooks(
    Custom,
    structure=_custom_loader,
    unstructure=lambda c: {"name": c.name},
    error=InvalidConfigError,
    context=CriterionRegistry,
)
_convert.register_kind(Criterion, "custom", Custom)
