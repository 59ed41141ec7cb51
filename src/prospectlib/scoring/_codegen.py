"""The code writer: the source of one scoring function per score model.

The rules become inline expressions (a `Compare` on a field path reads the
attributes with ``None`` checks, `HasEvidence` is a lookup, `HasTag` a set
membership, and comparisons on text fields are answered once per distinct
value and remembered); one pass over the interactions, newest first, feeds
every signal; the caps run only when a bound may bind (then the function
hands back to `_engine`).

The generated text holds only names bound in its namespace, literal numbers
and the attribute names of the model classes' own fields: no id, value or
other text of a score model ever becomes code, so a model read from JSON
cannot inject any. A criterion the writer does not know is called through its
``test(lead, at=at)``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import linecache
import math
import operator
import types
import typing
import weakref
from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import Any

from prospectlib.classifiers import Classification
from prospectlib.classifiers import ClassifierRegistry
from prospectlib.criteria import AllOf
from prospectlib.criteria import AnyOf
from prospectlib.criteria import AtLeast
from prospectlib.criteria import Compare
from prospectlib.criteria import Criterion
from prospectlib.criteria import HasActivity
from prospectlib.criteria import HasConsent
from prospectlib.criteria import HasEvidence
from prospectlib.criteria import HasOpenObjection
from prospectlib.criteria import HasPurchase
from prospectlib.criteria import HasTag
from prospectlib.criteria import Not
from prospectlib.criteria import Op
from prospectlib.criteria import require_aware
from prospectlib.model import Activity
from prospectlib.model import Company
from prospectlib.model import FrozenMap
from prospectlib.model import Interaction
from prospectlib.model import Lead
from prospectlib.model import Location
from prospectlib.model import Objection
from prospectlib.model import ObjectionKind
from prospectlib.model import Person
from prospectlib.model._require import require_lead
from prospectlib.scoring._score import Score

if TYPE_CHECKING:
    from prospectlib.scoring._engine import _Layout
    from prospectlib.scoring._model import Rule
    from prospectlib.scoring._model import ScoreModel
    from prospectlib.scoring._model import Signal

Labels = Mapping[str, Classification[Any]]
NO_LABELS: FrozenMap[str, Classification[Any]] = FrozenMap()
ScoreFunction = Callable[
    [Lead, dt.datetime, Labels | None, ClassifierRegistry | None], Score
]

# A memo per text field keeps at most this many values: a rule on names or
# e-mail addresses would otherwise grow it with every lead.
_MEMO_SIZE = 4096
# The check that no cap can bind compares plain sums with the bounds narrowed
# by this fraction, far more than the rounding of the sums can move them.
_MARGIN = 2e-9
# Deeper criteria are called, not inlined: the parser limits nested brackets.
_MAX_DEPTH = 16
# Longer sums are written in halves: the compiler limits how deep an
# expression nests, and a chain of additions nests one level per term.
_CHAIN = 32
_PURE = frozenset(
    {Compare, HasTag, HasEvidence, HasOpenObjection, HasPurchase, HasActivity}
    | {HasConsent, AllOf, AnyOf, AtLeast, Not}
)
_SYMBOLS = {
    Op.EQ: "==",
    Op.NE: "!=",
    Op.IN: "in",
    Op.NOT_IN: "not in",
    Op.LT: "<",
    Op.LE: "<=",
    Op.GT: ">",
    Op.GE: ">=",
}
_ORDERING = frozenset({Op.LT, Op.LE, Op.GT, Op.GE})
_AT = operator.attrgetter("at")
# Numbers the generated functions' file names: each has its own linecache entry.
_FILES = itertools.count(1)


def _up_to(interactions: tuple[Interaction, ...], at: dt.datetime) -> int:
    """How many of the time-ordered *interactions* happened at or before *at*."""
    return bisect.bisect_right(interactions, at, key=_AT)


def _any_open(
    objections: tuple[Objection, ...], at: dt.datetime, kinds: frozenset[ObjectionKind]
) -> bool:
    """`HasOpenObjection.test`, without building the list it names in reasons."""
    for o in objections:
        if (
            (not kinds or o.kind in kinds)
            and o.raised_at <= at
            and (o.resolved_at is None or at < o.resolved_at)
        ):
            return True
    return False


def _remember(
    memo: dict[object, tuple[bool, ...]],
    nodes: tuple[Criterion, ...],
    lead: Lead,
    at: dt.datetime,
    value: object,
) -> tuple[bool, ...]:
    """Test *nodes* on *lead*; remember the answers for its field's *value*."""
    answers = tuple(node.test(lead, at=at) for node in nodes)
    if len(memo) < _MEMO_SIZE:
        memo[value] = answers
    return answers


