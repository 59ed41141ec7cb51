"""Criteria implemented by Python functions, named in a registry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeAlias

import attrs

from prospectlib import _validate as v
from prospectlib.criteria._base import BUILT_IN
from prospectlib.criteria._base import Check
from prospectlib.criteria._base import _fail
from prospectlib.criteria._base import _pass
from prospectlib.criteria._base import check_arguments
from prospectlib.errors import ConfigTypeError
from prospectlib.errors import UnknownNameError
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
        return _fail(f"{self.name} does not hold")

    def test(self, lead: Lead, *, at: dt.datetime) -> bool:
        """Run the function."""
        check_arguments(lead, at)
        return bool(self.function(lead, at))


@attrs.define
class CriterionRegistry:
    """Names for Python functions that criteria loaded from data may call.

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
