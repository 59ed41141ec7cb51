"""prospectlib.serialize: dict and JSON round trips, strict input, every fault named."""

from __future__ import annotations

import copy
import datetime as dt
import json
import traceback
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import prospectlib as pl
from prospectlib import _convert
from prospectlib.serialize import from_dict
from prospectlib.serialize import from_json
from prospectlib.serialize import to_dict
from prospectlib.serialize import to_json

HANOI = dt.timezone(dt.timedelta(hours=7))
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=HANOI)


def day(n: int, hour: int = 9) -> dt.datetime:
    """A time *n* days after T0, at *hour* local time."""
    return T0 + dt.timedelta(days=n, hours=hour - 9)


def b2b_lead() -> pl.Lead:
    """A business lead met at a trade fair, with a bit of everything."""
    return pl.Lead(
        id="L-2026-0042",
        created_at=T0,
        source=pl.Source.EVENT,
        person=pl.Person(
            name="Nguyễn Thị Lan",
            email="lan.nguyen@haiphong-logistics.example",
            phone="+84 24 3825 1234",
            job_title="Head of Operations",
            role=pl.BuyingRole.DECISION_MAKER,
            age=41,
            income=Decimal("54000.00"),
            interests=("fleet routing", "warehousing"),
            location=pl.Location(country="VN", city="Hanoi"),
            social_reach=1800,
        ),
        company=pl.Company(
            name="Hai Phong Logistics JSC",
            industry="logistics",
            employees=240,
            annual_revenue=Decimal(12500000),
            location=pl.Location(country="VN", region="Hai Phong"),
            company_type="smb",
            domain="haiphong-logistics.example",
        ),
        interactions=[
            pl.Interaction(
                activity=pl.Activity.EVENT_VISIT,
                at=T0,
                channel=pl.Channel.IN_PERSON,
                detail="Vietnam Logistics Expo 2026, stand B12",
            ),
            pl.Interaction(activity=pl.Activity.CASE_STUDY_DOWNLOAD, at=day(2)),
            pl.Interaction(
                activity=pl.Activity.WEBINAR_ATTENDANCE,
                at=day(6, 15),
                channel=pl.Channel.WEB,
                value=3420.0,
                detail="Route planning 101",
            ),
            pl.Interaction(activity=pl.Activity.DEMO_REQUEST, at=day(8)),
        ],
        purchases=[
            pl.Purchase(
                at=day(30),
                amount=Decimal("4990.00"),
                currency="USD",
                quantity=10,
                product="Fleet seats (annual)",
                reference="INV-7781",
            ),
        ],
        objections=[
            pl.Objection(
                kind=pl.ObjectionKind.PRICE,
                raised_at=day(9),
                resolved_at=day(14),
                note="asked for a volume discount",
            ),
            pl.Objection(kind=pl.ObjectionKind.COMPETITOR, raised_at=day(10)),
        ],
        evidence=[
            pl.Evidence(criterion="need", verdict=pl.Verdict.MET, at=day(6)),
            pl.Evidence(
                criterion="budget", verdict=pl.Verdict.MET, at=day(12), note="20k"
            ),
            pl.Evidence(criterion="timing", verdict=pl.Verdict.UNKNOWN, at=day(12)),
        ],
        consent=[
            pl.Consent(
                channel=pl.Channel.EMAIL,
                status=pl.ConsentStatus.GRANTED,
                basis=pl.LawfulBasis.CONSENT,
                at=T0,
            ),
            pl.Consent(channel=pl.Channel.PHONE, status=pl.ConsentStatus.DENIED),
        ],
        stage="sales_qualified",
        history=[
            pl.StageChange(
                event="capture",
                source="prospect",
                target="information_qualified",
                at=day(2),
            ),
            pl.StageChange(
                event="qualify_marketing",
                source="information_qualified",
                target="marketing_qualified",
                at=day(6, 16),
                reason="attended webinar",
            ),
            pl.StageChange(
                event="qualify_sales",
                source="marketing_qualified",
                target="sales_qualified",
                at=day(12),
                actor="sdr:minh",
            ),
        ],
        tags={"trade-fair-2026", "vip", "apac"},
        attributes={
            "crm_id": "0015g00000XyZ",
            "seats": 10,
            "trial": True,
            "nps": 8.5,
            "churn_risk": None,
        },
    )


