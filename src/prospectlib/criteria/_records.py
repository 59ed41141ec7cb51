"""Criteria over what a lead did and what is known about it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from prospectlib import _convert
from prospectlib import _validate as v
from prospectlib.criteria._base import BUILT_IN
from prospectlib.criteria._base import Check
from prospectlib.criteria._base import Criterion
from prospectlib.criteria._base import _days
from prospectlib.criteria._base import _fail
from prospectlib.criteria._base import _pass
from prospectlib.criteria._base import _stage_as_of
from prospectlib.criteria._base import _stage_entry_as_of
from prospectlib.criteria._base import _window_start
from prospectlib.criteria._base import check_arguments
from prospectlib.errors import InvalidConfigError
from prospectlib.model import Activity
from prospectlib.model import Channel
from prospectlib.model import Lead
from prospectlib.model import Objection
from prospectlib.model import ObjectionKind
from prospectlib.model import Term
from prospectlib.model import Verdict
from prospectlib.model._terms import open_members

if TYPE_CHECKING:
    from prospectlib.criteria._compile import InlineWriter

_window = v.optional(v.duration("a positive timedelta or None"))


def _activities(
    value: Iterable[Activity | Term | str] | Activity | Term | str,
) -> tuple[Activity | Term, ...]:
    return open_members(Activity, value)


def _kinds(
    value: Iterable[ObjectionKind | Term | str] | ObjectionKind | Term | str,
) -> tuple[ObjectionKind | Term, ...]:
    return open_members(ObjectionKind, value)


# --- leaf criteria --------------------------------------------------------------------


@_convert.serializable(error=InvalidConfigError, kind="has_activity", of=Criterion)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class HasActivity:
    """At least ``at_least`` interactions of the given activities, optionally recent.

    With no activities, any interaction counts. ``within`` limits the count to
    ``(at - within, at]``; ``since_stage_entry`` to interactions *after* the
    stage change that put the lead in its current stage (e.g. new engagement
    while being nurtured), or all of them when its stage never changed. An
    interaction at the very instant of that change does not count: it is what
    moved the lead, and counting it would let one instant move a lead out and
    back again.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> lead = pl.Lead(
        ...     id="L-1",
        ...     created_at=t,
        ...     interactions=[pl.Interaction(activity="email_open", at=t)],
        ... )
        >>> c = HasActivity(
        ...     activities=("webinar_attendance",), within=dt.timedelta(days=90)
        ... )
        >>> c.evaluate(lead, at=t).reason
        'no webinar_attendance in the last 90 days (needs 1)'
    """

    activities: tuple[Activity | Term, ...] = attrs.field(
        default=(), converter=_activities
    )
    """The activities that count; empty means any."""
    at_least: int = attrs.field(default=1, validator=v.whole(1))
    """How many are needed."""
    within: dt.timedelta | None = attrs.field(default=None, validator=_window)
    """Only count interactions this recent; ``None`` counts all up to ``at``."""
    since_stage_entry: bool = attrs.field(default=False, validator=v.flag)
    """Only count interactions after the lead entered its current stage."""

    def _count(self, lead: Lead, at: dt.datetime) -> int:
        window = _window_start(at, self.within)  # exclusive lower bound
        entered = _stage_entry_as_of(lead, at) if self.since_stage_entry else None
        wanted = self.activities
        n = 0
        for item in reversed(lead.interactions):  # newest first: stop at the window
            when = item.at
            if when > at:
                continue
            if (window is not None and when <= window) or (
                entered is not None and when <= entered
            ):
                break
            if not wanted or item.activity in wanted:
                n += 1
        return n

    def test(self, lead: Lead, *, at: dt.datetime) -> bool:
        """Whether enough matching interactions happened."""
        check_arguments(lead, at)
        return self._count(lead, at) >= self.at_least

    def _inline(self, w: InlineWriter) -> str:
        """`test`, called: counting is the test's own loop (no better form)."""
        return w.call(self)

    def evaluate(self, lead: Lead, *, at: dt.datetime) -> Check:
        """Count the matching interactions and say how many were needed."""
        check_arguments(lead, at)
        n = self._count(lead, at)
        what = " or ".join(a.value for a in self.activities) or (
            "interaction" if n in {0, 1} else "interactions"
        )
        when = ""
        if self.within is not None:
            when = f" in the last {_days(self.within)}"
        if self.since_stage_entry:
            when += f" since entering {_stage_as_of(lead, at)!r}"
        if n >= self.at_least:
            return _pass(f"{n} {what}{when} (needs {self.at_least})")
        found = "no" if n == 0 else f"only {n}"
        return _fail(
            f"{found} {what}{when} (needs {self.at_least})",
            "has_activity",
            self._subject,
        )

    @property
    def _subject(self) -> str | None:
        """What a refusal is about: the activities asked for (``None``: any)."""
        return ",".join(a.value for a in self.activities) or None


