import datetime as dt
import decimal
import json
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import prospectlib as pl
from prospectlib import serialize
from prospectlib.classifiers import Classifier
from prospectlib.classifiers import PurchaseVolume
from prospectlib.classifiers import VolumeLabel
from prospectlib.classifiers import VolumeMeasure
from prospectlib.strategies import aware_datetimes
from prospectlib.strategies import leads
from prospectlib.strategies import purchases
from tests.helpers import US
from tests.helpers import config_problem
from tests.helpers import days

T0 = dt.datetime(2025, 1, 1, 9, 0, tzinfo=dt.UTC)
AT = dt.datetime(2026, 1, 1, 9, 0, tzinfo=dt.UTC)  # 365 days after T0
RECENT = AT - dt.timedelta(days=10)
DEFAULT = PurchaseVolume()
BY_QUANTITY = PurchaseVolume(measure="quantity")
RANK = {
    VolumeLabel.NONE: 0,
    VolumeLabel.LOW: 1,
    VolumeLabel.MEDIUM: 2,
    VolumeLabel.HIGH: 3,
}


def buy(
    amount: str | Decimal = "20.00",
    *,
    at: dt.datetime = RECENT,
    currency: str = "EUR",
    quantity: int = 1,
) -> pl.Purchase:
    return pl.Purchase(at=at, amount=amount, currency=currency, quantity=quantity)


def lead(*bought: pl.Purchase, created_at: dt.datetime = T0) -> pl.Lead:
    return pl.Lead(id="L-1", created_at=created_at, purchases=bought)


def classify(
    subject: pl.Lead, at: dt.datetime = AT, classifier: PurchaseVolume = DEFAULT
):
    return classifier.classify(subject, at=at)


def label(*bought: pl.Purchase, classifier: PurchaseVolume = DEFAULT) -> VolumeLabel:
    return classify(lead(*bought), classifier=classifier).label


class TestArticleExamples:
    """Buyers of different volumes, by the value of what they buy."""

    def test_big_spender_is_high(self):
        """A customer who spent 2,400 in the year is HIGH, and sure of it."""
        c = classify(lead(buy("1200.00"), buy("1200.00", at=AT - days(100))))
        assert c.label is VolumeLabel.HIGH
        assert c.confidence == 1.0
        assert c.reasons == (
            "spent 2,400.00 EUR in the last 365 days (high from 1,000.00)",
            "2 purchases counted",
        )

    def test_middling_spender_is_medium(self):
        """Spending 250 in the year is MEDIUM."""
        c = classify(lead(buy("250.00")))
        assert c.label is VolumeLabel.MEDIUM
        assert c.reasons[0] == (
            "spent 250.00 EUR in the last 365 days (medium from 100.00, "
            "high from 1,000.00)"
        )

    def test_small_spender_is_low(self):
        """A single 20-euro purchase is LOW."""
        c = classify(lead(buy("20.00")))
        assert c.label is VolumeLabel.LOW
        assert c.reasons[0] == (
            "spent 20.00 EUR in the last 365 days (medium from 100.00)"
        )

    def test_free_purchase_is_low_not_none(self):
        """A zero-value purchase (a free sample, a gift) is still a purchase: LOW."""
        c = classify(lead(buy("0")))
        assert c.label is VolumeLabel.LOW
        assert c.confidence == 1.0  # far below medium, known for the whole window

    def test_lead_that_never_bought_is_none(self):
        """No purchase at all is NONE, with certainty."""
        c = classify(lead())
        assert c.label is VolumeLabel.NONE
        assert c.confidence == 1.0
        assert c.reasons == ("no purchase in the last 365 days",)

    def test_purchases_only_before_the_window_are_none(self):
        """Big purchases more than a year ago do not count: NONE."""
        old = buy("5000.00", at=AT - days(400))
        c = classify(lead(old, created_at=AT - days(500)))
        assert c.label is VolumeLabel.NONE
        assert c.evidence["purchases_in_window"] == 0

    def test_many_units_by_quantity(self):
        """By quantity, a wholesaler's 150 units are HIGH, 3 units LOW."""
        c = classify(lead(buy(quantity=150)), classifier=BY_QUANTITY)
        assert c.label is VolumeLabel.HIGH
        assert c.reasons[0] == "bought 150 units in the last 365 days (high from 100)"
        one = classify(lead(buy(quantity=1)), classifier=BY_QUANTITY)
        assert one.reasons[0] == "bought 1 unit in the last 365 days (medium from 10)"


