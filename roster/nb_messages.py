"""The loader's problem messages in bokmål, for the app and the CLI.

``roster.errors.Problem`` carries its message as English text only (no kind, no values),
so it is translated here, template by template: each pattern below matches one message
the scenario loader, the rule catalogue, the workbook reader or a file reader writes
(``roster/scenario_load.py``, ``roster/rules/params.py``, ``roster/rulepack.py``,
``roster/excel/scenario_workbook.py``, ``roster/excel/safe_read.py``,
``roster/input_files.py``, the rota.json reader ``roster/rota.py`` and
``roster/rota_schema.py``), and rewrites it in bokmål with the same values. A message no
pattern knows is shown as it is (``translate`` returns None for it, so a test can list
every template it must know). The place (``staff #2.fte``) is written with the table's
Norwegian name and row number.

Messages built in code give their bokmål where they are raised
(``UserError(en, nb=...)``, see ``roster.errors``); :func:`user_error` is the CLI's
fallback for an English-only :class:`roster.errors.UserError`: a file reader's refusal
("path: file not found"), or a message of a module that has no bokmål yet.
"""

from __future__ import annotations

import os
import re

from roster.safe_io import OS_REASONS_NB

DESCRIBE = {
    "true/false": "sann/usann", "an integer": "et heltall", "a number": "et tall", "text": "tekst",
    "a string": "tekst", "a table": "en tabell", "an object": "en tabell", "an array": "en liste",
    "a date and time": "en dato med klokkeslett", "a date": "en dato", "a time of day": "et klokkeslett",
    "null": "ingenting", "a list of dates": "en liste med datoer", "a table of sections": "en tabell",
    "a table (a [[shifts]] entry)": "en tabell (en [[shifts]]-rad)",
    "a table (a [[staff]] entry)": "en tabell (en [[staff]]-rad)",
    "a table [staff.rules]": "en tabell [staff.rules]", "a whole number": "et heltall",
    "a number of hours": "et antall timer", "a list of text values": "en liste med tekster",
    "true or false": "sann eller usann",
    "an array of objects": "en liste med objekter", "an array of strings": "en liste med tekster",
    "an object of whole numbers": "et objekt med heltall",
    "a date like 2027-01-31": "en dato som 31.01.2027", "a time like 08:00": "et klokkeslett som 08:00",
    "a list (comma separated)": "en liste (kommaseparert)", "pairs like 'nurse: 1'": "par som «nurse: 1»",
}

WHAT = {
    "file": "fil", "scenario file": "scenariofil", "scenario file (TOML)": "scenariofil (TOML)",
    "rota.json file": "rota.json-fil", "rule pack (TOML)": "regelpakke (TOML)",
    "year-plan file (TOML)": "årsplanfil (TOML)", "history file": "historikkfil",
    "cost file (TOML)": "kostnadsfil (TOML)", "database file": "databasefil",
    "benchmark instance file": "testinstansfil", "best_known.csv file": "best_known.csv-fil",
    "backup file written by roster export-db": "sikkerhetskopi skrevet av roster export-db",
}
"""What a file reader expected (``roster.input_files``' ``what``), in bokmål."""

STRERROR_NB = {os.strerror(code): words for code, words in OS_REASONS_NB.items()}
"""An OS error's English reason (``strerror``) in bokmål."""

SECTIONS = {
    "staff": "Ansatte", "absences": "Fravær", "wishes": "Ønsker", "shifts": "Vakter",
    "coverage": "Bemanningskrav", "rules": "Regler", "scenario": "Scenario", "period": "Periode",
    "locks": "Låste dager", "calendar": "Kalender",
    # a year-plan file (roster.arsturnus.plan_file)
    "vacation": "Ferie", "vacations": "Ferier", "holiday_plans": "Høytidsplaner", "vikarer": "Vikarer",
    "year": "År",
}
KEYS = {
    "id": "id", "name": "navn", "fte": "stilling", "stillingsprosent": "stillingsprosent",
    "skills": "kompetanse", "role": "rolle", "staff": "ansatt", "start": "fra", "end": "til",
    "kind": "type", "percent": "prosent", "shift": "vakt", "date": "dato", "dates": "datoer",
    "weight": "vekt", "code": "kode", "hours": "timer", "days": "dager", "open": "åpnes",
    "min_staff_if_open": "minste bemanning", "min_staff": "minste bemanning",
    "max_staff": "største bemanning", "unit": "enhet", "priority": "prioritet", "label": "navn",
    "month": "måned", "color": "farge", "break_minutes": "pause (minutter)",
    "cannot_work": "kan ikke ta", "weekdays_off": "faste fridager", "contract": "avtale",
    "country": "land", "rank": "rang", "minutes": "minutter", "active_hours": "aktive timer",
}


def described(text: str) -> str:
    """What a value is (``roster.input_files.describe``: "an integer", "text") in bokmål."""
    return _d(text)


