"""The table that ``python -m prospectlib demo`` prints, built as a string.

Everything here is a pure function of its arguments: no printing, no clock.
The table is a list of `Column` specs, so a new column (a stage, a label, a
score) is one more entry in `COLUMNS`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from decimal import Decimal

import attrs

from prospectlib import samples
from prospectlib.classifiers import default_registry
from prospectlib.lifecycle import Pipeline
from prospectlib.lifecycle import b2b_pipeline
from prospectlib.lifecycle import b2c_pipeline
from prospectlib.model import Lead
from prospectlib.scoring import Score
from prospectlib.scoring import default_model
from prospectlib.workflow import QualificationPolicy
from prospectlib.workflow import default_b2c_policy
from prospectlib.workflow import default_policy
from prospectlib.workflow import prioritize
from prospectlib.workflow import settle

__all__ = [
    "COLUMNS",
    "DEFAULT_AT",
    "DEFAULT_N",
    "DEFAULT_SEED",
    "LABEL_COLUMNS",
    "Column",
    "ago",
    "demo",
    "pipeline_for",
    "policy_for",
    "score_table",
    "table",
    "walk",
]

DEFAULT_N = 8
"""How many sample leads the demo shows unless told otherwise."""
DEFAULT_SEED = 58
"""The demo's default seed, picked because its first rows show a bit of everything:
both markets, customers, open objections, most tiers and a suggested next event."""
DEFAULT_AT = dt.datetime(2026, 6, 30, 12, 0, tzinfo=dt.UTC)
"""The demo's default "now": fixed, so that its output is reproducible."""

NONE = "—"
"""What an empty cell shows."""

_ZERO = Decimal(0)
_MINUTE = 60
_HOUR = 60 * _MINUTE
_DAY = 24 * _HOUR


@attrs.frozen(kw_only=True)
class Column:
    """One column of the demo table: its header and how to fill a lead's cell.

    Examples:
        >>> Column(header="stage", cell=lambda lead, at: lead.stage).header
        'stage'
    """

    header: str
    """The column's title."""
    cell: Callable[[Lead, dt.datetime], str]
    """The text of a lead's cell, given the lead and the table's "now"."""
    align: str = "<"
    """``"<"`` to align left, ``">"`` to align right."""


def ago(delta: dt.timedelta) -> str:
    """Say how long ago something was, in the largest whole unit.

    Examples:
        >>> ago(dt.timedelta(days=3, hours=5)), ago(dt.timedelta(minutes=90))
        ('3d ago', '1h ago')
        >>> ago(dt.timedelta(minutes=5)), ago(dt.timedelta(seconds=20))
        ('5m ago', 'just now')
        >>> ago(dt.timedelta(days=-2))
        'in 2d'
    """
    seconds = int(abs(delta.total_seconds()))
    if seconds < _MINUTE:
        return "just now"
    if seconds < _HOUR:
        amount = f"{seconds // _MINUTE}m"
    elif seconds < _DAY:
        amount = f"{seconds // _HOUR}h"
    else:
        amount = f"{seconds // _DAY}d"
    return f"in {amount}" if delta < dt.timedelta(0) else f"{amount} ago"


def pipeline_for(lead: Lead) -> Pipeline:
    """The demo's pipeline for *lead*: B2B when it has a company, else B2C.

    Examples:
        >>> t = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
        >>> pipeline_for(Lead(id="L-1", created_at=t)).id
        'b2c'
    """
    return b2b_pipeline() if lead.company is not None else b2c_pipeline()


def policy_for(lead: Lead) -> QualificationPolicy:
    """The demo's policy for *lead*: the default policy of its pipeline.

    Examples:
        >>> t = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
        >>> policy_for(Lead(id="L-1", created_at=t)).name
        'default_b2c'
    """
    return default_policy() if pipeline_for(lead).id == "b2b" else default_b2c_policy()


