"""The app's texts in Norwegian bokmål and English.

Domain terms stay Norwegian in both languages (turnus, årsverk, vikar, helg, kveld,
høytidsdag), as unit leaders use them; docs/glossary.md explains them once.
"""

from __future__ import annotations

LANGS: tuple[str, ...] = ("nb", "en")

TEXT: dict[str, tuple[str, str]] = {
    # navigation
    "navigate": ("Side", "Page"),
    "page_scenario": ("1 Scenario", "1 Scenario"),
    "page_plan": ("2 Turnus", "2 Turnus (rota)"),
    "page_whatif": ("3 Hva om: fravær", "3 What if: absence"),
    "page_workbench": ("4 Arbeidsbenk: lagre, sammenlign, publiser", "4 Workbench: save, compare, publish"),
    "page_staffing": ("5 Bemanning og simulering", "5 Staffing and simulation"),
    "page_download": ("6 Last ned", "6 Download"),
    "loaded": ("Lastet: {name}", "Loaded: {name}"),
    "has_rota": ("Turnus: {status}", "Turnus: {status}"),
    "intro": ("Last inn en enhet, endre bemanning og tjenestenivå, og se hva det gjør med turnusen.",
              "Load a unit, change staffing and service levels, and see what it does to the turnus."),
    "nothing_loaded": ("Ingen scenario lastet ennå. Velg et eksempel eller last opp en fil på side 1.",
                       "No scenario loaded yet. Pick an example or upload a file on page 1."),
    # loading
    "load_header": ("Last inn", "Load"),
    "example": ("Eksempel", "Example"),
    "load_example": ("Last inn eksempel", "Load example"),
    "upload": ("Last opp scenario (.toml eller .xlsx, inntil 2 MB)",
               "Upload a scenario (.toml or .xlsx, up to 2 MB)"),
    "upload_help": ("Samme format som data/*.toml eller scenariomalen i Excel.",
                    "Same format as data/*.toml or the Excel scenario template."),
    "upload_refused": ("Filen ble ikke lest: {reason}", "The file was not read: {reason}"),
    "refuse_too_big": ("den er {detail} MB; grensen er 2 MB. Et scenario er vanligvis noen få kB.",
                       "it is {detail} MB; the limit is 2 MB. A scenario is usually a few kB."),
    "refuse_empty": ("filen er tom.", "the file is empty."),
    "refuse_not_utf8": ("filen er ikke UTF-8-tekst. Lagre den som UTF-8 og prøv igjen.",
                        "the file is not UTF-8 text. Save it as UTF-8 and try again."),
    "refuse_bad_toml": ("filen er ikke gyldig TOML ({detail}).", "the file is not valid TOML ({detail})."),
    "refuse_bad_kind": ("filtypen «{detail}» støttes ikke; bruk .toml eller .xlsx.",
                        "file type '{detail}' is not supported; use .toml or .xlsx."),
    "refuse_bad_xlsx": ("arbeidsboken kunne ikke leses ({detail}). Bruk scenariomalen.",
                        "the workbook could not be read ({detail}). Use the scenario template."),
    "refuse_no_excel": ("Excel-import er ikke tilgjengelig i denne installasjonen; bruk .toml.",
                        "Excel import is not available in this installation; use .toml."),
    "saved_header": ("Lagrede enheter og turnuser", "Saved units and rotas"),
    "saved_none": ("Ingen lagrede turnuser funnet.", "No saved rotas found."),
    "saved_unit": ("Enhet", "Unit"),
    "saved_rota": ("Turnus", "Rota"),
    "saved_open": ("Åpne lagret turnus", "Open saved rota"),
    "save_draft": ("Lagre som utkast", "Save as draft"),
    "saved_draft": ("Lagret som utkast nr. {id} i {path}.", "Saved as draft #{id} in {path}."),
    # validation
    "scenario_ok": ("Scenarioet er gyldig: {name}, {start} til {end}, {n} ansatte, {fte} årsverk.",
                    "The scenario is valid: {name}, {start} to {end}, {n} staff, {fte} årsverk."),
    "scenario_invalid": ("Scenarioet har {n} feil som må rettes før det kan planlegges (se under).",
                         "The scenario has {n} problem(s) to fix before it can be planned (see below)."),
    # editing
    "staff_header": ("Ansatte", "Staff"),
    "absences_header": ("Fravær (ferie, sykmelding, kurs, permisjon)",
                        "Absences (ferie, sykmelding, course, leave)"),
    "wishes_header": ("Ønsker", "Wishes"),
    "skills_help": ("Kompetanse, kommaseparert (f.eks. nurse, vernepleier).",
                    "Skills, comma-separated (e.g. nurse, vernepleier)."),
    "service_header": ("Tjenestenivå", "Service levels"),
    "service_help": ("Hvor ofte kveld, helg og høytid skal åpnes, og minste bemanning når de er åpne.",
                     "How often kveld, helg and høytid open, and the minimum staff when open."),
    "rules_header": ("Regler", "Rules"),
    "rules_help": ("Arbeidstidsreglene fra regelpakken, med kilden i hjelpeteksten; 0 slår av en regel "
                   "som kan slås av.",
                   "The working-time rules from the rule pack, with their source in the help text; "
                   "0 turns off a rule that can be off."),
    "open_mode": ("Åpnes", "Opened"),
    "open_always": ("hver gang", "every time"),
    "open_week": ("antall per uke", "count per week"),
    "open_month": ("antall per måned", "count per month"),
    "open_count": ("Antall {unit} per {per}", "Number of {unit} per {per}"),
    "unit_day": ("dager", "days"),
    "per_week": ("uke", "week"),
    "per_month": ("måned", "month"),
    "per_period": ("periode", "period"),
    "unit_weekend": ("helger", "weekends (helger)"),
    "holiday_hours": ("Betalte timer på høytidsvakt ({code})", "Paid hours on the høytid shift ({code})"),
    # columns
    "col_name": ("Navn", "Name"),
    "col_fte": ("Stillingsprosent", "Stillingsprosent (FTE %)"),
    "col_skills": ("Kompetanse", "Skills"),
    "col_role": ("Rolle", "Role"),
    "col_staff": ("Ansatt", "Staff"),
    "col_from": ("Fra", "From"),
    "col_to": ("Til", "To"),
    "col_kind": ("Type", "Kind"),
    "col_shift": ("Vakt", "Shift"),
    "col_weight": ("Vekt", "Weight"),
    "col_min_staff": ("Minste bemanning", "Minimum staff"),
    "col_planned": ("Planlagte timer", "Planned hours"),
    "col_target": ("Mål", "Target"),
    "col_shifts": ("Vakter", "Shifts"),
    "col_evenings": ("Kvelder", "Kvelder (evenings)"),
    "col_weekends": ("Helger", "Helger (weekends)"),
    "col_holidays": ("Høytidsdager", "Høytidsdager (holidays)"),
    "col_rule": ("Regel", "Rule"),
    "col_severity": ("Alvor", "Severity"),
    "col_detail": ("Forklaring", "Detail"),
    "col_requirement": ("Krav", "Requirement"),
    "col_opened": ("Åpnet / mulig", "Opened / possible"),
    "col_before": ("Før", "Before"),
    "col_after": ("Etter", "After"),
    "date": ("Dato", "Date"),
    "grid_person": ("Ansatt", "Staff"),
    # planning
    "time_limit": ("Tidsgrense for planleggingen (sekunder)", "Time limit for planning (seconds)"),
    "time_limit_help": ("Planleggeren gir det beste den har funnet når tiden er ute.",
                        "The planner returns the best turnus found when the time is up."),
    "solve": ("Lag turnus", "Plan the turnus"),
    "solving": ("Lager turnus (inntil {n} s) …", "Planning the turnus (up to {n} s) …"),
    "solved": ("Ferdig: {status}", "Done: {status}"),
    "not_solved": ("Trykk «Lag turnus» for å planlegge.", "Press 'Plan the turnus' to plan."),
    "stale": ("Scenarioet er endret etter at turnusen ble laget. Lag turnus på nytt for å se virkningen.",
              "The scenario has changed since the turnus was planned. Plan again to see the effect."),
    "status_optimal": ("optimal", "optimal"),
    "status_feasible": ("gyldig", "feasible"),
    "status_infeasible": ("regelbrudd", "rule breaches"),
    "status_error": ("feil", "error"),
    "infeasible_help": ("Ingen turnus oppfyller alle reglene. Listen over brutte regler viser hva som "
                        "må gi seg: legg til bemanning, senk tjenestenivået eller flytt fravær.",
                        "No turnus meets every rule. The list of broken rules shows what has to give: "
                        "add staff, lower the service level or move absences."),
    "m_status": ("Status", "Status"),
    "status_help": ("optimal: bevist best; gyldig: alle regler holdt, men tidsgrensen stoppet søket; "
                    "brudd: noen regler måtte brytes (se listen).",
                    "optimal: proven best; feasible: every rule held, but the time limit stopped the "
                    "search; breaches: some rules had to give (see the list)."),
    "m_shortfalls": ("Vakter med for få", "Shifts short"),
    "m_errors": ("Regelbrudd", "Rule breaches"),
    "m_hours": ("Timer planlagt", "Hours planned"),
    "m_seconds": ("Sekunder", "Seconds"),
    "grid_header": ("Turnus (ansatte × datoer)", "Turnus (staff × dates)"),
    "coverage_header": ("Dekning (datoer × vakter)", "Coverage (dates × shifts)"),
    "coverage_help": ("Antall på vakt / krav. Rødt med «!» = for få; «–» = ikke åpnet.",
                      "Staff on duty / required. Red with '!' = short; '–' = not opened."),
    "service_level_header": ("Tjenestenivå oppnådd", "Service level achieved"),
    "fairness_header": ("Fordeling per ansatt", "Fairness per person"),
    "violations_header": ("Regler som ikke er oppfylt", "Rules not met"),
    "no_violations": ("Alle regler er oppfylt.", "Every rule is met."),
    # what-if
    "solve_first": ("Lag en turnus først (side 2).", "Plan a turnus first (page 2)."),
    "sick_header": ("Registrer fravær: én eller flere ansatte, en periode",
                    "Register absence: one or more people, a date range"),
    "sick_help": ("Legg til ett eller flere fravær (flere ansatte kan få samme periode), og planlegg "
                  "på nytt én gang. Dager før første fraværsdag beholdes; resten endres så lite som mulig.",
                  "Add one or more absences (several people can share a date range), then re-plan "
                  "once. Days before the first day away are kept; the rest changes as little as possible."),
    "replan": ("Planlegg på nytt med fraværet ({n})", "Re-plan with the absences ({n})"),
    "replanning": ("Planlegger på nytt …", "Re-planning …"),
    "to_before_from": ("Til-datoen er før fra-datoen.", "The 'to' date is before the 'from' date."),
    "changes_header": ("Endringer ({n} vakter)", "Changes ({n} person-days)"),
    "no_changes": ("Ingen endringer trengtes.", "No changes were needed."),
    "short_header": ("Vakter som fortsatt mangler folk eller er stengt ({n})",
                     "Shifts still short or closed ({n})"),
    "short_help": ("Hvem som kan ta vakten uten å bryte en regel, billigst først (uten overtid først).",
                   "Who could take the shift without breaking a rule, cheapest first (no overtime first)."),
    "col_staffed": ("På vakt / minimum", "On duty / minimum"),
    "col_candidates": ("Kan ta vakten", "Could take it"),
    "overtime": ("overtid", "overtid (overtime)"),
    "vikar_needed": ("ingen uten regelbrudd: vikar trengs", "nobody without a rule breach: vikar needed"),
    "proposed": ("Forslag", "Proposed"),
    "current": ("Nå", "Current"),
    "accept": ("Bruk forslaget som gjeldende turnus", "Use the proposal as the current turnus"),
    "accepted": ("Forslaget er nå gjeldende turnus.", "The proposal is now the current turnus."),
    # staffing
    "compare_header": ("Sammenlign bemanning: nå og forslag", "Compare staffing: current and proposed"),
    "compare_help": ("Forslaget legger til ansatte; tabellen viser tjenestenivå, årsverk, kostnad og "
                     "robusthet for begge.", "The proposal adds staff; the table shows service level, "
                     "årsverk, cost and robustness for both."),
    "extra_staff": ("Ekstra ansatte i forslaget", "Extra staff in the proposal"),
    "extra_fte": ("Stilling per ny ansatt (årsverk)", "FTE per new person (årsverk)"),
    "absence_rate": ("Fraværsrate", "Absence rate"),
    "compare": ("Sammenlign", "Compare"),
    "comparing": ("Sammenligner (planlegger begge) …", "Comparing (planning both) …"),
    "compared": ("Sammenligning ferdig", "Comparison done"),
    "measure": ("Mål", "Measure"),
    "compare_note": ("Én måned planlagt for hvert alternativ; kostnad for et helt år (coverage.budget); "
                     "robusthet fra {runs} simuleringer med {rate} % fravær.",
                     "One month planned for each option; cost for a whole year (coverage.budget); "
                     "robustness from {runs} simulations at {rate} % absence."),
    "cmp_service": ("Tjenestenivå: åpnet / mål i måneden", "Service level: opened / target in the month"),
    "cmp_arsverk": ("Årsverk i turnus", "Årsverk in the turnus"),
    "cmp_arsverk_needed": ("Årsverk som trengs for målet", "Årsverk needed for the target"),
    "cmp_headcount": ("Antall ansatte", "Headcount"),
    "cmp_cost_evening": ("Kostnad per åpnet kveld (kr)", "Cost per opened kveld (kr)"),
    "cmp_status": ("Planlagt måned: status", "Planned month: status"),
    "cmp_cost": ("Lønnskostnad per år (kr)", "Salary cost per year (kr)"),
    "cmp_robust": ("Sannsynlighet for å holde minimum ved fravær",
                   "Chance of keeping the minimum under absence"),
    "cmp_short": ("Vakter med for få", "Shifts short"),
    "cmp_vikar": ("Vikartimer (snitt)", "Vikar hours (mean)"),
    "robust_header": ("Robusthet (N-1): hva tåler turnusen én sykmelding?",
                      "Robustness (N-1): what one sick call does to the turnus"),
    "robust_help": ("Hvis én person på vakt melder seg syk og ingen kalles inn: andelen vakter der det "
                    "ikke bryter noe, og vaktene uten margin.",
                    "If one person on duty calls in sick and nobody is called in: the share of "
                    "person-days where that breaks nothing, and the shifts without margin."),
    "robust_score": ("Tåler ett fravær", "Survives one absence"),
    "weak_count": ("Vakter uten margin", "Shifts without margin"),
    "col_critical": ("Kritiske ansatte", "Critical staff"),
    "feature_robustness": ("Robusthetsanalyse", "Robustness analysis"),
    "simulate_header": ("Fraværssimulering", "Absence simulation"),
    "simulate_help": ("Trekker tilfeldig fravær mange ganger og teller vakter som står uten nok folk.",
                      "Draws random absence many times and counts shifts left without enough staff."),
    "runs": ("Antall kjøringer", "Runs"),
    "seed": ("Startverdi (seed)", "Seed"),
    "simulate": ("Simuler", "Simulate"),
    "simulating": ("Simulerer …", "Simulating …"),
    "p_keeps": ("Holder minimum", "Keeps the minimum"),
    "vikar_hours": ("Vikartimer (snitt)", "Vikar hours (mean)"),
    "vikar_cost": ("Vikarkostnad (snitt)", "Vikar cost (mean)"),
    "histogram_caption": ("Fordeling: andel kjøringer etter antall udekkede vakter.",
                          "Distribution: share of runs by number of uncovered shifts."),
    "uncovered": ("Udekkede vakter", "Uncovered shifts"),
    "runs_share": ("Andel kjøringer", "Share of runs"),
    # download
    "dl_scenario": ("Last ned scenario (.toml)", "Download the scenario (.toml)"),
    "dl_rota_json": ("Last ned turnus (rota.json)", "Download the turnus (rota.json)"),
    "dl_rota_xlsx": ("Last ned turnus som Excel (.xlsx)", "Download the turnus as Excel (.xlsx)"),
    "download_help": ("Filene inneholder fravær (helseopplysninger ved sykmelding): del dem bare med "
                      "dem som skal ha dem.", "The files hold absences (health data for sick leave): "
                      "share them only with those who need them."),

    # --- the workbench (issue 18) -------------------------------------------------------------
    "col_id": ("ID", "ID"),
    "col_pct": ("Stillingsprosent (%)", "Stillingsprosent (%)"),
    "col_pct_help": ("Stillingsprosent: 100 = full stilling, 80 = 80 %.",
                     "Stillingsprosent: 100 = a full post, 80 = 80 %."),
    "col_percent": ("Prosent", "Percent"),
    "col_band": ("Avtalt spenn (timer)", "Contract band (hours)"),
    "col_by": ("Av", "By"),
    "col_could": ("Egne som kan ta den", "Own staff who could take it"),
    "col_missing": ("Mangler", "Missing"),
    "col_reason": ("Årsak", "Reason"),
    "col_status": ("Status", "Status"),
    "col_time": ("Tid", "Time"),
    "col_what": ("Hva", "What"),
    "col_when": ("Når", "When"),
    "period": ("Periode", "Period"),
    "week": ("Uke", "Week"),
    "week_short": ("uke", "week"),
    "hours_unit": ("t", "h"),
    "off": ("fri", "off"),
    "day_of_month": ("Dag i måneden", "Day of the month"),
    "opened_of": ("{opened} av {target}", "{opened} of {target}"),
    # status in red, shortfalls counted one way everywhere
    "status_red": ("Status: {status}. Turnusen bryter {errors} regel(er) og har {base} grunnvakt(er) "
                   "under minimum. Se «Regler og ledige vakter».",
                   "Status: {status}. The turnus breaks {errors} rule(s) and has {base} base shift(s) "
                   "below the minimum. See 'Rules and open shifts'."),
    "status_red_why": ("Status: {status}. {why}. Se «Regler og ledige vakter».",
                       "Status: {status}. {why}. See 'Rules and open shifts'."),
    "k_base_short": ("Grunnvakter som mangler", "Base shifts short"),
    "k_base_short_help": ("Vakter i grunnbemanningen med færre enn minimum på vakt, eller uten "
                          "kompetansen de krever (som sykepleier).",
                          "Base-coverage shifts with fewer than their minimum on duty, or without "
                          "a skill they need (such as a nurse)."),
    "k_alone": ("Åpnet under min.", "Opened below min."),
    "k_alone_help": ("Kveld, helg eller høytid åpnet med færre enn minimum (aldri én alene: fyll eller "
                     "steng).",
                     "Kveld, helg or høytid opened with fewer than the minimum (never one alone: fill "
                     "or close it)."),
    "k_closed": ("Stengt under målet", "Closed below target"),
    "k_closed_help": ("Kvelder/helger/høytidsdager som målet ville ha åpnet, men som er stengt.",
                      "Kvelder/helger/høytidsdager the target wanted opened that are closed."),
    "k_base_short_long": ("Grunnvakter som mangler folk", "Base shifts short"),
    "k_alone_long": ("Tjenestevakter åpnet under minimum", "Service shifts opened below minimum"),
    "k_closed_long": ("Tjenestevakter stengt under målet", "Service shifts closed below the target"),
    "k_skill": ("Kompetanse mangler", "Skill missing"),
    # planning in the background
    "job_plan": ("Lager turnus", "Planning the turnus"),
    "job_replan": ("Planlegger på nytt etter fravær", "Re-planning after the absences"),
    "job_around_locks": ("Planlegger resten rundt de låste cellene",
                         "Re-planning the rest around the locked cells"),
    "job_progress": ("steg {index} av {of}: {stage} · beste verdi så langt: {best} · "
                     "{seconds} s av {limit} s",
                     "stage {index} of {of}: {stage} · best value so far: {best} · {seconds} s of {limit} s"),
    "job_building": ("bygger modellen", "building the model"),
    "job_time": ("{seconds} s brukt av {limit} s", "{seconds} s used of {limit} s"),
    "job_cancelling": ("Avbryter: planleggeren stopper ved neste steg og beholder den beste turnusen så "
                       "langt …",
                       "Cancelling: the planner stops at the next step and keeps the best turnus so far …"),
    "job_running_side": ("Planlegging pågår …", "Planning is running …"),
    "job_done": ("Ferdig: {status} ({seconds} s).", "Done: {status} ({seconds} s)."),
    "job_stopped": ("Avbrutt etter {seconds} s: viser den beste turnusen funnet så langt ({status}; ikke "
                    "bevist best).", "Cancelled after {seconds} s: showing the best turnus found so far "
                    "({status}; not proven best)."),
    "job_stopped_empty": ("Avbrutt før noen turnus var funnet; den forrige turnusen er beholdt.",
                          "Cancelled before any turnus was found; the previous turnus is kept."),
    "cancel": ("Avbryt", "Cancel"),
    "cancel_help": ("Stopper ved neste steg og beholder den beste turnusen funnet så langt.",
                    "Stops at the next step and keeps the best turnus found so far."),
    # the grid and hand edits
    "tab_grid": ("Turnus og redigering", "Turnus and editing"),
    "tab_coverage": ("Dekning", "Coverage"),
    "tab_person": ("Per ansatt", "Per person"),
    "tab_rules": ("Regler og ledige vakter", "Rules and open shifts"),
    "tab_files": ("Excel inn og ut", "Excel in and out"),
    "grid_help": ("Klikk en celle, eller dra over et område (Shift-klikk utvider), og velg vakt under. "
                  "Lørdag, søndag og helligdager er tonet; hold musen over en dag for ukedag og dato.",
                  "Click a cell, or drag over a range (Shift-click extends), then pick the shift below. "
                  "Saturday, Sunday and holidays are tinted; hover over a day for its weekday and date."),
    "lg_weekend": ("lørdag/søndag", "Saturday/Sunday"),
    "lg_holiday": ("helligdag", "public holiday"),
    "lg_changed": ("rød = endret", "red = changed"),
    "lg_locked": ("låst", "locked"),
    "lg_absence": ("fer = ferie, syk = sykmeldt, kur = kurs, prm = permisjon, frv = annet fravær, – = tatt "
                   "fri",
                   "fer = ferie, syk = sick, kur = course, prm = leave, frv = other absence, – = made free"),
    "mark_against": ("Marker endringer mot", "Mark changes against"),
    "ref_none": ("ingenting", "nothing"),
    "ref_original": ("første plan", "the first plan"),
    "ref_published": ("publisert turnus", "the published turnus"),
    "ref_current": ("gjeldende turnus", "the current turnus"),
    "change_total": ("{total} endrede vakter ({moved} byttet, {added} lagt til, {removed} fjernet) for "
                     "{people} ansatte", "{total} changed person-days ({moved} moved, {added} added, "
                     "{removed} removed) for {people} staff"),
    "edit_selected": ("{n} celle(r) valgt.", "{n} cell(s) selected."),
    "edit_select_first": ("Velg én eller flere celler i turnusen først.",
                          "Select one or more cells in the turnus first."),
    "edit_set_help": ("Sett vakt {code} i de valgte cellene", "Put shift {code} in the selected cells"),
    "edit_off_help": ("Gjør de valgte cellene til fridager", "Make the selected cells days off"),
    "edit_done": ("{n} celle(r) endret; sjekken under er oppdatert.",
                  "{n} cell(s) changed; the check below is updated."),
    "lock": ("Lås", "Lock"),
    "unlock": ("Lås opp", "Unlock"),
    "undo": ("Angre", "Undo"),
    "redo": ("Gjør om", "Redo"),
    "range_header": ("Endre flere ansatte over en periode", "Change several people over a date range"),
    "range_dates": ("Fra–til", "From–to"),
    "range_apply": ("Sett inn", "Apply"),
    "range_incomplete": ("Velg minst én ansatt og en periode.", "Pick at least one person and a date range."),
    "check_clean": ("Uavhengig kontroll: ingen regelbrudd.", "Independent check: no rule broken."),
    "check_breaches": ("Uavhengig kontroll: {n} regelbrudd, {new} nye etter siste endring.",
                       "Independent check: {n} rule breach(es), {new} new after the last edit."),
    "around": ("Planlegg resten rundt de låste cellene", "Re-plan the rest around the locked cells"),
    "around_help": ("{n} låste celler holdes som de er; resten planlegges på nytt med så få endringer som "
                    "mulig.",
                    "{n} locked cells stay as they are; the rest is re-planned with as few changes as "
                    "possible."),
    "changes_list": ("Alle endringer", "All changes"),
    "save_note": ("Merknad", "Note"),
    "save_note_hint": ("f.eks. «forslag B: +2 ansatte»", "e.g. 'option B: +2 staff'"),
    # coverage and people
    "coverage_chart_header": ("Bemanning per dag mot minimum", "Staffed per day against the minimum"),
    "coverage_chart_help": ("Søylene viser antall på vakt, streken minimum. Grønt = minst minimum, rødt = "
                            "for få, grått = ikke åpnet.", "Bars are the staff on duty, the tick is the "
                            "minimum. Green = at least the minimum, red = short, grey = not opened."),
    "cov_ok": ("minst minimum", "at minimum"),
    "cov_short": ("for få", "short"),
    "cov_closed": ("ikke åpnet", "not opened"),
    "cov_staffed": ("På vakt", "On duty"),
    "cov_minimum": ("Minimum", "Minimum"),
    "cov_state": ("Dekning", "Coverage"),
    "week_service_header": ("Tjenestenivå per uke (åpnet/mål)", "Service level per week (opened/target)"),
    "person_band": ("Mål {target} t; avtalt spenn {lo}–{hi} t.",
                    "Target {target} h; contract band {lo}–{hi} h."),
    "wishes_person": ("Ønsker innfridd: {granted} av {total}.", "Wishes granted: {granted} of {total}."),
    "wishes_report_header": ("Ønsker innfridd per ansatt", "Wishes granted per person"),
    "wishes_unavailable": ("Rapporten over innfridde ønsker er ikke tilgjengelig i denne installasjonen.",
                           "The wishes-granted report is not available in this installation."),
    "wishes_missed": ("Ønsker som ikke er innfridd ({n})", "Wishes not granted ({n})"),
    "wish_granted": ("Innfridd", "Granted"),
    "wish_not_granted": ("Ikke innfridd", "Not granted"),
    "wishes_granted_of": ("{granted} av {total} innfridd", "{granted} of {total} granted"),
    # open shifts
    "open_shifts_header": ("Ledige vakter (til vikarbestilling)", "Open shifts (for booking vikarer)"),
    "open_shifts_help": ("Hver vakt som fortsatt mangler folk, med årsaken og hvem av de egne som "
                         "kan ta den.",
                         "Every shift still short, with the reason and who of the own staff could take it."),
    "open_shifts_none": ("Ingen ledige vakter: alle vakter har folk nok.",
                         "No open shifts: every shift has enough staff."),
    "dl_open_csv": ("Last ned ledige vakter (.csv)", "Download open shifts (.csv)"),
    "dl_open_xlsx": ("Last ned ledige vakter (.xlsx)", "Download open shifts (.xlsx)"),
    "feature_open_shifts": ("Ledige vakter", "Open shifts"),
    # files
    "dl_template": ("Last ned tom scenariomal (.xlsx)", "Download the empty scenario template (.xlsx)"),
    "dl_template_filled": ("Last ned scenarioet som Excel-mal (.xlsx)",
                           "Download the scenario as an Excel template (.xlsx)"),
    "dl_template_help": ("Fyll ut malen i Excel og last den opp igjen på side 1.",
                         "Fill in the template in Excel and upload it again on page 1."),
    "upload_button": ("Velg fil", "Choose file"),
    "upload_hint": ("Dra en fil hit, eller velg fil (inntil 2 MB)",
                    "Drag a file here, or choose a file (up to 2 MB)"),
    "upload_rota": ("Last opp redigert turnus (.xlsx)", "Upload an edited turnus (.xlsx)"),
    "upload_rota_help": ("Last ned turnusen som Excel, endre vaktkodene i arket «Turnus» og last den opp "
                         "her: endringene sjekkes som alle andre.", "Download the turnus as Excel, change "
                         "shift codes in the 'Turnus' sheet and upload it here: the edits are checked like "
                         "any other."),
    "upload_rota_refused": ("Turnusfilen ble ikke lest ({n} feil):",
                            "The turnus file was not read ({n} problem(s)):"),
    "upload_rota_done": ("{name}: {n} celle(r) endret; sjekken er oppdatert (angre går tilbake).",
                         "{name}: {n} cell(s) changed; the check is updated (undo goes back)."),
    # several absences
    "abs_add": ("Legg til fravær", "Add the absence"),
    "abs_clear": ("Tøm listen", "Clear the list"),
    # workbench
    "workbench_help": ("Lagre scenarioer og turnuser, sammenlign to side om side, publiser med kontroll av "
                       "regelbrudd, og se historikken med endringene.", "Save scenarios and rotas, compare "
                       "two side by side, publish with the breach check, and see the history with its "
                       "changes."),
    "workbench_empty": ("Ingenting lagret ennå. Lag en turnus og lagre den (side 2).",
                        "Nothing saved yet. Plan a turnus and save it (page 2)."),
    "publish_header": ("Publiser gjeldende turnus", "Publish the current turnus"),
    "your_name": ("Ditt navn", "Your name"),
    "publish": ("Publiser", "Publish"),
    "publish_blocked": ("Turnusen har status «{status}», {errors} regelbrudd og {base} grunnvakt(er) under "
                        "minimum. Den publiseres bare hvis du bekrefter det.", "The turnus has status "
                        "'{status}', {errors} rule breach(es) and {base} base shift(s) below the minimum. "
                        "It is published only if you confirm it."),
    "publish_force": ("Jeg har sett bruddene og vil publisere likevel",
                      "I have seen the breaches and publish anyway"),
    "publish_need_force": ("Kryss av for å publisere en turnus med brudd.",
                           "Tick the box to publish a turnus with breaches."),
    "publish_need_name": ("Skriv navnet ditt (det står i endringsloggen).",
                          "Write your name (it goes in the change log)."),
    "published": ("Publisert som turnus nr. {id}.", "Published as rota #{id}."),
    "published_supersedes": ("Den erstatter nr. {old}: {changes}.", "It supersedes #{old}: {changes}."),
    "compare_two_header": ("Sammenlign to turnuser side om side", "Compare two rotas side by side"),
    "compare_two_need": ("Lagre minst to turnuser (eller én og ha en gjeldende) for å sammenligne.",
                         "Save at least two rotas (or one, with a current one) to compare."),
    "compare_two_note": ("Rettferdighet: laveste–høyeste antall per ansatt. Lønn: årsverk × snittlønn for "
                         "rollene (coverage.budget), uten tillegg og sosiale kostnader.",
                         "Fairness: lowest–highest count per person. Salary: årsverk × the roles' average "
                         "salary (coverage.budget), without supplements and social costs."),
    "current_rota": ("Gjeldende turnus (ikke lagret)", "Current turnus (not saved)"),
    "cmp_left": ("Venstre", "Left"),
    "cmp_right": ("Høyre", "Right"),
    "cmp_service_of": ("Tjenestenivå: {name}", "Service level: {name}"),
    "cmp_salary": ("Lønn per år, grovt (kr)", "Salary per year, rough (kr)"),
    "hours_vs_target": ("Timer mot mål (sum)", "Hours against target (sum)"),
    "fair_evenings": ("Kvelder per ansatt", "Kvelder per person"),
    "fair_weekends": ("Helger per ansatt", "Helger per person"),
    "fair_hours": ("Timer per ansatt", "Hours per person"),
    "extra_pct": ("Stillingsprosent per ny ansatt", "Stillingsprosent per new person"),
    "history_header": ("Historikk", "History"),
    "history_pick": ("Vis endringene i", "Show the changes of"),
    "history_published": ("publisert", "published"),
    "history_draft": ("lagret som utkast", "saved as a draft"),
    "history_replaces": ("erstatter nr. {old}", "replaces #{old}"),
    "history_changes": ("{n} endringer ({changed} byttet, {added} lagt til, {removed} fjernet)",
                        "{n} changes ({changed} moved, {added} added, {removed} removed)"),
    "history_diff": ("{action} {when} av {who}: {changes}", "{action} {when} by {who}: {changes}"),
    "history_open": ("Åpne denne turnusen ({month})", "Open this rota ({month})"),
    # the standard
    "std_header": ("Bemanning under den dokumenterte standarden", "Staffing below the documented standard"),
    "std_item": ("{label} ({shift}, {kind}): minimum {n}", "{label} ({shift}, {kind}): minimum {n}"),
    "std_needs": ("{what} er under standarden på 3. Bekreft det med begrunnelse før du planlegger.",
                  "{what} is below the standard of 3. Confirm it with a reason before planning."),
    "std_reason": ("Begrunnelse", "Reason"),
    "std_who": ("Bekreftet av", "Confirmed by"),
    "std_agree": ("Jeg har lest standarden og bekrefter minimum {n} likevel",
                  "I have read the standard and confirm "
                  "a minimum of {n} all the same"),
    "std_confirm": ("Bekreft", "Confirm"),
    "std_incomplete": ("Kryss av, skriv en begrunnelse og ditt navn.",
                       "Tick the box, write a reason and your name."),
    "std_confirmed": ("{what}: under standarden, bekreftet av {who} {when}. Begrunnelse: {reason}",
                      "{what}: below the standard, confirmed by {who} {when}. Reason: {reason}"),
    "std_blocked": ("Minimum under standarden på 3 må bekreftes på side 1 før planlegging: {items}.",
                    "A minimum below the standard of 3 must be confirmed on page 1 before "
                    "planning: {items}."),
    "std_in_summary": ("Under standarden (minimum 3): {label} ({shift}) planlagt med minimum {n}, "
                       "bekreftet av {who} {when}. Begrunnelse: {reason}",
                       "Below the standard (minimum 3): {label} ({shift}) planned with minimum {n}, "
                       "confirmed by {who} {when}. Reason: {reason}"),
    "xlsx_edit_note": ("Rediger vaktkodene i rutenettet og last filen opp igjen i appen (2 Turnus → "
                       "Excel inn og ut), eller les den inn med: roster import-rota",
                       "Edit the shift codes in the grid and upload the file again in the app (2 Turnus → "
                       "Excel in and out), or read it back with: roster import-rota"),
    "std_sheet": ("Standard", "Standard"),
    "std_sheet_title": ("Bemanning under den dokumenterte standarden (minimum 3)",
                        "Staffing below the documented standard (minimum 3)"),
    "std_confirmed_by": ("Bekreftet av", "Confirmed by"),
    "std_when": ("Når", "When"),
    "std_sheet_pointer": ("Obs: {n} minimum under standarden på 3 er bekreftet; se arket «{sheet}».",
                          "Note: {n} minimum(s) below the standard of 3 confirmed; see the sheet '{sheet}'."),
    # errors and features
    "feature_missing": ("{feature} er ikke tilgjengelig i denne installasjonen.",
                        "{feature} is not available in this installation."),
    "feature_replan": ("Ny planlegging etter sykmelding", "Re-planning after sick leave"),
    "feature_causes": ("Årsaker til mangler", "Causes of shortfalls"),
    "feature_compare": ("Sammenligning av bemanning", "Staffing comparison"),
    "feature_simulate": ("Fraværssimulering", "Absence simulation"),
    "feature_excel": ("Excel-eksport av turnus", "Excel export of the turnus"),
    "feature_store": ("Lagrede turnuser", "Saved rotas"),
    "user_error": ("Det gikk ikke: {detail}", "That did not work: {detail}"),
    "internal_error": ("Noe gikk galt inne i planleggeren ({kind}). Prøv igjen; hvis det gjentar seg, "
                       "last ned scenarioet og send det til den som drifter verktøyet.",
                       "Something went wrong inside the planner ({kind}). Try again; if it happens "
                       "again, download the scenario and send it to whoever runs the tool."),
}


