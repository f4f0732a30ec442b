"""The layout of the scenario workbook: its sheets, their columns, and the settings rows.

One place describes each column (its key in the scenario TOML, its Norwegian and English
header, how its cells are written and read, and its drop-down list), so the writer, the
reader and the error locations can never disagree about where a value lives.
"""

from __future__ import annotations

from dataclasses import dataclass

from roster.rules.catalogue import person_params, scenario_params
from roster.rules.params import Kind
from roster.scenario import ABSENCE_KINDS, OPEN_PER, OPEN_UNITS, PRIORITIES, SHIFT_KINDS, WISH_KINDS

# how a column's cells are written and read
TEXT, NUMBER, DATE, TIME, LIST, MAP, AUTO = "text", "number", "date", "time", "list", "map", "auto"

FIRST_DATA_ROW = 4  # row 1 title, row 2 headers (nb / en), row 3 keys
TEMPLATE_ROWS = 300  # rows with drop-downs and date checks in an empty template


@dataclass(frozen=True)
class Column:
    key: str  # dotted key in the TOML entry: "fte", "rules.weekend_every", "open.count"
    nb: str
    en: str
    kind: str = TEXT
    width: float = 14
    choices: tuple[str, ...] | str = ()  # fixed values, or "shifts" / "staff" (from the sheets)
    help: str = ""

    @property
    def header(self) -> str:
        return f"{self.nb} / {self.en}"


@dataclass(frozen=True)
class SheetSpec:
    section: str  # the TOML array of tables: "staff", "shifts", ...
    nb: str  # sheet name in the workbook
    en: str  # accepted English sheet name
    title_nb: str
    title_en: str
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)


DAY_HELP = "weekday, saturday, sunday, holiday, eve (komma mellom / comma separated)"

SHIFTS = SheetSpec("shifts", "Vakter", "Shifts", "Vakttyper", "Shift types", (
    Column("code", "Vaktkode", "Shift code", width=11, help="D, A, N ..."),
    Column("name", "Navn", "Name", width=16),
    Column("name_en", "Navn (engelsk)", "Name (English)", width=16),
    Column("start", "Start", "Start", TIME, 9, help="08:00"),
    Column("end", "Slutt", "End", TIME, 9, help="16:00"),
    Column("hours", "Betalte timer", "Paid hours", NUMBER, 10,
           help="7.5; hjemmevakt/hvilende natt: tomt = tid x andel / on call: empty = time x ratio"),
    Column("active_hours", "Aktive timer", "Active hours", NUMBER, 10,
           help="passive_night, on_call: timer som teller fullt / hours counted in full"),
    Column("break_minutes", "Ubetalt pause (min)", "Unpaid break (min)", NUMBER, 11),
    Column("days", "Dagtyper", "Day types", LIST, 22, help=DAY_HELP),
    Column("kind", "Type", "Kind", TEXT, 10, SHIFT_KINDS),
    Column("color", "Farge", "Colour", TEXT, 10, help="#cfe2f3"),
))

STAFF = SheetSpec("staff", "Ansatte", "Staff", "Ansatte", "Staff", (
    Column("id", "Ansatt-ID", "Staff id", width=11),
    Column("name", "Navn", "Name", width=20),
    Column("fte", "Stillingsbrøk (1 = 100 %)", "FTE (1 = 100 %)", NUMBER, 12, help="0.8"),
    Column("role", "Stilling", "Role", width=14),
    Column("skills", "Kompetanse", "Skills", LIST, 16, help="nurse, vernepleier"),
    Column("cannot_work", "Kan ikke ta vakt", "Cannot work shift", LIST, 12, help="N"),
    Column("weekdays_off", "Faste fridager (ukedag)", "Weekdays off", LIST, 14, help="friday"),
    Column("fixed_days_off", "Faste fridatoer", "Fixed dates off", LIST, 14, help="2027-01-15"),
    *(Column(f"rules.{p.key}", p.nb, p.en, MAP if p.kind is Kind.SHIFT_COUNTS else NUMBER, 10,
             help=p.note if p.kind is Kind.SHIFT_COUNTS else "")
      for p in person_params() if p.offered),
))
"""A person's own rule values come from the rule catalogue (``roster.rules.catalogue``)."""

