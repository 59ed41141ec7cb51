"""Real purchase histories: do the frequency and volume labels mean what they say?

Two public datasets (see ``../shared/data/README.md``), split in time into a
calibration period and a later holdout period. Each customer who bought in the
calibration period becomes a `Lead` with those purchases only (nothing of the
holdout can leak in) and is classified as of the end of the calibration period
with the default classifiers. The holdout then shows whether the labels mean
what they say: FREQUENT customers come back more often than OCCASIONAL ones,
OCCASIONAL more often than SPORADIC; HIGH-volume customers spend more than
MEDIUM ones, MEDIUM more than LOW.

- CDNOW (Fader & Hardie): calibration 1997-01-01..1997-09-30, holdout
  1997-10-01..1998-06-30, amounts in USD.
- UCI Online Retail (Chen, Sain & Guo 2012; CC BY 4.0): calibration
  2010-12-01..2011-06-30, holdout 2011-07-01..2011-12-09, amounts in GBP;
  cancellations and guest invoices are not purchases; holdout spend is net of
  the customer's holdout cancellations.

Run ``python -m pytest tests/classifiers/test_realdata.py -m realdata -s`` to
print the table that ``docs/explanation/real-data.md`` shows.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import prospectlib as pl
from prospectlib.classifiers import FrequencyLabel
from prospectlib.classifiers import PurchaseFrequency
from prospectlib.classifiers import PurchaseVolume
from prospectlib.classifiers import VolumeLabel

pytestmark = [pytest.mark.realdata, pytest.mark.slow]

UTC = dt.UTC
ZERO = Decimal(0)


@attrs.frozen
class Split:
    """One dataset split in time: calibration leads and what each did afterwards."""

    name: str
    currency: str
    calibration: tuple[dt.date, dt.date]
    holdout: tuple[dt.date, dt.date]
    leads: tuple[pl.Lead, ...]
    """One lead per customer who bought in the calibration period."""
    came_back: frozenset[str]
    """Ids of the leads who bought again in the holdout period."""
    holdout_spend: dict[str, Decimal]
    """Each lead's holdout spend (missing: nothing)."""

    @property
    def at(self) -> dt.datetime:
        """The last instant of the calibration period."""
        end = self.calibration[1]
        return dt.datetime(end.year, end.month, end.day, 23, 59, 59, tzinfo=UTC)


def _group(
    rows: Iterable[tuple[str, dt.datetime, int, Decimal]],
    refunds: Iterable[tuple[str, dt.datetime, Decimal]],
    cut: dt.date,
    currency: str,
) -> tuple[tuple[pl.Lead, ...], frozenset[str], dict[str, Decimal]]:
    """Group purchase *rows* (customer, time, quantity, amount) by customer.

    Purchases up to *cut* go into the leads; later ones count as holdout
    behaviour, net of later *refunds* (cancellations, negative amounts).
    """
    bought: defaultdict[str, list[pl.Purchase]] = defaultdict(list)
    came_back: set[str] = set()
    spend: defaultdict[str, Decimal] = defaultdict(Decimal)
    for customer, when, quantity, amount in rows:
        if when.date() <= cut:
            bought[customer].append(
                pl.Purchase(
                    at=when, amount=amount, currency=currency, quantity=quantity
                )
            )
        else:
            came_back.add(customer)
            spend[customer] += amount
    for customer, when, amount in refunds:
        if when.date() > cut:
            spend[customer] += amount
    leads = tuple(
        pl.Lead(
            id=customer, created_at=min(p.at for p in purchases), purchases=purchases
        )
        for customer, purchases in bought.items()
    )
    holdout_spend = {customer: max(value, ZERO) for customer, value in spend.items()}
    return leads, frozenset(came_back & bought.keys()), holdout_spend


def _cdnow(path: Path) -> Split:
    rows = []
    with path.open(newline="") as lines:
        next(lines)  # header
        for line in lines:
            customer, day, cds, dollars = line.split()
            when = dt.datetime(int(day[:4]), int(day[4:6]), int(day[6:]), tzinfo=UTC)
            rows.append((customer, when, int(cds), Decimal(dollars)))
    calibration = (dt.date(1997, 1, 1), dt.date(1997, 9, 30))
    leads, came_back, spend = _group(rows, (), calibration[1], "USD")
    return Split(
        name="CDNOW",
        currency="USD",
        calibration=calibration,
        holdout=(dt.date(1997, 10, 1), dt.date(1998, 6, 30)),
        leads=leads,
        came_back=came_back,
        holdout_spend=spend,
    )


def _online_retail(path: Path) -> Split:
    rows = []
    refunds = []
    with path.open(newline="", encoding="utf-8") as file:
        for record in csv.DictReader(file):
            customer = record["CustomerID"]
            if not customer:  # a guest invoice: nobody to follow
                continue
            when = dt.datetime.fromisoformat(record["InvoiceDate"]).replace(tzinfo=UTC)
            value = Decimal(record["TotalValue"])
            if record["IsCancellation"] == "1":
                refunds.append((customer, when, value))
            else:
                rows.append((customer, when, int(record["TotalQuantity"]), value))
    calibration = (dt.date(2010, 12, 1), dt.date(2011, 6, 30))
    leads, came_back, spend = _group(rows, refunds, calibration[1], "GBP")
    return Split(
        name="Online Retail",
        currency="GBP",
        calibration=calibration,
        holdout=(dt.date(2011, 7, 1), dt.date(2011, 12, 9)),
        leads=leads,
        came_back=came_back,
        holdout_spend=spend,
    )


