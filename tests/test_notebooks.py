"""The notebooks in notebooks/: stored without outputs, and each runs top to bottom in a fresh kernel."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
# A line each notebook must print when it works, beyond running without error.
EXPECTED = {
    "01-quickstart.ipynb": "Lead Developer → Chief Technology Officer → Chief Executive Officer",
    "02-sparql.ipynb": "SPARQL syntax error at line 1",
    "03-your-own-documents.ipynb": "after:  Business Analyst → Product Owner → Head of Product → Chief Product Officer",
    "04-analysis.ipynb": "rolegraph-careers.graphml",
}


def _notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def test_every_notebook_is_checked():
    assert [p.name for p in _notebooks()] == sorted(EXPECTED)


@pytest.mark.parametrize("path", _notebooks(), ids=lambda p: p.stem)
def test_notebook_is_stored_without_outputs(path):
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, \
                f"{path.name}: clear the outputs (jupyter nbconvert --clear-output --inplace {path.name})"


def _text(outputs) -> str:
    parts = []
    for out in outputs:
        if out.output_type == "stream":
            parts.append(out.text)
        elif "data" in out:
            parts.append(out.data.get("text/plain", ""))
    return "\n".join(parts)


@pytest.mark.parametrize("path", _notebooks(), ids=lambda p: p.stem)
def test_notebook_runs_in_a_fresh_kernel(path, tmp_path, monkeypatch):
    try:
        import nbformat
        from nbclient import NotebookClient
    except ImportError:
        if os.environ.get("CI"):
            raise
        pytest.skip("nbclient is not installed: pip install -e '.[test]'")
    # The kernel inherits this environment: no build of the user's, nothing written to the checkout.
    monkeypatch.setenv("ROLEGRAPH_HOME", str(tmp_path / "home"))
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()  # raises on any error
    printed = "\n".join(_text(c.outputs) for c in nb.cells if c.cell_type == "code")
    assert EXPECTED[path.name] in printed
    assert not (tmp_path / "home").exists()  # the notebooks leave the default build alone
