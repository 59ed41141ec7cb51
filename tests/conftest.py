"""Shared test configuration: Hypothesis profiles and the real-data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import settings

# CI: more examples, no per-example deadline (shared machines have noisy clocks),
# and derandomized so a red run is reproducible from the log.
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev")
)

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The real public datasets (../shared/data); skips when they are absent."""
    if not DATA_DIR.is_dir():
        pytest.skip(
            f"real data folder not found at {DATA_DIR} (see that folder's README.md)"
        )
    return DATA_DIR
