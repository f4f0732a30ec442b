"""Plain-text summaries of a scenario (``roster info``) and of a rota (``roster solve``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from roster.calendar import WEEKDAY_SHORT_EN
from roster.rota import Rota
from roster.rules.coverage import ALONE_WEIGHT, EMPTY_WEIGHT, SHORT_WEIGHT
from roster.rules.passive_duty import duty_words
from roster.scenario import Scenario
from roster.slots import SlotTable
from roster.vocabulary import (
    day_type_word,
    num,
    pick,
    rule_word,
    solver_message,
    stage_word,
    status_word,
    target_words,
    weekday_short,
)


def scenario_info(scenario: Scenario) -> dict:
    """Facts about a scenario: period, staff, hours to cover per day type, holidays."""
    table = SlotTable(scenario)
    shifts = {s.code: s for s in scenario.shifts}
    per_type: dict[str, dict] = defaultdict(lambda: {"days": set(), "slots": 0, "base_hours": 0.0,
                                                     "service_hours_if_open": 0.0})
    for slot in table.slots:
        row = per_type[slot.day.day_type]
        row["days"].add(slot.date)
        row["slots"] += 1
        hours = slot.min_staff * shifts[slot.shift].paid_hours
        if slot.priority == "service":
            row["service_hours_if_open"] += hours
        else:
            row["base_hours"] += hours
    target_hours = 0.0
    for g in table.target_groups:
        slots = [s for k in g.units for s in table.units[k]]
        if slots:
            per_unit = sum(s.min_staff * shifts[s.shift].paid_hours for s in slots) / len(g.units)
            target_hours += per_unit * g.target
    holidays = [(d.date, d.holiday_name) for d in table.days if d.is_holiday]
    eves = [(d.date, d.eve_name) for d in table.days if d.eve_name]
    return {
        "name": scenario.name, "unit": scenario.unit,
        "start": scenario.start, "end": scenario.end, "days": len(table.days),
        "staff": len(scenario.staff), "fte": round(sum(p.fte for p in scenario.staff), 3),
        "shifts": [s.code for s in scenario.shifts], "requirements": len(scenario.requirements),
        "per_day_type": {k: {"days": len(v["days"]), "slots": v["slots"],
                             "base_hours": round(v["base_hours"], 2),
                             "service_hours_if_open": round(v["service_hours_if_open"], 2)}
                         for k, v in per_type.items()},
        "service_hours_at_target": round(target_hours, 2),
        "holidays": holidays, "eves": eves,
        "absences": len(scenario.absences), "wishes": len(scenario.wishes),
        "locks": len(scenario.locks), "rules": scenario.rules.as_contract(),
        "duty": {s.code: words.en for s in scenario.shifts if (words := duty_words(s)) is not None},
        "duty_nb": {s.code: words.nb for s in scenario.shifts if (words := duty_words(s)) is not None},
    }


INFO_TEXT: dict[str, dict] = {
    "en": {
        "period": "Period: {start} to {end} ({days} days)",
        "staff": "Staff: {staff} people, {fte} årsverk (FTE) in the rota",
        "shifts": "Shifts: {shifts}; {requirements} coverage requirements",
        "duty": "  {code}: {said} (passive duty, docs/rules.md)",
        "cover": "Hours to cover (staff-hours at the minimum staffing):",
        "head": ("day type", "days", "slots", "base h", "service h if all open"), "wide": 22,
        "at_target": "Service hours at the opening targets: {hours}",
        "holidays": "Public holidays in the period:", "no_holidays": "Public holidays in the period: none",
        "eves": "Eves (aftener): ",
        "weekend": "weekend every {n}", "no_weekend": "weekend every -",
        "rules": "Rules: rest {rest} h, weekly rest {weekly} h, max {days} days in a row, {weekend}, "
                 "{week} h/week ({turnus})",
        "counts": "Absences: {absences}, wishes: {wishes}, locks: {locks}",
    },
    "nb": {
        "period": "Periode: {start} til {end} ({days} dager)",
        "staff": "Ansatte: {staff} personer, {fte} årsverk i turnusen",
        "shifts": "Vakter: {shifts}; {requirements} bemanningskrav",
        "duty": "  {code}: {said} (passiv tid, docs/rules.md)",
        "cover": "Timer som skal dekkes (timeverk ved minste bemanning):",
        "head": ("dagtype", "dager", "vakter", "grunn t", "tjeneste t om alt åpnes"), "wide": 24,
        "at_target": "Tjenestetimer ved åpningsmålene: {hours}",
        "holidays": "Helligdager i perioden:", "no_holidays": "Helligdager i perioden: ingen",
        "eves": "Aftener: ",
        "weekend": "hver {n}. helg", "no_weekend": "helg: -",
        "rules": "Regler: døgnhvile {rest} t, ukehvile {weekly} t, høyst {days} dager på rad, "
                 "{weekend}, {week} t/uke ({turnus})",
        "counts": "Fravær: {absences}, ønsker: {wishes}, låste dager: {locks}",
    },
}
"""``roster info``'s words per language (the layout is shared: ``format_info``)."""