def _d(text: str) -> str:
    """A ``describe`` phrase in bokmål (as it is if unknown)."""
    text = text.strip()
    if text in DESCRIBE:
        return DESCRIBE[text]
    m = re.fullmatch(r"a table \(an? \[\[(\w+)\]\] entry\)", text)
    if m:
        return f"en tabell (en [[{m[1]}]]-rad)"
    m = re.fullmatch(r"a table \[(.+)\]", text)
    if m:
        return f"en tabell [{m[1]}]"
    m = re.fullmatch(r"an array of tables \[\[(.+)\]\]", text)
    if m:
        return f"en liste med tabeller [[{m[1]}]]"
    m = re.fullmatch(r"the number (.+)", text)
    if m:
        return f"tallet {m[1]}"
    return text


_RAW: list[tuple[str, str]] = [
    (r"missing \(required\)", "mangler (må fylles ut)"),
    (r"must not be empty", "kan ikke være tom"),
    (r"'(?P<v>.*)' is not one of: (?P<c>.*)", "«{v}» er ikke blant: {c}"),
    (r"at most (?P<n>\d+) entries, got (?P<g>\d+)", "høyst {n} rader, fikk {g}"),
    (r"at most (?P<n>\d+) characters, got (?P<g>\d+)", "høyst {n} tegn, fikk {g}"),
    (r"contains the control character (?P<c>.+); remove it", "inneholder kontrolltegnet {c}; fjern det"),
    (r"unknown key '(?P<k>.*)' \(expected one of: (?P<h>.*)\)", "ukjent nøkkel «{k}» (forventet en av: {h})"),
    (r"must be at least (?P<n>\S+), got (?P<g>.+)", "må være minst {n:n}, fikk {g:n}"),
    (r"must be at most (?P<n>\S+), got (?P<g>.+)", "må være høyst {n:n}, fikk {g:n}"),
    (r"must be between (?P<a>\S+) and (?P<b>\S+), got (?P<g>.+)",
     "må være mellom {a:n} og {b:n}, fikk {g:n}"),
    (r"the year (?P<y>\S+) is out of range \(expected (?P<a>\d+)-(?P<b>\d+)\)",
     "året {y} er utenfor området (forventet {a}–{b})"),
    (r"an opening target only applies to priority = \"service\"",
     "et åpningsmål gjelder bare for priority = \"service\" (tjeneste)"),
    (r"at least one \[\[shifts\]\] entry is needed", "minst én vakttype ([[shifts]]) trengs"),
    (r"at least one \[\[staff\]\] entry is needed", "minst én ansatt ([[staff]]) trengs"),
    (r"give both start and end, or neither", "oppgi både fra og til, eller ingen av dem"),
    (r"give days \(weekday, saturday, sunday, holiday, eve\) or dates",
     "oppgi dager (weekday, saturday, sunday, holiday, eve) eller datoer"),
    (r"give fte or stillingsprosent, not both", "oppgi stilling (fte) eller stillingsprosent, ikke begge"),
    (r"give start and end times, or paid hours \(hours = 7.5\)",
     "oppgi start- og sluttid, eller betalte timer (hours = 7.5)"),
    (r"missing: give \[period\] with start and end, or month = \"(?P<m>.*)\"",
     "mangler: oppgi [period] med start og end, eller month = \"{m}\""),
    (r"more staff with the skill than max_staff allows",
     "flere ansatte med kompetansen enn største bemanning tillater"),
    (r"must be above 0 \(a stillingsprosent of 1-100 %\)", "må være over 0 (en stillingsprosent på 1–100 %)"),
    (r"unit = \"weekend\" needs days = \[\"saturday\", \"sunday\"\] only",
     "unit = \"weekend\" krever days = [\"saturday\", \"sunday\"] og ikke andre dager"),
    (r"expected a \[rules\] table", "forventet en [rules]-tabell"),
    (r"unknown rule name", "ukjent regelnavn"),
    (r"rule pack: (?P<m>.*)", "regelpakke: {m:t}"),
    (r"'(?P<c>.*)' means a day off and cannot be a shift code",
     "«{c}» betyr fridag og kan ikke være en vaktkode"),
    (r"'(?P<s>.*)' already has a lock on (?P<d>\S+) \(#(?P<n>\d+)\)",
     "«{s}» har allerede en låst dag {d:date} (nr. {n})"),
    (r"'(?P<w>.*)' is not a weekday name \(monday..sunday\)",
     "«{w}» er ikke et ukedagsnavn (monday..sunday)"),
    (r"a '(?P<k>.*)' wish needs a shift code", "et ønske av typen «{k}» trenger en vaktkode"),
    (r"a break of (?P<b>\S+) minutes leaves no paid time in a shift of (?P<d>\S+) minutes from "
     r"start to end", "en pause på {b:n} minutter gir ingen betalt tid i en vakt på {d:n} minutter"),
    (r"a period is at most (?P<n>\d+) days, got (?P<g>\d+)", "en periode er høyst {n} dager, fikk {g}"),
    (r"end (?P<e>\S+) is before start (?P<s>\S+)", "til-datoen {e:date} er før fra-datoen {s:date}"),
    (r"expected a colour like #cfe2f3, got '(?P<g>.*)'", "forventet en farge som #cfe2f3, fikk «{g}»"),
    (r"expected a date like 2027-01-31, got (?P<g>.+)", "forventet en dato som 31.01.2027, fikk {g}"),
    (r"expected a month like 2027-01, got (?P<g>.+)", "forventet en måned som 2027-01, fikk {g}"),
    (r"expected a time like 08:00, got (?P<g>.+)", "forventet et klokkeslett som 08:00, fikk {g}"),
    (r"expected a whole number from (?P<a>\S+) to (?P<b>\S+), got (?P<g>.+)",
     "forventet et heltall fra {a} til {b}, fikk {g:n}"),
    (r"max_staff (?P<a>\S+) is below the minimum (?P<b>\S+)",
     "største bemanning {a} er under minste bemanning {b}"),
    (r"no public holidays known for '(?P<c>.*)' \(supported: (?P<s>.*)\)",
     "ingen helligdager kjent for «{c}» (støttet: {s})"),
    (r"overlaps absence #(?P<n>\d+) of '(?P<s>.*)' \((?P<a>[^.]+)\.\.(?P<b>[^)]+)\)",
     "overlapper fravær nr. {n} for «{s}» ({a:date}–{b:date})"),
    (r"overlaps coverage #(?P<n>\d+): both set shift '(?P<c>.*)' on (?P<d>\S+)",
     "overlapper bemanningskrav nr. {n}: begge setter vakt «{c}» {d:date}"),
    (r"paid time (?P<p>\S+) h is longer than the shift \((?P<d>\S+) h from start to end\)",
     "betalt tid {p:n} t er lengre enn vakten ({d:n} t fra start til slutt)"),
    (r"shift '(?P<c>.*)' does not run on (?P<d>\S+) \(its days: (?P<s>.*)\)",
     "vakt «{c}» går ikke {d:date} (dagene: {s})"),
    (r"shift code '(?P<c>.*)' is used twice", "vaktkoden «{c}» er brukt to ganger"),
    (r"skill '(?P<k>.*)' is required but no staff member has it",
     "kompetansen «{k}» kreves, men ingen ansatt har den"),
    (r"staff id '(?P<s>.*)' is used twice", "ansatt-id «{s}» er brukt to ganger"),
    (r"the shift lasts (?P<d>\S+) h; the rules allow at most (?P<m>\S+) h \(AML § 10-5 \(2\)\)",
     "vakten varer {d:n} t; reglene tillater høyst {m:n} t (AML § 10-5 (2))"),
    (r"the shift counts (?P<d>\S+) h; the rules allow at most (?P<m>\S+) h \(AML § 10-5 \(2\)\)",
     "vakten teller {d:n} t; reglene tillater høyst {m:n} t (AML § 10-5 (2))"),
    (r"active_hours is for passive duty only \(kind is one of: (?P<k>.*)\), not kind = \"(?P<g>.*)\"",
     "aktive timer gjelder bare hvilende nattevakt og hjemmevakt (type er en av: {k}), ikke "
     "type = \"{g}\""),
    (r"give active_hours or hours, not both \(hours is the whole counted time\)",
     "oppgi aktive timer eller timer, ikke begge (timer er hele tiden som teller)"),
    (r"active time (?P<a>\S+) h is longer than the shift \((?P<d>\S+) h paid from start to end\)",
     "aktiv tid {a:n} t er lengre enn vakten ({d:n} t betalt fra start til slutt)"),
    (r"give start and end clock times \(the ratio counts them\), or paid hours \(hours = 7.5\)",
     "oppgi start- og sluttid (andelen regnes av dem), eller betalte timer (hours = 7.5)"),
    (r"the wishes add up to more than (?P<n>\d+) wish days",
     "ønskene blir til sammen mer enn {n} ønskedager"),
    (r"unknown shift code '(?P<c>.*)' \(known: (?P<k>.*)\)", "ukjent vaktkode «{c}» (kjente: {k})"),
    (r"unknown shift code '(?P<c>.*)' \(use \"off\" to pin a day off\)",
     "ukjent vaktkode «{c}» (bruk \"off\" for å låse en fridag)"),
    (r"unknown shift code '(?P<c>.*)'", "ukjent vaktkode «{c}»"),
    (r"unknown staff id '(?P<s>.*)'", "ukjent ansatt-id «{s}»"),
    (r"(?P<d>\S+) is outside the period (?P<a>[^.]+)\.\.(?P<b>\S+)",
     "{d:date} er utenfor perioden {a:date}–{b:date}"),
    (r"(?P<n>\d+) staff over (?P<d>\d+) days is (?P<p>\d+) person-days; the planner handles at most "
     r"(?P<m>\d+) \(plan a shorter period or fewer staff at a time\)",
     "{n} ansatte over {d} dager er {p} persondager; planleggeren håndterer høyst {m} "
     "(planlegg en kortere periode eller færre ansatte om gangen)"),
    (r"\.\.\. and (?P<n>\d+) more problem\(s\) not listed; fix these first",
     "… og {n} feil til som ikke er vist; rett disse først"),
    (r"expected a finite number, got (?P<g>.+)", "forventet et endelig tall, fikk {g:d}"),
    (r"an Excel error value \(#VALUE!\), or a number too large to be a date in a cell formatted as a "
     r"date; fix the formula or type the value",
     "en Excel-feilverdi (#VALUE!), eller et tall for stort til å være en dato i en celle formatert "
     "som dato; rett formelen eller skriv inn verdien"),
    (r"an Excel error value \((?P<v>[^)]*)\); fix the formula or type the value",
     "en Excel-feilverdi ({v}); rett formelen eller skriv inn verdien"),
    (r"unknown working-time arrangement '(?P<a>.*)' \(expected one of: (?P<c>.*)\)",
     "ukjent arbeidstidsordning «{a}» (forventet en av: {c})"),
    (r"expected hours per week above 0 and at most (?P<h>\S+), got (?P<g>.+)",
     "forventet timer per uke over 0 og høyst {h:n}, fikk {g:n}"),
    (r"column key '(?P<k>.*)' appears twice", "kolonnenøkkelen «{k}» står to ganger"),
    (r"setting '(?P<k>.*)' appears twice \(also in row (?P<r>\d+)\)",
     "innstillingen «{k}» står to ganger (også i rad {r})"),
    (r"both sheets (?P<s>.*) are there; keep one \(only one would be read\)",
     "begge arkene {s} finnes; behold ett (bare ett ville blitt lest)"),
    (r"merged cells in (?P<a>.*); unmerge them .*", "sammenslåtte celler i {a}; del dem opp: hver kolonne "
     "trenger sin egen nøkkel og hver verdi sin egen celle"),
    (r"not a scenario workbook: none of the sheets (?P<s>.*) found .*",
     "ikke en scenarioarbeidsbok: ingen av arkene {s} finnes (last ned malen under «Last ned»)"),
    (r"the row of column keys \(row 3: (?P<k>.*)\) is missing",
     "raden med kolonnenøkler (rad 3: {k}) mangler"),
    (r"column key: (?P<m>.*)", "kolonnenøkkel: {m:t}"),
]

