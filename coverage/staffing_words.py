"""``roster staffing``'s report in Norwegian bokmål: the årsverk arithmetic, the optimiser
check, the budget and the comparison.

The numbers come from :mod:`coverage.staffing`, :mod:`coverage.budget`,
:mod:`coverage.staffing_check` and :mod:`coverage.compare`, which write their texts in
English (``Line.what``/``source``, ``BudgetLine.detail``); this module says each of them in
bokmål from the same figures, keyed by the line's ``key``. A line it does not know is shown
as it is (English), so a new line shows rather than fails; ``tests/test_lang.py`` runs the
command in bokmål and fails on an English word.
"""

from __future__ import annotations

import re

from coverage.words import fmt_arsverk, fmt_int
from roster.vocabulary import day_type_word, num, pct, priority_word, status_word

NB = "nb"


def _n(x: float, spec: str = "g") -> str:
    return num(x, NB, spec)


def estimate_line(li, est, scenario=None) -> tuple[str, str, str]:
    """A :class:`coverage.staffing.Line` in bokmål: (what, unit, source)."""
    from roster.vocabulary import unit_word

    p, weekly = est.params, est.weekly_hours
    unit = unit_word(li.unit, NB)
    key = li.key
    if key.startswith("hours.") and key != "hours.total":
        _, day_type, shift = key.split(".", 2)
        row = next((r for r in est.hours.rows if r.day_type == day_type and r.shift == shift), None)
        if row is None:
            return li.what, unit, li.source
        duty = None
        if scenario is not None:
            from roster.rules.passive_duty import ratio_words

            try:
                duty = ratio_words(scenario.shift(shift))
            except (KeyError, ValueError):
                duty = None
        what = (f"{shift} på {day_type_word(day_type, NB)}: {_n(row.slots)} vakter x {row.min_staff} "
                f"ansatte x {_n(round(row.paid_hours, 2))} t" + (f" ({duty.nb})" if duty else ""))
        source = (f"kalender {est.year}, bemanning ({priority_word(row.priority, NB)}) ved "
                  "åpningsmålet" + ("; passiv tid etter regelpakkens forhold (aml. § 10-4)"
                                   if duty else ""))
        return what, unit, source
    days = round(li.value * 7 / weekly) if key == "nominal" and weekly else 0
    holidays = round(-li.value * 5 / weekly) if key == "holidays" and weekly else 0
    floor = est.headcount
    turnus_type = scenario.rules.turnus_type if scenario is not None else "-"
    texts: dict[str, tuple[str, str]] = {
        "hours.total": ("Timer som skal dekkes per år", "summen av linjene over"),
        "weekly_hours": (f"Ukentlig arbeidstid per årsverk ({turnus_type})",
                         "rules.weekly_hours (aml. § 10-4, KS HTA § 4.2.2)"),
        "nominal": (f"Nominelle timer per årsverk ({days} dager / 7 x {_n(weekly)})", "kalender"),
        "vacation": (f"Minus ferie ({_n(p.vacation_weeks)} uker)",
                     "ferieloven § 5: 25 virkedager + 5 dager (tariff): 5 uker"),
        "holidays": (f"Minus helligdager mandag-fredag ({holidays} x 1/5 uke)",
                     "reduksjon for helligdager (regelpakken), norsk kalender"),
        "available": ("Timer et årsverk er på jobb før fravær", "nominelt - ferie - helligdager"),
        "absence": (f"Minus sykefravær {pct(p.sick_leave, NB)} og annet fravær "
                    f"{pct(p.other_leave, NB)}",
                    "sykefravær: SSB/KS-nivå i kommunal helse og omsorg (omtrentlig); annet: KS"),
        "productive": ("Produktive timer per årsverk", "tilgjengelig x (1 - fravær)"),
        "arsverk_without_absence": ("Årsverk i turnusen før fravær",
                                    "timer som skal dekkes / tilgjengelige timer"),
        "arsverk": ("Årsverk som trengs (med fraværstillegg)",
                    "timer som skal dekkes / produktive timer"),
        "current": ("Årsverk i scenarioet nå", "summen av stillingene"),
        "difference": ("Differanse (trengs - nå)", ""),
        "headcount.day": ("Minste antall ansatte: flest på jobb samme dag",
                          "én vakt per person per dag"),
        "headcount.weekend": (f"Minste antall ansatte: {floor.weekend_staff} per helgedag x hver "
                              f"{floor.weekend_every or '-'}. helg x {pct(floor.weekend_share, NB, 0)} "
                              "av helgene", "rules.weekend_every (aml. § 10-8 (4), tariff)"),
        "headcount": ("Antall ansatte som trengs", "største av gulvene og årsverk rundet opp"),
        "position": ("Gjennomsnittlig stillingsstørrelse (stillingsprosent)",
                     "årsverk / antall ansatte"),
    }
    what, source = texts.get(key, (li.what, li.source))
    return what, unit, source


