"""Criteria made of criteria: all of, any of, at least n of, not."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from prospectlib import _convert
from prospectlib import _validate as v
from prospectlib.criteria._base import BUILT_IN
from prospectlib.criteria._base import Check
from prospectlib.criteria._base import Criterion
from prospectlib.criteria._base import _fail
from prospectlib.criteria._base import _fail_all
from prospectlib.criteria._base import _pass
from prospectlib.criteria._base import check_arguments
from prospectlib.criteria._base import is_criterion
from prospectlib.criteria._base import nested
from prospectlib.criteria._base import subject_of
from prospectlib.criteria._compile import added
from prospectlib.errors import InvalidConfigError
from prospectlib.model import Lead

if TYPE_CHECKING:
    from prospectlib.criteria._compile import InlineWriter

# --- composites -----------------------------------------------------------------------


def _criteria(value: Iterable[Criterion]) -> tuple[Criterion, ...]:
    return v.tuple_of(
        value, is_criterion, "a non-empty list of criteria", non_empty=True
    )


_criterion = v.instance(is_criterion, "a criterion")


@_convert.serializable(error=InvalidConfigError, kind="all_of", of=Criterion)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class AllOf:
    """Every part holds. Unmet parts are listed.

    Examples:
        >>> import datetime as dt
        >>> from prospectlib.criteria import HasEvidence, HasTag
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> c = AllOf(criteria=(HasEvidence(criterion="need"), HasTag(tag="vip")))
        >>> c.evaluate(pl.Lead(id="L", created_at=t), at=t).unmet
        ('need is not met (no evidence)', "not tagged 'vip'")
    """

    criteria: tuple[Criterion, ...] = attrs.field(converter=_criteria, validator=nested)
    """The parts."""
    _depth: int = attrs.field(init=False, eq=False, repr=False)

    def test(self, lead: Lead, *, at: dt.datetime) -> bool:
        """Whether every part holds (stops at the first that does not)."""
        check_arguments(lead, at)
        return all(c.test(lead, at=at) for c in self.criteria)

    def _inline(self, w: InlineWriter) -> str:
        """`test` inline: ``and`` stops at the first part that does not hold."""
        return "(" + " and ".join(w.criterion(c) for c in self.criteria) + ")"

    def evaluate(self, lead: Lead, *, at: dt.datetime) -> Check:
        """Evaluate every part and list the unmet ones."""
        check_arguments(lead, at)
        checks = [c.evaluate(lead, at=at) for c in self.criteria]
        failed = [c for c in checks if not c.passed]
        if not failed:
            return _pass("; ".join(c.reason for c in checks))
        # A part of yours may fail without lines: its reason says why.
        lines = [u for c in failed for u in c.unmet or (c.reason,)]
        conditions = [u for c in failed for u in c.conditions]
        return _fail_all("; ".join(lines), conditions, "all_of")


@_convert.serializable(error=InvalidConfigError, kind="any_of", of=Criterion)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class AnyOf:
    """At least one part holds.

    Examples:
        >>> import datetime as dt
        >>> from prospectlib.criteria import HasEvidence, HasTag
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> c = AnyOf(criteria=(HasTag(tag="vip"), HasTag(tag="partner")))
        >>> c.evaluate(pl.Lead(id="L", created_at=t), at=t).reason
        "none of: not tagged 'vip'; not tagged 'partner'"
    """

    criteria: tuple[Criterion, ...] = attrs.field(converter=_criteria, validator=nested)
    """The parts."""
    _depth: int = attrs.field(init=False, eq=False, repr=False)

    def test(self, lead: Lead, *, at: dt.datetime) -> bool:
        """Whether any part holds (stops at the first that does)."""
        check_arguments(lead, at)
        return any(c.test(lead, at=at) for c in self.criteria)

    def _inline(self, w: InlineWriter) -> str:
        """`test` inline: ``or`` stops at the first part that holds."""
        return "(" + " or ".join(w.criterion(c) for c in self.criteria) + ")"

    def evaluate(self, lead: Lead, *, at: dt.datetime) -> Check:
        """Name the first part that holds, or all that do not."""
        check_arguments(lead, at)
        checks = []
        for criterion in self.criteria:
            check = criterion.evaluate(lead, at=at)
            if check.passed:
                return check
            checks.append(check)
        reason = "none of: " + "; ".join(c.reason for c in checks)
        # One line for the whole choice; unknown when every part lacked information.
        parts = [u for c in checks for u in c.conditions]
        unknown = bool(parts) and all(u.verdict == "unknown" for u in parts)
        return _fail(reason, "any_of", unknown=unknown)


@_convert.serializable(error=InvalidConfigError, kind="at_least", of=Criterion)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class AtLeast:
    """At least ``count`` of the parts hold (e.g. BANT: 3 of 4).

    Examples:
        >>> import datetime as dt
        >>> from prospectlib.criteria import HasEvidence, HasTag
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> bant = AtLeast(
        ...     count=3,
        ...     criteria=[
        ...         HasEvidence(criterion=c)
        ...         for c in ("budget", "authority", "need", "timing")
        ...     ],
        ... )
        >>> lead = pl.Lead(
        ...     id="L",
        ...     created_at=t,
        ...     evidence=[
        ...         pl.Evidence(criterion="authority", verdict="met", at=t),
        ...         pl.Evidence(criterion="need", verdict="met", at=t),
        ...     ],
        ... )
        >>> check = bant.evaluate(lead, at=t)
        >>> check.reason
        '2 of 4 hold (needs 3)'
        >>> check.unmet
        ('budget is not met (no evidence)', 'timing is not met (no evidence)')
    """

    count: int = attrs.field(validator=v.whole(1))
    """How many parts must hold."""
    criteria: tuple[Criterion, ...] = attrs.field(converter=_criteria, validator=nested)
    """The parts."""
    _depth: int = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """Refuse a count larger than the number of parts."""
        if self.count > len(self.criteria):
            raise v.config_error(
                self, "count", f"at most the number of criteria ({len(self.criteria)})"
            )

    def test(self, lead: Lead, *, at: dt.datetime) -> bool:
        """Whether enough parts hold."""
        check_arguments(lead, at)
        needed = self.count
        for criterion in self.criteria:
            if criterion.test(lead, at=at):
                needed -= 1
                if needed == 0:
                    return True
        return False

    def _inline(self, w: InlineWriter) -> str | None:
        """`test` inline when every part is built in: all are counted.

        Counting every part gives the answer `test` gives by stopping early,
        when no part runs outside code (`InlineWriter.pure`).
        """
        parts = w.pure(self.criteria)
        if parts is None:
            return None
        counted = added([f"(1 if {part} else 0)" for part in parts])
        return f"({counted} >= {self.count})"

    def evaluate(self, lead: Lead, *, at: dt.datetime) -> Check:
        """Count the parts that hold and list the unmet ones."""
        check_arguments(lead, at)
        checks = [c.evaluate(lead, at=at) for c in self.criteria]
        held = sum(1 for c in checks if c.passed)
        reason = f"{held} of {len(checks)} hold (needs {self.count})"
        if held >= self.count:
            return _pass(reason)
        conditions = [u for c in checks if not c.passed for u in c.conditions]
        return _fail_all(reason, conditions, "at_least")


@_convert.serializable(error=InvalidConfigError, kind="not", of=Criterion)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class Not:
    """The part does not hold.

    Examples:
        >>> import datetime as dt
        >>> from prospectlib.criteria import HasEvidence, HasTag
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> lead = pl.Lead(id="L", created_at=t, tags=["competitor"])
        >>> Not(criterion=HasTag(tag="competitor")).evaluate(lead, at=t).reason
        "not: tagged 'competitor'"
    """

    criterion: Criterion = attrs.field(validator=[_criterion, nested])
    """The part that must not hold."""
    _depth: int = attrs.field(init=False, eq=False, repr=False)

    def test(self, lead: Lead, *, at: dt.datetime) -> bool:
        """Whether the part does not hold."""
        check_arguments(lead, at)
        return not self.criterion.test(lead, at=at)

    def _inline(self, w: InlineWriter) -> str:
        """`test` inline."""
        return f"(not {w.criterion(self.criterion)})"

    def evaluate(self, lead: Lead, *, at: dt.datetime) -> Check:
        """Invert the part's answer."""
        check_arguments(lead, at)
        inner = self.criterion.evaluate(lead, at=at)
        if inner.passed:
            return _fail(f"not: {inner.reason}", "not", subject_of(self.criterion))
        return _pass(f"not: {inner.reason}")


BUILT_IN.update({AllOf, AnyOf, AtLeast, Not})