# --- a file that cannot be read (roster.input_files, roster.excel.safe_read) and a rota.json
# that does not check out (roster.rota, roster.rota_schema) -----------------------------------
_FILES: list[tuple[str, str]] = [
    (r"file not found", "filen finnes ikke"),
    (r"not a valid file name", "ikke et gyldig filnavn"),
    (r"cannot read the file \((?P<r>.*)\)", "kan ikke lese filen ({r:os})"),
    (r"is a folder; expected an? (?P<w>.+)", "er en mappe; forventet en {w:what}"),
    (r"is not a regular file \(a pipe, socket or device\); expected an? (?P<w>.+)",
     "er ikke en vanlig fil (et rør, en socket eller en enhet); forventet en {w:what}"),
    (r"the file is larger than (?P<n>\S+) MB, the most an? (?P<w>.+) may be",
     "filen er større enn {n:n} MB, det meste en {w:what} kan være"),
    (r"the file is (?P<s>\S+) MB; an? (?P<w>.+) may be at most (?P<n>\S+) MB",
     "filen er {s:n} MB; en {w:what} kan være høyst {n:n} MB"),
    (r"not UTF-8 text \(it is UTF-16\); save the file as UTF-8",
     "ikke UTF-8-tekst (den er UTF-16); lagre filen som UTF-8"),
    (r"not UTF-8 text \(byte (?P<b>\d+) cannot be read: .*\); save the file as UTF-8",
     "ikke UTF-8-tekst (byte {b} kan ikke leses); lagre filen som UTF-8"),
    (r"the text is larger than (?P<n>\S+) MB", "teksten er større enn {n:n} MB"),
    (r"not valid TOML: (?P<m>.*)", "ikke gyldig TOML: {m:toml}"),
    (r"not valid JSON for the planner: key '(?P<k>.*)' appears twice in one object; keep one",
     "ikke gyldig JSON for planleggeren: nøkkelen «{k}» står to ganger i samme objekt; behold én"),
    (r"not valid JSON: arrays or objects are nested too deeply",
     "ikke gyldig JSON: lister eller objekter ligger for dypt inni hverandre"),
    (r"not valid JSON \((?P<m>.*)\)", "ikke gyldig JSON ({m:json})"),
    (r"nested more than (?P<n>\d+) levels deep", "ligger mer enn {n} nivåer dypt"),
    # a rota.json
    (r"expected a JSON object", "forventet et JSON-objekt"),
    (r"expected one of (?P<c>.*)", "forventet en av {c}"),
    (r"(?P<d>\S+) is outside the rota's period (?P<a>[^.]+)\.\.(?P<b>\S+)",
     "{d:date} er utenfor turnusens periode {a:date}–{b:date}"),
    (r"a person has two assignments on one day \(at most one a day\)",
     "en person har to vakter samme dag (høyst én om dagen)"),
    (r"missing \(required\): expected an array of objects",
     "mangler (må fylles ut): forventet en liste med objekter"),
    (r"at most (?P<n>\d+) rows, got (?P<g>\d+)", "høyst {n} rader, fikk {g}"),
    (r"contains the control character (?P<c>.+)", "inneholder kontrolltegnet {c}"),
    (r"expected a whole number", "forventet et heltall"),
    (r"expected a number from (?P<a>\S+) to (?P<b>\S+)", "forventet et tall fra {a:n} til {b:n}"),
    (r"expected a date like 2027-01-31 \(not a valid date\)",
     "forventet en dato som 31.01.2027 (ikke en gyldig dato)"),
    (r"the year is out of range \(expected (?P<a>\d+)-(?P<b>\d+)\)",
     "året er utenfor området (forventet {a}–{b})"),
    (r"expected a time like 08:00 or null, got (?P<g>.+)",
     "forventet et klokkeslett som 08:00 eller null, fikk {g:d}"),
    (r"expected a colour like #cfe2f3 or null, got (?P<g>.+)",
     "forventet en farge som #cfe2f3 eller null, fikk {g:d}"),
    (r"expected \"error\" or \"warning\"", "forventet \"error\" eller \"warning\""),
    (r"item (?P<i>\d+): (?P<m>.*)", "element {i}: {m:t}"),
    (r"entry '(?P<k>.*)': (?P<m>.*)", "oppføring «{k}»: {m:t}"),
    (r"the end is before the start", "slutten er før starten"),
    (r"a rota covers at most (?P<n>\d+) days", "en turnus dekker høyst {n} dager"),
    # a workbook (roster.excel.safe_read, roster.excel.scenario_workbook)
    (r"a folder, not a workbook file", "en mappe, ikke en arbeidsbok-fil"),
    (r"not a regular file \(a pipe, socket or device\); give the path of an \.xlsx file",
     "ikke en vanlig fil (et rør, en socket eller en enhet); oppgi stien til en .xlsx-fil"),
    (r"the file is (?P<s>\S+) MB; a workbook may be at most (?P<n>\d+) MB \(a scenario or rota workbook "
     r"is usually well under 1 MB\)",
     "filen er {s:n} MB; en arbeidsbok kan være høyst {n} MB (en scenario- eller turnusarbeidsbok er "
     "vanligvis godt under 1 MB)"),
    (r"a password-protected \(encrypted\) workbook; remove the password .*",
     "en passordbeskyttet (kryptert) arbeidsbok; fjern passordet i Excel (Fil > Info > Beskytt "
     "arbeidsbok) og lagre den på nytt"),
    (r"an old Excel 97-2003 file \(\.xls\) or another Office binary file; .*",
     "en gammel Excel 97–2003-fil (.xls) eller en annen binær Office-fil; åpne den i Excel og lagre "
     "den som Excel-arbeidsbok (.xlsx)"),
    (r"an Excel binary workbook \(\.xlsb\); .*",
     "en binær Excel-arbeidsbok (.xlsb); lagre den som Excel-arbeidsbok (.xlsx)"),
    (r"an OpenDocument spreadsheet \(\.ods\); .*",
     "et OpenDocument-regneark (.ods); lagre det som Excel-arbeidsbok (.xlsx)"),
    (r"not a readable Excel workbook \(\.xlsx\): (?P<m>.*)",
     "ikke en lesbar Excel-arbeidsbok (.xlsx): {m:t}"),
    (r"the file is empty \(0 bytes\)", "filen er tom (0 byte)"),
    (r"the file is not a zip archive", "filen er ikke et zip-arkiv"),
    (r"a damaged zip archive \(.*\)", "et skadet zip-arkiv"),
    (r"a zip archive, but not an Excel workbook", "et zip-arkiv, men ikke en Excel-arbeidsbok"),
    (r"the zip holds (?P<n>[\d ]+) parts; a workbook may hold at most (?P<m>[\d ]+)",
     "zip-arkivet har {n} deler; en arbeidsbok kan ha høyst {m}"),
    (r"part (?P<p>.+) is encrypted", "delen {p} er kryptert"),
    (r"part (?P<p>.+) unpacks from (?P<a>[\d ]+) to (?P<b>[\d ]+) bytes, more than (?P<n>\d+) times "
     r"\(a zip bomb\?\)", "delen {p} pakkes ut fra {a} til {b} byte, mer enn {n} ganger (en zip-bombe?)"),
    (r"it unpacks to (?P<a>\d+) MB; a workbook may unpack to at most (?P<b>\d+) MB",
     "den pakkes ut til {a} MB; en arbeidsbok kan pakkes ut til høyst {b} MB"),
    (r"it holds more than (?P<n>[\d ]+) XML elements, far more than a scenario or a rota",
     "den har mer enn {n} XML-elementer, langt flere enn et scenario eller en turnus"),
    (r"more than (?P<n>[\d ]+) filled cells; that is far more than a scenario or a rota holds",
     "mer enn {n} fylte celler; langt flere enn et scenario eller en turnus har"),
    (r"a value far below the table \(row (?P<r>[\d ]+)\); a sheet may use at most (?P<n>[\d ]+) rows: .*",
     "en verdi langt under tabellen (rad {r}); et ark kan bruke høyst {n} rader: tøm den cellen (eller "
     "slett radene under tabellen) og lagre"),
    (r"a value far right of the table \(column (?P<c>[A-Z]+), number (?P<k>[\d ]+)\); a sheet may use at "
     r"most (?P<n>\d+) columns \(up to (?P<u>[A-Z]+)\): .*",
     "en verdi langt til høyre for tabellen (kolonne {c}, nummer {k}); et ark kan bruke høyst {n} "
     "kolonner (til og med {u}): tøm den cellen (eller slett kolonnene) og lagre"),
    (r"a damaged sheet that cannot be read \(.*\)", "et skadet ark som ikke kan leses"),
    (r"not a finite number \((?P<v>.*)\)", "ikke et endelig tall ({v})"),
    (r"a duration \((?P<v>.*)\); type the value as a number or text",
     "en varighet ({v}); skriv verdien som et tall eller tekst"),
    (r"expected (?P<w>.+), got (?P<v>TRUE|FALSE) \(a yes/no value\)",
     "forventet {w:d}, fikk {v} (en ja/nei-verdi)"),
    (r"expected (?P<w>.+), got a duration \((?P<v>.*)\)", "forventet {w:d}, fikk en varighet ({v})"),
    (r"expected a number, got a date or time \((?P<v>.*?)\); .*",
     "forventet et tall, fikk en dato eller et klokkeslett ({v}); formater cellen som tall"),
    (r"expected (?P<w>.+), got a time of day \((?P<v>.*)\)", "forventet {w:d}, fikk et klokkeslett ({v})"),
]

