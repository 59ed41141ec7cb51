"""Qualification frameworks: BANT, CHAMP, ANUM, MEDDIC, MEDDPICC, GPCTBA/C&I.

A framework is a list of named criteria, each read from the lead's `Evidence`
under its key (and, where a fact about the lead says the same, derived from it),
plus a pass rule. It is a criterion itself, so the lifecycle's SQL guard and a
scoring rule ask the very same question and never disagree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any
from typing import Literal

import attrs

from prospectlib import _convert
from prospectlib import _validate as v
from prospectlib.criteria import Check
from prospectlib.criteria import Criterion
from prospectlib.criteria import compare
from prospectlib.criteria import is_criterion
from prospectlib.criteria._base import BUILT_IN
from prospectlib.criteria._base import _fail_all
from prospectlib.criteria._base import _pass
from prospectlib.criteria._base import _unmet
from prospectlib.criteria._base import check_arguments
from prospectlib.criteria._base import nest
from prospectlib.errors import InvalidConfigError
from prospectlib.errors import ValidationError
from prospectlib.model import BuyingRole
from prospectlib.model import Evidence
from prospectlib.model import FrozenMap
from prospectlib.model import Lead
from prospectlib.model import Verdict

# A limit on frameworks loaded from outside data.
_MAX_CRITERIA = 64

_KEY = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_KEY_EXPECTED = "a snake_case key such as 'budget' or 'economic_buyer'"
_MET = Verdict.MET
_UNMET = Verdict.UNMET
_UNKNOWN = Verdict.UNKNOWN

VerdictSource = Literal["evidence", "derived", "none"]
"""What decided a criterion's verdict: its evidence record, a derivation, or
nothing (no evidence as of ``at``)."""


# --- validators and converters ------------------------------------------------------


def _default_label(inst: FrameworkCriterion) -> str:
    key = inst.key
    return key.replace("_", " ").capitalize() if type(key) is str else ""


def _criteria(value: Iterable[FrameworkCriterion]) -> tuple[FrameworkCriterion, ...]:
    expected = "a non-empty list of criteria"
    criteria = v.tuple_of(value, FrameworkCriterion, expected, non_empty=True)
    if len(criteria) > _MAX_CRITERIA:
        v.refuse(f"at most {_MAX_CRITERIA} criteria (got {len(criteria)})")
    repeat = v.first_repeat(c.key for c in criteria)
    if repeat is not None:
        key = criteria[repeat].key
        v.refuse(f"criteria with distinct keys ({key!r} appears twice)")
    return criteria


def _nested(
    inst: Framework,
    _attribute: attrs.Attribute[Any],
    value: tuple[FrameworkCriterion, ...],
) -> None:
    """The criteria derive from criteria nested at most `MAX_DEPTH` deep."""
    nest(inst, (c.derived for c in value if c.derived is not None))


def _keys(value: Iterable[str] | str) -> tuple[str, ...]:
    expected = "a list of distinct criterion keys"
    return v.texts(value, expected, single=True, distinct=True)


def _default_min_met(inst: Framework) -> int:
    criteria = inst.criteria
    return len(criteria) if isinstance(criteria, tuple) and criteria else 1


# --- the parts ----------------------------------------------------------------------


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class FrameworkCriterion:
    """One named criterion of a framework, read from the lead's evidence.

    The verdict comes from the lead's `Evidence` under ``key`` as of ``at``
    (records dated later are ignored). When there is no such record, or its
    verdict is *unknown*, ``derived`` (if given) may establish the criterion
    as met from another fact, e.g. authority from the contact's buying role.
    Explicit evidence always wins: an *unmet* record stays unmet.

    Examples:
        >>> from prospectlib import criteria as cr
        >>> authority = FrameworkCriterion(
        ...     key="authority",
        ...     description="The contact can make or sign off the buying decision.",
        ...     derived=cr.compare("person.role", "in", ["decision_maker"]),
        ... )
        >>> authority.label
        'Authority'
    """

    key: str = attrs.field(validator=v.matches(_KEY, _KEY_EXPECTED))
    """The `Evidence.criterion` key, e.g. ``"budget"``."""
    label: str = attrs.field(
        default=attrs.Factory(_default_label, takes_self=True), validator=v.text()
    )
    """The human name, e.g. ``"Economic buyer"`` (default: from the key)."""
    description: str = attrs.field(default="", validator=v.instance(str, "a string"))
    """What meeting it means, in one sentence."""
    derived: Criterion | None = attrs.field(
        default=None,
        validator=v.optional(v.instance(is_criterion, "a criterion or None")),
    )
    """Establishes the criterion as met when the evidence does not say."""


@_convert.serializable(error=ValidationError)
@attrs.frozen(kw_only=True)
class CriterionAssessment:
    """What a framework found for one of its criteria.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> from prospectlib.qualification import BANT
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> lead = pl.Lead(
        ...     id="L", created_at=t, person=pl.Person(role="economic_buyer")
        ... )
        >>> authority = BANT.assess(lead, at=t).criteria[1]
        >>> authority.verdict.value, authority.source
        ('met', 'derived')
    """

    key: str
    """The criterion's key."""
    label: str
    """The criterion's human name."""
    verdict: Verdict
    """Met, unmet or unknown."""
    source: VerdictSource
    """What decided the verdict: ``"evidence"``, ``"derived"`` or ``"none"``."""
    evidence: Evidence | None
    """The lead's evidence record for the key as of ``at``, if any."""
    reason: str
    """Why, in words, e.g. ``"budget is met (evidence 2026-03-01)"``."""


