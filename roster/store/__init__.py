"""A local SQLite store of units, scenario versions and published rotas (issue 8).

``Store(path)`` is the API for the CLI and the front end; see docs/store.md.
"""

from roster.store.db import DEFAULT_DB, ENV_DB, StoreError, db_path
from roster.store.store import ForgetReport, PublishResult, RotaRecord, Store, UnitInfo

__all__ = ["DEFAULT_DB", "ENV_DB", "ForgetReport", "PublishResult", "RotaRecord", "Store",
           "StoreError", "UnitInfo", "db_path"]