# --- the last resort: "expected X, got Y" of every reader -----------------------------------
_GENERIC: list[tuple[str, str]] = [
    (r"expected (?P<w>.+), got (?P<g>.+)", "forventet {w:d}, fikk {g:d}"),
]
PATTERNS = [(re.compile(rf"^{rx}$", re.DOTALL), nb) for rx, nb in _RAW + _FILES + _GENERIC]


def _number(text: str) -> str:
    """A number in a message written the Norwegian way (12.5 -> 12,5)."""
    return re.sub(r"(?<=\d)\.(?=\d)", ",", text)


def _date(text: str) -> str:
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text.strip())
    return f"{m[3]}.{m[2]}.{m[1]}" if m else text


_FIELD = re.compile(r"\{(\w+)(?::(\w+))?\}")


def _fill(template: str, groups: dict[str, str]) -> str:
    def one(m: re.Match) -> str:
        value = groups.get(m[1]) or ""
        how = m[2]
        if how == "d":
            return _d(value)
        if how == "n":
            return _number(value)
        if how == "date":
            return _date(value)
        if how == "t":  # a message inside a message
            return translate(value) or value
        if how == "os":
            return STRERROR_NB.get(value, value)
        if how == "what":
            return WHAT.get(value, value)
        if how == "toml":
            return toml_error(value)
        if how == "json":
            return json_error(value)
        return value

    return _FIELD.sub(one, template)