@_convert.serializable(error=ValidationError)
@attrs.frozen(kw_only=True)
class Assessment:
    """A framework's answer for one lead at one time, criterion by criterion.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> from prospectlib.qualification import BANT
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> lead = pl.Lead(
        ...     id="L",
        ...     created_at=t,
        ...     evidence=[pl.Evidence(criterion="need", verdict="met", at=t)],
        ... )
        >>> a = BANT.assess(lead, at=t)
        >>> a.passed, a.met, a.unknown, a.completeness
        (False, ('need',), ('budget', 'authority', 'timing'), 0.25)
        >>> a.missing
        ('2 more met of: budget, authority, timing',)
    """

    framework: str
    """The framework's name, e.g. ``"BANT"``."""
    criteria: tuple[CriterionAssessment, ...]
    """One assessment per criterion, in the framework's order."""
    met: tuple[str, ...]
    """The keys of the criteria met."""
    unmet: tuple[str, ...]
    """The keys of the criteria known to be unmet."""
    unknown: tuple[str, ...]
    """The keys of the criteria nobody knows about yet."""
    completeness: float
    """The share of criteria whose verdict is known (met or unmet), from 0 to 1."""
    passed: bool
    """Whether the framework's pass rule holds."""
    missing: tuple[str, ...]
    """What stands between the lead and passing, in words (empty when passed)."""
    summary: str
    """One sentence, e.g. ``"BANT passed: 3 of 4 met (budget, authority, need)"``."""

    def __bool__(self) -> bool:
        """An assessment is truthy when the lead passed."""
        return self.passed


# --- the framework ------------------------------------------------------------------


def _assess_one(
    criterion: FrameworkCriterion, lead: Lead, at: dt.datetime
) -> CriterionAssessment:
    key = criterion.key
    record = lead.evidence.get(key)
    if record is not None and record.at > at:
        record = None
    source: VerdictSource
    if record is not None and record.verdict is not _UNKNOWN:
        verdict, source = record.verdict, "evidence"
        reason = f"{key} is {verdict.value} (evidence {record.at.date().isoformat()})"
    else:
        check = None
        if criterion.derived is not None:
            check = criterion.derived.evaluate(lead, at=at)
        if check is not None and check.passed:
            verdict, source = _MET, "derived"
            reason = f"{key} is met, derived: {check.reason}"
        elif record is not None:
            verdict, source = _UNKNOWN, "evidence"
            reason = f"{key} is unknown (evidence {record.at.date().isoformat()})"
        else:
            verdict, source = _UNKNOWN, "none"
            reason = f"{key} is unknown (no evidence)"
    return CriterionAssessment(
        key=key,
        label=criterion.label,
        verdict=verdict,
        source=source,
        evidence=record,
        reason=reason,
    )