class TestThresholds:
    @pytest.mark.parametrize(
        ("amount", "expected"),
        [
            ("99.99", VolumeLabel.LOW),
            ("100", VolumeLabel.MEDIUM),
            ("999.99", VolumeLabel.MEDIUM),
            ("1000.00", VolumeLabel.HIGH),
        ],
    )
    def test_amount_thresholds_are_inclusive(self, amount, expected):
        """A total equal to a threshold reaches it; a cent less does not."""
        assert label(buy(amount)) is expected

    @pytest.mark.parametrize(
        ("quantity", "expected"),
        [
            (0, VolumeLabel.LOW),
            (9, VolumeLabel.LOW),
            (10, VolumeLabel.MEDIUM),
            (99, VolumeLabel.MEDIUM),
            (100, VolumeLabel.HIGH),
        ],
    )
    def test_quantity_thresholds_are_inclusive(self, quantity, expected):
        """Units bought are compared with 10 and 100, inclusive."""
        assert label(buy(quantity=quantity), classifier=BY_QUANTITY) is expected

    def test_purchases_add_up(self):
        """Several small purchases add up to a higher label."""
        small = [buy("40.00", at=AT - days(k)) for k in (1, 50, 100)]
        assert label(*small[:2]) is VolumeLabel.LOW
        assert label(*small) is VolumeLabel.MEDIUM

    def test_window_excludes_its_start_and_includes_at(self):
        """The window is ``(at - window, at]``."""
        edge = buy("500", at=AT - days(365))
        assert label(edge, buy("1", at=AT)) is VolumeLabel.LOW
        inside = buy("500", at=AT - days(365) + US)
        assert label(inside, buy("1", at=AT)) is VolumeLabel.MEDIUM

    def test_custom_thresholds_and_window(self):
        """A B2B seller can set its own thresholds and a shorter window."""
        b2b = PurchaseVolume(
            window=days(90), medium_amount=5_000, high_amount="50000.00"
        )
        assert label(buy("6000"), classifier=b2b) is VolumeLabel.MEDIUM
        assert label(buy("6000", at=AT - days(91)), classifier=b2b) is VolumeLabel.NONE

    def test_thresholds_of_the_chosen_measure(self):
        """``thresholds`` gives the (medium, high) pair that ``measure`` uses."""
        assert DEFAULT.thresholds == (Decimal(100), Decimal(1000))
        assert BY_QUANTITY.thresholds == (10, 100)


