"""The validation kit: every rule a value or an argument must keep, stated once.

Every attrs class of the library checks its fields with the converters and
validators here, `prospectlib.serialize` reads data with the same rules, and
public functions check their arguments with `require_aware` and `require` (and
`prospectlib.model._require.require_lead`, which knows the `Lead` class). Nothing
here knows the model: this module imports only `prospectlib.errors`, attrs and
the standard library.

**Where a fault is reported.** A rule refuses a value by raising `RefusalError`, a
`ValidationError` whose paths are relative to the value it looked at (``""``
for the value itself, ``"[2]"`` for its third item). A class names its error
family once, with ``field_transformer=lead_fields`` (`InvalidLeadError`, for
the model) or ``config_fields`` (`InvalidConfigError`, for configuration):
the transformer wraps each field's converter and validator so that a refusal
leaves the constructor as that error, at ``Class.field`` and below it. The
loader (`prospectlib._convert`) puts the same refusals under the path of the
data it reads. Rules that span fields (``__attrs_post_init__``) raise with
`lead_error` and `config_error`.

**Converters convert or refuse.** A converter that cannot convert raises
with the field's path; it never returns the bad value for a validator to find.
Each field's converter is a named, annotated function of one argument (mypy's
attrs plugin reads the field's ``__init__`` type from it, and accepts neither
an `attrs.Converter` nor a factory's result), which calls a converter of this
kit; the class's field transformer gives it the path. An enum class may be a
field's converter itself (``converter=Activity``: mypy reads the type from the
class): the transformer makes it `member`, which takes a member or its value.

**Bounds**, the same for constructors and the loader, so whatever can be built
can be written and read back exactly:

- whole numbers lie within ±`MAX_WHOLE` (2**53): the integers a JSON number
  holds exactly, and far from the 4,300 digits past which Python refuses to
  print an int;
- numbers (floats) are finite; amounts are finite `Decimal` values, added up in
  `SUMS` (34 significant digits, no traps) whatever the thread's context;
- criteria nest at most `MAX_DEPTH` levels below the outermost one;
- a configuration holds at most `MAX_ITEMS` rules, signals or groups;
- a time window that reaches before year 1 starts at the calendar's start
  (`earlier` gives ``None``), and a deadline after year 9999 is never reached
  (`later` gives ``None``).
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import functools
import math
import re
from collections.abc import Callable
from collections.abc import Collection
from collections.abc import Container
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from typing import NoReturn
from typing import TypeVar
from typing import cast

import attrs

from prospectlib.errors import ArgumentTypeError
from prospectlib.errors import ConfigTypeError
from prospectlib.errors import InvalidConfigError
from prospectlib.errors import InvalidLeadError
from prospectlib.errors import Problem
from prospectlib.errors import ValidationError

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]
"""An attrs validator: ``check(instance, attribute, value)``."""
FieldTransformer = Callable[
    [type, list["attrs.Attribute[Any]"]], list["attrs.Attribute[Any]"]
]
"""An attrs field transformer (``field_transformer=`` of `attrs.frozen`)."""

MAX_WHOLE = 2**53
"""The largest whole number (and, negated, the smallest) any value may hold."""
MAX_DEPTH = 32
"""How many levels criteria may nest below the outermost one, in code and data."""
MAX_ITEMS = 10_000
"""The most rules, signals, groups or policy rules one configuration may hold."""
DEPTH_EXPECTED = f"criteria nested at most {MAX_DEPTH} deep"
"""What a too deeply nested criterion is told, by constructors and the loader."""
SUMS = decimal.Context(prec=34, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN, traps=[])
"""The context amounts are added up in: the same total whatever the thread's
context, and no amount can make it raise (an absurd total becomes Infinity)."""

# ASCII digits only: `Decimal` also reads other scripts' digits and underscores.
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_BEYOND = "got one beyond ±2**53"


# --- faults ---------------------------------------------------------------------------


class RefusalError(ValidationError):
    """A rule's refusal; its paths are relative to the value the rule looked at."""


def refuse(expected: str, at: str = "") -> NoReturn:
    """Refuse the value a rule looks at (or its part *at*, e.g. ``"[2]"``)."""
    raise RefusalError([Problem(path=at, expected=expected)])


