"""The domain is pure: no SQLAlchemy, no Textual, nothing of ours from other layers, and no float."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import carsplus_tui.domain

DOMAIN = Path(carsplus_tui.domain.__file__).parent
FORBIDDEN = ("sqlalchemy", "textual", "carsplus_tui.db", "carsplus_tui.services", "carsplus_tui.tui", "carsplus_tui.printing", "carsplus_tui.dms")


def test_importing_the_domain_loads_neither_textual_nor_sqlalchemy() -> None:
    code = (
        "import json, sys\n"
        "import carsplus_tui.domain\n"
        "import carsplus_tui.domain.examples\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    modules = json.loads(out)
    assert "carsplus_tui.domain.engine" in modules
    loaded = [m for m in modules if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)]
    assert loaded == []


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), str(path))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def test_domain_modules_import_nothing_of_other_layers() -> None:
    for path in DOMAIN.glob("*.py"):
        bad = [n for n in _imports(path) if any(n == f or n.startswith(f + ".") for f in FORBIDDEN)]
        assert bad == [], path.name


def test_no_float_in_the_domain_source() -> None:
    """No float literal and no float() call anywhere in the domain: money is Decimal end to end."""
    for path in DOMAIN.glob("*.py"):
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            assert not (isinstance(node, ast.Constant) and isinstance(node.value, float)), f"{path.name}:{node.lineno}"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id != "float", f"{path.name}:{node.lineno}"