def format_info(info: dict, lang: str = "en") -> str:
    """``roster info``: the scenario at a glance, in English or bokmål."""
    lang = "nb" if lang == "nb" else "en"
    t = INFO_TEXT[lang]
    r = info["rules"]
    duty = (info.get("duty_nb") or info.get("duty") or {}) if lang == "nb" else info.get("duty", {})
    wide = t["wide"]  # the service column, as wide as its heading and then some
    lines = [
        f"{info['name']} ({info['unit']})",
        t["period"].format(start=info["start"], end=info["end"], days=info["days"]),
        t["staff"].format(staff=info["staff"], fte=num(info["fte"], lang, "g")),
        t["shifts"].format(shifts=", ".join(info["shifts"]), requirements=info["requirements"]),
        *(t["duty"].format(code=code, said=said) for code, said in duty.items()),
        t["cover"],
        "  {:<10} {:>5} {:>6} {:>9} {:>{w}}".format(*t["head"], w=wide),
    ]
    rows, total_b, total_s = _day_type_rows(info)
    for day_type, row in rows:
        lines.append(f"  {day_type_word(day_type, lang):<10} {row['days']:>5} {row['slots']:>6} "
                     f"{num(row['base_hours'], lang):>9} {num(row['service_hours_if_open'], lang):>{wide}}")
    lines.append(f"  {day_type_word('total', lang):<10} {'':>5} {'':>6} {num(total_b, lang):>9} "
                 f"{num(total_s, lang):>{wide}}")
    lines.append(t["at_target"].format(hours=num(info["service_hours_at_target"], lang)))
    if info["holidays"]:
        lines.append(t["holidays"])
        lines += [f"  {d} {_day_short(d, lang)}  {name}" for d, name in info["holidays"]]
    else:
        lines.append(t["no_holidays"])
    if info["eves"]:
        lines.append(t["eves"] + ", ".join(f"{d} {n}" for d, n in info["eves"]))
    weekend = t["weekend"].format(n=r["weekend_every"]) if r["weekend_every"] else t["no_weekend"]
    lines.append(t["rules"].format(rest=num(r["min_rest_hours"], lang, "g"),
                                   weekly=num(r["weekly_rest_hours"], lang, "g"),
                                   days=r["max_consecutive_days"], weekend=weekend,
                                   week=num(r["hours_per_week"], lang, "g"), turnus=r["turnus_type"]))
    lines.append(t["counts"].format(absences=info["absences"], wishes=info["wishes"], locks=info["locks"]))
    return "\n".join(lines)


def _day_short(d: dt.date, lang: str) -> str:
    """'Th' / 'tor': English keeps the two letters the other English reports use."""
    return weekday_short(d, lang) if lang == "nb" else WEEKDAY_SHORT_EN[d.weekday()]


