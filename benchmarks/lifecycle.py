"""Lifecycle benchmark: `Pipeline.send` against a hand-written baseline and the engine.

Measures, in one run and on the same leads:

- ``send``: `Pipeline.send` on the library's own `Lead`;
- ``baseline``: a dict ``(stage, event) -> target`` plus `attrs.evolve` of the same
  `Lead` with a `StageChange` appended (what a hand-written lifecycle costs);
- ``engine``: one python-statemachine instance per lead (what wrapping the engine
  naively costs), plus the same `attrs.evolve` to produce the new lead;
- ``send_many`` over many sample leads against the baseline loop over them;
- defining and compiling the B2B pipeline;
- memory: a python-statemachine instance per lead against what `send` allocates.

Run: ``python benchmarks/lifecycle.py`` (``--full`` for 1,000,000 leads in the bulk
test; the default is 200,000). Figures are medians of several repeats; ratios are
against the baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable
from collections.abc import Sequence

import attrs

import prospectlib as pl
from prospectlib import samples
from prospectlib.lifecycle import Pipeline
from prospectlib.lifecycle import b2b_pipeline
from prospectlib.lifecycle._pipeline import _Holder

AT = dt.datetime(2026, 6, 30, 12, 0, tzinfo=dt.UTC)
Row = tuple[str, float, str]


def per_lead_us(run: Callable[[], int], repeats: int) -> float:
    """Median microseconds per lead of *run* (which returns how many leads it did)."""
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        count = run()
        times.append((time.perf_counter() - start) / count * 1e6)
    return statistics.median(times)


def baseline_table(pipeline: Pipeline) -> dict[tuple[str, str], str]:
    """The hand-written lifecycle: (stage, event) -> target, nothing else."""
    return {(s, t.event): t.target for t in pipeline.transitions for s in t.sources}


def evolve_all(
    leads: list[pl.Lead],
    table: dict[tuple[str, str], str],
    event: str,
    reason: str | None = None,
) -> int:
    """The baseline: look the target up, append a StageChange with attrs.evolve."""
    evolve = attrs.evolve
    change_cls = pl.StageChange
    for lead in leads:
        target = table[lead.stage, event]
        change = change_cls(
            event=event, source=lead.stage, target=target, at=AT, reason=reason
        )
        evolve(lead, stage=target, history=(*lead.history, change))
    return len(leads)


def send_all(
    pipeline: Pipeline, leads: list[pl.Lead], event: str, reason: str | None = None
) -> int:
    """`Pipeline.send` on every lead."""
    send = pipeline.send
    for lead in leads:
        send(lead, event, at=AT, reason=reason)
    return len(leads)


def engine_all(pipeline: Pipeline, leads: list[pl.Lead], event: str) -> int:
    """One python-statemachine instance per lead, then the same evolve."""
    chart = pipeline.statechart
    for lead in leads:
        holder = _Holder(lead=lead, at=AT, state=lead.stage)
        chart(model=holder).send(event)
        target = holder.state or ""
        change = pl.StageChange(event=event, source=lead.stage, target=target, at=AT)
        attrs.evolve(lead, stage=target, history=(*lead.history, change))
    return len(leads)


def per_lead_rows(b2b: Pipeline, repeats: int) -> list[Row]:
    """Per-lead costs on realistic sample leads, guarded and unguarded events."""
    table = baseline_table(b2b)
    base = list(samples.leads(20_000, seed=1, at=AT - dt.timedelta(days=1)))
    sql = [attrs.evolve(lead, stage="sales_qualified") for lead in base]
    event = "open_opportunity"
    baseline = per_lead_us(lambda: evolve_all(sql, table, event), repeats)
    sent = per_lead_us(lambda: send_all(b2b, sql, event), repeats)
    engine = per_lead_us(lambda: engine_all(b2b, sql[:2_000], event), 1)
    qualifying = [
        lead for lead in base if b2b.check(lead, "qualify_marketing", at=AT).allowed
    ]
    g_base = per_lead_us(
        lambda: evolve_all(qualifying, table, "qualify_marketing"), repeats
    )
    g_sent = per_lead_us(
        lambda: send_all(b2b, qualifying, "qualify_marketing"), repeats
    )
    return [
        ("baseline: dict + attrs.evolve (unguarded)", baseline, "1.00x"),
        ("Pipeline.send (unguarded)", sent, f"{sent / baseline:.2f}x"),
        (
            "python-statemachine instance per lead",
            engine,
            f"{engine / baseline:.1f}x; send is {engine / sent:.0f}x faster",
        ),
        (f"baseline, guarded ({len(qualifying)} MQLs)", g_base, "1.00x"),
        ("Pipeline.send (guard evaluated)", g_sent, f"{g_sent / g_base:.2f}x"),
    ]


def bulk_rows(b2b: Pipeline, n: int, repeats: int) -> tuple[list[Row], float]:
    """send_many over *n* sample leads against the baseline loop."""
    table = baseline_table(b2b)
    start = time.perf_counter()
    bulk = list(samples.leads(n, seed=2, at=AT - dt.timedelta(days=1)))
    generated_s = time.perf_counter() - start

    def run_many() -> int:
        result = b2b.send_many(bulk, "disqualify", at=AT, reason="test")
        if result.failures:
            msg = f"{len(result.failures)} leads refused"
            raise RuntimeError(msg)
        return len(result.leads)

    baseline = per_lead_us(
        lambda: evolve_all(bulk, table, "disqualify", "test"), repeats
    )
    many = per_lead_us(run_many, repeats)
    rows = [
        (f"baseline loop over {n:,} sample leads", baseline, "1.00x"),
        (f"Pipeline.send_many over {n:,}", many, f"{many / baseline:.2f}x"),
    ]
    return rows, generated_s


def compile_ms() -> float:
    """Median time to define and compile the B2B pipeline."""
    times = []
    for _ in range(20):
        start = time.perf_counter()
        b2b_pipeline.__wrapped__()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def allocated_per_item(make: Callable[[], list[object]]) -> float:
    """Bytes allocated per item of the list *make* returns (tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    items = make()
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    return sum(s.size_diff for s in after.compare_to(before, "filename")) / len(items)


def main(argv: Sequence[str] | None = None) -> None:
    """Run every measurement and print the table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--full", action="store_true", help="1,000,000 leads in bulk")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    b2b = b2b_pipeline()
    rows = per_lead_rows(b2b, args.repeats)
    bulk, generated_s = bulk_rows(
        b2b, 1_000_000 if args.full else 200_000, 1 if args.full else 3
    )
    rows += bulk
    few = [
        attrs.evolve(lead, stage="sales_qualified")
        for lead in samples.leads(2_000, seed=3, at=AT - dt.timedelta(days=1))
    ]
    chart = b2b.statechart
    per_machine = allocated_per_item(
        lambda: [chart(model=_Holder(lead=x, at=AT, state=x.stage)) for x in few]
    )
    per_send = allocated_per_item(
        lambda: [b2b.send(x, "open_opportunity", at=AT) for x in few]
    )
    width = max(len(r[0]) for r in rows) + 2
    print(f"{'measurement':<{width}}{'µs/lead':>10}  ratio to baseline")
    for name, us, ratio in rows:
        print(f"{name:<{width}}{us:>10.2f}  {ratio}")
    print()
    print(f"generating the bulk sample: {generated_s:.1f} s")
    print(f"define + compile b2b_pipeline(): {compile_ms():.2f} ms (median of 20)")
    print(
        f"allocated per lead: a python-statemachine instance {per_machine / 1024:.1f}"
        f" KiB; Pipeline.send (the new Lead and its StageChange, no machinery)"
        f" {per_send / 1024:.2f} KiB"
    )


if __name__ == "__main__":
    main()
