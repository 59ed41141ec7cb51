"""Lifecycle benchmark: `Pipeline.send` against a hand-written baseline and the engine.

Measures, in one run and on the same leads:

- ``send``: `Pipeline.send` on the library's own `Lead`;
- ``baseline``: a dict ``(stage, event) -> target`` plus `attrs.evolve` of the same
  `Lead` with a `StageChange` appended (what a hand-written lifecycle costs);
- ``engine``: one python-statemachine instance per lead (what wrapping the engine
  naively costs), plus the same `attrs.evolve` to produce the new lead;
- ``send_many`` over many sample leads against the baseline loop over them;
- defining and compiling the B2B pipeline;
- memory: the engine's per-lead machine against the shared table.

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
from prospectlib.lifecycle import b2b_pipeline
from prospectlib.lifecycle._pipeline import _Holder

AT = dt.datetime(2026, 6, 30, 12, 0, tzinfo=dt.UTC)


def per_call_us(run: Callable[[], int], repeats: int) -> float:
    """Median microseconds per lead of *run* (which returns how many leads it did)."""
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        count = run()
        times.append((time.perf_counter() - start) / count * 1e6)
    return statistics.median(times)


def baseline_table(pipeline: pl.lifecycle.Pipeline) -> dict[tuple[str, str], str]:
    """The hand-written lifecycle: (stage, event) -> target, nothing else."""
    return {
        (source, t.event): t.target
        for t in pipeline.transitions
        for source in t.sources
    }


def main(argv: Sequence[str] | None = None) -> None:
    """Run every measurement and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="1,000,000 leads in bulk")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    bulk_n = 1_000_000 if args.full else 200_000

    b2b = b2b_pipeline()
    table = baseline_table(b2b)
    rows: list[tuple[str, float, str]] = []

    # Per lead: the unguarded 'open_opportunity' (SQL -> opportunity) on realistic leads.
    base = list(samples.leads(20_000, seed=1, at=AT - dt.timedelta(days=1)))
    sql = [attrs.evolve(lead, stage="sales_qualified") for lead in base]
    event = "open_opportunity"

    def run_send() -> int:
        send = b2b.send
        for lead in sql:
            send(lead, event, at=AT)
        return len(sql)

    def run_baseline() -> int:
        evolve = attrs.evolve
        change_cls = pl.StageChange
        for lead in sql:
            target = table[lead.stage, event]
            change = change_cls(event=event, source=lead.stage, target=target, at=AT)
            evolve(lead, stage=target, history=(*lead.history, change))
        return len(sql)

    chart = b2b.statechart
    few = sql[:2_000]

    def run_engine() -> int:
        evolve = attrs.evolve
        for lead in few:
            holder = _Holder(lead=lead, at=AT, state=lead.stage)
            machine = chart(model=holder)
            machine.send(event)
            change = pl.StageChange(
                event=event, source=lead.stage, target=holder.state or "", at=AT
            )
            evolve(lead, stage=holder.state, history=(*lead.history, change))
        return len(few)

    baseline_us = per_call_us(run_baseline, args.repeats)
    send_us = per_call_us(run_send, args.repeats)
    engine_us = per_call_us(run_engine, max(1, args.repeats // 2))
    rows += [
        ("baseline: dict + attrs.evolve (unguarded event)", baseline_us, "1.00x"),
        ("Pipeline.send (unguarded event)", send_us, f"{send_us / baseline_us:.2f}x"),
        (
            "python-statemachine instance per lead",
            engine_us,
            f"{engine_us / baseline_us:.2f}x (send is {engine_us / send_us:.0f}x faster)",
        ),
    ]

    # Per lead: the guarded 'qualify_marketing' on prospects that qualify.
    qualifying = [
        lead for lead in base if b2b.check(lead, "qualify_marketing", at=AT).allowed
    ]

    def run_guarded() -> int:
        send = b2b.send
        for lead in qualifying:
            send(lead, "qualify_marketing", at=AT)
        return len(qualifying)

    def run_guarded_baseline() -> int:
        evolve = attrs.evolve
        for lead in qualifying:
            target = table[lead.stage, "qualify_marketing"]
            change = pl.StageChange(
                event="qualify_marketing", source=lead.stage, target=target, at=AT
            )
            evolve(lead, stage=target, history=(*lead.history, change))
        return len(qualifying)

    g_base = per_call_us(run_guarded_baseline, args.repeats)
    g_send = per_call_us(run_guarded, args.repeats)
    rows += [
        (f"baseline, guarded event ({len(qualifying)} MQLs)", g_base, "1.00x"),
        ("Pipeline.send (guard evaluated)", g_send, f"{g_send / g_base:.2f}x"),
    ]

    # Bulk: send_many over many sample leads vs the baseline loop.
    gen_start = time.perf_counter()
    bulk = list(samples.leads(bulk_n, seed=2, at=AT - dt.timedelta(days=1)))
    gen_s = time.perf_counter() - gen_start

    def run_bulk_baseline() -> int:
        evolve = attrs.evolve
        out = []
        for lead in bulk:
            target = table.get((lead.stage, "disqualify"))
            change = pl.StageChange(
                event="disqualify",
                source=lead.stage,
                target=target,
                at=AT,
                reason="test",
            )
            out.append(evolve(lead, stage=target, history=(*lead.history, change)))
        return len(out)

    def run_bulk() -> int:
        result = b2b.send_many(bulk, "disqualify", at=AT, reason="test")
        assert not result.failures
        return len(result.leads)

    bulk_repeats = 1 if args.full else 3
    bulk_base = per_call_us(run_bulk_baseline, bulk_repeats)
    bulk_send = per_call_us(run_bulk, bulk_repeats)
    rows += [
        (f"baseline loop over {bulk_n:,} sample leads", bulk_base, "1.00x"),
        (
            f"Pipeline.send_many over {bulk_n:,}",
            bulk_send,
            f"{bulk_send / bulk_base:.2f}x",
        ),
    ]
    del bulk

    # Defining and compiling the B2B pipeline.
    compile_times = []
    for _ in range(20):
        start = time.perf_counter()
        b2b_pipeline.__wrapped__()
        compile_times.append((time.perf_counter() - start) * 1e3)
    compile_ms = statistics.median(compile_times)

    # Memory: machines per lead vs the shared table.
    tracemalloc.start()
    snapshot = tracemalloc.take_snapshot()
    machines = [
        chart(model=_Holder(lead=lead, at=AT, state=lead.stage)) for lead in few
    ]
    per_machine = sum(
        s.size_diff
        for s in tracemalloc.take_snapshot().compare_to(snapshot, "filename")
    ) / len(machines)
    del machines
    snapshot = tracemalloc.take_snapshot()
    moved = [b2b.send(lead, event, at=AT) for lead in few]
    per_send = sum(
        s.size_diff
        for s in tracemalloc.take_snapshot().compare_to(snapshot, "filename")
    ) / len(moved)
    tracemalloc.stop()

    width = max(len(r[0]) for r in rows) + 2
    print(f"{'measurement':<{width}}{'µs/lead':>10}  ratio to baseline")
    for name, us, ratio in rows:
        print(f"{name:<{width}}{us:>10.2f}  {ratio}")
    print()
    print(f"generating {bulk_n:,} sample leads: {gen_s:.1f} s")
    print(f"define + compile b2b_pipeline(): {compile_ms:.2f} ms (median of 20)")
    print(
        f"memory per lead: python-statemachine instance {per_machine / 1024:.1f} KiB; "
        f"send result (new Lead + StageChange, no machinery) {per_send / 1024:.2f} KiB"
    )


if __name__ == "__main__":
    main()
