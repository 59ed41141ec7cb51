"""Every error prospectlib raises on purpose.

All of them derive from `ProspectlibError`, and each leaf also derives from the
builtin that fits it, so ``except ValueError`` keeps working in code that does
not know prospectlib::

    ProspectlibError
    ├── ValidationError (ValueError)        bad input; .problems lists every one
    │   ├── InvalidLeadError                a lead or one of its parts is invalid
    │   └── InvalidConfigError              a pipeline, model or profile is invalid
    ├── UnknownNameError (LookupError)      a name that no registry holds
    │   ├── UnknownClassifierError          ... no classifier of that name
    │   ├── UnknownStageError               ... no stage of that id
    │   └── UnknownEventError               ... no event of that id
    ├── TransitionNotAllowedError           a lifecycle event was refused
    ├── UnsupportedTypeError (TypeError)    a value or class an operation can't take
    └── MissingDependencyError (ImportError)  an optional extra is not installed

Messages name the field path and what was expected. They never echo a lead's
personal data (names, e-mail addresses, phone numbers): at most the type of a
bad value is shown.

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

from collections.abc import Iterable

import attrs

__all__ = [
    "InvalidConfigError",
    "InvalidLeadError",
    "MissingDependencyError",
    "Problem",
    "ProspectlibError",
    "TransitionNotAllowedError",
    "UnknownClassifierError",
    "UnknownEventError",
    "UnknownNameError",
    "UnknownStageError",
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
    """

    lead_id: str
    """Id of the lead the event was sent to."""
    stage: str
    """The lead's stage when the event was refused."""
    event: str
    """The event that was refused."""
    unmet: tuple[str, ...]
    """Each reason the event was refused, in words."""

    def __init__(
        self, *, lead_id: str, stage: str, event: str, unmet: Iterable[str]
    ) -> None:
        """Build from the lead, stage, event and the unmet conditions."""
        self.lead_id = lead_id
        self.stage = stage
        self.event = event
        self.unmet = tuple(unmet)
        reasons = "; ".join(self.unmet)
        super().__init__(
            f"lead {lead_id!r} in stage {stage!r} cannot take event {event!r}: "
            f"{reasons}"
        )


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


class MissingDependencyError(ProspectlibError, ImportError):
    """An optional extra that a feature needs is not installed.

    Examples:
        >>> err = MissingDependencyError(feature="strategies", extra="hypothesis")
        >>> print(err)
        prospectlib.strategies needs the optional dependency 'hypothesis': \
pip install 'prospectlib[hypothesis]'
    """

    def __init__(self, *, feature: str, extra: str) -> None:
        """Name the feature and the extra that provides what it needs."""
        super().__init__(
            f"prospectlib.{feature} needs the optional dependency {extra!r}: "
            f"pip install 'prospectlib[{extra}]'"
        )
