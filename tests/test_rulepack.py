import pytest

from roster.errors import ScenarioError
from roster.rulepack import DEFAULT_RULE_PACK, load_rule_pack
from roster.scenario import Rules


def test_norwegian_defaults_and_their_sources():
    pack = load_rule_pack()
    assert pack["min_rest_hours"] == 11  # AML § 10-8 (1)
    assert pack["weekly_rest_hours"] == 35  # AML § 10-8 (2)
    assert pack["max_consecutive_days"] == 6  # practice; the law has no number
    assert pack["weekend_every"] == 3
    assert pack["notice_days"] == 14  # AML § 10-3
    assert dict(pack["weekly_hours"]) == {"day": 37.5, "turnus": 35.5, "round_the_clock": 33.6}
    text = DEFAULT_RULE_PACK.read_text(encoding="utf-8")
    for source in ("§ 10-8 (1)", "§ 10-8 (2)", "§ 10-8 (4)", "§ 10-3", "§ 10-4", "§ 10-5",
                   "no maximum number of consecutive"):
        assert source in text


def test_the_dataclass_defaults_match_the_pack():
    pack = load_rule_pack()
    rules = Rules()
    for key in ("min_rest_hours", "weekly_rest_hours", "max_consecutive_days", "weekend_every",
                "hours_tolerance", "turnus_type", "notice_days", "max_hours_per_7_days"):
        assert getattr(rules, key) == pack[key], key
    assert rules.hours_per_week == 35.5


def test_a_broken_rule_pack_is_reported(tmp_path):
    bad = tmp_path / "rules.toml"
    bad.write_text("[rules]\nmin_rest = 11\n")
    with pytest.raises(ScenarioError, match="unknown rule name"):
        load_rule_pack(bad)