def lead_dict() -> dict[str, Any]:
    """The realistic lead as a fresh JSON-shaped dict (safe to modify)."""
    return json.loads(json.dumps(to_dict(b2b_lead())))


def problems_of(cls: type[Any], data: object) -> list[str]:
    """Load *data* and return every problem as ``path: expected ...`` text."""
    with pytest.raises(pl.InvalidLeadError) as info:
        from_dict(cls, data)
    return [str(problem) for problem in info.value.problems]


def paths_of(cls: type[Any], data: object) -> list[str]:
    """Load *data* and return the path of every problem."""
    with pytest.raises(pl.InvalidLeadError) as info:
        from_dict(cls, data)
    return [problem.path for problem in info.value.problems]


def json_types_only(value: object) -> bool:
    """Whether *value* holds only dict/list/str/int/float/bool/None, all the way."""
    if isinstance(value, dict):
        return all(type(k) is str and json_types_only(v) for k, v in value.items())
    if isinstance(value, list):
        return all(json_types_only(item) for item in value)
    return type(value) in {str, int, float, bool, type(None)}


LEAD = b2b_lead()
PARTS = {
    "Lead": LEAD,
    "Person": LEAD.person,
    "Company": LEAD.company,
    "Location": LEAD.company.location if LEAD.company else None,
    "Interaction": LEAD.interactions[2],
    "Purchase": LEAD.purchases[0],
    "Objection": LEAD.objections[0],
    "Evidence": LEAD.evidence["budget"],
    "Consent": LEAD.consent[pl.Channel.EMAIL],
    "StageChange": LEAD.history[1],
}


class TestRoundTrip:
    def test_realistic_lead_round_trips_exactly(self):
        """A lead with every kind of part loads back equal to the original."""
        assert from_dict(pl.Lead, to_dict(LEAD)) == LEAD

    @pytest.mark.parametrize("name", sorted(PARTS))
    def test_every_model_type_round_trips(self, name):
        """Each model type loads back from its own dict, equal and of its type."""
        value = PARTS[name]
        loaded = from_dict(type(value), to_dict(value))
        assert loaded == value
        assert type(loaded) is type(value)

    def test_dump_load_dump_is_identical(self):
        """Dumping what was loaded gives exactly the same data and JSON text."""
        first = to_dict(LEAD)
        second = to_dict(from_dict(pl.Lead, first))
        assert second == first
        assert json.dumps(second) == json.dumps(first)

    def test_minimal_lead_round_trips(self):
        """A lead with only the required fields round-trips too."""
        lead = pl.Lead(id="L-1", created_at=T0)
        assert from_dict(pl.Lead, to_dict(lead)) == lead

    def test_offset_survives(self):
        """A datetime keeps its UTC offset through the round trip."""
        loaded = from_dict(pl.Lead, to_dict(LEAD))
        assert loaded.created_at.utcoffset() == dt.timedelta(hours=7)

    def test_whole_number_in_a_float_field_dumps_stably(self):
        """An int given for a float field is read as a float and written as one."""
        interaction = pl.Interaction(activity="page_view", at=T0, value=3)
        data = to_dict(interaction)
        assert data["value"] == 3.0
        assert type(data["value"]) is float
        assert to_dict(from_dict(pl.Interaction, data)) == data

    def test_out_of_order_lists_are_sorted_on_load(self):
        """Interactions given out of time order come back sorted, as the model does."""
        data = lead_dict()
        data["interactions"].reverse()
        loaded = from_dict(pl.Lead, data)
        assert loaded.interactions == LEAD.interactions

    def test_python_decimal_is_accepted(self):
        """A caller's own Decimal instance is taken as it is."""
        data = to_dict(PARTS["Purchase"])
        data["amount"] = Decimal("12.5")
        assert from_dict(pl.Purchase, data).amount == Decimal("12.5")