class TestCurrencies:
    def test_biggest_currency_decides_by_default(self):
        """Without ``currency``, each currency is added up alone; the largest counts."""
        c = classify(lead(buy("50", currency="EUR"), buy("500", currency="USD")))
        assert c.label is VolumeLabel.MEDIUM
        assert c.evidence["currency"] == "USD"
        assert c.evidence["amount_in_window"] == 500.0
        assert c.evidence["other_currency_purchases"] == 1
        assert c.reasons == (
            (
                "spent 500.00 USD in the last 365 days (medium from 100.00, "
                "high from 1,000.00)"
            ),
            "1 purchase counted",
            "1 purchase in other currencies not counted",
        )

    def test_amounts_in_different_currencies_are_never_added(self):
        """600 EUR and 600 USD are not 1,200 of anything: MEDIUM, not HIGH."""
        both = lead(buy("600", currency="EUR"), buy("600", currency="USD"))
        assert classify(both).label is VolumeLabel.MEDIUM

    def test_ties_go_to_more_purchases_then_the_later_code(self):
        """Equal totals: the currency with more purchases, then the later code."""
        c = classify(
            lead(
                buy("100", currency="USD"),
                buy("60", currency="EUR"),
                buy("40", currency="EUR"),
            )
        )
        assert c.evidence["currency"] == "EUR"
        c = classify(lead(buy("100", currency="USD"), buy("100", currency="EUR")))
        assert c.evidence["currency"] == "USD"

    def test_ignored_currencies_lower_the_confidence(self):
        """Confidence is scaled by the share of the window's purchases counted."""
        alone = classify(lead(buy("5000", currency="EUR")))
        mixed = classify(
            lead(buy("5000", currency="EUR"), *(buy("1", currency="VND"),) * 3)
        )
        assert alone.confidence == 1.0
        assert mixed.confidence == pytest.approx(0.25)
        assert mixed.reasons[-1] == "3 purchases in other currencies not counted"

    def test_configured_currency_counts_only_that_one(self):
        """With ``currency`` set, other currencies are left out, however big."""
        eur = PurchaseVolume(currency="EUR")
        c = classify(
            lead(buy("50", currency="EUR"), buy("5000", currency="USD")), classifier=eur
        )
        assert c.label is VolumeLabel.LOW
        assert c.evidence["currency"] == "EUR"

    def test_no_purchase_in_the_configured_currency_is_none(self):
        """Only other currencies bought: NONE, and the reasons say so."""
        jpy = PurchaseVolume(currency="JPY")
        c = classify(lead(buy("50", currency="EUR")), classifier=jpy)
        assert c.label is VolumeLabel.NONE
        assert c.confidence == 1.0
        assert c.reasons == (
            "no purchase in JPY in the last 365 days",
            "1 purchase in other currencies not counted",
        )

    def test_quantity_counts_every_currency_unless_one_is_set(self):
        """By quantity, units of every currency add up, unless ``currency`` is set."""
        mixed = lead(buy(currency="EUR", quantity=6), buy(currency="USD", quantity=6))
        c = classify(mixed, classifier=BY_QUANTITY)
        assert c.label is VolumeLabel.MEDIUM
        assert c.evidence["currency"] is None
        assert c.evidence["amount_in_window"] is None
        eur = attrs.evolve(BY_QUANTITY, currency="EUR")
        c = classify(mixed, classifier=eur)
        assert c.label is VolumeLabel.LOW
        assert c.evidence["amount_in_window"] == 20.0


class TestAsOf:
    def test_purchases_after_at_are_ignored(self):
        """Purchases dated after ``at`` change nothing."""
        past = lead(buy("20"))
        future = past.with_purchases(buy("9000", at=AT + days(1)))
        assert classify(future) == classify(past)

    def test_at_before_the_lead_was_created_is_none(self):
        """Before anything happened, the lead bought nothing."""
        assert classify(lead(buy("20", at=T0)), at=T0 - days(1)).label is (
            VolumeLabel.NONE
        )

    def test_window_reaching_before_year_one_counts_everything(self):
        """An ``at`` near the earliest datetime does not overflow the window."""
        start = dt.datetime(1, 1, 1, tzinfo=dt.UTC)
        subject = lead(buy("150", at=start), created_at=start)
        assert classify(subject, at=start + days(1)).label is VolumeLabel.MEDIUM

    def test_naive_at_is_refused(self):
        """A naive ``at`` raises `ValidationError` naming ``at``."""
        with pytest.raises(pl.ValidationError, match=r"^at: expected a timezone-aware"):
            DEFAULT.classify(lead(), at=dt.datetime(2026, 1, 1))  # noqa: DTZ001