_TEXT, _INT, _COLLECTION, _OTHER = "text", "int", "collection", "other"


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
    """How the writer may read a field of these types: text, int, a collection."""
    if all(isinstance(a, type) and issubclass(a, str) for a in options):
        return _TEXT  # str, or a StrEnum: a memo keyed by the value is exact
    if all(a is int for a in options):
        return _INT
    if all(typing.get_origin(a) in {tuple, frozenset} for a in options):
        return _COLLECTION
    return _OTHER


def _pure(node: object, depth: int = 0) -> bool:
    """Whether *node* is built of built-in criteria only (no user code to call)."""
    kind = type(node)
    if kind not in _PURE or depth > _MAX_DEPTH:
        return False
    if kind is Not:
        return _pure(typing.cast("Not", node).criterion, depth + 1)
    if kind in {AllOf, AnyOf, AtLeast}:
        parts = typing.cast("AllOf | AnyOf | AtLeast", node).criteria
        return all(_pure(c, depth + 1) for c in parts)
    return True


def _number(value: float) -> str:
    """A finite float as a literal that reads back as the same float."""
    return repr(float(value))


class _Writer:
    """Writes the scoring function of one model and binds the names it uses."""

    def __init__(self, *, specialise: bool) -> None:
        self.specialise = specialise
        self.namespace: dict[str, object] = {}
        self.prelude: list[str] = []
        self._bound = itertools.count()
        self._reads: dict[tuple[str, ...], tuple[str, tuple[Any, ...]]] = {}
        self._memos: dict[tuple[str, ...], tuple[str, list[Criterion]]] = {}
        self._evidence: dict[str, str] = {}

    def bind(self, value: object) -> str:
        """A new name for *value* in the namespace."""
        name = f"_{next(self._bound)}"
        self.namespace[name] = value
        return name

    def read(self, path: tuple[str, ...]) -> tuple[str, tuple[Any, ...]] | None:
        """The local holding the field at *path* and its types, or ``None``.

        Each field is read once per lead, ``None`` when an object on the way
        is (as `Compare` reads it). Only the model classes' own fields are
        read: their names are the only names from a model that reach the code.
        """
        found = self._reads.get(path)
        if found is not None:
            return found
        owner, options = (
            ("lead", (Lead,)) if len(path) == 1 else self.read(path[:-1]) or ("", ())
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

    def criterion(self, node: Criterion, depth: int = 0) -> str:
        """An expression that is truthy when *node* holds for ``lead`` at ``at``."""
        if self.specialise and depth < _MAX_DEPTH:
            inline = self._inline(node, depth)
            if inline is not None:
                return inline
        return f"{self.bind(node.test)}(lead, at=at)"

    def _inline(self, node: Criterion, depth: int) -> str | None:  # noqa: PLR0911  # one return per criterion type
        kind = type(node)
        if kind is Compare:
            return self._compare(typing.cast("Compare", node))
        if kind is HasEvidence:
            return self._has_evidence(typing.cast("HasEvidence", node))
        if kind is HasTag:
            tags = self._must_read(("tags",))
            return f"({self.bind(typing.cast('HasTag', node).tag)} in {tags})"
        if kind is HasOpenObjection:
            records = self._must_read(("objections",))
            kinds = self.bind(frozenset(typing.cast("HasOpenObjection", node).kinds))
            return f"({records} and {self.bind(_any_open)}({records}, at, {kinds}))"
        if kind is HasPurchase:
            # No records: the test fails (``at_least`` is at least 1).
            records = self._must_read(("purchases",))
            return f"({records} and {self.bind(node.test)}(lead, at=at))"
        if kind is Not:
            inner = self.criterion(typing.cast("Not", node).criterion, depth + 1)
            return f"(not {inner})"
        if kind is AllOf or kind is AnyOf:
            parts = typing.cast("AllOf | AnyOf", node).criteria
            joiner = " and " if kind is AllOf else " or "
            return "(" + joiner.join(self.criterion(c, depth + 1) for c in parts) + ")"
        if kind is AtLeast and _pure(node, depth):
            # Built-in parts have no side effects: counting them all is exact.
            at_least = typing.cast("AtLeast", node)
            counted = _added(
                [
                    f"(1 if {self.criterion(c, depth + 1)} else 0)"
                    for c in at_least.criteria
                ]
            )
            return f"({counted} >= {at_least.count})"
        return None

    def _must_read(self, path: tuple[str, ...]) -> str:
        found = self.read(path)
        assert found is not None  # a field of Lead itself  # noqa: S101
        return found[0]

    def _compare(self, node: Compare) -> str | None:  # noqa: PLR0911  # one return per case
        path = tuple(node.field.split("."))
        found = self.read(path)
        if found is None:
            return None
        local, options = found
        kind, op, value = _kind(options), node.op, node.value
        if kind == _TEXT:
            return self._memo(path, node)
        if op is Op.EXISTS:
            return f"bool({local})" if kind == _COLLECTION else f"({local} is not None)"
        if op is Op.MISSING:
            return f"(not {local})" if kind == _COLLECTION else f"({local} is None)"
        if kind == _INT and op in _ORDERING:
            if type(value) not in {int, float}:
                return None  # e.g. a number against a string: a TypeError caught
            return (
                f"({local} is not None and {local} {_SYMBOLS[op]} {self.bind(value)})"
            )
        if kind == _INT and op in _SYMBOLS:
            # ``None`` equals no value, and is in no list of values: as Compare.
            return f"({local} {_SYMBOLS[op]} {self.bind(value)})"
        if kind == _COLLECTION and op is Op.CONTAINS:
            return f"({local} is not None and {self.bind(value)} in {local})"
        return None

    def _memo(self, path: tuple[str, ...], node: Compare) -> str:
        """The answer of *node* from the memo of its text field."""
        prefix, nodes = self._memos.setdefault(path, (f"m{len(self._memos)}_", []))
        nodes.append(node)
        return f"{prefix}{len(nodes) - 1}"

    def _has_evidence(self, node: HasEvidence) -> str:
        record = self._evidence.get(node.criterion)
        if record is None:
            evidence = self._must_read(("evidence",))
            record = f"e{len(self._evidence)}"
            key = self.bind(node.criterion)
            # FrozenMap.get catches a KeyError for a missing key: slow.
            self.prelude.append(
                f"{record} = {evidence}[{key}] if {key} in {evidence} else None"
            )
            self._evidence[node.criterion] = record
        verdict = self.bind(node.verdict)
        return (
            f"({record} is not None and {record}.verdict is {verdict}"
            f" and {record}.at <= at)"
        )

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


def _slot_lines(
    signals: tuple[Signal, ...], ks: tuple[int, ...], indent: str
) -> list[str]:
    """What one interaction adds to the signals *ks* it feeds."""
    lines = []
    if any(
        signals[k].half_life is not None or signals[k].within is not None for k in ks
    ):
        lines.append(f"{indent}age = (at - item.at).total_seconds()")
    for k in ks:
        signal, inner = signals[k], indent
        if signal.within is not None:
            lines.append(f"{inner}if age < {_number(signal.within.total_seconds())}:")
            inner += "    "
        if signal.max_count is not None:
            lines.append(f"{inner}if c{k} < {int(signal.max_count)}:")
            inner += "    "
        lines.append(f"{inner}c{k} += 1")
        if signal.half_life is None:
            lines.append(f"{inner}w{k} += 1.0")
        else:
            half_life = _number(signal.half_life.total_seconds())
            lines.append(f"{inner}w{k} += 0.5 ** (age / {half_life})")
    return lines


def _tree_lines(
    signals: tuple[Signal, ...],
    slots: list[tuple[int, ...]],
    low: int,
    high: int,
    indent: str,
) -> list[str]:
    """A binary search on the slot number ``j``: log2(slots) comparisons."""
    if high - low == 1:
        return _slot_lines(signals, slots[low], indent)
    middle = (low + high) // 2
    deeper = indent + "    "
    return [
        f"{indent}if j < {middle}:",
        *_tree_lines(signals, slots, low, middle, deeper),
        f"{indent}else:",
        *_tree_lines(signals, slots, middle, high, deeper),
    ]


def _signal_lines(writer: _Writer, signals: tuple[Signal, ...]) -> list[str]:
    """One pass over the interactions, newest first, feeding every signal."""
    lines = [f"c{k} = 0\nw{k} = 0.0" for k in range(len(signals))]
    fed: dict[Activity, tuple[int, ...]] = {}
    for k, signal in enumerate(signals):
        for activity in signal.activities:
            fed[activity] = (*fed.get(activity, ()), k)
    if not fed:
        return lines
    # Activities that feed the same signals share a branch.
    slots = list(dict.fromkeys(fed.values()))
    # Every activity is a key (a lead's are all Activity members): subscripting
    # a dict is faster than calling its get.
    slot_of = writer.bind(
        {a: slots.index(fed[a]) if a in fed else None for a in Activity}
    )
    # A lead keeps its interactions in time order: those after ``at`` are a
    # tail, cut off once (scoring as of a past time) instead of tested each.
    return [
        *lines,
        "interactions = lead.interactions",
        "if interactions and interactions[-1].at > at:",
        f"    interactions = interactions[: {writer.bind(_up_to)}(interactions, at)]",
        "for item in reversed(interactions):",
        f"    j = {slot_of}[item.activity]",
        "    if j is None:",
        "        continue",
        *_tree_lines(signals, slots, 0, len(slots), "    "),
    ]


def _is_exact(points: list[float]) -> bool:
    """Whether adding any of *points* in any order is exact (never rounds).

    So it is when they are multiples of one power of two, ``2**-k``, whose
    magnitudes add up to less than ``2**53`` of it: every partial sum is such
    a multiple, and a float holds it exactly. Whole points always are.
    """
    for k in range(33):
        scaled = [p * 2.0**k for p in points]
        if all(x.is_integer() for x in scaled):
            return math.fsum(abs(x) for x in scaled) < 2.0**53
    return False


def _sides(items: Sequence[Rule | Signal], indexes: list[int]) -> dict[int, list[int]]:
    """The *indexes* whose points are positive (key 1) and negative (key -1)."""
    return {
        sign: [i for i in indexes if items[i].points * sign > 0] for sign in (1, -1)
    }


def _plain(indexes: list[int]) -> str:
    return _added([f"v{i}" for i in indexes])


def _added(terms: list[str]) -> str:
    """*terms* added up, in halves when many: a long chain is too deep to compile."""
    if len(terms) <= _CHAIN:
        return " + ".join(terms)
    half = len(terms) // 2
    return f"({_added(terms[:half])}) + ({_added(terms[half:])})"


def _over(quantity: str, sign: int, bound: float) -> str:
    """*quantity* past *bound*, narrowed by the margin (see `_sums_and_checks`)."""
    symbol = ">" if sign > 0 else "<"
    return f"{quantity} {symbol} {_number(bound * (1 - _MARGIN))}"


def _dimension_sum(model: ScoreModel, d: int, members: list[int]) -> str:
    """The line that sums dimension *d* as `scale` does when nothing binds."""
    items: tuple[Rule | Signal, ...] = (*model.rules, *model.signals)
    if not members:
        return f"s{d} = 0.0"
    if all(i < len(model.rules) for i in members) and _is_exact(
        [items[i].points for i in members]
    ):
        return f"s{d} = {_plain(members)} + 0.0"
    return f"s{d} = fsum(({''.join(f'v{i}, ' for i in members)})) + 0.0"


def _dimension_checks(
    d: int, side: dict[int, list[int]], bounds: tuple[float | None, float | None]
) -> tuple[list[str], list[str]]:
    """The lines and conditions for the limits of dimension *d*.

    The side that may overflow is summed plainly, or, when the other side has
    fewer terms, derived from the dimension's sum ``s<d>`` and that side.
    """
    small = 1 if len(side[1]) <= len(side[-1]) else -1
    conditions = []
    for sign, bound in zip((1, -1), bounds, strict=True):
        if bound is None or not side[sign]:
            continue
        if sign == small:
            conditions.append(_over(f"x{d}", sign, bound))
        elif side[small]:
            conditions.append(
                _over(f"s{d} - x{d} * {_number(1 + _MARGIN)}", sign, bound)
            )
        else:
            conditions.append(_over(f"s{d}", sign, bound))
    uses_small = any(f"x{d} " in c for c in conditions)
    return ([f"x{d} = {_plain(side[small])}"] if uses_small else []), conditions


def _sums_and_checks(
    model: ScoreModel, items: Sequence[Rule | Signal]
) -> tuple[list[str], list[str]]:
    """Lines summing each dimension into ``s<d>``, and the cap conditions.

    The dimension sums are those `scale` leaves when nothing binds:
    `math.fsum`, or plain additions when only rules with exact points count
    in a dimension. One of the conditions holds whenever a cap may bind: a
    cap can only bind when the positive (negative) contributions under it add
    up past its maximum (minimum). Those sums are compared with the bound
    narrowed by a margin that covers their rounding and that of the exact
    sums `scale` compares. The total needs no condition when the dimensions'
    limits already keep it within its own.
    """
    lines: list[str] = []
    conditions: list[str] = []
    everything = list(range(len(items)))
    for group in model.groups:
        side = _sides(items, [i for i in everything if items[i].group == group.id])
        for sign, bound in ((1, group.max), (-1, group.min)):
            if bound is not None and side[sign]:
                conditions.append(_over(f"({_plain(side[sign])})", sign, bound))
    reach = {1: [0.0], -1: [0.0]}  # how far the dimensions can take the total
    for d, dimension in enumerate(model.dimensions):
        members = [i for i in everything if items[i].dimension == dimension.id]
        lines.append(_dimension_sum(model, d, members))
        side = _sides(items, members)
        more, checks = _dimension_checks(d, side, (dimension.max, dimension.min))
        lines += more
        conditions += checks
        for sign, bound in ((1, dimension.max), (-1, dimension.min)):
            if side[sign]:
                reach[sign].append(math.inf * sign if bound is None else bound)
    side = _sides(items, everything)
    for sign, bound in ((1, model.max_total), (-1, model.min_total)):
        if bound is not None and math.fsum(reach[sign]) * sign > bound * sign:
            conditions.append(_over(f"({_plain(side[sign])})", sign, bound))
    return lines, conditions


def _score_lines(writer: _Writer, model: ScoreModel, layout: _Layout) -> list[str]:
    """The total, the grade and level, and the `Score`, made by ``Score._made``."""
    dims = [d.id for d in model.dimensions]
    lines = []
    if len(dims) == 1:
        lines.append("total = s0")
    elif len(dims) == 2:  # noqa: PLR2004  # fsum of two finite floats is their sum
        # ... unless it overflows: then fsum raises, as it always did.
        lines += ["total = s0 + s1", "if total - total:", "    fsum((s0, s1))"]
    else:
        sums = "".join(f"s{d}, " for d in range(len(dims)))
        lines.append(f"total = fsum(({sums})) + 0.0")
    g, lv = model.grades, model.levels
    graded = f"s{dims.index(g.dimension)}"
    leveled = f"s{dims.index(lv.dimension)}"
    # Grades.grade and Levels.level, inline (a test holds them equal).
    grade = (
        f"'A' if {graded} >= {_number(g.a)} else 'B' if {graded} >= {_number(g.b)}"
        f" else 'C' if {graded} >= {_number(g.c)} else 'D'"
    )
    level = (
        f"1 if {leveled} >= {_number(lv.high)}"
        f" else 2 if {leveled} >= {_number(lv.medium)} else 3"
    )
    # Dimension ids are text of the model: bound names, never literals.
    dimensions = ", ".join(f"{writer.bind(d)}: s{k}" for k, d in enumerate(dims))
    explainer = writer.bind(layout)
    lines += [
        f"return made(lead.id, {writer.bind(model.name)}, at, total,",
        f"    FrozenMap({{{dimensions}}}),",
        f"    {grade},",
        f"    {level},",
        f"    {writer.bind(g.dimension)}, {writer.bind(lv.dimension)},",
        # What `_Layout.contributions` lists the contributions from.
        f"    {explainer}, (lead, at, known, held, counts, values, values))",
    ]
    return lines


def write(
    model: ScoreModel, layout: _Layout, *, specialise: bool
) -> tuple[ScoreFunction, str]:
    """The scoring function of *model* and its source (see `compile_model`)."""
    classifiers = layout.classifiers
    writer = _Writer(specialise=specialise)
    namespace = writer.namespace
    namespace.update(
        Lead=Lead,
        datetime=dt.datetime,
        not_a_lead=require_lead,
        require_aware=require_aware,
        fsum=math.fsum,
        made=Score._made,  # noqa: SLF001  # the fast path kept for scoring
        FrozenMap=FrozenMap,
        finish=layout.finish,
    )
    rules = []
    for k, rule in enumerate(model.rules):
        if rule.when is not None:
            test = writer.criterion(rule.when)
        else:
            test = f"{writer.bind(rule.label.holds)}(known)"  # type: ignore[union-attr]  # a rule has one or the other
        rules += [f"h{k} = {test}", f"v{k} = {_number(rule.points)} if h{k} else 0.0"]
    signal_lines = _signal_lines(writer, model.signals)
    first = len(model.rules)
    signal_lines += [
        f"v{first + k} = {_number(s.points)} * w{k}"
        for k, s in enumerate(model.signals)
    ]
    n = first + len(model.signals)
    items: tuple[Rule | Signal, ...] = (*model.rules, *model.signals)
    signal_lines.append("values = (" + "".join(f"v{i}, " for i in range(n)) + ")")
    labels = (
        f"known = {writer.bind(layout.labels)}(lead, at, labels, registry)"
        if classifiers
        else f"known = {writer.bind(NO_LABELS)}"
    )
    body = [
        "if type(lead) is not Lead:",
        "    not_a_lead(lead)",
        "if at.__class__ is not datetime or at.tzinfo is None:",
        "    require_aware(at)",
        labels,
        *writer.prelude,
        *writer.memo_lines(),
        *rules,
        *signal_lines,
    ]
    held = "(" + "".join(f"h{k}, " for k in range(first)) + ")"
    counts = "(" + "".join(f"c{k}, " for k in range(len(model.signals))) + ")"
    sums, checks = _sums_and_checks(model, items)
    body += sums
    if checks:
        values = "".join(f"v{i}, " for i in range(n))
        body += [
            "if " + " or ".join(checks) + ":",
            f"    return finish(lead, at, known, {held}, {counts}, [{values}])",
        ]
    body.append(f"counts = {counts}")
    # With no rule of 0 points, a rule held when its value is not 0 (no cap
    # scaled it here): the values can stand for what held.
    zero = any(rule.points == 0 for rule in model.rules)
    body.append(f"held = {held}" if zero else "held = values")
    body += _score_lines(writer, model, layout)
    source = "def score(lead, at, labels, registry):\n" + "".join(
        f"    {line}\n" for block in body for line in block.split("\n")
    )
    function = typing.cast("ScoreFunction", _compiled(source, namespace, model.name))
    return function, source


def _compiled(source: str, namespace: dict[str, object], name: str) -> object:
    """The function *source* defines, its lines shown in tracebacks.

    As attrs does for the methods it writes, the source is registered in
    `linecache` under a file name of its own; the entry is dropped when the
    function is collected, so models made and dropped leave nothing behind.
    """
    filename = f"<prospectlib score model {name!r} #{next(_FILES)}>"
    lines = source.splitlines(keepends=True)
    linecache.cache[filename] = (len(source), None, lines, filename)
    code = compile(source, filename, "exec")
    exec(code, namespace)  # noqa: S102  # our own text: see the module docstring
    function = namespace["score"]
    weakref.finalize(function, linecache.cache.pop, filename, None)
    return function
