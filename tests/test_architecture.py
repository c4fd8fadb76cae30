"""docs/architecture.md stays true: every module it names exists, and no module imports one on a
floor above it (lazy imports inside functions count too)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "ketnghia"
DOC = ROOT / "docs" / "architecture.md"

# The floors of docs/architecture.md, bottom first: a module may import its own floor and those
# below it.
FLOORS = [
    ("schema", "values", "text", "i18n", "errors", "acting", "outputs", "formula_guard",
     "resources", "templates", "exporting", "settings", "peek", "__init__"),
    ("models", "db", "migrations", "periods"),
    ("kinds", "audit"),
    ("services",),
    ("reports", "importing"),
    ("rules",),
    ("cli", "__main__"),
]  # fmt: skip


def _floor(module: str) -> int:
    head = module.split(".")[1] if module.startswith("ketnghia.") else module
    for rank, names in enumerate(FLOORS):
        if head in names:
            return rank
    raise AssertionError(f"{module} is on no floor of docs/architecture.md")


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1] if len(parts) > 2 else parts
        found[".".join(parts)] = path
    return found


def test_every_module_the_page_names_exists() -> None:
    named = set(re.findall(r"`([a-z_/]+(?:\.py|/))`", DOC.read_text(encoding="utf-8")))
    missing = []
    for name in named:
        candidates = [PACKAGE / name, PACKAGE / "services" / name]
        if not any(c.exists() for c in candidates):
            missing.append(name)
    assert not missing, f"docs/architecture.md names modules that do not exist: {missing}"
    assert len(named) > 30


def test_no_import_runs_up_a_floor() -> None:
    upward = []
    for module, path in _modules().items():
        if module.startswith("ketnghia.migrations.versions"):
            continue  # frozen: they import only migrations.frozen and resources
        rank = _floor(module)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                if name.startswith("ketnghia.") and _known(name) and _floor(name) > rank:
                    upward.append(f"{module} imports {name}")
    assert not upward, "imports that run up a floor:\n" + "\n".join(sorted(set(upward)))


def _known(name: str) -> bool:
    head = name.split(".")[1]
    return (PACKAGE / head).is_dir() or (PACKAGE / f"{head}.py").exists()
