"""The package's layers, read from its own imports: dependencies point one way, no cycles.

The layers, from the bottom (see docs/architecture.md):

0. ``_core`` (and ``_version``): documents, changes, the filter protocol, pipelines, results, errors, text keys
1. ``_filters``: the built-in filters and their data modules
2. ``_registry``: built-in filters by name, the default pipeline, ``build_pipeline``
3. ``_profiles``: site profiles (learned boilerplate; a filter plus the default pipeline)
4. ``_api``: ``clean`` and ``explain``
5. ``_html``, ``_display``, ``_near_dups``: an input format, the outputs for people, crawl-level analysis
6. ``_cli``: the command line
7. ``contrib``: Scrapy, pandas, Dask
8. ``newsclean`` itself: re-exports only

A module imports only from its own layer's package or from lower layers. Imports
inside functions count too (a lazy import is still a dependency), and so do
imports under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import newsclean
from newsclean._registry import FILTERS

PACKAGE = Path(newsclean.__file__).parent

RANKS = {
    "newsclean._version": 0,
    "newsclean._core": 0,
    "newsclean._filters": 1,
    "newsclean._registry": 2,
    "newsclean._profiles": 3,
    "newsclean._api": 4,
    "newsclean._html": 5,
    "newsclean._display": 5,
    "newsclean._near_dups": 5,
    "newsclean._cli": 6,
    "newsclean.contrib": 7,
    "newsclean.__main__": 8,
    "newsclean": 8,
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_only(tree: ast.Module) -> set[int]:
    """ids of the import nodes under ``if TYPE_CHECKING:`` (names for annotations, not run)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            found.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    return found


def imports_of(path: Path, *, type_only: bool = True) -> set[str]:
    """Every newsclean module that *path* imports, anywhere in the file (without *type_only*: not those under TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = set() if type_only else _type_only(tree)
    name = module_name(path) if PACKAGE.parent in path.parents else "newsclean.probe"
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("newsclean"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if base.startswith("newsclean"):
                found.add(base)
                # `from newsclean._filters import embeds` imports a module too
                found.update(f"{base}.{a.name}" for a in node.names if (PACKAGE.parent / f"{base}.{a.name}".replace(".", "/")).with_suffix(".py").exists())
    return found


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
GRAPH = {name: {i for i in imports_of(path) if i != name} for name, path in MODULES.items()}
RUN_GRAPH = {name: {i for i in imports_of(path, type_only=False) if i != name} for name, path in MODULES.items()}


def layer(name: str) -> tuple[str, int]:
    """The layer a module belongs to: the longest prefix in RANKS."""
    best = max((p for p in RANKS if name == p or name.startswith(p + ".")), key=len)
    return best, RANKS[best]


def test_every_module_has_a_layer() -> None:
    """Each module of the package falls into one of the named layers."""
    assert all(layer(name) for name in MODULES)
    assert len(MODULES) > 30


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_point_down(name: str) -> None:
    """A module imports only its own layer's package or lower layers, never upward or sideways."""
    own, rank = layer(name)
    bad = []
    for target in sorted(GRAPH[name]):
        if target not in MODULES and not any(m.startswith(target + ".") for m in MODULES):
            continue  # a name imported from a module, already counted as the module
        other, other_rank = layer(target)
        if other_rank > rank or (other_rank == rank and other != own and rank != 8):
            bad.append(f"{target} ({other}, layer {other_rank})")
    assert not bad, f"{name} (layer {rank}) imports upward or sideways: {bad}"


def filter_modules() -> set[str]:
    return {target.partition(":")[0] for target in FILTERS.values()}


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n.startswith("newsclean._filters.")))
def test_no_filter_imports_another_filter(name: str) -> None:
    """Filters share data modules (tweet anatomy, the run finder), never each other."""
    others = filter_modules() - {name}
    assert not (GRAPH[name] & others), f"{name} imports filter modules {sorted(GRAPH[name] & others)}"


def test_no_import_cycles() -> None:
    """The module import graph has no cycle (lazy imports included; names imported only for annotations are not)."""
    # the package root and its __main__ re-export everything; leave them out of the walk
    graph = {n: {t for t in ts if t in MODULES and t != "newsclean"} for n, ts in RUN_GRAPH.items() if n != "newsclean"}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            assert cycle is None, f"import cycle: {' -> '.join(cycle)}"


def test_the_checker_sees_an_upward_import(tmp_path: Path) -> None:
    """The reader finds imports inside functions, so an upward lazy import would be caught."""
    source = tmp_path / "probe.py"
    source.write_text("def f():\n    from newsclean._display.result import result_html\n", encoding="utf-8")
    assert "newsclean._display.result" in imports_of(source)
