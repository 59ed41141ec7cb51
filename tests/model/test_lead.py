import datetime as dt
from decimal import Decimal

import attrs
import pytest

import prospectlib as pl
from tests.helpers import T0
from tests.helpers import buy
from tests.helpers import days
from tests.helpers import only_problem as problem


def visit(at: dt.datetime, activity: str = "website_visit") -> pl.Interaction:
    return pl.Interaction(activity=activity, at=at)


def change(event: str, source: str, target: str, at: dt.datetime) -> pl.StageChange:
    return pl.StageChange(event=event, source=source, target=target, at=at)


class TestDefaults:
    def test_only_id_and_created_at_are_required(self):
        """A lead needs an id and a creation time; everything else has a default."""
        lead = pl.Lead(id="L-1", created_at=T0)
        assert lead.source is pl.Source.UNKNOWN
        assert lead.person is None
        assert lead.company is None
        assert (
            lead.interactions == lead.purchases == lead.objections == lead.history == ()
        )
        assert lead.evidence == {} == lead.consent == lead.attributes
        assert lead.tags == frozenset()
        assert lead.stage == "prospect"

    def test_missing_required_field_is_a_type_error(self):
        """Forgetting created_at fails at the call, as for any Python function."""
        with pytest.raises(TypeError):
            pl.Lead(id="L-1")  # type: ignore[call-arg]

    def test_lists_become_tuples(self):
        """Collections given as lists are stored as tuples: the lead stays immutable."""
        lead = pl.Lead(id="L-1", created_at=T0, interactions=[visit(T0)], tags=["vip"])
        assert isinstance(lead.interactions, tuple)
        assert lead.tags == frozenset({"vip"})

    def test_source_accepts_its_value_string(self):
        """A source given as its JSON value becomes the enum member."""
        assert (
            pl.Lead(id="L-1", created_at=T0, source="walk_in").source
            is pl.Source.WALK_IN
        )

    def test_frozen(self):
        """A lead cannot be changed in place."""
        lead = pl.Lead(id="L-1", created_at=T0)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            lead.stage = "customer"  # type: ignore[misc]

    def test_hashable_and_equal_by_value(self):
        """Two leads with the same content are equal and hash alike (usable in sets)."""
        a = pl.Lead(id="L-1", created_at=T0, attributes={"plan": "pro"}, tags=["x"])
        b = pl.Lead(id="L-1", created_at=T0, attributes={"plan": "pro"}, tags=["x"])
        assert a == b
        assert len({a, b}) == 1


