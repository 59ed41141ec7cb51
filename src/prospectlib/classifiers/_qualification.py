"""Qualification level: how far a lead is qualified, read from its evidence."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import ClassVar

import attrs

from prospectlib import _convert
from prospectlib import _validate as v
from prospectlib.classifiers._base import Classification
from prospectlib.errors import InvalidConfigError
from prospectlib.model import Activity
from prospectlib.model import Lead
from prospectlib.model import StageChange
from prospectlib.model import Term
from prospectlib.model import Verdict
from prospectlib.model._require import require_lead_at
from prospectlib.model._terms import open_members
from prospectlib.qualification import BANT
from prospectlib.qualification import Assessment
from prospectlib.qualification import Framework


class QualificationLabel(enum.StrEnum):
    """How far a lead is qualified, from its evidence (`Qualification`).

    Examples:
        >>> QualificationLabel.MQL.value
        'mql'
    """

    UNQUALIFIED = "unqualified"
    """Nothing qualifies it yet."""
    IQL = "iql"
    """Information qualified: gave contact and company details for content."""
    MQL = "mql"
    """Marketing qualified: researching solutions."""
    SRL = "srl"
    """Sales ready / accepted: handed to sales and accepted."""
    SQL = "sql"
    """Sales qualified: the qualification framework passed."""


_DAY = dt.timedelta(days=1)

# The levels a lead can reach, lowest first (UNQUALIFIED is reaching none).
_LEVELS = (
    QualificationLabel.IQL,
    QualificationLabel.MQL,
    QualificationLabel.SRL,
    QualificationLabel.SQL,
)


# --- converters ---------------------------------------------------------------------


def _to_activities(
    value: Iterable[Activity | Term | str] | str,
) -> tuple[Activity | Term, ...]:
    """Activities from values or names, one alone or several."""
    expected = "a non-empty list of activities"
    return open_members(Activity, value, expected=expected, non_empty=True)


def _to_names(value: Iterable[str] | str) -> tuple[str, ...]:
    """A tuple of names from one name or an iterable of them."""
    expected = "a non-empty list of distinct non-empty strings"
    return v.texts(value, expected, single=True, non_empty=True, distinct=True)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _days(window: dt.timedelta) -> str:
    days = window / _DAY
    return f"{days:g} day" if days == 1 else f"{days:g} days"


# --- the classifier -----------------------------------------------------------------


@attrs.frozen(kw_only=True)
class _Facts:
    """What `Qualification` read from one lead as of a time."""

    content: int
    contact: bool
    company: bool
    research: int
    kinds: tuple[str, ...]
    accepted: bool
    accepted_by: str
    framework: Assessment


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class Qualification:
    """Qualification level: UNQUALIFIED, IQL, MQL, SRL or SQL, from the evidence.

    Each level is decided on its own evidence, as of ``at``:

    - **IQL** (information qualified): the lead gave contact details (an e-mail
      address or a phone number) and company details to get content: at least
      one of ``content_activities`` (a download, a form, a newsletter or webinar
      sign-up).
    - **MQL** (marketing qualified): the lead is researching solutions: at least
      ``research_min`` of ``research_activities`` (case studies, solution
      videos, webinars attended) within ``research_window``.
    - **SRL** (sales ready / accepted): sales accepted the lead: an
      ``accept_events`` event in its history, or the ``accepted_criterion``
      evidence met. The latest word wins: that evidence recorded *unmet* after
      the last acceptance means sales rejected it.
    - **SQL** (sales qualified): the qualification ``framework`` passed, as its
      `Framework.assess` says (`BANT` by default: 3 of 4 met, none unmet,
      authority also met by a decision maker's or economic buyer's role). It is
      the very guard of the B2B pipeline's ``qualify_sales``, so the two agree.

    The label is the highest level reached. A lower level is not required: a
    lead that sales qualified directly (a call, a trade fair) is SQL on its
    framework evidence alone. Lower levels reached as well make the answer
    surer: ``confidence = 0.5 + 0.25 * own + 0.25 * path``, where *own* is how
    fully the deciding level's evidence is there (SQL: the share of the
    framework's criteria met; MQL: research interactions over
    ``research_min + 1``; IQL and SRL: 1) and *path* the share of the levels
    below it also reached (1 for IQL). An UNQUALIFIED lead's confidence is
    ``1 - 0.5 * progress``, its progress being how close it came to any level
    (for SQL: the framework's criteria met over its ``min_met``).

    Examples:
        The practitioner articles' leads: an e-book downloader who gave contact and
        company details, a researcher, and a decision maker that sales
        accepted with budget and need met (authority is the role's):

        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> ebook = pl.Lead(
        ...     id="L-1",
        ...     created_at=t,
        ...     person=pl.Person(email="an@acme.example"),
        ...     company=pl.Company(name="Acme"),
        ...     interactions=[pl.Interaction(activity="content_download", at=t)],
        ... )
        >>> c = Qualification().classify(ebook, at=t)
        >>> c.label.value, c.confidence, c.reasons[0]
        ('iql', 1.0, 'gave contact and company details to get content (1 time)')
        >>> researcher = pl.Lead(
        ...     id="L-2",
        ...     created_at=t,
        ...     interactions=[
        ...         pl.Interaction(activity="solution_video_view", at=t),
        ...         pl.Interaction(activity="webinar_attendance", at=t),
        ...     ],
        ... )
        >>> Qualification().classify(researcher, at=t).label.value
        'mql'
        >>> buyer = pl.Lead(
        ...     id="L-3",
        ...     created_at=t,
        ...     person=pl.Person(role="decision_maker"),
        ...     evidence=[
        ...         pl.Evidence(criterion=k, verdict="met", at=t)
        ...         for k in ("budget", "need", "accepted")
        ...     ],
        ... )
        >>> c = Qualification().classify(buyer, at=t)
        >>> c.label.value, c.reasons[0]
        ('sql', 'BANT passed: 3 of 4 met (budget, authority, need)')
    """

    labels: ClassVar[type[QualificationLabel]] = QualificationLabel
    """The labels it answers with."""

    name: str = attrs.field(default="qualification_level", validator=v.text())
    """The registry name (default ``"qualification_level"``)."""
    content_activities: tuple[Activity | Term, ...] = attrs.field(
        default=(
            Activity.CONTENT_DOWNLOAD,
            Activity.FORM_SUBMISSION,
            Activity.NEWSLETTER_SIGNUP,
            Activity.WEBINAR_REGISTRATION,
        ),
        converter=_to_activities,
    )
    """What a lead gives its details for (IQL); default content downloads, form
    submissions, newsletter sign-ups and webinar registrations."""
    require_company: bool = attrs.field(default=True, validator=v.flag)
    """Whether IQL needs company details besides contact details (default true)."""
    research_activities: tuple[Activity | Term, ...] = attrs.field(
        default=(
            Activity.CASE_STUDY_DOWNLOAD,
            Activity.SOLUTION_VIDEO_VIEW,
            Activity.WEBINAR_ATTENDANCE,
        ),
        converter=_to_activities,
    )
    """What counts as researching solutions (MQL); default case study downloads,
    solution video views and webinar attendance."""
    research_window: dt.timedelta = attrs.field(
        default=90 * _DAY, validator=v.duration()
    )
    """How recent the research must be (default 90 days, ending at ``at``)."""
    research_min: int = attrs.field(default=1, validator=v.whole(1))
    """How many research interactions make an MQL (default 1)."""
    accept_events: tuple[str, ...] = attrs.field(
        default=("accept",), converter=_to_names
    )
    """History events by which sales accepts a lead (SRL); default ``accept``."""
    accepted_criterion: str = attrs.field(default="accepted", validator=v.text())
    """The evidence criterion that records sales' acceptance (default
    ``"accepted"``): met accepts, unmet rejects."""
    framework: Framework = attrs.field(
        default=BANT,
        validator=v.instance(
            Framework, "a Framework, e.g. prospectlib.qualification.BANT"
        ),
    )
    """The qualification framework that decides SQL (default
    `prospectlib.qualification.BANT`, the B2B pipeline's ``qualify_sales`` guard);
    e.g. `prospectlib.qualification.CHAMP`, or ``BANT.with_rule(min_met=4)``."""

    def classify(
        self, lead: Lead, *, at: dt.datetime
    ) -> Classification[QualificationLabel]:
        """The highest qualification level *lead* reached as of *at*.

        Examples:
            >>> import datetime as dt
            >>> import prospectlib as pl
            >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
            >>> c = Qualification().classify(pl.Lead(id="L", created_at=t), at=t)
            >>> c.label.value, c.confidence, c.evidence["framework_met"]
            ('unqualified', 1.0, 0)
        """
        require_lead_at(lead, at)
        facts = self._facts(lead, at)
        framework = facts.framework
        reached = (
            facts.content > 0
            and facts.contact
            and (facts.company or not self.require_company),
            facts.research >= self.research_min,
            facts.accepted,
            framework.passed,
        )
        top = max((i for i, ok in enumerate(reached) if ok), default=-1)
        if top < 0:
            label = QualificationLabel.UNQUALIFIED
            confidence = 1 - 0.5 * self._progress(facts)
            reasons = [self._reason(i, facts, reached=False) for i in range(4)]
        else:
            label = _LEVELS[top]
            own = (
                1.0,
                min(1.0, facts.research / (self.research_min + 1)),
                1.0,
                len(framework.met) / len(framework.criteria),
            )[top]
            path = sum(reached[:top]) / top if top else 1.0
            confidence = 0.5 + 0.25 * own + 0.25 * path
            reasons = [
                self._reason(i, facts, reached=True)
                for i in range(top, -1, -1)
                if reached[i]
            ]
            if top < len(_LEVELS) - 1:
                reasons.append(self._reason(top + 1, facts, reached=False))
        return Classification(
            classifier=self.name,
            label=label,
            confidence=confidence,
            reasons=reasons[:4],
            evidence={
                "content_for_details": facts.content,
                "contact_known": facts.contact,
                "company_known": facts.company,
                "research_in_window": facts.research,
                "accepted": facts.accepted,
                "framework_met": len(framework.met),
                "framework_unmet": len(framework.unmet),
                "framework_unknown": len(framework.unknown),
                "iql": reached[0],
                "mql": reached[1],
                "srl": reached[2],
                "sql": reached[3],
            },
        )

    # --- reading the lead ------------------------------------------------------------

    def _facts(self, lead: Lead, at: dt.datetime) -> _Facts:
        content = research = 0
        kinds: dict[str, None] = {}  # ordered and distinct
        window = self.research_window
        for item in lead.interactions:  # in time order
            if item.at > at:
                break
            activity = item.activity
            if activity in self.content_activities:
                content += 1
            # `at - item.at < window`, not `item.at > at - window`: no overflow.
            if activity in self.research_activities and at - item.at < window:
                research += 1
                kinds[activity.value] = None
        person = lead.person
        accepted, accepted_by = self._acceptance(lead, at)
        return _Facts(
            content=content,
            contact=person is not None
            and (person.email is not None or person.phone is not None),
            company=lead.company is not None,
            research=research,
            kinds=tuple(kinds),
            accepted=accepted,
            accepted_by=accepted_by,
            framework=self.framework.assess(lead, at=at),
        )

    def _acceptance(self, lead: Lead, at: dt.datetime) -> tuple[bool, str]:
        """Whether sales accepted the lead, and how it is known (for the reason)."""
        last: StageChange | None = None
        for change in lead.history:  # in time order
            if change.at > at:
                break
            if change.event in self.accept_events:
                last = change
        record = lead.evidence.get(self.accepted_criterion)
        if record is not None and record.at > at:
            record = None
        criterion = self.accepted_criterion
        if (
            record is not None
            and record.verdict is Verdict.UNMET
            and (last is None or record.at >= last.at)
        ):
            return False, f"rejected by sales ({criterion!r} evidence unmet)"
        if last is not None:
            return True, f"accepted by sales ({last.event!r} event)"
        if record is not None and record.verdict is Verdict.MET:
            return True, f"accepted by sales ({criterion!r} evidence met)"
        return False, "not accepted by sales"

    def _progress(self, facts: _Facts) -> float:
        """How close an unqualified lead came to any level, from 0 to 1."""
        parts = [facts.content > 0, facts.contact]
        if self.require_company:
            parts.append(facts.company)
        return max(
            sum(parts) / len(parts),
            facts.research / self.research_min,
            min(1.0, len(facts.framework.met) / self.framework.min_met),
        )

    # --- reasons ---------------------------------------------------------------------

    def _reason(self, level: int, facts: _Facts, *, reached: bool) -> str:
        """Why *level* (an index into the levels) was, or was not, reached."""
        if level == 0:
            return self._iql_reason(facts) if reached else self._iql_missing(facts)
        if level == 1:
            return self._mql_reason(facts) if reached else self._mql_missing(facts)
        if level == 2:  # noqa: PLR2004  # SRL: the acceptance says it either way
            return facts.accepted_by
        # The framework's own words: what its guard and `assess` say too.
        return facts.framework.summary

    @staticmethod
    def _iql_reason(facts: _Facts) -> str:
        details = "contact and company details" if facts.company else "contact details"
        return f"gave {details} to get content ({_plural(facts.content, 'time')})"

    def _iql_missing(self, facts: _Facts) -> str:
        missing = [
            what
            for what, known in (
                ("content for details", facts.content > 0),
                ("e-mail or phone", facts.contact),
                ("company details", facts.company or not self.require_company),
            )
            if not known
        ]
        return f"not information qualified (missing: {', '.join(missing)})"

    def _mql_reason(self, facts: _Facts) -> str:
        n = _plural(facts.research, "research interaction")
        return (
            f"researching solutions: {n} in the last {_days(self.research_window)}"
            f" ({', '.join(facts.kinds)})"
        )

    def _mql_missing(self, facts: _Facts) -> str:
        window = _days(self.research_window)
        if facts.research == 0:
            return f"no research in the last {window}"
        n = _plural(facts.research, "research interaction")
        return f"only {n} in the last {window} (needs {self.research_min})"