def got(value: object) -> str:
    """Describe a bad value by its type only (values may be personal data).

    Examples:
        >>> got(None), got("jane@example.com")
        ('got None', 'got a value of type str')
    """
    if value is None:
        return "got None"
    return f"got a value of type {type(value).__name__}"


SHOWN = 64
"""How many characters of a name taken from input a message repeats."""


def shown(name: str) -> str:
    """A name taken from input, as a message repeats it: quoted, escaped, short.

    At most `SHOWN` characters of it, then an ellipsis: a message never grows
    with its input, and ``repr`` escapes what could break a line or a log.

    Examples:
        >>> shown("qualify_marketin"), shown("x" * 100)[-6:]
        ("'qualify_marketin'", "xxxx'…")
    """
    if len(name) <= SHOWN:
        return repr(name)
    return f"{name[:SHOWN]!r}…"


def key_path(key: str) -> str:
    """A key taken from input as a relative path (a short name as it is).

    Any other key is quoted and cut short in brackets.

    Examples:
        >>> key_path("extra"), key_path("two words")
        ('extra', "['two words']")
    """
    if len(key) <= SHOWN and key.isidentifier():
        return key
    return f"[{shown(key)}]"


def an(name: str) -> str:
    """*name* with its indefinite article: ``an Interaction``, ``a Purchase``."""
    return f"an {name}" if name[0] in "AEIOU" else f"a {name}"


@functools.cache
def choices(enum_type: type[enum.Enum]) -> str:
    """The values of *enum_type*, quoted: ``'email', 'phone', ...``."""
    return ", ".join(repr(member.value) for member in enum_type)


def _at(owner: object, path: str, expected: str) -> list[Problem]:
    name = owner if isinstance(owner, str) else type(owner).__name__
    return [Problem(path=f"{name}.{path}", expected=expected)]


def lead_error(owner: object, path: str, expected: str) -> InvalidLeadError:
    """A model rule across fields, broken at ``Owner.path`` (owner or class name)."""
    return InvalidLeadError(_at(owner, path, expected))


def config_error(owner: object, path: str, expected: str) -> InvalidConfigError:
    """A configuration rule across fields, broken at ``Owner.path``."""
    return InvalidConfigError(_at(owner, path, expected))


# --- how a class names its faults -----------------------------------------------------


def _raise_at(exc: RefusalError, path: str, error: type[ValidationError]) -> NoReturn:
    raise error(exc.prefixed(path).problems) from None


def _converting(
    convert: Callable[[Any], Any], path: str, error: type[ValidationError]
) -> Callable[[Any], Any]:
    def converter(value: object) -> object:
        try:
            return convert(value)
        except RefusalError as exc:
            _raise_at(exc, path, error)

    return converter