class TestFieldValidation:
    @pytest.mark.parametrize(
        ("kwargs", "path", "expected"),
        [
            ({"id": ""}, "Lead.id", "a non-empty string (got an empty one)"),
            ({"id": "   "}, "Lead.id", "a non-empty string (got an empty one)"),
            ({"id": 7}, "Lead.id", "a non-empty string (got a value of type int)"),
            (
                {"created_at": dt.datetime(2026, 3, 1)},  # noqa: DTZ001
                "Lead.created_at",
                "a timezone-aware datetime (got a naive one)",
            ),
            (
                {"created_at": "2026-03-01"},
                "Lead.created_at",
                "a timezone-aware datetime (got a value of type str)",
            ),
            ({"source": "tv"}, "Lead.source", "one of 'website', "),
            ({"person": "Ann"}, "Lead.person", "a Person (got a value of type str)"),
            ({"company": {}}, "Lead.company", "a Company (got a value of type dict)"),
            ({"interactions": [1]}, "Lead.interactions[0]", "an Interaction"),
            ({"interactions": 3}, "Lead.interactions", "a tuple of an Interaction"),
            ({"interactions": "abc"}, "Lead.interactions", "a tuple of an Interaction"),
            ({"purchases": [None]}, "Lead.purchases[0]", "a Purchase (got None)"),
            ({"stage": ""}, "Lead.stage", "a non-empty string"),
            ({"history": ["x"]}, "Lead.history[0]", "a StageChange"),
            ({"tags": "vip"}, "Lead.tags", "a set of non-empty strings"),
            ({"tags": ["ok", ""]}, "Lead.tags", "a set of non-empty strings"),
            ({"tags": 5}, "Lead.tags", "a set of non-empty strings"),
            ({"evidence": "budget"}, "Lead.evidence", "a mapping from criterion"),
            ({"evidence": [1]}, "Lead.evidence[0]", "an Evidence"),
            ({"consent": [None]}, "Lead.consent[0]", "a Consent (got None)"),
            ({"attributes": [1]}, "Lead.attributes", "a mapping of names to scalars"),
            ({"attributes": {"": 1}}, "Lead.attributes", "non-empty string keys"),
            ({"attributes": {1: 1}}, "Lead.attributes", "non-empty string keys"),
            ({"attributes": {"x": [1]}}, "Lead.attributes['x']", "a str, int, finite"),
            (
                {"attributes": {"x": float("nan")}},
                "Lead.attributes['x']",
                "a str, int, finite",
            ),
        ],
    )
    def test_bad_field_names_path_and_expectation(self, kwargs, path, expected):
        """A bad field raises InvalidLeadError naming the field and what was wanted."""
        fields = {"id": "L-1", "created_at": T0, **kwargs}
        with pytest.raises(pl.InvalidLeadError) as exc:
            pl.Lead(**fields)
        got_path, got_expected = problem(exc)
        assert got_path == path
        assert got_expected.startswith(expected)

    def test_error_is_a_value_error_and_a_prospectlib_error(self):
        """Callers may catch ValueError or ProspectlibError."""
        with pytest.raises(ValueError, match=r"Lead\.id"):
            pl.Lead(id="", created_at=T0)
        with pytest.raises(pl.ProspectlibError):
            pl.Lead(id="", created_at=T0)

    def test_evidence_mapping_key_must_match_criterion(self):
        """Evidence filed under the wrong criterion is refused."""
        ev = pl.Evidence(criterion="budget", verdict="met", at=T0)
        with pytest.raises(pl.InvalidLeadError) as exc:
            pl.Lead(id="L-1", created_at=T0, evidence={"need": ev})
        assert problem(exc) == (
            "Lead.evidence['need']",
            "an Evidence whose criterion is its key",
        )

    def test_evidence_mapping_values_must_be_evidence(self):
        """A mapping of evidence must hold Evidence records."""
        with pytest.raises(pl.InvalidLeadError) as exc:
            pl.Lead(id="L-1", created_at=T0, evidence={"need": "yes"})
        assert problem(exc)[0] == "Lead.evidence['need']"

    def test_evidence_accepts_a_mapping(self):
        """Evidence may be given keyed by criterion."""
        ev = pl.Evidence(criterion="need", verdict="met", at=T0)
        lead = pl.Lead(id="L-1", created_at=T0, evidence={"need": ev})
        assert lead.evidence["need"] is ev

    def test_message_never_echoes_personal_data(self):
        """A bad e-mail address is not repeated in the error (it is personal data)."""
        with pytest.raises(pl.InvalidLeadError) as exc:
            pl.Person(email="jane.doe-at-home")
        assert "jane" not in str(exc.value)


