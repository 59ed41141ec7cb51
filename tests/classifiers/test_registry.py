import datetime as dt
import importlib.metadata

import attrs
import pytest

import prospectlib as pl
from prospectlib.classifiers import ENTRY_POINT_GROUP
from prospectlib.classifiers import Classification
from prospectlib.classifiers import ClassifierRegistry
from prospectlib.classifiers import MarketLabel
from tests.helpers import config_problem

T0 = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


@attrs.frozen(kw_only=True)
class Echo:
    """A minimal classifier: everyone is B2C."""

    labels = MarketLabel
    name: str = "echo"

    def classify(
        self, lead: pl.Lead, *, at: dt.datetime
    ) -> Classification[MarketLabel]:
        return Classification(classifier=self.name, label=MarketLabel.B2C, confidence=1)


class CallableEcho(Echo):
    """A classifier that is also callable: it must be registered, not called."""

    def __call__(self) -> object:
        pytest.fail("a classifier object must not be called")


def make_echo() -> Echo:
    return Echo(name="made")


def needs_an_argument(name: str) -> Echo:
    return Echo(name=name)


class NotAClassifier:
    """Builds without arguments, but has no classify method."""


@attrs.frozen
class FakeEntryPoint:
    """Stands in for `importlib.metadata.EntryPoint` (as pluggy's tests do)."""

    name: str
    value: object
    group: str = ENTRY_POINT_GROUP

    def load(self) -> object:
        if isinstance(self.value, BaseException):
            raise self.value
        return self.value


@pytest.fixture
def entry_points(monkeypatch):
    """Install fake entry points; returns the list to fill and the groups asked."""
    installed: list[FakeEntryPoint] = []
    asked: list[str] = []

    def fake(*, group: str) -> list[FakeEntryPoint]:
        asked.append(group)
        return [ep for ep in installed if ep.group == group]

    monkeypatch.setattr(importlib.metadata, "entry_points", fake)
    return installed, asked


class TestRegister:
    def test_registers_under_the_classifiers_own_name(self):
        """It returns the classifier's own name and keeps the classifier under it."""
        registry = ClassifierRegistry()
        echo = Echo()
        assert registry.register(echo) == "echo"
        assert registry.get("echo") is echo

    def test_registers_under_another_name(self):
        """An explicit name overrides the classifier's own."""
        registry = ClassifierRegistry()
        assert registry.register(Echo(), name="echo_strict") == "echo_strict"
        assert registry.names() == ("echo_strict",)

    def test_the_same_class_twice_under_two_names(self):
        """Two differently tuned copies of one class can both be registered."""
        registry = ClassifierRegistry([Echo(), Echo(name="other")])
        assert registry.names() == ("echo", "other")

    def test_a_duplicate_name_is_refused(self):
        """Registering a name twice raises InvalidConfigError and keeps the first."""
        first = Echo()
        registry = ClassifierRegistry([first])
        with pytest.raises(pl.InvalidConfigError) as exc:
            registry.register(Echo())
        problem = config_problem(exc)
        assert problem.path == "name"
        assert problem.expected == "a name not yet registered ('echo' is)"
        assert registry.get("echo") is first

    @pytest.mark.parametrize("thing", [object(), "echo", 42, None, Echo])
    def test_a_non_classifier_is_refused(self, thing):
        """Objects without name and classify, and classes, are not classifiers."""
        registry = ClassifierRegistry()
        with pytest.raises(pl.InvalidConfigError) as exc:
            registry.register(thing)
        problem = config_problem(exc)
        assert problem.path == "classifier"
        assert problem.expected.startswith(
            "an object with a name, labels and a classify(lead, *, at) method (got "
        )
        assert len(registry) == 0

    @pytest.mark.parametrize("labels", [None, str, MarketLabel.B2B, int])
    def test_labels_must_be_a_str_enum_class(self, labels):
        """A classifier's labels must be a StrEnum class, else it is refused."""
        odd = attrs.evolve(Echo())
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(Echo, "labels", labels)
            with pytest.raises(pl.InvalidConfigError) as exc:
                ClassifierRegistry().register(odd)
        assert config_problem(exc) == pl.Problem(
            path="classifier.labels", expected="a StrEnum class"
        )

    def test_knows_each_classifiers_labels(self):
        """labels(name) is the label enum of the classifier registered as name."""
        registry = pl.classifiers.default_registry()
        registry.register(Echo())
        assert registry.labels("echo") is MarketLabel
        assert registry.labels("temperature") is pl.classifiers.TemperatureLabel
        with pytest.raises(pl.UnknownClassifierError):
            registry.labels("nope")

    @pytest.mark.parametrize("name", ["", "   ", 3])
    def test_an_empty_or_non_string_name_is_refused(self, name):
        """A blank or non-string name raises InvalidConfigError."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            ClassifierRegistry().register(Echo(), name=name)
        assert config_problem(exc) == pl.Problem(
            path="name", expected="a non-empty string"
        )

    def test_a_classifier_with_an_empty_own_name_is_refused(self):
        """Without a name argument, the classifier's own blank name is refused."""
        with pytest.raises(pl.InvalidConfigError):
            ClassifierRegistry().register(Echo(name=""))


