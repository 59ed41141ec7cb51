"""Deterministic diagram text for pipelines: Mermaid and Graphviz DOT.

Labels are free text, so each is escaped for its target: no label can end its
line, its quotes or its statement early, whatever characters it holds. Ids
(pipeline, stage and event) are lower-case letters, digits and underscores, which
both languages take as they are.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol

from prospectlib.lifecycle._spec import Stage
from prospectlib.lifecycle._spec import Transition


class Pipeline(Protocol):
    """What a diagram reads of a pipeline (a protocol: no import of it back)."""

    @property
    def id(self) -> str:
        """The pipeline's id."""
        ...  # pragma: no cover  # a protocol's body never runs

    @property
    def stages(self) -> tuple[Stage, ...]:
        """Its stages, in order."""
        ...  # pragma: no cover  # a protocol's body never runs

    @property
    def transitions(self) -> tuple[Transition, ...]:
        """Its transitions, in order."""
        ...  # pragma: no cover  # a protocol's body never runs

    @property
    def initial_stage(self) -> Stage:
        """Where leads start."""
        ...  # pragma: no cover  # a protocol's body never runs


def _edges(
    pipeline: Pipeline, events: Collection[str] | None
) -> list[tuple[str, str, str]]:
    """``(source, target, label)`` per edge; events between the same stages merge.

    With *events*, only their transitions are drawn.
    """
    merged: dict[tuple[str, str], list[str]] = {}
    for transition in pipeline.transitions:
        if events is not None and transition.event not in events:
            continue
        for source in transition.sources:
            labels = merged.setdefault((source, transition.target), [])
            if transition.event not in labels:
                labels.append(transition.event)
    return [(s, t, ", ".join(labels)) for (s, t), labels in merged.items()]


# Control characters, and what Python counts as a line break besides them: a
# reader splitting the diagram into lines must find the lines it was written as.
_BREAKS = {chr(c): " " for c in (*range(32), 0x7F, 0x85, 0x2028, 0x2029)}
_DOT = str.maketrans({**_BREAKS, "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\n"})


def _quote(text: str) -> str:
    """*text* inside a DOT quoted string: quotes and backslashes escaped.

    A line break becomes DOT's escaped newline (one for a CR LF pair); other
    control characters become spaces.
    """
    return text.replace("\r\n", "\n").translate(_DOT)


# Mermaid's own escapes (entity codes), put in one pass: each code's ``#`` and
# ``;`` are left alone. A line break in a label becomes a space.
_MERMAID = str.maketrans(
    {
        **_BREAKS,
        "#": "#35;",
        '"': "#quot;",
        "<": "#lt;",
        ">": "#gt;",
        ";": "#59;",
    }
)


def _mermaid_text(text: str) -> str:
    """*text* inside a Mermaid quoted label, written with entity codes."""
    return text.translate(_MERMAID)


def _drawn(
    pipeline: Pipeline, edges: list[tuple[str, str, str]], events: object
) -> tuple[Stage, ...]:
    """The stages to draw: all of them, or, for some events, those their edges touch."""
    if events is None:
        return pipeline.stages
    touched = {stage for s, t, _ in edges for stage in (s, t)}
    return tuple(s for s in pipeline.stages if s.id in touched)


def to_mermaid(
    pipeline: Pipeline, events: Collection[str] | None = None, direction: str = "LR"
) -> str:
    """Render *pipeline* (or the transitions of *events*) as a Mermaid state diagram."""
    edges = _edges(pipeline, events)
    stages = _drawn(pipeline, edges, events)
    lines = ["stateDiagram-v2", f"    direction {direction}"]
    lines.extend(f'    state "{_mermaid_text(s.label)}" as {s.id}' for s in stages)
    if pipeline.initial_stage in stages:
        lines.append(f"    [*] --> {pipeline.initial_stage.id}")
    lines.extend(f"    {s} --> {t}: {label}" for s, t, label in edges)
    lines.extend(f"    {s.id} --> [*]" for s in stages if s.terminal)
    return "\n".join(lines) + "\n"


def to_dot(pipeline: Pipeline, events: Collection[str] | None = None) -> str:
    """Render *pipeline* (or the transitions of *events*) as a Graphviz digraph."""
    edges = _edges(pipeline, events)
    stages = _drawn(pipeline, edges, events)
    lines = [
        f"digraph {pipeline.id} {{",
        "    rankdir=LR;",
        '    node [shape=box, style=rounded, fontname="Helvetica"];',
        '    edge [fontname="Helvetica", fontsize=10];',
        '    "__start__" [shape=point, label=""];',
    ]
    for stage in stages:
        extra = ", peripheries=2" if stage.terminal else ""
        lines.append(f'    "{stage.id}" [label="{_quote(stage.label)}"{extra}];')
    if pipeline.initial_stage in stages:
        lines.append(f'    "__start__" -> "{pipeline.initial_stage.id}";')
    lines.extend(
        f'    "{s}" -> "{t}" [label="{_quote(label)}"];' for s, t, label in edges
    )
    lines.append("}")
    return "\n".join(lines) + "\n"
