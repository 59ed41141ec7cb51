"""An immutable, hashable mapping, so frozen models stay hashable."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from typing import TypeVar
from typing import final
from typing import overload

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")


@final
class FrozenMap(Mapping[K, V]):
    """A read-only mapping that can be hashed, compared and shared freely.

    Used for a lead's ``evidence``, ``consent`` and ``attributes``. It compares
    equal to any mapping with the same items.

    Examples:
        >>> m = FrozenMap({"plan": "pro", "seats": 12})
        >>> m["seats"], len(m), m == {"seats": 12, "plan": "pro"}
        (12, 2, True)
        >>> hash(m) == hash(FrozenMap({"seats": 12, "plan": "pro"}))
        True
    """

    # The scoring code writer reads `_data` and makes maps around a dict of its
    # own (``_data`` set, ``_hash`` None): the differential tests hold it to this.
    __slots__ = ("_data", "_hash")

    _data: dict[K, V]
    _hash: int | None

    def __init__(self, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        """Copy *items* (a mapping or key-value pairs)."""
        self._data = dict(items)
        self._hash = None

    def __getitem__(self, key: K) -> V:
        """Return the value for *key*."""
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        """Iterate over the keys in insertion order."""
        return iter(self._data)

    def __len__(self) -> int:
        """Return the number of items."""
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        """Return whether *key* is present."""
        return key in self._data

    @overload
    def get(self, key: K, /) -> V | None: ...
    @overload
    def get(self, key: K, /, default: V | T) -> V | T: ...
    def get(self, key: K, /, default: object = None) -> object:
        """Return the value for *key*, or *default* (faster than `Mapping.get`)."""
        return self._data.get(key, default)

    def __eq__(self, other: object) -> bool:
        """Compare with any mapping, item by item, ignoring order."""
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other.items())
        return NotImplemented

    def __hash__(self) -> int:
        """Hash the items (computed once)."""
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __reduce__(self) -> tuple[type[FrozenMap[K, V]], tuple[dict[K, V]]]:
        """Pickle the items only: a cached hash is not valid in another process."""
        return (FrozenMap, (self._data,))

    def __repr__(self) -> str:
        """Show as ``FrozenMap({...})``."""
        return f"FrozenMap({self._data!r})"