def _are(names: tuple[str, ...]) -> str:
    return f"{', '.join(names)} {'is' if len(names) == 1 else 'are'}"


@_convert.serializable(error=InvalidConfigError, kind="framework", of=Criterion)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class Framework:
    """A qualification framework: named criteria over the evidence, and a pass rule.

    The lead passes when at least ``min_met`` criteria are met, every key in
    ``required`` is met, and at most ``max_unmet`` are known to be unmet. A
    criterion without evidence (or with the verdict *unknown*) that nothing
    derives counts as unknown: neither met nor unmet.

    A framework is a criterion: `test` is the fast yes/no (what pipelines and
    scoring call), `evaluate` the explained answer (a failed `Check` lists each
    criterion not met in its ``unmet``), and `assess` the full `Assessment`.
    The three always agree. Frameworks are values: they compare, hash, and
    round-trip through `prospectlib.serialize` (as ``{"kind": "framework", ...}``
    where a criterion is expected), so a custom one can be loaded from data.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> from prospectlib import serialize
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> spiced = serialize.from_dict(
        ...     Framework,
        ...     {
        ...         "name": "SPICED",
        ...         "criteria": [
        ...             {"key": k}
        ...             for k in ("situation", "pain", "impact", "critical_event")
        ...         ]
        ...         + [{"key": "decision", "label": "Decision process"}],
        ...         "min_met": 4,
        ...         "required": ["pain"],
        ...     },
        ... )
        >>> lead = pl.Lead(
        ...     id="L",
        ...     created_at=t,
        ...     evidence=[
        ...         pl.Evidence(criterion=k, verdict="met", at=t)
        ...         for k in ("situation", "impact", "critical_event", "decision")
        ...     ],
        ... )
        >>> spiced.test(lead, at=t)
        False
        >>> spiced.assess(lead, at=t).missing
        ('pain is required (unknown)',)
        >>> spiced.evaluate(lead, at=t).unmet
        ('pain is unknown (no evidence)',)
    """

    name: str = attrs.field(validator=v.text())
    """What reasons call the framework, e.g. ``"BANT"``."""
    criteria: tuple[FrameworkCriterion, ...] = attrs.field(
        converter=_criteria, validator=_nested
    )
    """The criteria, in the order reasons list them; keys are distinct."""
    min_met: int = attrs.field(
        default=attrs.Factory(_default_min_met, takes_self=True),
        validator=v.whole(1),
    )
    """How many criteria must be met (default: all of them)."""
    required: tuple[str, ...] = attrs.field(default=(), converter=_keys)
    """Keys that must be met whatever the count."""
    max_unmet: int = attrs.field(default=0, validator=v.whole(0))
    """How many criteria may be known unmet (default none)."""
    _plan: tuple[tuple[str, Criterion | None, bool], ...] = attrs.field(
        init=False, eq=False, repr=False
    )
    _depth: int = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """Check the rule fits the criteria, and plan the fast path once."""
        n = len(self.criteria)
        if self.min_met > n:
            raise v.config_error(
                self, "min_met", f"at most the number of criteria ({n})"
            )
        keys = self.keys
        for key in self.required:
            if key not in keys:
                raise v.config_error(
                    self,
                    "required",
                    f"keys of the framework's criteria ({key!r} is not one of "
                    f"{', '.join(keys)})",
                )
        required = frozenset(self.required)
        plan = tuple((c.key, c.derived, c.key in required) for c in self.criteria)
        object.__setattr__(self, "_plan", plan)

    @property
    def keys(self) -> tuple[str, ...]:
        """The criteria's keys, in order.

        Examples:
            >>> from prospectlib.qualification import BANT
            >>> BANT.keys
            ('budget', 'authority', 'need', 'timing')
        """
        return tuple(c.key for c in self.criteria)

    def with_rule(
        self,
        *,
        min_met: int | None = None,
        required: Iterable[str] | None = None,
        max_unmet: int | None = None,
    ) -> Framework:
        """The same framework with another pass rule (what is not given is kept).

        Examples:
            >>> from prospectlib.qualification import BANT
            >>> strict = BANT.with_rule(min_met=4)
            >>> strict.min_met, strict.name, strict == BANT
            (4, 'BANT', False)
        """
        changes: dict[str, Any] = {}
        if min_met is not None:
            changes["min_met"] = min_met
        if required is not None:
            changes["required"] = required
        if max_unmet is not None:
            changes["max_unmet"] = max_unmet
        return attrs.evolve(self, **changes)

    def test(self, lead: Lead, *, at: dt.datetime) -> bool:
        """Whether *lead* passes as of *at* (the fast path: no explanations).

        Examples:
            >>> import datetime as dt
            >>> import prospectlib as pl
            >>> from prospectlib.qualification import BANT
            >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
            >>> BANT.test(pl.Lead(id="L", created_at=t), at=t)
            False
        """
        check_arguments(lead, at)
        evidence = lead.evidence
        max_unmet = self.max_unmet
        met = unmet = 0
        for key, derived, required in self._plan:
            verdict = _UNKNOWN
            if key in evidence:
                record = evidence[key]
                if record.at <= at:
                    verdict = record.verdict
            if verdict is _MET:
                met += 1
            elif verdict is _UNMET:
                unmet += 1
                if required or unmet > max_unmet:
                    return False
            elif derived is not None and derived.test(lead, at=at):
                met += 1
            elif required:
                return False
        return met >= self.min_met

    def assess(self, lead: Lead, *, at: dt.datetime) -> Assessment:
        """Every criterion's verdict for *lead* as of *at*, and whether it passes.

        Raises:
            ValidationError: *at* is not a timezone-aware datetime.

        Examples:
            >>> import datetime as dt
            >>> import prospectlib as pl
            >>> from prospectlib.qualification import BANT
            >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
            >>> lead = pl.Lead(
            ...     id="L",
            ...     created_at=t,
            ...     person=pl.Person(role="decision_maker"),
            ...     evidence=[
            ...         pl.Evidence(criterion=k, verdict="met", at=t)
            ...         for k in ("budget", "need")
            ...     ],
            ... )
            >>> a = BANT.assess(lead, at=t)
            >>> a.summary
            'BANT passed: 3 of 4 met (budget, authority, need)'
            >>> for part in a.criteria:
            ...     print(part.reason)
            budget is met (evidence 2026-03-01)
            authority is met, derived: person.role in [decision_maker, economic_buyer] \
(is decision_maker)
            need is met (evidence 2026-03-01)
            timing is unknown (no evidence)
        """
        check_arguments(lead, at)
        parts = tuple(_assess_one(c, lead, at) for c in self.criteria)
        met = tuple(p.key for p in parts if p.verdict is _MET)
        unmet = tuple(p.key for p in parts if p.verdict is _UNMET)
        unknown = tuple(p.key for p in parts if p.verdict is _UNKNOWN)
        missing = self._missing(parts, met, unmet)
        n = len(parts)
        count = f"{len(met)} of {n} met"
        if met:
            count += f" ({', '.join(met)})"
        if missing:
            summary = f"{self.name} not passed: {count}; missing: {'; '.join(missing)}"
        else:
            summary = f"{self.name} passed: {count}"
            if unmet:
                summary += f"; {', '.join(unmet)} unmet"
        return Assessment(
            framework=self.name,
            criteria=parts,
            met=met,
            unmet=unmet,
            unknown=unknown,
            completeness=(len(met) + len(unmet)) / n,
            passed=not missing,
            missing=missing,
            summary=summary,
        )

    def _missing(
        self,
        parts: tuple[CriterionAssessment, ...],
        met: tuple[str, ...],
        unmet: tuple[str, ...],
    ) -> tuple[str, ...]:
        """What keeps the lead from passing, in words; empty when it passes."""
        required = self.required
        missing = [
            f"{p.key} is required ({p.verdict.value})"
            for p in parts
            if p.key in required and p.verdict is not _MET
        ]
        if len(unmet) > self.max_unmet:
            may = "none" if self.max_unmet == 0 else f"at most {self.max_unmet}"
            missing.append(f"{_are(unmet)} unmet ({may} may be)")
        short = self.min_met - len(met) - sum(1 for k in required if k not in met)
        if short > 0:
            others = [
                p.key for p in parts if p.verdict is not _MET and p.key not in required
            ]
            missing.append(f"{short} more met of: {', '.join(others)}")
        return tuple(missing)

    def evaluate(self, lead: Lead, *, at: dt.datetime) -> Check:
        """The explained answer: the summary, and each criterion not met.

        Examples:
            >>> import datetime as dt
            >>> import prospectlib as pl
            >>> from prospectlib.qualification import BANT
            >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
            >>> lead = pl.Lead(
            ...     id="L",
            ...     created_at=t,
            ...     evidence=[
            ...         pl.Evidence(criterion=k, verdict=v, at=t)
            ...         for k, v in (("budget", "unmet"), ("authority", "met"))
            ...         + (("need", "met"), ("timing", "met"))
            ...     ],
            ... )
            >>> check = BANT.evaluate(lead, at=t)
            >>> check.passed, check.unmet
            (False, ('budget is unmet (evidence 2026-03-01)',))
            >>> check.reason
            'BANT not passed: 3 of 4 met (authority, need, timing); missing: budget is
             unmet (none may be)'
        """
        assessment = self.assess(lead, at=at)
        if assessment.passed:
            return _pass(assessment.summary)
        conditions = [
            _unmet("framework", p.key, p.verdict.value, p.reason)
            for p in assessment.criteria
            if p.verdict is not _MET
        ]
        return _fail_all(assessment.summary, conditions, "framework")


