import importlib
import inspect
import pickle
import re
import types
from pathlib import Path

import pytest

import prospectlib as pl

# The packages whose __init__ is only imports and __all__, and the public modules.
PACKAGES = [
    "prospectlib",
    "prospectlib.model",
    "prospectlib.criteria",
    "prospectlib.qualification",
    "prospectlib.lifecycle",
    "prospectlib.classifiers",
    "prospectlib.scoring",
    "prospectlib.workflow",
]
MODULES = [
    "prospectlib.errors",
    "prospectlib.serialize",
    "prospectlib.samples",
    "prospectlib.strategies",
]
REFERENCE = Path(__file__).resolve().parent.parent / "docs" / "reference"


def exported(module_name):
    """(module name, name, value) for every name in a public module's __all__."""
    module = importlib.import_module(module_name)
    return [(module_name, name, getattr(module, name)) for name in module.__all__]


def documented_paths():
    """The dotted paths the reference pages render with mkdocstrings (``::: x``)."""
    text = "\n".join(page.read_text() for page in REFERENCE.glob("*.md"))
    return set(re.findall(r"^::: ([\w.]+)", text, flags=re.MULTILINE))


PUBLIC = {
    "Activity",
    "ArgumentTypeError",
    "ClassifierError",
    "BuyingRole",
    "Channel",
    "Classification",
    "Company",
    "ConfigTypeError",
    "Consent",
    "ConsentStatus",
    "Evidence",
    "FrozenMap",
    "Interaction",
    "InvalidConfigError",
    "InvalidLeadError",
    "LawfulBasis",
    "Lead",
    "LeadTypeError",
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
    "Term",
    "TransitionNotAllowedError",
    "UnknownClassifierError",
    "UnknownEventError",
    "UnknownNameError",
    "UnknownStageError",
    "Unmet",
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

    @pytest.mark.parametrize("package", PACKAGES)
    def test_package_all_is_what_its_namespace_holds(self, package):
        """A package's __all__ is exactly the public names in its vars()."""
        mod = importlib.import_module(package)
        public = {
            name
            for name, value in vars(mod).items()
            if not name.startswith("_") and not isinstance(value, types.ModuleType)
        }
        assert set(mod.__all__) - {"__version__"} == public

    @pytest.mark.parametrize("module", PACKAGES + MODULES)
    def test_every_export_is_in_the_reference(self, module):
        """Each exported name is rendered on a reference page (or its module is)."""
        paths = documented_paths()
        missing = []
        for _, name, value in exported(module):
            if name == "__version__" or module in paths:
                continue
            homes = [
                other
                for other in PACKAGES + MODULES
                if getattr(importlib.import_module(other), name, None) is value
            ]
            if not any(f"{home}.{name}" in paths or home in paths for home in homes):
                missing.append(f"{module}.{name}")
        assert missing == []

    @pytest.mark.parametrize("module", PACKAGES + MODULES)
    def test_exports_name_their_public_home(self, module):
        """Every exported class and function says where users import it from."""
        wrong = []
        for _, name, value in exported(module):
            if not (inspect.isclass(value) or inspect.isroutine(value)):
                continue
            home = value.__module__
            if home not in PACKAGES + MODULES:
                wrong.append(f"{module}.{name} says {home}")
                continue
            if getattr(importlib.import_module(home), name, None) is not value:
                wrong.append(f"{module}.{name} is not {home}.{name}")
        assert wrong == []

    def test_classes_pickle_by_their_public_path(self):
        """A pickle names prospectlib.Lead, not the private module it is defined in."""
        import datetime as dt

        lead = pl.Lead(id="L-1", created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        data = pickle.dumps(lead)
        assert b"prospectlib\x94\x8c\x04Lead" in data
        assert b"_lead" not in data
        assert repr(pl.lifecycle.Pipeline) == "<class 'prospectlib.lifecycle.Pipeline'>"

    @pytest.mark.parametrize("package", PACKAGES)
    def test_subpackage_all_is_importable(self, package):
        """A subpackage's __all__ names each public name once, and each exists."""
        mod = importlib.import_module(package)
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
