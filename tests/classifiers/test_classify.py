"""`classify` checks what each classifier answers, and names the one that fails."""

from __future__ import annotations

import datetime as dt
import pickle

import attrs
import pytest

import prospectlib as pl
from prospectlib.classifiers import Classification
from prospectlib.classifiers import ClassifierRegistry
from prospectlib.classifiers import MarketLabel
from prospectlib.classifiers import TemperatureLabel
from prospectlib.scoring import LabelIs
from prospectlib.scoring import Rule
from prospectlib.scoring import ScoreModel

T0 = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
EMAIL = "jane.roe@secret.example"
LEAD = pl.Lead(id="L-9", created_at=T0, person=pl.Person(email=EMAIL))


@attrs.frozen
class Misbehaving:
    """A classifier whose answer is whatever it was made with (or raises it)."""

    answer: object
    labels = MarketLabel
    name: str = "odd"

    def classify(self, lead: pl.Lead, *, at: dt.datetime) -> object:
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


def registry_of(classifier: Misbehaving) -> ClassifierRegistry:
    registry = ClassifierRegistry()
    registry.register(classifier)  # type: ignore[arg-type]  # misbehaving on purpose
    return registry


def failure(classifier: Misbehaving) -> pl.ClassifierError:
    with pytest.raises(pl.ClassifierError) as exc:
        pl.classify(LEAD, at=T0, registry=registry_of(classifier))
    return exc.value


class TestAnswersAreChecked:
    def test_a_good_answer_passes(self):
        answer = Classification(classifier="odd", label=MarketLabel.B2B, confidence=1)
        labels = pl.classify(LEAD, at=T0, registry=registry_of(Misbehaving(answer)))
        assert labels["odd"] is answer

    def test_an_answer_that_is_no_classification(self):
        error = failure(Misbehaving("b2b"))
        assert str(error) == (
            "classifier 'odd' failed for lead 'L-9': "
            "it answered a value of type str, not a Classification"
        )
        assert (error.classifier, error.lead_id) == ("odd", "L-9")

    def test_a_label_the_classifier_does_not_declare(self):
        answer = Classification(
            classifier="odd", label=TemperatureLabel.HOT, confidence=1
        )
        error = failure(Misbehaving(answer))
        assert (
            error.problem
            == "its label is not one of its labels (MarketLabel: 'b2b', 'b2c')"
        )

    def test_an_exception_is_named_and_chained_not_repeated(self):
        """The classifier's own message may hold the lead's data: only chained."""
        raised = KeyError(EMAIL)
        error = failure(Misbehaving(raised))
        assert (
            str(error) == "classifier 'odd' failed for lead 'L-9': it raised KeyError"
        )
        assert error.__cause__ is raised
        assert EMAIL not in str(error)
        twin = pickle.loads(pickle.dumps(error))  # noqa: S301  # our own error
        assert (type(twin), str(twin), twin.problem) == (
            pl.ClassifierError,
            str(error),
            error.problem,
        )

    def test_classify_many_checks_too(self):
        with pytest.raises(pl.ClassifierError):
            pl.classify_many([LEAD], at=T0, registry=registry_of(Misbehaving(5)))

    def test_scoring_with_a_broken_classifier_names_it(self):
        """A label test on a misbehaving classifier names it (no AttributeError)."""
        model = ScoreModel(
            rules=[
                Rule(id="r", points=1, label=LabelIs(classifier="odd", labels=["b2b"]))
            ]
        )
        with pytest.raises(pl.ClassifierError, match="classifier 'odd'"):
            model.score(LEAD, at=T0, registry=registry_of(Misbehaving("b2b")))


class TestLabelTestsOnYourClassifiers:
    def test_a_typo_in_a_label_of_your_classifier_is_refused_when_scoring(self):
        """Labels of a custom classifier are known with the registry: checked then."""
        answer = Classification(classifier="odd", label=MarketLabel.B2B, confidence=1)
        registry = registry_of(Misbehaving(answer))
        typo = ScoreModel(
            rules=[
                Rule(id="r", points=1, label=LabelIs(classifier="odd", labels=["b2x"]))
            ]
        )
        for call in (
            lambda: typo.score(LEAD, at=T0, registry=registry),
            lambda: typo.score_many([LEAD], at=T0, registry=registry),
        ):
            with pytest.raises(pl.InvalidConfigError) as exc:
                call()
            assert str(exc.value) == (
                "ScoreModel.rules[0].label.labels: expected labels of odd: "
                "'b2b', 'b2c' (got 'b2x')"
            )
        right = ScoreModel(
            rules=[
                Rule(id="r", points=1, label=LabelIs(classifier="odd", labels=["b2b"]))
            ]
        )
        assert right.score(LEAD, at=T0, registry=registry).total == 1.0

    def test_a_classifier_the_registry_lacks_is_an_unknown_name(self):
        answer = Classification(classifier="odd", label=MarketLabel.B2B, confidence=1)
        model = ScoreModel(
            rules=[
                Rule(id="w", points=1, when=pl.criteria.has_tag("x")),
                Rule(id="r", points=1, label=LabelIs(classifier="gone", labels=["a"])),
            ]
        )
        with pytest.raises(pl.UnknownClassifierError):
            model.score(LEAD, at=T0, registry=registry_of(Misbehaving(answer)))
