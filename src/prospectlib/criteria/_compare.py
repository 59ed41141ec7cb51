"""Comparing a lead field with a value."""

from __future__ import annotations

import datetime as dt
import enum
import operator
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING
from typing import Any

import attrs

from prospectlib import _convert
from prospectlib import _validate as v
from prospectlib.criteria._base import BUILT_IN
from prospectlib.criteria._base import Check
from prospectlib.criteria._base import Criterion
from prospectlib.criteria._base import _fail
from prospectlib.criteria._base import _pass
from prospectlib.criteria._base import check_arguments
from prospectlib.criteria._compile import FieldKind
from prospectlib.errors import InvalidConfigError
from prospectlib.errors import Problem
from prospectlib.errors import ValidationError
from prospectlib.model import PERSONAL_FIELDS
from prospectlib.model import Company
from prospectlib.model import Lead
from prospectlib.model import Location
from prospectlib.model import Person
from prospectlib.model import Scalar

if TYPE_CHECKING:
    from prospectlib.criteria._compile import InlineWriter


class Op(enum.StrEnum):
    """How `Compare` compares a field with its value.

    Examples:
        >>> Op("ge") is Op.GE
        True
    """

    EQ = "eq"
    """Equal."""
    NE = "ne"
    """Not equal (an unknown field is not equal)."""
    LT = "lt"
    """Less than."""
    LE = "le"
    """Less than or equal."""
    GT = "gt"
    """Greater than."""
    GE = "ge"
    """Greater than or equal."""
    IN = "in"
    """One of the values."""
    NOT_IN = "not_in"
    """None of the values (an unknown field is none of them)."""
    CONTAINS = "contains"
    """The field (a collection: ``tags``, ``person.interests``) holds the value."""
    EXISTS = "exists"
    """The field is known (not ``None``, not empty)."""
    MISSING = "missing"
    """The field is unknown (``None`` or empty)."""


_ORDERING = {
    Op.LT: operator.lt,
    Op.LE: operator.le,
    Op.GT: operator.gt,
    Op.GE: operator.ge,
}
# The Python operator of each comparison that has one, for `Compare._inline`.
_PYTHON = {
    Op.EQ: "==",
    Op.NE: "!=",
    Op.IN: "in",
    Op.NOT_IN: "not in",
    Op.LT: "<",
    Op.LE: "<=",
    Op.GT: ">",
    Op.GE: ">=",
}
_SYMBOL = {
    Op.EQ: "=",
    Op.NE: "≠",
    Op.LT: "<",
    Op.LE: "≤",
    Op.GT: ">",
    Op.GE: "≥",
    Op.IN: "in",
    Op.NOT_IN: "not in",
    Op.CONTAINS: "contains",
}
_FIELD_ROOTS: dict[type[Any], frozenset[str]] = {
    cls: frozenset(f.name for f in attrs.fields(cls))
    for cls in (Lead, Person, Company, Location)
}
_NESTED: dict[tuple[type[Any], str], type[Any]] = {
    (Lead, "person"): Person,
    (Lead, "company"): Company,
    (Person, "location"): Location,
    (Company, "location"): Location,
}
_NOT_COMPARABLE = frozenset(
    {"interactions", "purchases", "objections", "evidence", "consent", "history"}
)


_FIELD_EXPECTED = (
    "a dotted path to a lead field such as 'company.employees', "
    "'person.location.country' or 'attributes.plan'"
)


def _field(_inst: Compare, _attribute: attrs.Attribute[str], value: object) -> None:
    """A dotted path to a comparable lead field, or ``attributes.<key>``."""
    if type(value) is not str or not value:
        v.refuse(_FIELD_EXPECTED)
    parts = tuple(value.split("."))
    cls: type[Any] | None = Lead
    for index, part in enumerate(parts):
        if cls is None:
            v.refuse(_FIELD_EXPECTED)
        if cls is Lead and part == "attributes":
            if len(parts) != index + 2 or not parts[index + 1]:
                v.refuse(_FIELD_EXPECTED)
            return
        if part not in _FIELD_ROOTS[cls] or (cls is Lead and part in _NOT_COMPARABLE):
            v.refuse(_FIELD_EXPECTED)
        cls = _NESTED.get((cls, part))


