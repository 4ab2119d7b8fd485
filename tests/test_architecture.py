"""The core never imports the faces or the I/O channels (arrows point downwards only)."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "embargo"
CORE = ["model.py", "engine.py", "errors.py", "timeparse", "policy", "linking", "content"]
FORBIDDEN = ("embargo.cli", "embargo.daemon", "embargo.sources", "embargo.alerts",
             "embargo.reports", "embargo.state", "embargo.web")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out


def test_core_never_imports_faces_or_channels() -> None:
    files: list[Path] = []
    for entry in CORE:
        p = PKG / entry
        files.extend(sorted(p.rglob("*.py")) if p.is_dir() else [p])
    assert len(files) > 10
    bad = [(f.relative_to(PKG), m) for f in files for m in _imports(f)
           if m.startswith(FORBIDDEN)]
    assert not bad


def test_no_naive_clock_reads() -> None:
    for f in PKG.rglob("*.py"):
        text = f.read_text(encoding="utf-8")
        assert "datetime.utcnow(" not in text and "utcfromtimestamp(" not in text, f


def test_only_the_serve_command_imports_the_web_service() -> None:
    """The service is a face: nothing but ``embargo serve`` (and the service itself) uses it,
    and the CLI imports it only when the command runs (a check never pays for Starlette)."""
    users = []
    for f in PKG.rglob("*.py"):
        rel = f.relative_to(PKG)
        if rel.parts[0] == "web":
            continue
        if any(m.startswith("embargo.web") or m in ("starlette", "uvicorn") or
               m.startswith(("starlette.", "uvicorn.")) for m in _imports(f)):
            users.append(str(rel))
    assert users == ["cli/serve.py"]
    top = ast.parse((PKG / "cli" / "serve.py").read_text(encoding="utf-8")).body
    module_level = {a.name for n in top if isinstance(n, ast.Import) for a in n.names} | {
        n.module for n in top if isinstance(n, ast.ImportFrom) and n.module}
    assert not any(m.startswith(("embargo.web", "starlette", "uvicorn")) for m in module_level)