class TestUnregister:
    def test_removes_and_returns_the_classifier(self):
        """Unregistering hands back the classifier and forgets its name."""
        echo = Echo()
        registry = ClassifierRegistry([echo, Echo(name="other")])
        assert registry.unregister("echo") is echo
        assert registry.names() == ("other",)
        assert "echo" not in registry

    def test_an_unknown_name_raises(self):
        """Unregistering a name that is not registered raises UnknownClassifierError."""
        with pytest.raises(pl.UnknownClassifierError):
            ClassifierRegistry().unregister("echo")

    def test_a_name_can_be_registered_again_after_unregistering(self):
        """After unregister, the name is free again."""
        registry = ClassifierRegistry([Echo()])
        registry.unregister("echo")
        assert registry.register(Echo()) == "echo"


class TestGet:
    def test_an_unknown_name_raises_a_lookup_error(self):
        """Getting an unknown name raises UnknownClassifierError, a LookupError."""
        registry = ClassifierRegistry([Echo(), Echo(name="other")])
        with pytest.raises(pl.UnknownClassifierError) as exc:
            registry.get("market")
        assert isinstance(exc.value, LookupError)
        assert isinstance(exc.value, pl.ProspectlibError)
        assert str(exc.value) == (
            "no classifier registered as 'market' (registered: echo, other)"
        )

    def test_an_empty_registry_says_none_is_registered(self):
        """The message of an empty registry says none are registered."""
        with pytest.raises(pl.UnknownClassifierError, match=r"\(registered: none\)"):
            ClassifierRegistry().get("echo")

    def test_an_unhashable_name_is_unknown(self):
        """An unhashable name is simply not registered."""
        with pytest.raises(pl.UnknownClassifierError):
            ClassifierRegistry([Echo()]).get(["echo"])  # type: ignore[arg-type]


class TestContainer:
    def test_names_iteration_and_length_follow_registration_order(self):
        """names(), iteration and len agree, in registration order."""
        registry = ClassifierRegistry()
        for name in ("b", "a", "c"):
            registry.register(Echo(name=name))
        assert registry.names() == ("b", "a", "c")
        assert list(registry) == ["b", "a", "c"]
        assert len(registry) == 3

    def test_contains_only_registered_names(self):
        """``in`` is true for registered names only, whatever the type."""
        registry = ClassifierRegistry([Echo()])
        assert "echo" in registry
        assert "other" not in registry
        assert 3 not in registry

    def test_a_new_registry_is_empty(self):
        """A registry starts empty: nothing is discovered at construction."""
        registry = ClassifierRegistry()
        assert (registry.names(), len(registry), list(registry)) == ((), 0, [])

    def test_names_is_a_snapshot(self):
        """names() does not change when the registry changes later."""
        registry = ClassifierRegistry([Echo()])
        names = registry.names()
        registry.register(Echo(name="other"))
        assert names == ("echo",)


