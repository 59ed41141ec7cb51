"""The lead: a potential customer and everything known about them."""

from __future__ import annotations

import datetime as dt
import functools
import typing
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from decimal import Decimal
from operator import attrgetter
from typing import Any
from typing import NoReturn
from typing import TypeAlias
from typing import TypeVar

import attrs

from prospectlib import _validate as v
from prospectlib.model._enums import Activity
from prospectlib.model._enums import Channel
from prospectlib.model._enums import ConsentStatus
from prospectlib.model._enums import Source
from prospectlib.model._frozenmap import FrozenMap
from prospectlib.model._parties import PERSONAL
from prospectlib.model._parties import Company
from prospectlib.model._parties import Location
from prospectlib.model._parties import Person
from prospectlib.model._records import Consent
from prospectlib.model._records import Evidence
from prospectlib.model._records import Interaction
from prospectlib.model._records import Objection
from prospectlib.model._records import Purchase
from prospectlib.model._records import StageChange
from prospectlib.model._terms import Term
from prospectlib.model._terms import open_member


def _source(value: Source | Term | str) -> Source | Term:
    return open_member(Source, value)


Scalar: TypeAlias = str | int | float | bool | None
"""A value allowed in `Lead.attributes`: what JSON holds, without nesting."""

R = TypeVar("R")
_text = v.text(detail=True)


def _keyed(value: object, cls: type[R], key: str) -> FrozenMap[Any, R]:
    """Records keyed by their *key* field, from a mapping or an iterable of them.

    In an iterable a later record replaces an earlier one of the same key.
    """
    if type(value) is FrozenMap and not value:
        return value
    record = v.an(cls.__name__)
    if isinstance(value, Mapping):
        for name, item in value.items():
            if not isinstance(item, cls):
                v.refuse(f"{record} ({v.got(item)})", f"[{name!r}]")
            if getattr(item, key) != name:
                v.refuse(f"{record} whose {key} is its key", f"[{name!r}]")
        return value if isinstance(value, FrozenMap) else FrozenMap(value)
    expected = f"a mapping from {key} to {cls.__name__} (or an iterable of them)"
    items = v.tuple_of(value, cls, expected, item=record)
    return FrozenMap((getattr(item, key), item) for item in items)


def _to_evidence(
    value: Mapping[str, Evidence] | Iterable[Evidence],
) -> FrozenMap[str, Evidence]:
    return _keyed(value, Evidence, "criterion")


def _to_consent(
    value: Mapping[Channel, Consent] | Iterable[Consent],
) -> FrozenMap[Channel, Consent]:
    return _keyed(value, Consent, "channel")


def _to_tags(value: Iterable[str]) -> frozenset[str]:
    if type(value) is frozenset and all(type(t) is str and t.strip() for t in value):
        return value
    return frozenset(v.texts(value, "a set of non-empty strings"))


def _to_attributes(value: Mapping[str, Scalar]) -> FrozenMap[str, Scalar]:
    if type(value) is FrozenMap and not value:
        return value
    if not isinstance(value, Mapping):
        v.refuse(f"a mapping of names to scalars ({v.got(value)})")
    for name, item in value.items():
        if type(name) is not str or not name:
            v.refuse("non-empty string keys")
        if not v.is_scalar(item):
            why = "got an int beyond ±2**53" if type(item) is int else v.got(item)
            v.refuse(f"a str, int, finite float, bool or None ({why})", f"[{name!r}]")
    return value if isinstance(value, FrozenMap) else FrozenMap(value)


def _interactions(value: Iterable[Interaction]) -> tuple[Interaction, ...]:
    return v.tuple_of(value, Interaction, _INTERACTIONS, item="an Interaction")


def _purchases(value: Iterable[Purchase]) -> tuple[Purchase, ...]:
    return v.tuple_of(value, Purchase, "a tuple of a Purchase", item="a Purchase")


def _objections(value: Iterable[Objection]) -> tuple[Objection, ...]:
    return v.tuple_of(value, Objection, _OBJECTIONS, item="an Objection")


def _history(value: Iterable[StageChange]) -> tuple[StageChange, ...]:
    return v.tuple_of(value, StageChange, _HISTORY, item="a StageChange")


_INTERACTIONS = "a tuple of an Interaction"
_OBJECTIONS = "a tuple of an Objection"
_HISTORY = "a tuple of a StageChange"
_by_at = attrgetter("at")
_by_raised_at = attrgetter("raised_at")