class TestCrossFieldInvariants:
    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"interactions": [visit(T0 - days(1))]}, "Lead.interactions[0]"),
            (
                {"purchases": [buy(T0 + days(1)), buy(T0 - days(1))]},
                "Lead.purchases[1]",
            ),
            (
                {"objections": [pl.Objection(kind="price", raised_at=T0 - days(1))]},
                "Lead.objections[0]",
            ),
            (
                {
                    "evidence": [
                        pl.Evidence(criterion="need", verdict="met", at=T0 - days(1))
                    ]
                },
                "Lead.evidence['need'].at",
            ),
            (
                {
                    "consent": [
                        pl.Consent(channel="email", status="granted", at=T0 - days(1))
                    ]
                },
                "Lead.consent['email'].at",
            ),
        ],
    )
    def test_nothing_happens_before_creation(self, kwargs, path):
        """Records dated before created_at are refused, naming the first one."""
        with pytest.raises(pl.InvalidLeadError) as exc:
            pl.Lead(id="L-1", created_at=T0, **kwargs)
        assert problem(exc) == (path, "a time on or after created_at")

    def test_consent_without_a_time_is_fine(self):
        """A consent record without a time cannot contradict created_at."""
        lead = pl.Lead(id="L-1", created_at=T0, consent=[pl.Consent(channel="email")])
        assert lead.consent_status(pl.Channel.EMAIL) is pl.ConsentStatus.UNKNOWN

    def test_records_are_kept_in_time_order(self):
        """Interactions, purchases and objections are sorted by time on construction."""
        late, early = visit(T0 + days(2)), visit(T0 + days(1))
        o_late = pl.Objection(kind="price", raised_at=T0 + days(3))
        o_early = pl.Objection(kind="timing", raised_at=T0)
        lead = pl.Lead(
            id="L-1",
            created_at=T0,
            interactions=[late, early],
            purchases=[buy(T0 + days(5)), buy(T0 + days(4))],
            objections=[o_late, o_early],
        )
        assert lead.interactions == (early, late)
        assert [p.at for p in lead.purchases] == [T0 + days(4), T0 + days(5)]
        assert lead.objections == (o_early, o_late)

    def test_sorting_is_stable(self):
        """Records at the same time keep the order they were given in."""
        a, b = visit(T0, "email_open"), visit(T0, "email_click")
        later = visit(T0 + days(1))
        lead = pl.Lead(id="L-1", created_at=T0, interactions=[later, a, b])
        assert lead.interactions == (a, b, later)

    def test_history_chained_and_ending_at_stage(self):
        """A history that chains and ends at the stage is accepted."""
        history = [
            change("capture", "prospect", "iql", T0 + days(1)),
            change("qualify", "iql", "mql", T0 + days(2)),
        ]
        lead = pl.Lead(id="L-1", created_at=T0, stage="mql", history=history)
        assert lead.stage_entered_at == T0 + days(2)

    @pytest.mark.parametrize(
        ("history", "stage", "path", "expected"),
        [
            (
                [change("capture", "prospect", "iql", T0 - days(1))],
                "iql",
                "Lead.history[0].at",
                "a time on or after created_at",
            ),
            (
                [
                    change("capture", "prospect", "iql", T0 + days(2)),
                    change("qualify", "iql", "mql", T0 + days(1)),
                ],
                "mql",
                "Lead.history[1].at",
                "a time on or after the change before it",
            ),
            (
                [
                    change("capture", "prospect", "iql", T0 + days(1)),
                    change("qualify", "prospect", "mql", T0 + days(2)),
                ],
                "mql",
                "Lead.history[1].source",
                "the stage the previous change ended in ('iql')",
            ),
            (
                [change("capture", "prospect", "iql", T0 + days(1))],
                "prospect",
                "Lead.stage",
                "the target of the last history entry ('iql')",
            ),
        ],
    )
    def test_broken_history_is_refused(self, history, stage, path, expected):
        """A history out of order, unchained, or not ending at the stage is refused."""
        with pytest.raises(pl.InvalidLeadError) as exc:
            pl.Lead(id="L-1", created_at=T0, stage=stage, history=history)
        assert problem(exc) == (path, expected)

    def test_failed_evolve_leaves_original_untouched(self):
        """A change that breaks an invariant raises and the old lead is unchanged."""
        lead = pl.Lead(id="L-1", created_at=T0, interactions=[visit(T0)])
        with pytest.raises(pl.InvalidLeadError):
            lead.with_interactions(visit(T0 - days(1)))
        assert lead.interactions == (visit(T0),)


