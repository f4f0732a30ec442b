"""The rota's true status (issue 15, item 2; docs/adr/0006-true-status.md): a rota with a
hard-rule breach or a base shift short is never `optimal` or `feasible`; the verdict and
the summary say why; `solve`/`replan` exit 4 with the rota written."""

import json

from builders import DAY, EVENING, NIGHT, rota_of, scenario
from test_replan import TINY_TOML

from roster.cli.main import main
from roster.rota import Rota
from roster.rota_build import build_rota
from roster.summary import format_rota_summary

MON, TUE = "2027-01-04", "2027-01-05"
STAFF = [{"id": "n1", "name": "Nurse", "skills": ["nurse"]},
         *[{"id": f"p{i}", "name": f"P{i}"} for i in range(2, 7)]]
COVER = [{"shift": "D", "dates": [MON, TUE], "min_staff_if_open": 3, "skills": {"nurse": 1}},
         {"shift": "A", "dates": [MON, TUE], "min_staff_if_open": 2},
         {"shift": "N", "dates": [MON, TUE], "min_staff_if_open": 1}]


def short_case():
    # Monday: D 2 of 3 (with the nurse), A one alone, N empty; Tuesday: D 3 of 3 without the
    # nurse, A and N at their minimum
    s = scenario(staff=STAFF, days=2, shifts=[DAY, EVENING, NIGHT], coverage=COVER)
    rows = [("n1", MON, "D"), ("p2", MON, "D"), ("p3", MON, "A"),
            ("p2", TUE, "D"), ("p3", TUE, "D"), ("p4", TUE, "D"), ("p5", TUE, "A"), ("p6", TUE, "A"),
            ("n1", TUE, "N")]
    return s, rota_of(s, rows)


def test_a_short_rota_is_infeasible_whatever_the_solver_said():
    s, rows = short_case()
    rota = build_rota(s, rows, status="optimal")
    assert rota.status == "infeasible"
    v = rota.extra["verdict"]
    assert v["solver_status"] == "optimal" and v["hard_breaches"] == 0
    assert v["base_short"] == {"slots": 4, "empty": 1, "alone": 1, "short": 1, "skill": 1, "people": 3,
                               "skill_holders": 1}
    assert v["text"] == ("rota written, but it leaves 4 base shift(s) short (1 empty, 1 with one alone, "
                         "1 below the minimum, 1 without a skill they need; 3 person(s) and 1 skill "
                         "holder(s) missing)")
    assert v["text_nb"].startswith("turnusen er skrevet, men den har 4 grunnvakt(er) som mangler folk")
    # the file keeps to the contract: status one of its four values, read back the same
    back = Rota.from_json(json.loads(json.dumps(rota.to_json())))
    assert back.status == "infeasible" and back.extra["verdict"] == v


def test_the_status_stays_when_the_rota_is_clean_and_error_stays_error():
    s = scenario(staff=2, days=1, coverage=[{"shift": "D", "dates": [MON], "min_staff_if_open": 1}])
    assert build_rota(s, rota_of(s, [("p1", MON, "D")]), status="feasible").status == "feasible"
    assert build_rota(s, rota_of(s, [("p1", MON, "D")]), status="optimal").status == "optimal"
    assert build_rota(s, [], status="error").status == "error"


def test_a_hard_rule_breach_other_than_coverage_is_counted_apart():
    # an 11-hour rest between an evening to 21:00 and a day at 08:00, where 12 are asked:
    # every slot covered, one rest breach
    s = scenario(staff=1, days=2, shifts=[DAY, EVENING], rules={"min_rest_hours": 12},
                 coverage=[{"shift": "A", "dates": [MON], "min_staff_if_open": 1},
                           {"shift": "D", "dates": [TUE], "min_staff_if_open": 1}])
    rota = build_rota(s, rota_of(s, [("p1", MON, "A"), ("p1", TUE, "D")]), status="feasible")
    assert rota.status == "infeasible" and rota.extra["verdict"]["hard_breaches"] == 1
    assert rota.extra["verdict"]["text"] == "rota written, but it leaves 1 other hard-rule breach(es)"


