"""Validators and converters shared by the model's attrs classes.

Every validator raises `InvalidLeadError` whose path is ``Class.field`` and whose
text says what was expected and, at most, the *type* of what came instead, never
the value: values can be personal data.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Callable
from collections.abc import Iterable
from decimal import Decimal
from decimal import InvalidOperation
from typing import Any
from typing import NoReturn
from typing import TypeVar

import attrs

from prospectlib.errors import InvalidLeadError
from prospectlib.errors import Problem

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def fail(owner: object, field: str, expected: str) -> NoReturn:
    """Raise `InvalidLeadError` for ``owner.field``."""
    name = owner if isinstance(owner, str) else type(owner).__name__
    raise InvalidLeadError([Problem(path=f"{name}.{field}", expected=expected)])


def got(value: object) -> str:
    """Describe a bad value by its type only (values may be personal data)."""
    if value is None:
        return "got None"
    return f"got a value of type {type(value).__name__}"


def _need(
    inst: object, attribute: attrs.Attribute[Any], expected: str, value: object
) -> NoReturn:
    fail(inst, attribute.name, f"{expected} ({got(value)})")


def text(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A non-empty string that is not only white space."""
    if type(value) is not str or not value.strip():
        if isinstance(value, str):
            fail(inst, attribute.name, "a non-empty string (got an empty one)")
        _need(inst, attribute, "a non-empty string", value)


def optional(validator: Validator) -> Validator:
    """Let ``None`` through, check anything else with *validator*."""

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            validator(inst, attribute, value)

    return check


def aware(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A timezone-aware `datetime`."""
    if not isinstance(value, dt.datetime):
        _need(inst, attribute, "a timezone-aware datetime", value)
    if value.tzinfo is None or value.utcoffset() is None:
        fail(inst, attribute.name, "a timezone-aware datetime (got a naive one)")


def count(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A whole number >= 0 (booleans are not numbers here)."""
    if type(value) is not int:
        _need(inst, attribute, "a whole number >= 0", value)
    if value < 0:
        fail(inst, attribute.name, "a whole number >= 0 (got a negative one)")


def int_between(low: int, high: int) -> Validator:
    """A whole number in ``[low, high]``."""
    expected = f"a whole number from {low} to {high}"

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not int:
            _need(inst, attribute, expected, value)
        if not low <= value <= high:
            fail(inst, attribute.name, f"{expected} (got one outside)")

    return check


def money(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A finite `Decimal` >= 0."""
    if not isinstance(value, Decimal):
        _need(inst, attribute, "a Decimal amount >= 0", value)
    if not value.is_finite() or value < 0:
        fail(inst, attribute.name, "a finite Decimal amount >= 0")


def finite(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A finite real number (int or float, not bool)."""
    if type(value) not in (int, float):
        _need(inst, attribute, "a finite number", value)
    try:
        ok = math.isfinite(value)  # type: ignore[arg-type]
    except OverflowError:  # an int too large for a float
        ok = False
    if not ok:
        fail(inst, attribute.name, "a finite number (got NaN, infinity or too large)")


def member_of(enum_type: type[E]) -> Validator:
    """A member of *enum_type*."""
    choices = ", ".join(repr(m.value) for m in enum_type)
    expected = f"one of {choices}"

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, enum_type):
            fail(inst, attribute.name, expected)

    return check


def enum_value(enum_type: type[E], value: E | str) -> E:
    """Return the member of *enum_type* for *value* (a member or its value string).

    An unknown value is returned unchanged so that the field's validator can name
    the fault with the field's path.
    """
    if isinstance(value, enum_type):
        return value
    try:
        return enum_type(value)
    except ValueError:
        return value  # type: ignore[return-value]  # the validator names the fault


def instance(cls: type[Any], expected: str) -> Validator:
    """An instance of *cls*."""

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, cls):
            _need(inst, attribute, expected, value)

    return check


def to_tuple(value: Iterable[T]) -> tuple[T, ...]:
    """Turn a list or other iterable into a tuple; leave a string or non-iterable.

    A string is iterable but never a collection of items here, so it is left for
    the validator to reject instead of being split into characters.
    """
    if isinstance(value, tuple):
        return value
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        return value  # type: ignore[return-value]  # the validator names the fault
    return tuple(value)


def tuple_of(cls: type[Any], expected: str) -> Validator:
    """A tuple whose every item is an instance of *cls*."""

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple):
            _need(inst, attribute, f"a tuple of {expected}", value)
        for index, item in enumerate(value):
            if not isinstance(item, cls):
                fail(inst, f"{attribute.name}[{index}]", f"{expected} ({got(item)})")

    return check


def texts(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A tuple of non-empty strings."""
    if not isinstance(value, tuple):
        _need(inst, attribute, "a tuple of non-empty strings", value)
    for index, item in enumerate(value):
        if type(item) is not str or not item.strip():
            fail(inst, f"{attribute.name}[{index}]", "a non-empty string")


def to_decimal(value: object) -> object:
    """Convert an int, float or numeric string to `Decimal`; leave anything else.

    Floats go through their shortest repr, so ``19.99`` becomes ``Decimal("19.99")``
    and not the binary expansion.
    """
    if isinstance(value, (Decimal, bool)):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else value
    if isinstance(value, str):
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            return value
    return value


def to_optional_decimal(value: object) -> object:
    """`to_decimal` that lets ``None`` through."""
    return None if value is None else to_decimal(value)