COVERAGE = SheetSpec("coverage", "Bemanning", "Coverage", "Bemanningskrav", "Coverage requirements", (
    Column("label", "Navn", "Label", width=14),
    Column("shift", "Vaktkode", "Shift code", TEXT, 10, "shifts"),
    Column("days", "Dagtyper", "Day types", LIST, 20, help=DAY_HELP),
    Column("dates", "Datoer", "Dates", LIST, 14, help="2027-01-15, 2027-01-16"),
    Column("min_staff_if_open", "Minst antall", "Min staff", NUMBER, 9),
    Column("max_staff", "Maks antall", "Max staff", NUMBER, 9),
    Column("priority", "Prioritet", "Priority", TEXT, 10, PRIORITIES,
           help="base = alltid / always; service = åpnes når mulig / opened when possible"),
    Column("open.count", "Åpnes antall", "Open count", NUMBER, 9, help="tom = alltid / empty = always"),
    Column("open.per", "Åpnes per", "Open per", TEXT, 9, OPEN_PER),
    Column("unit", "Enhet", "Unit", TEXT, 9, OPEN_UNITS),
    Column("rank", "Rang", "Rank", NUMBER, 7),
    Column("skills", "Kompetansekrav", "Skills needed", MAP, 16, help="nurse: 1"),
))

ABSENCES = SheetSpec("absences", "Fravær", "Absences", "Fravær (ferie, kurs, permisjon ...)",
                     "Absences (vacation, course, leave ...)", (
    Column("staff", "Ansatt-ID", "Staff id", TEXT, 11, "staff"),
    Column("start", "Fra dato", "From date", DATE, 12),
    Column("end", "Til dato", "To date", DATE, 12),
    Column("kind", "Type", "Kind", TEXT, 11, ABSENCE_KINDS),
    Column("percent", "Prosent", "Percent", NUMBER, 9, help="100"),
    Column("note", "Merknad", "Note", TEXT, 24),
))

WISHES = SheetSpec("wishes", "Ønsker", "Wishes", "Ønsker", "Wishes", (
    Column("staff", "Ansatt-ID", "Staff id", TEXT, 11, "staff"),
    Column("start", "Dato / fra", "Date / from", DATE, 12),
    Column("end", "Til (valgfri)", "To (optional)", DATE, 12),
    Column("kind", "Type", "Kind", TEXT, 11, WISH_KINDS),
    Column("shift", "Vaktkode", "Shift code", TEXT, 10, "shifts"),
    Column("weight", "Vekt (1-10)", "Weight (1-10)", NUMBER, 10),
))

LOCKED = SheetSpec("locked", "Låst", "Locked", "Låste vakter og fridager", "Locked shifts and days off", (
    Column("staff", "Ansatt-ID", "Staff id", TEXT, 11, "staff"),
    Column("date", "Dato", "Date", DATE, 12),
    Column("shift", "Vaktkode (off = fri)", "Shift code (off = day off)", TEXT, 14, "shifts"),
))

TABLE_SHEETS: tuple[SheetSpec, ...] = (SHIFTS, STAFF, COVERAGE, ABSENCES, WISHES, LOCKED)
SETTINGS_NB, SETTINGS_EN = "Innstillinger", "Settings"
INSTRUCTIONS_NB = "Instruksjoner"


@dataclass(frozen=True)
class Setting:
    key: str  # dotted: "period.start", "rules.weekend_every"
    nb: str
    en: str
    kind: str = AUTO
    help: str = ""


SETTINGS: tuple[Setting, ...] = (
    Setting("scenario.name", "Navn på scenario", "Scenario name", TEXT),
    Setting("scenario.unit", "Enhet / tjeneste", "Unit / service", TEXT),
    Setting("scenario.description", "Beskrivelse", "Description", TEXT),
    Setting("period.month", "Måned (2027-01)", "Month (2027-01)", TEXT,
            "Enten måned eller start og slutt / Either month, or start and end"),
    Setting("period.start", "Periode start", "Period start", DATE),
    Setting("period.end", "Periode slutt", "Period end", DATE),
    Setting("calendar.country", "Helligdager (land)", "Public holidays (country)", TEXT,
            "NO = norske helligdager / Norwegian public holidays"),
    # the rules, from the rule catalogue
    *(Setting(f"rules.{p.key}", p.nb, p.en, AUTO,
              p.note + ("; TRUE/FALSE" if p.kind is Kind.BOOL else ""))
      for p in scenario_params() if p.offered),
)