def test_the_summary_starts_with_the_status_and_why():
    s, rows = short_case()
    text = format_rota_summary(build_rota(s, rows, status="optimal",
                                          solver={"stages": [{"stage": "base", "status": "optimal",
                                                              "value": 14.0, "bound": 14.0}]}))
    first = text.splitlines()[0]
    assert first.startswith("Status: infeasible. Rota written, but it leaves 4 base shift(s) short")
    assert first.endswith(": the planner proved this shortfall the least possible")


def test_the_summary_of_a_solve_that_found_no_rota_in_time_says_so():
    # no rota in time: the stage has neither value nor bound; the summary (both languages)
    # says "none" instead of failing, so `roster solve` exits 4 with summary.txt written
    s, _ = short_case()
    stages = [{"stage": "base", "status": "no_solution", "value": None, "bound": None}]
    rota = build_rota(s, [], status="error", solver={"stages": stages})
    en, nb = format_rota_summary(rota, "en"), format_rota_summary(rota, "nb")
    assert en.startswith("Status: error") and "value none, best bound none" in en
    assert nb.startswith("Status: feil") and "verdi ingen, beste grense ingen" in nb


def test_a_stage_left_open_is_said_to_have_used_its_share_of_the_time_limit():
    # each stage gets a share of --time-limit (a polish stage a capped one), so an open stage
    # is not said to have met the whole limit, which may be far from used
    s, rows = short_case()
    stages = [{"stage": "tidiness", "status": "feasible", "value": 4.5, "bound": 1.0}]
    rota = build_rota(s, rows, status="feasible", solver={"stages": stages, "seconds": 6.8})
    en, nb = format_rota_summary(rota, "en"), format_rota_summary(rota, "nb")
    assert ("priority 'tidiness' not proven best: value 4.5, best bound 1.0 (its share of the time "
            "limit used up)") in en
    assert "(stegets del av tidsgrensen brukt opp)" in nb and "(tidsgrensen nådd)" not in nb


def test_solve_and_replan_exit_4_with_the_rota_written(tmp_path):
    toml = tmp_path / "tiny.toml"
    toml.write_text(TINY_TOML, encoding="utf-8")
    assert main(["solve", str(toml), "--out", str(tmp_path / "plan"), "--time-limit", "10"]) == 0
    # p1 and p2 away for the last week: p3 alone every day of it (2 needed)
    code = main(["replan", str(toml), str(tmp_path / "plan" / "rota.json"),
                 "--absent", "p1:2027-01-11:2027-01-17", "--absent", "p2:2027-01-11:2027-01-17",
                 "--out", str(tmp_path / "re"), "--time-limit", "10", "--explain-seconds", "1"])
    assert code == 4
    data = json.loads((tmp_path / "re" / "rota.json").read_text(encoding="utf-8"))
    assert data["status"] == "infeasible" and data["verdict"]["base_short"]["alone"] == 7
    short = toml.read_text(encoding="utf-8").replace("min_staff_if_open = 2\nmax_staff = 2",
                                                     "min_staff_if_open = 4\nmax_staff = 4")
    (tmp_path / "short.toml").write_text(short, encoding="utf-8")
    assert main(["solve", str(tmp_path / "short.toml"), "--out", str(tmp_path / "s"),
                 "--time-limit", "10", "--explain-seconds", "1"]) == 4
    summary = (tmp_path / "s" / "summary.txt").read_text(encoding="utf-8")
    # 3 staff for 14 days of 4: every day one short (3 of 4)
    assert summary.startswith("Status: infeasible. Rota written, but it leaves 14 base shift(s) short "
                              "(0 empty, 0 with one alone, 14 below the minimum")
