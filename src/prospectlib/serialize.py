"""Lead values to plain dicts and JSON text, and back, with strict checks.

`to_dict` turns any model value (`Lead`, `Person`, `Interaction`, ...) into
JSON-compatible data: only dicts, lists, strings, numbers, booleans and ``None``.
Every field is written, defaults included, so consumers see one stable schema:

- datetimes as ISO 8601 text with their offset (``isoformat()``);
- `Decimal` amounts as strings, so no digit is lost;
- enums as their values, tuples as lists, ``Lead.tags`` as a sorted list;
- ``Lead.evidence`` and ``Lead.consent`` as lists of records, in their order;
- ``Lead.attributes`` as a dict.

`from_dict` reads such data back, strictly: a string field refuses a number, a
whole-number field refuses a string, a float or a boolean, an amount must be a
numeric string or a whole number, a datetime must carry its offset, and an
unknown key is refused (typo protection). All faults are reported at once, in
one `InvalidLeadError` whose ``problems`` name every bad field path; messages
describe a bad value by its type only, because values may be personal data.

``from_dict(type(x), to_dict(x)) == x`` for every value ``x``, and dumping what
was loaded gives the same data again.

Your own attrs classes take part through `register`: a classifier's parameters,
or a criterion of your own written as ``{"kind": ..., ...}`` wherever a criterion
may stand (pipeline guards, score rules, frameworks).

Examples:
    >>> import datetime as dt
    >>> from prospectlib import Lead, Person
    >>> from prospectlib.serialize import from_dict, to_dict
    >>> lead = Lead(
    ...     id="L-1",
    ...     created_at=dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC),
    ...     person=Person(job_title="Buyer"),
    ...     tags={"vip", "fair"},
    ... )
    >>> data = to_dict(lead)
    >>> data["created_at"], data["source"], data["tags"]
    ('2026-03-01T09:00:00+00:00', 'unknown', ['fair', 'vip'])
    >>> from_dict(Lead, data) == lead
    True
"""

from collections.abc import Callable
from typing import Any
from typing import NoReturn
from typing import TypeVar
from typing import overload

import attrs

from prospectlib import _convert
from prospectlib import _public
from prospectlib._convert import from_dict
from prospectlib._convert import from_json
from prospectlib._convert import to_dict
from prospectlib._convert import to_json
from prospectlib.errors import InvalidConfigError
from prospectlib.errors import Problem
from prospectlib.errors import UnsupportedTypeError
from prospectlib.errors import ValidationError

__all__ = ["from_dict", "from_json", "register", "to_dict", "to_json"]

C = TypeVar("C", bound=type[Any])


@overload
def register(
    cls: C,
    /,
    *,
    kind: str | None = None,
    of: object = None,
    error: type[ValidationError] = InvalidConfigError,
) -> C: ...


@overload
def register(
    cls: None = None,
    /,
    *,
    kind: str | None = None,
    of: object = None,
    error: type[ValidationError] = InvalidConfigError,
) -> Callable[[C], C]: ...


def register(
    cls: C | None = None,
    /,
    *,
    kind: str | None = None,
    of: object = None,
    error: type[ValidationError] = InvalidConfigError,
) -> C | Callable[[C], C]:
    """Let `to_dict` write and `from_dict` read *cls*, an attrs class of yours.

    Use it as a function or as a class decorator (above ``@attrs.frozen``).
    Fields are read as strictly as the library's own: a field typed ``int``
    refuses ``"12"``, an unknown key is refused, and every fault is reported
    with its path. A class defined again under the same name (a notebook cell
    run twice) replaces the old one.

    Args:
        cls: The attrs class, e.g. your classifier with its parameters.
        kind: With *of*: the name *cls* is written under, as
            ``{"kind": kind, ...fields}``, wherever a value of *of* may stand.
        of: ``prospectlib.criteria.Criterion``, to make *cls* a criterion kind
            (it needs ``test`` and ``evaluate``, as the built-in ones have).
        error: The `ValidationError` subclass `from_dict` raises for bad
            input for *cls* (`InvalidConfigError` by default).

    Returns:
        *cls* itself (or, without *cls*, a decorator that registers it).

    Raises:
        UnsupportedTypeError: *cls* is not an attrs class.
        InvalidConfigError: *kind* without *of* (or the reverse), *of* that
            holds no kinds, a *kind* another class has, or an *error* that is
            not a `ValidationError` class.

    Examples:
        >>> import attrs
        >>> from prospectlib import serialize
        >>> @serialize.register
        ... @attrs.frozen(kw_only=True)
        ... class CompetitorWatch:
        ...     name: str = "competitor_watch"
        ...     window_days: int = 60
        >>> serialize.to_dict(CompetitorWatch(window_days=30))
        {'name': 'competitor_watch', 'window_days': 30}
        >>> serialize.from_dict(CompetitorWatch, {"window_days": 45})
        CompetitorWatch(name='competitor_watch', window_days=45)
    """
    if cls is None:
        return lambda c: register(c, kind=kind, of=of, error=error)
    given: object = cls
    if not (isinstance(given, type) and attrs.has(given)):
        msg = f"cls: expected an attrs class (got {type(given).__name__})"
        raise UnsupportedTypeError(msg)
    _check_kind(cls, kind, of)
    error_class: object = error
    if not (isinstance(error_class, type) and issubclass(error_class, ValidationError)):
        _refuse("error", "a ValidationError class, e.g. InvalidConfigError")
    _convert.register_model(cls, error=error, kind=kind, of=of)
    return cls


def _check_kind(cls: type[Any], kind: str | None, of: object) -> None:
    if kind is None and of is None:
        return
    if kind is None or of is None:
        _refuse("kind", "a kind and the union it belongs to (of=), both or neither")
    given: object = kind
    if type(given) is not str or not given.strip():
        _refuse("kind", "a non-empty string")
    kinds = _convert.kinds_of(of)
    if kinds is None:
        _refuse("of", "a type that holds kinds, e.g. prospectlib.criteria.Criterion")
    taken = kinds.get(kind)
    if taken is not None and (taken.__module__, taken.__qualname__) != (
        cls.__module__,
        cls.__qualname__,
    ):
        _refuse("kind", f"a kind no other class has ({kind!r} is {taken.__name__})")


def _refuse(path: str, expected: str) -> NoReturn:
    raise InvalidConfigError([Problem(path=path, expected=expected)])


_public.publish(globals())
