import pytest

import prospectlib as pl


class TestFrozenMap:
    def test_reads_like_a_mapping(self):
        """A FrozenMap answers lookups, len, iteration and membership."""
        m = pl.FrozenMap({"a": 1, "b": 2})
        assert m["a"] == 1
        assert list(m) == ["a", "b"]
        assert len(m) == 2
        assert "a" in m
        assert "z" not in m
        assert m.get("z") is None

    def test_built_from_pairs(self):
        """A FrozenMap can be built from key-value pairs."""
        assert pl.FrozenMap([("a", 1)]) == {"a": 1}

    def test_cannot_be_changed(self):
        """There is no way to set or delete an item."""
        m = pl.FrozenMap({"a": 1})
        with pytest.raises(TypeError):
            m["a"] = 2  # type: ignore[index]

    def test_a_copy_not_a_view(self):
        """Changing the dict it was built from does not change it."""
        source = {"a": 1}
        m = pl.FrozenMap(source)
        source["a"] = 2
        assert m["a"] == 1

    def test_equality_ignores_order_and_type_of_mapping(self):
        """Equal to any mapping with the same items, in any order."""
        assert pl.FrozenMap({"a": 1, "b": 2}) == pl.FrozenMap({"b": 2, "a": 1})
        assert pl.FrozenMap({"a": 1}) == {"a": 1}
        assert pl.FrozenMap({"a": 1}) != {"a": 2}
        assert pl.FrozenMap({"a": 1}) != [("a", 1)]

    def test_hash_follows_equality(self):
        """Equal maps hash alike; the hash is stable."""
        a, b = pl.FrozenMap({"a": 1, "b": 2}), pl.FrozenMap({"b": 2, "a": 1})
        assert hash(a) == hash(b) == hash(a)

    def test_repr(self):
        """The repr shows the items."""
        assert repr(pl.FrozenMap({"a": 1})) == "FrozenMap({'a': 1})"

    def test_pickle_across_processes_keeps_hash_consistent(self):
        """An unpickled map hashes like a fresh one in the receiving process."""
        import pickle
        import subprocess
        import sys

        m = pl.FrozenMap({"plan": "pro", "tier": "gold"})
        hash(m)  # cache the hash in this process
        payload = pickle.dumps(m).hex()
        code = (
            "import pickle, sys, prospectlib as pl; "
            "m = pickle.loads(bytes.fromhex(sys.argv[1])); "
            "fresh = pl.FrozenMap({'plan': 'pro', 'tier': 'gold'}); "
            "print(m == fresh, hash(m) == hash(fresh), m in {fresh})"
        )
        done = subprocess.run(  # noqa: S603  # our own interpreter, our own code
            [sys.executable, "-c", code, payload],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": "12345", "PATH": ""},
            timeout=60,
        )
        assert done.stdout.split() == ["True", "True", "True"]

    def test_get(self):
        """Looking up with get gives the value, or the default (None) on a miss."""
        m = pl.FrozenMap({"a": 1})
        assert (m.get("a"), m.get("b"), m.get("b", 0), m.get("a", 0)) == (1, None, 0, 1)
