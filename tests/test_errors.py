import copy
import json
import pickle

import pytest

import prospectlib as pl
from prospectlib import errors


class TestTree:
    @pytest.mark.parametrize(
        ("error", "builtin"),
        [
            (pl.ValidationError, ValueError),
            (pl.InvalidLeadError, ValueError),
            (pl.InvalidConfigError, ValueError),
            (pl.UnknownNameError, LookupError),
            (pl.UnknownClassifierError, LookupError),
            (pl.UnknownStageError, LookupError),
            (pl.UnknownEventError, LookupError),
            (pl.MissingDependencyError, ImportError),
            (pl.UnsupportedTypeError, TypeError),
            (pl.ArgumentTypeError, TypeError),
            (pl.ArgumentTypeError, ValueError),
            (pl.LeadTypeError, TypeError),
            (pl.ConfigTypeError, TypeError),
        ],
    )
    def test_each_error_is_also_its_builtin(self, error, builtin):
        """Every leaf is a ProspectlibError and the builtin that fits it."""
        assert issubclass(error, pl.ProspectlibError)
        assert issubclass(error, builtin)

    def test_every_public_error_derives_from_the_root(self):
        """Nothing in prospectlib.errors escapes the one error family."""
        for name in errors.__all__:
            obj = getattr(errors, name)
            if isinstance(obj, type) and issubclass(obj, Exception):
                assert issubclass(obj, pl.ProspectlibError), name

    def test_docstring_draws_every_error(self):
        """The module docstring's tree names every error class."""
        doc = errors.__doc__ or ""
        for name in errors.__all__:
            obj = getattr(errors, name)
            if isinstance(obj, type) and issubclass(obj, Exception):
                assert name in doc, name


class TestValidationError:
    def test_lists_every_problem(self):
        """The message joins every problem; .problems keeps them structured."""
        err = pl.InvalidLeadError(
            [
                pl.Problem(path="Lead.id", expected="a non-empty string"),
                pl.Problem(path="Lead.stage", expected="a non-empty string"),
            ]
        )
        assert str(err) == (
            "Lead.id: expected a non-empty string; "
            "Lead.stage: expected a non-empty string"
        )
        assert [p.path for p in err.problems] == ["Lead.id", "Lead.stage"]

    @pytest.mark.parametrize(
        ("prefix", "path", "joined"),
        [
            ("Lead.person", "email", "Lead.person.email"),
            ("Lead.interactions", "[0].at", "Lead.interactions[0].at"),
            ("Lead", "", "Lead"),
            ("", "id", "id"),
        ],
    )
    def test_prefixed_joins_paths(self, prefix, path, joined):
        """Prefixing nests a problem's path under its parent field."""
        err = pl.InvalidLeadError([pl.Problem(path=path, expected="x")])
        prefixed = err.prefixed(prefix)
        assert type(prefixed) is pl.InvalidLeadError
        assert prefixed.problems[0].path == joined


class TestTransitionNotAllowed:
    def test_structured_attributes_and_message(self):
        """A refused event carries the lead, stage, event and unmet criteria."""
        err = pl.TransitionNotAllowedError(
            lead_id="L-9",
            stage="sales_accepted",
            event="qualify_sales",
            unmet=["budget: no evidence", "timing: unmet"],
        )
        assert err.unmet == ("budget: no evidence", "timing: unmet")
        assert str(err) == (
            "lead 'L-9' in stage 'sales_accepted' cannot take event 'qualify_sales': "
            "budget: no evidence; timing: unmet"
        )


class TestMissingDependency:
    def test_message_names_the_extra(self):
        """The message says what to install."""
        err = pl.MissingDependencyError(feature="strategies", extra="hypothesis")
        assert "pip install 'prospectlib[hypothesis]'" in str(err)


class TestArgumentTypeErrors:
    @pytest.mark.parametrize(
        ("error", "family"),
        [
            (pl.ArgumentTypeError, pl.ValidationError),
            (pl.LeadTypeError, pl.InvalidLeadError),
            (pl.ConfigTypeError, pl.InvalidConfigError),
        ],
    )
    def test_wrong_types_are_validation_and_type_errors(self, error, family):
        """A wrong argument type is caught as its family, a TypeError or either base."""
        assert issubclass(error, family)
        assert issubclass(error, pl.UnsupportedTypeError)
        err = error([pl.Problem(path="registry", expected="a ClassifierRegistry")])
        assert str(err) == "registry: expected a ClassifierRegistry"


