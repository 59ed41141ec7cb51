import datetime as dt
import math

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import prospectlib as pl
from prospectlib import serialize
from prospectlib.classifiers import Acquisition
from prospectlib.classifiers import AcquisitionLabel
from prospectlib.classifiers import Classifier
from prospectlib.strategies import aware_datetimes
from prospectlib.strategies import leads
from tests.helpers import T0
from tests.helpers import act
from tests.helpers import days
from tests.helpers import lead

INBOUND = AcquisitionLabel.INBOUND
OUTBOUND = AcquisitionLabel.OUTBOUND
ACQ = Acquisition()


class TestArticleSources:
    @pytest.mark.parametrize(
        "source", ["search", "website", "referral", "walk_in", "social"]
    )
    def test_people_who_came_by_themselves_are_inbound(self, source):
        """Search, website, referral, walk-in and organic social are INBOUND."""
        c = ACQ.classify(lead(source=source), at=T0)
        assert (c.label, c.confidence) == (INBOUND, 0.9)
        assert c.reasons == (f"source {source} is inbound",)

    @pytest.mark.parametrize("source", ["advertising", "event", "email", "partner"])
    def test_people_reached_by_marketing_are_outbound(self, source):
        """Advertising, events, e-mail campaigns and partners are OUTBOUND."""
        c = ACQ.classify(lead(source=source), at=T0)
        assert (c.label, c.confidence) == (OUTBOUND, 0.9)

    def test_a_walk_in_to_a_shop_is_inbound(self):
        """The seed's walk-in to a shop or office came by themselves."""
        subject = lead(source="walk_in", interactions=[act("store_visit")])
        c = ACQ.classify(subject, at=T0)
        assert (c.label, c.confidence) == (INBOUND, 0.9)
        assert c.evidence["first_activity"] == "store_visit"


class TestContradiction:
    def test_a_first_touch_pointing_the_other_way_lowers_confidence(self):
        """A website lead whose first touch was an ad click: INBOUND at 0.7."""
        subject = lead(
            source="website",
            interactions=[act("ad_click"), act("page_view", T0 + days(1))],
        )
        c = ACQ.classify(subject, at=T0 + days(1))
        assert (c.label, c.confidence) == (INBOUND, 0.7)
        assert c.reasons == (
            "source website is inbound",
            "but the first telling touch, ad_click, is outbound",
        )

    def test_an_agreeing_first_touch_keeps_confidence(self):
        """An event lead whose first touch was an event visit stays at 0.9."""
        subject = lead(source="event", interactions=[act("event_visit")])
        assert ACQ.classify(subject, at=T0).confidence == 0.9


class TestInference:
    @pytest.mark.parametrize("source", ["unknown", "other"])
    @pytest.mark.parametrize(
        ("activity", "label"),
        [
            ("ad_click", OUTBOUND),
            ("event_visit", OUTBOUND),
            ("email_open", OUTBOUND),
            ("email_click", OUTBOUND),
            ("webinar_registration", OUTBOUND),
            ("website_visit", INBOUND),
            ("store_visit", INBOUND),
            ("contact_request", INBOUND),
            ("social_engagement", INBOUND),
        ],
    )
    def test_an_unmapped_source_is_inferred_from_the_first_touch(
        self, source, activity, label
    ):
        """unknown/other: the first telling interaction decides, at 0.6."""
        c = ACQ.classify(lead(source=source, interactions=[act(activity)]), at=T0)
        assert (c.label, c.confidence) == (label, 0.6)
        assert c.reasons == (
            f"first touch {activity} is {label.value}",
            f"source {source} tells nothing",
        )
        assert c.evidence["inferred"] is True

    def test_neutral_activities_are_skipped(self):
        """Calls and meetings tell nothing; the first telling touch after them does."""
        subject = lead(
            interactions=[
                act("call"),
                act("meeting", T0 + days(1)),
                act("email_click", T0 + days(2)),
                act("website_visit", T0 + days(3)),
            ]
        )
        c = ACQ.classify(subject, at=T0 + days(5))
        assert c.label is OUTBOUND
        assert c.evidence["first_activity"] == "email_click"

    def test_the_earliest_telling_touch_wins(self):
        """Interactions are read oldest first, whatever order they were given in."""
        subject = lead(
            interactions=[act("ad_click", T0 + days(2)), act("page_view", T0)]
        )
        assert ACQ.classify(subject, at=T0 + days(2)).label is INBOUND

    def test_nothing_telling_falls_back_with_zero_confidence(self):
        """No mapped source and no telling touch: the fallback, at 0."""
        c = ACQ.classify(lead(interactions=[act("call")]), at=T0)
        assert (c.label, c.confidence) == (INBOUND, 0.0)
        assert c.reasons == ("nothing tells: inbound is a guess",)
        assert c.evidence["inferred"] is False

    def test_the_fallback_is_tunable(self):
        """fallback=OUTBOUND answers OUTBOUND when nothing tells."""
        c = Acquisition(fallback="outbound").classify(lead(), at=T0)
        assert (c.label, c.confidence) == (OUTBOUND, 0.0)


