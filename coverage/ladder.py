"""Service-level ladder: the best evening/weekend service a staffing can hold, no one alone.

The ladder steps down from the scenario's own service standard, one step at a time,
alternating between evenings and weekends, as the outreach team in the source reports
did (../shared/DOMAIN.md: from 4 evenings a week and every weekend down to 2 evenings a
week and 2 weekends a month when two colleagues were on long-term sick leave):

    4 evenings/week + every weekend, 3 + every weekend, 3 + 3 weekends/month, 2 + 3,
    2 + 2, 1 + 2, 1 + 1, 0 + 1, base only (no evening or weekend service)

The top rung comes from the scenario: the ``open.count`` per week of its evening (weekday)
service requirements and the target of its weekend service requirements. Other service
requirements (holidays) keep their own targets on every rung but the last, where they are
closed; on the others they are opened as far as the staff allow, by their rank, and the
rung reports how many were ("holidays: 3 of 4 opened"): a holiday that cannot be staffed
does not make the month "base only" when its evenings and weekends can be.

Each rung is first held against bounds (``coverage.capacity``): the hours it needs against
the most the staff can give (contract bands, and nothing on days they are away), the
same for each skill, the people needed on one day, and the person-weekends that weekend
frequency allows. A rung that breaks a bound fails at once, proven, with the numbers
("needs at least 880 staff hours ...; the contracts allow at most 700 h: 181 h short,
about 1.2 årsverk this month"). Otherwise it is solved with the real optimiser: the service
requirements get the rung's targets (``OpenTarget(always=False, count=N, per="week"|"month")``)
and the scenario is solved with a short time limit. A rung holds when base coverage holds,
no rule is broken (so no opened service shift is below its minimum: never one alone), and
every service target is met. The search starts at the top and stops at the first rung that
holds. Text is given in English and Norwegian bokmål (``format_ladder(..., lang="nb")``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from coverage.capacity import Shortfall, capacities, hours_needed, prove_impossible
from coverage.staffing import is_duty
from coverage.words import fmt_int
from roster.planner import PlanOptions, plan
from roster.rota import Rota
from roster.scenario import Absence, OpenTarget, Requirement, Scenario
from roster.slots import SlotTable
from roster.vocabulary import num, status_word

if TYPE_CHECKING:
    from roster.parallel import Executor

# Cost stages that do not decide whether a service level can be staffed: skipped per rung
# to keep each solve short (the rung's rota is a feasibility proof, not a rota to publish).
SKIPPED_RULES: tuple[str, ...] = ("fairness", "wishes", "stability", "tidiness")
# The ladder asks whether a service level can be staffed at all, so the service targets
# are settled right after base coverage; contract hours below the band (a warning, not a
# broken rule) are filled after them. The planner's default puts hours before service.
LADDER_STAGE_ORDER: tuple[str, ...] = (
    "rules", "base", "service", "hours", "robust", "fairness", "wishes", "stability", "tidiness",
)
WEEKEND_DAYS = {"saturday", "sunday"}
HOLIDAY_DAYS = {"holiday", "eve"}


@dataclass(frozen=True)
class Level:
    """One rung: evenings opened per week and weekends per month (None = every one)."""

    evenings: int | None
    weekends: int | None

    @property
    def is_base_only(self) -> bool:
        return self.evenings == 0 and self.weekends == 0

    def describe(self, lang: str = "en") -> str:
        if lang == "nb":
            if self.is_base_only:
                return "bare grunnbemanning (ingen kvelds- eller helgetjeneste)"
            ev = "hver kveld" if self.evenings is None else f"{self.evenings} kveld(er)/uke"
            we = "hver helg" if self.weekends is None else f"{self.weekends} helg(er)/måned"
            return f"{ev} + {we}"
        if self.is_base_only:
            return "base only (no evening or weekend service)"
        ev = "every evening" if self.evenings is None else f"{self.evenings} evening(s)/week"
        we = "every weekend" if self.weekends is None else f"{self.weekends} weekend(s)/month"
        return f"{ev} + {we}"


@dataclass
class RungResult:
    level: Level
    holds: bool
    status: str
    reasons: list[str]
    seconds: float
    rota: Rota | None = None
    hours_needed: float = 0.0
    hours_available: float = 0.0
    reasons_nb: list[str] = field(default_factory=list)
    proof: list[Shortfall] = field(default_factory=list)
    """The bounds that prove the rung impossible (empty when the solver judged it)."""
    holidays: tuple[int, int] | None = None
    """Holiday service opened and its target on the rung's rota (best effort; None: none)."""

    @property
    def proven_impossible(self) -> bool:
        return bool(self.proof)

    def reasons_in(self, lang: str = "en") -> list[str]:
        return self.reasons_nb if lang == "nb" and self.reasons_nb else self.reasons

    def to_json(self) -> dict:
        return {"level": self.level.describe(), "level_nb": self.level.describe("nb"),
                "evenings": self.level.evenings, "weekends": self.level.weekends,
                "holds": self.holds, "status": self.status,
                "proven_impossible": self.proven_impossible, "reasons": self.reasons,
                "reasons_nb": self.reasons_nb, "proof": [p.to_json() for p in self.proof],
                "seconds": round(self.seconds, 2), "hours_needed": round(self.hours_needed, 1),
                "hours_available": round(self.hours_available, 1),
                "holidays_opened": None if self.holidays is None else self.holidays[0],
                "holidays_target": None if self.holidays is None else self.holidays[1]}


