"""The cattrs converters behind `prospectlib.serialize` (private).

It sits low in the layers (it knows only `errors`, the validation kit and
`model`). What it can read
and write is a table, filled by a decorator beside each class
(`serializable`): which attrs classes are models and which error reports their
faults, which types have hooks of their own (`register_hooks`), and which
fields hold one of several kinds (`register_union`, ``{"kind": ...}``). A
converter is made from that table on demand: one for plain loading, and one per
`CriterionRegistry` passed as ``criteria=`` (custom criteria need it), kept
while the registry lives. Hooks for models are generated on first use, so the
order in which classes register does not matter. `prospectlib.serialize` is the
public face.

Its scalar hooks are stricter than the constructors (no ``"12"`` for 12), but
where they check what the constructors check they use the same rules, from
`prospectlib._validate`: whole numbers within ±2**53, the ASCII form of a
decimal number, enum values, the nesting depth of criteria. So what a
constructor accepts, `from_dict` reads back from `to_dict`, and the other way
round.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import enum
import json
import operator
import weakref
from collections.abc import Callable
from collections.abc import Iterator
from decimal import Decimal
from types import NoneType
from types import UnionType
from typing import Any
from typing import NoReturn
from typing import TypeVar
from typing import Union
from typing import cast
from typing import get_args
from typing import get_origin

import attrs
import cattrs
from cattrs.errors import AttributeValidationNote
from cattrs.errors import BaseValidationError
from cattrs.errors import ClassValidationError
from cattrs.errors import ForbiddenExtraKeysError
from cattrs.errors import IterableValidationError
from cattrs.errors import IterableValidationNote
from cattrs.gen import make_dict_structure_fn

from prospectlib import _validate as v
from prospectlib.errors import ArgumentTypeError
from prospectlib.errors import ConfigTypeError
from prospectlib.errors import InvalidConfigError
from prospectlib.errors import InvalidLeadError
from prospectlib.errors import LeadTypeError
from prospectlib.errors import Problem
from prospectlib.errors import Unmet
from prospectlib.errors import UnsupportedTypeError
from prospectlib.errors import ValidationError
from prospectlib.model import Activity
from prospectlib.model import Company
from prospectlib.model import Consent
from prospectlib.model import Evidence
from prospectlib.model import FrozenMap
from prospectlib.model import Interaction
from prospectlib.model import Lead
from prospectlib.model import Location
from prospectlib.model import Objection
from prospectlib.model import ObjectionKind
from prospectlib.model import Person
from prospectlib.model import Purchase
from prospectlib.model import Scalar
from prospectlib.model import Source
from prospectlib.model import StageChange
from prospectlib.model import Term
from prospectlib.model._terms import open_expected
from prospectlib.model._terms import open_member

__all__ = [
    "from_dict",
    "from_json",
    "register_hooks",
    "register_model",
    "register_union",
    "serializable",
    "to_dict",
    "to_json",
]

T = TypeVar("T")
C = TypeVar("C", bound=type[Any])

_Hook = Callable[[Any, Any], Any]
_UNIONS = (Union, UnionType)


_got = v.got


def _fail(expected: str, at: str = "") -> NoReturn:
    """Refuse the value being read (or its part *at*), relative to it."""
    v.refuse(expected, at)


# --- strict scalar hooks -------------------------------------------------------------


def _structure_str(obj: object, _: object) -> str:
    if type(obj) is str:
        return obj
    _fail(f"a string ({_got(obj)})")


def _structure_int(obj: object, _: object) -> int:
    return v.whole_number(obj)


def _structure_bool(obj: object, _: object) -> bool:
    if type(obj) is bool:
        return obj
    _fail(f"true or false ({_got(obj)})")


def _structure_float(obj: object, _: object) -> float:
    if type(obj) is float:
        return obj  # not finite: the model's rule to refuse, with its words
    if type(obj) is not int:
        _fail(f"a number ({_got(obj)})")
    if not v.is_whole(obj):
        _fail("a finite number (got one too large)")
    return float(obj)


_DECIMAL_EXPECTED = "a decimal number as a string like '49.90', or a whole number"


def _structure_decimal(obj: object, _: object) -> Decimal:
    if type(obj) is str:
        if not v.is_decimal_text(obj):
            _fail(f"{_DECIMAL_EXPECTED} (got a string that is not one)")
        return Decimal(obj)
    if type(obj) is int:
        return Decimal(v.whole_number(obj, _DECIMAL_EXPECTED))
    if type(obj) is Decimal:
        return obj
    _fail(f"{_DECIMAL_EXPECTED} ({_got(obj)})")


_DATETIME_EXPECTED = (
    "an ISO 8601 date and time with its offset, like '2026-03-01T09:00:00+01:00'"
)


def _structure_datetime(obj: object, _: object) -> dt.datetime:
    if type(obj) is not str:
        _fail(f"{_DATETIME_EXPECTED} ({_got(obj)})")
    value = None
    # Not `raise ... from` the ValueError: its text repeats the input.
    with contextlib.suppress(ValueError):
        value = dt.datetime.fromisoformat(obj)
    if value is None:
        _fail(f"{_DATETIME_EXPECTED} (got a string that is not one)")
    if value.utcoffset() is None:
        _fail(f"{_DATETIME_EXPECTED} (got one without an offset)")
    return value


def _structure_enum(obj: object, enum_type: type[enum.Enum]) -> enum.Enum:
    if type(obj) is not str:
        _fail(f"one of {v.choices(enum_type)} ({_got(obj)})")
    return v.member(enum_type, obj)


# --- collections -------------------------------------------------------------------


def _is_homogeneous_tuple(t: object) -> bool:
    args = get_args(t)
    return get_origin(t) is tuple and args[1:] == (Ellipsis,)


def _is_str_frozenset(t: object) -> bool:
    return get_origin(t) is frozenset and get_args(t) == (str,)


def _key_of(record_type: object) -> str | None:
    """The field a record is keyed by in a `FrozenMap` (`serializable`'s *key*)."""
    model = _MODELS.get(record_type) if isinstance(record_type, type) else None
    return None if model is None else model.key


def _is_keyed_map(t: object) -> bool:
    return get_origin(t) is FrozenMap and _key_of(get_args(t)[1]) is not None


def _is_scalar_map(t: object) -> bool:
    return bool(t == FrozenMap[str, Scalar])


def _is_optional(t: object) -> bool:
    args = get_args(t)
    return get_origin(t) in _UNIONS and len(args) == 2 and NoneType in args  # noqa: PLR2004  # X | None


def _optional_structure_factory(t: object, converter: cattrs.Converter) -> _Hook:
    # cattrs' own looks the inner hook up on every call; this one, once.
    inner = next(arg for arg in get_args(t) if arg is not NoneType)
    handler = converter.get_structure_hook(inner)

    def structure(obj: object, _: object) -> object:
        return None if obj is None else handler(obj, inner)

    return structure


def _structure_items(
    obj: object,
    t: object,
    item_type: object,
    handler: _Hook,
    check: Callable[[Any], None] | None = None,
) -> list[Any]:
    """Read a JSON array item by item, collecting every item's fault."""
    if not isinstance(obj, (list, tuple)):
        _fail(f"a list ({_got(obj)})")
    items: list[Any] = []
    errors: list[Exception] = []
    for index, raw in enumerate(obj):
        try:
            item = handler(raw, item_type)
            if check is not None:
                check(item)
        # Like cattrs: collect every failure; `_problems` reports each one.
        except Exception as exc:  # noqa: BLE001
            note = f"Structuring {t!r} @ index {index}"
            exc.add_note(IterableValidationNote(note, index, item_type))
            errors.append(exc)
        else:
            items.append(item)
    if errors:
        msg = f"While structuring {t!r}"
        raise IterableValidationError(msg, errors, cast("type[Any]", t))
    return items


def _tuple_structure_factory(t: object, converter: cattrs.Converter) -> _Hook:
    item_type = get_args(t)[0]
    handler = converter.get_structure_hook(item_type)

    def structure(obj: object, _: object) -> tuple[Any, ...]:
        return tuple(_structure_items(obj, t, item_type, handler))

    return structure


def _structure_tags(obj: object, t: object) -> frozenset[str]:
    return frozenset(_structure_items(obj, t, str, _structure_str))


def _keyed_structure_factory(t: object, converter: cattrs.Converter) -> _Hook:
    record_type = get_args(t)[1]
    key = cast("str", _key_of(record_type))
    handler = converter.get_structure_hook(record_type)
    duplicate = f"a {key} that no earlier record has (one record per {key})"

    def structure(obj: object, _: object) -> FrozenMap[Any, Any]:
        seen: set[object] = set()

        def check(record: object) -> None:
            value = getattr(record, key)
            if value in seen:
                _fail(duplicate, at=key)
            seen.add(value)

        records = _structure_items(obj, t, record_type, handler, check)
        return FrozenMap((getattr(record, key), record) for record in records)

    return structure


def _structure_scalar_map(obj: object, _: object) -> FrozenMap[str, Scalar]:
    # Keys and values are the model's to check: it names the bad entry.
    if isinstance(obj, dict):
        return FrozenMap(obj)
    _fail(f"an object of names to scalar values ({_got(obj)})")


# --- model classes ------------------------------------------------------------------


@attrs.frozen
class _Model:
    """How one attrs class registered with `serializable` is read and written."""

    error: type[ValidationError]
    """What `from_dict` raises for bad input whose top level is the class."""
    key: str | None = None
    """For a record kept in a `FrozenMap` keyed by one of its fields: that field."""


@attrs.frozen
class _Hooks:
    """A type read and written by hooks of its own (`register_hooks`)."""

    structure: Callable[[object], _Hook]
    """Makes the structure hook, given the registry `from_dict` was passed."""
    unstructure: Callable[[Any], Any]
    error: type[ValidationError]
    context: type[Any] | None
    """The registry type the hook reads (it is given ``None`` for any other)."""


# The table every converter is made from (see the module docstring).
_MODELS: dict[type[Any], _Model] = {}
_HOOKS: dict[Any, _Hooks] = {}
# Per union base: its classes by kind, and the kinds by class.
_KINDS: dict[Any, dict[str, type[Any]]] = {}
_KIND_OF: dict[Any, dict[type[Any], str]] = {}
# What ``criteria=`` and ``registry=`` may be (besides None): the contexts hooks
# asked for, by the argument that passes them.
_CONTEXTS: dict[type[Any], str] = {}

_NOTES = (AttributeValidationNote, IterableValidationNote)


def _model_structure_factory(cls: type[Any], converter: cattrs.Converter) -> _Hook:
    # cattrs generates the fast path (per-field hooks, unknown and missing keys);
    # on any fault, `_revalidate` looks again so that one error lists them all.
    generated = make_dict_structure_fn(cls, converter)
    expected = f"an object with the fields of {cls.__name__}"

    def structure(obj: object, _: object) -> Any:  # noqa: ANN401  # an instance of cls
        if not isinstance(obj, dict):
            _fail(f"{expected} ({_got(obj)})")
        try:
            return generated(obj, cls)
        except ClassValidationError as exc:
            raise _revalidate(converter, cls, obj, exc) from None

    return structure


def _revalidate(
    converter: cattrs.Converter,
    cls: type[Any],
    obj: dict[Any, Any],
    exc: ClassValidationError,
) -> ClassValidationError:
    """Collect every fault of *obj*, not only the first one the constructor met.

    cattrs reports the fields whose type is wrong, and then stops before building
    *cls*; attrs stops at the first field whose validator fails. So each field that
    was read without fault is checked again on its own, with the model's own
    converter and validator (on a bare instance: validators look at one field).
    A fault that no single field explains breaks a rule across fields
    (``__attrs_post_init__``) and is reported as the constructor raised it.
    """
    failed: dict[str, Exception] = {}
    others: list[Exception] = []
    for sub in exc.exceptions:
        note = _note(sub)
        if isinstance(note, AttributeValidationNote):
            failed[note.name] = sub
        else:
            others.append(sub)
    bare = object.__new__(cls)
    errors: list[Exception] = []
    for field in attrs.fields(cls):
        if field.name in failed:
            errors.append(failed[field.name])
        elif field.name in obj:
            errors.extend(_check_field(converter, cls, obj, field, bare))
    for sub in others:
        if not isinstance(sub, ValidationError):
            errors.append(sub)  # unknown keys
        elif not errors:
            errors.append(_relative(sub, cls, obj))
    return ClassValidationError(exc.message, errors, cls)


def _check_field(
    converter: cattrs.Converter,
    cls: type[Any],
    obj: dict[Any, Any],
    field: attrs.Attribute[Any],
    bare: object,
) -> list[ValidationError]:
    """The fault of one field that was read well, as the model's own checks see it."""
    value = converter.structure(obj[field.name], cast("type[Any]", field.type))
    try:
        if field.converter is not None:
            # A plain callable: the kit's field transformers make no `attrs.Converter`.
            value = cast("Callable[[object], object]", field.converter)(value)
        (field.validator or _accept)(bare, field, value)
    except ValidationError as error:
        return [_relative(error, cls, obj)]
    return []


def _accept(_inst: object, _field: object, _value: object) -> None:
    """The validator of a field that has none."""


def _note(exc: BaseException) -> str | None:
    """The note cattrs (or `_structure_items`) put on *exc* to say where it failed."""
    notes: list[str] = getattr(exc, "__notes__", [])
    return next((n for n in reversed(notes) if isinstance(n, _NOTES)), None)


def _relative(
    error: ValidationError, cls: type[Any], obj: dict[Any, Any]
) -> ValidationError:
    """Make a model error's paths relative to *cls*, with keyed records by index.

    The model names paths from its class (``Person.email``), and a keyed record by
    its key (``Lead.evidence['budget'].at``); in the input, evidence and consent
    are lists, so the record's index (``evidence[0].at``) is what finds it there.
    """
    return ValidationError(
        attrs.evolve(p, path=_reindex(p.path.removeprefix(cls.__name__), cls, obj))
        for p in error.problems
    )


def _reindex(path: str, cls: type[Any], obj: dict[Any, Any]) -> str:
    path = path.removeprefix(".")
    for field, key in _keyed_fields(cls):
        records = obj.get(field)
        for index, item in enumerate(records if isinstance(records, list) else ()):
            name = item.get(key) if isinstance(item, dict) else None
            head = f"{field}[{name!r}]"
            if isinstance(name, str) and path.startswith(head):
                return f"{field}[{index}]{path[len(head) :]}"
    return path


def _keyed_fields(cls: type[Any]) -> tuple[tuple[str, str], ...]:
    return tuple(
        (field.name, cast("str", _key_of(get_args(field.type)[1])))
        for field in attrs.fields(cls)
        if _is_keyed_map(field.type)
    )


# --- from cattrs' exception groups to problems -------------------------------------


def _problems(exc: BaseException, path: str) -> Iterator[Problem]:
    """Every problem inside *exc*, paths from *path* (cf. `cattrs.transform_error`)."""
    if isinstance(exc, ValidationError):
        yield from exc.prefixed(path).problems
    elif isinstance(exc, BaseValidationError):
        for sub in exc.exceptions:
            note = _note(sub)
            if isinstance(note, AttributeValidationNote):
                yield from _problems(sub, f"{path}.{note.name}")
            elif isinstance(note, IterableValidationNote):
                yield from _problems(sub, f"{path}[{note.index}]")
            else:
                yield from _problems(sub, path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        yield from _unknown_keys(exc, path)
    elif isinstance(exc, KeyError):
        yield Problem(path=path, expected="a value (the key is missing)")
    else:
        name = type(exc).__name__
        yield Problem(path=path, expected=f"a valid value (reading it raised {name})")


def _unknown_keys(exc: ForbiddenExtraKeysError, path: str) -> Iterator[Problem]:
    fields = ", ".join(field.name for field in attrs.fields(exc.cl) if field.init)
    expected = f"no key of this name ({exc.cl.__name__} has {fields})"
    keys: set[object] = set(exc.extra_fields)  # any hashable, whatever the hint says
    for key in sorted(keys, key=_key_order):
        if isinstance(key, str):
            yield Problem(path=f"{path}{_key_part(key)}", expected=expected)
        else:
            yield Problem(
                path=path,
                expected=f"string keys (got a key of type {type(key).__name__})",
            )


def _key_part(key: str) -> str:
    """An unknown key in a path: as it is when a short name, else quoted and cut."""
    part = v.key_path(key)
    return part if part.startswith("[") else f".{part}"


def _key_order(key: object) -> tuple[bool, str]:
    """Sort string keys first, by themselves; others by their type (never printed)."""
    return (True, type(key).__name__) if type(key) is not str else (False, key)


# --- registration -------------------------------------------------------------------


def register_model(
    cls: type[Any],
    *,
    error: type[ValidationError] = InvalidLeadError,
    key: str | None = None,
    kind: str | None = None,
    of: Any = None,  # noqa: ANN401  # a union base (see `register_union`)
) -> None:
    """Let `from_dict` read and `to_dict` write *cls*, an attrs class.

    Field types need hooks: scalars, enums, datetimes, durations, `Decimal`,
    ``tuple[X, ...]``, ``X | None`` and the registered classes have them.
    Validators must look at their own field only (rules across fields belong in
    ``__attrs_post_init__``), so that a fault is reported at its field.

    Args:
        cls: The attrs class.
        error: The `ValidationError` subclass `from_dict` raises for bad input
            whose top level is *cls*.
        key: For a record kept in a `FrozenMap` keyed by one of its fields (as
            ``Lead.evidence`` by ``criterion``): that field. Such maps are
            written as lists of records.
        kind: With *of*: the name *cls* is written under in fields typed *of*
            (``{"kind": kind, ...fields}``).
        of: A union base declared with `register_union`.
    """
    _MODELS[cls] = _Model(error=error, key=key)
    if kind is not None:
        register_kind(of, kind, cls)
    _forget_hooks()


def serializable(
    *,
    error: type[ValidationError] = InvalidLeadError,
    key: str | None = None,
    kind: str | None = None,
    of: Any = None,  # noqa: ANN401  # a union base (see `register_union`)
) -> Callable[[C], C]:
    """Class decorator: `register_model` the class it decorates.

    Write it above ``@attrs.frozen``, so that it receives the attrs class.
    """

    def register(cls: C) -> C:
        register_model(cls, error=error, key=key, kind=kind, of=of)
        return cls

    return register


def register_hooks(  # noqa: PLR0913  # each a part of the hooks' description
    t: Any,  # noqa: ANN401  # any type cattrs can dispatch on, unions included
    *,
    structure: Callable[[object], _Hook],
    unstructure: Callable[[Any], Any],
    error: type[ValidationError] = InvalidLeadError,
    context: type[Any] | None = None,
    argument: str = "criteria",
) -> None:
    """Read and write values of type *t* with hooks of their own.

    *structure* makes the structure hook, given what `from_dict` was passed as
    the registry `from_dict` was passed as *argument* (``criteria=`` or
    ``registry=``) when it is of the *context* type, else ``None``: a hook
    that needs no context ignores it. A
    structure hook raises `ValidationError` with a path relative to the value
    (``""`` for the value itself) when the input is wrong.
    """
    _HOOKS[t] = _Hooks(
        structure=structure, unstructure=unstructure, error=error, context=context
    )
    if context is not None:
        _CONTEXTS[context] = argument
    _forget_hooks()


# How many values read through `register_union` (criteria) enclose the one being
# read: one nested deeper than `_validate.MAX_DEPTH` below the outermost is
# refused before it is read, as its constructor would refuse it.
_UNION_DEPTH: contextvars.ContextVar[int] = contextvars.ContextVar(
    "prospectlib_union_depth", default=0
)


def register_union(base: Any) -> None:  # noqa: ANN401  # a Protocol or base class
    """Read and write fields typed *base* as ``{"kind": name, ...fields}``.

    The kinds are added with `register_kind` (or `serializable`'s *kind*), before
    or after, and are looked up when a value is read or written.
    """
    _KINDS.setdefault(base, {})
    _KIND_OF.setdefault(base, {})
    _forget_hooks()


def register_kind(
    base: Any,  # noqa: ANN401  # a base declared with `register_union`
    kind: str,
    cls: type[Any],
) -> None:
    """Write *cls* as ``{"kind": kind, ...}`` in fields typed *base*."""
    _KINDS[base][kind] = cls
    _KIND_OF[base][cls] = kind


def kinds_of(base: object) -> dict[str, type[Any]] | None:
    """The classes by kind of the union *base*, or ``None`` if it is none."""
    return next((table for b, table in _KINDS.items() if b is base), None)


def _union_structure_factory(base: Any, converter: cattrs.Converter) -> _Hook:  # noqa: ANN401  # a union base
    table = _KINDS[base]

    def structure(obj: object, _: object) -> Any:  # noqa: ANN401  # one of the kinds
        if not isinstance(obj, dict):
            _fail(f"an object with a 'kind' ({_got(obj)})")
        kind = obj.get("kind")
        cls = table.get(kind) if isinstance(kind, str) else None
        if cls is None:
            _fail(f"one of {', '.join(repr(k) for k in sorted(table))}", at="kind")
        depth = _UNION_DEPTH.get()
        if depth > v.MAX_DEPTH:
            _fail(v.DEPTH_EXPECTED)
        fields = {k: item for k, item in obj.items() if k != "kind"}
        token = _UNION_DEPTH.set(depth + 1)
        try:
            return converter.get_structure_hook(cls)(fields, cls)
        finally:
            _UNION_DEPTH.reset(token)

    return structure


def _union_unstructure_factory(
    base: Any,  # noqa: ANN401  # a union base
    converter: cattrs.Converter,
) -> Callable[[Any], dict[str, Any]]:
    by_class = _KIND_OF[base]

    def unstructure(value: object) -> dict[str, Any]:
        kind = by_class.get(type(value))
        if kind is None:
            raise _unsupported(
                path="value", what="a value of a registered kind", got=_got(value)
            )
        return {"kind": kind, **converter.unstructure(value, type(value))}

    return unstructure


# --- durations ---------------------------------------------------------------------

_DURATION_EXPECTED = v.DURATION_EXPECTED


def format_duration(value: dt.timedelta) -> str:
    """Write a timedelta as an ISO 8601 duration (days, H, M, S).

    A negative one (the time left on an overdue SLA) takes a leading minus, as
    XML Schema writes it: ``-P1D``.

    Examples:
        >>> format_duration(dt.timedelta(days=1, hours=6, seconds=1.5))
        'P1DT6H1.5S'
        >>> format_duration(-dt.timedelta(hours=2))
        '-PT2H'
    """
    if value < dt.timedelta(0):
        return "-" + format_duration(-value)
    days = value.days
    hours, seconds = divmod(value.seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    text = f"P{days}D" if days else "P"
    clock = ""
    if hours:
        clock += f"{hours}H"
    if minutes:
        clock += f"{minutes}M"
    if seconds or value.microseconds:
        fraction = f"{value.microseconds:06d}".rstrip("0")
        clock += f"{seconds}.{fraction}S" if fraction else f"{seconds}S"
    if clock:
        text += "T" + clock
    return text if text != "P" else "PT0S"


def _structure_duration(obj: object, _: object) -> dt.timedelta:
    if type(obj) is not str:
        _fail(f"{_DURATION_EXPECTED} ({_got(obj)})")
    return v.duration_text(obj)


# --- converters ---------------------------------------------------------------------

_value = operator.attrgetter("value")


def _tuple_unstructure_factory(
    t: object, converter: cattrs.Converter
) -> Callable[[tuple[Any, ...]], list[Any]]:
    handler = converter.get_unstructure_hook(get_args(t)[0])
    return lambda value: [handler(item) for item in value]


def _keyed_unstructure_factory(
    t: object, converter: cattrs.Converter
) -> Callable[[FrozenMap[Any, Any]], list[Any]]:
    handler = converter.get_unstructure_hook(get_args(t)[1])
    return lambda value: [handler(record) for record in value.values()]


def _make_converter(criteria: object) -> cattrs.Converter:
    """A converter for the table as it stands, its custom hooks made for *criteria*.

    Its hooks are strict: cattrs' defaults coerce (``str(1)``, ``int("12")``,
    ``bool("no")``), which would quietly turn bad input into wrong data.
    """
    converter = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)
    for t, hook in (
        (str, _structure_str),
        (int, _structure_int),
        (bool, _structure_bool),
        (float, _structure_float),
        (Decimal, _structure_decimal),
        (dt.datetime, _structure_datetime),
        (dt.timedelta, _structure_duration),
        # StrEnum too: else its `str` base would win the dispatch.
        (enum.Enum, _structure_enum),
        (enum.StrEnum, _structure_enum),
    ):
        converter.register_structure_hook(t, hook)
    for t, unhook in (
        (dt.datetime, dt.datetime.isoformat),
        (dt.timedelta, format_duration),
        (Decimal, str),
        (float, float),
        (enum.Enum, _value),
        (enum.StrEnum, _value),
    ):
        converter.register_unstructure_hook(t, unhook)
    structure = converter.register_structure_hook_factory
    unstructure = converter.register_unstructure_hook_factory
    structure(_is_homogeneous_tuple, _tuple_structure_factory)
    unstructure(_is_homogeneous_tuple, _tuple_unstructure_factory)
    converter.register_structure_hook_func(_is_str_frozenset, _structure_tags)
    converter.register_unstructure_hook_func(_is_str_frozenset, sorted)
    structure(_is_keyed_map, _keyed_structure_factory)
    unstructure(_is_keyed_map, _keyed_unstructure_factory)
    converter.register_structure_hook_func(_is_scalar_map, _structure_scalar_map)
    converter.register_unstructure_hook_func(_is_scalar_map, dict)
    structure(_is_optional, _optional_structure_factory)
    structure(_is_model, _model_structure_factory)
    # By identity, not singledispatch: a runtime-checkable Protocol would make
    # every class that fits it dispatch here, the kinds themselves included.
    structure(_is_union, _union_structure_factory)
    unstructure(_is_union, _union_unstructure_factory)
    # Held weakly, so that the converter kept for a registry does not keep it
    # alive; hooks are made while `from_dict` holds it.
    context = None if criteria is None else weakref.ref(criteria)

    def hooked(t: object) -> _Hook:
        hooks = _HOOKS[t]
        given = context and context()
        mine = hooks.context is not None and isinstance(given, hooks.context)
        return hooks.structure(given if mine else None)

    structure(_has_hooks, hooked)
    unstructure(_has_hooks, lambda t: _HOOKS[t].unstructure)
    return converter


def _is_model(t: object) -> bool:
    return isinstance(t, type) and t in _MODELS


def _is_union(t: object) -> bool:
    return any(t is base for base in _KINDS)


def _has_hooks(t: object) -> bool:
    # cattrs caches its dispatch by type, so every type it asks about hashes.
    return t in _HOOKS


_converter = _make_converter(None)
"""The converter for plain loading (no ``criteria=``)."""
# One converter per registry passed as ``criteria=``, kept while it lives.
_BY_CRITERIA: weakref.WeakKeyDictionary[object, cattrs.Converter] = (
    weakref.WeakKeyDictionary()
)


def _context(criteria: object, registry: object) -> cattrs.Converter:
    """The converter for what `from_dict` was given: ``criteria=`` or ``registry=``."""
    if registry is None:
        return _converter_for(criteria)
    if criteria is not None:
        raise v.config_error(
            "from_dict", "registry", "None when criteria= is given (one of the two)"
        )
    return _converter_for(registry, "registry")


def _converter_for(criteria: object, name: str = "criteria") -> cattrs.Converter:
    if criteria is None:
        return _converter
    types = tuple(t for t, argument in _CONTEXTS.items() if argument == name)
    if not isinstance(criteria, types):
        expected = f"a {' or '.join(t.__name__ for t in types)} or None"
        v.require(criteria, types, name, expected, ConfigTypeError)
    converter = _BY_CRITERIA.get(criteria)
    if converter is None:
        converter = _BY_CRITERIA[criteria] = _make_converter(criteria)
    return converter


def _forget_hooks() -> None:
    """Let every converter look the table up again (a class was registered)."""
    for converter in (_converter, *_BY_CRITERIA.values()):
        converter._structure_func.clear_cache()  # noqa: SLF001  # cattrs keeps no public way
        converter._unstructure_func.clear_cache()  # noqa: SLF001


# The model layer knows nothing of serialization (it imports only `errors`), so
# its classes are listed here, one table, instead of decorated where they live.
for _cls in (Location, Person, Company, Interaction, Purchase, Objection, StageChange):
    register_model(_cls)
register_model(Evidence, key="criterion")
register_model(Consent, key="channel")
register_model(Lead)
del _cls
# A refusal's conditions (`errors.Unmet`) are data in `Decision` and `Check`.
register_model(Unmet, error=ValidationError)


def _open_vocabulary(enum_type: type[enum.StrEnum]) -> None:
    """Read and write ``enum_type | Term`` fields: a member's value, or the term."""

    def structure(obj: object, _: object) -> enum.StrEnum | Term:
        if type(obj) is not str:
            _fail(f"{open_expected(enum_type)} ({_got(obj)})")
        return open_member(enum_type, obj)

    register_hooks(
        enum_type | Term, structure=lambda _context: structure, unstructure=str
    )


for _vocabulary in (Activity, Source, ObjectionKind):
    _open_vocabulary(_vocabulary)
del _vocabulary


# --- public API ---------------------------------------------------------------------


def _unsupported(*, path: str, what: str, got: str) -> UnsupportedTypeError:
    names = ", ".join(
        sorted(cls.__name__ for cls in (*_MODELS, *_classes_with_hooks()))
    )
    return UnsupportedTypeError(f"{path}: expected {what} ({names}) ({got})")


def _classes_with_hooks() -> list[type[Any]]:
    return [t for t in _HOOKS if isinstance(t, type)]


def _error_for(cls: object) -> type[ValidationError] | None:
    """The error `from_dict` raises for a registered *cls*, else ``None``."""
    if not isinstance(cls, type):
        return None
    model = _MODELS.get(cls)
    if model is not None:
        return model.error
    hooks = _HOOKS.get(cls)
    return None if hooks is None else hooks.error


def _lookup(cls: object) -> type[ValidationError]:
    error = _error_for(cls)
    if error is None:
        got = f"got {cls.__qualname__}" if isinstance(cls, type) else _got(cls)
        raise _unsupported(path="cls", what="a model class", got=got)
    return error


def to_dict(value: object) -> dict[str, Any]:
    """Turn a model value into JSON-compatible data, every field included.

    Args:
        value: A `Lead`, `Person`, `Company`, `Location`, `Interaction`,
            `Purchase`, `Objection`, `Evidence`, `Consent` or `StageChange`.

    Returns:
        A new dict of dicts, lists, strings, numbers, booleans and ``None``,
            with the fields in their declared order.

    Raises:
        UnsupportedTypeError: *value* is not a model value.

    Examples:
        >>> import datetime as dt
        >>> from decimal import Decimal
        >>> from prospectlib import Purchase
        >>> to_dict(
        ...     Purchase(
        ...         at=dt.datetime(2026, 3, 2, 14, 30, tzinfo=dt.UTC),
        ...         amount=Decimal("49.90"),
        ...         currency="EUR",
        ...     )
        ... )
        {'at': '2026-03-02T14:30:00+00:00', 'amount': '49.90', 'currency': 'EUR',
         'quantity': 1, 'product': None, 'reference': None}
    """
    cls = type(value)
    if _error_for(cls) is None:
        what = "an instance of a model class"
        raise _unsupported(path="value", what=what, got=_got(value))
    try:
        return cast("dict[str, Any]", _converter.unstructure(value, cls))
    except UnsupportedTypeError:  # a part of no registered kind: it says which
        raise
    # A result the library did not check (send_many keeps a non-lead input as
    # it came) may hold what its field types do not allow: say so, not how.
    except (AttributeError, TypeError, ValueError):
        expected = f"a {cls.__name__} whose fields hold what their types say"
        raise UnsupportedTypeError(f"value: expected {expected}") from None


def from_dict(
    cls: type[T],
    data: object,
    *,
    criteria: object | None = None,
    registry: object | None = None,
) -> T:
    """Read a model value of type *cls* from JSON-compatible data, strictly.

    Accepts what `to_dict` writes. Strings, whole numbers, numbers and booleans
    must have their JSON type (no ``"12"`` for 12); an amount is a numeric
    string or a whole number; a datetime is ISO 8601 text with an offset (or
    ``Z``); an enum is one of its values. Keys with a default may be left out;
    an unknown key is refused. Lists given out of time order are sorted, as the
    model does.

    Args:
        cls: The model class to read, e.g. `Lead`.
        data: The data, typically a dict from `json.loads`.
        criteria: A `prospectlib.criteria.CriterionRegistry` for custom
            criteria named in the data (``{"kind": "custom", "name": ...}``);
            passed to the hooks that need it, not kept.
        registry: A `prospectlib.classifiers.ClassifierRegistry` holding the
            classifiers of the classifications in the data (a `Classification`
            is written with its label as text, read back as the classifier's
            label); by default the built-in classifiers'. At most one of
            *criteria* and *registry*.

    Returns:
        A new, validated instance of *cls*.

    Raises:
        InvalidLeadError: *data* does not describe a valid *cls*; its
            ``problems`` name every fault found, e.g.
            ``Lead.interactions[2].at``.
        UnsupportedTypeError: *cls* is not a model class.

    Examples:
        >>> from prospectlib import InvalidLeadError, Lead
        >>> lead = from_dict(
        ...     Lead,
        ...     {
        ...         "id": "L-7",
        ...         "created_at": "2026-03-01T09:00:00Z",
        ...         "source": "referral",
        ...     },
        ... )
        >>> lead.source, lead.created_at.isoformat()
        (<Source.REFERRAL: 'referral'>, '2026-03-01T09:00:00+00:00')
        >>> try:
        ...     from_dict(
        ...         Lead,
        ...         {
        ...             "id": 7,
        ...             "created_at": "2026-03-01 09:00",
        ...             "person": {"email": "not-an-address"},
        ...         },
        ...     )
        ... except InvalidLeadError as exc:
        ...     for problem in exc.problems:
        ...         print(problem)
        Lead.id: expected a string (got a value of type int)
        Lead.created_at: expected an ISO 8601 date and time with its offset, like
        '2026-03-01T09:00:00+01:00' (got one without an offset)
        Lead.person.email: expected an e-mail address like 'name@example.com'
    """
    error = _lookup(cls)
    structure = _context(criteria, registry).get_structure_hook(cls)
    # A criterion read at the top encloses those inside it, as one in a field does.
    kind = any(cls in classes for classes in _KIND_OF.values())
    depth = _UNION_DEPTH.set(1 if kind else 0)
    try:
        return cast("T", structure(data, cls))
    # The boundary: whatever went wrong inside is reported as problems, and the
    # cattrs exception groups are not chained on: they are no use to the caller.
    except Exception as exc:  # noqa: BLE001
        raise error(_problems(exc, cls.__name__)) from None
    finally:
        _UNION_DEPTH.reset(depth)


def to_json(value: object) -> str:
    """Write a model value as compact JSON text (`to_dict`, then `json.dumps`).

    Non-ASCII text is kept as is; keys keep the fields' order.

    Args:
        value: A model value, as for `to_dict`.

    Returns:
        One line of JSON text, without spaces between items.

    Raises:
        UnsupportedTypeError: *value* is not a model value.

    Examples:
        >>> from prospectlib import Location
        >>> to_json(Location(country="vn", city="Hà Nội"))
        '{"country":"VN","region":null,"city":"Hà Nội","postal_code":null}'
    """
    return json.dumps(
        to_dict(value), ensure_ascii=False, separators=(",", ":"), allow_nan=False
    )


def from_json(
    cls: type[T],
    text: str | bytes,
    *,
    criteria: object | None = None,
    registry: object | None = None,
) -> T:
    """Read a model value of type *cls* from JSON text (`json.loads`, then `from_dict`).

    Args:
        cls: The model class to read, e.g. `Lead`.
        text: JSON text, as a str or as UTF-8 bytes.
        criteria: As for `from_dict`.
        registry: As for `from_dict`.

    Returns:
        A new, validated instance of *cls*.

    Raises:
        InvalidLeadError: *text* is not JSON (the problem's path is the class
            name), or does not describe a valid *cls*; when *text* is neither
            str nor bytes, a `LeadTypeError` (also a `TypeError`).

    Examples:
        >>> from prospectlib import InvalidLeadError, Location
        >>> from_json(Location, '{"city": "Lyon", "country": "FR"}')
        Location(country='FR', region=None, city='Lyon', postal_code=None)
        >>> try:
        ...     from_json(Location, "city: Lyon")
        ... except InvalidLeadError as exc:
        ...     print(exc)
        Location: expected JSON text (Expecting value at line 1, column 1)
    """
    error = _lookup(cls)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        expected = f"JSON text ({exc.msg} at line {exc.lineno}, column {exc.colno})"
    except RecursionError:
        expected = "JSON text nested less deeply"
    except UnicodeDecodeError:
        expected = f"JSON text: a str, or bytes in UTF-8 ({_got(text)})"
    except ValueError:  # a whole number of more digits than Python reads
        expected = f"JSON text whose whole numbers lie within ±{v.MAX_WHOLE:,}"
    except TypeError:  # neither str nor bytes: also a TypeError
        expected = f"JSON text: a str, or bytes in UTF-8 ({_got(text)})"
        type_error = _TYPE_ERRORS.get(error, ArgumentTypeError)
        raise type_error([Problem(path=cls.__name__, expected=expected)]) from None
    else:
        return from_dict(cls, data, criteria=criteria, registry=registry)
    raise error([Problem(path=cls.__name__, expected=expected)])


_TYPE_ERRORS: dict[type[ValidationError], type[ArgumentTypeError]] = {
    InvalidLeadError: LeadTypeError,
    InvalidConfigError: ConfigTypeError,
}
