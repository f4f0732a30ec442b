"""Small helpers the command modules share: loading inputs with clear errors, writing output."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from roster.cli.options import MAX_SEED, MAX_TIME_LIMIT, bounded_float, bounded_int, input_file, threads
from roster.contract import HoursBand, with_band
from roster.errors import UserError, within
from roster.resources import resolve_input
from roster.rota import Rota
from roster.scenario import ABSENCE_KINDS, Absence, Scenario
from roster.scenario_load import load_scenario

if TYPE_CHECKING:
    from coverage.staffing import StaffingParams
    from roster.grunnturnus import Line

EXIT_ROTA_SHORT = 4
"""``solve``/``replan``: the rota was written, but its status is not ``optimal`` or
``feasible``: it breaks a hard rule or leaves base shifts short (status ``infeasible``), or
no rota was found in time (``error``). See ``roster.cli.main``."""


def rota_exit_code(rota: Rota) -> int:
    """0 for a rota that keeps every hard rule and every base minimum, else 4."""
    return 0 if rota.status in ("optimal", "feasible") else EXIT_ROTA_SHORT


def scenario_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", metavar="SCENARIO", type=input_file,
                        help="scenario file (.toml, or an .xlsx scenario workbook)")


def scenario_rota_args(parser: argparse.ArgumentParser, *, previous: bool = False) -> None:
    """SCENARIO ROTA.json (and ``--previous ROTA.json``, the rota before it, if ``previous``)."""
    scenario_arg(parser)
    parser.add_argument("rota", metavar="ROTA.json", type=input_file)
    if previous:
        parser.add_argument("--previous", metavar="ROTA.json", type=input_file,
                            help="the previous period's rota, to check rules across the month boundary")


def read_scenario(path: str) -> Scenario:
    """A scenario file, or a bundled example named ``example:NAME``."""
    return load_scenario(resolve_input(path))


def read_rota(path: str) -> Rota:
    return Rota.load(path)


def read_previous(path: str | None, start: dt.date) -> Rota | None:
    """``--previous``: the rota of the period before one that starts on ``start``. It must
    end before that day (a rota of this or a later period would count its own days as the
    past), and not so long before that none of its days count (``HISTORY_DAYS``)."""
    if not path:
        return None
    from roster.planner import HISTORY_DAYS

    rota = read_rota(path)
    if rota.end >= start:
        raise UserError(f"{path}: --previous must be the rota of the period before this one, but "
                        f"it covers {rota.start}..{rota.end} and this period starts on {start}",
                        nb=f"{path}: --previous må være turnusen for perioden før denne, men den "
                           f"dekker {rota.start}..{rota.end}, og denne perioden starter {start}")
    if rota.end < start - dt.timedelta(days=HISTORY_DAYS):
        raise UserError(f"{path}: --previous ends on {rota.end}, more than {HISTORY_DAYS} days "
                        f"before this period starts ({start}): none of its days count for rest, "
                        "days in a row or weekends; give the rota of the period just before",
                        nb=f"{path}: --previous slutter {rota.end}, mer enn {HISTORY_DAYS} dager før "
                           f"denne perioden starter ({start}): ingen av dagene teller for hvile, dager "
                           "på rad eller helger; oppgi turnusen for perioden rett før")
    return rota


def read_baseline(path: str | None, scenario: Scenario) -> Rota | None:
    """``--baseline``: a published rota of this period (to change as little as possible)."""
    if not path:
        return None
    rota = read_rota(path)
    if rota.end < scenario.start or rota.start > scenario.end:
        raise UserError(f"{path}: --baseline covers {rota.start}..{rota.end}, but this period is "
                        f"{scenario.start}..{scenario.end}; give a published rota of this period",
                        nb=f"{path}: --baseline dekker {rota.start}..{rota.end}, men denne perioden er "
                           f"{scenario.start}..{scenario.end}; oppgi en publisert turnus for denne "
                           "perioden")
    return rota


def read_grunnturnus(path: str) -> tuple[Rota, int, dt.date, list[Line]]:
    """A grunnturnus rota.json: the rota, its weeks, the Monday its cycle starts and its
    lines; a file that is not a sound grunnturnus is refused naming the file."""
    from roster.grunnturnus import load_grunnturnus

    rota = read_rota(path)
    try:
        weeks, cycle_start, lines = load_grunnturnus(rota)
    except UserError as exc:
        raise within(path, exc) from None
    return rota, weeks, cycle_start, lines


def read_scenario_and_rota(scenario_path: str, rota_path: str, *,
                           references: bool = True) -> tuple[Scenario, Rota]:
    """A scenario and a rota of it; refuses a rota for another period and, with
    ``references``, one whose assignments name a person or shift the scenario does not
    have (a report would leave them out without a word; `roster check` lists them). The
    absences the rota records count too (:func:`with_recorded_absences`)."""
    scenario = read_scenario(scenario_path)
    rota = read_rota(rota_path)
    if (rota.start, rota.end) != (scenario.start, scenario.end):
        raise UserError(f"{rota_path}: the rota covers {rota.start}..{rota.end} but the scenario "
                        f"covers {scenario.start}..{scenario.end}",
                        nb=f"{rota_path}: turnusen dekker {rota.start}..{rota.end}, men scenarioet "
                           f"dekker {scenario.start}..{scenario.end}")
    most = len(scenario.staff) * ((scenario.end - scenario.start).days + 1)
    if len(rota.assignments) > most:
        raise UserError(f"{rota_path}: {len(rota.assignments)} assignments, but the scenario's "
                        f"{len(scenario.staff)} staff can have at most {most} (one a day each); "
                        "is it a rota of this scenario?",
                        nb=f"{rota_path}: {len(rota.assignments)} vakter, men scenarioets "
                           f"{len(scenario.staff)} ansatte kan ha høyst {most} (én om dagen hver); "
                           "er det en turnus for dette scenarioet?")
    if references:
        _known_references(scenario, rota, rota_path)
    return with_recorded_absences(scenario, rota, rota_path), rota


def _known_references(scenario: Scenario, rota: Rota, rota_path: str) -> None:
    staff, shifts = set(scenario.staff_ids), {s.code for s in scenario.shifts}
    for i, a in enumerate(rota.assignments):
        if a.staff not in staff:
            raise UserError(f"{rota_path}: assignments[{i}]: '{a.staff}' is not in the scenario's "
                            "staff list; is it a rota of this scenario? (`roster check` lists "
                            "every such row)",
                            nb=f"{rota_path}: assignments[{i}]: «{a.staff}» finnes ikke blant "
                               "scenarioets ansatte; er det en turnus for dette scenarioet? (`roster "
                               "check` viser alle slike rader)")
        if a.shift not in shifts:
            raise UserError(f"{rota_path}: assignments[{i}]: shift code '{a.shift}' is not defined "
                            f"in the scenario ({', '.join(sorted(shifts))}); `roster check` lists "
                            "every such row",
                            nb=f"{rota_path}: assignments[{i}]: vaktkoden «{a.shift}» finnes ikke i "
                               f"scenarioet ({', '.join(sorted(shifts))}); `roster check` viser alle "
                               "slike rader")


def with_recorded_absences(scenario: Scenario, rota: Rota, rota_path: str) -> Scenario:
    """The scenario with every absence the rota records that the scenario lacks. A re-plan
    writes the absences it was planned for into its rota.json, not into the scenario file,
    so checking that rota, listing its open shifts or exporting it against the scenario
    file must still count those people as away (else `roster open-shifts` offers a sick
    nurse the shift she was taken off). Absences the scenario has already are not doubled."""
    known = set(scenario.staff_ids)
    have = {(a.staff, a.start, a.end, a.kind, a.percent) for a in scenario.absences}
    added: list[Absence] = []
    for i, row in enumerate(rota.absences):
        sid = str(row["staff"])
        if sid not in known:
            raise UserError(f"{rota_path}: absences[{i}]: '{sid}' is not in the scenario's staff "
                            f"list; is it a rota of this scenario?",
                            nb=f"{rota_path}: absences[{i}]: «{sid}» finnes ikke blant scenarioets "
                               "ansatte; er det en turnus for dette scenarioet?")
        kind = str(row.get("kind") or "other")
        if kind not in ABSENCE_KINDS:  # the value is not echoed: a rota carries sick leave
            raise UserError(f"{rota_path}: absences[{i}].kind: expected one of "
                            f"{', '.join(ABSENCE_KINDS)}",
                            nb=f"{rota_path}: absences[{i}].kind: ukjent fraværstype; forventet en "
                               f"av {', '.join(ABSENCE_KINDS)}")
        absence = Absence(staff=sid, start=_date(row["start"]), end=_date(row["end"]),
                          kind=kind, percent=int(row.get("percent", 100)))
        key = (absence.staff, absence.start, absence.end, absence.kind, absence.percent)
        if key not in have:
            have.add(key)
            added.append(absence)
    if added:
        scenario = scenario.with_changes(absences=scenario.absences + tuple(added))
    return with_replanned_bands(scenario, rota, rota_path)


def with_replanned_bands(scenario: Scenario, rota: Rota, rota_path: str) -> Scenario:
    """The scenario with the contract bands a re-plan gave its newly absent people
    (``replan.bands`` in rota.json: each band cut by the published hours the person lost,
    ``coverage.replan.returning_staff``). Without them the checker would cut those bands by
    an average per absent day again, and call a re-plan that kept someone's shifts "above
    the contract band" (and `publish` would refuse it)."""
    meta = rota.extra.get("replan")
    bands = meta.get("bands") if isinstance(meta, dict) else None
    if not isinstance(bands, dict) or not bands:
        return scenario
    known = set(scenario.staff_ids)
    given: dict[str, HoursBand] = {}
    for sid, cut in bands.items():
        after = cut.get("band_after") if isinstance(cut, dict) else None
        if sid not in known or not isinstance(after, dict):
            raise UserError(f"{rota_path}: replan.bands.{sid}: expected a person of the scenario "
                            "with band_after {min, target, max} in hours",
                            nb=f"{rota_path}: replan.bands.{sid}: forventet en ansatt i scenarioet "
                               "med band_after {min, target, max} i timer")
        try:
            exact = after.get("minutes")
            lo, target, hi = ([int(v) for v in exact] if isinstance(exact, list) and len(exact) == 3 else
                              [round(float(after[k]) * 60) for k in ("min", "target", "max")])
            given[sid] = HoursBand(target=target, min=lo, max=hi)
        except (KeyError, TypeError, ValueError):
            raise UserError(f"{rota_path}: replan.bands.{sid}.band_after: expected min, target and max "
                            "in hours",
                            nb=f"{rota_path}: replan.bands.{sid}.band_after: forventet min, target og "
                               "max i timer") from None
    return scenario.with_changes(staff=tuple(with_band(p, given[p.id]) if p.id in given else p
                                             for p in scenario.staff))


