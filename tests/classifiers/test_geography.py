import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import prospectlib as pl
from prospectlib import serialize
from prospectlib.classifiers import Classifier
from prospectlib.classifiers import Geography
from prospectlib.classifiers import GeographyLabel
from prospectlib.classifiers import HomeMarket
from prospectlib.strategies import aware_datetimes
from prospectlib.strategies import leads
from prospectlib.strategies import locations
from tests.helpers import T0

LOCAL = GeographyLabel.LOCAL
REGIONAL = GeographyLabel.REGIONAL
NATIONAL = GeographyLabel.NATIONAL
INTERNATIONAL = GeographyLabel.INTERNATIONAL
UNKNOWN = GeographyLabel.UNKNOWN

AUSTIN = HomeMarket(country="US", region="Texas", city="Austin")
ROOFER = Geography(home=AUSTIN)


def at_place(
    country: str | None = None, region: str | None = None, city: str | None = None
) -> pl.Lead:
    place = pl.Location(country=country, region=region, city=city)
    return pl.Lead(id="L-1", created_at=T0, person=pl.Person(location=place))


def place(geo: Geography, *parts: str | None):
    return geo.classify(at_place(*parts), at=T0)


class TestArticleExample:
    def test_a_roofers_homeowner_lead_in_the_same_city_is_local(self):
        """A roofing company's homeowner lead in the same city is LOCAL."""
        homeowner = pl.Lead(
            id="H-1",
            created_at=T0,
            source="search",
            person=pl.Person(
                occupation="homeowner",
                location=pl.Location(
                    country="US", region="Texas", city="Austin", postal_code="78701"
                ),
            ),
            tags={"roof-repair"},
        )
        c = ROOFER.classify(homeowner, at=T0)
        assert (c.label, c.confidence) == (LOCAL, 1.0)
        assert c.reasons == ("in the home market's city",)


class TestLabels:
    @pytest.mark.parametrize(
        ("parts", "label", "reason"),
        [
            (("US", "Texas", "Austin"), LOCAL, "in the home market's city"),
            (
                ("US", "Texas", "Dallas"),
                REGIONAL,
                "in the home market's region, another city",
            ),
            (
                ("US", "California", "Austin"),
                NATIONAL,
                "in another region than the home market",
            ),
            (
                ("MX", "Texas", "Austin"),
                INTERNATIONAL,
                "in another country than the home market",
            ),
        ],
    )
    def test_a_fully_known_location_is_certain(self, parts, label, reason):
        """With every part known, the first difference decides, at confidence 1."""
        c = place(ROOFER, *parts)
        assert (c.label, c.confidence) == (label, 1.0)
        assert c.reasons == (reason,)

    def test_another_country_is_certain_whatever_else_is_missing(self):
        """Only a foreign country known: INTERNATIONAL at 1."""
        c = place(ROOFER, "DE")
        assert (c.label, c.confidence) == (INTERNATIONAL, 1.0)

    @pytest.mark.parametrize(
        "parts",
        [
            (" us", "  TEXAS ", "austin"),
            ("US", "texas", "  AUSTIN  "),
            ("US", "Texas", "Austin "),
        ],
    )
    def test_comparison_ignores_case_and_surrounding_space(self, parts):
        """City and region compare case-insensitively and trimmed."""
        assert place(ROOFER, *parts).label is LOCAL

    def test_inner_white_space_is_collapsed(self):
        """'New  York' and 'new york' are the same city."""
        geo = Geography(home=HomeMarket(country="US", city="New York"))
        assert place(geo, "US", None, "new   york").label is LOCAL

    def test_the_company_location_stands_in_for_the_persons(self):
        """Without a person's location, the company's is used and said so."""
        subject = pl.Lead(
            id="B-1",
            created_at=T0,
            person=pl.Person(job_title="Buyer"),
            company=pl.Company(
                name="Acme", location=pl.Location(country="US", region="Texas")
            ),
        )
        c = ROOFER.classify(subject, at=T0)
        assert c.label is REGIONAL
        assert c.evidence["location_from"] == "company"
        assert c.reasons[-1] == "uses the company's location (the person has none)"

    def test_the_persons_location_wins_over_the_companys(self):
        """A person's location is preferred to their company's."""
        subject = pl.Lead(
            id="B-1",
            created_at=T0,
            person=pl.Person(location=pl.Location(country="US", city="Austin")),
            company=pl.Company(location=pl.Location(country="JP")),
        )
        c = ROOFER.classify(subject, at=T0)
        assert c.label is LOCAL
        assert c.evidence["location_from"] == "person"


