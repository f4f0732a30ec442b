"""Moved to :mod:`roster.nb_messages` (the CLI says its errors in bokmål with it too); the
app and its tests import it from here."""

from roster.nb_messages import KEYS, SECTIONS, message, place, rota_problem, toml_error, translate, where

__all__ = ["KEYS", "SECTIONS", "message", "place", "rota_problem", "toml_error", "translate", "where"]
