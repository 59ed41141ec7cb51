import datetime as dt
import math
import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import prospectlib as pl
from prospectlib import samples
from prospectlib import serialize
from prospectlib.classifiers import FREE_MAIL_DOMAINS
from prospectlib.classifiers import Market
from prospectlib.classifiers import MarketLabel
from prospectlib.strategies import aware_datetimes
from prospectlib.strategies import leads
from tests.helpers import T0
from tests.helpers import config_problem
from tests.helpers import lead

DEFAULT = Market()
B2B, B2C = MarketLabel.B2B, MarketLabel.B2C


def classify(
    lead_: pl.Lead, classifier: Market = DEFAULT
) -> pl.classifiers.Classification:
    return classifier.classify(lead_, at=T0)


class TestArticleExamples:
    def test_a_company_buyer_is_b2b(self):
        """A company buyer is B2B (the articles' example), with confidence."""
        buyer = lead(
            company=pl.Company(name="Acme", industry="logistics", employees=240),
            person=pl.Person(
                job_title="Procurement Manager",
                role="economic_buyer",
                email="an@acme.example",
            ),
        )
        c = classify(buyer)
        assert c.label is B2B
        assert c.confidence > 0.99

    def test_a_company_alone_is_b2b(self):
        """A Company on the lead is enough for B2B."""
        c = classify(lead(company=pl.Company()))
        assert c.label is B2B
        assert c.confidence == pytest.approx(math.tanh(2.6 / 2))

    def test_a_shopper_with_free_mail_is_b2c(self):
        """A person with a free-mail address and no company is B2C."""
        c = classify(lead(person=pl.Person(email="linh.tran@gmail.com")))
        assert c.label is B2C
        assert c.confidence == pytest.approx(math.tanh(2.4 / 2))

    def test_no_signal_is_b2c_with_low_confidence(self):
        """Individuals are the default buyer: no signal is B2C, confidence 0.2."""
        c = classify(lead())
        assert c.label is B2C
        assert c.confidence == pytest.approx(math.tanh(0.2))
        assert c.confidence < 0.25
        assert c.reasons == (
            (
                "no company, e-mail, buying role or hint: individuals are the "
                "default buyer"
            ),
        )


class TestSignals:
    def test_a_business_email_alone_is_b2b(self):
        """An address at a non-free-mail domain leans B2B."""
        c = classify(lead(person=pl.Person(email="an@acme.example")))
        assert c.label is B2B
        assert c.evidence["email"] == "business"

    @pytest.mark.parametrize("role", ["decision_maker", "economic_buyer", "gatekeeper"])
    def test_business_roles_lean_b2b(self, role):
        """Decision makers, economic buyers and gatekeepers suggest an organisation."""
        c = classify(lead(person=pl.Person(role=role)))
        assert c.label is B2B
        assert c.confidence == pytest.approx(math.tanh(0.6 / 2))

    @pytest.mark.parametrize("role", ["influencer", "champion", "user"])
    def test_other_roles_are_no_signal(self, role):
        """An influencer, champion or user may be a consumer: no signal."""
        c = classify(lead(person=pl.Person(role=role)))
        assert c.label is B2C
        assert c.evidence["role"] == role
        assert c.evidence["b2b_weight"] == 0.0

    @pytest.mark.parametrize("hint", ["b2b", "B2B", "b2B"])
    def test_a_b2b_hint_in_any_case(self, hint):
        """attributes['market'] = 'b2b' (any case) is B2B."""
        c = classify(lead(attributes={"market": hint}))
        assert c.label is B2B
        assert c.evidence["hint"] == "b2b"

    def test_a_b2c_hint_outweighs_a_company(self):
        """An explicit 'b2c' hint beats a company on record."""
        c = classify(lead(company=pl.Company(), attributes={"market": "b2c"}))
        assert c.label is B2C
        assert c.reasons == (
            "the hint attributes['market'] = 'b2c'",
            "despite a company on record",
        )

    def test_a_hint_is_as_strong_as_every_other_signal(self):
        """A 'b2c' hint against every B2B signal ties, and a tie is B2C."""
        c = classify(
            lead(
                company=pl.Company(),
                person=pl.Person(email="an@acme.example", role="gatekeeper"),
                attributes={"market": "b2c"},
            )
        )
        assert c.label is B2C
        assert c.evidence["b2b_weight"] == c.evidence["b2c_weight"] == 6.0
        assert c.reasons == (
            "the hint attributes['market'] = 'b2c'",
            "despite a company on record",
            "despite an e-mail at a business domain",
            "despite the buying role gatekeeper",
        )

    @pytest.mark.parametrize("value", ["enterprise", "", 1, True, None])
    def test_other_hint_values_are_ignored(self, value):
        """A hint that is not 'b2b' or 'b2c' counts for nothing."""
        c = classify(lead(attributes={"market": value}))
        assert c.evidence["hint"] is None
        assert c.evidence["log_odds_b2b"] == -0.4

    def test_the_hint_attribute_is_a_parameter(self):
        """hint_attribute names the key the hint is read from."""
        tuned = Market(hint_attribute="segment")
        hinted = lead(attributes={"segment": "b2b", "market": "b2c"})
        c = classify(hinted, tuned)
        assert c.label is B2B
        assert c.reasons == ("the hint attributes['segment'] = 'b2b'",)

    def test_a_company_with_free_mail_is_b2b_with_low_confidence(self):
        """Signals that disagree give a low confidence."""
        c = classify(lead(company=pl.Company(), person=pl.Person(email="an@gmail.com")))
        assert c.label is B2B
        assert c.confidence == pytest.approx(math.tanh(0.3))
        assert c.reasons == (
            "a company on record",
            "despite an e-mail at a free-mail provider",
        )

    def test_a_positive_prior_makes_no_signal_b2b(self):
        """A seller of business software may lean to B2B with a positive prior."""
        assert classify(lead(), Market(prior=1)).label is B2B

    def test_zero_weights_silence_a_signal(self):
        """A signal with weight 0 cannot move the label."""
        c = classify(lead(company=pl.Company()), Market(company_weight=0))
        assert c.label is B2C
        assert c.reasons == ("a company on record",)