class TestShapes:
    def test_output_is_json_compatible(self):
        """The dict holds only JSON types and survives json.dumps/json.loads."""
        data = to_dict(LEAD)
        assert json_types_only(data)
        assert json.loads(json.dumps(data)) == data

    def test_every_field_is_written_in_order(self):
        """Every field appears, defaults included, in the declared field order."""
        data = to_dict(pl.Lead(id="L-1", created_at=T0))
        assert list(data) == [field.name for field in attrs.fields(pl.Lead)]
        assert data["person"] is None
        assert data["interactions"] == []
        assert data["evidence"] == []
        assert data["tags"] == []
        assert data["attributes"] == {}
        assert data["stage"] == "prospect"

    def test_nested_defaults_are_written(self):
        """Nested records also carry every field, ``None`` included."""
        data = to_dict(LEAD)
        assert data["interactions"][1] == {
            "activity": "case_study_download",
            "at": "2026-03-04T09:00:00+07:00",
            "channel": None,
            "value": None,
            "detail": None,
        }

    def test_datetimes_are_iso_8601_with_offset(self):
        """Datetimes are written by isoformat(), offset included."""
        data = to_dict(LEAD)
        assert data["created_at"] == "2026-03-02T09:00:00+07:00"
        assert data["interactions"][2]["at"] == "2026-03-08T15:00:00+07:00"

    def test_decimals_are_strings(self):
        """Amounts are strings with every digit, e.g. '4990.00'."""
        data = to_dict(LEAD)
        assert data["purchases"][0]["amount"] == "4990.00"
        assert data["person"]["income"] == "54000.00"
        assert data["company"]["annual_revenue"] == "12500000"

    def test_enums_are_plain_value_strings(self):
        """Enums are written as their values, as plain str (not the enum type)."""
        data = to_dict(LEAD)
        assert data["source"] == "event"
        assert type(data["source"]) is str
        assert data["person"]["role"] == "decision_maker"
        assert data["consent"][1]["status"] == "denied"

    def test_tags_are_a_sorted_list(self):
        """The tag set is written as a sorted list."""
        assert to_dict(LEAD)["tags"] == ["apac", "trade-fair-2026", "vip"]

    def test_keyed_records_are_lists_in_order(self):
        """Evidence and consent are lists of records, in the lead's order."""
        data = to_dict(LEAD)
        assert [e["criterion"] for e in data["evidence"]] == [
            "need",
            "budget",
            "timing",
        ]
        assert [c["channel"] for c in data["consent"]] == ["email", "phone"]

    def test_tuples_are_lists_and_attributes_a_dict(self):
        """Tuples become lists; attributes become a plain dict."""
        data = to_dict(LEAD)
        assert data["person"]["interests"] == ["fleet routing", "warehousing"]
        assert type(data["history"]) is list
        assert data["attributes"] == {
            "crm_id": "0015g00000XyZ",
            "seats": 10,
            "trial": True,
            "nps": 8.5,
            "churn_risk": None,
        }
        assert type(data["attributes"]) is dict


