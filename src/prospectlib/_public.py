"""Give exported names their public home as ``__module__`` (private).

A class defined in ``prospectlib/model/_lead.py`` and exported from
``prospectlib`` should say ``prospectlib.Lead`` in reprs, pickles and docs, not
the private file it happens to live in (httpx and pluggy do the same). Each
public ``__init__.py`` calls `publish` once, after its imports; a name exported
from a subpackage and again from ``prospectlib`` ends up at the shallower home.

Methods defined in a class's body move with it, so that documentation tools and
doctest, which look for a class's methods in the module the class names, find
them there. A class's annotations are resolved first, in the module that wrote
them: ``typing.get_type_hints`` evaluates string annotations in the module
``__module__`` names, which would no longer hold the names they use.
"""

from __future__ import annotations

import functools
import sys
import typing
from collections.abc import Mapping
from types import FunctionType
from typing import Any

import attrs


def publish(namespace: Mapping[str, Any]) -> None:
    """Set ``__module__`` of every class and function in ``__all__`` to this module.

    Names defined in a private module move (``prospectlib.model._lead`` for
    ``prospectlib.model``, ``prospectlib._convert`` for ``prospectlib.serialize``),
    and so do names of a subpackage re-exported above it (``prospectlib.model``
    for ``prospectlib``). A name borrowed from a public sibling keeps its home,
    and so does one from a public module such as ``prospectlib.errors``, which
    is where its reference page is.
    """
    home: str = namespace["__name__"]
    for name in namespace["__all__"]:
        value = namespace[name]
        origin = getattr(value, "__module__", None)
        if (
            isinstance(value, (type, FunctionType, functools._lru_cache_wrapper))  # noqa: SLF001  # functools.cache's wrapper type has no public name
            and isinstance(origin, str)
            and _movable(origin, home)
        ):
            _rehome(value, origin, home)


def _movable(origin: str, home: str) -> bool:
    """Whether a name from *origin* belongs at *home* (see `publish`)."""
    if any(part.startswith("_") for part in origin.split(".")):
        return True
    return origin.startswith(f"{home}.") and hasattr(sys.modules[origin], "__path__")


def _rehome(value: Any, origin: str, home: str) -> None:  # noqa: ANN401  # a class or function
    if isinstance(value, type):
        _resolve_annotations(value)
    value.__module__ = home
    wrapped = getattr(value, "__wrapped__", None)
    if wrapped is not None and getattr(wrapped, "__module__", None) == origin:
        wrapped.__module__ = home
    if isinstance(value, type):
        for member in vars(value).values():
            for function in _functions(member):
                if function.__module__ == origin:
                    function.__module__ = home


def _resolve_annotations(cls: type[Any]) -> None:
    """Replace *cls*'s own string annotations by the types they name."""
    if attrs.has(cls):
        attrs.resolve_types(cls)
    own = vars(cls).get("__annotations__")
    if own:
        hints = typing.get_type_hints(cls, include_extras=True)
        cls.__annotations__ = {name: hints[name] for name in own}


def _functions(member: object) -> tuple[Any, ...]:
    """The plain functions behind a class member (methods, properties, …)."""
    if isinstance(member, FunctionType):
        return (member,)
    if isinstance(member, (staticmethod, classmethod)):
        return (member.__func__,)
    if isinstance(member, property):
        return tuple(f for f in (member.fget, member.fset, member.fdel) if f)
    # attrs turns a slotted class's cached_property into a slot and a generated
    # __getattr__, so none is left here to move.
    return ()