@dataclass
class LadderResult:
    levels: list[Level]
    tried: list[RungResult] = field(default_factory=list)

    @property
    def best(self) -> RungResult | None:
        return next((r for r in self.tried if r.holds), None)

    def to_json(self) -> dict:
        best = self.best
        return {"ladder": [lv.describe() for lv in self.levels],
                "best": best.level.describe() if best else None,
                "best_nb": best.level.describe("nb") if best else None,
                "tried": [r.to_json() for r in self.tried]}


def classify(req: Requirement, scenario: Scenario | None = None) -> str | None:
    """``weekend``, ``holiday``, ``evening`` (other service) or None (not service, or passive
    duty: a sleeping night watch or on-call is not evening or weekend service to step down)."""
    if req.priority != "service" or (scenario is not None and is_duty(scenario, req)):
        return None
    days = set(req.days)
    if req.unit == "weekend" or (days and days <= WEEKEND_DAYS):
        return "weekend"
    if (days and days <= HOLIDAY_DAYS) or (not days and req.dates):
        return "holiday"
    return "evening"


def top_level(scenario: Scenario) -> Level:
    """The scenario's own standard as a rung (largest target over its requirements)."""
    ev: list[int | None] = []
    we: list[int | None] = []
    for r in scenario.requirements:
        kind = classify(r, scenario)
        if kind == "evening":
            ev.append(None if r.open.always else r.open.count)
        elif kind == "weekend":
            we.append(None if r.open.always else r.open.count)

    def top(values: list[int | None]) -> int | None:
        if not values:
            return 0
        return None if None in values else max(v for v in values if v is not None)

    return Level(evenings=top(ev), weekends=top(we))


def ladder_levels(scenario: Scenario) -> list[Level]:
    """The rungs from the scenario's standard down to base only, alternating a step in
    evenings (per week) and in weekends (per month; "every weekend" steps down to 3)."""
    top = top_level(scenario)
    ev = 5 if top.evenings is None else top.evenings  # every weekday evening -> 5 a week
    levels = [top]
    e, w = top.evenings, top.weekends
    cut_evening = True
    while not (e == 0 and w == 0):
        can_e = e is None or e > 0
        can_w = w is None or w > 0
        if (cut_evening and can_e) or not can_w:
            e = ev - 1 if e is None else e - 1
        else:
            w = 3 if w is None else w - 1
        cut_evening = not cut_evening
        levels.append(Level(e, w))
    return levels


def _target(count: int | None, per: str) -> OpenTarget:
    return OpenTarget() if count is None else OpenTarget(always=False, count=count, per=per)


def apply_level(scenario: Scenario, level: Level) -> Scenario:
    """The scenario with its evening and weekend service targets set to the rung."""
    reqs = []
    for r in scenario.requirements:
        kind = classify(r, scenario)
        if kind == "evening":
            per = r.open.per if not r.open.always else "week"
            r = replace(r, open=_target(level.evenings, per))
        elif kind == "weekend":
            r = replace(r, open=_target(level.weekends, "month"))
        elif kind == "holiday" and level.is_base_only:
            r = replace(r, open=OpenTarget(always=False, count=0, per="period"))
        reqs.append(r)
    return scenario.with_changes(requirements=tuple(reqs))


def judge(rota: Rota) -> list[str]:
    """Why a rung's rota fails (empty = it holds): broken rules and missed targets."""
    return judge_in(rota, "en")