def _nb_numbers(text: str) -> str:
    """'7.50' -> '7,50', '12%' -> '12 %' in a phrase of figures."""
    text = re.sub(r"(?<=\d)\.(?=\d)", ",", text)
    return re.sub(r"(?<=\d)%", " %", text)


_BUDGET: dict[str, tuple[str, str]] = {
    "salaries": (r"(?P<a>\S+) årsverk x (?P<b>[\d ]+) NOK \(avg\. of the role mix, (?P<c>\d+) level, "
                 r"approx\.\)", "{a} årsverk x {b} kr (snitt for rollemiksen, {c}-nivå, omtrentlig)"),
    "ubekvem_evening_night": (r"(?P<a>\S+) h x (?P<b>\S+) NOK \((?P<c>KS HTA .*)\)", "{a} t x {b} kr ({c})"),
    "ubekvem_weekend": (r"(?P<a>\S+) h per person x (?P<b>\d+) people, tiers (?P<t>.*) \((?P<c>KS HTA .*)\)",
                        "{a} t per person x {b} personer, trinn {t} ({c})"),
    "ubekvem_holiday": (r"(?P<a>\S+) h x (?P<b>\S+) x hourly wage (?P<c>\S+) NOK \((?P<d>KS HTA .*)\)",
                        "{a} t x {b} x timelønn {c} kr ({d})"),
    "holiday_pay": (r"(?P<a>\S+) of salaries and supplements \(Ferieloven (?P<b>.*)\)",
                    "{a} av lønn og tillegg (ferieloven {b})"),
    "pension": (r"(?P<a>\S+) of salaries and supplements \(assumption\)",
                "{a} av lønn og tillegg (forutsetning)"),
    "employer_tax": (r"(?P<a>\S+) of salaries, supplements, holiday pay, pension \(zone (?P<b>\w+)\)",
                     "{a} av lønn, tillegg, feriepenger og pensjon (sone {b})"),
    "vikar": (r"(?P<a>\S+) h the staffing cannot cover after absence x (?P<b>\S+) NOK/h",
              "{a} t bemanningen ikke dekker etter fravær x {b} kr/t"),
    "running": (r"input \(cost file or --running-costs\)", "inndata (kostnadsfil eller --running-costs)"),
}


def budget_detail(li) -> str:
    """A :class:`coverage.budget.BudgetLine`'s detail in bokmål (as it is if unknown)."""
    pattern, template = _BUDGET.get(li.key, (None, None))
    m = re.fullmatch(pattern, li.detail) if pattern else None
    if m is None:
        return li.detail
    values = {k: v if "§" in v else _nb_numbers(v).replace(" h+:", " t+:").replace(" NOK", " kr")
              for k, v in m.groupdict().items()}
    return template.format(**values)


_KINDS_NB = {"sick": "sykefravær", "vacation": "ferie", "leave": "permisjon", "course": "kurs",
             "other": "annet fravær"}