class TestUnknown:
    def test_no_location_is_unknown(self):
        """A lead without any location is UNKNOWN."""
        c = ROOFER.classify(pl.Lead(id="L", created_at=T0), at=T0)
        assert (c.label, c.confidence) == (UNKNOWN, 1.0)
        assert c.reasons == ("no location is known for the person or the company",)
        assert c.evidence["location_from"] is None

    def test_a_person_and_company_without_locations_are_unknown(self):
        """A person and a company that both lack a location give UNKNOWN."""
        subject = pl.Lead(
            id="L", created_at=T0, person=pl.Person(), company=pl.Company()
        )
        assert ROOFER.classify(subject, at=T0).label is UNKNOWN

    def test_without_a_home_market_everything_is_unknown(self):
        """The default Geography() has no home market and says so."""
        c = place(Geography(), "US", "Texas", "Austin")
        assert (c.label, c.confidence) == (UNKNOWN, 1.0)
        assert c.reasons == ("no home market is configured",)
        assert c.evidence["home_configured"] is False

    def test_a_location_with_nothing_comparable_is_unknown(self):
        """A region-only location against a country-only home market: UNKNOWN."""
        geo = Geography(home=HomeMarket(country="US"))
        c = place(geo, None, "Texas")
        assert (c.label, c.confidence) == (UNKNOWN, 1.0)
        assert c.reasons == ("the location cannot be compared with the home market",)


class TestPartialKnowledge:
    def test_only_the_country_known_is_national_with_low_confidence(self):
        """Same country, no region or city: NATIONAL at 0.4 (it may be closer)."""
        c = place(ROOFER, "US")
        assert (c.label, c.confidence) == (NATIONAL, 0.4)
        assert c.reasons == (
            "in the home market's country",
            "the location does not give the region or city",
        )
        assert c.evidence["missing_parts"] == 2

    def test_region_without_city_is_regional_and_less_sure(self):
        """Same region, city unknown: REGIONAL at 0.7."""
        c = place(ROOFER, "US", "Texas")
        assert (c.label, c.confidence) == (REGIONAL, 0.7)

    def test_same_city_without_region_is_local_and_less_sure(self):
        """Same country and city, region unknown: LOCAL at 0.7."""
        c = place(ROOFER, "US", None, "Austin")
        assert (c.label, c.confidence) == (LOCAL, 0.7)

    def test_same_city_name_alone_is_local_with_low_confidence(self):
        """Only a matching city name: LOCAL at 0.4."""
        c = place(ROOFER, None, None, "Austin")
        assert (c.label, c.confidence) == (LOCAL, 0.4)
        assert c.evidence["same_country"] is None

    def test_a_different_region_without_country_is_national_and_less_sure(self):
        """Another region, country unknown: NATIONAL at 0.7."""
        c = place(ROOFER, None, "Oregon")
        assert (c.label, c.confidence) == (NATIONAL, 0.7)

    def test_another_city_with_unknown_region_is_a_coin_toss(self):
        """Another city, region unknown: NATIONAL at half the confidence."""
        c = place(ROOFER, "US", None, "Dallas")
        assert (c.label, c.confidence) == (NATIONAL, 0.35)
        assert c.reasons[0] == (
            "in another city than the home market; the region is not compared"
        )

    def test_missing_parts_below_a_difference_do_not_matter(self):
        """Another region settles it: a missing city costs nothing."""
        c = place(ROOFER, "US", "Oregon")
        assert (c.label, c.confidence) == (NATIONAL, 1.0)
        assert len(c.reasons) == 1