def translate(message: str) -> str | None:
    """The message in bokmål, or None when no template matches it."""
    for rx, nb in PATTERNS:
        m = rx.match(message.strip())
        if m:
            return _fill(nb, m.groupdict())
    return None


_CELL = re.compile(r"^sheet '(?P<t>[^']*)', cell (?P<c>[A-Z]+\d+)(?: \((?P<s>[^,]+), (?P<d>[^)]+)\))?: "
                   r"(?P<m>.*)$",
                   re.DOTALL)
_ROTA_MESSAGES = [(re.compile(rf"^{rx}$", re.DOTALL), nb) for rx, nb in [
    (r"unknown shift code '(?P<c>.*)' \(known: (?P<k>.*); empty = day off\)",
     "ukjent vaktkode «{c}» (kjente: {k}; tom = fri)"),
    (r"staff id '(?P<s>.*)' is not in the scenario", "ansatt-id «{s}» finnes ikke i scenarioet"),
    (r"staff id '(?P<s>.*)' appears twice", "ansatt-id «{s}» står to ganger"),
    (r"date (?P<d>\S+) is outside the scenario's period (?P<a>[^.]+)\.\.(?P<b>\S+)",
     "datoen {d:date} er utenfor scenarioets periode {a:date}–{b:date}"),
    (r"date (?P<d>\S+) appears twice", "datoen {d:date} står to ganger"),
]]