def recorded_lines(r) -> list[str]:
    """:meth:`coverage.staffing_check.RecordedAbsence.describe` in bokmål."""
    kinds = ", ".join(f"{_KINDS_NB.get(k, k)} {fmt_int(v)} t" for k, v in r.by_kind.items())
    lines = [f"Registrert fravær i scenarioet: {r.people} personer, {fmt_int(r.hours)} t i perioden "
             f"({kinds}).",
             "Det er en del av fraværstillegget (teamets tillegg for en måned er "
             f"{fmt_int(r.allowance_month)} t, for et år {fmt_int(r.allowance_year)} t), så "
             "sjekken planlegger måneden med tillegget i stedet for fraværet, ikke i tillegg til det."]
    if r.excess_month > 0.5:
        lines.append(f"Denne månedens registrerte fravær er {fmt_int(r.excess_month)} t over en "
                     f"måneds tillegg (om lag {fmt_arsverk(r.excess_arsverk, NB)} årsverk): dekk det "
                     "denne måneden (vikar, overtid), ikke med fast bemanning; `roster ladder` viser "
                     "tjenestenivået måneden kan holde.")
    if r.beyond_year:
        lines.append("Det registrerte fraværet alene er mer enn et års tillegg: andelen sykefravær "
                     "eller annet fravær er for lav for dette teamet (øk --sick-leave).")
    return lines


def check_step(s) -> str:
    """One step of the optimiser check."""
    return (f"{_n(s.arsverk):>6} årsverk, {s.headcount:>2} personer: "
            f"{'når' if s.meets else 'når ikke'} målet ({s.opened} av {s.target} åpnet, "
            f"{status_word(s.status, NB)}, {_n(s.seconds)} s)")


COMPARE_ROWS_NB: dict[str, str] = {
    "service_target": "Tjenestemål",
    "month_opened": "Åpnet i den planlagte måneden",
    "month_target": "Mål i den planlagte måneden",
    "arsverk_now": "Årsverk nå",
    "arsverk_present": "Årsverk til stede i måneden (etter fravær)",
    "headcount_now": "Antall ansatte nå",
    "arsverk_needed": "Årsverk som trengs for målet",
    "headcount_needed": "Antall ansatte som trengs",
    "cost_per_year": "Kostnad per år nå (kr)",
    "evenings_per_year": "Åpnede kvelder per år",
    "cost_per_evening": "Kostnad per åpnet kveld (kr)",
    "robustness": "P(åpnet vakt holder minimum)",
}


def _target_nb(text: str) -> str:
    text = re.sub(r"\bevery\b", "hver", text)
    text = re.sub(r"/week\b", "/uke", text)
    text = re.sub(r"/month\b", "/måned", text)
    return "ingen tjenestekrav" if text == "no service requirements" else text


def comparison_table(rows) -> list[list[str]]:
    """:func:`coverage.compare.comparison_table` with bokmål row names and values."""
    from coverage.compare import COMPARE_ROWS

    table = [["", *[r.name for r in rows]]]
    for key, label in COMPARE_ROWS:
        cells = []
        for r in rows:
            v = getattr(r, key)
            if v is None:
                cells.append("-")
            elif key in ("cost_per_year", "cost_per_evening"):
                cells.append(fmt_int(v))
            elif key == "service_target":
                cells.append(_target_nb(str(v)))
            elif isinstance(v, float):
                cells.append(_n(v))
            else:
                cells.append(str(v))
        table.append([COMPARE_ROWS_NB.get(key, label), *cells])
    return table


def robustness_note(note: str) -> str:
    m = re.fullmatch(r"(\d+) runs at (\S+) absence", note)
    if m:
        return f"{m[1]} kjøringer med {_nb_numbers(m[2])} fravær"
    fixed = {"not simulated": "ikke simulert",
             "coverage.simulate not available": "coverage.simulate er ikke tilgjengelig"}
    if note in fixed:
        return fixed[note]
    return note.replace("simulation failed:", "simuleringen feilet:")