class TestConfidenceAndEvidence:
    @pytest.mark.parametrize(
        ("amount", "expected"),
        [
            ("1000", 0.5),  # right on the high threshold
            ("1414.21356", 0.75),  # half-way (in log terms) to twice it
            ("2000", 1.0),  # twice the high threshold
            ("200", 1.0),  # twice medium, 5 times below high
            ("800", 0.5 + 0.25 * 0.32192809 + 0.25),  # 1.25 below high
            ("50", 1.0),  # half of medium
            ("100", 0.75),  # on the medium threshold: 0.5 + 0 + 0.25 (known)
        ],
    )
    def test_confidence_grows_with_distance_from_the_thresholds(self, amount, expected):
        """Twice (or half) the nearest threshold is sure; on a threshold, not."""
        assert classify(lead(buy(amount))).confidence == pytest.approx(expected)

    def test_new_lead_is_less_sure_of_low_and_medium(self):
        """A lead known for part of the window may still buy more."""
        young = lead(buy("20", at=AT - days(1)), created_at=AT - days(73))
        assert classify(young).confidence == pytest.approx(0.5 + 0.25 + 0.25 * 0.2)
        rich = lead(buy("5000", at=AT - days(1)), created_at=AT - days(73))
        assert classify(rich).confidence == 1.0

    def test_evidence_has_the_numbers_behind_the_label(self):
        """Evidence holds the measure, window, currency, totals and thresholds."""
        c = classify(lead(buy("120.50", quantity=3), buy("9.50", quantity=2)))
        assert dict(c.evidence) == {
            "measure": "amount",
            "window_days": 365.0,
            "currency": "EUR",
            "amount_in_window": 130.0,
            "quantity_in_window": 5,
            "purchases_in_window": 2,
            "other_currency_purchases": 0,
            "medium_from": 100.0,
            "high_from": 1000.0,
        }
        assert c.classifier == "purchase_volume"
        q = classify(lead(buy(quantity=3)), classifier=BY_QUANTITY)
        assert (q.evidence["medium_from"], q.evidence["high_from"]) == (10, 100)

    def test_huge_amounts_are_shown_short_and_kept_exact(self):
        """Amounts beyond a float's range stay exact (as text) in the evidence."""
        c = classify(lead(buy(Decimal("1E+400"))))
        assert c.label is VolumeLabel.HIGH
        assert c.evidence["amount_in_window"] == "1E+400"
        assert c.reasons[0].startswith("spent 1.000E+400 EUR")
        c = classify(lead(buy(Decimal("1E+20"))))
        assert c.evidence["amount_in_window"] == 1e20

    def test_sum_ignores_the_callers_decimal_context(self):
        """Totals are the same whatever decimal context the application set."""
        subject = lead(buy("99.40"), buy("0.55"))  # 99.95, or 1.0E+2 at prec=2
        with decimal.localcontext(prec=2):
            c = classify(subject)
        assert c.label is VolumeLabel.LOW
        assert c.evidence["amount_in_window"] == 99.95


def buyers(*amounts: str) -> list[pl.Lead]:
    return [
        pl.Lead(id=f"L-{k}", created_at=T0, purchases=[buy(a)] if a else [])
        for k, a in enumerate(amounts)
    ]


