"""How criteria are written to and read from dicts (kind-tagged)."""

from __future__ import annotations

from typing import Any

from prospectlib import _convert
from prospectlib.criteria._base import Criterion
from prospectlib.criteria._compare import Compare
from prospectlib.criteria._composite import AllOf
from prospectlib.criteria._composite import AnyOf
from prospectlib.criteria._composite import AtLeast
from prospectlib.criteria._composite import Not
from prospectlib.criteria._custom import CriterionRegistry
from prospectlib.criteria._custom import Custom
from prospectlib.criteria._records import HasActivity
from prospectlib.criteria._records import HasConsent
from prospectlib.criteria._records import HasEvidence
from prospectlib.criteria._records import HasOpenObjection
from prospectlib.criteria._records import HasPurchase
from prospectlib.criteria._records import HasTag
from prospectlib.errors import InvalidConfigError
from prospectlib.errors import Problem
from prospectlib.errors import UnknownNameError
from prospectlib.errors import ValidationError
from prospectlib.model import Scalar

_KINDS: dict[str, type[Any]] = {
    "has_activity": HasActivity,
    "has_evidence": HasEvidence,
    "has_purchase": HasPurchase,
    "has_consent": HasConsent,
    "has_tag": HasTag,
    "has_open_objection": HasOpenObjection,
    "compare": Compare,
    "custom": Custom,
    "all_of": AllOf,
    "any_of": AnyOf,
    "at_least": AtLeast,
    "not": Not,
}


def _structure_custom(obj: object, _: object) -> Custom:
    if (
        not isinstance(obj, dict)
        or set(obj) != {"name"}
        or type(obj["name"]) is not str
    ):
        raise ValidationError(
            [Problem(path="", expected="an object with only a string 'name'")]
        )
    registry = _convert.LOAD_CONTEXT.get({}).get("criteria")
    if not isinstance(registry, CriterionRegistry):
        raise ValidationError(
            [
                Problem(
                    path="name",
                    expected="a custom criterion loaded with a CriterionRegistry "
                    "(pass criteria=registry)",
                )
            ]
        )
    try:
        return registry.get(obj["name"])
    except UnknownNameError as exc:
        raise ValidationError([Problem(path="name", expected=str(exc))]) from None


_SCALARS = (str, int, float, bool, type(None))


def _structure_compare_value(obj: object, _: object) -> Scalar | tuple[Scalar, ...]:
    # Of the right JSON types; `Compare` checks the values against its operator.
    if isinstance(obj, list) and all(type(item) in _SCALARS for item in obj):
        return tuple(obj)
    if type(obj) in _SCALARS:
        return obj  # type: ignore[return-value]  # one of the scalar types
    raise ValidationError([Problem(path="", expected="a scalar or a list of scalars")])


def _unstructure_compare_value(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


_convert.register_context("criteria", CriterionRegistry)
_convert.register_hooks(
    Scalar | tuple[Scalar, ...],
    structure=_structure_compare_value,
    unstructure=_unstructure_compare_value,
)
_convert.register_hooks(
    Custom,
    structure=_structure_custom,
    unstructure=lambda c: {"name": c.name},
    error=InvalidConfigError,
)
for _cls in (
    HasActivity,
    HasEvidence,
    HasPurchase,
    HasConsent,
    HasTag,
    HasOpenObjection,
):
    _convert.register_model(_cls, error=InvalidConfigError)
_convert.register_model(Compare, error=InvalidConfigError)
_convert.register_union(Criterion, _KINDS)
for _composite in (AllOf, AnyOf, AtLeast, Not):
    _convert.register_model(_composite, error=InvalidConfigError)
del _cls, _composite
