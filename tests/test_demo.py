from __future__ import annotations

import datetime as dt
import re
import runpy
import shlex
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import prospectlib as pl
from prospectlib import _demo
from prospectlib import strategies as ps
from prospectlib.__main__ import main
from tests.helpers import DOCS

AT = dt.datetime(2026, 6, 30, 12, 0, tzinfo=dt.UTC)
CLI_PAGE = DOCS / "reference" / "cli.md"
HEADER = re.compile(
    r"id +market \(data\) +source +stage +in stage +last activity +purchases"
    r" +open objections"
)


def lead(**fields) -> pl.Lead:
    return pl.Lead(id="L-1", created_at=AT - dt.timedelta(days=30), **fields)


def cells(lead: pl.Lead, at: dt.datetime = AT) -> dict[str, str]:
    return {column.header: column.cell(lead, at) for column in _demo.COLUMNS}


class TestAgo:
    @pytest.mark.parametrize(
        ("delta", "text"),
        [
            (dt.timedelta(0), "just now"),
            (dt.timedelta(seconds=59), "just now"),
            (dt.timedelta(seconds=60), "1m ago"),
            (dt.timedelta(minutes=59, seconds=59), "59m ago"),
            (dt.timedelta(hours=1), "1h ago"),
            (dt.timedelta(hours=23, minutes=59), "23h ago"),
            (dt.timedelta(days=1), "1d ago"),
            (dt.timedelta(days=400), "400d ago"),
            (dt.timedelta(hours=-3), "in 3h"),
        ],
    )
    def test_largest_whole_unit(self, delta, text):
        """A duration is said in its largest whole unit, in the past or the future."""
        assert _demo.ago(delta) == text


class TestColumns:
    def test_market_comes_from_the_company(self):
        """A lead with a company is B2B, one without is B2C."""
        assert cells(lead(company=pl.Company(name="Acme")))["market (data)"] == "B2B"
        assert cells(lead())["market (data)"] == "B2C"

    def test_empty_lead(self):
        """A lead with no records shows its id, its source and dashes."""
        assert cells(lead()) == {
            "id": "L-1",
            "market (data)": "B2C",
            "source": "unknown",
            "stage": "prospect",
            "in stage": "30d",
            "last activity": "—",
            "purchases": "—",
            "open objections": "—",
        }

    def test_last_activity_at_or_before_at(self):
        """The last activity is the latest interaction up to `at`, with its age."""
        visit = pl.Interaction(activity="website_visit", at=AT - dt.timedelta(days=3))
        later = pl.Interaction(activity="demo_request", at=AT + dt.timedelta(days=1))
        assert cells(lead(interactions=[visit, later]))["last activity"] == (
            "website_visit, 3d ago"
        )

    def test_purchases_count_and_totals_per_currency(self):
        """Purchases up to `at` are counted and summed per currency."""
        bought = [
            pl.Purchase(at=AT - dt.timedelta(days=9), amount="100.50", currency="EUR"),
            pl.Purchase(at=AT - dt.timedelta(days=2), amount="1200", currency="EUR"),
            pl.Purchase(at=AT - dt.timedelta(days=1), amount="5", currency="USD"),
            pl.Purchase(at=AT + dt.timedelta(days=1), amount="7", currency="USD"),
        ]
        assert cells(lead(purchases=bought))["purchases"] == (
            "3 · 1,300.50 EUR + 5.00 USD"
        )

    def test_no_purchases_yet(self):
        """Purchases after `at` do not count."""
        later = pl.Purchase(
            at=AT + dt.timedelta(days=1), amount=Decimal(7), currency="EUR"
        )
        assert cells(lead(purchases=[later]))["purchases"] == "—"

    def test_open_objections_at(self):
        """Objections open at `at` are listed by kind, each kind once."""
        day = dt.timedelta(days=1)
        objections = [
            pl.Objection(kind="price", raised_at=AT - 9 * day),
            pl.Objection(kind="timing", raised_at=AT - 8 * day, resolved_at=AT - day),
            pl.Objection(kind="reviews", raised_at=AT - 7 * day),
            pl.Objection(kind="price", raised_at=AT - 6 * day),
            pl.Objection(kind="quality", raised_at=AT + day),
        ]
        assert cells(lead(objections=objections))["open objections"] == "price, reviews"