class TestStrictScalars:
    def test_string_field_refuses_a_number(self):
        """A number where a string belongs is refused, not turned into text."""
        data = lead_dict()
        data["id"] = 42
        assert problems_of(pl.Lead, data) == [
            "Lead.id: expected a string (got a value of type int)"
        ]

    @pytest.mark.parametrize(
        ("value", "got"),
        [("240", "str"), (True, "bool"), (240.0, "float")],
    )
    def test_int_field_refuses_string_bool_and_float(self, value, got):
        """A whole-number field takes only a JSON integer."""
        data = lead_dict()
        data["company"]["employees"] = value
        expected = f"a whole number (got a value of type {got})"
        assert problems_of(pl.Lead, data) == [
            f"Lead.company.employees: expected {expected}"
        ]

    def test_float_field_accepts_an_int(self):
        """A float field takes a whole number, stored as a float."""
        data = to_dict(PARTS["Interaction"])
        data["value"] = 60
        value = from_dict(pl.Interaction, data).value
        assert value == 60.0
        assert type(value) is float

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("60", "a number (got a value of type str)"),
            (True, "a number (got a value of type bool)"),
            (10**400, "a finite number (got one too large)"),
        ],
    )
    def test_float_field_refuses_non_numbers(self, value, expected):
        """A float field refuses strings, booleans and ints too large for a float."""
        data = to_dict(PARTS["Interaction"])
        data["value"] = value
        assert problems_of(pl.Interaction, data) == [
            f"Interaction.value: expected {expected}"
        ]

    @pytest.mark.parametrize(
        ("value", "expected"),
        [("4990.00", Decimal("4990.00")), ("1E+3", Decimal("1E+3")), (12, Decimal(12))],
    )
    def test_decimal_accepts_numeric_string_or_int(self, value, expected):
        """An amount may be a numeric string (exponent allowed) or a whole number."""
        data = to_dict(PARTS["Purchase"])
        data["amount"] = value
        amount = from_dict(pl.Purchase, data).amount
        assert amount == expected
        assert str(amount) == str(expected)

    @pytest.mark.parametrize(
        ("value", "got"),
        [
            (True, "got a value of type bool"),
            (49.9, "got a value of type float"),
            ("49,90", "got a string that is not one"),
            ("1_000", "got a string that is not one"),
            ("NaN", "got a string that is not one"),
            (" 5", "got a string that is not one"),
        ],
    )
    def test_decimal_refuses_bool_float_and_other_text(self, value, got):
        """An amount refuses booleans, floats (inexact) and non-numeric text."""
        data = to_dict(PARTS["Purchase"])
        data["amount"] = value
        assert problems_of(pl.Purchase, data) == [
            (
                "Purchase.amount: expected a decimal number as a string like '49.90', "
                f"or a whole number ({got})"
            )
        ]

    def test_negative_amount_is_the_models_to_refuse(self):
        """A well-formed negative amount reaches the model, which refuses it."""
        data = to_dict(PARTS["Purchase"])
        data["amount"] = "-5"
        assert paths_of(pl.Purchase, data) == ["Purchase.amount"]

    @pytest.mark.parametrize(
        ("text", "offset"),
        [
            ("2026-03-02T09:00:00+07:00", dt.timedelta(hours=7)),
            ("2026-03-02T02:00:00Z", dt.timedelta(0)),
            ("2026-03-02T02:00:00.250000-03:30", dt.timedelta(hours=-3, minutes=-30)),
        ],
    )
    def test_datetime_accepts_iso_8601_with_offset(self, text, offset):
        """A datetime is ISO 8601 text with an offset, or Z for UTC."""
        lead = from_dict(pl.Lead, {"id": "L-1", "created_at": text})
        assert lead.created_at.utcoffset() == offset

    @pytest.mark.parametrize(
        ("value", "got"),
        [
            ("2026-03-02T09:00:00", "got one without an offset"),
            ("2026-03-02", "got one without an offset"),
            ("next Tuesday", "got a string that is not one"),
            (1772416800, "got a value of type int"),
            (None, "got None"),
        ],
    )
    def test_datetime_refuses_naive_and_non_iso(self, value, got):
        """Naive datetimes, free text and timestamps are refused."""
        assert problems_of(pl.Lead, {"id": "L-1", "created_at": value}) == [
            (
                "Lead.created_at: expected an ISO 8601 date and time with its offset, "
                f"like '2026-03-01T09:00:00+01:00' ({got})"
            )
        ]

    def test_enum_accepts_its_values(self):
        """An enum field takes the member's value string."""
        lead = from_dict(
            pl.Lead,
            {"id": "L-1", "created_at": "2026-03-02T09:00:00Z", "source": "walk_in"},
        )
        assert lead.source is pl.Source.WALK_IN

    @pytest.mark.parametrize(
        ("value", "suffix"),
        [("yes", ""), ("MET", ""), (1, " (got a value of type int)")],
    )
    def test_enum_refuses_names_and_other_values(self, value, suffix):
        """An enum refuses unknown strings, member names and non-strings."""
        data = lead_dict()
        data["evidence"][0]["verdict"] = value
        expected = f"one of 'met', 'unmet', 'unknown'{suffix}"
        assert problems_of(pl.Lead, data) == [
            f"Lead.evidence[0].verdict: expected {expected}"
        ]

    def test_bool_hook_is_strict(self):
        """Booleans are only true or false: no 1, no "true"."""
        assert _convert._converter.structure(True, bool) is True
        for value in (1, "true"):
            with pytest.raises(pl.ValidationError, match="true or false"):
                _convert._converter.structure(value, bool)

    def test_list_field_refuses_a_string(self):
        """A list field refuses a string instead of splitting it into characters."""
        data = lead_dict()
        data["person"]["interests"] = "routing"
        assert problems_of(pl.Lead, data) == [
            "Lead.person.interests: expected a list (got a value of type str)"
        ]

    def test_record_list_refuses_an_object(self):
        """A list of records refuses a single object."""
        data = lead_dict()
        data["interactions"] = data["interactions"][0]
        assert paths_of(pl.Lead, data) == ["Lead.interactions"]

    def test_tags_must_be_strings(self):
        """Each tag must be a string; the bad one is named by index."""
        data = lead_dict()
        data["tags"] = ["vip", 7]
        assert problems_of(pl.Lead, data) == [
            "Lead.tags[1]: expected a string (got a value of type int)"
        ]

    def test_attributes_must_be_an_object_of_scalars(self):
        """Attributes must be an object; a nested value is named by its key."""
        data = lead_dict()
        data["attributes"] = [["seats", 10]]
        assert problems_of(pl.Lead, data) == [
            (
                "Lead.attributes: expected an object of names to scalar values "
                "(got a value of type list)"
            )
        ]
        data["attributes"] = {"seats": [10]}
        assert paths_of(pl.Lead, data) == ["Lead.attributes['seats']"]