class TestAsOf:
    def test_interactions_after_at_are_ignored(self):
        """A touch after ``at`` does not inform the inference."""
        subject = lead(interactions=[act("ad_click", T0 + days(3))])
        before = ACQ.classify(subject, at=T0 + days(1))
        assert (before.label, before.confidence) == (INBOUND, 0.0)
        assert before == ACQ.classify(lead(), at=T0 + days(1))
        assert ACQ.classify(subject, at=T0 + days(3)).label is OUTBOUND

    def test_a_naive_at_is_refused(self):
        """A naive ``at`` raises a ValidationError."""
        with pytest.raises(pl.ValidationError, match="at: expected a timezone-aware"):
            ACQ.classify(lead(), at=dt.datetime(2026, 3, 1))  # noqa: DTZ001


class TestEvidence:
    def test_evidence_says_where_the_answer_came_from(self):
        """Evidence holds the source, whether it is mapped, and the first touch."""
        c = ACQ.classify(lead(source="search", interactions=[act("call")]), at=T0)
        assert dict(c.evidence) == {
            "source": "search",
            "mapped": True,
            "first_activity": None,
            "inferred": False,
        }
        assert c.classifier == "acquisition"


class TestMapping:
    def test_label_for_reads_the_mapping(self):
        """label_for gives each mapped source its label and None otherwise."""
        assert ACQ.label_for(pl.Source.REFERRAL) is INBOUND
        assert ACQ.label_for(pl.Source.PARTNER) is OUTBOUND
        assert ACQ.label_for(pl.Source.OTHER) is None

    def test_every_source_but_unknown_and_other_is_mapped_by_default(self):
        """The default mapping covers every specific source exactly once."""
        mapped = ACQ.inbound_sources + ACQ.outbound_sources
        assert len(mapped) == len(set(mapped))
        assert set(pl.Source) - set(mapped) == {pl.Source.UNKNOWN, pl.Source.OTHER}

    def test_activity_sets_do_not_overlap_by_default(self):
        """No default activity is both inbound and outbound."""
        assert not set(ACQ.inbound_activities) & set(ACQ.outbound_activities)

    def test_the_mapping_can_be_changed(self):
        """Moving social to outbound (paid social) changes its label."""
        paid = attrs.evolve(
            ACQ,
            inbound_sources=("search", "website", "referral", "walk_in"),
            outbound_sources=(*ACQ.outbound_sources, "social"),
        )
        assert paid.classify(lead(source="social"), at=T0).label is OUTBOUND
        assert paid.inbound_sources[0] is pl.Source.SEARCH

    def test_a_source_left_out_is_inferred(self):
        """A source removed from the mapping falls back on inference."""
        narrow = Acquisition(inbound_sources=(), outbound_sources=())
        c = narrow.classify(
            lead(source="website", interactions=[act("ad_click")]), at=T0
        )
        assert (c.label, c.confidence) == (OUTBOUND, 0.6)