def _day_type_rows(info: dict) -> tuple[list[tuple[str, dict]], float, float]:
    """``roster info``'s hours to cover: the day types present, in calendar order, and the
    base and service totals."""
    rows = [(t, info["per_day_type"][t]) for t in ("weekday", "saturday", "sunday", "holiday", "eve")
            if info["per_day_type"].get(t)]
    return (rows, sum(r["base_hours"] for _, r in rows),
            sum(r["service_hours_if_open"] for _, r in rows))


def _per_full_post(rows: list[dict], key: str) -> tuple[float, float] | None:
    """Range over staff of a count scaled to a full post present all period (so part-time
    posts and absences do not look unfair)."""
    present = [r for r in rows if r.get("target_hours", 0) > 0 and r["fte"] > 0]
    if not present:
        return None
    full = max(r["target_hours"] / r["fte"] for r in present)
    vals = [r[key] * full / r["target_hours"] for r in present]
    return min(vals), max(vals)


def peer_groups(staff: list[dict]) -> dict[tuple[str, ...], list[dict]]:
    """Staff rows grouped by the shifts they may work, groups of two or more only (the
    planner shares evenings, weekends and holidays within such groups)."""
    groups: dict[tuple[str, ...], list[dict]] = {}
    for r in staff:
        groups.setdefault(tuple(r.get("may_work") or ()), []).append(r)
    return {k: v for k, v in sorted(groups.items(), key=lambda kv: -len(kv[1])) if len(v) >= 2}


def _said(row: dict, key: str, lang: str) -> str:
    """A row's text in the language: ``key_nb`` in bokmål when it is there."""
    nb = row.get(f"{key}_nb")
    return nb if lang == "nb" and isinstance(nb, str) and nb else str(row.get(key, ""))


