"""Every error prospectlib raises on purpose.

All of them derive from `ProspectlibError`, and each leaf also derives from the
builtin that fits it, so ``except ValueError`` keeps working in code that does
not know prospectlib::

    ProspectlibError
    ├── ValidationError (ValueError)        bad input; .problems lists every one
    │   ├── InvalidLeadError                a lead or one of its parts is invalid
    │   │   └── LeadTypeError               ... not a Lead at all (an ArgumentTypeError)
    │   ├── InvalidConfigError              a pipeline, model or profile is invalid
    │   │   └── ConfigTypeError             ... not one at all (an ArgumentTypeError)
    │   └── ArgumentTypeError               an argument of the wrong type (a TypeError)
    ├── UnknownNameError (LookupError)      a name that no registry holds
    │   ├── UnknownClassifierError          ... no classifier of that name
    │   ├── UnknownStageError               ... no stage of that id
    │   └── UnknownEventError               ... no event of that id
    ├── TransitionNotAllowedError           a lifecycle event was refused
    ├── ClassifierError (RuntimeError)      a classifier raised or answered wrongly
    ├── UnsupportedTypeError (TypeError)    a value or class an operation can't take
    │   └── ArgumentTypeError               (also a ValidationError, above)
    └── MissingDependencyError (ImportError)  an optional extra is not installed

Messages name the field path and what was expected. They never echo a lead's
personal data (names, e-mail addresses, phone numbers): at most the type of a
bad value is shown.

**Wrong argument types.** A public function or method given an argument of the
wrong type (``send(lead, ["capture"], ...)``, ``score(..., labels=5)``, a
non-`Lead` where a lead is needed) raises `ArgumentTypeError`: a
`ValidationError` whose problem's path names the argument, and also an
`UnsupportedTypeError`, so a `TypeError`. A lead argument raises its subclass
`LeadTypeError` (also an `InvalidLeadError`); a pipeline, score model, policy
or registry argument raises `ConfigTypeError` (also an `InvalidConfigError`).

**Bounds.** What can be built can be written and read back exactly, so the
constructors and `prospectlib.serialize.from_dict` refuse the same values:

- whole numbers (counts, ages, attribute and comparison values, whole numbers
  given for numbers or amounts) lie within ±2**53, the integers a JSON number
  holds exactly;
- numbers (floats) are finite; amounts are finite `decimal.Decimal` values of
  any size, and totals of amounts are computed with 34 significant digits
  whatever the thread's decimal context (an absurd total becomes Infinity
  rather than an error);
- criteria nest at most 32 levels below the outermost one (``not_`` of
  ``not_`` ... of a leaf), in code and in data;
- datetimes are Python's, years 1 to 9999: a time window reaching before year
  1 counts from the start of the calendar, and an SLA that would end after
  year 9999 is never due (its ``due_at`` is ``None``).

Examples:
    >>> import datetime as dt
    >>> import prospectlib as pl
    >>> try:
    ...     pl.Lead(id="L-1", created_at=dt.datetime(2026, 1, 5))
    ... except pl.InvalidLeadError as exc:
    ...     print(exc.problems[0].path, "->", exc.problems[0].expected)
    Lead.created_at -> a timezone-aware datetime (got a naive one)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

import attrs

__all__ = [
    "ArgumentTypeError",
    "ClassifierError",
    "ConfigTypeError",
    "InvalidConfigError",
    "InvalidLeadError",
    "LeadTypeError",
    "MissingDependencyError",
    "Problem",
    "ProspectlibError",
    "TransitionNotAllowedError",
    "UnknownClassifierError",
    "UnknownEventError",
    "UnknownNameError",
    "UnknownStageError",
    "Unmet",
    "UnsupportedTypeError",
    "ValidationError",
]


class ProspectlibError(Exception):
    """Root of every error prospectlib raises on purpose.

    Examples:
        >>> import prospectlib as pl
        >>> issubclass(pl.InvalidLeadError, pl.ProspectlibError)
        True
    """

    def to_dict(self) -> dict[str, Any]:
        """The error as JSON-compatible data, e.g. the body of a 400 or 409 response.

        Always ``{"error": <class name>, "message": <str(error)>}``, plus what
        the error carries: ``problems`` (each ``path``, ``pointer``,
        ``location`` and ``expected``) for a `ValidationError`; ``lead_id``,
        ``stage``, ``event``, ``unmet`` and ``conditions`` (each an
        `Unmet`'s ``kind``, ``key``, ``verdict`` and ``message``) for a
        `TransitionNotAllowedError`;
        ``classifier``, ``lead_id`` and ``problem`` for a `ClassifierError`;
        ``feature`` and ``extra`` for a `MissingDependencyError`. Like the
        message, it holds no personal data.

        Examples:
            >>> import prospectlib as pl
            >>> try:
            ...     pl.Person(email="not an address")
            ... except pl.ProspectlibError as exc:
            ...     body = exc.to_dict()
            >>> body["error"], body["problems"][0]["pointer"]
            ('InvalidLeadError', '/email')
        """
        return {"error": type(self).__name__, "message": str(self), **self._details()}

    def _details(self) -> dict[str, Any]:
        """What `to_dict` adds to the class name and the message."""
        return {}


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with an input: where, and what was expected there.

    Examples:
        >>> Problem(path="Lead.id", expected="a non-empty string")
        Problem(path='Lead.id', expected='a non-empty string')
    """

    path: str
    """Dotted path to the bad field, e.g. ``Lead.interactions[2].at``."""
    expected: str
    """What the field should have held, in words."""

    def __str__(self) -> str:
        """Render as ``path: expected ...``."""
        return f"{self.path}: expected {self.expected}"

    @property
    def pointer(self) -> str:
        """The path as a JSON Pointer into the input (RFC 6901).

        A path that starts with a class name (``Lead.person.email``) is
        relative to the data read as that class: ``/person/email``; an
        argument's path (``leads[2]``) keeps its first name: ``/leads/2``.

        Examples:
            >>> Problem(path="Lead.interactions[2].at", expected="x").pointer
            '/interactions/2/at'
            >>> Problem(path="Lead", expected="x").pointer
            ''
        """
        return "".join(
            "/" + str(p).replace("~", "~0").replace("/", "~1") for p in self.location
        )

    @property
    def location(self) -> tuple[str | int, ...]:
        """The path as names and list indexes, relative to the input.

        The same steps as `pointer`, as a tuple a program can walk: a list
        index is an ``int``, a name or key a ``str``.

        Examples:
            >>> Problem(path="Lead.interactions[2].at", expected="x").location
            ('interactions', 2, 'at')
            >>> Problem(path="Lead.attributes['plan']", expected="x").location
            ('attributes', 'plan')
        """
        parts: list[str | int] = []
        for quoted, index, name in _PARTS.findall(self.path):
            if quoted:  # a key as repr wrote it, perhaps cut short: 'key'…
                cut = quoted.endswith("…")
                parts.append(quoted[1 : quoted.rindex("'")] + ("…" if cut else ""))
            elif index:
                parts.append(int(index))
            else:
                parts.append(name)
        if parts and str(parts[0])[:1].isupper():
            parts = parts[1:]
        return tuple(parts)


def _refuse(name: str, expected: str) -> ValidationError:
    return ValidationError([Problem(path=f"Unmet.{name}", expected=expected)])


def _text(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise _refuse(attribute.name, "a string")


def _optional_text(
    _: object, attribute: attrs.Attribute[str | None], value: object
) -> None:
    if value is not None and not isinstance(value, str):
        raise _refuse(attribute.name, "a string or None")


def _verdict(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    if value not in ("unmet", "unknown"):
        raise _refuse(attribute.name, "'unmet' or 'unknown'")


@attrs.frozen(kw_only=True)
class Unmet:
    """One condition that did not hold, as data a client can map.

    Beside each refusal's text (`TransitionNotAllowedError.unmet`,
    ``Decision.unmet``, ``Check.unmet``) is its `Unmet`, in the same order:
    which kind of condition it was, what it is about, and whether it failed
    on what is known or on what is missing.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> lead = pl.Lead(id="L-1", created_at=t)
        >>> (first,) = (
        ...     pl.criteria.has_evidence("budget").evaluate(lead, at=t).conditions
        ... )
        >>> first.kind, first.key, first.verdict
        ('has_evidence', 'budget', 'unknown')
    """

    kind: str = attrs.field(validator=_text)
    """What kind of condition: a criterion's kind (``has_evidence``, ``compare``,
    ``has_tag``, …, ``framework`` for a framework's criterion, ``custom``), or a
    pipeline's own: ``transition`` (no such move from the stage), ``time`` (a
    moment before the lead entered its stage), ``reason``, ``actor`` or
    ``history`` (the move would break the lead's history)."""
    key: str | None = attrs.field(validator=_optional_text)
    """What it is about, when something narrower than the kind says it: the
    evidence or framework criterion (``budget``), the field (``person.email``),
    the tag, the channel, the activities or objection kinds, the event."""
    verdict: str = attrs.field(validator=_verdict)
    """``unmet`` when what is known fails it; ``unknown`` when the information it
    needs is missing (no evidence, a field not set, no consent recorded) — ask
    the lead."""
    message: str = attrs.field(validator=_text)
    """The same text as the refusal's line for it."""

    def to_dict(self) -> dict[str, str | None]:
        """The condition as JSON-compatible data.

        Examples:
            >>> Unmet(kind="reason", key=None, verdict="unmet", message="x").to_dict()
            {'kind': 'reason', 'key': None, 'verdict': 'unmet', 'message': 'x'}
        """
        return attrs.asdict(self)


class ValidationError(ProspectlibError, ValueError):
    """Input that does not satisfy the rules; `problems` lists every fault found.

    Examples:
        >>> err = ValidationError([Problem(path="x", expected="a number")])
        >>> str(err)
        'x: expected a number'
    """

    problems: tuple[Problem, ...]
    """Every problem found, in the order they were found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        """Build from one or more problems."""
        self.problems = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[ValidationError], tuple[tuple[Problem, ...]]]:
        """Pickle and copy by the problems (the message is made from them)."""
        return (type(self), (self.problems,))

    def _details(self) -> dict[str, Any]:
        return {
            "problems": [
                {
                    "path": p.path,
                    "pointer": p.pointer,
                    "location": list(p.location),
                    "expected": p.expected,
                }
                for p in self.problems
            ]
        }

    def prefixed(self, prefix: str) -> ValidationError:
        """Return the same error with *prefix* put in front of every path.

        Examples:
            >>> err = InvalidLeadError([Problem(path="at", expected="a date")])
            >>> str(err.prefixed("Lead.interactions[0]"))
            'Lead.interactions[0].at: expected a date'
        """
        return type(self)(
            attrs.evolve(p, path=_join(prefix, p.path)) for p in self.problems
        )


# The parts of a path: ['quoted key'] (maybe cut short), [index], or a name.
_PARTS = re.compile(r"\[('(?:[^'\\]|\\.)*'…?)\]|\[(\d+)\]|([^.\[\]]+)")


def _join(prefix: str, path: str) -> str:
    if not path:
        return prefix
    if not prefix:
        return path
    if path.startswith("["):
        return prefix + path
    return f"{prefix}.{path}"


class InvalidLeadError(ValidationError):
    """A lead, or a value inside one, breaks a rule of the model.

    Examples:
        >>> import prospectlib as pl
        >>> issubclass(pl.InvalidLeadError, ValueError)
        True
    """


class InvalidConfigError(ValidationError):
    """A configuration (pipeline, score model, profile, policy) is invalid.

    Examples:
        >>> import prospectlib as pl
        >>> issubclass(pl.InvalidConfigError, ValueError)
        True
    """


class UnknownNameError(ProspectlibError, LookupError):
    """A name was looked up that nothing holds.

    Examples:
        >>> import prospectlib as pl
        >>> issubclass(pl.UnknownNameError, LookupError)
        True
    """


class UnknownClassifierError(UnknownNameError):
    """No classifier is registered under that name."""


class UnknownStageError(UnknownNameError):
    """The pipeline has no stage with that id."""


class UnknownEventError(UnknownNameError):
    """The pipeline has no event with that id."""


class TransitionNotAllowedError(ProspectlibError):
    """A lifecycle event was refused; the attributes say which and why.

    Examples:
        >>> err = TransitionNotAllowedError(
        ...     lead_id="L-1",
        ...     stage="prospect",
        ...     event="win",
        ...     unmet=("no transition from 'prospect'",),
        ... )
        >>> err.event, err.unmet
        ('win', ("no transition from 'prospect'",))
        >>> err.conditions[0].kind
        'refusal'
    """

    lead_id: str
    """Id of the lead the event was sent to."""
    stage: str
    """The lead's stage when the event was refused."""
    event: str
    """The event that was refused."""
    unmet: tuple[str, ...]
    """Each reason the event was refused, in words."""
    conditions: tuple[Unmet, ...]
    """Each reason as data (`Unmet`), in the order of `unmet`."""

    def __init__(
        self,
        *,
        lead_id: str,
        stage: str,
        event: str,
        unmet: Iterable[str],
        conditions: Iterable[Unmet] | None = None,
    ) -> None:
        """Build from the lead, stage, event and the unmet conditions.

        Without *conditions*, each line of *unmet* becomes an `Unmet` of kind
        ``refusal``; with them, *unmet* must be their messages.
        """
        self.lead_id = lead_id
        self.stage = stage
        self.event = event
        self.unmet = tuple(unmet)
        self.conditions = (
            tuple(
                Unmet(kind="refusal", key=None, verdict="unmet", message=m)
                for m in self.unmet
            )
            if conditions is None
            else tuple(conditions)
        )
        reasons = "; ".join(self.unmet)
        super().__init__(
            f"lead {lead_id!r} in stage {stage!r} cannot take event {event!r}: "
            f"{reasons}"
        )

    def __reduce__(self) -> tuple[Any, tuple[()]]:
        """Pickle and copy with the attributes (the constructor takes keywords)."""
        details = {**self._details(), "conditions": self.conditions}
        return (functools.partial(type(self), **details), ())

    def _details(self) -> dict[str, Any]:
        return {
            "lead_id": self.lead_id,
            "stage": self.stage,
            "event": self.event,
            "unmet": list(self.unmet),
            "conditions": [c.to_dict() for c in self.conditions],
        }


class ClassifierError(ProspectlibError, RuntimeError):
    """A classifier raised, or answered with something that is no answer of its.

    `prospectlib.classify` checks each answer: a `Classification` whose label is
    one of the classifier's declared ``labels``. The message names the
    classifier and the lead; the exception a classifier raised is chained on
    (``__cause__``), its text is not repeated (it may hold the lead's data).

    Examples:
        >>> err = ClassifierError(
        ...     classifier="company_size", lead_id="L-1", problem="it raised KeyError"
        ... )
        >>> print(err)
        classifier 'company_size' failed for lead 'L-1': it raised KeyError
    """

    classifier: str
    """The name the classifier is registered under."""
    lead_id: str
    """The id of the lead it was classifying."""
    problem: str
    """What went wrong, in words."""

    def __init__(self, *, classifier: str, lead_id: str, problem: str) -> None:
        """Build from the classifier's name, the lead's id and what went wrong."""
        self.classifier = classifier
        self.lead_id = lead_id
        self.problem = problem
        super().__init__(
            f"classifier {classifier!r} failed for lead {lead_id!r}: {problem}"
        )

    def __reduce__(self) -> tuple[Any, tuple[()]]:
        """Pickle and copy with the attributes (the constructor takes keywords)."""
        return (functools.partial(type(self), **self._details()), ())

    def _details(self) -> dict[str, Any]:
        return {
            "classifier": self.classifier,
            "lead_id": self.lead_id,
            "problem": self.problem,
        }


class UnsupportedTypeError(ProspectlibError, TypeError):
    """A value or class that the operation does not handle.

    Examples:
        >>> from prospectlib import serialize
        >>> try:
        ...     serialize.to_dict(42)
        ... except UnsupportedTypeError as exc:
        ...     print(type(exc).__name__, isinstance(exc, TypeError))
        UnsupportedTypeError True
    """


class ArgumentTypeError(ValidationError, UnsupportedTypeError):
    """An argument of a public function has the wrong type; the path names it.

    A `ValidationError` (with ``problems``) and an `UnsupportedTypeError`, so
    a `TypeError` too.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> lead = pl.Lead(id="L-1", created_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
        >>> try:
        ...     pl.classify(lead, at=lead.created_at, only=5)
        ... except TypeError as exc:
        ...     print(type(exc).__name__, exc.problems[0].path)
        ArgumentTypeError only
    """


class LeadTypeError(InvalidLeadError, ArgumentTypeError):
    """Something that is not a `prospectlib.Lead` was given where a lead is needed."""


class ConfigTypeError(InvalidConfigError, ArgumentTypeError):
    """A pipeline, score model, policy or registry argument of the wrong type."""


class MissingDependencyError(ProspectlibError, ImportError):
    """An optional extra that a feature needs is not installed.

    Examples:
        >>> err = MissingDependencyError(feature="strategies", extra="hypothesis")
        >>> print(err)
        prospectlib.strategies needs the optional dependency 'hypothesis': \
pip install 'prospectlib[hypothesis]'
    """

    feature: str
    """The feature that needs the extra, e.g. ``"strategies"``."""
    extra: str
    """The extra to install, e.g. ``"hypothesis"``."""

    def __init__(self, *, feature: str, extra: str) -> None:
        """Name the feature and the extra that provides what it needs."""
        self.feature = feature
        self.extra = extra
        super().__init__(
            f"prospectlib.{feature} needs the optional dependency {extra!r}: "
            f"pip install 'prospectlib[{extra}]'"
        )

    def __reduce__(self) -> tuple[Any, tuple[()]]:
        """Pickle and copy with the attributes (the constructor takes keywords)."""
        return (functools.partial(type(self), **self._details()), ())

    def _details(self) -> dict[str, Any]:
        return {"feature": self.feature, "extra": self.extra}