class TestKeys:
    def test_unknown_key_is_refused(self):
        """A misspelt key is refused, naming the key and the class's fields."""
        data = lead_dict()
        data["sorce"] = "event"
        [problem] = problems_of(pl.Lead, data)
        assert problem.startswith(
            "Lead.sorce: expected no key of this name (Lead has id,"
        )

    def test_unknown_nested_key_is_refused(self):
        """Unknown keys are refused at every level, with their full path."""
        data = lead_dict()
        data["person"]["nickname"] = "Lan"
        data["interactions"][1]["url"] = "https://example.com"
        assert paths_of(pl.Lead, data) == [
            "Lead.person.nickname",
            "Lead.interactions[1].url",
        ]

    def test_non_string_key_is_refused(self):
        """A key that is not a string is refused, described by its type."""
        assert problems_of(pl.Location, {"city": "Hue", 3: "x"}) == [
            "Location: expected string keys (got a key of type int)"
        ]

    def test_missing_required_key_is_reported(self):
        """A missing required key is named, at every level."""
        data = lead_dict()
        del data["created_at"]
        del data["purchases"][0]["currency"]
        assert problems_of(pl.Lead, data) == [
            "Lead.created_at: expected a value (the key is missing)",
            "Lead.purchases[0].currency: expected a value (the key is missing)",
        ]

    def test_keys_with_defaults_may_be_left_out(self):
        """Only required keys are needed; the rest take their defaults."""
        lead = from_dict(pl.Lead, {"id": "L-1", "created_at": "2026-03-02T09:00:00Z"})
        assert lead == pl.Lead(
            id="L-1", created_at=dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
        )

    def test_duplicate_keyed_record_is_refused(self):
        """Two evidence records for one criterion are refused, not silently merged."""
        data = lead_dict()
        data["evidence"].append(dict(data["evidence"][0], verdict="unmet"))
        expected = "a criterion that no earlier record has (one record per criterion)"
        assert problems_of(pl.Lead, data) == [
            f"Lead.evidence[3].criterion: expected {expected}"
        ]


