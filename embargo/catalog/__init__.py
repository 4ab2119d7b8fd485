"""The abstract catalogue: storage, importers, look-ups."""

from embargo.catalog.importing import ImportReport, import_paths
from embargo.catalog.records import abstract_to_record, record_to_abstract
from embargo.catalog.store import Catalog

__all__ = ["Catalog", "ImportReport", "abstract_to_record", "import_paths",
           "record_to_abstract"]