@pytest.fixture(scope="module", params=["cdnow", "online_retail"])
def split(request: pytest.FixtureRequest, data_dir: Path) -> Split:
    if request.param == "cdnow":
        return _cdnow(data_dir / "cdnow_master.txt")
    return _online_retail(data_dir / "online_retail_invoices.csv")


@attrs.frozen
class Row:
    """The holdout behaviour of the customers who got one label."""

    label: str
    customers: int
    came_back: int
    spend: Decimal

    @property
    def repurchase_rate(self) -> float:
        return self.came_back / self.customers

    @property
    def mean_spend(self) -> Decimal:
        return self.spend / self.customers


def _rows(split: Split, label_of: Callable[[pl.Lead], str]) -> dict[str, Row]:
    """Per label: customers, how many came back, and their holdout spend."""
    groups: defaultdict[str, list[pl.Lead]] = defaultdict(list)
    for lead in split.leads:
        groups[label_of(lead)].append(lead)
    return {
        label: Row(
            label=label,
            customers=len(members),
            came_back=sum(lead.id in split.came_back for lead in members),
            spend=sum(
                (split.holdout_spend.get(lead.id, ZERO) for lead in members), ZERO
            ),
        )
        for label, members in groups.items()
    }


def _print(
    split: Split, title: str, rows: dict[str, Row], order: Iterable[str]
) -> None:
    """Print *rows* as the Markdown table the real-data docs page shows."""
    cal, hold = split.calibration, split.holdout
    print(  # noqa: T201  # the table is this test's report (run with -s)
        f"\n{split.name}: {title}, classified at {split.at.isoformat()} "
        f"(calibration {cal[0]}..{cal[1]}, holdout {hold[0]}..{hold[1]})\n"
        f"| label | customers | bought again in the holdout | "
        f"mean holdout spend ({split.currency}) |\n|---|---:|---:|---:|"
    )
    for label in order:
        if label in rows:
            row = rows[label]
            print(  # noqa: T201  # as above
                f"| {label} | {row.customers:,} | {row.repurchase_rate:.1%} | "
                f"{row.mean_spend:,.2f} |"
            )


class TestMapping:
    def test_every_calibration_customer_is_one_lead(self, split: Split):
        """Each customer who bought in the calibration period is one lead, once."""
        ids = [lead.id for lead in split.leads]
        assert len(ids) == len(set(ids))
        expected = {"CDNOW": 23_570, "Online Retail": 2_960}[split.name]
        assert len(ids) == expected

    def test_leads_hold_only_calibration_purchases(self, split: Split):
        """No purchase after the calibration period is in a lead (no leaking)."""
        assert all(
            lead.purchases[-1].at <= split.at and lead.created_at <= split.at
            for lead in split.leads
        )


class TestFrequencyOnRealData:
    def test_repurchase_rate_falls_from_frequent_to_sporadic(self, split: Split):
        """FREQUENT customers come back more often than OCCASIONAL, then SPORADIC."""
        classifier = PurchaseFrequency()
        rows = _rows(split, lambda lead: classifier.classify(lead, at=split.at).label)
        _print(split, "purchase_frequency (defaults)", rows, FrequencyLabel)
        frequent, occasional, sporadic = (
            rows[label]
            for label in (
                FrequencyLabel.FREQUENT,
                FrequencyLabel.OCCASIONAL,
                FrequencyLabel.SPORADIC,
            )
        )
        assert FrequencyLabel.NONE not in rows  # every lead bought
        assert min(r.customers for r in rows.values()) >= 100  # no tiny groups
        assert (
            frequent.repurchase_rate
            > occasional.repurchase_rate
            > sporadic.repurchase_rate
        )


class TestVolumeOnRealData:
    def test_holdout_spend_falls_from_high_to_low(self, split: Split):
        """HIGH-volume customers spend more in the holdout than MEDIUM, then LOW."""
        classifier = PurchaseVolume()
        rows = _rows(split, lambda lead: classifier.classify(lead, at=split.at).label)
        _print(split, "purchase_volume (defaults: 100 and 1,000)", rows, VolumeLabel)
        assert VolumeLabel.NONE not in rows
        high, medium, low = (
            rows[label]
            for label in (VolumeLabel.HIGH, VolumeLabel.MEDIUM, VolumeLabel.LOW)
        )
        assert high.mean_spend > medium.mean_spend > low.mean_spend

    def test_fitted_thresholds_order_holdout_spend_too(self, split: Split):
        """Thresholds fitted to the customers (50th, 80th percentiles) order spend."""
        classifier = PurchaseVolume().fit(split.leads, at=split.at)
        rows = _rows(split, lambda lead: classifier.classify(lead, at=split.at).label)
        _print(
            split,
            f"purchase_volume fitted (medium from {classifier.medium_amount}, "
            f"high from {classifier.high_amount})",
            rows,
            VolumeLabel,
        )
        high, medium, low = (
            rows[label]
            for label in (VolumeLabel.HIGH, VolumeLabel.MEDIUM, VolumeLabel.LOW)
        )
        assert high.mean_spend > medium.mean_spend > low.mean_spend
        # about half the customers are below the median, a fifth from the 80th
        # percentile on (ties and zero-value customers move a few)
        total = len(split.leads)
        assert low.customers / total == pytest.approx(0.5, abs=0.02)
        assert high.customers / total == pytest.approx(0.2, abs=0.02)