def _to_value(value: object) -> Scalar | tuple[Scalar, ...]:
    if isinstance(value, list):
        return tuple(value)
    return value  # type: ignore[return-value]  # the validator names other faults


def _is_scalar(value: object) -> bool:
    """A JSON scalar other than null (numbers finite, whole ones within ±2**53)."""
    return value is not None and v.is_scalar(value)


def _value_fault(op: Op, value: object) -> str | None:  # noqa: PLR0911  # one return per kind of operator
    """What is wrong with *value* as the value of *op*, or ``None``."""
    if op in (Op.EXISTS, Op.MISSING):
        return None if value is None else f"no value with op {op.value!r}"
    if op in (Op.IN, Op.NOT_IN):
        if isinstance(value, tuple) and all(_is_scalar(item) for item in value):
            return None
        return f"a list of strings, numbers or booleans with op {op.value!r}"
    if op in _ORDERING:
        if type(value) is not bool and _is_scalar(value):
            return None
        return f"a finite number or a string with op {op.value!r}"
    if _is_scalar(value):
        return None
    return (
        f"a string, finite number or boolean with op {op.value!r} "
        "(use 'exists' or 'missing' for unknown fields)"
    )


@_convert.serializable(error=InvalidConfigError, kind="compare", of=Criterion)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class Compare:
    """Compare a lead field (a dotted path) with a value.

    Fields are looked up on the lead: ``source``, ``stage``, ``tags``,
    ``person.*``, ``company.*``, ``person.location.*``, ``company.location.*``,
    and ``attributes.<key>``. An unknown (``None``) field fails every comparison
    except ``ne``, ``not_in`` and ``missing``. On a field that holds personal
    data (`prospectlib.model.PERSONAL_FIELDS`) the explanation says whether the
    comparison holds, never the values compared.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> lead = pl.Lead(id="L", created_at=t, company=pl.Company(employees=240))
        >>> Compare(field="company.employees", op="ge", value=50).evaluate(
        ...     lead, at=t
        ... ).reason
        'company.employees ≥ 50 (is 240)'
    """

    field: str = attrs.field(validator=_field)
    """Dotted path of the field, e.g. ``"company.employees"``."""
    op: Op = attrs.field(converter=Op)
    """The comparison."""
    value: Scalar | tuple[Scalar, ...] = attrs.field(default=None, converter=_to_value)
    """What to compare with: a scalar, or a list for ``in``/``not_in``."""
    _path: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)
    _personal: bool = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """Check the value suits the operator, and parse the path once."""
        fault = _value_fault(self.op, self.value)
        if fault is not None:
            raise v.config_error(self, "value", fault)
        object.__setattr__(self, "_path", tuple(self.field.split(".")))
        object.__setattr__(self, "_personal", self.field in PERSONAL_FIELDS)

    def _get(self, lead: Lead) -> object:
        obj: object = lead
        path = self._path
        for index, part in enumerate(path):
            if obj is None:
                return None
            if part == "attributes" and index == 0:
                return lead.attributes.get(path[1])
            obj = getattr(obj, part)
        return obj

    def test(self, lead: Lead, *, at: dt.datetime) -> bool:
        """Whether the comparison holds (fields are timeless: *at* is only checked)."""
        check_arguments(lead, at)
        return self._decide(self._get(lead))

    def _decide(self, actual: object) -> bool:  # noqa: PLR0911  # one return per operator
        op = self.op
        known = _known(actual)
        if op is Op.EXISTS:
            return known
        if op is Op.MISSING:
            return not known
        value = _as_decimal(self.value) if isinstance(actual, Decimal) else self.value
        if op is Op.NE:
            return actual != value
        if op is Op.NOT_IN:
            return actual not in value  # type: ignore[operator]  # a tuple for not_in
        if not known:
            return False
        if op is Op.EQ:
            return actual == value
        if op is Op.IN:
            return actual in value  # type: ignore[operator]  # a tuple for in
        if op is Op.CONTAINS:
            return isinstance(actual, (tuple, frozenset)) and value in actual
        compare: Callable[[Any, Any], bool] = _ORDERING[op]
        try:
            return bool(compare(actual, value))
        except TypeError:  # e.g. a number field against a string value
            return False

    def evaluate(self, lead: Lead, *, at: dt.datetime) -> Check:
        """Say what the field holds and whether it compares."""
        check_arguments(lead, at)
        actual = self._get(lead)
        passed = self._decide(actual)
        if self.op in (Op.EXISTS, Op.MISSING):
            text = f"{self.field} is {'known' if _known(actual) else 'unknown'}"
        elif self._personal:
            # Personal data: neither the lead's value nor the rule's (which, for
            # an equality, is the lead's when it holds) is shown.
            verdict = "holds" if passed else "does not hold"
            text = f"{self.field} {_SYMBOL[self.op]} the rule's value: {verdict}"
            text += " (personal data, not shown)"
        else:
            shown = _show(actual) if _known(actual) else "unknown"
            text = f"{self.field} {_SYMBOL[self.op]} {_show(self.value)} (is {shown})"
        if passed:
            return _pass(text)
        return _fail(text, "compare", self.field, unknown=not _known(actual))

    def _inline(self, w: InlineWriter) -> str | None:  # noqa: PLR0911  # one return per case
        """`test` as an inline expression (see `prospectlib.criteria._compile`).

        Text and whole-number fields are compared in place with Python's own
        operators, as `_decide` compares them; an ordering of text (which
        `_decide` refuses for some values by catching a `TypeError`) is answered
        once per distinct value and remembered; a collection is tested for
        what it holds; anything else is left to `test`.
        """
        found = w.read(self._path)
        if found is None:
            return None
        local, kind = found
        op, value = self.op, self.value
        if op in (Op.EXISTS, Op.MISSING):
            # Known: not None, and for a collection not empty (as `_known`).
            collection = kind == FieldKind.COLLECTION
            if op is Op.EXISTS:
                return f"bool({local})" if collection else f"({local} is not None)"
            return f"(not {local})" if collection else f"({local} is None)"
        scalar = kind in (FieldKind.INT, FieldKind.TEXT)
        if scalar and op in _PYTHON and op not in _ORDERING:
            # ``None`` equals no value, and is in no list of values: as `_decide`.
            return f"({local} {_PYTHON[op]} {w.bind(value)})"
        if kind == FieldKind.TEXT and not self._personal:
            return w.memo(self._path, self)
        if kind == FieldKind.TEXT:
            return None  # no memo keeps personal values: `test` is called
        if kind == FieldKind.INT and op in _ORDERING:
            if type(value) not in {int, float}:
                return None  # e.g. a number against a string: a TypeError caught
            symbol = _PYTHON[op]
            return f"({local} is not None and {local} {symbol} {w.bind(value)})"
        if kind == FieldKind.COLLECTION and op is Op.CONTAINS:
            return f"({local} is not None and {w.bind(value)} in {local})"
        return None