@_convert.serializable(error=InvalidConfigError, kind="has_evidence", of=Criterion)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class HasEvidence:
    """The lead's evidence for a qualification criterion has the given verdict.

    No evidence recorded by ``at`` (none at all, or only evidence dated later)
    counts as ``unknown``: nobody knows yet. So ``has_evidence("budget",
    "unknown")`` holds for a lead nobody has asked, and its negation,
    ``not_(has_evidence("budget", "unknown"))``, holds only once the budget is
    known to be met or unmet (`EvidenceKnown` says this directly).

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> lead = pl.Lead(
        ...     id="L-1",
        ...     created_at=t,
        ...     evidence=[pl.Evidence(criterion="budget", verdict="met", at=t)],
        ... )
        >>> HasEvidence(criterion="budget").evaluate(lead, at=t).reason
        'budget is met'
    """

    criterion: str = attrs.field(validator=v.text())
    """The evidence key, e.g. ``"budget"``."""
    verdict: Verdict = attrs.field(default=Verdict.MET, converter=Verdict)
    """The verdict needed."""

    def test(self, lead: Lead, *, at: dt.datetime) -> bool:
        """Whether the recorded verdict (``unknown`` if none) is the one needed."""
        check_arguments(lead, at)
        return (_verdict(lead, self.criterion, at) or Verdict.UNKNOWN) is self.verdict

    def _inline(self, w: InlineWriter) -> str:
        """`test` inline: the record is looked up once per lead and criterion."""
        record = _record(w, self.criterion)
        verdict = w.bind(self.verdict)
        if self.verdict is Verdict.UNKNOWN:
            return (
                f"({record} is None or {record}.verdict is {verdict}"
                f" or {record}.at > at)"
            )
        return (
            f"({record} is not None and {record}.verdict is {verdict}"
            f" and {record}.at <= at)"
        )

    def evaluate(self, lead: Lead, *, at: dt.datetime) -> Check:
        """Say what the evidence shows; no evidence reads as unknown."""
        check_arguments(lead, at)
        found = _verdict(lead, self.criterion, at)
        verdict = found or Verdict.UNKNOWN
        shown = "no evidence" if found is None else verdict.value
        if verdict is self.verdict:
            return _pass(
                f"{self.criterion} is {verdict.value}"
                + (" (no evidence)" if found is None else "")
            )
        return _fail(
            f"{self.criterion} is not {self.verdict.value} ({shown})",
            "has_evidence",
            self.criterion,
            unknown=verdict is Verdict.UNKNOWN,
        )

    @property
    def _subject(self) -> str:
        """What a refusal is about: the evidence key."""
        return self.criterion


def _verdict(lead: Lead, criterion: str, at: dt.datetime) -> Verdict | None:
    """The verdict recorded for *criterion* by *at*; ``None`` when there is none."""
    record = lead.evidence.get(criterion)
    if record is None or record.at > at:
        return None
    return record.verdict


def _record(w: InlineWriter, criterion: str) -> str:
    """The local holding the lead's evidence record for *criterion* (or None)."""
    evidence = w.field("evidence")
    # The FrozenMap's own dict: its get is one C call, the map's are Python.
    data = w.local(("evidence",), lambda: f"{evidence}._data")
    return w.local(("evidence", criterion), lambda: f"{data}.get({w.bind(criterion)})")