class TestFreeMail:
    @pytest.mark.parametrize(
        "domain",
        [
            "gmail.com",
            "yahoo.com",
            "yahoo.co.uk",
            "outlook.com",
            "hotmail.fr",
            "icloud.com",
            "aol.com",
            "gmx.de",
            "gmx.net",
            "mail.ru",
            "yandex.ru",
            "qq.com",
            "163.com",
            "mail.example",
            "inbox.example",
            "webmail.example",
            "post.example",
        ],
    )
    def test_free_mail_providers_are_known(self, domain):
        """The documented providers, with wildcards and the samples' domains."""
        assert DEFAULT.is_free_mail(domain)

    @pytest.mark.parametrize(
        "domain",
        ["acme.example", "gmx", "mygmail.com", "gmail.com.evil", "example.com"],
    )
    def test_other_domains_are_business(self, domain):
        """Exact names match exactly; 'x.*' needs 'x.' at the start."""
        assert not DEFAULT.is_free_mail(domain)

    def test_upper_case_addresses_match(self):
        """Addresses are compared by their lower-case domain."""
        c = classify(lead(person=pl.Person(email="An@GMail.COM")))
        assert c.evidence["email"] == "free_mail"

    def test_the_list_is_a_parameter(self):
        """A custom list replaces the default one."""
        tuned = Market(free_mail_domains=["acme.example"])
        assert tuned.is_free_mail("acme.example")
        assert not tuned.is_free_mail("gmail.com")

    def test_the_default_list_is_lower_case_and_unique(self):
        """FREE_MAIL_DOMAINS holds each domain once, in lower case."""
        assert len(set(FREE_MAIL_DOMAINS)) == len(FREE_MAIL_DOMAINS)
        assert all(d == d.lower() for d in FREE_MAIL_DOMAINS)

    def test_samples_are_classified_by_their_world(self):
        """Every sample lead is B2B exactly when it has a company."""
        at = dt.datetime(2026, 6, 30, tzinfo=dt.UTC)
        for sample in samples.leads(300, seed=3, at=at):
            expected = B2B if sample.company is not None else B2C
            assert DEFAULT.classify(sample, at=at).label is expected


class TestEvidence:
    def test_evidence_holds_every_signal(self):
        """Evidence gives the log-odds, both weights and each signal."""
        c = classify(
            lead(
                company=pl.Company(),
                person=pl.Person(email="an@gmail.com", role="decision_maker"),
                attributes={"market": "b2b"},
            )
        )
        assert dict(c.evidence) == {
            "log_odds_b2b": pytest.approx(-0.4 + 6 + 3 - 2 + 1),
            "b2b_weight": 10.0,
            "b2c_weight": 2.0,
            "company": True,
            "email": "free_mail",
            "role": "decision_maker",
            "hint": "b2b",
        }

    def test_reasons_put_support_first_then_contrary_signals(self):
        """Supporting signals by weight, then contrary ones by weight."""
        c = classify(
            lead(
                company=pl.Company(),
                person=pl.Person(email="an@gmail.com", role="decision_maker"),
                attributes={"market": "b2b"},
            )
        )
        assert c.reasons == (
            "the hint attributes['market'] = 'b2b'",
            "a company on record",
            "the buying role decision maker",
            "despite an e-mail at a free-mail provider",
        )

    def test_the_answer_does_not_depend_on_at(self):
        """Who a lead is does not change with the time asked."""
        buyer = lead(company=pl.Company())
        later = T0 + dt.timedelta(days=400)
        assert DEFAULT.classify(buyer, at=T0) == DEFAULT.classify(buyer, at=later)

    def test_a_naive_at_is_refused(self):
        """Classifying at a naive datetime raises ValidationError."""
        with pytest.raises(pl.ValidationError, match="timezone-aware"):
            DEFAULT.classify(lead(), at=dt.datetime(2026, 3, 1))  # noqa: DTZ001


