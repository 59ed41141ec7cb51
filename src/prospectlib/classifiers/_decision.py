"""Decision stage: is the lead aware, hesitant, or ready to buy (`DecisionStage`)."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import ClassVar

import attrs

from prospectlib import _convert
from prospectlib import _validate as v
from prospectlib.classifiers._base import Classification
from prospectlib.classifiers._base import clamp
from prospectlib.errors import InvalidConfigError
from prospectlib.model import Activity
from prospectlib.model import Lead
from prospectlib.model import ObjectionKind
from prospectlib.model import Scalar
from prospectlib.model import Term
from prospectlib.model import Verdict
from prospectlib.model._require import require_lead_at
from prospectlib.model._terms import open_members


class DecisionStageLabel(enum.StrEnum):
    """Where a lead is in deciding to buy (`DecisionStage`).

    Examples:
        >>> DecisionStageLabel.READY.value
        'ready'
    """

    AWARE = "aware"
    """Knows the offer, undecided."""
    HESITANT = "hesitant"
    """Has doubts."""
    READY = "ready"
    """Ready to decide."""


_DAY = dt.timedelta(days=1)

# --- parameter checks -----------------------------------------------------------------


def _to_activities(value: Iterable[Activity | Term]) -> tuple[Activity | Term, ...]:
    return open_members(Activity, value, single=False)


def _to_kinds(
    value: Iterable[ObjectionKind | Term],
) -> tuple[ObjectionKind | Term, ...]:
    return open_members(ObjectionKind, value, single=False)


_window = v.duration()


# --- wording --------------------------------------------------------------------------

_DID: dict[Activity | Term, str] = {
    Activity.DEMO_REQUEST: "asked for a demo",
    Activity.QUOTE_REQUEST: "asked for a quote",
    Activity.CART_ADD: "put something in the cart",
    Activity.CONTACT_REQUEST: "asked to be contacted",
    Activity.TRIAL_START: "started a trial",
}


def _did(activity: Activity | Term) -> str:
    return _DID.get(activity) or f"did {activity.value.replace('_', ' ')}"


def _ago(age: dt.timedelta) -> str:
    days = int(age / _DAY)
    if days == 0:
        return "today"
    return "1 day ago" if days == 1 else f"{days} days ago"


def _span(window: dt.timedelta) -> str:
    return f"{window / _DAY:g} days"


# --- what a lead shows as of a moment --------------------------------------------


@attrs.define
class _Facts:
    """What `DecisionStage` looks at, gathered in one pass over the lead."""

    signals: int = 0
    """Buying-signal interactions in the ready window."""
    kinds: int = 0
    """Distinct kinds of buying signal (each activity, purchases, timing met)."""
    latest: dt.datetime | None = None
    """When the newest buying-signal interaction or purchase happened."""
    latest_what: str = ""
    """That newest signal, in words."""
    purchases: int = 0
    """Purchases in the ready window."""
    visits: int = 0
    """Visits in the visit window."""
    timing: Verdict | None = None
    """The timing evidence's verdict as of ``at`` (``None``: no record)."""
    open_kinds: tuple[ObjectionKind | Term, ...] = ()
    """The kinds of the objections open at ``at``."""
    blocking: tuple[ObjectionKind | Term, ...] = ()
    """Those of them that block a purchase."""
    any_interaction: bool = False
    """Whether the lead did anything at all up to ``at``."""


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class DecisionStage:
    """Where a lead is in deciding to buy: AWARE, HESITANT or READY.

    The labels, from the practitioner articles' *decision period*:

    - **READY** (the decider): a buying signal within `ready_window` — an
      interaction in `ready_activities` (a demo, quote or contact request, a
      cart add, a trial start) or a purchase — or ``timing`` evidence that is
      met, with no *blocking* objection open.
    - **HESITANT** (has doubts): an objection is open at ``at``; or a buying
      signal is there but a blocking objection (`blocking_objections`: price,
      timing, need, authority) is open or the timing evidence is unmet; or at
      least `hesitant_visits` visits within `visit_window` without any buying
      signal.
    - **AWARE** (knows the offer, undecided): everything else, including a
      lead whose timing evidence says "not now" without an objection.

    Precedence: a buying signal wins over doubts unless a blocking objection
    is open (or timing is unmet), which makes the lead HESITANT; an open
    objection of another kind (e.g. shipping cost) only lowers READY's
    confidence. Only records dated at or before ``at`` count; an objection
    counts while it is open at ``at``.

    The confidence of READY grows with the freshness of the newest signal
    (``0.6 + 0.3 * freshness``, where freshness falls from 1 now to 0 at the
    window's edge; 0.5 for timing evidence alone), plus 0.1 when two or more
    kinds of signal agree, less 0.1 per open non-blocking objection. HESITANT
    is 0.7 when doubts block a signal, 0.7 plus 0.1 per further open objection
    (at most 0.9), and from visits 0.5 plus 0.1 per visit past the threshold
    (at most 0.8). AWARE is 0.8 when timing is unmet, 0.6 with some activity,
    and 0.3 for a lead that did nothing.

    Evidence keys: ``buying_signals``, ``purchases``, ``days_since_signal``,
    ``timing``, ``open_objections``, ``blocking_objections``, ``visits``.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> lead = pl.Lead(
        ...     id="L-1",
        ...     created_at=t,
        ...     interactions=[pl.Interaction(activity="quote_request", at=t)],
        ... )
        >>> c = DecisionStage().classify(lead, at=t + dt.timedelta(days=3))
        >>> c.label.value, c.confidence, c.reasons[0]
        ('ready', 0.87, 'asked for a quote 3 days ago')
        >>> doubting = lead.with_objections(pl.Objection(kind="price", raised_at=t))
        >>> DecisionStage().classify(doubting, at=t).label.value
        'hesitant'
    """

    labels: ClassVar[type[DecisionStageLabel]] = DecisionStageLabel
    """The labels it answers with."""

    name: str = attrs.field(default="decision_stage", validator=v.text())
    """The registry name; ``"decision_stage"`` by default."""
    ready_activities: tuple[Activity | Term, ...] = attrs.field(
        default=(
            Activity.DEMO_REQUEST,
            Activity.QUOTE_REQUEST,
            Activity.CART_ADD,
            Activity.CONTACT_REQUEST,
            Activity.TRIAL_START,
        ),
        converter=_to_activities,
    )
    """Buying signals: by default demo, quote and contact requests, cart adds and
    trial starts."""
    ready_window: dt.timedelta = attrs.field(
        default=dt.timedelta(days=30), validator=_window
    )
    """How recent a buying signal (or purchase) must be; 30 days by default, about
    a sales follow-up cycle."""
    timing_criterion: str = attrs.field(default="timing", validator=v.text())
    """The evidence criterion that says whether the timing fits (BANT's T);
    ``"timing"`` by default. Met is a buying signal; unmet holds the lead back."""
    blocking_objections: tuple[ObjectionKind | Term, ...] = attrs.field(
        default=(
            ObjectionKind.PRICE,
            ObjectionKind.TIMING,
            ObjectionKind.NEED,
            ObjectionKind.AUTHORITY,
        ),
        converter=_to_kinds,
    )
    """Open objections of these kinds turn a buying signal into HESITANT: by
    default price, timing, need and authority (BANT's doubts)."""
    visit_activities: tuple[Activity | Term, ...] = attrs.field(
        default=(
            Activity.WEBSITE_VISIT,
            Activity.PAGE_VIEW,
            Activity.PRICING_PAGE_VIEW,
            Activity.STORE_VISIT,
        ),
        converter=_to_activities,
    )
    """What counts as a visit: website visits, page views, pricing page views and
    store visits by default."""
    hesitant_visits: int = attrs.field(default=3, validator=v.whole(1))
    """This many visits within `visit_window` without a buying signal make a lead
    HESITANT; 3 by default (coming back a third time without acting)."""
    visit_window: dt.timedelta = attrs.field(
        default=dt.timedelta(days=30), validator=_window
    )
    """Where visits are counted; 30 days by default."""

    def classify(
        self, lead: Lead, *, at: dt.datetime
    ) -> Classification[DecisionStageLabel]:
        """The decision stage of *lead* as of *at*.

        Raises:
            ValidationError: *at* is not a timezone-aware datetime.
        """
        require_lead_at(lead, at)
        facts = self._facts(lead, at)
        label, confidence, reasons = self._decide(facts, at)
        evidence: dict[str, Scalar] = {
            "buying_signals": facts.signals,
            "purchases": facts.purchases,
            "days_since_signal": None
            if facts.latest is None
            else round((at - facts.latest) / _DAY, 2),
            "timing": None if facts.timing is None else facts.timing.value,
            "open_objections": len(facts.open_kinds),
            "blocking_objections": len(facts.blocking),
            "visits": facts.visits,
        }
        return Classification(
            classifier=self.name,
            label=label,
            confidence=round(clamp(confidence), 4),
            reasons=reasons[:4],
            evidence=evidence,
        )

    def _facts(self, lead: Lead, at: dt.datetime) -> _Facts:
        facts = _Facts()
        kinds = self._scan_interactions(lead, at, facts)
        self._scan_purchases(lead, at, facts)
        if facts.purchases:
            kinds.add("purchase")
        record = lead.evidence.get(self.timing_criterion)
        if record is not None and record.at <= at:
            facts.timing = record.verdict
            if record.verdict is Verdict.MET:
                kinds.add("timing")
        facts.kinds = len(kinds)
        facts.open_kinds = tuple(o.kind for o in lead.objections if o.is_open(at))
        facts.blocking = tuple(
            k for k in facts.open_kinds if k in self.blocking_objections
        )
        return facts

    def _scan_interactions(
        self, lead: Lead, at: dt.datetime, facts: _Facts
    ) -> set[object]:
        """Count signals and visits into *facts*; return the signal kinds seen."""
        # A window reaching before year 1 has no start (`None`).
        ready_since = v.earlier(at, self.ready_window)
        visit_since = v.earlier(at, self.visit_window)
        stop = None
        if ready_since is not None and visit_since is not None:
            stop = min(ready_since, visit_since)
        kinds: set[object] = set()
        for item in reversed(lead.interactions):  # newest first: stop at the windows
            when = item.at
            if when > at:
                continue
            facts.any_interaction = True
            if stop is not None and when <= stop:
                break
            activity = item.activity
            if (ready_since is None or when > ready_since) and (
                activity in self.ready_activities
            ):
                facts.signals += 1
                kinds.add(activity)
                if facts.latest is None:
                    facts.latest, facts.latest_what = when, _did(activity)
            if (visit_since is None or when > visit_since) and (
                activity in self.visit_activities
            ):
                facts.visits += 1
        return kinds

    def _scan_purchases(self, lead: Lead, at: dt.datetime, facts: _Facts) -> None:
        ready_since = v.earlier(at, self.ready_window)
        for purchase in reversed(lead.purchases):
            when = purchase.at
            if when > at:
                continue
            if ready_since is not None and when <= ready_since:
                break
            if facts.purchases == 0 and (facts.latest is None or when > facts.latest):
                facts.latest, facts.latest_what = when, "bought"
            facts.purchases += 1

    def _decide(
        self, facts: _Facts, at: dt.datetime
    ) -> tuple[DecisionStageLabel, float, list[str]]:
        signal = self._signal(facts, at)
        if signal:
            return self._with_signal(facts, signal, at)
        if facts.open_kinds:
            n = len(facts.open_kinds)
            return (
                DecisionStageLabel.HESITANT,
                min(0.9, 0.7 + 0.1 * (n - 1)),
                [_objections(facts.open_kinds), "no buying signal yet"],
            )
        if facts.visits >= self.hesitant_visits:
            return (
                DecisionStageLabel.HESITANT,
                min(0.8, 0.5 + 0.1 * (facts.visits - self.hesitant_visits)),
                [
                    (
                        f"{facts.visits} visits in the last "
                        f"{_span(self.visit_window)} without a buying step "
                        f"(hesitant from {self.hesitant_visits})"
                    )
                ],
            )
        if facts.timing is Verdict.UNMET:
            return (
                DecisionStageLabel.AWARE,
                0.8,
                [f"{self.timing_criterion} is not met: not now"],
            )
        if facts.any_interaction:
            return (
                DecisionStageLabel.AWARE,
                0.6,
                [f"no buying signal in the last {_span(self.ready_window)}"],
            )
        return DecisionStageLabel.AWARE, 0.3, ["no interaction yet"]

    def _signal(self, facts: _Facts, at: dt.datetime) -> list[str]:
        """The buying signals, in words, newest first (empty: none)."""
        found = []
        if facts.latest is not None:
            found.append(f"{facts.latest_what} {_ago(at - facts.latest)}")
            total = facts.signals + facts.purchases
            if total > 1:
                found.append(
                    f"{total} buying signals in the last {_span(self.ready_window)}"
                )
        if facts.timing is Verdict.MET:
            found.append(f"{self.timing_criterion} is met")
        return found

    def _with_signal(
        self, facts: _Facts, signal: list[str], at: dt.datetime
    ) -> tuple[DecisionStageLabel, float, list[str]]:
        if facts.blocking or facts.timing is Verdict.UNMET:
            doubt = (
                _objections(facts.blocking)
                if facts.blocking
                else f"{self.timing_criterion} is not met"
            )
            return DecisionStageLabel.HESITANT, 0.7, [doubt, *signal]
        if facts.latest is None:
            freshness = 0.5  # timing evidence alone: it has no age that fades
        else:
            freshness = 1 - (at - facts.latest) / self.ready_window
        confidence = 0.6 + 0.3 * freshness + (0.1 if facts.kinds > 1 else 0.0)
        confidence -= 0.1 * len(facts.open_kinds)
        reasons = list(signal)
        if facts.open_kinds:
            reasons.append(_objections(facts.open_kinds) + " (not blocking)")
        return DecisionStageLabel.READY, confidence, reasons


def _objections(kinds: tuple[ObjectionKind | Term, ...]) -> str:
    names = ", ".join(dict.fromkeys(k.value.replace("_", " ") for k in kinds))
    verb = "objection is" if len(kinds) == 1 else "objections are"
    return f"{names} {verb} open"