class TestHomeMarketGranularity:
    def test_a_country_wide_home_market_makes_its_country_national_for_sure(self):
        """With only a country at home, a same-country lead is NATIONAL at 1."""
        geo = Geography(home=HomeMarket(country="VN"))
        c = place(geo, "VN", "Hanoi", "Hanoi")
        assert (c.label, c.confidence) == (NATIONAL, 1.0)

    def test_a_region_wide_home_market_never_says_local(self):
        """With a region but no city at home, a same-region lead is REGIONAL at 1."""
        geo = Geography(home=HomeMarket(country="US", region="TX"))
        c = place(geo, "US", "tx", "Austin")
        assert (c.label, c.confidence) == (REGIONAL, 1.0)
        assert c.evidence["same_city"] is None

    def test_a_city_without_region_at_home_leaves_other_cities_uncertain(self):
        """Home city but no home region: another city is NATIONAL at 0.5."""
        geo = Geography(home=HomeMarket(country="US", city="Austin"))
        c = place(geo, "US", "TX", "Dallas")
        assert (c.label, c.confidence) == (NATIONAL, 0.5)
        assert place(geo, "US", "TX", "Austin").label is LOCAL


class TestEvidence:
    def test_evidence_records_each_comparison(self):
        """Evidence says which parts matched, differed or could not be compared."""
        c = place(ROOFER, "US", None, "Dallas")
        assert dict(c.evidence) == {
            "home_configured": True,
            "location_from": "person",
            "same_country": True,
            "same_region": None,
            "same_city": False,
            "missing_parts": 1,
        }
        assert c.classifier == "geography"

    def test_evidence_never_echoes_the_leads_place_names(self):
        """No evidence value is a place name from the lead."""
        c = place(ROOFER, "US", "Texas", "Round Rock")
        assert "Round Rock" not in repr(c)


class TestAsOf:
    def test_at_is_only_checked(self):
        """A location has no date: any aware ``at`` gives the same answer."""
        subject = at_place("US", "Texas", "Austin")
        early = ROOFER.classify(subject, at=T0 - dt.timedelta(days=400))
        assert early == ROOFER.classify(subject, at=T0)

    def test_a_naive_at_is_refused(self):
        """A naive ``at`` raises a ValidationError."""
        with pytest.raises(pl.ValidationError, match="at: expected a timezone-aware"):
            ROOFER.classify(at_place("US"), at=dt.datetime(2026, 3, 1))  # noqa: DTZ001


class TestHomeMarket:
    def test_country_is_upper_cased_and_trimmed(self):
        """A lower-case country code is stored upper case."""
        assert HomeMarket(country=" vn ").country == "VN"

    def test_region_and_city_are_optional(self):
        """Only the country is required."""
        home = HomeMarket(country="FR")
        assert (home.region, home.city) == (None, None)

    @pytest.mark.parametrize(
        ("fields", "path", "expected"),
        [
            ({"country": "XX"}, "HomeMarket.country", "ISO 3166-1 alpha-2"),
            ({"country": None}, "HomeMarket.country", "ISO 3166-1 alpha-2"),
            ({"country": 1}, "HomeMarket.country", "ISO 3166-1 alpha-2"),
            ({"country": "US", "region": " "}, "HomeMarket.region", "non-empty"),
            ({"country": "US", "city": ""}, "HomeMarket.city", "non-empty"),
            ({"country": "US", "city": 7}, "HomeMarket.city", "non-empty"),
        ],
    )
    def test_bad_fields_name_their_path(self, fields, path, expected):
        """A bad part raises InvalidConfigError naming HomeMarket.field."""
        with pytest.raises(pl.InvalidConfigError, match=expected) as exc:
            HomeMarket(**fields)
        (problem,) = exc.value.problems
        assert problem.path == path

    def test_the_country_is_required(self):
        """A home market without a country is refused."""
        with pytest.raises(TypeError, match="country"):
            HomeMarket()  # type: ignore[call-arg]

    def test_round_trips_through_serialize(self):
        """to_dict then from_dict gives an equal home market."""
        assert serialize.to_dict(AUSTIN) == {
            "country": "US",
            "region": "Texas",
            "city": "Austin",
        }
        assert serialize.from_dict(HomeMarket, serialize.to_dict(AUSTIN)) == AUSTIN