def format_rota_summary(rota: Rota, lang: str = "en") -> str:
    """Status, service level against targets, shortfalls, fairness spread, breaches; in
    English or (``lang="nb"``) bokmål."""
    s = rota.solver or {}
    verdict = rota.extra.get("verdict")
    verdict = verdict if isinstance(verdict, dict) else {}
    said = _said(verdict, "text", lang) if isinstance(verdict.get("text"), str) else ""
    lines = [f"Status: {status_word(rota.status, lang)}" + (f". {said[0].upper()}{said[1:]}" if said else "")]
    lines.append(f"{rota.scenario}: {rota.start} {pick(lang, 'to', 'til')} {rota.end} "
                 f"({s.get('name', '?')}, {num(s.get('seconds', 0), lang)} s)")
    for st in s.get("stages", []):
        if st["status"] != "optimal":
            unit = (pick(lang, f" (weighted: empty {EMPTY_WEIGHT}, one alone {ALONE_WEIGHT}, one "
                               f"short {SHORT_WEIGHT})",
                         f" (vektet: tom vakt {EMPTY_WEIGHT}, én alene {ALONE_WEIGHT}, én for lite "
                         f"{SHORT_WEIGHT})") if st["stage"] == "base" else "")
            value, bound = _number(st.get("value"), lang), _number(st.get("bound"), lang)
            lines.append(pick(lang, f"  priority '{st['stage']}' not proven best: value {value}, "
                                    f"best bound {bound}{unit} (its share of the time limit used up)",
                              f"  prioriteten «{stage_word(st['stage'], lang)}» er ikke bevist best: "
                              f"verdi {value}, beste grense {bound}{unit} "
                              "(stegets del av tidsgrensen brukt opp)"))
    if s.get("message"):
        lines.append(f"  {solver_message(s['message'], lang)}")
    lines.append(pick(lang, "Service level:", "Tjenestenivå:"))
    for sl in rota.extra.get("service_level", []):
        unit = (pick(lang, "weekends", "helger") if sl["unit"] == "weekend"
                else pick(lang, "days", "dager"))
        lines.append(f"  {sl['requirement']} ({sl['shift']}, min {sl['min_staff_if_open']}): "
                     + pick(lang, f"{sl['opened']} of {sl['target_total']} {unit} opened "
                                  f"(target {sl['target']})",
                            f"{sl['opened']} av {sl['target_total']} {unit} åpnet "
                            f"(mål {target_words(sl['target'], lang)})"))
        weekly = [p for p in sl["periods"] if p["period"].startswith("week")]
        if weekly:
            lines.append(pick(lang, "    per week: ", "    per uke: ") + ", ".join(
                f"{p['period'].replace('week ', pick(lang, 'w', 'u'))} {p['opened']}/{p['target']}"
                for p in weekly))
    short = [c for c in rota.coverage if c["priority"] == "base" and c["assigned"] < c["min"]]
    base = [c for c in rota.coverage if c["priority"] == "base"]
    lonely = [c for c in rota.coverage if c["priority"] == "service" and 0 < c["assigned"] < c["min"]]
    lines.append(pick(lang, f"Base coverage: {len(base) - len(short)} of {len(base)} base slots at "
                            f"their minimum" + (f"; {len(short)} short" if short else ""),
                      f"Grunnbemanning: {len(base) - len(short)} av {len(base)} grunnvakter har "
                      f"minimum" + (f"; {len(short)} mangler folk" if short else "")))
    counts = verdict.get("base_short")
    keys = ("slots", "empty", "alone", "short", "skill", "people", "skill_holders")
    if isinstance(counts, dict) and all(isinstance(counts.get(k), int) for k in keys) and counts["slots"]:
        lines.append(pick(lang, f"  {counts['empty']} empty, {counts['alone']} with one alone, "
                                f"{counts['short']} below the minimum, {counts['skill']} without a "
                                f"skill; {counts['people']} person(s) and {counts['skill_holders']} "
                                "skill holder(s) missing",
                          f"  {counts['empty']} tomme, {counts['alone']} med én alene, "
                          f"{counts['short']} under minimum, {counts['skill']} uten nødvendig "
                          f"kompetanse; {counts['people']} person(er) og {counts['skill_holders']} "
                          "med kompetansen mangler"))
    lines += format_reasons(_rows(rota.extra.get("reasons"), ("detail", "detail_nb")), lang)
    lines.append(pick(lang, "Service shifts with fewer than the minimum: ",
                      "Tjenestevakter med færre enn minimum: ") + str(len(lonely)))
    spreads = []
    groups = peer_groups(rota.staff)
    for key, label in (("evenings", pick(lang, "evenings/nights", "kveld/natt")),
                       ("weekends", pick(lang, "weekends", "helger")),
                       ("holiday_periods", pick(lang, "holidays", "helligdager"))):
        parts = []
        for shifts, rows in groups.items():
            rng = _per_full_post(rows, key) if all(key in r for r in rows) else None
            if rng:
                who = (pick(lang, f" ({'/'.join(shifts)} staff)", f" (de som tar {'/'.join(shifts)})")
                       if len(groups) > 1 else "")
                parts.append(f"{num(rng[0], lang)}-{num(rng[1], lang)}{who}")
        if parts:
            spreads.append(f"{label} " + ", ".join(parts))
    rng = _per_full_post(rota.staff, "planned_hours")
    if rng:
        spreads.append(f"{pick(lang, 'hours', 'timer')} {num(rng[0], lang)}-{num(rng[1], lang)}")
    if spreads:
        lines.append(pick(lang, "Fairness (scaled to a full post, absences counted, among people who "
                                "may work the same shifts): ",
                          "Rettferdig fordeling (regnet om til hel stilling, fravær medregnet, blant "
                          "dem som kan ta de samme vaktene): ") + "; ".join(spreads))
    lines += format_wishes(_rows(rota.extra.get("wishes"), ("staff", "date")),
                           {r["id"]: r.get("name", r["id"]) for r in rota.staff}, lang)
    errors = rota.errors()
    warnings = [v for v in rota.violations if v.get("severity") == "warning"]
    lines.append(pick(lang, f"Rule breaches: {len(errors) or 'none'}",
                      f"Regelbrudd: {len(errors) or 'ingen'}"))
    lines += [f"  - {rule_word(v['rule'], lang)}: {_said(v, 'detail', lang)}" for v in errors[:30]]
    if len(errors) > 30:
        lines.append(pick(lang, f"  ... and {len(errors) - 30} more (see rota.json)",
                          f"  ... og {len(errors) - 30} til (se rota.json)"))
    if warnings:
        lines.append(pick(lang, "Warnings: ", "Advarsler: ") + str(len(warnings)))
        lines += [f"  - {_said(v, 'detail', lang)}"
                  + (pick(lang, " (cause: ", " (årsak: ") + _said(v, "reason", lang) + ")"
                     if isinstance(v.get("reason"), str) else "") for v in warnings[:15]]
    return "\n".join(lines)


