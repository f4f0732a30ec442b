"""Refresh the committed files that are generated from the code: the rules table in
docs/rules.md (from the rule catalogue) and the Excel scenario templates.

    .venv/bin/python tools/generated.py

Tests fail when these are stale (tests/test_rule_catalogue.py, tests/test_excel_scenario.py).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from roster.cli.main import main as roster  # noqa: E402
from roster.rules.catalogue import markdown_table  # noqa: E402

RULES_MD = ROOT / "docs" / "rules.md"
TABLE = re.compile(r"(<!-- The table between these markers is generated[^\n]*-->\n).*?(\n<!-- end of the "
                   r"generated table -->)", re.S)


def main() -> int:
    text = RULES_MD.read_text(encoding="utf-8")
    new, found = TABLE.subn(lambda m: m.group(1) + markdown_table() + m.group(2), text)
    if found != 1:
        print(f"{RULES_MD}: the generated-table markers are missing")
        return 1
    RULES_MD.write_text(new, encoding="utf-8")
    print(f"Wrote {RULES_MD.relative_to(ROOT)} (the rules table)")
    templates = ROOT / "templates"
    example = templates / "example-fredrikstad-mat.xlsx"
    code = (roster(["template", "--out", str(templates / "scenario.xlsx"), "--force"])
            or roster(["template", "--from", str(ROOT / "data" / "fredrikstad-mat.toml"),
                       "--out", str(example), "--force"]))
    example.chmod(0o644)  # the bundled example's made-up people: readable like the other files
    return code


if __name__ == "__main__":
    sys.exit(main())