class TestErrors:
    def test_every_bad_path_is_listed(self):
        """Faults across the whole lead come out together, in field order."""
        data = lead_dict()
        data["person"]["name"] = ""
        data["person"]["email"] = "lan at example"
        data["person"]["location"]["country"] = "Vietnam"
        data["company"]["employees"] = -3
        data["interactions"][2]["at"] = "2026-03-08T15:00:00"
        data["interactions"][3]["activity"] = "demo"
        data["purchases"][0]["currency"] = "usd"
        data["evidence"][0]["verdict"] = "yes"
        data["consent"][1]["channel"] = "fax"
        data["tags"] = "vip"
        assert paths_of(pl.Lead, data) == [
            "Lead.person.name",
            "Lead.person.email",
            "Lead.person.location.country",
            "Lead.company.employees",
            "Lead.interactions[2].at",
            "Lead.interactions[3].activity",
            "Lead.purchases[0].currency",
            "Lead.evidence[0].verdict",
            "Lead.consent[1].channel",
            "Lead.tags",
        ]

    def test_value_faults_next_to_type_faults_are_all_listed(self):
        """A class with one wrong type still reports its other fields' bad values."""
        data = lead_dict()
        data["person"]["age"] = "41"
        data["person"]["email"] = "lan"
        data["stage"] = " "
        assert paths_of(pl.Lead, data) == [
            "Lead.person.email",
            "Lead.person.age",
            "Lead.stage",
        ]

    def test_error_is_in_the_family(self):
        """The error is an InvalidLeadError, a ProspectlibError and a ValueError."""
        with pytest.raises(pl.InvalidLeadError) as info:
            from_dict(pl.Lead, {})
        assert isinstance(info.value, pl.ProspectlibError)
        assert isinstance(info.value, ValueError)

    @pytest.mark.parametrize("data", [[], "L-1", 3, None, 2.5, True])
    def test_non_object_top_level_is_named_by_class(self, data):
        """Input that is not an object is reported at the class name."""
        assert paths_of(pl.Lead, data) == ["Lead"]
        assert paths_of(pl.Consent, data) == ["Consent"]

    def test_non_object_nested_value_is_named_by_path(self):
        """A nested record that is not an object is reported at its path."""
        data = lead_dict()
        data["person"] = ["Lan"]
        assert problems_of(pl.Lead, data) == [
            (
                "Lead.person: expected an object with the fields of Person "
                "(got a value of type list)"
            )
        ]

    def test_interaction_before_created_at(self):
        """An interaction before the lead existed is named by its input index."""
        data = lead_dict()
        data["interactions"][1]["at"] = "2026-03-01T09:00:00+07:00"
        assert paths_of(pl.Lead, data) == ["Lead.interactions[1]"]

    def test_broken_history_chain(self):
        """A history change that does not start where the last one ended is named."""
        data = lead_dict()
        data["history"][1]["source"] = "prospect"
        assert paths_of(pl.Lead, data) == ["Lead.history[1].source"]

    def test_stage_must_end_the_history(self):
        """A stage that is not where the history ends is refused."""
        data = lead_dict()
        data["stage"] = "customer"
        assert paths_of(pl.Lead, data) == ["Lead.stage"]

    def test_objection_resolved_before_raised(self):
        """A rule inside a nested record comes out under that record's path."""
        data = lead_dict()
        data["objections"][0]["resolved_at"] = "2026-03-03T09:00:00+07:00"
        assert paths_of(pl.Lead, data) == ["Lead.objections[0].resolved_at"]

    def test_keyed_record_rule_is_named_by_index(self):
        """Evidence and consent faults point at the list index, not the key."""
        data = lead_dict()
        data["evidence"][1]["at"] = "2026-03-01T00:00:00+07:00"
        assert paths_of(pl.Lead, data) == ["Lead.evidence[1].at"]
        data = lead_dict()
        data["consent"][0]["at"] = "2026-03-01T00:00:00+07:00"
        assert paths_of(pl.Lead, data) == ["Lead.consent[0].at"]

    def test_messages_do_not_echo_personal_data(self):
        """Bad names, e-mails and phones are described, never repeated."""
        data = lead_dict()
        data["person"]["email"] = "lan.nguyen(at)haiphong.example"
        data["person"]["name"] = 19770412
        data["person"]["phone"] = ["+84 24 3825 1234"]
        data["person"]["gender"] = "prefers-not-to-say-secretly"
        data["source"] = "Lan's cousin Minh"
        with pytest.raises(pl.InvalidLeadError) as info:
            from_dict(pl.Lead, data)
        text = str(info.value)
        assert len(info.value.problems) == 4
        for secret in ("haiphong", "19770412", "3825", "Minh", "cousin"):
            assert secret not in text

    def test_traceback_does_not_echo_personal_data(self):
        """Not even the printed traceback, with chained exceptions, repeats a value."""
        data = lead_dict()
        data["created_at"] = "lan.nguyen@haiphong.example"
        data["person"]["email"] = "lan.nguyen(at)haiphong.example"
        with pytest.raises(pl.InvalidLeadError) as info:
            from_dict(pl.Lead, data)
        text = "".join(traceback.format_exception(info.value))
        assert "Lead.created_at" in text
        assert "haiphong" not in text

    def test_unsupported_class_is_refused(self):
        """A class that is not a model class is refused with a library error."""
        for cls in (dict, "Lead", pl.FrozenMap):
            with pytest.raises(pl.UnsupportedTypeError) as info:
                from_dict(cls, {})
            assert isinstance(info.value, TypeError)
            assert str(info.value).startswith("cls: expected a model class (")
            assert "Company, " in str(info.value)
            assert "Lead, " in str(info.value)

    def test_unsupported_value_is_refused(self):
        """to_dict refuses a value that is not a model value."""
        with pytest.raises(pl.UnsupportedTypeError) as info:
            to_dict({"id": "L-1"})
        assert str(info.value).startswith("value: expected an instance of a model")
        assert str(info.value).endswith("(got a value of type dict)")

    def test_unexpected_exception_still_becomes_a_problem(self):
        """An exception nobody expected is reported at its path, not let through."""
        problems = list(_convert._problems(RuntimeError("boom"), "Lead.person"))
        assert problems == [
            pl.Problem(
                path="Lead.person",
                expected="a valid value (reading it raised RuntimeError)",
            )
        ]