def _date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def explain_arg(parser: argparse.ArgumentParser) -> None:
    from coverage.causes import DEFAULT_SECONDS

    parser.add_argument("--explain-seconds", type=bounded_float(0, MAX_TIME_LIMIT), default=DEFAULT_SECONDS,
                        metavar="S",
                        help="when shifts are left short: seconds for finding the binding cause "
                             "with the model, on top of --time-limit (default "
                             f"{DEFAULT_SECONDS:g}; 0 = off)")


def time_limit_arg(parser: argparse.ArgumentParser, default: float, what: str) -> None:
    parser.add_argument("--time-limit", type=bounded_float(0, MAX_TIME_LIMIT, low_open=True),
                        default=default, metavar="S",
                        help=f"{what} (default {default:g}; at most {MAX_TIME_LIMIT:g})")


def threads_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--threads", type=threads, default=None, metavar="N",
                        help="solver threads (1 to 64, or 4 per CPU on larger machines)")


def solver_args(parser: argparse.ArgumentParser, time_limit: float = 30.0) -> None:
    time_limit_arg(parser, time_limit, "seconds the solver may use in all")
    parser.add_argument("--solver", choices=("highs", "cbc"), default="highs",
                        help="MIP solver: HiGHS (default) or CBC (fallback)")
    threads_arg(parser)
    parser.add_argument("--seed", type=bounded_int(0, MAX_SEED), default=0,
                        help=f"random seed, 0 to {MAX_SEED} (reproducible runs)")


