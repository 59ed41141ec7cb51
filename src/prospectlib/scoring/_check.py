"""Validators shared by the scoring values (configuration errors name the field)."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from typing import Any

import attrs

from prospectlib.errors import InvalidConfigError
from prospectlib.errors import Problem

MAX_ITEMS = 10_000
"""The most rules, signals, groups or policy rules one configuration may hold."""

_ID = re.compile(r"[a-z0-9][a-z0-9_.:-]*", re.IGNORECASE)


def config_error(owner: object, field: str, expected: str) -> InvalidConfigError:
    """An `InvalidConfigError` for ``Owner.field``."""
    name = owner if isinstance(owner, str) else type(owner).__name__
    return InvalidConfigError([Problem(path=f"{name}.{field}", expected=expected)])


def ident(inst: object, attribute: attrs.Attribute[str], value: object) -> None:
    """An id: letters, digits and ``_ . : -``, starting with a letter or digit."""
    if type(value) is not str or _ID.fullmatch(value) is None:
        raise config_error(
            inst,
            attribute.name,
            "an id of letters, digits and '_', '.', ':' or '-' (like 'demo_request')",
        )


def optional_ident(
    inst: object, attribute: attrs.Attribute[str | None], value: object
) -> None:
    """`ident`, or ``None``."""
    if value is not None:
        ident(inst, attribute, value)  # type: ignore[arg-type]


def optional_text(
    inst: object, attribute: attrs.Attribute[str | None], value: object
) -> None:
    """A non-empty string, or ``None``."""
    if value is not None and (type(value) is not str or not value.strip()):
        raise config_error(inst, attribute.name, "a non-empty string or null")


def to_float(value: object) -> object:
    """Whole numbers as floats; anything else is left for the validator."""
    return float(value) if type(value) is int else value


def to_optional_float(value: object) -> object:
    """`to_float`, keeping ``None``."""
    return None if value is None else to_float(value)


def finite(inst: object, attribute: attrs.Attribute[float], value: object) -> None:
    """A finite number."""
    if type(value) is not float or not math.isfinite(value):
        raise config_error(inst, attribute.name, "a finite number")


def optional_finite(
    inst: object, attribute: attrs.Attribute[float | None], value: object
) -> None:
    """A finite number, or ``None``."""
    if value is not None:
        finite(inst, attribute, value)  # type: ignore[arg-type]


def limit(sign: int) -> Any:  # noqa: ANN401  # an attrs validator
    """A finite number >= 0 (``sign=1``: a maximum) or <= 0 (``-1``: a minimum)."""
    expected = (
        "a finite number >= 0, or null" if sign > 0 else "a finite number <= 0, or null"
    )

    def check(
        inst: object, attribute: attrs.Attribute[float | None], value: object
    ) -> None:
        if value is None:
            return
        if type(value) is not float or not math.isfinite(value) or value * sign < 0:
            raise config_error(inst, attribute.name, expected)

    return check


def positive_delta(
    inst: object, attribute: attrs.Attribute[dt.timedelta | None], value: object
) -> None:
    """A positive timedelta, or ``None``."""
    if value is not None and (
        not isinstance(value, dt.timedelta) or value <= dt.timedelta(0)
    ):
        raise config_error(inst, attribute.name, "a positive duration, or null")


def optional_count(
    inst: object, attribute: attrs.Attribute[int | None], value: object
) -> None:
    """A whole number >= 1, or ``None``."""
    if value is not None and (type(value) is not int or value < 1):
        raise config_error(inst, attribute.name, "a whole number >= 1, or null")


def to_tuple(value: object) -> object:
    """A tuple from any iterable that is not a string or a mapping."""
    if isinstance(value, Iterable) and not isinstance(value, (str, bytes, dict)):
        return tuple(value)
    return value


def tuple_of(cls: type[Any], *, non_empty: bool = False) -> Any:  # noqa: ANN401  # an attrs validator
    """A tuple of *cls* instances, at most `MAX_ITEMS` long."""
    what = f"a {'non-empty ' if non_empty else ''}list of {cls.__name__}"

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if (
            not isinstance(value, tuple)
            or (non_empty and not value)
            or len(value) > MAX_ITEMS
            or not all(isinstance(v, cls) for v in value)
        ):
            raise config_error(inst, attribute.name, f"{what} (at most {MAX_ITEMS:,})")

    return check


def unique(owner: object, field: str, ids: Iterable[str]) -> None:
    """Refuse the first id that appears twice."""
    seen: set[str] = set()
    for index, value in enumerate(ids):
        if value in seen:
            raise config_error(
                owner,
                f"{field}[{index}]",
                f"an id used only once (got {value!r} again)",
            )
        seen.add(value)
