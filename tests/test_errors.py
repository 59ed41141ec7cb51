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
