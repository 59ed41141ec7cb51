"""What a user gets besides the code: the licence, and what the README promises."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_licence_the_metadata_names_is_shipped():
    """The metadata says MIT; the file is in the repository and in the packages."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text().startswith("MIT License\n")


def test_the_readme_states_the_python_it_needs():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.11"
    assert "Python 3.11 or newer" in (ROOT / "README.md").read_text()


def test_the_docs_render_diagrams_without_a_network():
    """Mermaid is bundled and loaded first: Material then fetches nothing from a CDN."""
    config = (ROOT / "mkdocs.yml").read_text()
    scripts = config.split("extra_javascript:")[1].split("\n\n")[0]
    listed = [line.strip()[2:] for line in scripts.splitlines() if line.strip()]
    assert listed == ["assets/mermaid/mermaid.min.js"]
    bundled = ROOT / "docs" / listed[0]
    assert bundled.stat().st_size > 1_000_000  # the real library, not a stub
    assert "http://" not in scripts
    assert "https://" not in scripts
    assert "MIT" in (bundled.parent / "LICENSE").read_text()
    version = (bundled.parent / "README.md").read_text()
    assert "mermaid` 11." in version
