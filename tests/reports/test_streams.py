"""Formats written judgement by judgement give ``render``'s output byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo.api import Embargo
from embargo.config import Config
from embargo.model import Judgement
from embargo.reports.formats import REGISTRY, get_format
from embargo.reports.formats.base import ContextRecipe
from tests.conftest import EXAMPLES


def _judged(catalog_path: Path, zone: str) -> tuple[Embargo, list[Judgement]]:
    emb = Embargo.open(Config(timezone=zone), catalog=catalog_path)
    # First an item linked to nothing: with UTC configured the reader's zone is the first
    # linked meeting's, known only later in the batch.
    js = [emb.check_text("The hospital car park reopens on Monday.", kind="editorial",
                         at="2024-11-13T12:00:00Z")]
    js += [emb.check_path(p) for p in sorted((EXAMPLES / "drafts").glob("*.md"))]
    return emb, js


@pytest.mark.parametrize("zone", ["UTC", "Europe/Berlin"])
@pytest.mark.parametrize("fmt", sorted(REGISTRY))
def test_stream_is_render(catalog_path: Path, fmt: str, zone: str) -> None:
    emb, js = _judged(catalog_path, zone)
    with emb:
        errors = [("bad.md", "bad.md: empty draft"), ("x\ny.md", "x\ny.md: odd \"name\"")]
        for errs in ([], errors):
            recipe = ContextRecipe(emb.policies, zone, verbose=True, zone_label="configured")
            f = get_format(fmt)
            whole = f.render(js, recipe.make(js), errs) + "\n"
            pieces: list[str] = []
            s = f.stream(recipe, pieces.append)
            for j in js:
                s.add(j)
            s.close(errs)
            assert "".join(pieces) == whole
            if fmt in ("json", "text"):
                assert len(pieces) > 2  # really written as it came


def test_nothing_judged_writes_nothing(catalog_path: Path) -> None:
    emb, _ = _judged(catalog_path, "UTC")
    with emb:
        for fmt in sorted(REGISTRY):
            pieces: list[str] = []
            s = get_format(fmt).stream(ContextRecipe(emb.policies, "UTC"), pieces.append)
            s.close([("bad.md", "bad.md: empty draft")])
            assert pieces == []