ONE_OF_EACH = [
    pl.ValidationError([pl.Problem(path="x", expected="a number")]),
    pl.InvalidLeadError([pl.Problem(path="Lead.id", expected="a non-empty string")]),
    pl.InvalidConfigError(
        [pl.Problem(path="a", expected="b"), pl.Problem(path="c", expected="d")]
    ),
    pl.ArgumentTypeError([pl.Problem(path="event", expected="an event id")]),
    pl.LeadTypeError([pl.Problem(path="lead", expected="a Lead (got dict)")]),
    pl.ConfigTypeError([pl.Problem(path="pipeline", expected="a Pipeline")]),
    pl.UnknownNameError("no such name"),
    pl.UnknownClassifierError("no classifier registered as 'x'"),
    pl.UnknownStageError("no stage 'x'"),
    pl.UnknownEventError("no event 'x'"),
    pl.TransitionNotAllowedError(
        lead_id="L-1", stage="prospect", event="win", unmet=["no purchase"]
    ),
    pl.ClassifierError(classifier="x", lead_id="L-1", problem="it raised KeyError"),
    pl.UnsupportedTypeError("value: expected a model value (got int)"),
    pl.MissingDependencyError(feature="strategies", extra="hypothesis"),
]


class TestPickling:
    @pytest.mark.parametrize("error", ONE_OF_EACH, ids=lambda e: type(e).__name__)
    def test_every_error_pickles_and_copies_with_its_attributes(self, error):
        """Errors cross process boundaries: same type, message and attributes."""
        for twin in (
            pickle.loads(pickle.dumps(error)),  # noqa: S301  # our own data
            copy.copy(error),
            copy.deepcopy(error),
        ):
            assert type(twin) is type(error)
            assert str(twin) == str(error)
            assert vars(twin) == vars(error)

    def test_every_public_error_is_covered(self):
        """The round trip above takes one error of every public class."""
        classes = {
            getattr(errors, name)
            for name in errors.__all__
            if isinstance(getattr(errors, name), type)
            and issubclass(getattr(errors, name), Exception)
        }
        assert classes - {pl.ProspectlibError} == {type(e) for e in ONE_OF_EACH}


class TestAsData:
    @pytest.mark.parametrize("error", ONE_OF_EACH, ids=lambda e: type(e).__name__)
    def test_every_error_is_json_with_its_class_and_message(self, error):
        """A service can return any error as its response body."""
        body = error.to_dict()
        assert json.loads(json.dumps(body)) == body
        assert (body["error"], body["message"]) == (type(error).__name__, str(error))

    def test_a_validation_error_lists_its_problems_with_pointers(self):
        error = pl.InvalidLeadError(
            [
                pl.Problem(path="Lead.interactions[2].at", expected="a date"),
                pl.Problem(path="Lead.attributes['a/b~c']", expected="a scalar"),
                pl.Problem(path="leads[3]", expected="a Lead (got dict)"),
            ]
        )
        assert [p["pointer"] for p in error.to_dict()["problems"]] == [
            "/interactions/2/at",
            "/attributes/a~1b~0c",
            "/leads/3",
        ]

    def test_a_refusal_carries_what_a_client_needs(self):
        error = pl.TransitionNotAllowedError(
            lead_id="L-1", stage="prospect", event="win", unmet=["no purchase"]
        )
        assert error.to_dict() == {
            "error": "TransitionNotAllowedError",
            "message": str(error),
            "lead_id": "L-1",
            "stage": "prospect",
            "event": "win",
            "unmet": ["no purchase"],
            "conditions": [
                {
                    "kind": "refusal",
                    "key": None,
                    "verdict": "unmet",
                    "message": "no purchase",
                }
            ],
        }

    def test_a_problem_locates_its_field_as_names_and_indexes(self):
        """Problem.location is the pointer's steps, list indexes as ints."""
        problem = pl.Problem(path="Lead.interactions[2].at", expected="a date")
        assert problem.location == ("interactions", 2, "at")
        assert pl.Problem(path="leads[3]", expected="x").location == ("leads", 3)
        body = pl.InvalidLeadError([problem]).to_dict()
        assert body["problems"][0]["location"] == ["interactions", 2, "at"]

    def test_names_from_input_stay_short_in_paths_and_messages(self):
        """A huge unknown key or classifier name is cut to 64 characters, quoted."""
        with pytest.raises(pl.InvalidLeadError) as exc:
            pl.serialize.from_dict(pl.Location, {"k" * 10_000: 1, "two words": 2})
        paths = [p.path for p in exc.value.problems]
        assert paths == [f"Location[{'k' * 64!r}…]", "Location['two words']"]
        assert exc.value.problems[0].pointer == "/" + "k" * 64 + "…"
        with pytest.raises(pl.UnknownClassifierError) as lookup:
            pl.classifiers.default_registry().get("n" * 10_000)
        assert len(str(lookup.value)) < 400
        with pytest.raises(pl.UnknownClassifierError, match="as a value of type int"):
            pl.classifiers.default_registry().get(5)  # type: ignore[arg-type]
