"""Profile fit: how close a lead is to the target customer (`TargetProfile`)."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable
from typing import ClassVar

import attrs

from prospectlib import _convert
from prospectlib import _validate as v
from prospectlib.classifiers._base import Classification
from prospectlib.criteria import AllOf
from prospectlib.criteria import AnyOf
from prospectlib.criteria import AtLeast
from prospectlib.criteria import Compare
from prospectlib.criteria import Criterion
from prospectlib.criteria import Not
from prospectlib.criteria import Op
from prospectlib.criteria import all_of
from prospectlib.criteria import compare
from prospectlib.criteria import is_criterion
from prospectlib.errors import InvalidConfigError
from prospectlib.model import Lead
from prospectlib.model._require import require_lead_at


class FitLabel(enum.StrEnum):
    """How close a lead is to the target customer (`ProfileFit`).

    Examples:
        >>> FitLabel.STRONG.value
        'strong'
    """

    STRONG = "strong"
    """Inside the target."""
    PARTIAL = "partial"
    """Near the target."""
    WEAK = "weak"
    """Far from the target."""
    NONE = "none"
    """Outside the target, or nothing known."""


# --- three-valued answers: True (matched), False (failed), None (unknown) ----------
#
# A criterion is compiled once into a small tree of these nodes. They are plain
# module-level values (not closures) so that a profile pickles, e.g. to run
# inside Dask or Spark workers.


@attrs.frozen
class _Known:
    """A criterion that is always known: over records, or exists/missing."""

    criterion: Criterion

    def answer(self, lead: Lead, at: dt.datetime) -> bool | None:
        return bool(self.criterion.test(lead, at=at))


@attrs.frozen
class _Field:
    """A comparison: unknown when its field is."""

    criterion: Compare
    known: Compare

    def answer(self, lead: Lead, at: dt.datetime) -> bool | None:
        if not self.known.test(lead, at=at):
            return None
        return self.criterion.test(lead, at=at)


@attrs.frozen
class _All:
    parts: tuple[_Node, ...]

    def answer(self, lead: Lead, at: dt.datetime) -> bool | None:
        unknown = False
        for part in self.parts:
            answer = part.answer(lead, at)
            if answer is False:
                return False
            if answer is None:
                unknown = True
        return None if unknown else True


@attrs.frozen
class _Any:
    parts: tuple[_Node, ...]

    def answer(self, lead: Lead, at: dt.datetime) -> bool | None:
        unknown = False
        for part in self.parts:
            answer = part.answer(lead, at)
            if answer:
                return True
            if answer is None:
                unknown = True
        return None if unknown else False


@attrs.frozen
class _AtLeast:
    count: int
    parts: tuple[_Node, ...]

    def answer(self, lead: Lead, at: dt.datetime) -> bool | None:
        held = unknown = 0
        for part in self.parts:
            answer = part.answer(lead, at)
            if answer:
                held += 1
            elif answer is None:
                unknown += 1
        if held >= self.count:
            return True
        if held + unknown < self.count:
            return False
        return None


@attrs.frozen
class _Not:
    part: _Node

    def answer(self, lead: Lead, at: dt.datetime) -> bool | None:
        answer = self.part.answer(lead, at)
        return None if answer is None else not answer


_Node = _Known | _Field | _All | _Any | _AtLeast | _Not


def _compile(criterion: Criterion) -> _Node:  # noqa: PLR0911  # one return per kind
    """Compile *criterion* into a tree answering True, False or None (unknown).

    A comparison of a field that is unknown is unknown; composites follow
    Kleene's logic (an ``all_of`` with a failed part fails even if another part
    is unknown; an ``any_of`` with a matched part matches). Criteria over
    records (activities, purchases, evidence, tags) are always known: no record
    is an answer too.
    """
    if isinstance(criterion, Compare):
        if criterion.op in {Op.EXISTS, Op.MISSING}:
            return _Known(criterion)
        return _Field(criterion, Compare(field=criterion.field, op=Op.EXISTS))
    if isinstance(criterion, AllOf):
        return _All(tuple(_compile(c) for c in criterion.criteria))
    if isinstance(criterion, AnyOf):
        return _Any(tuple(_compile(c) for c in criterion.criteria))
    if isinstance(criterion, AtLeast):
        return _AtLeast(criterion.count, tuple(_compile(c) for c in criterion.criteria))
    if isinstance(criterion, Not):
        return _Not(_compile(criterion.criterion))
    return _Known(criterion)


# --- converters and validators ----------------------------------------------------

# No commas: evidence lists the criteria's names separated by commas.
_NAME = re.compile(r"[^,]*[^,\s][^,]*")


def _weight(value: float) -> float:
    return v.real(value, 0, above=True, expected="a number > 0")


def _share(value: float) -> float:
    return v.real(value, 0, 1, expected="a number from 0 to 1")


# --- the target profile -----------------------------------------------------------


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class ProfileCriterion:
    """One weighted condition of a `TargetProfile`, e.g. "works in logistics".

    The condition is any criterion from `prospectlib.criteria`; usually a
    `compare` of a lead field. It is *unknown* for a lead when the fields it
    compares are unknown, so a lead is neither credited nor blamed for what
    nobody recorded (see `judge`).

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> from prospectlib.criteria import compare
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> adult = ProfileCriterion(
        ...     name="age", criterion=compare("person.age", "ge", 25), weight=2
        ... )
        >>> lead = pl.Lead(id="L-1", created_at=t, person=pl.Person(age=31))
        >>> adult.judge(lead, at=t), adult.judge(pl.Lead(id="L-2", created_at=t), at=t)
        (True, None)
    """

    name: str = attrs.field(
        validator=v.matches(_NAME, "a non-empty name without commas")
    )
    """What the condition is called in reasons and evidence, e.g. ``"industry"``
    (no commas: evidence lists names separated by commas)."""
    criterion: Criterion = attrs.field(
        validator=v.instance(
            is_criterion, "a criterion, e.g. compare('person.age', 'ge', 25)"
        )
    )
    """The condition, e.g. ``compare("company.industry", "in", ["logistics"])``."""
    weight: float = attrs.field(default=1.0, converter=_weight)
    """How much the condition counts, relative to the others; default 1."""
    _tree: _Node = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """Compile the condition's three-valued answer once."""
        object.__setattr__(self, "_tree", _compile(self.criterion))

    def judge(self, lead: Lead, *, at: dt.datetime) -> bool | None:
        """Whether *lead* meets the condition at *at*: ``None`` when unknown.

        A comparison (`Compare`) is unknown when its field is (``None`` or
        empty), except ``exists`` and ``missing``, which are about just that.
        Composites follow three-valued logic: ``all_of`` fails when a part
        fails and is unknown when no part fails but one is unknown; ``any_of``
        matches when a part matches; ``at_least`` is unknown while the unknown
        parts could still tip it; ``not_`` of unknown is unknown. Every other
        criterion (activities, purchases, evidence, tags, custom) is always
        known.
        """
        require_lead_at(lead, at)
        return self._tree.answer(lead, at)


