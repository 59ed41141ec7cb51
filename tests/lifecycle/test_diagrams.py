"""Diagram text is deterministic and the docs show the current pipelines."""

import re
from pathlib import Path

import pytest

from prospectlib.criteria import has_tag
from prospectlib.lifecycle import Pipeline
from prospectlib.lifecycle import Stage
from prospectlib.lifecycle import Transition
from prospectlib.lifecycle import b2b_pipeline
from prospectlib.lifecycle import b2c_pipeline
from tests.helpers import DOCS


def mermaid_blocks(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    return [
        m + "\n" for m in re.findall(r"```mermaid\n(.*?)\n```", text, flags=re.DOTALL)
    ]


class TestMermaid:
    @pytest.mark.parametrize("pipeline", [b2b_pipeline(), b2c_pipeline()])
    def test_docs_show_the_generated_diagrams(self, pipeline):
        """The explanation page's diagrams equal what the pipelines generate now."""
        blocks = mermaid_blocks(DOCS / "explanation" / "lifecycle.md")
        assert pipeline.to_mermaid() in blocks

    def test_shape(self):
        """Start arrow, labelled stages, merged edge labels, terminal arrows."""
        p = Pipeline(
            id="p",
            stages=[
                Stage(id="a", label='Say "hi"', initial=True),
                Stage(id="b", terminal=True),
            ],
            transitions=[
                Transition(event="go", sources="a", target="b"),
                Transition(event="jump", sources="a", target="b"),
                Transition(event="go", sources="a", target="b", guard=has_tag("x")),
            ],
        )
        assert p.to_mermaid() == (
            "stateDiagram-v2\n"
            "    direction LR\n"
            '    state "Say \\"hi\\"" as a\n'
            '    state "B" as b\n'
            "    [*] --> a\n"
            "    a --> b: go, jump\n"
            "    b --> [*]\n"
        )

    def test_deterministic(self):
        """The same pipeline always gives the same text."""
        assert b2b_pipeline().to_mermaid() == b2b_pipeline.__wrapped__().to_mermaid()


class TestDot:
    def test_shape(self):
        """A digraph with a start point and double borders on terminal stages."""
        p = Pipeline(
            id="p",
            stages=[Stage(id="a", initial=True), Stage(id="b", terminal=True)],
            transitions=[Transition(event="go", sources="a", target="b")],
        )
        assert p.to_dot() == (
            "digraph p {\n"
            "    rankdir=LR;\n"
            '    node [shape=box, style=rounded, fontname="Helvetica"];\n'
            '    edge [fontname="Helvetica", fontsize=10];\n'
            '    "__start__" [shape=point, label=""];\n'
            '    "a" [label="A"];\n'
            '    "b" [label="B", peripheries=2];\n'
            '    "__start__" -> "a";\n'
            '    "a" -> "b" [label="go"];\n'
            "}\n"
        )