def rota_problem(text: str, lang: str) -> str:
    """A problem of an uploaded rota workbook (``roster.excel.rota_import``) in bokmål."""
    if lang != "nb":
        return text
    m = _CELL.match(text.strip())
    if m:
        inner = m["m"]
        for rx, nb in _ROTA_MESSAGES:
            hit = rx.match(inner)
            if hit:
                inner = _fill(nb, hit.groupdict())
                break
        else:
            inner = translate(inner) or inner
        who = f" ({m['s']}, {_date(m['d'])})" if m["s"] else ""
        return f"ark «{m['t']}», celle {m['c']}{who}: {inner}"
    m = re.match(r"^sheet '(?P<t>[^']*)', row (?P<r>\d+): no dates found in the header row$", text)
    if m:
        return f"ark «{m['t']}», rad {m['r']}: fant ingen datoer i overskriftsraden"
    if "merged cells in the turnus grid" in text:
        return ("sammenslåtte celler i turnusrutenettet; del dem opp: hver person og dato trenger "
                "sin egen celle")
    if "no sheet named 'Turnus'" in text:
        return "fant ikke arket «Turnus» (last ned turnusen som Excel fra appen, rediger og last opp igjen)"
    if "no header row with" in text:
        return "fant ingen overskriftsrad med «ID» i kolonne A i arket «Turnus»"
    return translate(text) or text