class TestFit:
    def test_thresholds_are_quantiles_of_the_buyers_totals(self):
        """Medium is the median buyer's total, high the 80th percentile's."""
        population = buyers(*(str(10 * k) for k in range(1, 11)))
        fitted = DEFAULT.fit(population, at=AT)
        assert (fitted.medium_amount, fitted.high_amount) == (
            Decimal(50),
            Decimal(80),
        )
        labels = [fitted.classify(p, at=AT).label for p in population]
        assert labels.count(VolumeLabel.LOW) == 4
        assert labels.count(VolumeLabel.HIGH) == 3

    def test_leads_without_spending_are_left_out(self):
        """Leads with nothing (or only free purchases) in the window do not count."""
        population = buyers("", "0", "0", "0", "10", "20", "30")
        fitted = DEFAULT.fit(population, at=AT)
        assert (fitted.medium_amount, fitted.high_amount) == (
            Decimal(20),
            Decimal(30),
        )

    def test_custom_quantiles(self):
        """Other quantiles can be asked for; 0 and 1 are the extremes."""
        population = buyers("10", "20", "30", "40")
        fitted = DEFAULT.fit(population, at=AT, medium_quantile=0, high_quantile=1)
        assert (fitted.medium_amount, fitted.high_amount) == (
            Decimal(10),
            Decimal(40),
        )

    def test_fit_by_quantity_changes_only_quantity_thresholds(self):
        """By quantity, the unit thresholds are fitted; the amount ones stay."""
        population = [lead(buy(quantity=q)) for q in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)]
        fitted = BY_QUANTITY.fit(population, at=AT)
        assert (fitted.medium_quantity, fitted.high_quantity) == (5, 8)
        assert fitted.thresholds == (5, 8)
        assert (fitted.medium_amount, fitted.high_amount) == (
            DEFAULT.medium_amount,
            DEFAULT.high_amount,
        )

    def test_fit_returns_a_copy_and_keeps_the_other_parameters(self):
        """`fit` leaves the classifier alone and keeps name, window and currency."""
        tuned = PurchaseVolume(window=days(90), currency="EUR", name="volume_eur")
        fitted = tuned.fit(buyers("10", "20"), at=AT)
        assert tuned == PurchaseVolume(
            window=days(90), currency="EUR", name="volume_eur"
        )
        assert (fitted.name, fitted.window, fitted.currency) == (
            "volume_eur",
            days(90),
            "EUR",
        )

    def test_fit_only_counts_up_to_at(self):
        """Purchases after ``at`` do not shape the thresholds."""
        population = [*buyers("10", "20"), lead(buy("999", at=AT + days(1)))]
        fitted = DEFAULT.fit(population, at=AT)
        assert fitted.high_amount == Decimal(20)

    def test_population_without_buyers_is_refused(self):
        """Fitting needs at least one lead that spent something."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            DEFAULT.fit(buyers("", "0"), at=AT)
        assert config_problem(exc).path == "leads"

    @pytest.mark.parametrize(
        ("options", "path"),
        [
            ({"medium_quantile": -0.1}, "PurchaseVolume.fit.medium_quantile"),
            ({"high_quantile": 1.5}, "PurchaseVolume.fit.high_quantile"),
            ({"high_quantile": "0.9"}, "PurchaseVolume.fit.high_quantile"),
            ({"medium_quantile": True}, "PurchaseVolume.fit.medium_quantile"),
            (
                {"medium_quantile": 0.9, "high_quantile": 0.5},
                "PurchaseVolume.fit.medium_quantile",
            ),
        ],
    )
    def test_bad_quantiles_are_refused(self, options, path):
        """Quantiles must be numbers from 0 to 1, medium at most high."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            DEFAULT.fit(buyers("10"), at=AT, **options)
        assert config_problem(exc).path == path

    def test_naive_at_is_refused(self):
        """`fit` needs a timezone-aware ``at`` too."""
        with pytest.raises(pl.ValidationError):
            DEFAULT.fit(buyers("10"), at=dt.datetime(2026, 1, 1))  # noqa: DTZ001


