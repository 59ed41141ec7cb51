"""Deterministic diagram text for pipelines: Mermaid and Graphviz DOT."""

from __future__ import annotations

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


def _edges(pipeline: Pipeline) -> list[tuple[str, str, str]]:
    """``(source, target, label)`` per edge; events between the same stages merge."""
    merged: dict[tuple[str, str], list[str]] = {}
    for transition in pipeline.transitions:
        for source in transition.sources:
            events = merged.setdefault((source, transition.target), [])
            if transition.event not in events:
                events.append(transition.event)
    return [(s, t, ", ".join(events)) for (s, t), events in merged.items()]


def _quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def to_mermaid(pipeline: Pipeline) -> str:
    """Render *pipeline* as a Mermaid ``stateDiagram-v2``."""
    lines = ["stateDiagram-v2", "    direction LR"]
    lines.extend(f'    state "{_quote(s.label)}" as {s.id}' for s in pipeline.stages)
    lines.append(f"    [*] --> {pipeline.initial_stage.id}")
    lines.extend(f"    {s} --> {t}: {label}" for s, t, label in _edges(pipeline))
    lines.extend(f"    {s.id} --> [*]" for s in pipeline.stages if s.terminal)
    return "\n".join(lines) + "\n"


def to_dot(pipeline: Pipeline) -> str:
    """Render *pipeline* as a Graphviz ``digraph``."""
    lines = [
        f"digraph {pipeline.id} {{",
        "    rankdir=LR;",
        '    node [shape=box, style=rounded, fontname="Helvetica"];',
        '    edge [fontname="Helvetica", fontsize=10];',
        '    "__start__" [shape=point, label=""];',
    ]
    for stage in pipeline.stages:
        extra = ", peripheries=2" if stage.terminal else ""
        lines.append(f'    "{stage.id}" [label="{_quote(stage.label)}"{extra}];')
    lines.append(f'    "__start__" -> "{pipeline.initial_stage.id}";')
    lines.extend(
        f'    "{s}" -> "{t}" [label="{_quote(label)}"];'
        for s, t, label in _edges(pipeline)
    )
    lines.append("}")
    return "\n".join(lines) + "\n"
