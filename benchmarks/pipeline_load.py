"""Pipeline loading benchmark: `Pipeline(...)` against python-statemachine alone.

For a chain of *n* stages (each one event to the next, the last terminal), measures:

- ``Pipeline``: the library's own definition, checked and compiled: its checks, the
  python-statemachine chart (with the check that every stage reaches a final one
  switched off, since the library makes it itself in linear time) and the routing
  table;
- ``python-statemachine``: the same chart class built by python-statemachine alone,
  with every check it makes by default (the baseline).

Run: ``python benchmarks/pipeline_load.py`` (``--sizes 100 1000``). Figures are the
best of ``--repeats`` (3) runs, in seconds; the ratio is to the baseline measured in
the same run.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from collections.abc import Sequence

from statemachine import State
from statemachine import StateChart

import prospectlib as pl
from prospectlib.lifecycle import Pipeline
from prospectlib.lifecycle import Stage
from prospectlib.lifecycle import Transition


def library(n: int) -> Callable[[], object]:
    """Define the chain as a `Pipeline`."""
    ids = [f"s{k}" for k in range(n)]

    def make() -> object:
        return Pipeline(
            id="chain",
            stages=[
                Stage(id=sid, initial=k == 0, terminal=k == n - 1)
                for k, sid in enumerate(ids)
            ],
            transitions=[
                Transition(event=f"e{k}", sources=ids[k], target=ids[k + 1])
                for k in range(n - 1)
            ],
        )

    return make


def engine(n: int) -> Callable[[], object]:
    """Define the same chain as a python-statemachine chart, its checks on."""

    def make() -> object:
        states = {
            f"s{k}": State(f"S{k}", value=f"s{k}", initial=k == 0, final=k == n - 1)
            for k in range(n)
        }
        namespace: dict[str, object] = dict(states)
        for k in range(n - 1):
            namespace[f"e{k}"] = states[f"s{k}"].to(states[f"s{k + 1}"])
        return type("Chain", (StateChart,), namespace)

    return make


def best(make: Callable[[], object], repeats: int) -> float:
    """The shortest of *repeats* timed calls of *make*, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        make()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: Sequence[str] | None = None) -> None:
    """Time both definitions at each size and print the table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"prospectlib {pl.__version__}; best of {args.repeats}, in seconds")
    print(f"{'stages':>7}  {'Pipeline':>9}  {'python-statemachine':>20}  ratio")
    for n in args.sizes:
        ours = best(library(n), args.repeats)
        theirs = best(engine(n), args.repeats)
        print(f"{n:>7}  {ours:>9.3f}  {theirs:>20.3f}  {ours / theirs:.2f}x")


if __name__ == "__main__":
    main()
