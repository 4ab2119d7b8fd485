"""The abstract catalogue: storage, importers, look-ups.

Names are loaded on first use, so ``import embargo.catalog.store`` (all a check needs) does
not import the importers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from embargo.catalog.importing import ImportReport, import_paths
    from embargo.catalog.records import abstract_to_record, record_to_abstract
    from embargo.catalog.store import Catalog

__all__ = ["Catalog", "ImportReport", "abstract_to_record", "import_paths",
           "record_to_abstract"]

_WHERE = {"Catalog": "store", "ImportReport": "importing", "import_paths": "importing",
          "abstract_to_record": "records", "record_to_abstract": "records"}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(f"embargo.catalog.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'embargo.catalog' has no attribute {name!r}")
