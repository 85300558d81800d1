"""The layers of docs/architecture.md hold, and `make lint` catches an import against them."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("oif_site", "reports", "projects", "base")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

# Imports inside functions that stay, each for a reason other than a cycle of ours.
LATE_IMPORTS = {
    ("reports/apps.py", "."): "signals connect once the apps are ready",
    ("oif_site/apps.py", "."): "signals connect once the apps are ready",
    ("reports/workflows.py", "reports.models"): "Wagtail imports this hook while it loads",
}


def run_lint_imports(cwd):
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(cwd / "pyproject.toml")],
        cwd=cwd,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def project_copy(tmp_path):
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_layers_are_kept():
    result = run_lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("base/probe.py", "import reports.models\n"),  # the base imports an app
        ("projects/probe.py", "from reports.models import AnnualReportPage\n"),  # upwards
        ("reports/probe.py", "from oif_site import views\n"),  # an app imports the project
    ],
)
def test_an_import_against_the_layers_fails_the_lint(project_copy, module, source):
    (project_copy / module).write_text(source)
    result = run_lint_imports(project_copy)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert module.replace("/", ".").removesuffix(".py") in result.stdout


def test_an_import_cycle_inside_an_app_fails_the_lint(project_copy):
    (project_copy / "reports" / "probe.py").write_text("from reports import publishing\n")
    publishing = project_copy / "reports" / "publishing.py"
    publishing.write_text(publishing.read_text() + "\nfrom reports import probe  # noqa\n")
    result = run_lint_imports(project_copy)
    assert result.returncode != 0
    assert "No import cycle among the modules of an app BROKEN" in result.stdout


def late_imports():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text())
            for function in ast.walk(tree):
                if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                for node in ast.walk(function):
                    if isinstance(node, ast.ImportFrom):
                        name = "." * node.level + (node.module or "")
                    elif isinstance(node, ast.Import):
                        name = node.names[0].name
                    else:
                        continue
                    if name.startswith(".") or name.split(".")[0] in PACKAGES:
                        yield str(path.relative_to(ROOT)), name


def test_no_function_level_import_hides_a_cycle():
    unexplained = [found for found in late_imports() if found not in LATE_IMPORTS]
    assert unexplained == []