# --- the built-in frameworks --------------------------------------------------------

_DECIDES = compare(
    "person.role",
    "in",
    [BuyingRole.DECISION_MAKER.value, BuyingRole.ECONOMIC_BUYER.value],
)
_CHAMPION = compare("person.role", "eq", BuyingRole.CHAMPION.value)


def _authority(description: str) -> FrameworkCriterion:
    return FrameworkCriterion(
        key="authority", description=description, derived=_DECIDES
    )


BANT = Framework(
    name="BANT",
    criteria=(
        FrameworkCriterion(
            key="budget",
            description="The lead can pay: money is set aside, or can be found.",
        ),
        _authority("The contact can make or sign off the buying decision."),
        FrameworkCriterion(
            key="need", description="The lead has a problem the offer solves."
        ),
        FrameworkCriterion(
            key="timing",
            description="The lead means to buy within a known, reasonable time.",
        ),
    ),
    min_met=3,
)
"""BANT (budget, authority, need, timing): 3 of 4 met, none unmet.

Authority is also met when the contact's buying role is ``decision_maker`` or
``economic_buyer``. The SQL guard of `prospectlib.lifecycle.b2b_pipeline`."""

CHAMP = Framework(
    name="CHAMP",
    criteria=(
        FrameworkCriterion(
            key="challenges",
            description="The lead has business challenges the offer addresses.",
        ),
        _authority("The contact decides, or can bring in whoever does."),
        FrameworkCriterion(
            key="money", description="The lead has, or can find, the money to act."
        ),
        FrameworkCriterion(
            key="prioritization",
            description="Solving the challenges is a priority for the lead.",
        ),
    ),
    min_met=3,
    required=("challenges",),
)
"""CHAMP (challenges, authority, money, prioritization): 3 of 4 met, challenges
among them, none unmet. CHAMP leads with the buyer's challenges; authority is
derived from the buying role as in `BANT`."""

