"""The layers of docs/explanation/architecture.md hold: lower never imports higher.

Imports are read from the source (``ast``), so imports under ``TYPE_CHECKING`` and
inside functions count as well as those at the top of a module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "prospectlib"

# Lowest first. A unit may import itself and any unit of a lower layer; units of
# one layer are peers and import none of each other.
LAYERS: list[set[str]] = [
    {"_version", "_public", "errors"},
    {"_validate"},
    {"model"},
    {"_convert", "_samples_data"},
    {"serialize", "samples", "strategies"},
    {"criteria"},
    {"qualification"},
    {"lifecycle", "classifiers"},
    {"scoring"},
    {"workflow"},
    {"_demo"},
    {"__main__", "__init__"},
]
LEVEL = {unit: level for level, units in enumerate(LAYERS) for unit in units}


def unit_of(module: str) -> str:
    """The unit a dotted module belongs to: its subpackage, or the top module."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def module_name(path: Path) -> str:
    relative = path.relative_to(SRC.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_module(name: str) -> bool:
    """Whether the dotted *name* is a module or package of prospectlib."""
    path = SRC.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports_of(path: Path) -> set[str]:
    """Every prospectlib module *path* imports, wherever the import stands."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            for alias in node.names:
                # ``from prospectlib import criteria`` imports the subpackage;
                # ``from prospectlib import Lead`` imports prospectlib itself.
                child = f"{target}.{alias.name}"
                found.add(child if is_module(child) else target)
    return {name for name in found if name.split(".")[0] == "prospectlib"}


def edges() -> list[tuple[str, str, str]]:
    """(importing module, its unit, imported unit) for every cross-unit import."""
    result = []
    for path in sorted(SRC.rglob("*.py")):
        module = module_name(path)
        unit = "__main__" if path.name == "__main__.py" else unit_of(module)
        for target in sorted(imports_of(path)):
            other = unit_of(target)
            if other in LEVEL and other != unit:
                result.append((module, unit, other))
    # Sorted and unique: every pytest-xdist worker must collect the same list.
    return sorted(set(result))


def test_every_unit_has_a_layer():
    """Each subpackage and top-level module of prospectlib sits in one layer."""
    units = {
        path.stem if path.is_file() else path.name
        for path in SRC.iterdir()
        if (path.suffix == ".py") or (path / "__init__.py").is_file()
    }
    assert units == set(LEVEL)


@pytest.mark.parametrize(("module", "unit", "other"), edges())
def test_lower_layers_never_import_higher_ones(module, unit, other):
    """An import goes down the layers, never up nor sideways."""
    assert LEVEL[other] < LEVEL[unit], f"{module} ({unit}) imports {other}"


def test_no_cycle_between_modules():
    """No module imports, directly or not, a module that imports it back."""
    graph: dict[str, set[str]] = {}
    modules = {module_name(path): path for path in SRC.rglob("*.py")}
    for name, path in modules.items():
        graph[name] = {
            target if target in modules else target.rpartition(".")[0]
            for target in imports_of(path)
        } & set(modules)
        graph[name].discard(name)
    # A package's __init__ re-exports its modules: that is not a cycle.
    for name, targets in graph.items():
        targets.difference_update({t for t in targets if name.startswith(f"{t}.")})
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, trail: list[str]) -> bool:
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycle.extend([*trail, node, target])
                return True
            if target not in state and visit(target, [*trail, node]):
                return True
        state[node] = 2
        return False

    assert not any(visit(node, []) for node in sorted(graph) if node not in state), (
        " -> ".join(cycle)
    )