class TestLoadEntryPoints:
    def test_loads_an_instance_a_class_and_a_factory(self, entry_points):
        """Objects are registered as they are; classes and factories are called."""
        installed, asked = entry_points
        instance = Echo(name="own-name")
        installed.extend(
            [
                FakeEntryPoint("instance", instance),
                FakeEntryPoint("klass", Echo),
                FakeEntryPoint("factory", make_echo),
            ]
        )
        registry = ClassifierRegistry()
        assert registry.load_entry_points() == 3
        assert asked == ["prospectlib.classifiers"]
        assert registry.names() == ("instance", "klass", "factory")
        assert registry.get("instance") is instance
        assert registry.get("klass") == Echo()
        assert registry.get("factory") == Echo(name="made")

    def test_registers_under_the_entry_point_name(self, entry_points):
        """The entry point's name, not the classifier's own, is the key."""
        installed, _ = entry_points
        installed.append(FakeEntryPoint("plugin_echo", Echo()))
        registry = ClassifierRegistry()
        registry.load_entry_points()
        assert "plugin_echo" in registry
        assert "echo" not in registry

    def test_reads_only_the_given_group(self, entry_points):
        """Another group's entry points are read only when that group is asked."""
        installed, asked = entry_points
        installed.extend(
            [
                FakeEntryPoint("ours", Echo()),
                FakeEntryPoint("theirs", Echo(), group="acme.classifiers"),
            ]
        )
        registry = ClassifierRegistry()
        assert registry.load_entry_points(group="acme.classifiers") == 1
        assert asked == ["acme.classifiers"]
        assert registry.names() == ("theirs",)

    def test_a_registered_name_is_skipped_without_loading(self, entry_points):
        """An entry point whose name is registered is neither loaded nor counted."""
        installed, _ = entry_points
        mine = Echo()
        installed.extend(
            [
                FakeEntryPoint("echo", ImportError("must not be loaded")),
                FakeEntryPoint("new", Echo()),
            ]
        )
        registry = ClassifierRegistry([mine])
        assert registry.load_entry_points() == 1
        assert registry.get("echo") is mine
        assert registry.names() == ("echo", "new")

    def test_the_first_of_two_same_named_entry_points_wins(self, entry_points):
        """Of two entry points with one name, the first registers, the second not."""
        installed, _ = entry_points
        first, second = Echo(name="first"), Echo(name="second")
        installed.extend(
            [FakeEntryPoint("echo", first), FakeEntryPoint("echo", second)]
        )
        registry = ClassifierRegistry()
        assert registry.load_entry_points() == 1
        assert registry.get("echo") is first

    def test_loading_twice_loads_nothing_new(self, entry_points):
        """A second call finds every name registered and returns 0."""
        installed, _ = entry_points
        installed.append(FakeEntryPoint("echo", Echo()))
        registry = ClassifierRegistry()
        assert registry.load_entry_points() == 1
        assert registry.load_entry_points() == 0

    def test_no_entry_points_loads_nothing(self, entry_points):
        """With nothing installed, nothing is registered and 0 is returned."""
        registry = ClassifierRegistry()
        assert registry.load_entry_points() == 0
        assert len(registry) == 0

    def test_a_callable_classifier_is_not_called(self, entry_points):
        """A classifier object that is also callable is registered as it is."""
        installed, _ = entry_points
        callable_echo = CallableEcho()
        installed.append(FakeEntryPoint("callable", callable_echo))
        registry = ClassifierRegistry()
        registry.load_entry_points()
        assert registry.get("callable") is callable_echo

    @pytest.mark.parametrize("thing", [42, "echo", NotAClassifier, NotAClassifier()])
    def test_something_that_is_not_a_classifier_is_refused(self, entry_points, thing):
        """An entry point naming a non-classifier raises InvalidConfigError."""
        installed, _ = entry_points
        installed.append(FakeEntryPoint("broken", thing))
        registry = ClassifierRegistry()
        with pytest.raises(pl.InvalidConfigError):
            registry.load_entry_points()
        assert "broken" not in registry

    def test_a_factory_that_needs_arguments_is_refused(self, entry_points):
        """A factory that needs arguments raises InvalidConfigError."""
        installed, _ = entry_points
        installed.append(FakeEntryPoint("needy", needs_an_argument))
        registry = ClassifierRegistry()
        with pytest.raises(pl.InvalidConfigError) as exc:
            registry.load_entry_points()
        problem = config_problem(exc)
        assert problem.path == "entry_points['needy']"
        assert problem.expected.startswith(
            "a classifier, or a class or function that makes one without arguments ("
        )
        assert isinstance(exc.value.__cause__, TypeError)
        assert "needy" not in registry

    def test_nothing_is_discovered_until_asked(self, entry_points):
        """Building a registry never reads entry points."""
        installed, asked = entry_points
        installed.append(FakeEntryPoint("echo", Echo()))
        ClassifierRegistry()
        ClassifierRegistry([Echo(name="other")])
        assert asked == []

    def test_the_registered_classifiers_classify(self, entry_points):
        """A loaded classifier answers like any other."""
        installed, _ = entry_points
        installed.append(FakeEntryPoint("echo", Echo))
        registry = ClassifierRegistry()
        registry.load_entry_points()
        answer = registry.get("echo").classify(pl.Lead(id="L", created_at=T0), at=T0)
        assert answer.label is MarketLabel.B2C


class TestLoadFailures:
    def test_an_entry_point_that_fails_to_import_is_named(self, entry_points):
        """An import error inside a plug-in is an InvalidConfigError naming it."""
        installed, _ = entry_points
        installed.append(FakeEntryPoint("broken", ImportError("no module 'acme'")))
        registry = ClassifierRegistry()
        with pytest.raises(pl.InvalidConfigError) as exc:
            registry.load_entry_points()
        problem = config_problem(exc)
        assert problem.path == "entry_points['broken']"
        assert (
            problem.expected == "an importable object (ImportError: no module 'acme')"
        )

    def test_a_non_classifier_is_named_by_its_entry_point(self, entry_points):
        """The error for a non-classifier names the entry point."""
        installed, _ = entry_points
        installed.append(FakeEntryPoint("broken", 42))
        with pytest.raises(pl.InvalidConfigError) as exc:
            ClassifierRegistry().load_entry_points()
        assert config_problem(exc).path.startswith("entry_points['broken']")

    def test_all_or_nothing(self, entry_points):
        """When one entry point is broken, none of the others is registered."""
        installed, _ = entry_points
        installed.extend([FakeEntryPoint("good", Echo()), FakeEntryPoint("bad", 42)])
        registry = ClassifierRegistry()
        with pytest.raises(pl.InvalidConfigError):
            registry.load_entry_points()
        assert len(registry) == 0

    def test_an_error_inside_a_factory_is_not_mistaken_for_arguments(
        self, entry_points
    ):
        """A factory that fails inside raises its own error, not 'needs arguments'."""

        def broken_factory() -> Echo:
            return len(3)  # type: ignore[arg-type,return-value]

        installed, _ = entry_points
        installed.append(FakeEntryPoint("broken", broken_factory))
        with pytest.raises(TypeError, match="has no len"):
            ClassifierRegistry().load_entry_points()
