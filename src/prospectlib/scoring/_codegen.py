"""The code writer: the source of one scoring function per score model.

The rules' criteria become inline expressions, each written by its own
criterion class (``_inline``, see `prospectlib.criteria._compile`, whose
`InlineWriter` this module uses); one pass over the interactions, newest
first, feeds every signal; the caps run only when a bound may bind (then the
function hands back to `_engine`).

The generated text holds only names bound in its namespace, literal numbers
and the attribute names of the model classes' own fields: no id, value or
other text of a score model ever becomes code, so a model read from JSON
cannot inject any. A criterion that is not the library's own is called
through its ``test(lead, at=at)``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import linecache
import math
import operator
import typing
import weakref
from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import Any
from typing import Protocol

from prospectlib.classifiers import Classification
from prospectlib.classifiers import ClassifierRegistry
from prospectlib.criteria import require_aware
from prospectlib.criteria._compile import InlineWriter
from prospectlib.criteria._compile import added
from prospectlib.model import Activity
from prospectlib.model import FrozenMap
from prospectlib.model import Interaction
from prospectlib.model import Lead
from prospectlib.model import Term
from prospectlib.model._require import require_lead
from prospectlib.scoring._score import Score

if TYPE_CHECKING:
    from prospectlib.scoring._parts import ModelParts
    from prospectlib.scoring._parts import Rule
    from prospectlib.scoring._parts import Signal

Labels = Mapping[str, Classification[Any]]
NO_LABELS: FrozenMap[str, Classification[Any]] = FrozenMap()
ScoreFunction = Callable[
    [Lead, dt.datetime, Labels | None, ClassifierRegistry | None], Score
]


class Layout(Protocol):
    """What the generated function hands back to (`_engine`'s layout of a model)."""

    @property
    def classifiers(self) -> tuple[str, ...]:
        """The classifiers the model's label tests need."""
        ...  # pragma: no cover  # a protocol's body never runs

    def labels(
        self,
        lead: Lead,
        at: dt.datetime,
        labels: Labels | None,
        registry: ClassifierRegistry | None,
    ) -> Labels:
        """The labels given, plus those of the classifiers they miss."""
        ...  # pragma: no cover  # a protocol's body never runs

    def finish(  # noqa: PLR0913, PLR0917  # what the generated function computed
        self,
        lead: Lead,
        at: dt.datetime,
        labels: Labels,
        held: tuple[object, ...],
        counts: tuple[int, ...],
        values: list[float],
    ) -> Score:
        """Apply the caps and make the `Score` (when a cap may bind)."""
        ...  # pragma: no cover  # a protocol's body never runs


# The check that no cap can bind compares plain sums with the bounds narrowed
# by this fraction, far more than the rounding of the sums can move them.
_MARGIN = 2e-9
_AT = operator.attrgetter("at")
# Numbers the generated functions' file names: each has its own linecache entry.
_FILES = itertools.count(1)


def _up_to(interactions: tuple[Interaction, ...], at: dt.datetime) -> int:
    """How many of the time-ordered *interactions* happened at or before *at*."""
    return bisect.bisect_right(interactions, at, key=_AT)


def _number(value: float) -> str:
    """A finite float as a literal that reads back as the same float."""
    return repr(float(value))


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


class _Slots(dict[object, int | None]):
    """Activities to signal slots; an activity no signal names has none."""

    def __missing__(self, _activity: object) -> None:
        return None


def _signal_lines(writer: InlineWriter, signals: tuple[Signal, ...]) -> list[str]:
    """One pass over the interactions, newest first, feeding every signal."""
    lines = [f"c{k} = 0\nw{k} = 0.0" for k in range(len(signals))]
    fed: dict[Activity | Term, tuple[int, ...]] = {}
    for k, signal in enumerate(signals):
        for activity in signal.activities:
            fed[activity] = (*fed.get(activity, ()), k)
    if not fed:
        return lines
    # Activities that feed the same signals share a branch.
    slots = list(dict.fromkeys(fed.values()))
    # Every built-in activity and every term a signal names is a key, and a
    # lead's other terms miss to None: subscripting a dict is faster than
    # calling its get, and a hit does not look at ``__missing__``.
    slot_of = writer.bind(
        _Slots(
            {a: slots.index(fed[a]) if a in fed else None for a in (*Activity, *fed)}
        )
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
    return added([f"v{i}" for i in indexes])


def _over(quantity: str, sign: int, bound: float) -> str:
    """*quantity* past *bound*, narrowed by the margin (see `_sums_and_checks`)."""
    symbol = ">" if sign > 0 else "<"
    return f"{quantity} {symbol} {_number(bound * (1 - _MARGIN))}"


def _dimension_sum(model: ModelParts, d: int, members: list[int]) -> str:
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
    model: ModelParts, items: Sequence[Rule | Signal]
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


def _score_lines(writer: InlineWriter, model: ModelParts, layout: Layout) -> list[str]:
    """The total, the grade and level, and the `Score`, made as ``Score._made`` does."""
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
    # What `Score._made` does, written out: one call fewer per lead. The
    # names stored are `Score`'s own fields, the only text of ours in the code.
    stored = {
        "lead_id": "lead.id",
        "model": writer.bind(model.name),
        "at": "at",
        "total": "total",
        "dimensions": "dimensions",
        "grade": grade,
        "level": level,
        "grade_dimension": writer.bind(g.dimension),
        "level_dimension": writer.bind(lv.dimension),
        # What `_Layout.contributions` lists the contributions from.
        "_explainer": explainer,
        "_raw": "(lead, at, known, held, counts, values, values)",
    }
    lines += [
        # A FrozenMap made around its dict, not copying it (its __init__ would).
        "dimensions = new(FrozenMap)",
        f"dimensions._data = {{{dimensions}}}",
        "dimensions._hash = None",
        "score = new(Score)",
        "fields = score.__dict__",
        *(f"fields[{name!r}] = {value}" for name, value in stored.items()),
        "return score",
    ]
    return lines


def write(
    model: ModelParts, layout: Layout, *, specialise: bool
) -> tuple[ScoreFunction, str]:
    """The scoring function of *model* and its source (see `compile_model`)."""
    classifiers = layout.classifiers
    writer = InlineWriter(specialise=specialise)
    namespace = writer.namespace
    namespace.update(
        Lead=Lead,
        datetime=dt.datetime,
        not_a_lead=require_lead,
        require_aware=require_aware,
        fsum=math.fsum,
        new=object.__new__,
        Score=Score,
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