class TestQuestions:
    def test_last_activity_is_latest_interaction_or_purchase(self):
        """The last activity is the later of the last interaction and last purchase."""
        lead = pl.Lead(id="L-1", created_at=T0)
        assert lead.last_activity_at is None
        assert lead.last_interaction is None
        lead = lead.with_interactions(visit(T0 + days(2)))
        assert lead.last_activity_at == T0 + days(2)
        lead = lead.with_purchases(buy(T0 + days(3)))
        assert lead.last_activity_at == T0 + days(3)
        lead = lead.with_interactions(visit(T0 + days(4), "call"))
        assert lead.last_activity_at == T0 + days(4)
        assert lead.last_interaction == visit(T0 + days(4), "call")

    def test_only_purchases(self):
        """A walk-in buyer's last activity is the purchase."""
        lead = pl.Lead(id="L-1", created_at=T0, purchases=[buy(T0 + days(1))])
        assert lead.last_activity_at == T0 + days(1)

    def test_a_purchase_makes_a_customer(self):
        """A lead becomes a customer on a purchase."""
        lead = pl.Lead(id="L-1", created_at=T0)
        assert not lead.is_customer
        assert lead.with_purchases(buy(T0)).is_customer

    def test_interactions_of_filters_activity_and_window(self):
        """interactions_of keeps the named activities within [since, until)."""
        lead = pl.Lead(
            id="L-1",
            created_at=T0,
            interactions=[
                visit(T0, "webinar_attendance"),
                visit(T0 + days(1), "email_open"),
                visit(T0 + days(2), "webinar_attendance"),
                visit(T0 + days(3), "case_study_download"),
            ],
        )
        webinars = lead.interactions_of(pl.Activity.WEBINAR_ATTENDANCE)
        assert [i.at for i in webinars] == [T0, T0 + days(2)]
        assert len(lead.interactions_of()) == 4
        recent = lead.interactions_of(
            pl.Activity.WEBINAR_ATTENDANCE,
            pl.Activity.CASE_STUDY_DOWNLOAD,
            since=T0 + days(1),
            until=T0 + days(3),
        )
        assert [i.at for i in recent] == [T0 + days(2)]

    def test_purchases_between_is_half_open(self):
        """purchases_between includes the start and excludes the end."""
        lead = pl.Lead(
            id="L-1", created_at=T0, purchases=[buy(T0 + days(d)) for d in (0, 1, 2)]
        )
        assert len(lead.purchases_between(T0, T0 + days(2))) == 2
        assert len(lead.purchases_between(since=T0 + days(1))) == 2
        assert len(lead.purchases_between(until=T0 + days(1))) == 1
        assert len(lead.purchases_between()) == 3

    def test_amount_spent_per_currency_and_window(self):
        """amount_spent sums one currency within the window, exactly."""
        lead = pl.Lead(
            id="L-1",
            created_at=T0,
            purchases=[
                buy(T0, "0.10"),
                buy(T0 + days(1), "0.20"),
                buy(T0 + days(2), "5", "USD"),
            ],
        )
        assert lead.amount_spent("EUR") == Decimal("0.30")
        assert lead.amount_spent("EUR", since=T0 + days(1)) == Decimal("0.20")
        assert lead.amount_spent("GBP") == Decimal(0)

    def test_open_objections_at_a_time(self):
        """An objection stands from when it is raised until it is resolved."""
        price = pl.Objection(kind="price", raised_at=T0, resolved_at=T0 + days(5))
        shipping = pl.Objection(kind="shipping_cost", raised_at=T0 + days(2))
        lead = pl.Lead(id="L-1", created_at=T0, objections=[price, shipping])
        assert lead.open_objections() == (shipping,)
        assert lead.open_objections(T0 + days(1)) == (price,)
        assert lead.open_objections(T0 + days(3)) == (price, shipping)
        assert lead.open_objections(T0 + days(5)) == (shipping,)

    def test_consent(self):
        """Only an explicit grant allows contact on a channel."""
        lead = pl.Lead(
            id="L-1",
            created_at=T0,
            consent=[
                pl.Consent(channel="email", status="granted", basis="consent"),
                pl.Consent(channel="phone", status="denied"),
            ],
        )
        assert lead.can_contact(pl.Channel.EMAIL)
        assert not lead.can_contact(pl.Channel.PHONE)
        assert not lead.can_contact(pl.Channel.SMS)
        assert lead.consent_status(pl.Channel.PHONE) is pl.ConsentStatus.DENIED
        assert lead.consent_status(pl.Channel.SMS) is pl.ConsentStatus.UNKNOWN

    def test_stage_entered_at_without_history_is_creation(self):
        """A lead that never moved has been in its stage since it was created."""
        assert pl.Lead(id="L-1", created_at=T0).stage_entered_at == T0