@_convert.serializable(error=InvalidConfigError, kind="evidence_known", of=Criterion)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class EvidenceKnown:
    """Whether the verdict on a qualification criterion is known (met or unmet).

    ``known=True`` (the default) holds once evidence recorded by ``at`` says the
    criterion is met or unmet; ``known=False`` holds while it is unknown,
    including when nothing was recorded. It is what "budget is known" means in a
    guard, with a refusal that says so, rather than
    ``any_of(has_evidence(k), has_evidence(k, "unmet"))``.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> lead = pl.Lead(id="L-1", created_at=t)
        >>> EvidenceKnown(criterion="budget").evaluate(lead, at=t).reason
        'budget is not known (no evidence)'
        >>> asked = lead.with_evidence(
        ...     pl.Evidence(criterion="budget", verdict="unmet", at=t)
        ... )
        >>> EvidenceKnown(criterion="budget").evaluate(asked, at=t).reason
        'budget is known (unmet)'
    """

    criterion: str = attrs.field(validator=v.text())
    """The evidence key, e.g. ``"budget"``."""
    known: bool = attrs.field(default=True, validator=v.flag)
    """``True``: the verdict must be met or unmet; ``False``: it must be unknown."""

    def test(self, lead: Lead, *, at: dt.datetime) -> bool:
        """Whether the verdict's being known is what is asked."""
        check_arguments(lead, at)
        verdict = _verdict(lead, self.criterion, at)
        return (verdict is not None and verdict is not Verdict.UNKNOWN) is self.known

    def _inline(self, w: InlineWriter) -> str:
        """`test` inline: the record is looked up once per lead and criterion."""
        record = _record(w, self.criterion)
        unknown = w.bind(Verdict.UNKNOWN)
        known = (
            f"({record} is not None and {record}.verdict is not {unknown}"
            f" and {record}.at <= at)"
        )
        return known if self.known else f"(not {known})"

    def evaluate(self, lead: Lead, *, at: dt.datetime) -> Check:
        """Say whether the verdict is known, and what it is."""
        check_arguments(lead, at)
        verdict = _verdict(lead, self.criterion, at)
        shown = "no evidence" if verdict is None else verdict.value
        known = verdict is not None and verdict is not Verdict.UNKNOWN
        state = "known" if known else "not known"
        reason = f"{self.criterion} is {state} ({shown})"
        if known is self.known:
            return _pass(reason)
        return _fail(reason, "evidence_known", self.criterion, unknown=not known)

    @property
    def _subject(self) -> str:
        """What a refusal is about: the evidence key."""
        return self.criterion


@_convert.serializable(error=InvalidConfigError, kind="has_purchase", of=Criterion)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class HasPurchase:
    """At least ``at_least`` purchases, optionally within a window.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> lead = pl.Lead(id="L-1", created_at=t)
        >>> HasPurchase().evaluate(lead, at=t).reason
        'no purchase (needs 1)'
    """

    at_least: int = attrs.field(default=1, validator=v.whole(1))
    """How many purchases are needed."""
    within: dt.timedelta | None = attrs.field(default=None, validator=_window)
    """Only count purchases this recent."""

    def _count(self, lead: Lead, at: dt.datetime) -> int:
        start = _window_start(at, self.within)
        return sum(
            1 for p in lead.purchases if p.at <= at and (start is None or p.at > start)
        )

    def test(self, lead: Lead, *, at: dt.datetime) -> bool:
        """Whether enough purchases happened."""
        check_arguments(lead, at)
        return self._count(lead, at) >= self.at_least

    def _inline(self, w: InlineWriter) -> str:
        """`test`, called only for a lead with purchases (else it fails)."""
        # No records: the test fails (``at_least`` is at least 1).
        return f"({w.field('purchases')} and {w.call(self)})"

    def evaluate(self, lead: Lead, *, at: dt.datetime) -> Check:
        """Count purchases and say how many were needed."""
        check_arguments(lead, at)
        n = self._count(lead, at)
        when = "" if self.within is None else f" in the last {_days(self.within)}"
        noun = "purchase" if n in {0, 1} else "purchases"
        if n >= self.at_least:
            return _pass(f"{n} {noun}{when} (needs {self.at_least})")
        found = "no" if n == 0 else f"only {n}"
        return _fail(f"{found} {noun}{when} (needs {self.at_least})", "has_purchase")