def walk(lead: Lead, *, at: dt.datetime) -> Lead:
    """Replay *lead*'s records up to *at*, following its pipeline's default policy.

    At each moment something happened (up to *at*), the policy's suggestion
    (`advance`) is applied, repeatedly, so a lead moves as it would have with
    the policy watching it. Events that need a person (accepting, opening an
    opportunity, winning, losing) are left to people. Samples start as
    ``"prospect"``; a B2C lead starts at the B2C pipeline's first stage
    instead. What the policy suggests *at* itself, with no new record, is the
    demo's "next event".

    Examples:
        >>> t = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
        >>> from prospectlib import Interaction, Purchase
        >>> shopper = Lead(
        ...     id="C-1",
        ...     created_at=t,
        ...     stage="visitor",
        ...     purchases=[
        ...         Purchase(at=t + dt.timedelta(days=3), amount="20", currency="EUR")
        ...     ],
        ... )
        >>> walked = walk(shopper, at=t + dt.timedelta(days=10))
        >>> walked.stage, walked.stage_entered_at.day
        ('customer', 4)
    """
    pipeline = pipeline_for(lead)
    policy = policy_for(lead)
    lead = pipeline.start(lead)
    times = [i.at for i in lead.interactions] + [p.at for p in lead.purchases]
    for moment in sorted({t for t in times if t <= at}):
        lead = settle(lead, pipeline, policy, at=moment).lead
    return lead


def _stage(lead: Lead, at: dt.datetime) -> str:  # noqa: ARG001  # a Column's signature
    return lead.stage


def _in_stage(lead: Lead, at: dt.datetime) -> str:
    return (
        ago(at - lead.stage_entered_at).removesuffix(" ago").replace("just now", "0m")
    )


def _market(lead: Lead, at: dt.datetime) -> str:  # noqa: ARG001  # a Column's signature
    return "B2B" if lead.company is not None else "B2C"


def _source(lead: Lead, at: dt.datetime) -> str:  # noqa: ARG001  # a Column's signature
    return lead.source.value


def _lead_id(lead: Lead, at: dt.datetime) -> str:  # noqa: ARG001  # a Column's signature
    return lead.id


def _last_activity(lead: Lead, at: dt.datetime) -> str:
    past = [i for i in lead.interactions if i.at <= at]
    if not past:
        return NONE
    last = past[-1]
    return f"{last.activity.value}, {ago(at - last.at)}"


def _purchases(lead: Lead, at: dt.datetime) -> str:
    totals: dict[str, Decimal] = {}
    count = 0
    for purchase in lead.purchases:
        if purchase.at <= at:
            count += 1
            totals[purchase.currency] = (
                totals.get(purchase.currency, _ZERO) + purchase.amount
            )
    if not count:
        return NONE
    amounts = " + ".join(
        f"{total:,.2f} {currency}" for currency, total in totals.items()
    )
    return f"{count} · {amounts}"


def _open_objections(lead: Lead, at: dt.datetime) -> str:
    kinds = dict.fromkeys(o.kind.value for o in lead.open_objections(at))
    return ", ".join(kinds) or NONE


MARKET_HEADER = "market (data)"
"""The market column's header: it reads the data, it is not a classifier."""

COLUMNS: tuple[Column, ...] = (
    Column(header="id", cell=_lead_id),
    Column(header=MARKET_HEADER, cell=_market),
    Column(header="source", cell=_source),
    Column(header="stage", cell=_stage),
    Column(header="in stage", cell=_in_stage, align=">"),
    Column(header="last activity", cell=_last_activity),
    Column(header="purchases", cell=_purchases),
    Column(header="open objections", cell=_open_objections),
)
"""The demo's columns, left to right."""


def _label(name: str) -> Callable[[Lead, dt.datetime], str]:
    def cell(lead: Lead, at: dt.datetime) -> str:
        answer = _CLASSIFIERS.get(name).classify(lead, at=at)
        return f"{answer.label.value} {answer.confidence:.1f}"

    return cell


_CLASSIFIERS = default_registry()
LABEL_COLUMNS: tuple[Column, ...] = (
    Column(header="id", cell=_lead_id),
    *(
        Column(header=header, cell=_label(name))
        for header, name in (
            ("market", "market"),
            ("frequency", "purchase_frequency"),
            ("volume", "purchase_volume"),
            ("influence", "influence"),
            ("profile fit", "profile_fit"),
            ("decision", "decision_stage"),
            ("acquisition", "acquisition"),
            ("qualification", "qualification_level"),
            ("temperature", "temperature"),
        )
    ),
)
"""The labels table: each built-in classifier's label and confidence per lead."""


def _factors(score: Score) -> str:
    """The strongest contribution each way, leaving out those under half a point."""
    top = score.top(1)
    shown = [c for c in (*top.positive, *top.negative) if abs(c.points) >= 0.5]  # noqa: PLR2004  # what rounds to 0
    return ", ".join(f"{c.points:+.0f} {c.id}" for c in shown) or NONE


