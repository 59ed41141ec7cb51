"""The built-in defaults: equal to their frozen snapshot, keyword arguments applied."""

from __future__ import annotations

import copy
import datetime as dt
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from prospectlib.lifecycle import Pipeline
from prospectlib.lifecycle import b2b_pipeline
from prospectlib.lifecycle import b2c_pipeline
from prospectlib.qualification import BANT
from prospectlib.qualification import MEDDIC
from prospectlib.qualification import Framework
from prospectlib.qualification import bant_guard
from prospectlib.scoring import ScoreModel
from prospectlib.scoring import default_model
from prospectlib.serialize import from_dict
from prospectlib.serialize import to_dict
from prospectlib.workflow import QualificationPolicy
from prospectlib.workflow import default_b2c_policy
from prospectlib.workflow import default_policy

DAY = dt.timedelta(days=1)


def _load_snapshot() -> ModuleType:
    """Import ``defaults_snapshot.py`` beside this file (tests are not a package)."""
    name = "defaults_snapshot"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            name, Path(__file__).with_name("defaults_snapshot.py")
        )
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


S = _load_snapshot()


def snapshot(name: str) -> dict[str, Any]:
    """A deep copy of one snapshot, safe to change (policies with their model)."""
    data = copy.deepcopy(getattr(S, name))
    if "pipeline" in data:
        data["model"] = copy.deepcopy(S.DEFAULT_MODEL)
    return data


def find(items: list[dict[str, Any]], key: str, value: str) -> dict[str, Any]:
    (item,) = (item for item in items if item[key] == value)
    return item


def guard(framework: Framework) -> dict[str, Any]:
    """A framework as a guard is written: as a criterion of kind ``framework``."""
    return {"kind": "framework", **to_dict(framework)}


class TestSnapshot:
    @pytest.mark.parametrize(
        ("make", "cls", "name"),
        [
            (b2b_pipeline, Pipeline, "B2B_PIPELINE"),
            (b2c_pipeline, Pipeline, "B2C_PIPELINE"),
            (default_model, ScoreModel, "DEFAULT_MODEL"),
            (default_policy, QualificationPolicy, "DEFAULT_POLICY"),
            (default_b2c_policy, QualificationPolicy, "DEFAULT_B2C_POLICY"),
        ],
    )
    def test_each_default_equals_its_snapshot(self, make, cls, name):
        """Each default dumps to its snapshot and equals the snapshot loaded."""
        expected = snapshot(name)
        assert to_dict(make()) == expected
        assert make() == from_dict(cls, expected)

    @pytest.mark.parametrize(
        "make",
        [b2b_pipeline, b2c_pipeline, default_model, default_policy, default_b2c_policy],
    )
    def test_each_default_is_built_once(self, make):
        """A default is cached: the same object on every call."""
        assert make() is make()


class TestB2bArguments:
    def test_durations_are_applied(self):
        """research_window, mql_sla and sql_sla land where the builder put them."""
        expected = snapshot("B2B_PIPELINE")
        mql = find(expected["stages"], "id", "marketing_qualified")
        mql["sla"], mql["due_soon"] = "PT12H", "PT3H"
        sql = find(expected["stages"], "id", "sales_qualified")
        sql["sla"], sql["due_soon"] = "P5D", "P1DT6H"
        qualify = find(expected["transitions"], "event", "qualify_marketing")
        qualify["guard"]["criteria"][1]["within"] = "P30D"
        pipeline = b2b_pipeline(
            research_window=30 * DAY, mql_sla=DAY / 2, sql_sla=5 * DAY
        )
        assert to_dict(pipeline) == expected

    def test_bant_min_met_sets_the_sql_guard(self):
        """bant_min_met changes only the BANT threshold of qualify_sales."""
        expected = snapshot("B2B_PIPELINE")
        find(expected["transitions"], "event", "qualify_sales")["guard"] = guard(
            bant_guard(2)
        )
        assert to_dict(b2b_pipeline(bant_min_met=2)) == expected

    def test_the_framework_guard_is_the_object_given(self):
        """The given framework itself guards qualify_sales; nothing else changes."""
        pipeline = b2b_pipeline(framework=MEDDIC)
        (route,) = pipeline.transitions_for("qualify_sales")
        assert route.guard is MEDDIC
        assert b2b_pipeline().transitions_for("qualify_sales")[0].guard is BANT
        expected = snapshot("B2B_PIPELINE")
        find(expected["transitions"], "event", "qualify_sales")["guard"] = guard(MEDDIC)
        assert to_dict(pipeline) == expected
        assert b2b_pipeline(framework=BANT) == b2b_pipeline()


class TestB2cArguments:
    def test_lapse_after_is_applied(self):
        """lapse_after bounds both the activity and the purchase of the lapse guard."""
        expected = snapshot("B2C_PIPELINE")
        lapse = find(expected["transitions"], "event", "lapse")
        for negated in lapse["guard"]["criteria"]:
            negated["criterion"]["within"] = "P30D"
        assert to_dict(b2c_pipeline(lapse_after=30 * DAY)) == expected


class TestPolicyArguments:
    @pytest.mark.parametrize(
        ("cold_after", "iso", "text"),
        [(30 * DAY, "P30D", "30 days"), (1.5 * DAY, "P1DT12H", "1.5 days")],
    )
    def test_cold_after_is_applied(self, cold_after, iso, text):
        """cold_after sets the quiet spell of gone_quiet and its reason."""
        expected = snapshot("DEFAULT_POLICY")
        quiet = find(expected["rules"], "id", "gone_quiet")
        quiet["when"]["criterion"]["within"] = iso
        quiet["reason"] = f"no activity for {text}: nurture by e-mail"
        assert to_dict(default_policy(cold_after=cold_after)) == expected

    def test_the_policies_share_the_default_model(self):
        """Both default policies score with default_model() itself."""
        assert default_policy().model is default_model()
        assert default_b2c_policy().model is default_model()
