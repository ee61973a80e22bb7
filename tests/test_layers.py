"""The package's shape: layers that import only downwards, small modules, few top-level modules."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "rolegraph"
LINT = [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; "
        "sys.exit(lint_imports_command())"]


def _lint(pythonpath: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(LINT + ["--config", str(ROOT / "pyproject.toml"), "--no-cache"],
                          cwd=ROOT, env=env, capture_output=True, text=True)


def test_the_import_contracts_are_kept():
    pytest.importorskip("importlinter")
    done = _lint()
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "2 kept, 0 broken" in done.stdout


@pytest.mark.parametrize("module, upward", [
    ("knowledge/model.py", "from ..ask import RoleGraph"),     # the fact model reaching for the questions
    ("pages/views.py", "from ..extract import Extractor"),       # pages that would extract
])
def test_an_upward_import_breaks_the_contracts(tmp_path, module, upward):
    pytest.importorskip("importlinter")
    copy = tmp_path / "src" / "rolegraph"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    with open(copy / module, "a", encoding="utf-8") as fh:
        fh.write(f"\n{upward}  # planted by the test\n")
    done = _lint(tmp_path / "src")
    assert done.returncode != 0
    assert "broken" in done.stdout and module.replace("/", ".").removesuffix(".py") in done.stdout


def test_the_top_level_shows_the_pipeline():
    modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    packages = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert len(modules) <= 8, modules
    assert len(packages) >= 5, packages
    for name in packages:
        doc = (PACKAGE / name / "__init__.py").read_text(encoding="utf-8")
        assert doc.startswith('"""') and len(doc.split('"""')[1].split()) >= 25, f"{name}/__init__.py needs a docstring"


def test_no_module_is_over_600_lines():
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600}
    assert long == {}