class TestParameters:
    def test_is_a_classifier(self):
        """An Acquisition satisfies the Classifier protocol."""
        assert isinstance(ACQ, Classifier)

    @pytest.mark.parametrize(
        ("field", "value", "expected"),
        [
            ("name", " ", "a non-empty string"),
            ("inbound_sources", ["nope"], "a list of"),
            ("outbound_sources", "event", "a list of"),
            ("inbound_activities", [1], "a list of"),
            ("outbound_activities", None, "a list of"),
            ("fallback", "sideways", "one of 'inbound', 'outbound'"),
            ("fallback", None, "one of 'inbound', 'outbound'"),
        ],
    )
    def test_bad_parameters_name_their_field(self, field, value, expected):
        """A bad parameter raises InvalidConfigError naming Acquisition.field."""
        with pytest.raises(pl.InvalidConfigError, match=expected) as exc:
            Acquisition(**{field: value})
        (problem,) = exc.value.problems
        assert problem.path == f"Acquisition.{field}"

    def test_a_source_in_both_lists_is_refused(self):
        """A source both inbound and outbound is refused."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            Acquisition(outbound_sources=("website",))
        (problem,) = exc.value.problems
        assert problem.path == "Acquisition.outbound_sources"
        assert problem.expected == "no value that is also in inbound_sources"

    def test_an_activity_in_both_lists_is_refused(self):
        """An activity both inbound and outbound is refused."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            Acquisition(outbound_activities=("page_view",))
        (problem,) = exc.value.problems
        assert problem.path == "Acquisition.outbound_activities"
        assert problem.expected == "no value that is also in inbound_activities"

    @pytest.mark.parametrize(
        "acq",
        [
            ACQ,
            Acquisition(
                name="acq2",
                inbound_sources=("walk_in",),
                outbound_sources=("other",),
                fallback="outbound",
            ),
        ],
    )
    def test_round_trips_through_serialize(self, acq):
        """to_dict then from_dict gives an equal classifier."""
        data = serialize.to_dict(acq)
        assert serialize.from_dict(Acquisition, data) == acq

    def test_the_mapping_reads_well_as_json(self):
        """The mapping is written as two lists of source names."""
        data = serialize.to_dict(ACQ)
        assert data["inbound_sources"] == [
            "search",
            "website",
            "referral",
            "walk_in",
            "social",
        ]
        assert data["outbound_sources"] == ["advertising", "event", "email", "partner"]
        assert data["fallback"] == "inbound"

    def test_an_overlapping_dict_is_refused(self):
        """from_dict refuses a source in both lists with InvalidConfigError."""
        with pytest.raises(pl.InvalidConfigError, match="outbound_sources"):
            serialize.from_dict(
                Acquisition,
                {"inbound_sources": ["email"], "outbound_sources": ["email"]},
            )


@pytest.mark.slow
class TestProperties:
    @given(leads(), aware_datetimes())
    def test_total_and_well_formed(self, subject, at):
        """Any valid lead gets a label, a confidence in [0, 1] and 1-2 reasons."""
        c = ACQ.classify(subject, at=at)
        assert isinstance(c.label, AcquisitionLabel)
        assert 0 <= c.confidence <= 1
        assert math.isfinite(c.confidence)
        assert 1 <= len(c.reasons) <= 2
        assert all(
            v is None or type(v) in {str, int, float, bool} for v in c.evidence.values()
        )

    @given(leads(), aware_datetimes())
    def test_a_mapped_source_always_decides(self, subject, at):
        """When the source is mapped, the label is the mapping's."""
        c = ACQ.classify(subject, at=at)
        mapped = ACQ.label_for(subject.source)
        if mapped is not None:
            assert c.label is mapped
            assert c.confidence >= 0.7

    @given(leads(), aware_datetimes(), st.sampled_from(list(pl.Activity)))
    def test_later_interactions_never_matter(self, subject, at, activity):
        """An interaction added after ``at`` changes nothing."""
        later = subject.with_interactions(
            act(activity, max(at, subject.created_at) + days(1))
        )
        assert ACQ.classify(later, at=at) == ACQ.classify(subject, at=at)
