"""Scoring benchmark: `ScoreModel.score` against hand-inlined code and a naive engine.

Measures, in one run and on the same sample leads (generated once, reused):

- ``inlined``: a pure-Python function written by hand for the benchmark model
  below, computing the same total (the pure-Python limit, the baseline): enum
  members as module constants, the frequent activities tested first, the caps
  as clamps;
- ``score()``: `ScoreModel.score`, its contributions available (built lazily);
- ``score().contributions``: the same, then building every `Contribution` with
  its reason (what an explanation costs);
- ``naive``: a list of ``(criterion.test, points)`` callables plus, per signal, a
  loop over the interactions, then the caps (a first engine one would write).

Before timing, the inlined and naive totals are checked against ``score().total``
for every lead (within 1e-9), so all rows compute the same thing.

The benchmark model has 21 rules and signals of the usual mix: comparisons on
``company.employees``, ``company.industry`` and ``person.role``, evidence, tags,
an open objection; signals with half-lives, a window and count caps; a capped
``web`` and ``email`` group; fit and engagement limits. It has **no label
tests**: those run classifiers, whose cost is not the engine's (pass
precomputed ``labels=`` to `ScoreModel.score` to keep them out of the loop).

Run: ``python benchmarks/scoring.py`` (``--n`` sample leads, default 100,000;
``--repeats``, default 5). Each repeat times every row once, one after the
other, so a row and the baseline are measured moments apart; a figure is the
median of the repeats, and a ratio is the median of the repeats' own ratios to
the inlined function (paired, so a machine that slows down for a while moves
both sides of a ratio together).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import math
import os
import platform
import statistics
import time
from collections.abc import Callable
from collections.abc import Sequence

import prospectlib as pl
from prospectlib import criteria as cr
from prospectlib import samples
from prospectlib.scoring import Dimension
from prospectlib.scoring import Group
from prospectlib.scoring import Rule
from prospectlib.scoring import ScoreModel
from prospectlib.scoring import Signal

AT = dt.datetime(2026, 6, 30, 12, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)
INDUSTRIES = ("software", "logistics", "manufacturing", "finance")
Row = tuple[str, float, str]


def benchmark_model() -> ScoreModel:
    """The model measured: 11 rules and 10 signals, no label tests."""
    role = "person.role"
    employees = "company.employees"
    a = pl.Activity
    rules = (
        Rule(id="company_50_plus", points=10, when=cr.compare(employees, "ge", 50)),
        Rule(
            id="company_10_to_49",
            points=5,
            when=cr.all_of(
                cr.compare(employees, "ge", 10), cr.compare(employees, "lt", 50)
            ),
        ),
        Rule(
            id="target_industry",
            points=10,
            when=cr.compare("company.industry", "in", INDUSTRIES),
        ),
        Rule(
            id="decision_maker",
            points=10,
            when=cr.compare(role, "in", ["decision_maker", "economic_buyer"]),
        ),
        Rule(
            id="champion_or_influencer",
            points=5,
            when=cr.compare(role, "in", ["champion", "influencer"]),
        ),
        Rule(id="need_met", points=10, when=cr.has_evidence("need")),
        Rule(id="budget_met", points=5, when=cr.has_evidence("budget")),
        Rule(id="partner", points=5, when=cr.has_tag("partner-program")),
        Rule(id="competitor", points=-30, when=cr.has_tag("competitor")),
        Rule(
            id="student",
            points=-15,
            when=cr.compare("person.occupation", "eq", "student"),
        ),
        Rule(id="price_objection", points=-10, when=cr.has_open_objection("price")),
    )
    signals = (
        Signal(
            id="demo_or_quote",
            activities=(a.DEMO_REQUEST, a.QUOTE_REQUEST),
            points=20,
            half_life=30 * DAY,
        ),
        Signal(
            id="contact_request",
            activities=a.CONTACT_REQUEST,
            points=15,
            half_life=30 * DAY,
        ),
        Signal(
            id="webinar",
            activities=a.WEBINAR_ATTENDANCE,
            points=10,
            half_life=45 * DAY,
            max_count=3,
        ),
        Signal(
            id="case_study",
            activities=a.CASE_STUDY_DOWNLOAD,
            points=8,
            half_life=45 * DAY,
            max_count=3,
        ),
        Signal(
            id="pricing",
            activities=a.PRICING_PAGE_VIEW,
            points=5,
            half_life=14 * DAY,
            within=30 * DAY,
            max_count=3,
        ),
        Signal(
            id="email_click",
            activities=a.EMAIL_CLICK,
            points=2,
            half_life=14 * DAY,
            max_count=5,
        ),
        Signal(
            id="website_visit",
            activities=a.WEBSITE_VISIT,
            points=1,
            half_life=14 * DAY,
            group="web",
        ),
        Signal(
            id="page_view",
            activities=a.PAGE_VIEW,
            points=0.5,
            half_life=14 * DAY,
            group="web",
        ),
        Signal(
            id="email_open",
            activities=a.EMAIL_OPEN,
            points=0.5,
            half_life=14 * DAY,
            group="email",
        ),
        Signal(id="unsubscribe", activities=a.UNSUBSCRIBE, points=-20, max_count=1),
    )
    return ScoreModel(
        name="benchmark",
        rules=rules,
        signals=signals,
        groups=(Group(id="web", max=10), Group(id="email", max=5)),
        dimensions=(
            Dimension(id="fit", max=50, min=-50),
            Dimension(id="engagement", max=50, min=-50),
        ),
        max_total=100,
    )


# --- the hand-inlined baseline: the benchmark model written out as code --------------

_INDUSTRIES = frozenset(INDUSTRIES)
_DECISION_MAKERS = frozenset(
    {pl.BuyingRole.DECISION_MAKER, pl.BuyingRole.ECONOMIC_BUYER}
)
_INFLUENCERS = frozenset({pl.BuyingRole.CHAMPION, pl.BuyingRole.INFLUENCER})
_MET = pl.Verdict.MET
_PRICE = pl.ObjectionKind.PRICE
_A = pl.Activity
(
    _DEMO,
    _QUOTE,
    _CONTACT,
    _WEBINAR,
    _CASE_STUDY,
    _PRICING,
    _CLICK,
    _VISIT,
    _PAGE_VIEW,
    _OPEN,
    _UNSUBSCRIBE,
) = (
    _A.DEMO_REQUEST,
    _A.QUOTE_REQUEST,
    _A.CONTACT_REQUEST,
    _A.WEBINAR_ATTENDANCE,
    _A.CASE_STUDY_DOWNLOAD,
    _A.PRICING_PAGE_VIEW,
    _A.EMAIL_CLICK,
    _A.WEBSITE_VISIT,
    _A.PAGE_VIEW,
    _A.EMAIL_OPEN,
    _A.UNSUBSCRIBE,
)
_WANTED = frozenset(
    {
        _DEMO,
        _QUOTE,
        _CONTACT,
        _WEBINAR,
        _CASE_STUDY,
        _PRICING,
        _CLICK,
        _VISIT,
        _PAGE_VIEW,
        _OPEN,
        _UNSUBSCRIBE,
    }
)
_HL14 = (14 * DAY).total_seconds()
_HL30 = (30 * DAY).total_seconds()
_HL45 = (45 * DAY).total_seconds()
_WITHIN30 = (30 * DAY).total_seconds()


def _inlined_fit(lead: pl.Lead, at: dt.datetime) -> float:  # noqa: C901, PLR0912  # the model written out, one branch per rule
    fit = 0.0
    company = lead.company
    if company is not None:
        employees = company.employees
        if employees is not None:
            if employees >= 50:
                fit += 10.0
            elif employees >= 10:
                fit += 5.0
        if company.industry in _INDUSTRIES:
            fit += 10.0
    person = lead.person
    if person is not None:
        role = person.role
        if role in _DECISION_MAKERS:
            fit += 10.0
        elif role in _INFLUENCERS:
            fit += 5.0
        if person.occupation == "student":
            fit -= 15.0
    evidence = lead.evidence  # a FrozenMap: its get() is slow for a missing key
    if "need" in evidence:
        record = evidence["need"]
        if record.verdict is _MET and record.at <= at:
            fit += 10.0
    if "budget" in evidence:
        record = evidence["budget"]
        if record.verdict is _MET and record.at <= at:
            fit += 5.0
    tags = lead.tags
    if "partner-program" in tags:
        fit += 5.0
    if "competitor" in tags:
        fit -= 30.0
    for o in lead.objections:
        if (
            o.kind is _PRICE
            and o.raised_at <= at
            and (o.resolved_at is None or at < o.resolved_at)
        ):
            fit -= 10.0
            break
    return min(max(fit, -50.0), 50.0)


def _inlined_engagement(lead: pl.Lead, at: dt.datetime) -> float:  # noqa: C901, PLR0912  # the model written out, one branch per activity
    engagement = web = email = 0.0
    webinars = case_studies = pricing = clicks = unsubscribes = 0
    for item in reversed(lead.interactions):  # newest first, for the count caps
        activity = item.activity
        when = item.at
        if activity not in _WANTED or when > at:
            continue
        if activity is _UNSUBSCRIBE:
            if not unsubscribes:
                unsubscribes = 1
                engagement -= 20.0
            continue
        age = (at - when).total_seconds()
        if activity is _VISIT:  # the most frequent first
            web += 0.5 ** (age / _HL14)
        elif activity is _PAGE_VIEW:
            web += 0.5 * 0.5 ** (age / _HL14)
        elif activity is _OPEN:
            email += 0.5 * 0.5 ** (age / _HL14)
        elif activity is _CLICK:
            if clicks < 5:
                clicks += 1
                engagement += 2.0 * 0.5 ** (age / _HL14)
        elif activity is _PRICING:
            if age < _WITHIN30 and pricing < 3:
                pricing += 1
                engagement += 5.0 * 0.5 ** (age / _HL14)
        elif activity is _CONTACT:
            engagement += 15.0 * 0.5 ** (age / _HL30)
        elif activity is _CASE_STUDY:
            if case_studies < 3:
                case_studies += 1
                engagement += 8.0 * 0.5 ** (age / _HL45)
        elif activity is _WEBINAR:
            if webinars < 3:
                webinars += 1
                engagement += 10.0 * 0.5 ** (age / _HL45)
        else:  # a demo or quote request
            engagement += 20.0 * 0.5 ** (age / _HL30)
    engagement += min(web, 10.0) + min(email, 5.0)
    return min(max(engagement, -50.0), 50.0)


def inlined_total(lead: pl.Lead, at: dt.datetime) -> float:
    """The benchmark model's total, written out by hand."""
    return min(_inlined_fit(lead, at) + _inlined_engagement(lead, at), 100.0)


