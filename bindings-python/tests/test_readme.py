"""The README's Python quick start and the typed usage file run as written, so they cannot rot."""

from __future__ import annotations

import contextlib
import io
import re
import runpy

from conftest import ROOT


def python_section() -> str:
    """The README's "## Python" section, up to the next heading of that level."""
    readme = (ROOT / "README.md").read_text()
    match = re.search(r"^## Python\n(.*?)(?=^## )", readme, re.S | re.M)
    assert match, "README.md has no Python section"
    return match.group(1)


def test_readme_quick_start_runs() -> None:
    blocks = re.findall(r"```python\n(.*?)```", python_section(), re.S)
    assert len(blocks) == 1, "the Python section has exactly one python code block"
    code = blocks[0]
    assert 6 <= len(code.strip().splitlines()) <= 10
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md#python", "exec"), {"__name__": "__readme__"})
    assert out.getvalue().startswith("connect customer1234 ")


def test_readme_install_line() -> None:
    assert "pip install munity-secrets" in python_section()


def test_typed_usage_file_runs() -> None:
    runpy.run_path(str(ROOT / "bindings-python" / "typing" / "usage.py"), run_name="__main__")