class TestParameters:
    def test_defaults(self):
        """The documented defaults."""
        fields = attrs.fields(Market)
        assert {f.name: getattr(DEFAULT, f.name) for f in fields if f.init} == {
            "name": "market",
            "hint_attribute": "market",
            "hint_weight": 6.0,
            "company_weight": 3.0,
            "email_weight": 2.0,
            "role_weight": 1.0,
            "prior": -0.4,
            "business_roles": (
                pl.BuyingRole.DECISION_MAKER,
                pl.BuyingRole.ECONOMIC_BUYER,
                pl.BuyingRole.GATEKEEPER,
            ),
            "free_mail_domains": FREE_MAIL_DOMAINS,
        }

    def test_roles_and_domains_are_converted(self):
        """Role strings become BuyingRole; lists become tuples; ints floats."""
        tuned = Market(
            business_roles="user", free_mail_domains=["a.example"], hint_weight=9
        )
        assert tuned.business_roles == (pl.BuyingRole.USER,)
        assert tuned.free_mail_domains == ("a.example",)
        assert tuned.hint_weight == 9.0
        assert type(tuned.hint_weight) is float

    @pytest.mark.parametrize(
        ("field", "value", "expected"),
        [
            ("name", " ", "a non-empty string"),
            ("hint_attribute", "", "a non-empty attribute name"),
            ("hint_attribute", None, "a non-empty attribute name"),
            ("hint_weight", -1, "a number >= 0"),
            ("company_weight", float("inf"), "a number >= 0"),
            ("email_weight", "2", "a number >= 0"),
            ("role_weight", None, "a number >= 0"),
            ("prior", float("nan"), "a finite number"),
            ("prior", "0", "a finite number"),
            ("business_roles", ["boss"], "a list of 'decision_maker'"),
            ("business_roles", 5, "a list of 'decision_maker'"),
            ("free_mail_domains", ["Gmail.com"], "lower-case e-mail domains"),
            ("free_mail_domains", ["a@b.com"], "lower-case e-mail domains"),
            ("free_mail_domains", ["*.com"], "lower-case e-mail domains"),
            ("free_mail_domains", [""], "lower-case e-mail domains"),
            ("free_mail_domains", [3], "lower-case e-mail domains"),
            ("free_mail_domains", "gmail.com", "lower-case e-mail domains"),
        ],
    )
    def test_bad_parameters_are_refused(self, field, value, expected):
        """A bad parameter raises InvalidConfigError naming Market.<field>."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            Market(**{field: value})
        problem = config_problem(exc)
        assert problem.path == f"Market.{field}"
        assert expected in problem.expected

    def test_round_trips_through_serialize(self):
        """A tuned classifier survives to_dict and from_dict unchanged."""
        for c in (
            DEFAULT,
            Market(name="market_eu", prior=0.5, free_mail_domains=["web.de", "gmx.*"]),
        ):
            loaded = serialize.from_dict(Market, serialize.to_dict(c))
            assert loaded == c
            assert loaded.is_free_mail("gmx.at") is c.is_free_mail("gmx.at")

    def test_pickles(self):
        """A classifier pickles, for workers in Dask or Spark, and answers alike."""
        copy = pickle.loads(pickle.dumps(DEFAULT))  # noqa: S301  # our own data
        assert copy == DEFAULT
        sample = pl.Lead(id="P", created_at=T0, company=pl.Company(employees=80))
        assert copy.classify(sample, at=T0) == DEFAULT.classify(sample, at=T0)

    def test_is_a_classifier(self):
        """Market satisfies the Classifier protocol."""
        assert isinstance(DEFAULT, pl.classifiers.Classifier)


@pytest.mark.slow
class TestProperties:
    @given(leads(), aware_datetimes())
    def test_total_on_any_valid_lead(self, any_lead, at):
        """Any valid lead gets B2B or B2C, a confidence in [0, 1], 1-4 reasons."""
        c = DEFAULT.classify(any_lead, at=at)
        assert c.label in MarketLabel
        assert 0 <= c.confidence <= 1
        assert 1 <= len(c.reasons) <= 4
        assert all(
            v is None or type(v) in (str, int, float, bool) for v in c.evidence.values()
        )

    @given(leads(), aware_datetimes(), pl.strategies.companies())
    def test_adding_a_company_never_turns_b2b_into_b2c(self, any_lead, at, company):
        """A company only ever pushes towards B2B."""
        with_company = attrs.evolve(any_lead, company=company)
        before = DEFAULT.classify(any_lead, at=at)
        after = DEFAULT.classify(with_company, at=at)
        assert not (before.label is B2B and after.label is B2C)

    @given(leads(), st.sampled_from(["b2b", "b2c"]))
    def test_a_hint_outweighs_email_and_role(self, any_lead, hint):
        """Without a company, the hint outweighs the e-mail and the role together."""
        hinted = attrs.evolve(
            any_lead,
            company=None,
            attributes={**any_lead.attributes, "market": hint},
        )
        assert DEFAULT.classify(hinted, at=T0).label.value == hint