# --- the naive engine: a list of callables, a loop per signal -------------------------


def _clamp(value: float, low: float | None, high: float | None) -> float:
    if high is not None and value > high:
        return high
    if low is not None and value < low:
        return low
    return value


_NaiveSignal = tuple[
    frozenset[pl.Activity], float, float | None, float | None, int | None
]


def _naive_weight(lead: pl.Lead, at: dt.datetime, signal: _NaiveSignal) -> float:
    """One signal's decayed count: a loop over the interactions, newest first."""
    activities, _, half_life, within, cap = signal
    count, weight = 0, 0.0
    for item in reversed(lead.interactions):
        if item.activity not in activities or item.at > at:
            continue
        age = (at - item.at).total_seconds()
        if within is not None and age >= within:
            continue
        if cap is not None and count >= cap:
            break
        count += 1
        weight += 1.0 if half_life is None else 0.5 ** (age / half_life)
    return weight


def naive_engine(model: ScoreModel) -> Callable[[pl.Lead, dt.datetime], float]:
    """A first engine: call each rule's test, loop over interactions per signal."""
    rules = [(r.when.test, r.points) for r in model.rules if r.when]
    signals: list[_NaiveSignal] = [
        (
            frozenset(s.activities),
            s.points,
            None if s.half_life is None else s.half_life.total_seconds(),
            None if s.within is None else s.within.total_seconds(),
            s.max_count,
        )
        for s in model.signals
    ]
    # Where each rule and signal counts: its capped group, else its dimension.
    items = (*model.rules, *model.signals)
    places = [item.group or item.dimension for item in items]
    limits = {g.id: (g.min, g.max) for g in model.groups}
    limits.update({d.id: (d.min, d.max) for d in model.dimensions})
    dimension_of = {item.group: item.dimension for item in items if item.group}

    def total(lead: pl.Lead, at: dt.datetime) -> float:
        values = [points if test(lead, at=at) else 0.0 for test, points in rules]
        values += [s[1] * _naive_weight(lead, at, s) for s in signals]
        sums = dict.fromkeys(limits, 0.0)
        for place, value in zip(places, values, strict=True):
            sums[place] += value
        for group, dimension in dimension_of.items():
            sums[dimension] += _clamp(sums.pop(group), *limits[group])
        summed = math.fsum(_clamp(v, *limits[d]) for d, v in sums.items())
        return _clamp(summed, model.min_total, model.max_total)

    return total


