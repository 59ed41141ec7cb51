"""How fast `prospectlib.samples.leads` makes leads, against the floor of building any.

The baseline builds the same number of minimal leads, ``Lead(id=..., created_at=...)``:
what constructing and validating a lead costs before it holds anything. The ratio says
how many minimal leads cost as much as one realistic sample lead (with its person,
company, interactions, purchases, objections, evidence and consent).

Rates are leads per second of CPU time, which a busy shared machine disturbs less than
the wall-clock time shown beside them.

Usage::

    python benchmarks/samples.py          # n = 100,000
    python benchmarks/samples.py --full   # also n = 1,000,000
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import time
from collections.abc import Callable

import prospectlib as pl
from prospectlib import samples

AT = dt.datetime(2026, 6, 30, 12, 0, tzinfo=dt.UTC)


def make_samples(n: int) -> None:
    """Generate and build *n* sample leads."""
    for _ in samples.leads(n, seed=1, at=AT):
        pass


def make_minimal(n: int) -> None:
    """Build *n* minimal leads with only an id and a creation time."""
    created = AT - dt.timedelta(days=30)
    for i in range(n):
        pl.Lead(id=f"L-{i + 1:07d}", created_at=created)


def measure(work: Callable[[int], None], n: int) -> tuple[float, float]:
    """CPU seconds and wall-clock seconds that *work* takes for *n* leads."""
    cpu, wall = time.process_time(), time.perf_counter()
    work(n)
    return time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    """Time both at each size and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="also time 1,000,000 leads")
    sizes = [100_000, 1_000_000] if parser.parse_args().full else [100_000]
    print(
        f"prospectlib {pl.__version__}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"{'n':>9}  {'samples.leads':>13}  {'cpu s':>6}  {'wall s':>6}  "
        f"{'minimal Lead':>13}  {'cpu s':>6}  {'wall s':>6}  {'ratio':>5}"
    )
    for n in sizes:
        sample_cpu, sample_wall = measure(make_samples, n)
        minimal_cpu, minimal_wall = measure(make_minimal, n)
        print(
            f"{n:>9,}  {n / sample_cpu:>11,.0f}/s  {sample_cpu:>6.1f}  "
            f"{sample_wall:>6.1f}  {n / minimal_cpu:>11,.0f}/s  {minimal_cpu:>6.1f}  "
            f"{minimal_wall:>6.1f}  {sample_cpu / minimal_cpu:>4.1f}x"
        )


if __name__ == "__main__":
    main()