def _criteria(value: Iterable[ProfileCriterion]) -> tuple[ProfileCriterion, ...]:
    expected = "a non-empty list of ProfileCriterion"
    criteria = v.tuple_of(value, ProfileCriterion, expected, non_empty=True)
    if v.first_repeat(c.name for c in criteria) is not None:
        v.refuse("criteria with different names")
    return criteria


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class TargetProfile:
    """The target customer: weighted conditions a lead is measured against.

    Conditions on age, gender, income, occupation, interests, lifestyle and
    location for people; industry, size and location for companies. Build one
    with `TargetProfile.of` or from `ProfileCriterion` values; it round-trips
    through `prospectlib.serialize`, so it can live in a JSON file.

    Examples:
        >>> from prospectlib.criteria import all_of, compare
        >>> profile = TargetProfile.of(
        ...     age=all_of(
        ...         compare("person.age", "ge", 25), compare("person.age", "le", 40)
        ...     ),
        ...     income=(compare("person.income", "ge", 30_000), 2),
        ...     fitness=compare("person.interests", "contains", "fitness"),
        ... )
        >>> profile.names, profile.total_weight
        (('age', 'income', 'fitness'), 4.0)
    """

    criteria: tuple[ProfileCriterion, ...] = attrs.field(converter=_criteria)
    """The conditions, each with a distinct name; at least one."""
    _total: float = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """Add up the weights once."""
        object.__setattr__(self, "_total", sum(c.weight for c in self.criteria))

    @classmethod
    def of(cls, **criteria: Criterion | tuple[Criterion, float]) -> TargetProfile:
        """A profile from keyword arguments, in the order given.

        Each argument is ``name=criterion`` (weight 1) or
        ``name=(criterion, weight)``.

        Examples:
            >>> from prospectlib.criteria import compare
            >>> TargetProfile.of(
            ...     industry=(compare("company.industry", "in", ["retail"]), 2)
            ... ).criteria[0].weight
            2.0
        """
        items = []
        for name, value in criteria.items():
            if isinstance(value, tuple):
                criterion, weight = value
                items.append(
                    ProfileCriterion(name=name, criterion=criterion, weight=weight)
                )
            else:
                items.append(ProfileCriterion(name=name, criterion=value))
        return cls(criteria=items)

    @property
    def names(self) -> tuple[str, ...]:
        """The criteria's names, in order."""
        return tuple(c.name for c in self.criteria)

    @property
    def total_weight(self) -> float:
        """The weights of all criteria, added up."""
        return self._total