# --- measuring ------------------------------------------------------------------------


def per_lead_us(runs: Sequence[Callable[[], int]], repeats: int) -> list[list[float]]:
    """Microseconds per lead of each of *runs*, each repeat timing them in turn.

    A run returns how many leads it did. The result has one list per run, one
    figure per repeat, so figures of one repeat can be compared (`paired`).
    """
    times: list[list[float]] = [[] for _ in runs]
    for _ in range(repeats):
        for run, out in zip(runs, times, strict=True):
            gc.collect()
            start = time.perf_counter()
            count = run()
            out.append((time.perf_counter() - start) / count * 1e6)
    return times


def paired(times: list[float], baseline: list[float]) -> float:
    """The median of the repeats' ratios of *times* to *baseline*."""
    return statistics.median(t / b for t, b in zip(times, baseline, strict=True))


def check_totals(
    model: ScoreModel,
    leads: list[pl.Lead],
    functions: dict[str, Callable[[pl.Lead, dt.datetime], float]],
) -> None:
    """Refuse to time functions that do not compute ``score().total`` (1e-9)."""
    for lead in leads:
        expected = model.score(lead, at=AT).total
        for name, function in functions.items():
            got = function(lead, AT)
            if abs(got - expected) > 1e-9:
                msg = f"{name} gives {got!r} for {lead.id}, score() {expected!r}"
                raise AssertionError(msg)


