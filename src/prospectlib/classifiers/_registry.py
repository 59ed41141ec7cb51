"""Where classifiers are kept by name, and how installed packages add theirs."""

from __future__ import annotations

import enum
import inspect
from collections.abc import Iterable
from collections.abc import Iterator
from typing import Any

from prospectlib import _validate as v
from prospectlib.classifiers._base import Classifier
from prospectlib.errors import ConfigTypeError
from prospectlib.errors import InvalidConfigError
from prospectlib.errors import Problem
from prospectlib.errors import UnknownClassifierError

ENTRY_POINT_GROUP = "prospectlib.classifiers"
"""The entry-point group third-party packages publish classifiers under."""


class ClassifierRegistry:
    """Classifiers by name: pluggy's contract, shrunk to what classifiers need.

    Examples:
        >>> from prospectlib.classifiers import Market
        >>> registry = ClassifierRegistry()
        >>> registry.register(Market())
        'market'
        >>> registry.names(), "market" in registry, len(registry)
        (('market',), True, 1)
        >>> registry.register(Market(), name="market_strict")
        'market_strict'
        >>> registry.unregister("market").name
        'market'
        >>> list(registry)
        ['market_strict']
    """

    __slots__ = ("__weakref__", "_classifiers")

    def __init__(self, classifiers: Iterable[Classifier[Any]] = ()) -> None:
        """Start with *classifiers*, each registered under its own name."""
        self._classifiers: dict[str, Classifier[Any]] = {}
        for classifier in classifiers:
            self.register(classifier)

    def register(self, classifier: Classifier[Any], name: str | None = None) -> str:
        """Keep *classifier* as *name* (default: its own ``name``); return the name.

        Raises:
            InvalidConfigError: *classifier* is not a classifier (a
                `ConfigTypeError`, also a `TypeError`), the name is empty, or a
                classifier is registered under it already.
        """
        if isinstance(classifier, type) or not isinstance(classifier, Classifier):
            raise ConfigTypeError(
                [
                    Problem(
                        path="classifier",
                        expected="an object with a name, labels and a "
                        "classify(lead, *, at) method "
                        f"(got {type(classifier).__name__})",
                    )
                ]
            )
        labels = classifier.labels
        if not (isinstance(labels, type) and issubclass(labels, enum.StrEnum)):
            raise InvalidConfigError(
                [Problem(path="classifier.labels", expected="a StrEnum class")]
            )
        key = v.new_name(classifier.name if name is None else name, self._classifiers)
        self._classifiers[key] = classifier
        return key

    def labels(self, name: str) -> type[enum.StrEnum]:
        """The labels the classifier registered as *name* answers with.

        Raises:
            UnknownClassifierError: nothing is registered under *name*.

        Examples:
            >>> from prospectlib.classifiers import default_registry
            >>> [label.value for label in default_registry().labels("market")]
            ['b2b', 'b2c']
        """
        labels: type[enum.StrEnum] = self.get(name).labels
        return labels

    def unregister(self, name: str) -> Classifier[Any]:
        """Remove and return the classifier registered as *name*."""
        classifier = self.get(name)
        del self._classifiers[name]
        return classifier

    def get(self, name: str) -> Classifier[Any]:
        """The classifier registered as *name*; `UnknownClassifierError` if none."""
        try:
            return self._classifiers[name]
        except (KeyError, TypeError):
            known = ", ".join(self._classifiers) or "none"
            given: object = name  # any hashable reaches here, whatever the hint says
            if isinstance(given, str):
                asked = v.shown(given)
            else:
                asked = v.got(given).removeprefix("got ")
            msg = f"no classifier registered as {asked} (registered: {known})"
            raise UnknownClassifierError(msg) from None

    def names(self) -> tuple[str, ...]:
        """The registered names, in registration order."""
        return tuple(self._classifiers)

    def __contains__(self, name: object) -> bool:
        """Whether a classifier is registered as *name*."""
        return name in self._classifiers

    def __iter__(self) -> Iterator[str]:
        """The registered names, in registration order."""
        return iter(self._classifiers)

    def __len__(self) -> int:
        """How many classifiers are registered."""
        return len(self._classifiers)

    def load_entry_points(self, group: str = ENTRY_POINT_GROUP) -> int:
        """Register the classifiers installed packages publish in *group*.

        Explicit and opt-in: nothing is discovered at import. Each entry point
        may name a classifier object, or a class or function that makes one when
        called without arguments; it is registered under the entry point's
        name. Names already registered are skipped (as pluggy does). Either every
        new entry point is registered or, on an error, none is.

        Returns:
            How many classifiers were registered.

        Raises:
            InvalidConfigError: an entry point cannot be loaded, or its object is
                not a classifier; the path names the entry point.
        """
        import importlib.metadata  # noqa: PLC0415  # only when asked, not at import

        found: dict[str, Classifier[Any]] = {}
        for entry_point in importlib.metadata.entry_points(group=group):
            name = entry_point.name
            if name in self._classifiers or name in found:
                continue
            found[name] = _load(entry_point)
        staged = ClassifierRegistry()
        staged._classifiers = dict(self._classifiers)  # same class
        for name, classifier in found.items():
            try:
                staged.register(classifier, name=name)
            except InvalidConfigError as exc:
                raise exc.prefixed(f"entry_points[{name!r}]") from None
        self._classifiers = staged._classifiers  # same class
        return len(found)


def _load(entry_point: Any) -> Any:  # noqa: ANN401  # an importlib.metadata.EntryPoint
    path = f"entry_points[{entry_point.name!r}]"
    try:
        obj = entry_point.load()
    except Exception as exc:  # a third-party import can raise anything
        raise InvalidConfigError(
            [
                Problem(
                    path=path,
                    expected=f"an importable object ({type(exc).__name__}: {exc})",
                )
            ]
        ) from exc
    if isinstance(obj, type) or (callable(obj) and not isinstance(obj, Classifier)):
        try:
            inspect.signature(obj).bind()
        except TypeError as exc:
            raise InvalidConfigError(
                [
                    Problem(
                        path=path,
                        expected="a classifier, or a class or function that makes one "
                        f"without arguments ({exc})",
                    )
                ]
            ) from exc
        obj = obj()
    return obj