class TestTable:
    def test_header_rule_and_rows(self):
        """A table has a header, a rule as wide as each column and one row per lead."""
        text = _demo.table([lead(), lead(company=pl.Company(name="Acme"))], at=AT)
        header, rule, *rows = text.splitlines()
        assert HEADER.fullmatch(header)
        assert [len(dashes) for dashes in rule.split("  ")] == [
            3,
            len("market (data)"),
            len("unknown"),
            len("prospect"),
            len("in stage"),
            len("last activity"),
            len("purchases"),
            len("open objections"),
        ]
        assert [row.split()[:2] for row in rows] == [["L-1", "B2C"], ["L-1", "B2B"]]

    def test_no_leads(self):
        """Without leads the table is its header and rule."""
        assert len(_demo.table([], at=AT).splitlines()) == 2

    def test_extra_column(self):
        """A column is one more spec; right-aligned columns pad on the left."""
        columns = (
            *_demo.COLUMNS[:1],
            _demo.Column(header="stage", cell=lambda lead, _at: lead.stage),
            _demo.Column(
                header="n", cell=lambda lead, _at: str(len(lead.id)), align=">"
            ),
        )
        assert _demo.table([lead()], at=AT, columns=columns).splitlines() == [
            "id   stage     n",
            "---  --------  -",
            "L-1  prospect  3",
        ]

    def test_no_trailing_spaces(self):
        """No line ends in white space."""
        text = _demo.demo(20)
        assert all(line == line.rstrip() for line in text.splitlines())


class TestDemo:
    def test_title_states_n_seed_and_at(self):
        """The title line names n, seed and at."""
        at = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
        title = _demo.demo(3, seed=58, at=at).splitlines()[0]
        assert title == (
            "prospectlib demo: 3 sample leads (seed 58, at 2026-01-15T09:00:00+01:00)"
        )

    def test_one_row_per_sample_lead(self):
        """There is one row per sample lead, in the samples' order."""
        lines = _demo.demo(5, seed=3, at=AT).splitlines()
        assert HEADER.fullmatch(lines[2])
        rows = lines[4:9]
        assert [row.split()[0] for row in rows] == [f"L-000000{k}" for k in range(1, 6)]
        assert lines[9] == ""

    def test_rows_match_the_samples(self):
        """Each row shows the columns of the matching sample lead."""
        leads = [_demo.walk(x, at=AT) for x in pl.samples.leads(4, seed=3, at=AT)]
        assert (
            _demo.demo(4, seed=3, at=AT).splitlines()[2:8]
            == _demo.table(leads, at=AT).splitlines()
        )

    def test_reproducible(self):
        """The demo's text depends only on its arguments."""
        assert _demo.demo() == _demo.demo(
            _demo.DEFAULT_N, seed=_demo.DEFAULT_SEED, at=_demo.DEFAULT_AT
        )

    def test_defaults_show_a_bit_of_everything(self):
        """The default sample shows both markets, purchases and open objections."""
        leads = list(pl.samples.leads(_demo.DEFAULT_N, seed=_demo.DEFAULT_SEED, at=AT))
        assert {lead.company is None for lead in leads} == {True, False}
        assert any(lead.is_customer for lead in leads)
        assert any(lead.open_objections(AT) for lead in leads)

    def test_zero_leads(self):
        """n=0 gives the title, an empty table and the notes."""
        lines = _demo.demo(0).splitlines()
        assert lines[0].startswith("prospectlib demo: 0 sample leads")
        assert HEADER.fullmatch(lines[2])
        assert lines[4] == ""

    def test_one_lead(self):
        """The title speaks of one lead in the singular."""
        assert "1 sample lead (" in _demo.demo(1)


