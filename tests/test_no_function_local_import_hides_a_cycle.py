"""No module of ours is imported inside a function to dodge an import cycle (issue 10, part 1).

A cycle hidden by a function-local import is invisible to the import contract (tests/test_the_import_layers_hold.py)
and breaks the day someone moves the import to the top. Break it instead: move the shared piece to a lower module,
split the module, or register through a hook. The only function-local imports of `littlegiant` modules left are
in the files below, each for its stated reason; `if TYPE_CHECKING:` blocks and `AppConfig.ready()` are the
usual places for such imports and are not counted. Third-party imports (pyarrow, openpyxl, pyspark...) may stay
local where they are optional or slow to import: they cannot hide a cycle of ours.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "littlegiant"

# Relative path inside src/ -> why its functions import our modules when they run.
ALLOWED = {
    "littlegiant/dashboards/cli.py": "a command imports Django models only after setup_django() configures Django",
    "littlegiant/demo/cli.py": "a command imports Django models only after setup_django() configures Django",
    "littlegiant/digital/cli.py": "a command imports Django models only after setup_django() configures Django",
    "littlegiant/enterprises/cli.py": "a command imports Django models only after setup_django() configures Django",
    "littlegiant/operations/cli.py": "a command imports Django models only after setup_django() configures Django",
    "littlegiant/operations/requestlog.py": "LOGGING loads this module before the apps are ready: models later",
}


def _is_ours(node: ast.Import | ast.ImportFrom) -> bool:
    if isinstance(node, ast.ImportFrom):
        return node.level > 0 or (node.module or "").split(".")[0] == "littlegiant"
    return any(alias.name.split(".")[0] == "littlegiant" for alias in node.names)


def _is_type_checking(node: ast.If) -> bool:
    return "TYPE_CHECKING" in ast.unparse(node.test)


def function_local_imports(source: str) -> list[tuple[int, str]]:
    """(line, statement) of every import of a `littlegiant` module made inside a function body, outside
    `if TYPE_CHECKING:` and outside a class's `ready()` method."""
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST, *, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            visit_one(child, in_function=in_function)

    def visit_one(node: ast.AST, *, in_function: bool) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for statement in node.orelse:  # the `else:` of TYPE_CHECKING runs for real
                visit_one(statement, in_function=in_function)
        elif isinstance(node, ast.ClassDef):
            for statement in node.body:
                if not (isinstance(statement, ast.FunctionDef) and statement.name == "ready"):
                    visit_one(statement, in_function=in_function)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            if in_function and _is_ours(node):
                found.append((node.lineno, ast.unparse(node)))
        else:
            inside = in_function or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            visit(node, in_function=inside)

    visit(ast.parse(source), in_function=False)
    return found


def _modules() -> dict[str, str]:
    return {
        path.relative_to(PACKAGE.parent).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(PACKAGE.rglob("*.py"))
        if "migrations" not in path.parts
    }


def test_no_function_imports_one_of_our_modules_outside_the_allowed_files():
    offending = [
        f"{name}:{line}: {statement}"
        for name, source in _modules().items()
        if name not in ALLOWED
        for line, statement in function_local_imports(source)
    ]
    assert not offending, "move these imports to the top and break the cycle they hide:\n" + "\n".join(
        offending
    )


def test_every_allowed_file_still_needs_its_place_on_the_list():
    modules = _modules()
    stale = [name for name in ALLOWED if name not in modules or not function_local_imports(modules[name])]
    assert not stale, f"these files import nothing of ours inside a function any more: {stale}"


def test_the_check_finds_an_import_hidden_in_a_function_and_spares_the_allowed_places():
    source = """
from typing import TYPE_CHECKING

from littlegiant.rules import registry

if TYPE_CHECKING:
    from littlegiant.accounts.models import User


class ServicesConfig:
    def ready(self):
        from littlegiant.services import roles


def evaluate(records):
    import pyarrow as pa
    from littlegiant.rules.spark import evaluate_records_on_spark

    return [lambda: __import__("x") for _ in records]


class Engine:
    def run(self):
        from . import assessment
"""
    assert function_local_imports(source) == [
        (17, "from littlegiant.rules.spark import evaluate_records_on_spark"),
        (24, "from . import assessment"),
    ]