MAX_NOK = 1e12
SHARE = bounded_float(0, 1, high_open=True)


def staffing_params_args(parser: argparse.ArgumentParser, *, whose: str = "the scenario's",
                         running_costs: str = "running costs per year") -> None:
    """Leave, vacation, weekly hours and costs: the assumptions of ``staffing`` and
    ``portfolio`` (``whose`` turnus type gives the default weekly hours)."""
    parser.add_argument("--sick-leave", type=SHARE, default=0.095, metavar="SHARE",
                        help="sick leave share, 0 to below 1 (default 0.095)")
    parser.add_argument("--other-leave", type=SHARE, default=0.032, metavar="SHARE",
                        help="other paid leave share, 0 to below 1 (default 0.032, KS)")
    parser.add_argument("--vacation-weeks", type=bounded_float(0, 52, high_open=True), default=5.0,
                        metavar="W", help="vacation weeks per year, 0 to below 52 (default 5)")
    parser.add_argument("--weekly-hours", type=bounded_float(0, 168, low_open=True), metavar="H",
                        help=f"weekly hours per årsverk, above 0 up to 168 (default: {whose} "
                             "turnus type)")
    parser.add_argument("--costs", metavar="FILE.toml", type=input_file,
                        help="cost parameters (default data/costs/ks-2024.toml)")
    parser.add_argument("--running-costs", type=bounded_float(0, MAX_NOK), metavar="NOK",
                        help=running_costs)


def staffing_params(args: argparse.Namespace) -> StaffingParams:
    """The :class:`StaffingParams` of :func:`staffing_params_args`' options."""
    from coverage.staffing import StaffingParams

    return StaffingParams(vacation_weeks=args.vacation_weeks, sick_leave=args.sick_leave,
                          other_leave=args.other_leave, weekly_hours=args.weekly_hours)