DEFAULT_PROFILE = TargetProfile(
    criteria=(
        ProfileCriterion(
            name="company_size",
            criterion=all_of(
                compare("company.employees", "ge", 50),
                compare("company.employees", "le", 1000),
            ),
            weight=2.0,
        ),
        ProfileCriterion(
            name="buying_role",
            criterion=compare(
                "person.role", "in", ["decision_maker", "economic_buyer", "champion"]
            ),
            weight=2.0,
        ),
        ProfileCriterion(
            name="revenue",
            criterion=compare("company.annual_revenue", "ge", 1_000_000),
            weight=1.0,
        ),
    )
)
"""A generic B2B profile: a mid-size company (50 to 1,000 employees, weight 2),
a contact who decides or champions (weight 2), revenue of a million or more
(weight 1). A placeholder: give `ProfileFit` your own target customer."""


# --- the classifier ---------------------------------------------------------------


_SHOWN = 5  # names listed in a reason before "and n more"


def _listed(names: list[str]) -> str:
    if len(names) <= _SHOWN:
        return ", ".join(names)
    return f"{', '.join(names[:_SHOWN])} and {len(names) - _SHOWN} more"


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class ProfileFit:
    """How close a lead is to the target customer described by a `TargetProfile`.

    Each criterion of the profile is matched, failed or unknown for the lead
    (`ProfileCriterion.judge`). The *score* is the weight of the matched
    criteria over the weight of the known ones, so a lead is measured only on
    what is known about it; the label comes from the score: STRONG from
    ``strong`` (0.75), PARTIAL from ``partial`` (0.5), WEAK when anything
    matched (and the score reaches ``weak``, 0), NONE otherwise. The confidence
    is the share of the profile's weight that is known: a STRONG fit on one
    known criterion of five is a STRONG label held with little confidence.
    When nothing the profile asks about is known, the label is NONE with
    confidence 0.

    The default profile, `DEFAULT_PROFILE`, is a generic B2B one; pass your
    own target customer as ``profile``.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> from prospectlib.criteria import compare
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> fit = ProfileFit(
        ...     profile=TargetProfile.of(
        ...         industry=(compare("company.industry", "in", ["logistics"]), 2),
        ...         size=compare("company.employees", "ge", 50),
        ...         country=compare("company.location.country", "eq", "VN"),
        ...     )
        ... )
        >>> lead = pl.Lead(
        ...     id="L-1",
        ...     created_at=t,
        ...     company=pl.Company(industry="logistics", employees=30),
        ... )
        >>> c = fit.classify(lead, at=t)
        >>> c.label.value, c.confidence
        ('partial', 0.75)
        >>> c.evidence["matched"], c.evidence["failed"], c.evidence["unknown"]
        ('industry', 'size', 'country')
    """

    labels: ClassVar[type[FitLabel]] = FitLabel
    """The labels it answers with."""

    name: str = attrs.field(default="profile_fit", validator=v.text())
    """The name to register under; default ``"profile_fit"``."""
    profile: TargetProfile = attrs.field(
        default=DEFAULT_PROFILE, validator=v.instance(TargetProfile, "a TargetProfile")
    )
    """The target customer; default `DEFAULT_PROFILE`, a generic B2B profile."""
    strong: float = attrs.field(default=0.75, converter=_share)
    """Score from which the fit is STRONG; default 0.75."""
    partial: float = attrs.field(default=0.5, converter=_share)
    """Score from which the fit is PARTIAL; default 0.5."""
    weak: float = attrs.field(default=0.0, converter=_share)
    """Score from which the fit is WEAK, provided something matched; default 0
    (any match)."""

    def __attrs_post_init__(self) -> None:
        """Refuse thresholds out of order."""
        if self.partial <= 0:
            raise v.config_error(self, "partial", "a number > 0")
        if self.strong < self.partial:
            raise v.config_error(
                self, "strong", f"a number >= partial ({self.partial})"
            )
        if self.weak > self.partial:
            raise v.config_error(self, "weak", f"a number <= partial ({self.partial})")

    def classify(self, lead: Lead, *, at: dt.datetime) -> Classification[FitLabel]:
        """Classify how well *lead* fits the profile as of *at*.

        Raises:
            ValidationError: *at* is not timezone-aware.
        """
        require_lead_at(lead, at)
        matched: list[str] = []
        failed: list[str] = []
        unknown: list[str] = []
        matched_weight = known_weight = 0.0
        for item in self.profile.criteria:
            answer = item._tree.answer(lead, at)  # noqa: SLF001  # the compiled tree
            if answer is None:
                unknown.append(item.name)
                continue
            known_weight += item.weight
            if answer:
                matched_weight += item.weight
                matched.append(item.name)
            else:
                failed.append(item.name)
        total = self.profile.total_weight
        known_share = known_weight / total
        score = matched_weight / known_weight if known_weight else None
        evidence = {
            "score": None if score is None else round(score, 4),
            "known_share": round(known_share, 4),
            "matched": ",".join(matched),
            "failed": ",".join(failed),
            "unknown": ",".join(unknown),
            "matched_weight": matched_weight,
            "known_weight": known_weight,
            "total_weight": total,
        }
        if score is None:
            return Classification(
                classifier=self.name,
                label=FitLabel.NONE,
                confidence=0.0,
                reasons=[
                    f"nothing the profile asks about is known ({_listed(unknown)})"
                ],
                evidence=evidence,
            )
        known = len(matched) + len(failed)
        reasons = [
            f"matches {score:.0%} of the known profile ({len(matched)} of {known})"
        ]
        if matched:
            reasons.append(f"matched: {_listed(matched)}")
        if failed:
            reasons.append(f"failed: {_listed(failed)}")
        if unknown:
            reasons.append(f"unknown: {_listed(unknown)}")
        return Classification(
            classifier=self.name,
            label=self._label(score),
            confidence=known_share,
            reasons=reasons,
            evidence=evidence,
        )

    def _label(self, score: float) -> FitLabel:
        if score >= self.strong:
            return FitLabel.STRONG
        if score >= self.partial:
            return FitLabel.PARTIAL
        if score > 0 and score >= self.weak:
            return FitLabel.WEAK
        return FitLabel.NONE
