"""The TOML writer: what it writes reads back the same with tomllib."""

import datetime as dt
import tomllib

import pytest
from conftest import DATA

from roster.excel.toml_write import dumps, value


@pytest.mark.parametrize("path", sorted(DATA.glob("*.toml")), ids=lambda p: p.name)
def test_every_example_scenario_reads_back_unchanged(path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert tomllib.loads(dumps(data)) == data


def test_awkward_text_dates_and_inline_tables_read_back():
    data = {
        "scenario": {"name": 'Kari "K" \\ Nordmann\nlinje 2\t', "unit": "Bø i Telemark æøå"},
        "period": {"start": dt.date(2027, 1, 1), "end": dt.date(2027, 1, 31)},
        "rules": {"weekly_hours": {"turnus": 35.5}, "forbidden_successions": [["N", "D"]]},
        "coverage": [{"shift": "A", "open": {"count": 4, "per": "week"}, "skills": {"sykepleier": 1}}],
        "extra": {"key with space": True, "ratio": 1e-9, "big": 10**12},
    }
    text = dumps(data, header="made by a test\nsecond line")
    assert text.startswith("# made by a test\n# second line\n")
    assert tomllib.loads(text) == data


def test_values_are_written_in_toml_syntax():
    assert value(dt.date(2027, 1, 15)) == "2027-01-15"
    assert value(True) == "true"
    assert value({"count": 4, "per": "week"}) == '{ count = 4, per = "week" }'
    with pytest.raises(TypeError):
        value(object())


def test_every_control_character_is_escaped_and_reads_back():
    text = "".join(chr(i) for i in range(0x20)) + "\x7f \u0085 \u2028 \ufeff \"quoted\" back\\slash"
    data = {"staff": [{"id": "s01", "name": text, "note\x01key": text}]}
    written = dumps(data)
    assert "\x7f" not in written and "\x00" not in written
    assert tomllib.loads(written) == data


def test_a_lone_surrogate_and_control_characters_in_the_header_still_give_valid_toml():
    data = {"scenario": {"name": "a\ud800b"}}
    written = dumps(data, header="imported from bad\x01name\x1b.xlsx")
    written.encode("utf-8")  # writable as UTF-8
    assert tomllib.loads(written) == {"scenario": {"name": "a\ufffdb"}}
    assert written.startswith("# imported from bad?name?.xlsx\n")