def _sorted(
    items: tuple[Any, ...], key: Callable[[Any], dt.datetime]
) -> tuple[Any, ...]:
    """Return *items* ordered by *key*, stable, without copying when already ordered."""
    for index in range(1, len(items)):
        if key(items[index]) < key(items[index - 1]):
            return tuple(sorted(items, key=key))
    return items


@attrs.frozen(kw_only=True, field_transformer=v.lead_fields)
class Lead:
    """A potential customer: who they are, what they did, where they stand.

    Only ``id`` and ``created_at`` are required. Interactions, purchases and
    objections are kept in time order (they are sorted on construction; records
    at the same instant keep the order they were given in);
    ``history`` must already be in order and chained, ending at ``stage``.
    Change a lead with `attrs.evolve` or the ``with_*`` methods: each returns a
    new, validated lead and leaves the old one as it was.

    Examples:
        >>> import datetime as dt
        >>> t0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
        >>> lead = Lead(
        ...     id="L-1",
        ...     created_at=t0,
        ...     source=Source.EVENT,
        ...     company=Company(name="Acme", industry="logistics", employees=240),
        ...     interactions=[
        ...         Interaction(
        ...             activity=Activity.CASE_STUDY_DOWNLOAD,
        ...             at=t0 + dt.timedelta(days=2),
        ...         ),
        ...     ],
        ... )
        >>> lead.stage, lead.last_activity_at.day, lead.is_customer
        ('prospect', 3, False)
    """

    id: str = attrs.field(validator=_text)
    """Your identifier for the lead; never empty."""
    created_at: dt.datetime = attrs.field(validator=v.aware)
    """When the lead was first captured; nothing about it happens earlier."""
    source: Source | Term = attrs.field(default=Source.UNKNOWN, converter=_source)
    """Where the lead came from."""
    person: Person | None = attrs.field(
        default=None, validator=v.optional(v.instance(Person, "a Person", detail=True))
    )
    """The person behind the lead, if known."""
    company: Company | None = attrs.field(
        default=None,
        validator=v.optional(v.instance(Company, "a Company", detail=True)),
    )
    """Their company, for business leads."""
    interactions: tuple[Interaction, ...] = attrs.field(
        default=(), converter=_interactions
    )
    """Everything the lead did, oldest first."""
    purchases: tuple[Purchase, ...] = attrs.field(default=(), converter=_purchases)
    """Everything the lead bought, oldest first."""
    objections: tuple[Objection, ...] = attrs.field(default=(), converter=_objections)
    """What held or holds the lead back, oldest first."""
    evidence: FrozenMap[str, Evidence] = attrs.field(
        factory=FrozenMap, converter=_to_evidence
    )
    """Qualification evidence keyed by criterion (one record per criterion)."""
    consent: FrozenMap[Channel, Consent] = attrs.field(
        factory=FrozenMap, converter=_to_consent
    )
    """Consent keyed by channel (one record per channel)."""
    stage: str = attrs.field(default="prospect", validator=_text)
    """The lifecycle stage; its meaning belongs to a pipeline."""
    history: tuple[StageChange, ...] = attrs.field(default=(), converter=_history)
    """Every stage change, oldest first; append-only."""
    tags: frozenset[str] = attrs.field(factory=frozenset, converter=_to_tags)
    """Free labels, e.g. ``{"vip", "trade-fair-2026"}``."""
    attributes: FrozenMap[str, Scalar] = attrs.field(
        factory=FrozenMap, converter=_to_attributes
    )
    """Extra fields your application keeps (scalars only), read-only."""

    def __attrs_post_init__(self) -> None:
        """Check the invariants that span fields and put records in time order."""
        start = self.created_at
        for name, items, key in (
            ("interactions", self.interactions, _by_at),
            ("purchases", self.purchases, _by_at),
            ("objections", self.objections, _by_raised_at),
        ):
            for index, item in enumerate(items):
                if key(item) < start:
                    _fail(self, f"{name}[{index}]", "a time on or after created_at")
            ordered = _sorted(items, key)
            if ordered is not items:
                object.__setattr__(self, name, ordered)
        for criterion, record in self.evidence.items():
            if record.at < start:
                _fail(
                    self, f"evidence[{criterion!r}].at", "a time on or after created_at"
                )
        for channel, consent in self.consent.items():
            if consent.at is not None and consent.at < start:
                _fail(
                    self,
                    f"consent[{channel.value!r}].at",
                    "a time on or after created_at",
                )
        self._check_history()

    def _check_history(self) -> None:
        previous: StageChange | None = None
        for index, change in enumerate(self.history):
            if previous is None:
                if change.at < self.created_at:
                    _fail(self, f"history[{index}].at", "a time on or after created_at")
            else:
                if change.at < previous.at:
                    _fail(
                        self,
                        f"history[{index}].at",
                        "a time on or after the change before it",
                    )
                if change.source != previous.target:
                    _fail(
                        self,
                        f"history[{index}].source",
                        f"the stage the previous change ended in ({previous.target!r})",
                    )
            previous = change
        if previous is not None and previous.target != self.stage:
            _fail(
                self,
                "stage",
                f"the target of the last history entry ({previous.target!r})",
            )

    # --- questions the model can answer without a pipeline --------------------------

    @property
    def last_activity_at(self) -> dt.datetime | None:
        """The time of the latest interaction or purchase, or ``None``."""
        times = [r[-1].at for r in (self.interactions, self.purchases) if r]
        return max(times) if times else None

    @property
    def last_interaction(self) -> Interaction | None:
        """The latest interaction, or ``None``."""
        return self.interactions[-1] if self.interactions else None

    @property
    def is_customer(self) -> bool:
        """Whether the lead has bought anything (a purchase makes a customer)."""
        return bool(self.purchases)

    @property
    def stage_entered_at(self) -> dt.datetime:
        """When the lead entered its current stage (``created_at`` without history)."""
        return self.history[-1].at if self.history else self.created_at

    def interactions_of(
        self,
        *activities: Activity,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
    ) -> tuple[Interaction, ...]:
        """Interactions of the given activities (all if none), in ``[since, until)``.

        Examples:
            >>> import datetime as dt
            >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
            >>> lead = Lead(
            ...     id="L-1",
            ...     created_at=t,
            ...     interactions=[
            ...         Interaction(activity="email_open", at=t),
            ...         Interaction(activity="webinar_attendance", at=t),
            ...     ],
            ... )
            >>> [
            ...     i.activity.value
            ...     for i in lead.interactions_of(Activity.WEBINAR_ATTENDANCE)
            ... ]
            ['webinar_attendance']
        """
        for index, activity in enumerate(activities):
            v.require(activity, str, f"activities[{index}]", "an Activity")
        wanted = frozenset(activities)
        return tuple(
            i
            for i in _between(self.interactions, since, until)
            if not wanted or i.activity in wanted
        )

    def purchases_between(
        self, since: dt.datetime | None = None, until: dt.datetime | None = None
    ) -> tuple[Purchase, ...]:
        """Purchases made in ``[since, until)``; an open end is unbounded."""
        return _between(self.purchases, since, until)

    def amount_spent(
        self,
        currency: str,
        *,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
    ) -> Decimal:
        """The total of purchases in *currency* made in ``[since, until)``.

        Amounts in other currencies are not converted or counted. The total is
        computed with 34 significant digits whatever the thread's decimal
        context (exact for any realistic total); absurd amounts cannot make it
        raise (a total past `Decimal`'s range is Infinity).

        Examples:
            >>> import datetime as dt
            >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
            >>> lead = Lead(
            ...     id="L-1",
            ...     created_at=t,
            ...     purchases=[
            ...         Purchase(at=t, amount="10.50", currency="EUR"),
            ...         Purchase(at=t, amount="4", currency="EUR"),
            ...         Purchase(at=t, amount="99", currency="USD"),
            ...     ],
            ... )
            >>> lead.amount_spent("EUR")
            Decimal('14.50')
        """
        return functools.reduce(
            v.SUMS.add,
            (
                p.amount
                for p in _between(self.purchases, since, until)
                if p.currency == currency
            ),
            Decimal(0),
        )

    def open_objections(self, at: dt.datetime | None = None) -> tuple[Objection, ...]:
        """Objections standing at *at* (without *at*: not yet resolved)."""
        return tuple(o for o in self.objections if o.is_open(at))

    def consent_status(self, channel: Channel) -> ConsentStatus:
        """The consent recorded for *channel*; ``UNKNOWN`` when none is."""
        v.require(channel, str, "channel", "a Channel")
        record = self.consent.get(channel)
        return ConsentStatus.UNKNOWN if record is None else record.status

    def can_contact(self, channel: Channel) -> bool:
        """Whether contact on *channel* is allowed: only an explicit grant allows it."""
        v.require(channel, str, "channel", "a Channel")
        record = self.consent.get(channel)
        return record is not None and record.permits

    # --- building changed copies -----------------------------------------------------

    def with_interactions(self, *interactions: Interaction) -> Lead:
        """A copy with *interactions* added (kept in time order)."""
        return attrs.evolve(self, interactions=self.interactions + interactions)

    def with_purchases(self, *purchases: Purchase) -> Lead:
        """A copy with *purchases* added (kept in time order)."""
        return attrs.evolve(self, purchases=self.purchases + purchases)

    def with_objections(self, *objections: Objection) -> Lead:
        """A copy with *objections* added (kept in time order)."""
        return attrs.evolve(self, objections=self.objections + objections)

    def with_evidence(self, *evidence: Evidence) -> Lead:
        """A copy with *evidence* recorded, replacing older records per criterion.

        Examples:
            >>> import datetime as dt
            >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
            >>> lead = Lead(id="L-1", created_at=t).with_evidence(
            ...     Evidence(criterion="budget", verdict="unknown", at=t),
            ...     Evidence(criterion="budget", verdict="met", at=t),
            ... )
            >>> lead.evidence["budget"].verdict.value
            'met'
        """
        return attrs.evolve(self, evidence=(*self.evidence.values(), *evidence))

    def with_stage_change(self, change: StageChange) -> Lead:
        """A copy moved along *change*, which is appended to the history.

        The change must continue the history: start at the current ``stage``, at
        or after `stage_entered_at`. Only what changes is checked again (the rest
        of the lead is valid already), which makes this much cheaper than
        `attrs.evolve`. Pipelines (`prospectlib.lifecycle`) call it after
        checking the move is legal; it knows nothing of pipelines itself.

        Examples:
            >>> import datetime as dt
            >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
            >>> lead = Lead(id="L-1", created_at=t)
            >>> moved = lead.with_stage_change(
            ...     StageChange(
            ...         event="capture",
            ...         source="prospect",
            ...         target="information_qualified",
            ...         at=t,
            ...     )
            ... )
            >>> moved.stage, len(moved.history), lead.stage
            ('information_qualified', 1, 'prospect')
        """
        if type(change) is not StageChange:
            _fail(self, "history", f"a StageChange to append ({v.got(change)})")
        if change.source != self.stage:
            _fail(
                self,
                f"history[{len(self.history)}].source",
                f"the current stage ({self.stage!r})",
            )
        if change.at < self.stage_entered_at:
            _fail(
                self,
                f"history[{len(self.history)}].at",
                "a time on or after the lead entered its stage",
            )
        new = _NEW(Lead)
        for name in _COPIED:
            _SET(new, name, _GET(self, name))
        _SET(new, "stage", change.target)
        _SET(new, "history", (*self.history, change))
        return new

    def with_consent(self, *consent: Consent) -> Lead:
        """A copy with *consent* recorded, replacing older records per channel."""
        return attrs.evolve(self, consent=(*self.consent.values(), *consent))