class TestParameters:
    def test_defaults(self):
        """The default classifier is named 'geography' and has no home market."""
        assert Geography().name == "geography"
        assert Geography().home is None

    def test_is_a_classifier(self):
        """A Geography satisfies the Classifier protocol."""
        assert isinstance(ROOFER, Classifier)

    @pytest.mark.parametrize(
        ("field", "value", "expected"),
        [
            ("name", "", "a non-empty string"),
            ("name", None, "a non-empty string"),
            ("home", "US", "a HomeMarket or None"),
            ("home", pl.Location(country="US"), "a HomeMarket or None"),
        ],
    )
    def test_bad_parameters_name_their_field(self, field, value, expected):
        """A bad parameter raises InvalidConfigError naming Geography.field."""
        with pytest.raises(pl.InvalidConfigError, match=expected) as exc:
            Geography(**{field: value})
        (problem,) = exc.value.problems
        assert problem.path == f"Geography.{field}"

    @pytest.mark.parametrize("geo", [Geography(), ROOFER, Geography(name="geo_vn")])
    def test_round_trips_through_serialize(self, geo):
        """to_dict then from_dict gives an equal classifier."""
        assert serialize.from_dict(Geography, serialize.to_dict(geo)) == geo

    def test_a_bad_home_in_a_dict_names_its_path(self):
        """from_dict reports a bad home country as InvalidConfigError."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            serialize.from_dict(Geography, {"home": {"country": "XX"}})
        (problem,) = exc.value.problems
        assert problem.path == "Geography.home.country"


HOMES = st.builds(
    HomeMarket,
    country=st.sampled_from(["US", "VN", "DE"]),
    region=st.none() | st.sampled_from(["Texas", "texas ", "Hanoi", "Bavaria"]),
    city=st.none() | st.sampled_from(["Austin", "Hanoi", "Munich", " austin"]),
)


@pytest.mark.slow
class TestProperties:
    @given(HOMES, leads(), aware_datetimes())
    def test_total_and_well_formed(self, home, subject, at):
        """Any valid lead gets a label, a confidence in [0, 1] and 1-4 reasons."""
        c = Geography(home=home).classify(subject, at=at)
        assert isinstance(c.label, GeographyLabel)
        assert 0 <= c.confidence <= 1
        assert math.isfinite(c.confidence)
        assert 1 <= len(c.reasons) <= 4
        assert all(
            v is None or type(v) in {str, int, float, bool} for v in c.evidence.values()
        )

    @given(HOMES, locations())
    def test_another_country_is_always_international(self, home, where):
        """A location in another country is INTERNATIONAL, whatever else it says."""
        subject = pl.Lead(id="L", created_at=T0, person=pl.Person(location=where))
        c = Geography(home=home).classify(subject, at=T0)
        if where.country is not None and where.country != home.country:
            assert (c.label, c.confidence) == (INTERNATIONAL, 1.0)
        else:
            assert c.label is not INTERNATIONAL

    @given(HOMES)
    def test_the_home_market_itself_is_as_close_as_it_can_say(self, home):
        """A lead located exactly at the home market gets its finest label at 1."""
        subject = at_place(home.country, home.region, home.city)
        c = Geography(home=home).classify(subject, at=T0)
        expected = LOCAL if home.city else REGIONAL if home.region else NATIONAL
        assert (c.label, c.confidence) == (expected, 1.0)

    @given(HOMES, locations())
    def test_knowing_more_never_lowers_confidence_in_a_match(self, home, where):
        """Filling in a location's missing parts never lowers a label's confidence."""
        subject = pl.Lead(id="L", created_at=T0, person=pl.Person(location=where))
        geo = Geography(home=home)
        partial = geo.classify(subject, at=T0)
        completed = at_place(
            where.country or home.country,
            where.region or home.region,
            where.city or home.city,
        )
        full = geo.classify(completed, at=T0)
        if full.label is partial.label:
            assert full.confidence >= partial.confidence
