"""Reproducible installs: every dependency pinned in requirements/constraints.txt inside its
range, the README's commands installing from it, every library the code imports declared,
the test tools out of the package's metadata, and the licence pyproject names."""

from __future__ import annotations

import ast
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
TEST_TOOLS = ROOT / "requirements" / "test.txt"
RELOCK = "run `sh tools/lock` and commit requirements/constraints.txt"


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def requirement_lines(path: Path) -> list[str]:
    lines = (
        line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()
    )
    return [line for line in lines if line]


def declared() -> list[Requirement]:
    return [
        Requirement(line) for line in [*project()["dependencies"], *requirement_lines(TEST_TOOLS)]
    ]


def pinned() -> dict[str, Version]:
    pins = {}
    for line in requirement_lines(CONSTRAINTS):
        requirement = Requirement(line)
        (specifier,) = requirement.specifier
        assert specifier.operator == "==", line
        pins[canonicalize_name(requirement.name)] = Version(specifier.version)
    return pins


def test_every_dependency_is_pinned_inside_its_range():
    pins = pinned()
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not pinned: {RELOCK}"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{requirement.name} is pinned at {pins[name]}, outside {requirement.specifier}: "
            + RELOCK
        )


def test_the_readme_installs_the_app_and_the_tests_at_the_pinned_versions():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pipx install --force --pip-args='-c requirements/constraints.txt' ." in readme
    assert (
        ".venv/bin/python -m pip install -c requirements/constraints.txt -e . "
        "-r requirements/test.txt"
    ) in readme


def test_the_published_package_carries_no_test_tools():
    assert "optional-dependencies" not in project()
    runtime = {canonicalize_name(Requirement(line).name) for line in project()["dependencies"]}
    for tool in ("pytest", "ruff", "mypy", "import-linter", "hypothesis", "shtab"):
        assert tool not in runtime


def test_textual_is_exact_and_the_other_libraries_have_a_range():
    for line in project()["dependencies"]:
        requirement = Requirement(line)
        operators = {specifier.operator for specifier in requirement.specifier}
        # plyer has a range too now that nothing patches its internals (desktop_bus).
        if requirement.name == "textual":
            assert operators == {"=="}, line
        else:
            assert operators == {">=", "<"}, line


def imported_top_level_modules() -> set[str]:
    modules = set()
    for source in (ROOT / "tracker").rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - {"tracker"}


def test_every_library_the_code_imports_is_declared():
    runtime = {canonicalize_name(Requirement(line).name) for line in project()["dependencies"]}
    distributions = packages_distributions()
    for module in sorted(imported_top_level_modules()):
        names = {canonicalize_name(name) for name in distributions.get(module, [module])}
        assert names & runtime, f"tracker imports {module} but pyproject.toml does not declare it"


def test_the_licence_pyproject_names_is_there():
    assert project()["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