def _fail(owner: Lead, path: str, expected: str) -> NoReturn:
    raise v.lead_error(owner, path, expected)


_NEW = object.__new__
_SET = object.__setattr__
_GET = object.__getattribute__
_COPIED = tuple(
    f.name for f in attrs.fields(Lead) if f.name not in {"stage", "history"}
)


def _between(
    records: tuple[Any, ...], since: dt.datetime | None, until: dt.datetime | None
) -> tuple[Any, ...]:
    if since is not None:
        v.require_aware(since, "since")
    if until is not None:
        v.require_aware(until, "until")
    return tuple(
        r
        for r in records
        if (since is None or r.at >= since) and (until is None or r.at < until)
    )


def _personal_paths(cls: type[Any], prefix: str) -> Iterator[str]:
    """The dotted paths below *cls* whose fields are marked personal data."""
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        path = f"{prefix}{field.name}"
        if field.metadata.get(PERSONAL):
            yield path
        held = {hints[field.name], *typing.get_args(hints[field.name])}
        for part in held & {Person, Company, Location}:
            yield from _personal_paths(part, f"{path}.")


PERSONAL_FIELDS: frozenset[str] = frozenset(_personal_paths(Lead, ""))
"""The lead's fields that hold personal data, as dotted paths (``"person.email"``).

They are marked on the model (``metadata={"personal": True}``): their values
never appear in a repr, an explanation or an error, which name the field and
the test instead.

Examples:
    >>> sorted(PERSONAL_FIELDS)
    ['person.age', 'person.email', 'person.gender', 'person.income', 'person.name', \
'person.phone']
"""
