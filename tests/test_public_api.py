import importlib

import pytest

import prospectlib as pl

PUBLIC = {
    "Activity",
    "BuyingRole",
    "Channel",
    "Classification",
    "Company",
    "Consent",
    "ConsentStatus",
    "Evidence",
    "FrozenMap",
    "Interaction",
    "InvalidConfigError",
    "InvalidLeadError",
    "LawfulBasis",
    "Lead",
    "Location",
    "MissingDependencyError",
    "Objection",
    "ObjectionKind",
    "Person",
    "Problem",
    "ProspectlibError",
    "Purchase",
    "Scalar",
    "Source",
    "StageChange",
    "TransitionNotAllowedError",
    "UnknownClassifierError",
    "UnknownEventError",
    "UnknownNameError",
    "UnknownStageError",
    "UnsupportedTypeError",
    "ValidationError",
    "Verdict",
    "__version__",
    "classify",
    "classify_many",
}


class TestPublicApi:
    def test_all_is_exactly_the_public_names(self):
        """prospectlib.__all__ lists exactly the documented public names."""
        assert set(pl.__all__) == PUBLIC

    def test_all_has_no_duplicates(self):
        """Each public name is listed once (ruff's RUF022 keeps the order sorted)."""
        assert len(pl.__all__) == len(set(pl.__all__))

    def test_every_public_name_exists(self):
        """Every name in __all__ can be imported."""
        for name in pl.__all__:
            assert getattr(pl, name) is not None

    def test_public_names_not_in_all_are_private(self):
        """Nothing public leaks from the package namespace outside __all__."""
        leaked = {
            name
            for name in vars(pl)
            if not name.startswith("_")
            and name not in pl.__all__
            and not isinstance(getattr(pl, name), type(pl))
        }
        assert leaked == set()

    @pytest.mark.parametrize(
        "module",
        ["prospectlib.model", "prospectlib.lifecycle", "prospectlib.classifiers"],
    )
    def test_subpackage_all_is_importable(self, module):
        """A subpackage's __all__ names each public name once, and each exists."""
        mod = importlib.import_module(module)
        assert len(mod.__all__) == len(set(mod.__all__))
        for name in mod.__all__:
            assert hasattr(mod, name)

    def test_model_types_pickle(self):
        """Leads can cross process boundaries (Dask, multiprocessing)."""
        import datetime as dt
        import pickle

        lead = pl.Lead(
            id="L-1",
            created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
            source="event",
            attributes={"a": 1},
        )
        assert pickle.loads(pickle.dumps(lead)) == lead  # noqa: S301
