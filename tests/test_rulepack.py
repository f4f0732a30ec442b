import pytest

from roster.errors import ScenarioError
from roster.rulepack import DEFAULT_RULE_PACK, load_rule_pack
from roster.rules.catalogue import param, scenario_params
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


def test_the_catalogue_defaults_match_the_pack():
    # a scenario without a rule pack value gets the rule's own default: the same value
    pack = load_rule_pack()
    rules = Rules()
    assert set(pack) <= {p.key for p in scenario_params()}
    for key, value in pack.items():
        assert getattr(rules, key) == param(key).resolve(value), key
    assert rules.hours_per_week == 35.5


def test_an_unknown_rule_value_is_refused_by_the_container():
    with pytest.raises(TypeError, match="unknown rule value"):
        Rules(min_rest=11)


def test_a_broken_rule_pack_is_reported(tmp_path):
    bad = tmp_path / "rules.toml"
    bad.write_text("[rules]\nmin_rest = 11\n")
    with pytest.raises(ScenarioError, match="unknown rule name"):
        load_rule_pack(bad)


@pytest.mark.parametrize("text, where, message", [
    ("[rules]\ncontract = 5\n", "rules.contract", "expected a table [rules.contract], got an integer"),
    ("[rules]\nmin_rest_hours = nan\n", "rules.min_rest_hours", "expected a finite number"),
    ("[rules]\nmax_consecutive_days = 1000000000000\n", "rules.max_consecutive_days",
     "must be between 0 and 366"),
    ("[rules]\nweekend_every = true\n", "rules.weekend_every", "expected a whole number, got true/false"),
    ("[rules]\nturnus_type = \"night\"\n", "rules.turnus_type", "'night' is not one of"),
    ("[rules.weekly_hours]\nturnus = inf\n", "rules.weekly_hours.turnus", "expected hours per week"),
    ("[rules.contract]\nhours_tolerance = -1\n", "rules.hours_tolerance", "must be between 0 and 10000"),
])
def test_every_value_in_a_rule_pack_is_checked(tmp_path, text, where, message):
    pack = tmp_path / "rules.toml"
    pack.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_rule_pack(pack)
    assert [(p.source, p.where) for p in info.value.problems] == [(str(pack), where)]
    assert message in info.value.problems[0].message


@pytest.mark.parametrize("content, message", [
    (b"\xef\xbb\xbf[rules]\nmin_rest_hours = 10\n", None),
    (b"[rules]\nmin_rest_hours = \xff\n", "not UTF-8 text"),
    (b"a = " + b"[" * 5000 + b"]" * 5000, "nested too deeply"),
])
def test_a_rule_pack_file_is_read_safely(tmp_path, content, message):
    pack = tmp_path / "rules.toml"
    pack.write_bytes(content)
    if message is None:
        assert load_rule_pack(pack)["min_rest_hours"] == 10  # a byte-order mark is fine
    else:
        with pytest.raises(ScenarioError, match=message):
            load_rule_pack(pack)
    with pytest.raises(ScenarioError, match="is a folder"):
        load_rule_pack(tmp_path)