class TestParameters:
    def test_defaults_are_documented_values(self):
        """Defaults: 365 days, by amount, biggest currency, 100/1,000 and 10/100."""
        assert DEFAULT.window == days(365)
        assert DEFAULT.measure is VolumeMeasure.AMOUNT
        assert DEFAULT.currency is None
        assert (DEFAULT.medium_amount, DEFAULT.high_amount) == (100, 1000)
        assert (DEFAULT.medium_quantity, DEFAULT.high_quantity) == (10, 100)
        assert DEFAULT.name == "purchase_volume"

    def test_amounts_accept_ints_strings_and_floats(self):
        """Thresholds become `Decimal`: ints, numeric strings, floats by their repr."""
        v = PurchaseVolume(medium_amount=50, high_amount=" 500.5 ")
        assert (v.medium_amount, v.high_amount) == (Decimal(50), Decimal("500.5"))
        assert PurchaseVolume(medium_amount=19.99).medium_amount == Decimal("19.99")

    @pytest.mark.parametrize(
        ("field", "value", "expected"),
        [
            ("window", days(0), "a positive duration (timedelta)"),
            ("window", "P30D", "a positive duration (timedelta)"),
            ("measure", "weight", "one of 'amount', 'quantity'"),
            ("currency", "eur", "an ISO 4217 currency code like 'EUR', or None"),
            ("currency", 978, "an ISO 4217 currency code like 'EUR', or None"),
            ("medium_amount", 0, "a finite Decimal amount > 0"),
            ("medium_amount", "lots", "a finite Decimal amount > 0"),
            ("medium_amount", float("nan"), "a finite Decimal amount > 0"),
            ("medium_amount", Decimal("Infinity"), "a finite Decimal amount > 0"),
            ("high_amount", True, "a finite Decimal amount > 0"),
            ("high_amount", 50, "a value >= medium_amount"),
            ("medium_quantity", 0, "a whole number >= 1"),
            ("high_quantity", 2.5, "a whole number >= 1"),
            ("high_quantity", 5, "a value >= medium_quantity"),
            ("name", "", "a non-empty string"),
        ],
    )
    def test_bad_parameter_names_its_field(self, field, value, expected):
        """A bad parameter raises `InvalidConfigError` naming the field."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            PurchaseVolume(**{field: value})
        problem = config_problem(exc)
        assert problem.path == f"PurchaseVolume.{field}"
        assert problem.expected == expected

    def test_equal_thresholds_are_allowed(self):
        """High may equal medium: then nothing is MEDIUM."""
        flat = PurchaseVolume(medium_amount=100, high_amount=100)
        assert label(buy("100"), classifier=flat) is VolumeLabel.HIGH
        assert label(buy("99"), classifier=flat) is VolumeLabel.LOW

    def test_round_trips_through_serialize(self):
        """A tuned classifier survives ``to_dict`` → JSON → ``from_dict``."""
        tuned = PurchaseVolume(
            window=days(90),
            measure="quantity",
            currency="GBP",
            medium_amount="250.50",
            high_amount=2500,
            medium_quantity=12,
            high_quantity=144,
            name="volume_gbp",
        )
        data = json.loads(json.dumps(serialize.to_dict(tuned)))
        assert data["measure"] == "quantity"
        assert data["medium_amount"] == "250.50"
        assert serialize.from_dict(PurchaseVolume, data) == tuned
        assert serialize.from_dict(PurchaseVolume, serialize.to_dict(DEFAULT)) == (
            DEFAULT
        )

    def test_bad_dict_raises_invalid_config(self):
        """Loading a bad parameter raises `InvalidConfigError` with its path."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            serialize.from_dict(PurchaseVolume, {"medium_amount": "-5"})
        assert config_problem(exc).path.endswith("medium_amount")

    def test_is_a_classifier(self):
        """It satisfies the `Classifier` protocol and can be renamed."""
        assert isinstance(DEFAULT, Classifier)
        assert (
            classify(lead(), classifier=attrs.evolve(DEFAULT, name="v2")).classifier
            == "v2"
        )


