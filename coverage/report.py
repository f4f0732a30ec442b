"""Coverage report for any rota: per slot, per ISO week, per service target, per person.

Data in, data out: ``coverage_report(scenario, rota)`` returns plain rows; the CLI prints
them with ``format_report`` and writes them with ``write_csv``. The per-slot rows and the
service level reuse ``roster.rota_build`` so a report and a rota file never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from roster import safe_io
from roster.rota import Assignment, Rota
from roster.rota_build import coverage_rows, opened_units, service_level, staff_rows
from roster.scenario import EVENING_NIGHT_KINDS, Scenario
from roster.slots import SlotTable, on_duty, slot_counts
from roster.vocabulary import num, period_words, priority_word, target_words, weekday_short

EVENING_KINDS = EVENING_NIGHT_KINDS


@dataclass
class CoverageReport:
    """Rows of a coverage report (each a plain dict, ready for CSV or JSON)."""

    slots: list[dict]
    weeks: list[dict]
    service: list[dict]
    staff: list[dict]

    def to_json(self) -> dict:
        return {"slots": self.slots, "weeks": self.weeks, "service": self.service,
                "staff": self.staff}


def _slot_rows(scenario: Scenario, table: SlotTable, assignments: list[Assignment]) -> list[dict]:
    people = on_duty(assignments)
    skills_of = {p.id: set(p.skills) for p in scenario.staff}
    rows = []
    for slot, row in zip(table.slots, coverage_rows(table, assignments), strict=True):
        who = people.get((slot.date, slot.shift), [])
        skill_cover = []
        skill_ok = True
        for skill, need in slot.req.skills.items():
            have = sum(1 for sid in who if skill in skills_of.get(sid, ()))
            skill_cover.append(f"{skill} {have}/{need}")
            if row["open"] and have < need:
                skill_ok = False
        rows.append({
            "date": row["date"], "weekday": slot.date.strftime("%a"), "day_type": row["day_type"],
            "shift": row["shift"], "priority": row["priority"], "min": row["min"],
            "required": row["required"], "assigned": row["assigned"], "open": row["open"],
            "short": max(0, row["required"] - row["assigned"]),
            "skills": "; ".join(skill_cover), "skills_ok": skill_ok, "staff": " ".join(sorted(who)),
        })
    return rows


def _week_rows(scenario: Scenario, table: SlotTable, assignments: list[Assignment]) -> list[dict]:
    """Per ISO week: evenings, weekends and holidays opened, against the targets that are
    set per week (or for every occurrence); monthly targets are in the service rows."""
    shifts = {s.code: s for s in scenario.shifts}
    opened = opened_units(table, assignments)
    weeks: dict[tuple[int, int], dict] = {}

    def week(date: dt.date) -> dict:
        key = date.isocalendar()[:2]
        return weeks.setdefault(key, {
            "week": f"{key[0]}-W{key[1]:02d}", "evenings_opened": 0, "evenings_target": 0,
            "weekends_opened": 0, "weekends_target": 0, "holidays_covered": 0, "holidays": 0,
            "base_slots": 0, "base_short": 0})

    for d in table.days:
        week(d.date)
    for g in table.target_groups:
        first = table.units[g.units[0]][0]
        is_weekend = g.req.unit == "weekend"
        is_evening = not is_weekend and shifts[g.req.shift].kind in EVENING_KINDS
        if g.period[0] in ("unit", "week"):
            w = week(first.date)
            if is_weekend:
                w["weekends_target"] += g.target
            elif is_evening:
                w["evenings_target"] += g.target
        for key in g.units:
            if not opened.get(key):
                continue
            w = week(table.units[key][0].date)
            if is_weekend:
                w["weekends_opened"] += 1
            elif is_evening:
                w["evenings_opened"] += 1
    count = slot_counts(assignments)
    for slot in table.slots:
        w = week(slot.date)
        n = count[(slot.date, slot.shift)]
        if slot.day.is_holiday:
            w["holidays"] += 1
            w["holidays_covered"] += n >= slot.min_staff
        if slot.priority == "base":
            w["base_slots"] += 1
            w["base_short"] += n < slot.min_staff
    return [weeks[k] for k in sorted(weeks)]


def _service_rows(table: SlotTable, assignments: list[Assignment]) -> list[dict]:
    rows = []
    for s in service_level(table, assignments):
        for p in s["periods"]:
            rows.append({"requirement": s["requirement"], "shift": s["shift"],
                         "target_rule": s["target"], "period": p["period"], "target": p["target"],
                         "opened": p["opened"], "met": p["opened"] >= p["target"]})
    return rows


def _staff_rows(scenario: Scenario, table: SlotTable, assignments: list[Assignment]) -> list[dict]:
    """Each person's hours, evenings, weekends and holidays against their share of the
    total (share = their contract hours for the period / everyone's; absences count)."""
    rows = staff_rows(scenario, table, assignments)
    total_target = sum(r["target_hours"] for r in rows) or 1.0
    totals = {k: sum(r[k] for r in rows) for k in ("planned_hours", "evenings", "weekend_days",
                                                   "holidays")}
    out = []
    for r in rows:
        share = r["target_hours"] / total_target
        out.append({
            "id": r["id"], "name": r["name"], "fte": r["fte"], "share": round(share, 4),
            "target_hours": r["target_hours"], "min_hours": r["min_hours"],
            "max_hours": r["max_hours"], "planned_hours": r["planned_hours"],
            "evenings": r["evenings"], "evenings_share": round(share * totals["evenings"], 2),
            "weekend_days": r["weekend_days"],
            "weekend_days_share": round(share * totals["weekend_days"], 2),
            "holidays": r["holidays"], "holidays_share": round(share * totals["holidays"], 2),
        })
    return out


def coverage_report(scenario: Scenario, rota: Rota | list[Assignment]) -> CoverageReport:
    """The coverage report of a rota (or a plain list of assignments) for its scenario."""
    assignments = rota.assignments if isinstance(rota, Rota) else list(rota)
    table = SlotTable(scenario)
    return CoverageReport(slots=_slot_rows(scenario, table, assignments),
                          weeks=_week_rows(scenario, table, assignments),
                          service=_service_rows(table, assignments),
                          staff=_staff_rows(scenario, table, assignments))


CSV_NAMES = ("coverage_slots.csv", "coverage_weeks.csv", "coverage_service.csv",
             "coverage_staff.csv")


def csv_texts(report: CoverageReport) -> dict[str, str]:
    """The four CSV files by name, as text with every cell neutralised (a staff name like
    ``=HYPERLINK(...)`` stays text in a spreadsheet). A table without rows is an empty file."""
    tables = (report.slots, report.weeks, report.service, report.staff)
    return {name: safe_io.dict_csv_text(list(rows[0]), rows) if rows else ""
            for name, rows in zip(CSV_NAMES, tables, strict=True)}


def write_csv(report: CoverageReport, out: Path) -> list[Path]:
    """Write coverage_slots.csv, coverage_weeks.csv, coverage_service.csv and
    coverage_staff.csv into ``out`` (atomically, owner-only); returns the paths."""
    return [safe_io.write_text(Path(out) / name, text) for name, text in csv_texts(report).items()]


def format_report(report: CoverageReport, lang: str = "en") -> str:
    """The report as plain text: short slots, weeks, service targets, staff."""
    if lang == "nb":
        return _format_report_nb(report)
    lines = []
    short = [r for r in report.slots if r["short"] or not r["skills_ok"]]
    opened = sum(1 for r in report.slots if r["open"])
    lines.append(f"Slots: {len(report.slots)} ({opened} opened), {len(short)} short of their "
                 "minimum or skills")
    for r in short:
        lines.append(f"  {r['date']} {r['weekday']} {r['shift']:<3} {r['priority']:<7} "
                     f"{r['assigned']} of {r['required']}" + (f"  skills {r['skills']}"
                                                               if r["skills"] else ""))
    lines.append("Weeks:            evenings   weekends   holidays   base short")
    for w in report.weeks:
        ev = f"{w['evenings_opened']}/{w['evenings_target']}"
        we = f"{w['weekends_opened']}/{w['weekends_target']}"
        ho = f"{w['holidays_covered']}/{w['holidays']}"
        lines.append(f"  {w['week']:<14} {ev:>9} {we:>10} {ho:>10} {w['base_short']:>12}")
    lines.append("Service targets (opened/target per period):")
    by_req: dict[str, list[dict]] = defaultdict(list)
    for r in report.service:
        by_req[f"{r['requirement']} ({r['shift']}, {r['target_rule']})"].append(r)
    for name, rows in by_req.items():
        missed = [r for r in rows if not r["met"]]
        parts = ", ".join(f"{r['period']} {r['opened']}/{r['target']}" for r in rows)
        if len(parts) > 80:
            parts = f"{sum(r['opened'] for r in rows)}/{sum(r['target'] for r in rows)} in all"
        lines.append(f"  {name}: {parts}" + (f"  MISSED in {len(missed)}" if missed else ""))
    lines.append("Staff:        share  hours (band)            evenings   weekend days  holidays"
                 "   (actual/share)")
    for s in report.staff:
        band = f"{s['planned_hours']:.1f} ({s['min_hours']:.0f}-{s['max_hours']:.0f})"
        lines.append(f"  {s['id']:<10} {s['share'] * 100:5.1f}% {band:<22} "
                     f"{s['evenings']:>3}/{s['evenings_share']:<5.1f} "
                     f"{s['weekend_days']:>6}/{s['weekend_days_share']:<5.1f} "
                     f"{s['holidays']:>5}/{s['holidays_share']:<4.1f}")
    return "\n".join(lines)


def _week_nb(label: str) -> str:
    """'2027-W02' -> '2027 uke 2'."""
    year, _, week = label.partition("-W")
    return f"{year} uke {int(week)}" if week.isdigit() else label


def _format_report_nb(report: CoverageReport) -> str:
    """``format_report`` in bokmål."""
    nb = "nb"
    lines = []
    short = [r for r in report.slots if r["short"] or not r["skills_ok"]]
    opened = sum(1 for r in report.slots if r["open"])
    lines.append(f"Vakter: {len(report.slots)} ({opened} åpnet), {len(short)} under minimum eller "
                 "uten nødvendig kompetanse")
    for r in short:
        day = weekday_short(dt.date.fromisoformat(str(r["date"])), nb)
        lines.append(f"  {r['date']} {day} {r['shift']:<3} {priority_word(r['priority'], nb):<9} "
                     f"{r['assigned']} av {r['required']}" + (f"  kompetanse {r['skills']}"
                                                              if r["skills"] else ""))
    lines.append("Uker:             kvelder    helger     helligdager  grunnvakter under minimum")
    for w in report.weeks:
        ev = f"{w['evenings_opened']}/{w['evenings_target']}"
        we = f"{w['weekends_opened']}/{w['weekends_target']}"
        ho = f"{w['holidays_covered']}/{w['holidays']}"
        lines.append(f"  {_week_nb(w['week']):<14} {ev:>9} {we:>10} {ho:>12} {w['base_short']:>12}")
    lines.append("Tjenestemål (åpnet/mål per periode):")
    by_req: dict[str, list[dict]] = defaultdict(list)
    for r in report.service:
        by_req[f"{r['requirement']} ({r['shift']}, {target_words(r['target_rule'], nb)})"].append(r)
    for name, rows in by_req.items():
        missed = [r for r in rows if not r["met"]]
        parts = ", ".join(f"{period_words(r['period'], nb)} {r['opened']}/{r['target']}" for r in rows)
        if len(parts) > 80:
            parts = f"{sum(r['opened'] for r in rows)}/{sum(r['target'] for r in rows)} i alt"
        lines.append(f"  {name}: {parts}" + (f"  IKKE NÅDD i {len(missed)}" if missed else ""))
    lines.append("Ansatte:      andel  timer (bånd)             kvelder    helgedager  helligdager"
                 "   (faktisk/andel)")
    for s in report.staff:
        band = (f"{num(s['planned_hours'], nb)} ({num(s['min_hours'], nb, '.0f')}-"
                f"{num(s['max_hours'], nb, '.0f')})")
        lines.append(f"  {s['id']:<10} {num(s['share'] * 100, nb):>5} % {band:<22} "
                     f"{s['evenings']:>3}/{num(s['evenings_share'], nb):<5} "
                     f"{s['weekend_days']:>6}/{num(s['weekend_days_share'], nb):<5} "
                     f"{s['holidays']:>5}/{num(s['holidays_share'], nb):<4}")
    return "\n".join(lines)
