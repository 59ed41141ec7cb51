"""Diagram text is deterministic and the docs show the current pipelines."""

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import prospectlib as pl
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


# The parts the explanation page draws: each pipeline's success path, then its detours.
PARTS = [
    (
        b2b_pipeline(),
        [
            "capture",
            "qualify_marketing",
            "accept",
            "qualify_sales",
            "open_opportunity",
            "win",
            "advocate",
        ],
        "TB",
    ),
    (b2b_pipeline(), ["nurture", "reengage", "lose", "reopen"], "LR"),
    (b2b_pipeline(), ["purchase", "disqualify"], "LR"),
    (
        b2c_pipeline(),
        ["engage", "consider", "purchase", "repurchase", "advocate"],
        "LR",
    ),
    (b2c_pipeline(), ["lapse", "unsubscribe", "reactivate"], "LR"),
]


class TestMermaid:
    def test_docs_show_the_generated_diagrams(self):
        """The explanation page's diagrams equal what the pipelines generate now."""
        blocks = mermaid_blocks(DOCS / "explanation" / "lifecycle.md")
        assert blocks == [
            p.to_mermaid(events=events, direction=direction)
            for p, events, direction in PARTS
        ]

    @pytest.mark.parametrize("pipeline", [b2b_pipeline(), b2c_pipeline()])
    def test_the_parts_draw_every_transition_once(self, pipeline):
        """Success path and detours together are the whole pipeline's edges."""

        def edges(text: str) -> list[tuple[str, str]]:
            found = []
            for line in text.splitlines():
                if ": " in line:
                    arrow, labels = line.split(": ")
                    found += [(arrow.strip(), e) for e in labels.split(", ")]
            return found

        drawn = [
            edge
            for p, events, _ in PARTS
            if p.id == pipeline.id
            for edge in edges(p.to_mermaid(events=events))
        ]
        assert sorted(drawn) == sorted(edges(pipeline.to_mermaid()))

    def test_a_part_draws_only_the_stages_its_events_touch(self):
        """No start arrow unless the initial stage is drawn; end arrows for ends."""
        b2b = b2b_pipeline()
        part = b2b.to_mermaid(events=["win", "advocate"])
        assert "[*] --> prospect" not in part
        assert '"Prospect"' not in part
        assert part.endswith("    advocate --> [*]\n")
        dot = b2b.to_dot(events="capture")
        assert '"__start__" -> "prospect";' in dot
        assert '"opportunity"' not in dot
        assert '"__start__" ->' not in b2b.to_dot(events=["win"])
        assert b2b.to_mermaid(events=b2b.events) == b2b.to_mermaid()

    @pytest.mark.parametrize(
        ("events", "error"),
        [
            (["win", "wni"], pl.UnknownEventError),
            (5, pl.ArgumentTypeError),
            ([5], pl.ArgumentTypeError),
        ],
    )
    def test_events_are_the_pipelines(self, events, error):
        """An event it lacks is unknown; anything but event ids is a type error."""
        for draw in (b2b_pipeline().to_mermaid, b2b_pipeline().to_dot):
            with pytest.raises(error):
                draw(events=events)

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


@pytest.mark.parametrize(
    ("direction", "error"), [("XY", pl.ValidationError), (5, pl.ArgumentTypeError)]
)
def test_a_direction_is_mermaids(direction, error):
    """LR, RL, TB or BT; anything else is refused, naming the argument."""
    assert "    direction TB\n" in b2b_pipeline().to_mermaid(direction="TB")
    with pytest.raises(error) as exc:
        b2b_pipeline().to_mermaid(direction=direction)
    assert [p.path for p in exc.value.problems] == ["direction"]