ANUM = Framework(
    name="ANUM",
    criteria=(
        _authority("The contact can make or sign off the buying decision."),
        FrameworkCriterion(
            key="need", description="The lead has a problem the offer solves."
        ),
        FrameworkCriterion(
            key="urgency", description="The lead needs the problem solved soon."
        ),
        FrameworkCriterion(
            key="money", description="The lead has, or can find, the money to act."
        ),
    ),
    min_met=3,
    required=("authority",),
)
"""ANUM (authority, need, urgency, money): 3 of 4 met, authority among them, none
unmet. ANUM puts authority first; it is derived from the buying role as in
`BANT`."""

_MEDDIC_PARTS = {
    "metrics": FrameworkCriterion(
        key="metrics",
        description="The economic gain the lead expects is known in numbers.",
    ),
    "economic_buyer": FrameworkCriterion(
        key="economic_buyer",
        description="Whoever controls the budget is identified and engaged.",
        derived=_DECIDES,
    ),
    "decision_criteria": FrameworkCriterion(
        key="decision_criteria",
        description="What the lead will judge the options on is known.",
    ),
    "decision_process": FrameworkCriterion(
        key="decision_process",
        description="How, by whom and by when the lead will decide is known.",
    ),
    "paper_process": FrameworkCriterion(
        key="paper_process",
        description="The steps from decision to signed contract are known.",
    ),
    "identify_pain": FrameworkCriterion(
        key="identify_pain",
        label="Identified pain",
        description="The pain that makes the lead act is identified.",
    ),
    "champion": FrameworkCriterion(
        key="champion",
        description="Someone inside the lead's organisation sells the offer there.",
        derived=_CHAMPION,
    ),
    "competition": FrameworkCriterion(
        key="competition",
        description="The other options, doing nothing included, are known.",
    ),
}