def judge_in(rota: Rota, lang: str = "en", best_effort: frozenset[str] = frozenset()) -> list[str]:
    """:func:`judge` in English or Norwegian bokmål; the service requirements in
    ``best_effort`` (holidays: :func:`holiday_keys`) are not judged."""
    nb = lang == "nb"
    reasons = []
    solver = rota.solver_status
    if solver not in ("optimal", "feasible"):
        reasons.append(f"{'løserstatus' if nb else 'solver status'} {solver}")
    for v in rota.violations:
        if v.get("severity", "error") == "error":
            detail = (v.get("detail_nb") if nb else None) or v["detail"]
            reasons.append(f"{v['rule']}: {detail.split(';')[0]}")
    for s in rota.extra.get("service_level", []):
        if s["requirement"] in best_effort:
            continue
        for p in s["periods"]:
            if p["opened"] < p["target"]:
                if nb:
                    reasons.append(f"{s['requirement']} {p['period'].replace('week', 'uke')}: "
                                   f"{p['opened']} av {p['target']} åpnet")
                else:
                    reasons.append(f"{s['requirement']} {p['period']}: {p['opened']} of "
                                   f"{p['target']} opened (target {s['target']})")
    return reasons


def holiday_keys(scenario: Scenario) -> frozenset[str]:
    """The keys of the holiday service requirements (:func:`classify`)."""
    return frozenset(r.key for r in scenario.requirements if classify(r, scenario) == "holiday")


def without_holiday_targets(scenario: Scenario, keys: frozenset[str]) -> Scenario:
    """The scenario with its holiday service (``keys``: :func:`holiday_keys`) closed: what a
    rung must hold (the bounds prove a rung impossible only by what it requires)."""
    reqs = tuple(replace(r, open=OpenTarget(always=False, count=0, per="period")) if r.key in keys else r
                 for r in scenario.requirements)
    return scenario.with_changes(requirements=reqs)


def holidays_opened(rota: Rota, keys: frozenset[str]) -> tuple[int, int] | None:
    """(opened, target) over the holiday service requirements, None without any."""
    rows = [s for s in rota.extra.get("service_level", []) if s["requirement"] in keys]
    if not rows:
        return None
    return sum(s["opened"] for s in rows), sum(s["target_total"] for s in rows)


def hours_available(scenario: Scenario, table: SlotTable | None = None) -> float:
    """An upper bound on the staff hours: each person's capacity (the top of their contract
    band, and nothing on the days they are away; ``coverage.capacity``)."""
    table = table or SlotTable(scenario)
    return sum(capacities(scenario, table).values()) / 60


def _service_unproven(rota: Rota) -> bool:
    """True if the time limit stopped the solver before it proved the service stages best."""
    return any(s.get("stage", "").startswith(("base", "service")) and s.get("status") != "optimal"
               for s in rota.solver.get("stages", []))


PROOF_STATUS = {"hours": "too few hours", "skill": "too few skill hours",
                "day": "too few people on a day", "target_days": "too few people on a day",
                "weekends": "too few weekend staff", "weekend_run": "too few weekend staff"}


def proven_rung(level: Level, proof: list[Shortfall], need: float, have: float) -> RungResult:
    """A rung that a bound proves impossible, without solving."""
    return RungResult(level=level, holds=False, status=PROOF_STATUS.get(proof[0].kind, "proven impossible"),
                      reasons=[p.detail for p in proof], reasons_nb=[p.detail_nb for p in proof],
                      seconds=0.0, hours_needed=need, hours_available=have, proof=proof)


def try_level(scenario: Scenario, level: Level, time_limit: float = 10.0,
              options: PlanOptions | None = None) -> RungResult:
    """Hold the rung against the bounds; if none breaks, solve the scenario at it and judge."""
    scenario = apply_level(scenario, level)
    holidays = holiday_keys(scenario)
    required = without_holiday_targets(scenario, holidays)
    table = SlotTable(required)
    need, have = hours_needed(required, table), hours_available(required, table)
    proof = prove_impossible(required, table)
    if proof:
        return proven_rung(level, proof, need, have)
    opts = replace(options or PlanOptions(), time_limit=time_limit,
                   skip_rules=SKIPPED_RULES, stage_order=LADDER_STAGE_ORDER)
    rota = plan(scenario, opts)
    reasons, reasons_nb = judge_in(rota, "en", holidays), judge_in(rota, "nb", holidays)
    if reasons and rota.solver_status == "feasible" and _service_unproven(rota):
        reasons.append(f"(no rota meeting every target found within {time_limit:g} s; not "
                       "proven impossible: a longer --time-limit may find one)")
        reasons_nb.append(f"(ingen turnus som når alle målene funnet på {time_limit:g} s; ikke "
                          "bevist umulig: lengre --time-limit kan finne en)")
    return RungResult(level=level, holds=not reasons, status=rota.solver_status, reasons=reasons,
                      reasons_nb=reasons_nb, seconds=float(rota.solver.get("seconds", 0.0)),
                      rota=rota, hours_needed=need, hours_available=have,
                      holidays=holidays_opened(rota, holidays))