def score_table(leads: Sequence[Lead], *, at: dt.datetime) -> str:
    """The scores table: score, tier, top factors, next event and priority.

    Each lead is scored with `default_model()`; the next event is its
    pipeline's default policy's suggestion; the priority is its place in
    `prioritize` over the same leads.

    Examples:
        >>> t = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
        >>> print(score_table([Lead(id="C-1", created_at=t, stage="visitor")], at=t))
        id   score  fit  engagement  tier  top factors  next event  priority
        ---  -----  ---  ----------  ----  -----------  ----------  --------
        C-1      0    0           0  D3    —            —                  1
    """
    model = default_model()
    ranks = {p.lead.id: p.rank for p in prioritize(leads, at=at, pipeline=pipeline_for)}
    rows: dict[str, tuple[str, ...]] = {}
    for lead in leads:
        score = model.score(lead, at=at)
        suggestion = policy_for(lead).suggest(
            lead, at=at, pipeline=pipeline_for(lead), score=score
        )
        rows[lead.id] = (
            f"{score.total:.0f}",
            f"{score.fit:.0f}",
            f"{score.engagement:.0f}",
            score.tier,
            _factors(score),
            suggestion.event or NONE,
            str(ranks[lead.id]),
        )

    def cell(k: int) -> Callable[[Lead, dt.datetime], str]:
        return lambda lead, _at: rows[lead.id][k]

    columns = [
        Column(header="id", cell=_lead_id),
        *(
            Column(header=header, cell=cell(k), align=align)
            for k, (header, align) in enumerate(
                (
                    ("score", ">"),
                    ("fit", ">"),
                    ("engagement", ">"),
                    ("tier", "<"),
                    ("top factors", "<"),
                    ("next event", "<"),
                    ("priority", ">"),
                )
            )
        ),
    ]
    return table(leads, at=at, columns=columns)


NOTES = (
    (
        f"{MARKET_HEADER}: B2B when the lead has a company, else B2C, read from the"
        " data (not a classifier's verdict)"
    ),
    (
        "stage: where the lead stands after replaying its records through the B2B"
        " or B2C pipeline with that pipeline's default policy; events that need a"
        " person (accepting, winning, losing) are left to people"
    ),
    "last activity, purchases and open objections: as of the time in the title",
    (
        "labels: each built-in classifier's label and its confidence (0 to 1), as of"
        " the time in the title; profile fit uses the default B2B target profile"
    ),
    (
        "score: the default score model's total, fit and engagement points; tier:"
        " fit grade A-D by engagement level 1-3; top factors: the strongest"
        " contribution each way"
    ),
    (
        "next event: what the pipeline's default policy suggests now; priority:"
        " the order to work the leads in (SLA overdue and hot first, dead last)"
    ),
)
"""Lines printed under the table."""


def table(
    leads: Iterable[Lead], *, at: dt.datetime, columns: Sequence[Column] = COLUMNS
) -> str:
    """Render *leads* as a fixed-width plain-text table, one row per lead.

    Examples:
        >>> t = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
        >>> columns = [c for c in COLUMNS if c.header in {"id", "stage", "in stage"}]
        >>> print(table([Lead(id="L-1", created_at=t)], at=t, columns=columns))
        id   stage     in stage
        ---  --------  --------
        L-1  prospect        0m
    """
    rows = [[column.cell(lead, at) for column in columns] for lead in leads]
    headers = [column.header for column in columns]
    widths = [
        max([len(header), *(len(row[k]) for row in rows)])
        for k, header in enumerate(headers)
    ]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            f"{cell:{column.align}{width}}"
            for cell, column, width in zip(cells, columns, widths, strict=True)
        ).rstrip()

    return "\n".join(
        [line(headers), line(["-" * width for width in widths]), *map(line, rows)]
    )


def demo(
    n: int = DEFAULT_N,
    *,
    seed: int = DEFAULT_SEED,
    at: dt.datetime = DEFAULT_AT,
    columns: Sequence[Column] = COLUMNS,
) -> str:
    """The demo's whole output: a title line, the table of sample leads, notes.

    Examples:
        >>> print(demo(2).splitlines()[0])
        prospectlib demo: 2 sample leads (seed 58, at 2026-06-30T12:00:00+00:00)
    """
    leads = [walk(lead, at=at) for lead in samples.leads(n, seed=seed, at=at)]
    leads_word = "lead" if n == 1 else "leads"
    title = (
        f"prospectlib demo: {n} sample {leads_word} (seed {seed}, at {at.isoformat()})"
    )
    return "\n".join(
        [
            title,
            "",
            table(leads, at=at, columns=columns),
            "",
            table(leads, at=at, columns=LABEL_COLUMNS),
            "",
            score_table(leads, at=at),
            "",
            *NOTES,
        ]
    )
