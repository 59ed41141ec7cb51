"""Criteria compiled: the fast forms a criterion supplies beside its ``test``.

A criterion's meaning is written once, in its class: ``test`` and
``evaluate`` say what it means, and each fast form is a private method of the
same class, written beside them, so a change to a criterion is one edit in one
file (differential tests hold every form equal to ``test``). The forms, one
method name per target:

- ``_inline(writer)`` (this module's `InlineWriter`): a Python expression,
  truthy when the criterion holds for the local ``lead`` at ``at``, that a code
  writer places in the function it generates (today the score models' scoring
  function). It returns ``None`` when it has no better expression than calling
  ``test``, which the writer then does.
- ``_columns(...)``: a numpy boolean array over the rows of a columnar table,
  for the population engine. No criterion supplies it yet; `form` finds it the
  same way when one does, and an engine falls back to ``test`` row by row for
  a criterion without it.

Only the library's own criterion classes (`BUILT_IN`) are asked for a form:
a third-party or custom criterion is always called through its ``test``, so no
outside code writes source. A form may put into the generated text only names
the writer binds (`InlineWriter.bind`), literal numbers and the attribute names
of the model classes' own fields: no id or value of a configuration becomes
code, so configuration read from JSON cannot inject any.

Each class supplying its own form was chosen over one backend module per target
with a table of every criterion kind: the form sits beside the ``test`` it must
equal, a new criterion kind brings its forms with it, and a backend stays free
of criterion-specific knowledge (`InlineWriter` knows the model's fields, not
criteria).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import types
import typing
from collections.abc import Callable
from collections.abc import Iterable
from typing import Any

from prospectlib.criteria._base import BUILT_IN
from prospectlib.criteria._base import Criterion
from prospectlib.model import Company
from prospectlib.model import Lead
from prospectlib.model import Location
from prospectlib.model import Person

# A memo per text field keeps at most this many values: a rule on names or
# e-mail addresses would otherwise grow it with every lead.
MEMO_SIZE = 4096
# Deeper criteria are called, not inlined: the parser limits nested brackets.
MAX_INLINE_DEPTH = 16
# Longer sums are written in halves: the compiler limits how deep an
# expression nests, and a chain of additions nests one level per term.
CHAIN = 32


class FieldKind:
    """How generated code may read a field: by the types its hint allows."""

    TEXT = "text"
    """``str`` or a `StrEnum`: a memo keyed by the value is exact."""
    INT = "int"
    """A whole number (or ``None``)."""
    COLLECTION = "collection"
    """A tuple or frozenset (empty when unknown)."""
    OTHER = "other"
    """Anything else: read it through the criterion's ``test``."""


def form(node: object, target: str) -> Callable[..., Any] | None:
    """The compiled form *target* (``"_inline"``, ...) of a built-in criterion.

    ``None`` for a criterion that has none, and for any criterion whose class
    the library does not own: those are called through ``test``.
    """
    if type(node) not in BUILT_IN:
        return None
    method: Callable[..., Any] | None = getattr(node, target, None)
    return method


def added(terms: list[str]) -> str:
    """*terms* added up, in halves when many: a long chain is too deep to compile.

    Examples:
        >>> added(["a", "b"])
        'a + b'
    """
    if len(terms) <= CHAIN:
        return " + ".join(terms)
    half = len(terms) // 2
    return f"({added(terms[:half])}) + ({added(terms[half:])})"


@functools.cache
def _field_types() -> dict[type[Any], dict[str, Any]]:
    """The type of each field of the classes a field path walks through."""
    return {
        cls: typing.get_type_hints(cls) for cls in (Lead, Person, Company, Location)
    }


def _options(hint: Any) -> tuple[Any, ...]:  # noqa: ANN401  # a type hint
    """The types a hint allows besides ``None``."""
    if typing.get_origin(hint) in {typing.Union, types.UnionType}:
        return tuple(a for a in typing.get_args(hint) if a is not type(None))
    return (hint,)


def _kind(options: tuple[Any, ...]) -> str:
    """How generated code may read a field of these types (a `FieldKind`)."""
    if all(isinstance(a, type) and issubclass(a, str) for a in options):
        return FieldKind.TEXT
    if all(a is int for a in options):
        return FieldKind.INT
    if all(typing.get_origin(a) in {tuple, frozenset} for a in options):
        return FieldKind.COLLECTION
    return FieldKind.OTHER


def _remember(
    memo: dict[object, tuple[bool, ...]],
    nodes: tuple[Criterion, ...],
    lead: Lead,
    at: dt.datetime,
    value: object,
) -> tuple[bool, ...]:
    """Test *nodes* on *lead*; remember the answers for its field's *value*."""
    answers = tuple(node.test(lead, at=at) for node in nodes)
    if len(memo) < MEMO_SIZE:
        memo[value] = answers
    return answers