def _as_decimal(value: object) -> object:
    """Floats as the model stores them in Decimal fields: by their shortest repr."""
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, tuple):
        return tuple(_as_decimal(v) for v in value)
    return value


def _known(value: object) -> bool:
    return value is not None and not (
        isinstance(value, (tuple, frozenset)) and not value
    )


def _show(value: object) -> str:
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, (tuple, frozenset)):
        items = sorted(value, key=str) if isinstance(value, frozenset) else value
        return "[" + ", ".join(_show(v) for v in items) + "]"
    return str(value)


BUILT_IN.add(Compare)


_SCALARS = (str, int, float, bool, type(None))


def _structure_value(obj: object, _: object) -> Scalar | tuple[Scalar, ...]:
    # Of the right JSON types; `Compare` checks the values against its operator.
    if isinstance(obj, list) and all(type(item) in _SCALARS for item in obj):
        return tuple(obj)
    if type(obj) in _SCALARS:
        return obj  # type: ignore[return-value]  # one of the scalar types
    raise ValidationError([Problem(path="", expected="a scalar or a list of scalars")])


# `Compare.value` is one scalar or a list of them (written as a JSON array).
_convert.register_hooks(
    Scalar | tuple[Scalar, ...],
    structure=lambda _criteria: _structure_value,
    unstructure=lambda value: list(value) if isinstance(value, tuple) else value,
)