def message(message: str, lang: str) -> str:
    """The message in the page's language (an unknown bokmål one stays English)."""
    if lang != "nb":
        return message
    return translate(message) or message


def where(section: str, row: int | None, key: str | None, raw: str, lang: str) -> str:
    """The place of a problem: 'Ansatte, rad 2, id' (bokmål) or the loader's own path."""
    if lang != "nb":
        return raw
    parts = [SECTIONS.get(section, section)]
    if row is not None:
        parts.append(f"rad {row + 1}")
    if key:
        parts.append(KEYS.get(key, key))
    return ", ".join(parts)


# --- a TOML file that does not parse (tomllib's messages, Python 3.11-3.13) ----------------
TOML_ERRORS: list[tuple[str, str]] = [
    (r"Cannot declare (?P<k>.+) twice", "tabellen {k} er gitt to ganger"),
    (r"Cannot mutate immutable namespace (?P<k>.+)", "{k} er allerede gitt og kan ikke utvides"),
    (r"Cannot overwrite a value", "en nøkkel er gitt to ganger"),
    (r"Cannot redefine namespace (?P<k>.+)", "{k} er allerede gitt og kan ikke gis på nytt"),
    (r"Duplicate inline table key (?P<k>.+)", "nøkkelen {k} står to ganger i samme {{...}}"),
    (r"Escaped character is not a Unicode scalar value", "et \\u-tegn er ikke et gyldig Unicode-tegn"),
    (r"Expected '=' after a key in a key/value pair", "mangler «=» etter en nøkkel"),
    (r"Expected '\]' at the end of a table declaration", "mangler «]» på slutten av en [tabell]-linje"),
    (r"Expected '\]\]' at the end of an array declaration",
     "mangler «]]» på slutten av en [[tabell]]-linje"),
    (r"Expected (?P<e>.+)", "forventet {e}"),
    (r"Found invalid character (?P<c>.+)", "ugyldig tegn {c}"),
    (r"Illegal character (?P<c>.+)", "ugyldig tegn {c} (for eksempel en tekst uten avsluttende «\"»)"),
    (r"Invalid date or datetime", "ugyldig dato eller tidspunkt"),
    (r"Invalid hex value", "ugyldig heksadesimal verdi"),
    (r"Invalid initial character for a key part", "en nøkkel begynner med et ugyldig tegn"),
    (r"Invalid statement", "linjen er verken en nøkkel = verdi eller en [tabell]"),
    (r"Invalid value", "ugyldig verdi (tekst må stå i anførselstegn)"),
    (r"Unclosed array", "en liste [...] er ikke lukket"),
    (r"Unclosed inline table", "en tabell {...} er ikke lukket"),
    (r"Unescaped '\\\\' in a string", "en «\\» i en tekst må skrives «\\\\»"),
    (r"Unterminated string", "en tekst mangler avsluttende anførselstegn"),
]
_TOML = [(re.compile(rf"^{rx}$", re.DOTALL), nb) for rx, nb in TOML_ERRORS]
_AT = re.compile(r"^(?P<m>.*?)\s*\(at (?:line (?P<l>\d+), column (?P<c>\d+)|end of document)\)$", re.DOTALL)


def toml_error(detail: str) -> str:
    """'not valid TOML: Illegal character '\\n' (at line 19, column 17)' in bokmål: 'linje
    19, kolonne 17: ugyldig tegn ...' (a message no template knows is kept as it is)."""
    text = detail.removeprefix("not valid TOML: ").strip()
    if text == "arrays or tables are nested too deeply":
        return "lister eller tabeller ligger for dypt inni hverandre"
    m = _AT.match(text)
    inner, place = (m["m"], (f"linje {m['l']}, kolonne {m['c']}" if m["l"] else "ved slutten av filen")) \
        if m else (text, "")
    for rx, nb in _TOML:
        hit = rx.match(inner)
        if hit:
            inner = nb.format(**hit.groupdict())
            break
    return f"{place}: {inner}" if place else inner


# --- a place in a scenario workbook (roster.excel.scenario_workbook / safe_read) -------------
_PLACES = [
    (re.compile(r"^sheet '(?P<t>[^']*)', row (?P<r>\d+), column (?P<c>[A-Z]+) \((?P<k>[^)]*)\)$"),
     lambda m: f"ark «{m['t']}», rad {m['r']}, kolonne {m['c']} ({KEYS.get(m['k'], m['k'])})"),
    (re.compile(r"^sheet '(?P<t>[^']*)', row (?P<r>\d+) \((?P<k>[^)]*)\)$"),
     lambda m: f"ark «{m['t']}», rad {m['r']} ({m['k']})"),
    (re.compile(r"^sheet '(?P<t>[^']*)', row (?P<r>\d+)$"), lambda m: f"ark «{m['t']}», rad {m['r']}"),
    (re.compile(r"^sheet '(?P<t>[^']*)', entry (?P<r>\d+)$"), lambda m: f"ark «{m['t']}», rad {m['r']}"),
    (re.compile(r"^sheet '(?P<t>[^']*)', row (?P<r>\d+), column (?P<c>[A-Z]+)$"),
     lambda m: f"ark «{m['t']}», rad {m['r']}, kolonne {m['c']}"),
    (re.compile(r"^sheet '(?P<t>[^']*)', column (?P<c>[A-Z]+)$"),
     lambda m: f"ark «{m['t']}», kolonne {m['c']}"),
    (re.compile(r"^sheet '(?P<t>[^']*)', cell (?P<c>[A-Z]+\d+)$"),
     lambda m: f"ark «{m['t']}», celle {m['c']}"),
    (re.compile(r"^sheet '(?P<t>[^']*)', cells (?P<c>.+?)(?: and (?P<n>\d+) more)?$"),
     lambda m: f"ark «{m['t']}», cellene {m['c']}" + (f" og {m['n']} til" if m["n"] else "")),
    (re.compile(r"^sheet '(?P<t>[^']*)' \((?P<k>[^)]*)\)$"), lambda m: f"ark «{m['t']}» ({m['k']})"),
    (re.compile(r"^sheet '(?P<t>[^']*)'$"), lambda m: f"ark «{m['t']}»"),
]