class InlineWriter:
    """Writes criteria as inline expressions and binds the names they use.

    The expressions read the locals ``lead`` and ``at`` of the generated
    function; the lines of `prelude` and `memo_lines`, placed before the
    first expression, compute the locals they share (each field read once per
    lead). With *specialise* false every criterion is called through its
    ``test``: the reference form the differential tests compare with.

    Examples:
        >>> import prospectlib.criteria as cr
        >>> writer = InlineWriter(specialise=True)
        >>> writer.criterion(cr.not_(cr.has_tag("vip")))
        '(not (_0 in f0))'
        >>> writer.prelude, writer.namespace["_0"]
        (['f0 = lead.tags'], 'vip')
    """

    def __init__(self, *, specialise: bool) -> None:
        self.specialise = specialise
        self.namespace: dict[str, object] = {}
        """What the generated code's names are bound to."""
        self.prelude: list[str] = []
        """Lines computing the locals the expressions read, in order."""
        self._bound = itertools.count()
        self._depth = 0
        self._impure = False
        self._reads: dict[tuple[str, ...], tuple[str, tuple[Any, ...]]] = {}
        self._locals: dict[tuple[object, ...], str] = {}
        self._memos: dict[tuple[str, ...], tuple[str, list[Criterion]]] = {}

    # --- what a criterion's ``_inline`` may ask for ----------------------------------

    def bind(self, value: object) -> str:
        """A new name for *value* in the namespace."""
        name = f"_{next(self._bound)}"
        self.namespace[name] = value
        return name

    def read(self, path: Iterable[str]) -> tuple[str, str] | None:
        """The local holding the lead's field at *path*, and its `FieldKind`.

        Each field is read once per lead, ``None`` when an object on the way
        is (as `Compare` reads it). ``None`` for a path that is not made of the
        model classes' own fields (``attributes.<key>`` walks a mapping): their
        names are the only names from a configuration that reach the code.
        """
        found = self._read(tuple(path))
        return None if found is None else (found[0], _kind(found[1]))

    def _read(self, path: tuple[str, ...]) -> tuple[str, tuple[Any, ...]] | None:
        found = self._reads.get(path)
        if found is not None:
            return found
        owner, options = (
            ("lead", (Lead,)) if len(path) == 1 else self._read(path[:-1]) or ("", ())
        )
        # A model class's fields only: not attributes.<key> (a mapping's keys).
        hints = _field_types().get(options[0]) if len(options) == 1 else None
        if hints is None or path[-1] not in hints:
            return None
        local = f"f{len(self._reads)}"
        get = f"{owner}.{path[-1]}"
        self.prelude.append(
            f"{local} = {get}"
            if owner == "lead"
            else f"{local} = None if {owner} is None else {get}"
        )
        found = local, _options(hints[path[-1]])
        self._reads[path] = found
        return found

    def field(self, name: str) -> str:
        """The local holding the lead's own field *name* (``"tags"``, ...)."""
        found = self.read((name,))
        assert found is not None  # a field of Lead itself  # noqa: S101
        return found[0]

    def local(self, key: tuple[object, ...], expression: Callable[[], str]) -> str:
        """A local computed once per lead by *expression*, shared by *key*."""
        name = self._locals.get(key)
        if name is None:
            name = self._locals[key] = f"e{len(self._locals)}"
            self.prelude.append(f"{name} = {expression()}")
        return name

    def memo(self, path: Iterable[str], node: Criterion) -> str:
        """The answer of *node*, remembered per value of the text field at *path*.

        *node* must read nothing of the lead but that field.
        """
        path = tuple(path)
        prefix, nodes = self._memos.setdefault(path, (f"m{len(self._memos)}_", []))
        nodes.append(node)
        return f"{prefix}{len(nodes) - 1}"

    def call(self, node: Criterion) -> str:
        """Call *node*'s ``test``: for a built-in criterion with no better form."""
        return f"{self.bind(node.test)}(lead, at=at)"

    def criterion(self, node: Criterion) -> str:
        """An expression that is truthy when *node* holds for ``lead`` at ``at``.

        Its own form when it has one (and nesting is not too deep), else a call
        of its ``test``.
        """
        inline = form(node, "_inline") if self.specialise else None
        if inline is not None and self._depth < MAX_INLINE_DEPTH:
            self._depth += 1
            try:
                written: str | None = inline(self)
            finally:
                self._depth -= 1
            if written is not None:
                return written
        else:
            # Code that may not be the library's own, or not known to be safe
            # to run more often than its place in the criterion asks.
            self._impure = True
        return self.call(node)

    def pure(self, nodes: Iterable[Criterion]) -> list[str] | None:
        """Expressions for *nodes*, or ``None`` if one may call outside code.

        Built-in criteria have no side effects, so expressions of theirs can
        all be evaluated where ``test`` would stop at the first answer that
        decides (as `AtLeast` counts all its parts).
        """
        outer, self._impure = self._impure, False
        try:
            written = [self.criterion(node) for node in nodes]
            return None if self._impure else written
        finally:
            self._impure = outer or self._impure

    # --- for the generated function ------------------------------------------------

    def memo_lines(self) -> list[str]:
        """Look up each text field's answers in its memo; test on a miss."""
        lines = []
        for path, (prefix, nodes) in self._memos.items():
            local = self._reads[path][0]
            memo: dict[object, tuple[bool, ...]] = {}
            get = self.bind(memo.get)
            miss = self.bind(functools.partial(_remember, memo, tuple(nodes)))
            names = "".join(f"{prefix}{i}, " for i in range(len(nodes)))
            lines += [
                f"answers = {get}({local})",
                "if answers is None:",
                f"    answers = {miss}(lead, at, {local})",
                f"{names}= answers",
            ]
        return lines