@_convert.serializable(error=InvalidConfigError, kind="has_consent", of=Criterion)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class HasConsent:
    """Contact on the channel is explicitly granted.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> HasConsent(channel="phone").evaluate(
        ...     pl.Lead(id="L", created_at=t), at=t
        ... ).reason
        'no consent to contact by phone (unknown)'
    """

    channel: Channel = attrs.field(converter=Channel)
    """The channel that must be allowed."""

    def test(self, lead: Lead, *, at: dt.datetime) -> bool:
        """Whether contact is granted (as recorded at or before *at*)."""
        check_arguments(lead, at)
        record = lead.consent.get(self.channel)
        return (
            record is not None
            and record.permits
            and (record.at is None or record.at <= at)
        )

    def _inline(self, w: InlineWriter) -> str:
        """`test`, called (no better form)."""
        return w.call(self)

    def evaluate(self, lead: Lead, *, at: dt.datetime) -> Check:
        """Say whether contact is granted."""
        check_arguments(lead, at)
        if self.test(lead, at=at):
            return _pass(f"consent to contact by {self.channel.value}")
        record = lead.consent.get(self.channel)
        known = record is not None and (record.at is None or record.at <= at)
        status = record.status.value if known else "unknown"  # type: ignore[union-attr]
        return _fail(
            f"no consent to contact by {self.channel.value} ({status})",
            "has_consent",
            self._subject,
            unknown=not known,
        )

    @property
    def _subject(self) -> str:
        """What a refusal is about: the channel."""
        return self.channel.value


@_convert.serializable(error=InvalidConfigError, kind="has_tag", of=Criterion)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class HasTag:
    """The lead carries a tag.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> HasTag(tag="vip").test(pl.Lead(id="L", created_at=t, tags=["vip"]), at=t)
        True
    """

    tag: str = attrs.field(validator=v.text())
    """The tag to look for."""

    def test(self, lead: Lead, *, at: dt.datetime) -> bool:
        """Whether the tag is present."""
        check_arguments(lead, at)
        return self.tag in lead.tags

    def _inline(self, w: InlineWriter) -> str:
        """`test` inline: a set membership."""
        return f"({w.bind(self.tag)} in {w.field('tags')})"

    def evaluate(self, lead: Lead, *, at: dt.datetime) -> Check:
        """Say whether the tag is present."""
        check_arguments(lead, at)
        if self.test(lead, at=at):
            return _pass(f"tagged {self.tag!r}")
        return _fail(f"not tagged {self.tag!r}", "has_tag", self._subject)

    @property
    def _subject(self) -> str:
        """What a refusal is about: the tag."""
        return self.tag


@_convert.serializable(
    error=InvalidConfigError, kind="has_open_objection", of=Criterion
)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class HasOpenObjection:
    """An objection of the given kinds (any kind when empty) stands at ``at``.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> lead = pl.Lead(
        ...     id="L",
        ...     created_at=t,
        ...     objections=[pl.Objection(kind="price", raised_at=t)],
        ... )
        >>> HasOpenObjection(kinds=("price",)).evaluate(lead, at=t).reason
        'open objection: price'
    """

    kinds: tuple[ObjectionKind | Term, ...] = attrs.field(default=(), converter=_kinds)
    """The kinds that count; empty means any."""

    def _open(self, lead: Lead, at: dt.datetime) -> list[ObjectionKind | Term]:
        return [
            o.kind
            for o in lead.objections
            if o.is_open(at) and (not self.kinds or o.kind in self.kinds)
        ]

    def test(self, lead: Lead, *, at: dt.datetime) -> bool:
        """Whether such an objection is open."""
        check_arguments(lead, at)
        return _any_open(lead.objections, at, self.kinds)

    def _inline(self, w: InlineWriter) -> str:
        """`test` inline: no call for a lead without objections."""
        records = w.field("objections")
        kinds = w.bind(frozenset(self.kinds))
        return f"({records} and {w.bind(_any_open)}({records}, at, {kinds}))"

    def evaluate(self, lead: Lead, *, at: dt.datetime) -> Check:
        """Name the open objections."""
        check_arguments(lead, at)
        found = self._open(lead, at)
        if found:
            return _pass("open objection: " + ", ".join(k.value for k in found))
        what = " or ".join(k.value for k in self.kinds) or "any kind"
        return _fail(
            f"no open objection of {what}", "has_open_objection", self._subject
        )

    @property
    def _subject(self) -> str | None:
        """What a refusal is about: the kinds asked for (``None``: any)."""
        return ",".join(k.value for k in self.kinds) or None


def _any_open(
    objections: tuple[Objection, ...],
    at: dt.datetime,
    kinds: Collection[ObjectionKind | Term],
) -> bool:
    """Whether one of *objections* of *kinds* (any when empty) is open at *at*."""
    return any(o.is_open(at) and (not kinds or o.kind in kinds) for o in objections)


BUILT_IN.update(
    {
        HasActivity,
        HasEvidence,
        EvidenceKnown,
        HasPurchase,
        HasConsent,
        HasTag,
        HasOpenObjection,
    }
)
