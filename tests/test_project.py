"""The project's own promises: README's commands are what CI runs, the layers import one way, and a plain
(non-editable) install carries its migrations, sample data and stylesheet."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from carsplus_tui.db import migrate

ROOT = Path(__file__).resolve().parents[1]


def test_readme_test_command_is_exactly_what_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    command = re.search(r'^TEST_COMMAND="(.+)"$', ci, re.MULTILINE).group(1)
    readme = (ROOT / "README.md").read_text()
    assert f"```sh\n{command}\n```" in readme


def test_layers_import_one_way() -> None:
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint, "import-linter is part of the test extras"
    result = subprocess.run([lint, str(ROOT / "pyproject.toml")], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# The shared bases of tui/screens (not screens: the screens build on them).
SCREEN_BASES = {"form", "maintenance_form", "code_table", "listing"}


def test_every_screen_module_is_in_the_independence_contract() -> None:
    """No screen imports another (issue 14): a new module in tui/screens is either a base or listed in the contract,
    so lint-imports checks it too."""
    import tomllib

    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    listed = {m for c in contracts if c["type"] == "independence" for m in c["modules"]}
    screens = {f"carsplus_tui.tui.screens.{p.stem}" for p in (ROOT / "carsplus_tui" / "tui" / "screens").glob("*.py")
               if p.stem != "__init__" and p.stem not in SCREEN_BASES}
    assert screens - listed == set(), "add the screen to the independence contract in pyproject.toml"
    assert listed - screens == set(), "the contract names a screen module that no longer exists"


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    assert found, f"{name} is part of the test extras"
    return found


def test_ruff_finds_nothing() -> None:
    result = subprocess.run([_tool("ruff"), "check", "--no-cache", "carsplus_tui", "tests", "benchmarks", "tools",
                             "migrations"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_mypy_finds_nothing() -> None:
    result = subprocess.run([_tool("mypy"), "--no-incremental", "--cache-dir", os.devnull], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_checks_every_module() -> None:
    """No module is let off (issue 14): an override that ignores errors would hide them from the check above."""
    import tomllib

    mypy = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]
    assert not any(o.get("ignore_errors") for o in mypy.get("overrides", [])), "fix the module's types instead"
    assert not mypy.get("ignore_errors")


def test_domain_imports_neither_sqlalchemy_nor_textual() -> None:
    code = "import sys, carsplus_tui.domain; print(sorted(m for m in ('sqlalchemy', 'textual') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.slow
def test_a_plain_wheel_install_migrates_from_any_directory(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next(wheels.glob("carsplus_tui-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for shipped in ("carsplus_tui/migrations/env.py", "carsplus_tui/screens.tcss", "carsplus_tui/alembic.ini",
                    "carsplus_tui/sample_data/README.md",
                    # browser mode works offline: its page, terminal script and font travel in the wheel
                    "carsplus_tui/tui/web/templates/app_index.html", "carsplus_tui/tui/web/static/js/textual.js",
                    "carsplus_tui/tui/web/static/fonts/RobotoMono-VariableFont_wght.ttf"):
        assert shipped in names
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {"PYTHONPATH": str(target), "CARSPLUS_DATABASE_URL": f"sqlite:///{tmp_path / 'plain.db'}",
           "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    where = subprocess.run([sys.executable, "-c", "import carsplus_tui; print(carsplus_tui.__file__)"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(target))
    result = subprocess.run([sys.executable, "-m", "carsplus_tui", "db", "upgrade"], cwd=elsewhere, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert f"database at {migrate.HEAD}" in result.stdout


def test_test_modules_outside_packages_have_names_of_their_own() -> None:
    # Folders without __init__.py import their tests by bare module name: two test_x.py in such folders collide
    # ("import file mismatch") as soon as one worker collects both, which depends on how xdist splits the suite.
    tests = Path(__file__).parent
    seen: dict[str, Path] = {}
    clashes = []
    for path in sorted(tests.rglob("test_*.py")):
        if (path.parent / "__init__.py").exists():
            continue
        if path.name in seen:
            clashes.append(f"{seen[path.name]} and {path}")
        seen[path.name] = path
    assert not clashes, clashes