class TestJson:
    def test_to_json_is_compact_in_field_order_and_keeps_unicode(self):
        """JSON text has no spaces, keeps field order and non-ASCII letters."""
        text = to_json(LEAD)
        assert text.startswith(
            '{"id":"L-2026-0042","created_at":"2026-03-02T09:00:00+07:00"'
        )
        assert "Nguyễn Thị Lan" in text
        assert ": " not in text.replace("Expo 2026, stand", "")
        assert json.loads(text) == to_dict(LEAD)

    def test_from_json_round_trips(self):
        """Text written by to_json reads back equal, from str or UTF-8 bytes."""
        text = to_json(LEAD)
        assert from_json(pl.Lead, text) == LEAD
        assert from_json(pl.Lead, text.encode()) == LEAD

    def test_invalid_json_text_is_named_at_the_class(self):
        """Text that is not JSON is reported at the class name, with the position."""
        with pytest.raises(pl.InvalidLeadError) as info:
            from_json(pl.Lead, '{"id": "L-1", "created_at": }')
        [problem] = info.value.problems
        assert problem.path == "Lead"
        assert problem.expected == "JSON text (Expecting value at line 1, column 29)"

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                b"\xff\xfe{",
                "JSON text: a str, or bytes in UTF-8 (got a value of type bytes)",
            ),
            (42, "JSON text: a str, or bytes in UTF-8 (got a value of type int)"),
            ("[" * 100_000 + "]" * 100_000, "JSON text nested less deeply"),
        ],
    )
    def test_unreadable_text_is_refused(self, text, expected):
        """Bytes not in UTF-8, non-text and absurd nesting are refused cleanly."""
        with pytest.raises(pl.InvalidLeadError) as info:
            from_json(pl.Lead, text)
        assert [str(p) for p in info.value.problems] == [f"Lead: expected {expected}"]

    def test_valid_json_with_bad_content_lists_problems(self):
        """JSON that parses but is not a valid lead reports like from_dict."""
        with pytest.raises(pl.InvalidLeadError) as info:
            from_json(pl.Location, '{"country": "Atlantis"}')
        assert [p.path for p in info.value.problems] == ["Location.country"]


