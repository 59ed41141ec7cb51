"""Helpers shared by the test modules: fixed moments and small record builders.

Modules whose scenarios need another anchor (a Monday, a year of purchases, a
local time zone) keep their own ``T0``; the builders here that take a time
default to this module's `T0`.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

import prospectlib as pl

T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)
US = dt.timedelta(microseconds=1)
IST = dt.timezone(dt.timedelta(hours=5, minutes=30))
DOCS = Path(__file__).resolve().parent.parent / "docs"


def days(n: float) -> dt.timedelta:
    return dt.timedelta(days=n)


def act(activity: str, at: dt.datetime = T0) -> pl.Interaction:
    return pl.Interaction(activity=activity, at=at)


def buy(
    at: dt.datetime = T0, amount: str = "10.00", currency: str = "EUR"
) -> pl.Purchase:
    return pl.Purchase(at=at, amount=amount, currency=currency)


def move(event: str, source: str, target: str, at: dt.datetime) -> pl.StageChange:
    return pl.StageChange(event=event, source=source, target=target, at=at)


def lead(**fields: object) -> pl.Lead:
    """Lead ``L-1`` created at `T0`, with *fields*."""
    return pl.Lead(id="L-1", created_at=T0, **fields)  # type: ignore[arg-type]


def config_problem(exc: pytest.ExceptionInfo[pl.InvalidConfigError]) -> pl.Problem:
    """The one problem an `InvalidConfigError` reports."""
    (problem,) = exc.value.problems
    return problem


def only_problem(exc: pytest.ExceptionInfo[pl.InvalidLeadError]) -> tuple[str, str]:
    """Path and expectation of the one problem an `InvalidLeadError` reports."""
    (p,) = exc.value.problems
    return p.path, p.expected


def load_module(path: Path) -> ModuleType:
    """Import the file at *path* under its stem (for example code under docs/).

    The docs folders are not packages (``how-to`` is not even an identifier), so
    their modules are imported by path, once: later calls return the module kept
    in `sys.modules`.
    """
    name = path.stem
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]