def service_ladder(scenario: Scenario, absences: list[Absence] | None = None, *,
                   time_limit: float = 10.0, options: PlanOptions | None = None,
                   executor: Executor | None = None) -> LadderResult:
    """Walk the ladder from the top; stop at the first rung that holds.

    The walk is written once (``coverage.portfolio.ladder_search``) and run by
    :func:`coverage.portfolio.service_ladder_on`: here on ``executor`` (default: this
    process, one rung after the other, errors raised as they were; ``roster ladder
    --workers N`` passes a Dask one, which may try the rungs below ahead on idle workers).
    Every executor reports the same rungs."""
    from coverage.portfolio import ScenarioSource, service_ladder_on
    from roster.parallel import SequentialExecutor

    return service_ladder_on(executor or SequentialExecutor.in_process(), ScenarioSource.of(scenario),
                             absences, time_limit=time_limit, options=options)


WORDS = {
    "en": {"title": "Service-level ladder (top first):", "not_tried": "not tried", "holds": "HOLDS",
           "fails": "fails", "proven": "proven", "needs": "needs >=", "of": "of",
           "none": "No rung holds: even base coverage cannot be staffed within the rules.",
           "best": "Best level:", "min": "every opened service shift has at least {n} staff",
           "why": "Why not {level}:", "more": "... and {n} more",
           "holidays": "holiday service: {opened} of {target} opened (as many as the staff allow)"},
    "nb": {"title": "Tjenestenivåer (øverst først):", "not_tried": "ikke prøvd", "holds": "HOLDER",
           "fails": "holder ikke", "proven": "bevist", "needs": "trenger >=", "of": "av",
           "none": "Ingen nivåer holder: selv grunnbemanningen kan ikke bemannes innenfor reglene.",
           "best": "Beste nivå:", "min": "hver åpnet tjenestevakt har minst {n} på jobb",
           "why": "Hvorfor ikke {level}:", "more": "... og {n} til",
           "holidays": "høytidstjeneste: {opened} av {target} åpnet (så mange som bemanningen tillater)"},
}


def format_ladder(result: LadderResult, max_reasons: int = 6, lang: str = "en") -> str:
    w = WORDS["nb" if lang == "nb" else "en"]
    unit = "t" if lang == "nb" else "h"
    lines = [w["title"]]
    tried = {r.level: r for r in result.tried}
    width = max((len(lv.describe(lang)) for lv in result.levels), default=0) + 1
    for lv in result.levels:
        r = tried.get(lv)
        mark = w["not_tried"] if r is None else (w["holds"] if r.holds else w["fails"])
        how = (w["proven"] if r and r.proven_impossible else status_word(r.status, lang)) if r else ""
        secs = f" ({how}, {num(r.seconds, lang)} s)" if r else ""
        hours = (f"  {w['needs']} {fmt_int(r.hours_needed)} {w['of']} {fmt_int(r.hours_available)} "
                 f"{unit}") if r else ""
        lines.append(f"  {lv.describe(lang):<{width}} {mark:<11}{hours}{secs}".rstrip())
    best = result.best
    if best is None:
        lines.append(w["none"])
    else:
        lines.append(f"{w['best']} {best.level.describe(lang)}")
        low = min((row["assigned"] for row in best.rota.coverage if row["open"]
                   and row["priority"] == "service"), default=None) if best.rota else None
        if low is not None:
            lines.append(f"  {w['min'].format(n=low)}")
        if best.holidays is not None:
            lines.append(f"  {w['holidays'].format(opened=best.holidays[0], target=best.holidays[1])}")
    failed = [r for r in result.tried if not r.holds]
    if failed:
        above = failed[-1]
        reasons = above.reasons_in(lang)
        lines.append(w["why"].format(level=above.level.describe(lang)))
        for reason in reasons[:max_reasons]:
            lines.append(f"  - {reason}")
        if len(reasons) > max_reasons:
            lines.append(f"  - {w['more'].format(n=len(reasons) - max_reasons)}")
    return "\n".join(lines)