class TestMain:
    def test_demo_prints_the_table(self, capsys):
        """`demo` prints the demo's text and returns 0."""
        assert main(["demo", "--n", "3"]) == 0
        out, err = capsys.readouterr()
        assert out == _demo.demo(3) + "\n"
        assert err == ""

    def test_options(self, capsys):
        """--n, --seed and --at reach the demo."""
        argv = ["demo", "--n", "2", "--seed", "5", "--at", "2026-02-01T08:30:00-05:00"]
        assert main(argv) == 0
        at = dt.datetime(2026, 2, 1, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
        assert capsys.readouterr().out == _demo.demo(2, seed=5, at=at) + "\n"

    def test_z_suffix(self, capsys):
        """--at accepts a trailing Z for UTC."""
        assert main(["demo", "--n", "1", "--at", "2026-06-30T12:00:00Z"]) == 0
        assert "at 2026-06-30T12:00:00+00:00)" in capsys.readouterr().out

    def test_help(self, capsys):
        """`demo --help` explains what the table shows and exits with 0."""
        with pytest.raises(SystemExit) as info:
            main(["demo", "--help"])
        assert info.value.code == 0
        out = " ".join(capsys.readouterr().out.split())
        assert "usage: python -m prospectlib demo" in out
        assert "B2B when the lead has a company" in out
        assert "objections still open at AT" in out
        assert "default score model" in out
        assert "the demo never reads the clock" in out

    def test_version(self, capsys):
        """--version prints the version."""
        with pytest.raises(SystemExit) as info:
            main(["--version"])
        assert info.value.code == 0
        assert capsys.readouterr().out == f"prospectlib {pl.__version__}\n"

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["demo", "--n", "-1"], "--n: expected a whole number >= 0, got '-1'"),
            (["demo", "--n", "two"], "--n: expected a whole number >= 0"),
            (["demo", "--seed", "1.5"], "--seed: expected a whole number >= 0"),
            (
                ["demo", "--at", "2026-06-30"],
                "--at: expected a date and time with a UTC",
            ),
            (["demo", "--at", "soon"], "--at: expected an ISO 8601 date and time"),
            (["demo", "--at", "0002-01-01T00:00Z"], "--at: expected a datetime in the"),
            ([], "the following arguments are required: command"),
            (["sell"], "invalid choice: 'sell'"),
        ],
    )
    def test_bad_arguments(self, capsys, argv, message):
        """Bad arguments exit with status 2 and argparse's message, no traceback."""
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 2
        out, err = capsys.readouterr()
        assert out == ""
        assert message in err
        assert "Traceback" not in err

    def test_run_as_a_script(self, capsys, monkeypatch):
        """Run as __main__, the module exits with main()'s status."""
        monkeypatch.setattr(sys, "argv", ["prospectlib", "demo", "--n", "1"])
        script = Path(pl.__file__).with_name("__main__.py")
        with pytest.raises(SystemExit) as info:
            runpy.run_path(str(script), run_name="__main__")
        assert info.value.code == 0
        assert "1 sample lead" in capsys.readouterr().out

    def test_real_process(self):
        """`python -m prospectlib demo --n 3` runs in a real process and exits 0."""
        done = subprocess.run(
            [sys.executable, "-m", "prospectlib", "demo", "--n", "3"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        lines = done.stdout.splitlines()
        assert lines[0].startswith("prospectlib demo: 3 sample leads")
        assert HEADER.fullmatch(lines[2])


def shown_commands() -> list[tuple[str, str]]:
    """Each ``$ python -m prospectlib ...`` block on the CLI page, with its output."""
    pattern = re.compile(
        r"```text\n(\$ python -m prospectlib [^\n]*)\n(.*?)```", re.DOTALL
    )
    return pattern.findall(CLI_PAGE.read_text(encoding="utf-8"))


class TestDocs:
    def test_page_shows_commands(self):
        """The CLI page shows the default demo, another sample and an error."""
        assert len(shown_commands()) == 3

    @pytest.mark.parametrize(("command", "output"), shown_commands())
    def test_page_shows_real_output(self, capsys, monkeypatch, command, output):
        """Every output shown on the CLI page is what the command prints."""
        monkeypatch.setenv("COLUMNS", "200")
        argv = shlex.split(command)[4:]
        if "error:" in output:
            with pytest.raises(SystemExit) as info:
                main(argv)
            assert info.value.code == 2
        else:
            assert main(argv) == 0
        out, err = capsys.readouterr()
        assert out + err == output


@pytest.mark.slow
class TestWalkEnds:
    @given(
        ps.leads(
            since=AT - dt.timedelta(days=60),
            until=AT,
            max_interactions=8,
            max_history=0,
            stages=st.just("prospect"),
        )
    )
    def test_the_walk_always_ends(self, lead):
        """Replaying any lead ends: no pair of automatic events loops at one instant."""
        walked = _demo.walk(lead, at=AT)
        moments = len(
            {i.at for i in lead.interactions} | {p.at for p in lead.purchases}
        )
        pipeline = _demo.pipeline_for(lead)
        # each move goes somewhere new at its moment: at most one visit per stage
        assert len(walked.history) <= (moments + 1) * len(pipeline.stages)

    def test_two_events_that_undo_each_other_do_not_loop(self, monkeypatch):
        """A policy whose events undo each other at one moment still ends its walk."""
        stages = (
            pl.lifecycle.Stage(id="prospect", order=0, initial=True),
            pl.lifecycle.Stage(id="parked"),
            pl.lifecycle.Stage(id="shelved"),
            pl.lifecycle.Stage(id="won", order=1, kind="won", terminal=True),
        )
        transitions = (
            pl.lifecycle.Transition(event="park", sources="prospect", target="parked"),
            pl.lifecycle.Transition(event="shelve", sources="parked", target="shelved"),
            pl.lifecycle.Transition(
                event="unshelve", sources="shelved", target="parked"
            ),
            pl.lifecycle.Transition(event="win", sources="parked", target="won"),
        )
        seesaw = pl.lifecycle.Pipeline(id="b2b", stages=stages, transitions=transitions)
        rules = [
            pl.workflow.PolicyRule(id=e, event=e, reason=e)
            for e in ("shelve", "unshelve", "park")
        ]
        policy = pl.workflow.QualificationPolicy(
            name="seesaw", pipeline="b2b", rules=rules
        )
        monkeypatch.setattr(_demo, "pipeline_for", lambda lead: seesaw)
        monkeypatch.setattr(_demo, "policy_for", lambda lead: policy)
        lead = pl.Lead(
            id="L", created_at=AT, interactions=[pl.Interaction(activity="call", at=AT)]
        )
        walked = _demo.walk(lead, at=AT)
        assert [c.event for c in walked.history] == ["park", "shelve"]