def t(key: str, lang: str = "nb", **kw: object) -> str:
    """The text for ``key`` in ``lang`` with ``{placeholders}`` filled; the key itself if unknown."""
    pair = TEXT.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**kw) if kw else text


ABSENCE_KINDS: tuple[str, ...] = ("sick", "vacation", "course", "leave", "other")
WISH_KINDS: tuple[str, ...] = ("day_off", "shift", "not_shift")

TERMS: dict[str, dict[str, tuple[str, str]]] = {
    "status": {"optimal": ("optimal", "optimal"), "feasible": ("gyldig", "feasible"),
               "infeasible": ("regelbrudd", "rule breaches"), "error": ("feil", "error")},
    "rota_status": {"draft": ("utkast", "draft"), "published": ("publisert", "published"),
                    "superseded": ("erstattet", "superseded")},
    "severity": {"error": ("brudd", "breach"), "warning": ("varsel", "notice")},
    # a rule's choices (``Kind.CHOICE``), keyed by the rule value's key
    "choice.turnus_type": {"day": ("dagtid (37,5 t/uke)", "day work (37.5 h/week)"),
                           "turnus": ("turnus (35,5 t/uke)", "turnus (35.5 h/week)"),
                           "round_the_clock": ("helkontinuerlig turnus (33,6 t/uke)",
                                               "round the clock (33.6 h/week)")},
    "absence": {"sick": ("sykmelding", "sick leave"), "vacation": ("ferie", "ferie (vacation)"),
                "course": ("kurs", "course"), "leave": ("permisjon", "leave"),
                "other": ("annet fravær", "other absence")},
    "wish": {"day_off": ("fridag", "day off"), "shift": ("ønsker vakt", "wants the shift"),
             "not_shift": ("ikke denne vakten", "not this shift")},
    "priority": {"base": ("grunnbemanning", "base"), "service": ("tjeneste", "service"),
                 "soft": ("ønsket", "soft")},
    "open_kind": {"below_minimum": ("under minimum", "below minimum"),
                  "alone": ("åpnet under minimum", "opened below minimum"),
                  "skill": ("kompetanse mangler", "skill missing"),
                  "closed": ("stengt, mål ikke nådd", "closed, target not met")},
    "stage": {"rules": ("regler (forklaring)", "rules (explanation)"),
              "base": ("grunnbemanning", "base coverage"),
              "hours": ("avtalte timer", "contract hours"), "service": ("tjenestenivå", "service level"),
              "robust": ("robusthet", "robustness"), "fairness": ("rettferdig fordeling", "fairness"),
              "wishes": ("ønsker", "wishes"), "stability": ("få endringer", "few changes"),
              "tidiness": ("ryddig turnus", "tidiness"), "weighted": ("samlet kostnad", "weighted cost"),
              "feasibility": ("en gyldig turnus", "a valid turnus")},
    "day_type": {"weekday": ("hverdag", "weekday"), "saturday": ("lørdag", "Saturday"),
                 "sunday": ("søndag", "Sunday"), "holiday": ("helligdag", "public holiday"),
                 "eve": ("aftendag", "eve"), "closed": ("stengt", "closed")},
    "std_kind": {"evening": ("kveld", "kveld"), "weekend": ("helg", "helg"), "holiday": ("høytid", "høytid")},
    "action": {"publish": ("Publisert", "Published"), "replan": ("Publisert på nytt", "Re-published")},
}


def _target(text: str, lang: str) -> str:
    """``OpenTarget.describe``'s English (every weekend, 4 days per week) in bokmål."""
    import re

    if lang != "nb":
        return text
    fixed = {"every weekend": "hver helg", "every day": "hver dag"}
    if text in fixed:
        return fixed[text]
    m = re.fullmatch(r"(\d+) (days|weekends) per (week|month|period)", text)
    if m:
        unit = "dager" if m[2] == "days" else "helger"
        per = {"week": "uke", "month": "måned", "period": "periode"}[m[3]]
        return f"{m[1]} {unit} per {per}"
    return text


def term(kind: str, value: str, lang: str = "nb") -> str:
    """A value from a file or a rota (a status, an absence kind, a target...) in the page's
    language; an unknown value is shown as it is."""
    if kind == "target":
        return _target(value, lang)
    pair = TERMS.get(kind, {}).get(value)
    if pair is None:
        return value
    return pair[1] if lang == "en" else pair[0]
