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
    missing = [name for name in DATASETS if not (DATA_DIR / name).is_file()]
    if missing:
        pytest.skip(
            f"real data not found: place these public datasets in {DATA_DIR}: "
            + "; ".join(f"{name} ({DATASETS[name]})" for name in missing)
        )
    return DATA_DIR


# The public datasets the realdata tests read, by file name, with where they come from.
DATASETS = {
    "xeducation_leads.csv": (
        "the X Education leads of the upGrad 'Lead Scoring Case Study'"
        " (Leads.csv, 9,240 rows)"
    ),
    "online_retail_invoices.csv": (
        "the UCI Machine Learning Repository 'Online Retail' data (id 352),"
        " one row per invoice"
    ),
    "cdnow_master.txt": (
        "Fader and Hardie's CDNOW master transactions, as shipped in the lifetimes"
        " package (CDNOW_master.txt)"
    ),
}