class TestChangedCopies:
    def test_with_methods_return_new_leads(self):
        """with_* add records to a copy and leave the original as it was."""
        lead = pl.Lead(id="L-1", created_at=T0)
        obj = pl.Objection(kind="price", raised_at=T0)
        changed = lead.with_interactions(visit(T0)).with_purchases(buy(T0))
        changed = changed.with_objections(obj)
        assert (len(changed.interactions), len(changed.purchases)) == (1, 1)
        assert changed.objections == (obj,)
        assert lead == pl.Lead(id="L-1", created_at=T0)

    def test_with_evidence_latest_record_wins(self):
        """Recording a criterion again replaces its earlier record."""
        lead = pl.Lead(id="L-1", created_at=T0).with_evidence(
            pl.Evidence(criterion="budget", verdict="unknown", at=T0),
            pl.Evidence(criterion="need", verdict="met", at=T0),
        )
        lead = lead.with_evidence(pl.Evidence(criterion="budget", verdict="met", at=T0))
        assert lead.evidence["budget"].verdict is pl.Verdict.MET
        assert set(lead.evidence) == {"budget", "need"}

    def test_with_consent_latest_record_wins(self):
        """A withdrawn consent replaces the grant."""
        lead = pl.Lead(id="L-1", created_at=T0).with_consent(
            pl.Consent(channel="email", status="granted")
        )
        lead = lead.with_consent(pl.Consent(channel="email", status="denied", at=T0))
        assert not lead.can_contact(pl.Channel.EMAIL)

    def test_with_evidence_rejects_other_records(self):
        """with_evidence names a wrong record instead of failing deep inside."""
        lead = pl.Lead(id="L-1", created_at=T0)
        with pytest.raises(pl.InvalidLeadError, match=r"Lead.evidence\[0\]"):
            lead.with_evidence("budget")  # type: ignore[arg-type]


class TestWithStageChange:
    def change(self, source: str, target: str, at: dt.datetime) -> pl.StageChange:
        return pl.StageChange(event="go", source=source, target=target, at=at)

    def test_appends_and_moves(self):
        """The copy is in the target stage, the change appended; the input is kept."""
        lead = pl.Lead(id="L-1", created_at=T0, tags=["vip"])
        moved = lead.with_stage_change(self.change("prospect", "nurture", T0 + days(1)))
        assert (moved.stage, len(moved.history), moved.tags) == ("nurture", 1, {"vip"})
        assert moved == attrs.evolve(lead, stage="nurture", history=moved.history)
        assert lead.stage == "prospect"

    @pytest.mark.parametrize(
        ("change", "path", "expected"),
        [
            ("not a change", "Lead.history", "a StageChange to append"),
            (("nurture", "mql", 1), "Lead.history[0].source", "the current stage"),
            (("prospect", "mql", -1), "Lead.history[0].at", "a time on or after"),
        ],
    )
    def test_refuses_a_change_that_does_not_continue(self, change, path, expected):
        """A change from another stage, or dated before the stage entry, is refused."""
        lead = pl.Lead(id="L-1", created_at=T0)
        if isinstance(change, tuple):
            change = self.change(change[0], change[1], T0 + days(change[2]))
        with pytest.raises(pl.InvalidLeadError) as exc:
            lead.with_stage_change(change)
        got_path, got_expected = problem(exc)
        assert got_path == path
        assert got_expected.startswith(expected)
