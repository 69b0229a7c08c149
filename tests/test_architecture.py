"""The import graph of the project's own modules, read with ``ast``.

The rules (docs/architecture.md): no import cycle anywhere; no import inside
a function unless its line (or the line above) says why in a comment (app
loading in ``AppConfig.ready``); ``articles`` imports neither ``membership``
nor ``newsroom``; ``newsroom`` is wiring and imports no app outside
``newsroom/urls.py``. Every import counts, including those inside functions.
"""

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("articles", "membership", "newsroom")


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    target: str  # the project module imported
    line: int
    in_function: bool
    commented: bool


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(path): path
        for app in APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
    }


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The project module ``name`` is or lives in (None: not the project's)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _targets(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> set[str]:
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = module.split(".") if is_package else module.split(".")[:-1]
            package = package[: len(package) - node.level + 1]
            base = ".".join([*package, *([node.module] if node.module else [])])
        # ``from package import submodule`` depends on the submodule.
        names = [
            f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
            for alias in node.names
        ]
    found = {_resolve(name) for name in names if name.split(".")[0] in APPS}
    return {target for target in found if target and target != module}


def _imports(module: str, path: Path) -> list[Import]:
    source = path.read_text()
    lines = source.splitlines()
    tree = ast.parse(source)
    in_function = {
        id(node)
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(function)
    }
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        line = lines[node.lineno - 1]
        above = lines[node.lineno - 2].strip() if node.lineno > 1 else ""
        commented = "#" in line or above.startswith("#")
        for target in _targets(node, module, path.name == "__init__.py") or {""}:
            found.append(Import(module, target, node.lineno, id(node) in in_function, commented))
    return found


IMPORTS = [found for module, path in MODULES.items() for found in _imports(module, path)]


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    graph: dict[str, set[str]] = {module: set() for module in MODULES}
    for found in IMPORTS:
        if found.target:
            graph[found.module].add(found.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return components


def _app(module: str) -> str:
    return module.split(".")[0]


def test_the_graph_sees_the_project():
    assert len(MODULES) > 100
    assert any(
        f.module == "newsroom.urls" and f.target == "membership.accounts.views" for f in IMPORTS
    )
    assert any(f.module == "articles.apps" and f.in_function for f in IMPORTS)


def test_no_import_cycle():
    assert _cycles() == []


@pytest.mark.parametrize("app", APPS)
def test_no_import_inside_a_function_without_a_comment_saying_why(app):
    unexplained = [
        f"{f.module}:{f.line}"
        for f in IMPORTS
        if _app(f.module) == app and f.in_function and not f.commented
    ]
    assert unexplained == []


def test_articles_imports_neither_membership_nor_newsroom():
    climbing = [
        f"{f.module}:{f.line} -> {f.target}"
        for f in IMPORTS
        if _app(f.module) == "articles" and f.target and _app(f.target) != "articles"
    ]
    assert climbing == []


@pytest.mark.parametrize("app", ["articles", "membership"])
def test_newsroom_imports_no_app_outside_its_urls(app):
    reaching = [
        f"{f.module}:{f.line} -> {f.target}"
        for f in IMPORTS
        if _app(f.module) == "newsroom" and f.module != "newsroom.urls" and _app(f.target) == app
    ]
    assert reaching == []


# What the page models are built on imports no model, directly or not, so the
# models can use it without a cycle (docs/architecture.md, "Layers").
MODEL_FREE = (
    "articles.cache",
    "articles.cache.generations",
    "articles.cache.keys",
    "articles.cache.cdn",
    "articles.cache.lookups",
    "articles.cache.pages",
    "articles.listings",
    "articles.fronts",
    "articles.image_specs",
    "articles.wagtail_adapter",
)


def _reachable(start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        module = todo.pop()
        for found in IMPORTS:
            if found.module == module and found.target and found.target not in seen:
                seen.add(found.target)
                todo.append(found.target)
    return seen


@pytest.mark.parametrize("module", MODEL_FREE)
def test_the_layer_under_the_models_imports_no_model(module):
    assert module in MODULES
    assert sorted(m for m in _reachable(module) if m.startswith("articles.models")) == []


def test_only_articles_knows_the_stored_block_names_of_a_body():
    """Other apps ask ``articles`` where things go in a body
    (``articles.blocks.slots``) instead of reading its stored blocks."""
    readers = [
        name
        for name, path in MODULES.items()
        if _app(name) != "articles"
        and ("raw_data" in path.read_text() or "appeal_marker" in path.read_text())
    ]
    assert readers == []


# Modules stay small enough to read in one sitting (docs/architecture.md):
# split along a real seam before one sprawls. Migrations are not counted.
MAX_LINES = 300
LONG_ALLOWED = {
    "newsroom.settings.base": "every setting of the project in one place, each commented",
}


def test_no_module_is_over_the_line_limit():
    over = sorted(
        module
        for module, path in MODULES.items()
        if len(path.read_text().splitlines()) > MAX_LINES
    )
    assert over == sorted(LONG_ALLOWED)
