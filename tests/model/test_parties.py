from decimal import Decimal

import pytest

import prospectlib as pl
from tests.helpers import only_problem


class TestLocation:
    def test_country_code_is_normalised_to_upper_case(self):
        """A lower-case ISO code is accepted and stored upper case."""
        assert pl.Location(country=" vn ", city="Hanoi").country == "VN"

    @pytest.mark.parametrize("country", ["XX", "Vietnam", "VNM", "", 84])
    def test_unknown_country_code_is_refused(self, country):
        """Only officially assigned ISO 3166-1 alpha-2 codes are countries."""
        with pytest.raises(pl.InvalidLeadError) as exc:
            pl.Location(country=country)
        assert only_problem(exc) == (
            "Location.country",
            "an ISO 3166-1 alpha-2 country code like 'VN'",
        )

    def test_a_location_must_say_something(self):
        """A location without country, region or city is refused."""
        with pytest.raises(pl.InvalidLeadError) as exc:
            pl.Location(postal_code="10000")
        assert only_problem(exc) == (
            "Location.country",
            "at least one of country, region or city",
        )

    def test_city_alone_is_enough(self):
        """A roofing company may only know its lead's city."""
        assert pl.Location(city="Da Nang").country is None


class TestPerson:
    def test_every_field_is_optional(self):
        """An anonymous person is allowed; record what is known."""
        person = pl.Person()
        assert person.email_domain is None
        assert person.interests == ()

    def test_full_person(self):
        """A B2C profile holds what a target profile looks at."""
        person = pl.Person(
            name="Mai",
            email="Mai@Example.COM",
            phone="+84 90 000 0000",
            job_title="Nurse",
            role="user",
            age=34,
            gender="female",
            income=42000,
            occupation="nurse",
            lifestyle=["family"],
            interests=("yoga", "travel"),
            values=["sustainability"],
            location=pl.Location(country="VN", city="Hanoi"),
            social_reach=1200,
        )
        assert person.email_domain == "example.com"
        assert person.role is pl.BuyingRole.USER
        assert person.income == Decimal(42000)
        assert person.lifestyle == ("family",)

    @pytest.mark.parametrize(
        ("kwargs", "path", "expected"),
        [
            ({"email": "no-at-sign"}, "Person.email", "an e-mail address like"),
            ({"email": "a@b"}, "Person.email", "an e-mail address like"),
            ({"email": 5}, "Person.email", "an e-mail address like"),
            ({"name": ""}, "Person.name", "a non-empty string"),
            ({"role": "boss"}, "Person.role", "one of 'decision_maker'"),
            (
                {"age": -1},
                "Person.age",
                "a whole number from 0 to 130 (got one outside)",
            ),
            ({"age": 131}, "Person.age", "a whole number from 0 to 130"),
            ({"age": 30.5}, "Person.age", "a whole number from 0 to 130 (got a value"),
            ({"age": True}, "Person.age", "a whole number from 0 to 130 (got a value"),
            ({"income": "-5"}, "Person.income", "a finite Decimal amount >= 0"),
            ({"income": "lots"}, "Person.income", "a Decimal amount >= 0 (got a value"),
            ({"income": float("inf")}, "Person.income", "a Decimal amount >= 0"),
            ({"income": Decimal("NaN")}, "Person.income", "a finite Decimal"),
            ({"interests": "yoga"}, "Person.interests", "a tuple of non-empty strings"),
            ({"interests": ["yoga", ""]}, "Person.interests[1]", "a non-empty string"),
            ({"location": "Hanoi"}, "Person.location", "a Location"),
            (
                {"social_reach": -3},
                "Person.social_reach",
                "a whole number >= 0 (got a neg",
            ),
            (
                {"social_reach": "3"},
                "Person.social_reach",
                "a whole number >= 0 (got a val",
            ),
        ],
    )
    def test_bad_fields(self, kwargs, path, expected):
        """Each bad person field is named with what was expected."""
        with pytest.raises(pl.InvalidLeadError) as exc:
            pl.Person(**kwargs)
        got_path, got_expected = only_problem(exc)
        assert got_path == path
        assert got_expected.startswith(expected)

    def test_float_income_keeps_its_decimal_digits(self):
        """A float income is converted through its repr, not its binary value."""
        assert pl.Person(income=1234.56).income == Decimal("1234.56")


class TestCompany:
    def test_company(self):
        """A fitting company for a logistics offer."""
        company = pl.Company(
            name="Acme",
            industry="logistics",
            employees=240,
            annual_revenue="12000000",
            location=pl.Location(country="DE"),
            company_type="smb",
            domain="acme.example",
        )
        assert company.annual_revenue == Decimal(12_000_000)

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"employees": -1}, "Company.employees"),
            ({"annual_revenue": -1}, "Company.annual_revenue"),
            ({"industry": " "}, "Company.industry"),
            ({"location": object()}, "Company.location"),
        ],
    )
    def test_bad_fields(self, kwargs, path):
        """Each bad company field is named."""
        with pytest.raises(pl.InvalidLeadError) as exc:
            pl.Company(**kwargs)
        assert only_problem(exc)[0] == path