def place(text: str) -> str:
    """"sheet 'Fravær', row 5, column B (start)" in bokmål: "ark «Fravær», rad 5, kolonne B
    (fra)"; a place no pattern knows is kept as it is."""
    for rx, nb in _PLACES:
        m = rx.match(text.strip())
        if m:
            return nb(m)
    return text


# --- a JSON file that does not parse (json's messages) ---------------------------------------
JSON_ERRORS: list[tuple[str, str]] = [
    (r"Expecting value", "forventet en verdi"),
    (r"Expecting '(?P<c>.)' delimiter", "forventet «{c}»"),
    (r"Expecting property name enclosed in double quotes", "forventet et nøkkelnavn i doble anførselstegn"),
    (r"Unterminated string starting at", "en tekst mangler avsluttende anførselstegn"),
    (r"Extra data", "mer tekst etter slutten av JSON-dataene"),
    (r"Invalid control character at", "ugyldig kontrolltegn i en tekst"),
    (r"Invalid \\escape", "ugyldig «\\»-tegn i en tekst"),
    (r"Invalid \\uXXXX escape", "ugyldig \\u-tegn i en tekst"),
    (r"Exceeds the limit .*", "et tall med for mange sifre"),
]
_JSON = [(re.compile(rf"^{rx}$", re.DOTALL), nb) for rx, nb in JSON_ERRORS]
_JSON_AT = re.compile(r"^(?P<m>.*?): line (?P<l>\d+) column (?P<c>\d+) \(char \d+\)$", re.DOTALL)


def json_error(detail: str) -> str:
    """"Expecting value: line 1 column 1 (char 0)" in bokmål: "linje 1, kolonne 1: forventet en
    verdi" (a message no template knows is kept as it is)."""
    m = _JSON_AT.match(detail.strip())
    inner, where_ = (m["m"], f"linje {m['l']}, kolonne {m['c']}") if m else (detail.strip(), "")
    for rx, nb in _JSON:
        hit = rx.match(inner)
        if hit:
            inner = _fill(nb, hit.groupdict())
            break
    return f"{where_}: {inner}" if where_ else inner


# --- a problem of a scenario file, as the CLI prints it --------------------------------------
_KEY_PATH = re.compile(r"^(?P<s>[^\s.#]+)(?: #(?P<r>\d+))?(?:\.(?P<k>.+))?$")
_LINE = re.compile(r"^line (?P<l>\d+) \((?P<p>.*)\)$", re.DOTALL)


def key_path(text: str) -> str:
    """A loader's key path in bokmål: 'staff #2.fte' -> 'Ansatte, rad 2, stilling'."""
    m = _KEY_PATH.match(text.strip())
    if not m:
        return text
    return where(m["s"], int(m["r"]) - 1 if m["r"] else None, m["k"], text, "nb")


def problem_place(text: str) -> str:
    """The place of a scenario problem in bokmål: 'line 12 (staff #2.fte)' -> 'linje 12
    (Ansatte, rad 2, stilling)'; a workbook's sheet, row and column (:func:`place`)."""
    text = text.strip()
    m = _LINE.match(text)
    if m:
        return f"linje {m['l']} ({key_path(m['p'])})"
    if text.startswith("sheet '"):
        return place(text)
    return key_path(text)


# --- an English-only user error (the CLI's fallback) -----------------------------------------
_HEADS = {"top level": "øverste nivå", "cost file": "kostnadsfil", "rule pack": "regelpakke"}


def _head(text: str) -> str:
    return ": ".join(_HEADS.get(part, place(part)) for part in text.split(": "))


def user_error(text: str) -> str | None:
    """An English-only user error in bokmål: the whole message from a template, or
    'file: key: message' with the message from one (the file and key kept, a workbook's
    place in bokmål); None when no template knows it."""
    text = text.strip()
    nb = translate(text)
    if nb is not None:
        return nb
    at = text.find(": ")
    while at >= 0:
        nb = translate(text[at + 2:])
        if nb is not None:
            return f"{_head(text[:at])}: {nb}"
        at = text.find(": ", at + 2)
    return None
