"""consecutive_nights: at most N night shifts in a row (the rule pack: 3), counting the
previous rota; a day shift or a day off ends a run."""

from builders import DAY, NIGHT, rota_of, scenario
from conftest import DATA
from verifier import allowed, breaches

from roster.cli.main import main
from roster.rota_build import build_rota
from roster.rulepack import DEFAULT_RULE_PACK, load_rule_pack
from roster.scenario_load import load_scenario

ID = "consecutive_nights"
EVERY_DAY = ["weekday", "saturday", "sunday"]


def nights_and_days(**rules):
    cov = [{"shift": c, "days": EVERY_DAY, "min_staff_if_open": 1} for c in ("N", "D")]
    return scenario(staff=1, days=7, shifts=[DAY, NIGHT], coverage=cov, rules=rules)


def rota(codes: str, first: int = 4) -> list[tuple[str, str, str]]:
    """'NNN-NN': one letter a day from Monday 4 Jan, '-' for a day off."""
    return [("p1", f"2027-01-{first + i:02d}", c) for i, c in enumerate(codes) if c != "-"]


def test_the_rule_pack_allows_three_nights_in_a_row_and_not_four():
    s = nights_and_days()
    assert s.rules.max_consecutive_nights == 3
    assert allowed(s, ID, rota("NNN-NNN"))
    assert not allowed(s, ID, rota("NNNN"))


def test_a_day_shift_ends_a_run_of_nights():
    s = nights_and_days()
    assert allowed(s, ID, rota("NNNDNNN"))
    assert breaches(s, ID, rota("NNNDNNN")) == []


def test_the_previous_rota_counts():
    s = nights_and_days()
    weekend_nights = [("p1", "2027-01-02", "N"), ("p1", "2027-01-03", "N")]
    assert not allowed(s, ID, rota("NN"), history=weekend_nights)
    assert allowed(s, ID, rota("N-N"), history=weekend_nights)
    assert [b.date.isoformat() for b in breaches(s, ID, rota("NN"), history=weekend_nights)] == ["2027-01-05"]


def test_the_check_reports_the_run():
    s = nights_and_days()
    found = breaches(s, ID, rota("NNNNN-D"))
    assert [(b.staff, b.date.isoformat()) for b in found] == [("p1", "2027-01-08")]
    assert found[0].en == ("Person 1: 5 night shifts in a row (Monday 4 Jan 2027 to Friday 8 Jan 2027); "
                           "at most 3")
    assert found[0].nb == ("Person 1: 5 nattevakter på rad (mandag 4. jan 2027 til fredag 8. jan 2027); "
                           "høyst 3")


def test_the_rule_pack_gives_the_default_and_says_the_law_has_no_number():
    assert load_rule_pack()["max_consecutive_nights"] == 3
    text = DEFAULT_RULE_PACK.read_text(encoding="utf-8")
    assert "sets no number of night shifts in a row" in text and "Arbeidstilsynet" in text


def test_a_person_s_own_limit_wins():
    s = scenario(staff=[{"id": "p1", "name": "A", "rules": {"max_consecutive_nights": 1}}], days=3,
                 shifts=[DAY, NIGHT], coverage=[{"shift": "N", "days": EVERY_DAY, "min_staff_if_open": 1}])
    assert not allowed(s, ID, rota("NN"))
    assert allowed(s, ID, rota("N-N"))


def test_roster_check_catches_a_hand_edited_rota_with_five_nights_in_a_row(tmp_path, capsys):
    storgata = DATA / "storgata-bofellesskap.toml"
    s = load_scenario(storgata)
    night_worker = next(p.id for p in s.staff if "D" in p.cannot_work)
    rows = [(night_worker, f"2027-12-{d:02d}", "N") for d in range(6, 11)]
    build_rota(s, rota_of(s, rows), status="feasible").save(tmp_path / "rota.json")
    assert main(["check", str(storgata), str(tmp_path / "rota.json")]) == 1
    out = capsys.readouterr().out
    assert "consecutive_nights" in out and "5 night shifts in a row" in out
