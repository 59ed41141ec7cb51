"""Diagram text is deterministic and the docs show the current pipelines."""

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
            '    state "Say #quot;hi#quot;" as a\n'
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


def two_stages(first: str, second: str = "Won") -> Pipeline:
    return Pipeline(
        id="p",
        stages=[
            Stage(id="a", label=first, initial=True),
            Stage(id="b", label=second, terminal=True),
        ],
        transitions=[Transition(event="go", sources="a", target="b")],
    )


# A DOT quoted string: anything but a bare quote, backslash or line break.
DOT_STRING = r'"(?:[^"\\\n\r]|\\.)*"'


class TestEscaping:
    def test_mermaid_labels_use_entity_codes(self):
        """Quotes, #, <, > and ; become Mermaid entity codes; line breaks spaces."""
        text = two_stages('Say "hi" #1 <b>;\nnext').to_mermaid()
        assert '    state "Say #quot;hi#quot; #35;1 #lt;b#gt;#59; next" as a\n' in text

    def test_dot_labels_escape_quotes_backslashes_and_breaks(self):
        text = two_stages('a "b" \\ c\r\nd\re').to_dot()
        assert '    "a" [label="a \\"b\\" \\\\ c\\nd\\ne"];\n' in text

    @given(st.text(min_size=1).filter(str.strip), st.text(min_size=1).filter(str.strip))
    def test_no_label_breaks_out_of_its_line(self, first, second):
        """Whatever a label holds, each diagram keeps its lines and statements."""
        pipeline = two_stages(first, second)
        mermaid = pipeline.to_mermaid().splitlines()
        assert len(mermaid) == 7
        for line, stage in zip(mermaid[2:4], "ab", strict=True):
            assert re.fullmatch(rf'    state "[^"\n\r]*" as {stage}', line)
        dot = pipeline.to_dot().splitlines()
        assert len(dot) == 10
        for line, stage in zip(dot[5:7], "ab", strict=True):
            extra = ", peripheries=2" if stage == "b" else ""
            assert re.fullmatch(rf'    "{stage}" \[label={DOT_STRING}{extra}\];', line)