# Arbitrary JSON-like input, biased toward the model's own keys and values so it
# reaches deep into the structure.
FIELD_NAMES = sorted(
    {field.name for cls in _convert._MODELS for field in attrs.fields(cls)}
)
PLAUSIBLE = [
    "2026-03-02T09:00:00+00:00",
    "2026-03-02T09:00:00",
    "2020-01-01T00:00:00Z",
    "event",
    "met",
    "email",
    "price",
    "VN",
    "EUR",
    "12.50",
    "-1",
    "lan@example.com",
    "prospect",
    "",
]
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=8)
    | st.sampled_from(PLAUSIBLE)
)
json_like = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(FIELD_NAMES) | st.text(max_size=6), children, max_size=6
        )
    ),
    max_leaves=30,
)


def slots(value: object) -> list[tuple[Any, Any]]:
    """Every (container, key) pair inside a JSON-like value."""
    found: list[tuple[Any, Any]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.append((value, key))
            found.extend(slots(item))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.append((value, index))
            found.extend(slots(item))
    return found


LEAD_DICT = to_dict(LEAD)


def load_or_error(cls: type[Any], data: object) -> object:
    """The loaded value, or the ValidationError that loading raised."""
    try:
        return from_dict(cls, data)
    except pl.ValidationError as exc:
        return exc


@pytest.mark.slow
class TestArbitraryInput:
    @given(cls=st.sampled_from(sorted(_convert._MODELS, key=str)), data=json_like)
    def test_anything_json_like_raises_only_library_errors(self, cls, data):
        """Any JSON-like input loads or raises a ValidationError with problems."""
        result = load_or_error(cls, data)
        if isinstance(result, pl.ValidationError):
            assert result.problems
            assert all(p.path.startswith(cls.__name__) for p in result.problems)
        else:
            assert type(result) is cls

    @given(data=st.data())
    def test_a_damaged_lead_raises_only_library_errors(self, data):
        """Replacing any one value of a valid lead never lets a bare error escape."""
        damaged = copy.deepcopy(LEAD_DICT)
        container, key = data.draw(st.sampled_from(slots(damaged)))
        container[key] = data.draw(json_like)
        result = load_or_error(pl.Lead, damaged)
        assert not isinstance(result, pl.InvalidConfigError)
        if isinstance(result, pl.ValidationError):
            assert result.problems
            assert all(p.path.startswith("Lead") for p in result.problems)
        else:
            assert type(result) is pl.Lead