def score_all(model: ScoreModel, leads: list[pl.Lead]) -> int:
    """`ScoreModel.score` on every lead (contributions left unbuilt)."""
    score = model.score
    for lead in leads:
        score(lead, at=AT)
    return len(leads)


def explain_all(model: ScoreModel, leads: list[pl.Lead]) -> int:
    """`ScoreModel.score` on every lead, then its contributions."""
    score = model.score
    for lead in leads:
        score(lead, at=AT).contributions  # noqa: B018  # building them is the point
    return len(leads)


def total_all(
    function: Callable[[pl.Lead, dt.datetime], float], leads: list[pl.Lead]
) -> int:
    """*function* on every lead."""
    for lead in leads:
        function(lead, AT)
    return len(leads)


def main(argv: Sequence[str] | None = None) -> None:
    """Check the baselines, run every measurement and print the table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="sample leads")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    model = benchmark_model()
    naive = naive_engine(model)
    start = time.perf_counter()
    leads = list(samples.leads(args.n, seed=1, at=AT))
    generated_s = time.perf_counter() - start
    check_totals(model, leads, {"inlined_total": inlined_total, "naive": naive})
    repeats = args.repeats
    inlined, scored, explained, naive_us = per_lead_us(
        [
            lambda: total_all(inlined_total, leads),
            lambda: score_all(model, leads),
            lambda: explain_all(model, leads),
            lambda: total_all(naive, leads),
        ],
        repeats,
    )
    med = statistics.median
    rows: list[Row] = [
        ("inlined: the model written out by hand", med(inlined), "1.00x"),
        (
            "score() (contributions lazy)",
            med(scored),
            f"{paired(scored, inlined):.2f}x",
        ),
        ("score().contributions", med(explained), f"{paired(explained, inlined):.1f}x"),
        (
            "naive: list of callables",
            med(naive_us),
            f"{paired(naive_us, inlined):.2f}x",
        ),
    ]
    print(
        f"prospectlib {pl.__version__}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"model: {len(model.rules)} rules + {len(model.signals)} signals; "
        f"{len(leads):,} sample leads "
        f"({sum(len(x.interactions) for x in leads) / len(leads):.1f} interactions "
        f"each on average, generated in {generated_s:.1f} s); medians of {repeats}"
    )
    width = max(len(r[0]) for r in rows) + 2
    print(f"{'measurement':<{width}}{'µs/lead':>10}  ratio to inlined")
    for name, us, ratio in rows:
        print(f"{name:<{width}}{us:>10.2f}  {ratio}")


if __name__ == "__main__":
    main()
