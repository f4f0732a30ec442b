"""Excel in and out: the scenario workbook (template and import) and the rota workbook.

- ``scenario_workbook``: write a scenario template or a filled scenario workbook, and read
  one back into the same plain data a scenario TOML holds (errors name sheet, row, column).
- ``rota_workbook``: the printable turnus grid plus coverage, changes, cost and rules sheets.
- ``rota_import``: read the hand-edited turnus grid back into a rota.
- ``toml_write``: a small TOML writer (``tomllib`` only reads).
- ``safe_read``: every workbook is opened through it: file and zip checks, bounded sheets.

Presentation only: nothing here builds a model or judges a rule; the rota engine does.
"""