WINDOW = {
    "since": dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
    "until": dt.datetime(2025, 12, 1, tzinfo=dt.UTC),
}
LEADS = leads(max_purchases=10, **WINDOW)
AROUND = aware_datetimes(
    min_value=dt.datetime(2025, 3, 1, tzinfo=dt.UTC),
    max_value=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
)
CURRENCIES = ("EUR", "USD")
# Amounts from cents to tens of thousands, so every label occurs.
AMOUNTS = st.one_of(
    *(st.decimals(min_value=0, max_value=top, places=2) for top in (150, 1500, 20_000))
)
SPENDING = st.builds(
    pl.Purchase,
    at=aware_datetimes(min_value=T0, max_value=AT),
    amount=AMOUNTS,
    currency=st.sampled_from(CURRENCIES),
    quantity=st.integers(0, 60),
)
BUYERS = st.lists(SPENDING, max_size=8).map(
    lambda bought: pl.Lead(id="B-1", created_at=T0, purchases=bought)
)
CLASSIFIERS = st.sampled_from(
    [
        DEFAULT,
        BY_QUANTITY,
        PurchaseVolume(currency="EUR"),
        PurchaseVolume(window=days(30), medium_amount=500, high_amount=5000),
    ]
)


@pytest.mark.slow
class TestProperties:
    @given(LEADS, AROUND, CLASSIFIERS)
    def test_total_with_valid_answer(self, subject, at, classifier):
        """Any valid lead gets a label, confidence in [0, 1], reasons, JSON evidence."""
        c = classifier.classify(subject, at=at)
        assert c.label in VolumeLabel
        assert 0 <= c.confidence <= 1
        assert 1 <= len(c.reasons) <= 4
        assert all(isinstance(r, str) and r for r in c.reasons)
        assert json.loads(json.dumps(dict(c.evidence))) == dict(c.evidence)

    @given(BUYERS, CLASSIFIERS, SPENDING)
    def test_more_spending_never_lowers_the_label(self, subject, classifier, extra):
        """Adding a purchase, in any currency, never lowers volume."""
        before = classifier.classify(subject, at=AT).label
        after = classifier.classify(subject.with_purchases(extra), at=AT).label
        assert RANK[after] >= RANK[before]

    @given(BUYERS.filter(lambda b: b.purchases), CLASSIFIERS, st.data())
    def test_a_bigger_purchase_never_lowers_the_label(self, subject, classifier, data):
        """Raising one purchase's amount and quantity never lowers volume."""
        index = data.draw(st.integers(0, len(subject.purchases) - 1))
        old = subject.purchases[index]
        bigger = attrs.evolve(
            old,
            amount=old.amount + data.draw(AMOUNTS),
            quantity=old.quantity + data.draw(st.integers(0, 60)),
        )
        changed = attrs.evolve(
            subject,
            purchases=(
                *subject.purchases[:index],
                bigger,
                *subject.purchases[index + 1 :],
            ),
        )
        before = classifier.classify(subject, at=AT).label
        assert RANK[classifier.classify(changed, at=AT).label] >= RANK[before]

    @given(LEADS, AROUND, st.data())
    def test_purchases_after_at_change_nothing(self, subject, at, data):
        """A purchase dated after ``at`` leaves the classification unchanged."""
        later = data.draw(
            purchases(
                since=max(at, subject.created_at) + US,
                until=WINDOW["until"] + days(400),
            )
        )
        assert DEFAULT.classify(subject.with_purchases(later), at=at) == (
            DEFAULT.classify(subject, at=at)
        )

    @given(st.lists(BUYERS, min_size=1, max_size=6), CLASSIFIERS)
    def test_fitted_thresholds_are_ordered_totals(self, population, classifier):
        """Fitted thresholds are some buyer's total, medium at most high."""
        counted = [classifier._count(p, AT).measure for p in population]
        totals = {t for t in counted if t is not None and t > 0}
        if not totals:
            with pytest.raises(pl.InvalidConfigError):
                classifier.fit(population, at=AT)
            return
        fitted = classifier.fit(population, at=AT)
        medium, high = fitted.thresholds
        assert medium <= high
        assert {medium, high} <= totals
