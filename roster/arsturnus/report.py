"""What an årsturnus says: ``arsturnus.json`` (documented in docs/arsturnus.md) and the
printed summary in bokmål or English."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from roster import vocabulary
from roster.arsturnus.build import YearResult
from roster.arsturnus.history import OCCASIONS

FORMAT = "arsturnus/1"
STATUS_NB = vocabulary.STATUS_NB  # the product's one table of status words
REASONS_NB = {"vacation": "ferie", "absence": "fravær", "closed": "vakta går ikke",
              "above_max": "over dagens maksimum", "fixed_day_off": "fast fridag",
              "vacant": "ledig linje"}
REASONS_EN = {"vacation": "vacation", "absence": "absence", "closed": "shift not run",
              "above_max": "above the day's maximum", "fixed_day_off": "fixed day off",
              "vacant": "vacant line"}


def report(result: YearResult, *, unit: str, scenario_file: str, grunnturnus_file: str,
           plan_file: str, weeks: int, cycle_start: dt.date, folders: Sequence[Path]) -> dict:
    """``arsturnus.json``."""
    plan = result.plan
    ent = plan.entitlement
    holidays = [p for p in result.periods if p.kind == "holiday"]
    covers = [p for p in result.periods if p.kind == "cover"]
    return {
        "format": FORMAT, "year": plan.year, "unit": unit,
        "status": "feasible" if result.ok else "infeasible",
        "seconds": round(result.seconds, 2),
        "inputs": {"scenario": scenario_file, "grunnturnus": grunnturnus_file, "plan": plan_file,
                   "weeks": weeks, "cycle_start": cycle_start.isoformat()},
        "holiday_plans": [p.to_json() for p in holidays],
        "cover_weeks": [p.to_json() for p in covers],
        "months": [{"month": m.label, "folder": str(f), "status": m.rota.status,
                    "shifts": len(m.rota.assignments), "errors": len(m.rota.errors()),
                    "warnings": len(m.rota.violations) - len(m.rota.errors())}
                   for m, f in zip(result.months, folders, strict=True)],
        "entitlement": {"days": ent.days, "tariff_days": ent.tariff_days, "main_days": ent.main_days,
                        "senior_days": ent.senior_days, "seniors": list(ent.seniors)},
        "vacations": [v.to_json() for v in result.vacations],
        "vikarer": [{"id": v.id, "name": v.name, "fte": v.fte, "skills": list(v.skills),
                     "start": v.start.isoformat(), "end": v.end.isoformat()} for v in plan.vikarer],
        "hours_tolerance": result.tolerance,
        "hours": result.hours,
        "holiday_work": result.holiday_work,
        "history": {"years": plan.history_years, "sources": result.history_sources,
                    "weighted": result.history.to_json()},
        "dropped": dict(sorted(Counter(d["reason"] for d in result.dropped).items())),
        "warnings": result.warnings,
    }


TEXT = {
    "en": {"head": "Årsturnus {year} for {unit}: grunnturnus of {weeks} weeks from {start}, "
                   "{plans} holiday plan(s), {covers} week(s) re-planned, {vac} vacation(s)",
           "status": "Status: {status}; {ok} of 12 months keep every hard rule and base minimum "
                     "({seconds:.1f} s)",
           "plans": "Planned periods (the planner, with the rolled days around them fixed):",
           "plan": "  {name:<14} {start}..{end}  service {service:<8} {status:<10} {seconds:5.1f} s, "
                   "{changed} cells changed from the rolled rota",
           "months": "Months (each checked with the month before as history):",
           "month": "  {month}: {status}, {shifts} shifts{errors}",
           "errors": ", {n} hard breach(es): {what}",
           "dropped": "Rolled shifts taken off: {what}",
           "hours": "Annual hours (årsarbeidstid), owed / planned / plus-minus, tolerance ±{tol:g} h:",
           "person": "  {id:<6} {name:<22} {fte:>4.0%} {owed:8.1f} {planned:8.1f} {diff:+7.1f}{flag}",
           "flag": "  outside the tolerance",
           "range": "Plus/minus over the year: {lo:+.1f} to {hi:+.1f} h; {n} outside ±{tol:g} h",
           "holidays": "Holiday work this year (occasions; history weighted):",
           "holiday": "  {id:<6} {count} {occ}{hist}",
           "hist": "  [history {h:g}]",
           "history": "History: {text}",
           "nohistory": "History: none given (--unit with a store, or --history)",
           "warn": "Note: {text}",
           "left": "{people}: {days} vacation days (virkedager) entered of the {owed} owed; "
                   "{left} left to place",
           "check": "Check a month: roster check {dir}/scenario.toml {dir}/rota.json",
           "wrote": "Wrote {files}"},
    "nb": {"head": "Årsturnus {year} for {unit}: grunnturnus på {weeks} uker fra {start}, "
                   "{plans} høytidsplan(er), {covers} uke(r) planlagt på nytt, {vac} ferie(r)",
           "status": "Status: {status}; {ok} av 12 måneder holder alle harde regler og "
                     "grunnbemanning ({seconds:.1f} s)",
           "plans": "Planlagte perioder (planleggeren, med de rullerte dagene rundt låst):",
           "plan": "  {name:<14} {start}..{end}  nivå {service:<8} {status:<10} {seconds:5.1f} s, "
                   "{changed} celler endret fra rullert turnus",
           "months": "Måneder (hver sjekket med måneden før som historikk):",
           "month": "  {month}: {status}, {shifts} vakter{errors}",
           "errors": ", {n} brudd på harde regler: {what}",
           "dropped": "Rullerte vakter tatt bort: {what}",
           "hours": "Årsarbeidstid, skyldig / planlagt / pluss-minus, toleranse ±{tol:g} t:",
           "person": "  {id:<6} {name:<22} {fte:>4.0%} {owed:8.1f} {planned:8.1f} {diff:+7.1f}{flag}",
           "flag": "  utenfor toleransen",
           "range": "Pluss/minus over året: {lo:+.1f} til {hi:+.1f} t; {n} utenfor ±{tol:g} t",
           "holidays": "Høytidsarbeid i år (anledninger; historikk vektet):",
           "holiday": "  {id:<6} {count} {occ}{hist}",
           "hist": "  [historikk {h:g}]",
           "history": "Historikk: {text}",
           "nohistory": "Historikk: ingen oppgitt (--unit med database, eller --history)",
           "warn": "Merk: {text}",
           "left": "{people}: {days} feriedager (virkedager) lagt inn av {owed}; {left} igjen å "
                   "legge inn",
           "check": "Sjekk en måned: roster check {dir}/scenario.toml {dir}/rota.json",
           "wrote": "Skrev {files}"},
}
SERVICE_NB = {"scenario": "vanlig", "weekend": "helg", "sunday": "søndag"}
SERVICE_EN = {"scenario": "as set", "weekend": "weekend", "sunday": "Sunday"}


def rule_label(rule: str, lang: str) -> str:
    """A rule's name in the summary's language (its id if the catalogue does not know it)."""
    from roster.rules.catalogue import unit

    try:
        return unit(rule).label(lang)
    except (KeyError, ValueError, LookupError):
        return rule


class _Comma(float):
    """A number that formats with a decimal comma (bokmål): f"{_Comma(7.5):.1f}" -> '7,5'."""

    def __format__(self, spec: str) -> str:
        return format(float(self), spec).replace(".", ",")


def summary(result: YearResult, unit: str, weeks: int, cycle_start: dt.date, lang: str = "nb") -> str:
    t = TEXT[lang]
    nb = lang == "nb"

    def dec(x: float) -> float:
        return _Comma(x) if nb else x
    holidays = [p for p in result.periods if p.kind == "holiday"]
    covers = [p for p in result.periods if p.kind == "cover"]
    ok = sum(1 for m in result.months if m.rota.status in ("optimal", "feasible"))
    status = "feasible" if result.ok else "infeasible"
    out = [t["head"].format(year=result.plan.year, unit=unit, weeks=weeks, start=cycle_start,
                            plans=len(holidays), covers=len(covers), vac=len(result.vacations)),
           t["status"].format(status=STATUS_NB.get(status, status) if nb else status, ok=ok,
                              seconds=dec(result.seconds))]
    if result.periods:
        out.append(t["plans"])
        for p in result.periods:
            service = (SERVICE_NB if nb else SERVICE_EN).get(p.plan.service, p.plan.service)
            name = p.plan.name if nb or p.kind != "cover" else p.plan.name.replace("uke", "week")
            out.append(t["plan"].format(name=name, start=p.plan.start, end=p.plan.end,
                                        service=service,
                                        status=STATUS_NB.get(p.status, p.status) if nb else p.status,
                                        seconds=dec(p.seconds), changed=p.changed))
    out.append(t["months"])
    for m in result.months:
        errs = m.rota.errors()
        what = ", ".join(f"{rule_label(r, lang)} {n}"
                         for r, n in Counter(str(v.get("rule")) for v in errs).items())
        out.append(t["month"].format(month=m.label,
                                     status=STATUS_NB.get(m.rota.status, m.rota.status) if nb
                                     else m.rota.status, shifts=len(m.rota.assignments),
                                     errors=t["errors"].format(n=len(errs), what=what) if errs else ""))
    if result.dropped:
        names = REASONS_NB if nb else REASONS_EN
        counts = Counter(d["reason"] for d in result.dropped)
        what = ", ".join(f"{n} {names.get(r, r)}" for r, n in sorted(counts.items()))
        out.append(t["dropped"].format(what=what))
    out.append(t["hours"].format(tol=dec(result.tolerance)))
    for h in result.hours:
        if h.get("vikar"):
            continue
        out.append(t["person"].format(id=h["staff"], name=h["name"][:22], fte=h["fte"],
                                      owed=dec(h["owed_hours"]), planned=dec(h["planned_hours"]),
                                      diff=dec(h["difference"]),
                                      flag=t["flag"] if h["outside_tolerance"] else ""))
    diffs = [h["difference"] for h in result.hours if not h.get("vikar")]
    if diffs:
        out.append(t["range"].format(lo=dec(min(diffs)), hi=dec(max(diffs)), tol=dec(result.tolerance),
                                     n=sum(1 for h in result.hours if h["outside_tolerance"])))
    out.append(t["holidays"])
    for sid, w in result.holiday_work.items():
        if not w["count"] and not w["history"]:
            continue
        occ = ", ".join(OCCASIONS[o["occasion"]][0 if nb else 1] for o in w["occasions"])
        out.append(t["holiday"].format(id=sid, count=w["count"], occ=f"({occ})" if occ else "",
                                       hist=t["hist"].format(h=dec(w["history"])) if w["history"] else ""))
    key = "text_nb" if nb else "text"
    if result.history_sources:
        for s in result.history_sources:
            out.append(t["history"].format(text=s[key]))
    else:
        out.append(t["nohistory"])
    # "left to place" once per figure, with the people it is true for
    left: dict[tuple[int, int], list[str]] = {}
    for w in result.warnings:
        if w.get("kind") == "left_to_place":
            left.setdefault((w["days"], w["owed"]), []).append(w["staff"])
        else:
            out.append(t["warn"].format(text=w[key]))
    for (days, owed), people in sorted(left.items()):
        out.append(t["warn"].format(text=t["left"].format(people=", ".join(people), days=days,
                                                          owed=owed, left=owed - days)))
    return "\n".join(out)