MEDDIC = Framework(
    name="MEDDIC",
    criteria=tuple(
        _MEDDIC_PARTS[k]
        for k in (
            "metrics",
            "economic_buyer",
            "decision_criteria",
            "decision_process",
            "identify_pain",
            "champion",
        )
    ),
    min_met=5,
    required=("economic_buyer", "champion"),
)
"""MEDDIC (metrics, economic buyer, decision criteria, decision process, identified
pain, champion): 5 of 6 met, the economic buyer and the champion among them, none
unmet. The economic buyer is also met when the contact's role is
``economic_buyer`` or ``decision_maker``, the champion when it is ``champion``."""

MEDDPICC = Framework(
    name="MEDDPICC",
    criteria=tuple(_MEDDIC_PARTS.values()),
    min_met=6,
    required=("economic_buyer", "champion"),
)
"""MEDDPICC (MEDDIC plus paper process and competition): 6 of 8 met, the economic
buyer and the champion among them, none unmet; derived as in `MEDDIC`."""

GPCTBA_CI = Framework(
    name="GPCTBA/C&I",
    criteria=(
        FrameworkCriterion(
            key="goals", description="The lead's goals, in numbers, are known."
        ),
        FrameworkCriterion(
            key="plans", description="How the lead plans to reach them is known."
        ),
        FrameworkCriterion(
            key="challenges", description="What stands in the plans' way is known."
        ),
        FrameworkCriterion(
            key="timeline", description="When the lead must reach its goals is known."
        ),
        FrameworkCriterion(
            key="budget", description="The lead can pay for a solution."
        ),
        _authority("The contact can make or sign off the buying decision."),
        FrameworkCriterion(
            key="negative_consequences",
            description="What missing the goals would cost the lead is known.",
        ),
        FrameworkCriterion(
            key="positive_implications",
            description="What reaching the goals would bring the lead is known.",
        ),
    ),
    min_met=6,
    required=("goals", "challenges"),
)
"""GPCTBA/C&I (goals, plans, challenges, timeline, budget, authority, negative
consequences, positive implications): 6 of 8 met, goals and challenges among them,
none unmet; authority derived as in `BANT`."""

FRAMEWORKS: FrozenMap[str, Framework] = FrozenMap(
    (f.name, f) for f in (BANT, CHAMP, ANUM, MEDDIC, MEDDPICC, GPCTBA_CI)
)
"""The built-in frameworks by name: ``"BANT"``, ``"CHAMP"``, ``"ANUM"``,
``"MEDDIC"``, ``"MEDDPICC"`` and ``"GPCTBA/C&I"``.

Examples:
    >>> FRAMEWORKS["MEDDIC"].required
    ('economic_buyer', 'champion')
"""

BUILT_IN.add(Framework)