def _validating(
    validate: Validator, path: str, error: type[ValidationError]
) -> Validator:
    def validator(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        try:
            validate(inst, attribute, value)
        except RefusalError as exc:
            _raise_at(exc, path, error)

    return validator


def fields_raising(error: type[ValidationError]) -> FieldTransformer:
    """A field transformer making every field's refusals *error* at ``Class.field``.

    Examples:
        >>> import attrs
        >>> @attrs.frozen(kw_only=True, field_transformer=config_fields)
        ... class Knob:
        ...     turns: int = attrs.field(validator=whole(1))
        >>> Knob(turns=0)
        Traceback (most recent call last):
        ...
        prospectlib.errors.InvalidConfigError: Knob.turns: expected a whole number >= 1
    """

    def transform(
        cls: type, fields: list[attrs.Attribute[Any]]
    ) -> list[attrs.Attribute[Any]]:
        out = []
        for field in fields:
            path = f"{cls.__name__}.{field.name}"
            changes: dict[str, Any] = {}
            # Plain callables only: the kit makes no `attrs.Converter`.
            convert = cast("Callable[[Any], Any] | None", field.converter)
            if isinstance(convert, type) and issubclass(convert, enum.Enum):
                convert = functools.partial(member, convert)
            if convert is not None:
                changes["converter"] = _converting(convert, path, error)
            if field.validator is not None:
                changes["validator"] = _validating(field.validator, path, error)
            out.append(field.evolve(**changes) if changes else field)
        return out

    return transform


lead_fields = fields_raising(InvalidLeadError)
"""The field transformer of the model's classes."""
config_fields = fields_raising(InvalidConfigError)
"""The field transformer of configuration classes."""


# --- numbers --------------------------------------------------------------------------


def is_whole(value: object) -> bool:
    """Whether *value* is an int (not a bool) within ±`MAX_WHOLE`."""
    return type(value) is int and -MAX_WHOLE <= value <= MAX_WHOLE


def is_number(value: object) -> bool:
    """Whether *value* is a whole number (`is_whole`) or a finite float."""
    if type(value) is float:
        return math.isfinite(value)
    return is_whole(value)


def is_scalar(value: object) -> bool:
    """Whether *value* is what JSON holds without nesting: str, number, bool, None."""
    return value is None or type(value) in (str, bool) or is_number(value)


def whole_number(value: object, expected: str = "a whole number") -> int:
    """*value* if it is a whole number within ±`MAX_WHOLE`; else refuse it."""
    if type(value) is not int:
        refuse(f"{expected} ({got(value)})")
    if not -MAX_WHOLE <= value <= MAX_WHOLE:
        refuse(f"{expected} ({_BEYOND})")
    return value


def is_decimal_text(text: str) -> bool:
    """Whether *text* is a decimal number in ASCII digits (``"49.90"``, ``"1E+3"``)."""
    return _DECIMAL.fullmatch(text) is not None


def amount(value: object, *, positive: bool = False, detail: bool = True) -> Decimal:
    """*value* as a finite `Decimal` amount >= 0 (*positive*: > 0); else refuse.

    A `Decimal`, a numeric string (white space around it ignored), a whole
    number or a finite float (by its shortest repr, so ``19.99`` is
    ``Decimal("19.99")``). Amounts have no upper bound: `SUMS` adds them up.
    With *detail*, a value that is no number at all is described by its type.

    Examples:
        >>> amount(19.99), amount(" 5 ")
        (Decimal('19.99'), Decimal('5'))
    """
    sign = "> 0" if positive else ">= 0"
    if type(value) is Decimal:
        result = value
    elif type(value) is str and is_decimal_text(value.strip()):
        result = Decimal(value.strip())
    elif type(value) is float and math.isfinite(value):
        result = Decimal(repr(value))
    elif is_whole(value):
        result = Decimal(value)  # type: ignore[arg-type]  # an int
    elif not detail:
        refuse(f"a finite Decimal amount {sign}")
    else:
        why = _BEYOND if type(value) is int else got(value)
        refuse(f"a Decimal amount {sign} ({why})")
    if not result.is_finite() or result < 0 or (positive and not result):
        refuse(f"a finite Decimal amount {sign}")
    return result


def real(  # a number's bounds, and what to say of others
    value: object,
    low: float | None = None,
    high: float | None = None,
    *,
    above: bool = False,
    expected: str | None = None,
) -> float:
    """*value* as a finite float in ``[low, high]`` (``above``: ``> low``); else refuse.

    Whole numbers (within ±`MAX_WHOLE`) become floats; nothing else does.

    Examples:
        >>> real(3, 0), real(0.5, 0, 1)
        (3.0, 0.5)
        >>> try:
        ...     real(10**400)
        ... except RefusalError as exc:
        ...     print(exc.problems[0].expected)
        a finite number
    """
    if type(value) is float:
        result = value
    elif type(value) is int and -MAX_WHOLE <= value <= MAX_WHOLE:
        result = float(value)
    else:
        result = math.nan
    if not (
        math.isfinite(result)
        and (low is None or result > low or (result == low and not above))
        and (high is None or result <= high)
    ):
        refuse(expected or _range_text("a finite number", low, high, above=above))
    return result


def _range_text(
    what: str, low: float | None, high: float | None, *, above: bool = False
) -> str:
    if low is not None and high is not None:
        return f"{what} from {low:g} to {high:g}"
    if low is not None:
        return f"{what} {'>' if above else '>='} {low:g}"
    return what if high is None else f"{what} <= {high:g}"


def code(value: object, codes: Collection[str], expected: str) -> str:
    """*value* with white space trimmed, in upper case, if *codes* holds it.

    Examples:
        >>> code(" vn ", {"VN"}, "a country code")
        'VN'
    """
    if isinstance(value, str):
        result = value.strip().upper()
        if result in codes:
            return result
    refuse(expected)


# --- time -----------------------------------------------------------------------------


def require_aware(at: object, name: str = "at") -> dt.datetime:
    """Return *at* if it is a timezone-aware datetime, else raise.

    A naive datetime is a `ValidationError`; anything else, an
    `ArgumentTypeError` (also a `TypeError`). Both name the argument.
    """
    if isinstance(at, dt.datetime) and at.utcoffset() is not None:
        return at
    if isinstance(at, dt.datetime):
        raise ValidationError(
            [Problem(path=name, expected="a timezone-aware datetime (got a naive one)")]
        )
    raise ArgumentTypeError(
        [
            Problem(
                path=name,
                expected=f"a timezone-aware datetime (got {type(at).__name__})",
            )
        ]
    )


_DURATION = re.compile(
    r"P(?:(?P<weeks>[0-9]+)W)?(?:(?P<days>[0-9]+)D)?"
    r"(?:T(?=[0-9])(?:(?P<hours>[0-9]+)H)?(?:(?P<minutes>[0-9]+)M)?"
    r"(?:(?P<seconds>[0-9]+(?:\.[0-9]{1,6})?)S)?)?"
)
DURATION_EXPECTED = "an ISO 8601 duration like 'P90D', 'PT6H' or 'P1DT12H'"
"""What a duration written as text must look like (constructors and the loader)."""


def duration_text(text: str) -> dt.timedelta:
    """The `datetime.timedelta` an ISO 8601 duration (weeks to seconds) names.

    A leading minus makes it negative (``-PT2H``, as XML Schema writes the
    time left on an overdue deadline); configuration refuses those.

    Examples:
        >>> duration_text("P1DT12H"), duration_text("-PT2H")
        (datetime.timedelta(days=1, seconds=43200), datetime.timedelta(days=-1, \
seconds=79200))
    """
    if text.startswith("-") and not text.startswith("--"):
        return -duration_text(text[1:])
    match = _DURATION.fullmatch(text)
    if match is None or text == "P":
        refuse(f"{DURATION_EXPECTED} (got a string that is not one)")
    parts = {k: float(n) for k, n in match.groupdict().items() if n is not None}
    try:
        return dt.timedelta(**parts)
    except OverflowError:
        refuse(f"{DURATION_EXPECTED} (got one too long)")


def optional_duration(value: object) -> dt.timedelta | None:
    """*value* as a timedelta: one already, ISO 8601 text, or ``None``; else refuse."""
    if value is None or isinstance(value, dt.timedelta):
        return value
    if isinstance(value, str):
        return duration_text(value)
    refuse(f"a timedelta, {DURATION_EXPECTED}, or None ({got(value)})")


def earlier(at: dt.datetime, delta: dt.timedelta) -> dt.datetime | None:
    """``at - delta``, or ``None`` when that is before year 1 (no lower bound)."""
    try:
        return at - delta
    except OverflowError:
        return None


def later(at: dt.datetime, delta: dt.timedelta) -> dt.datetime | None:
    """``at + delta``, or ``None`` when that is after year 9999 (never reached)."""
    try:
        return at + delta
    except OverflowError:
        return None


# --- enums ----------------------------------------------------------------------------


def member(enum_type: type[E], value: object) -> E:
    """The member of *enum_type* for *value* (a member, or its value); else refuse.

    Examples:
        >>> import enum
        >>> class Size(enum.StrEnum):
        ...     S = "s"
        >>> member(Size, "s")
        <Size.S: 's'>
    """
    if isinstance(value, enum_type):
        return value
    try:
        return enum_type(value)
    except (ValueError, TypeError):
        refuse(f"one of {choices(enum_type)}")


def optional_member(enum_type: type[E], value: object) -> E | None:
    """`member`, letting ``None`` through."""
    return None if value is None else member(enum_type, value)


def members(enum_type: type[E], value: object) -> tuple[E, ...]:
    """A tuple of *enum_type* members from an iterable of members or values.

    One member (or value) alone is taken as a list of one.
    """
    text = f"a list of {choices(enum_type)}"
    if isinstance(value, (str, enum.Enum)):
        value = (value,)
    out = []
    for item in items(value, text):
        try:
            out.append(item if isinstance(item, enum_type) else enum_type(item))
        except (ValueError, TypeError):
            refuse(text)
    return tuple(out)


# --- collections ----------------------------------------------------------------------


def items(value: object, expected: str, *, detail: bool = False) -> tuple[Any, ...]:
    """*value* as a tuple: any iterable but a string, bytes or a mapping.

    With *detail*, the refusal of anything else says what came instead.

    Examples:
        >>> items([1, 2], "a list"), items((), "a list")
        ((1, 2), ())
    """
    if type(value) is tuple:
        return value
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        refuse(f"{expected} ({got(value)})" if detail else expected)
    return tuple(value)


def tuple_of(  # noqa: PLR0913  # the shapes a list of values may be asked to have
    value: object,
    cls: type[T] | Callable[[object], bool],
    expected: str,
    *,
    item: str | None = None,
    non_empty: bool = False,
    limit: int | None = None,
) -> tuple[T, ...]:
    """*value* as a tuple whose every item is a *cls* (or passes the test *cls*).

    A bad item is refused at its index, as *item* (when given, and then what
    is not a collection is described too), or the whole value as *expected*;
    so is an empty tuple with *non_empty*, and one longer than *limit*.
    """
    out = value if type(value) is tuple else items(value, expected, detail=bool(item))
    test = cls if not isinstance(cls, type) else None
    for index, entry in enumerate(out):
        if not (test(entry) if test is not None else isinstance(entry, cls)):  # type: ignore[arg-type]
            if item is None:
                refuse(expected)
            refuse(f"{item} ({got(entry)})", f"[{index}]")
    if (non_empty and not out) or (limit is not None and len(out) > limit):
        refuse(expected)
    return out


def texts(  # noqa: PLR0913  # the shapes a list of strings may be asked to have
    value: object,
    expected: str,
    *,
    item: str | None = None,
    single: bool = False,
    non_empty: bool = False,
    distinct: bool = False,
) -> tuple[str, ...]:
    """A tuple of non-empty strings (*single*: one string alone is a list of one)."""
    if single and isinstance(value, str):
        value = (value,)
    out: tuple[str, ...] = tuple_of(
        value, _is_text, expected, item=item, non_empty=non_empty
    )
    if distinct and len(set(out)) != len(out):
        refuse(expected)
    return out


def records(
    value: object, cls: type[T], *, non_empty: bool = False, unique: str | None = None
) -> tuple[T, ...]:
    """A configuration's list of *cls*, at most `MAX_ITEMS` long.

    With *unique*, no two records share that attribute (an id): the second
    is refused at its index.
    """
    what = f"a {'non-empty ' if non_empty else ''}list of {cls.__name__}"
    expected = f"{what} (at most {MAX_ITEMS:,})"
    out = tuple_of(value, cls, expected, non_empty=non_empty, limit=MAX_ITEMS)
    if unique is not None:
        ids = [getattr(record, unique) for record in out]
        index = first_repeat(ids)
        if index is not None:
            refuse(
                f"an {unique} used only once (got {ids[index]!r} again)", f"[{index}]"
            )
    return out


def first_repeat(values: Iterable[object]) -> int | None:
    """The index of the first value seen before, or ``None`` when none repeats."""
    seen: set[object] = set()
    for index, value in enumerate(values):
        if value in seen:
            return index
        seen.add(value)
    return None


# --- validators -----------------------------------------------------------------------


def _is_text(value: object) -> bool:
    return type(value) is str and bool(value.strip())


def text(
    expected: str = "a non-empty string", *, detail: bool = False, strip: bool = True
) -> Validator:
    """A non-empty string that is not only white space (*strip* false: any but "").

    With *detail*, the refusal says what came instead (its type, or that it
    was empty).
    """

    def check(_inst: object, _attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not str or not (value.strip() if strip else value):
            if not detail:
                refuse(expected)
            if isinstance(value, str):
                refuse(f"{expected} (got an empty one)")
            refuse(f"{expected} ({got(value)})")

    return check


_IDENT = re.compile(r"[a-z0-9][a-z0-9_.:-]*", re.IGNORECASE)


def is_ident(value: object) -> bool:
    """Whether *value* is a configuration id: letters, digits, ``_ . : -``."""
    return type(value) is str and _IDENT.fullmatch(value) is not None


IDENT_EXPECTED = (
    "an id of letters, digits and '_', '.', ':' or '-' (like 'demo_request')"
)


def matches(pattern: re.Pattern[str] | Collection[str], expected: str) -> Validator:
    """A string that *pattern* matches in full (or that the collection holds)."""

    def check(_inst: object, _attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not str or (
            pattern.fullmatch(value) is None
            if isinstance(pattern, re.Pattern)
            else value not in pattern
        ):
            refuse(expected)

    return check


def whole(
    low: int | None = None,
    high: int | None = None,
    *,
    expected: str | None = None,
    detail: bool = False,
) -> Validator:
    """A whole number (not a bool) in ``[low, high]`` and within ±`MAX_WHOLE`."""
    text = expected or _range_text("a whole number", low, high)
    outside = "got a negative one" if low == 0 and high is None else "got one outside"

    def check(_inst: object, _attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not int:
            refuse(f"{text} ({got(value)})" if detail else text)
        if not -MAX_WHOLE <= value <= MAX_WHOLE:
            refuse(f"{text} ({_BEYOND})")
        if (low is not None and value < low) or (high is not None and value > high):
            refuse(f"{text} ({outside})" if detail else text)

    return check


def finite(expected: str = "a finite number") -> Validator:
    """A finite float or a whole number within ±`MAX_WHOLE` (kept as it is)."""

    def check(_inst: object, _attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) not in (int, float):
            refuse(f"{expected} ({got(value)})")
        if not is_number(value):
            refuse(f"{expected} (got NaN, infinity or too large)")

    return check


def flag(_inst: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    """True or false (no other value counts as one)."""
    if type(value) is not bool:
        refuse("true or false")


def aware(_inst: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    """A timezone-aware datetime."""
    if not isinstance(value, dt.datetime):
        refuse(f"a timezone-aware datetime ({got(value)})")
    if value.utcoffset() is None:
        refuse("a timezone-aware datetime (got a naive one)")


def duration(expected: str = "a positive timedelta") -> Validator:
    """A positive `datetime.timedelta`."""

    def check(_inst: object, _attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, dt.timedelta) or value <= dt.timedelta(0):
            refuse(expected)

    return check


def instance(
    cls: type[Any] | Callable[[object], bool], expected: str, *, detail: bool = False
) -> Validator:
    """An instance of *cls* (or a value that passes the test *cls*)."""

    def check(_inst: object, _attribute: attrs.Attribute[Any], value: object) -> None:
        ok = isinstance(value, cls) if isinstance(cls, type) else cls(value)
        if not ok:
            refuse(f"{expected} ({got(value)})" if detail else expected)

    return check


ident = instance(is_ident, IDENT_EXPECTED)
"""An id of a rule, signal, group, dimension, model, policy or pipeline."""


def optional(validator: Validator) -> Validator:
    """Let ``None`` through; check anything else with *validator*."""

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            validator(inst, attribute, value)

    return check


# --- arguments of public functions ----------------------------------------------------


def require(
    value: object,
    test: type[Any] | tuple[type[Any], ...] | Callable[[object], bool],
    path: str,
    expected: str,
    error: type[ArgumentTypeError] = ArgumentTypeError,
) -> None:
    """Raise *error* naming the argument *path* unless *value* passes *test*.

    *test* is a class (or classes) *value* must be an instance of, or a
    function saying whether it is acceptable.
    """
    ok = isinstance(value, test) if isinstance(test, (type, tuple)) else test(value)
    if not ok:
        raise error(
            [Problem(path=path, expected=f"{expected} (got {type(value).__name__})")]
        )


def new_name(name: object, taken: Container[object]) -> str:
    """*name* to register something under: a non-empty string not yet taken.

    Raises `InvalidConfigError` at ``name`` (`ConfigTypeError`, also a
    `TypeError`, when *name* is no string).
    """
    if type(name) is not str or not name.strip():
        error = InvalidConfigError if isinstance(name, str) else ConfigTypeError
        raise error([Problem(path="name", expected="a non-empty string")])
    if name in taken:
        expected = f"a name not yet registered ({shown(name)} is)"
        raise InvalidConfigError([Problem(path="name", expected=expected)])
    return name


def iterate(value: Iterable[T], path: str, expected: str) -> Iterator[T]:
    """An iterator over *value*, or an `ArgumentTypeError` naming *path*."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise ArgumentTypeError(
            [Problem(path=path, expected=f"{expected} (got {type(value).__name__})")]
        )
    return iter(value)
