"""Words of the rota workbook in Norwegian bokmål and English, and the absence marks.

The names of rules come from the rule catalogue (``roster.rules.catalogue.label``).

Absence marks are deliberately neutral: sick leave is health information, so it is shown
as plain "fravær" (absence), the same as any other absence that is not vacation, a course
or leave. The rota file is the unit leader's own, but it ends up on the staff room wall.
"""

from __future__ import annotations

LANGS = ("nb", "en")

WORDS: dict[str, dict[str, str]] = {
    "nb": {
        "turnus": "Turnus", "coverage": "Dekning", "changes": "Endringer", "cost": "Kostnad",
        "rules": "Regelbrudd",
        "title": "Turnus", "period": "Periode", "status": "Status",
        "id": "Ansatt-ID", "name": "Navn", "fte": "Stilling",
        "hours": "Timer", "target": "Mål", "band": "Bånd (min–maks)", "evenings": "Kveld/natt",
        "weekend_days": "Helgedager", "weekends": "Helger", "holidays": "Helligdager",
        "totals": "Sum", "count": "Antall", "legend": "Tegnforklaring",
        "weekend": "Helg (lørdag og søndag)", "holiday": "Helligdag", "absence": "Fravær",
        "off": "tomt = fri", "week": "uke",
        "date": "Dato", "day": "Dag", "shift": "Vakt", "priority": "Prioritet", "min": "Minimum",
        "required": "Påkrevd", "assigned": "Tildelt", "opened": "Åpnet", "shortfall": "Mangler",
        "yes": "ja", "no": "nei",
        "coverage_title": "Dekning per dato og vakt", "shortfall_note": "Rødt = færre enn påkrevd",
        "severity": "Alvorlighet", "rule": "Regel", "staff": "Ansatt", "detail": "Beskrivelse",
        "error": "brudd", "warning": "advarsel",
        "rules_title": "Regelbrudd (roster check)",
        "no_breaches": "Ingen regelbrudd: turnusen holder alle regler.",
        "changes_title": "Endringer mot publisert turnus", "before": "Før", "after": "Etter",
        "changes_none": "Ingen endringer.", "day_off": "fri",
        "changed_legend": "Endret ved omplanlegging (se arket Endringer)",
        "cost_title": "Kostnad", "item": "Post", "amount": "Beløp", "total": "Sum",
        "page": "Side &P av &N",
        "edit_note": "Rediger vaktkoder i rutenettet og les inn igjen med: roster import-rota",
        "priority_base": "grunnbemanning", "priority_service": "tjenestetilbud",
        "priority_soft": "ønsket",
        "open_shifts": "Åpne vakter", "open_title": "Åpne vakter: det som fortsatt mangler folk",
        "open_none": "Ingen vakter mangler folk: hver grunnvakt har minimum og kompetanse, og "
                     "hvert tjenestemål er nådd.",
        "open_note": "Årsak: først årsaken planleggeren fant med modellen (om den er regnet ut), så "
                     "hvorfor hver av de andre ikke kan ta vakten. Fraværstype vises aldri.",
        "wishes": "Ønsker", "wishes_title": "Ønsker: innfridd og ikke innfridd",
        "wish": "Ønske", "weight": "Vekt", "granted": "Innfridd", "has": "Har", "note": "Merknad",
        "wishes_per_person": "Per ansatt", "wishes_count": "Ønsker", "granted_count": "Innfridd",
        "weight_granted": "Vekt innfridd",
    },
    "en": {
        "turnus": "Turnus", "coverage": "Coverage", "changes": "Changes", "cost": "Cost",
        "rules": "Rules",
        "title": "Rota", "period": "Period", "status": "Status",
        "id": "Staff id", "name": "Name", "fte": "FTE",
        "hours": "Hours", "target": "Target", "band": "Band (min–max)", "evenings": "Eve./night",
        "weekend_days": "Weekend days", "weekends": "Weekends", "holidays": "Holidays",
        "totals": "Totals", "count": "Count", "legend": "Legend",
        "weekend": "Weekend (Saturday and Sunday)", "holiday": "Public holiday",
        "absence": "Absence", "off": "empty = day off", "week": "week",
        "date": "Date", "day": "Day", "shift": "Shift", "priority": "Priority", "min": "Minimum",
        "required": "Required", "assigned": "Assigned", "opened": "Opened",
        "shortfall": "Short", "yes": "yes", "no": "no",
        "coverage_title": "Coverage per date and shift", "shortfall_note": "Red = fewer than required",
        "severity": "Severity", "rule": "Rule", "staff": "Staff", "detail": "Detail",
        "error": "breach", "warning": "warning",
        "rules_title": "Rule breaches (roster check)",
        "no_breaches": "No rule breaches: the rota keeps every rule.",
        "changes_title": "Changes against the published rota", "before": "Before",
        "after": "After", "changes_none": "No changes.", "day_off": "off",
        "changed_legend": "Changed by the re-plan (see the Changes sheet)",
        "cost_title": "Cost", "item": "Item", "amount": "Amount", "total": "Total",
        "page": "Page &P of &N",
        "edit_note": "Edit shift codes in the grid and read it back with: roster import-rota",
        "priority_base": "base", "priority_service": "service", "priority_soft": "soft",
        "open_shifts": "Open shifts", "open_title": "Open shifts: what is still short of staff",
        "open_none": "No shift is short: every base shift has its minimum and skills, and every "
                     "service target is met.",
        "open_note": "Reason: first the cause the planner found with the model (where it was "
                     "computed), then why each of the others cannot take the shift. Absence kinds "
                     "are never shown.",
        "wishes": "Wishes", "wishes_title": "Wishes: granted and not granted",
        "wish": "Wish", "weight": "Weight", "granted": "Granted", "has": "Has", "note": "Note",
        "wishes_per_person": "Per person", "wishes_count": "Wishes", "granted_count": "Granted",
        "weight_granted": "Weight granted",
    },
}

# the columns of the open-shifts sheet (coverage.open_shifts.rows, in that order)
OPEN_SHIFT_HEADS: dict[str, tuple[str, ...]] = {
    "nb": ("Dato", "Dag", "Vakt", "Vaktnavn", "Fra", "Til", "Timer", "Prioritet", "Type",
           "Bemannet", "Minimum", "Mangler", "Kompetanse mangler", "Årsak", "Egne som kan ta den"),
    "en": ("Date", "Day", "Shift", "Shift name", "From", "To", "Hours", "Priority", "Kind",
           "Assigned", "Minimum", "Missing", "Skills missing", "Reason", "Own staff who could"),
}

# absence kind -> mark in the grid; sick and other share a neutral mark
ABSENCE_MARKS: dict[str, dict[str, str]] = {
    "nb": {"vacation": "ferie", "course": "kurs", "leave": "perm", "sick": "fravær",
           "other": "fravær"},
    "en": {"vacation": "vac", "course": "course", "leave": "leave", "sick": "absent",
           "other": "absent"},
}
ABSENCE_LEGEND: dict[str, dict[str, str]] = {
    "nb": {"ferie": "ferie", "kurs": "kurs", "perm": "permisjon",
           "fravær": "annet fravær (også sykefravær)"},
    "en": {"vac": "vacation", "course": "course", "leave": "leave",
           "absent": "other absence (including sick leave)"},
}

DAY_SHORT = {"nb": ("ma", "ti", "on", "to", "fr", "lø", "sø"),
             "en": ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")}


def all_absence_marks() -> set[str]:
    """Every absence mark in any language, lower case (read back as a day off)."""
    return {m.lower() for marks in ABSENCE_MARKS.values() for m in marks.values()}