def _rows(value: object, text_keys: tuple[str, ...]) -> list[dict]:
    """The rows of an added rota.json field that have these text fields (a file written by
    another tool may lack them or hold something else)."""
    if not isinstance(value, list):
        return []
    return [r for r in value if isinstance(r, dict) and all(isinstance(r.get(k), str) for k in text_keys)]


def format_reasons(reasons: list[dict], lang: str = "en") -> list[str]:
    """The causes of the shortfall (``rota.json``'s ``reasons``, coverage.causes)."""
    if not reasons:
        return []
    key = "detail_nb" if lang == "nb" else "detail"
    lines = ["Hvorfor vakter mangler folk:" if lang == "nb" else "Why shifts are short:"]
    lines += [f"  - {r[key]}" for r in reasons]
    return lines


def format_wishes(wishes: list[dict], names: dict[str, str], lang: str = "en") -> list[str]:
    """Wishes granted per person (``rota.json``'s ``wishes``)."""
    if not wishes:
        return []

    def weight_of(w: dict) -> float:
        value = w.get("weight", 0)
        return float(value) if isinstance(value, int | float) else 0.0

    granted = sum(1 for w in wishes if w.get("granted") is True)
    weight = sum(weight_of(w) for w in wishes)
    weight_ok = sum(weight_of(w) for w in wishes if w.get("granted") is True)
    lines = [pick(lang, f"Wishes: {granted} of {len(wishes)} granted (weight {weight_ok:g} of {weight:g})",
                  f"Ønsker: {granted} av {len(wishes)} innfridd (vekt {num(weight_ok, lang, 'g')} av "
                  f"{num(weight, lang, 'g')})")]
    per: dict[str, list[dict]] = {}
    for w in wishes:
        per.setdefault(w["staff"], []).append(w)
    for sid, mine in per.items():
        ok = sum(1 for w in mine if w.get("granted") is True)
        missed = [w for w in mine if w.get("granted") is not True]
        text = f"  {names.get(sid, sid)}: {ok} {pick(lang, 'of', 'av')} {len(mine)}"
        if missed:
            text += pick(lang, "; not granted: ", "; ikke innfridd: ") + ", ".join(
                f"{w['date']} {_wish_words(w, lang)}" for w in missed[:4]) + (
                " ..." if len(missed) > 4 else "")
        lines.append(text)
    return lines


def _wish_words(w: dict, lang: str = "en") -> str:
    if w.get("kind") == "day_off":
        return pick(lang, "day off", "fri")
    if w.get("kind") == "shift":
        return f"{pick(lang, 'shift', 'vakt')} {w.get('shift')}"
    return f"{pick(lang, 'not', 'ikke')} {w.get('shift')}"


def notice_warning(scenario: Scenario, today: dt.date | None = None, lang: str = "en") -> str | None:
    """AML § 10-3: a rota should be known 14 days before it starts."""
    today = today or dt.date.today()
    days = (scenario.start - today).days
    need = scenario.rules.notice_days
    if 0 <= days < need:
        return pick(lang, f"note: the period starts in {days} days; AML § 10-3 asks for a new rota "
                          f"to be made known at least {need} days before it starts",
                    f"merk: perioden starter om {days} dager; aml. § 10-3 krever at en ny turnus "
                    f"gjøres kjent minst {need} dager før den starter")
    return None


def _number(value: float | None, lang: str) -> str:
    """A stage's value or bound as the summary shows it; "none" when the stage has none (no
    rota was found in time)."""
    if value is None:
        return pick(lang, "none", "ingen")
    return str(value) if lang != "nb" else num(value, lang, "g")
