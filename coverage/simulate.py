"""Absence simulation: what a fixed rota loses at a realistic sick-leave rate.

Sick-leave spells are drawn per person and day (a renewal process, started in its
steady state so the first days of the period are as likely to be lost as the last):

* Rate: ``absence_rate`` is the share of days lost. Default 9.5 %: SSB's sick-leave
  statistics (2023-2024) and KS's municipal figures put sick leave in
  municipal health and care services at about 9-10 % of contracted days.
* Mix: spells are short self-certified ones (egenmelding, 1-3 days: the employee's own
  declaration, folketrygdloven § 8-23) or longer doctor-certified
  ones (sykmelding). ``short_share`` (default 0.25) is the share of *lost days* in short
  spells; the issue puts it at roughly 1/4-1/3. A modelling assumption, configurable.
* Lengths: short spells uniform on 1-3 days; doctor-certified spells 4 days or more,
  geometric with mean ``long_mean`` (default 20 days, an assumption: most sykmeldinger
  are 1-4 weeks, a few run for months) and cut at ``long_max`` (default 180 days).
* Graded (partial) sick leave is not modelled: a drawn day is a whole day lost.

The rota is fixed (no re-solve, nobody called in). Per run, each slot keeps its assigned
staff minus those off sick. Counted are the base slots and the service slots the rota
opened whose staffing falls below the minimum, the probability each slot keeps it, and
the vikar (substitute) hours needed to bring every such slot back to its minimum, at
``vikar_hourly_cost`` NOK per hour (default 450: an assumption of about NOK 270/h
wage for a substitute in municipal care plus holiday pay 12 %, employer's tax 14.1 %,
pension and the evening/weekend supplements of the tariff (KS HTA)). Skill minimums are
not simulated.

Vectorised with numpy over runs x staff; reproducible with ``seed``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from roster.rota import Rota
from roster.scenario import EVENING_NIGHT_KINDS, Scenario
from roster.slots import SlotTable, on_duty
from roster.vocabulary import kind_word, num, pct, weekday_short


@dataclass(frozen=True)
class AbsenceParams:
    """Spell mix and lengths, and the vikar cost (see the module docstring for sources)."""

    short_share: float = 0.25
    short_min: int = 1
    short_max: int = 3
    long_min: int = 4
    long_mean: float = 20.0
    long_max: int = 180
    vikar_hourly_cost: float = 450.0

    def validate(self) -> None:
        if not 0 <= self.short_share <= 1:
            raise ValueError("short_share must be between 0 and 1")
        if not 1 <= self.short_min <= self.short_max:
            raise ValueError("need 1 <= short_min <= short_max")
        if not self.short_max < self.long_min <= self.long_max:
            raise ValueError("need short_max < long_min <= long_max")
        if self.long_mean <= self.long_min:
            raise ValueError("long_mean must be above long_min")
        if self.vikar_hourly_cost < 0:
            raise ValueError("vikar_hourly_cost must not be negative")


def spell_lengths(params: AbsenceParams) -> np.ndarray:
    """Probability of each spell length 0..long_max (index = days) in the mixture."""
    p = params
    n = p.long_max + 1
    short = np.zeros(n)
    short[p.short_min:p.short_max + 1] = 1.0
    short /= short.sum()
    k = np.arange(n)
    q = 1.0 / (p.long_mean - p.long_min + 1)  # geometric from long_min with this mean
    long = np.where(k >= p.long_min, q * (1 - q) ** np.clip(k - p.long_min, 0, None), 0.0)
    long /= long.sum()
    m_short, m_long = (short * k).sum(), (long * k).sum()
    s = p.short_share
    # weight of short spells so that they carry `short_share` of the lost days
    w = 0.0 if s == 0 else 1.0 if s == 1 else s * m_long / (s * m_long + (1 - s) * m_short)
    return w * short + (1 - w) * long


def draw_absence(rate: float, runs: int, staff: int, days: int, params: AbsenceParams,
                 rng: np.random.Generator) -> np.ndarray:
    """Boolean array [run, person, day]: off sick. Stationary renewal process whose
    long-run share of absent days is ``rate``."""
    out = np.zeros((runs, staff, days), dtype=bool)
    if rate <= 0:
        return out
    pmf = spell_lengths(params)
    lengths = np.arange(len(pmf))
    mean_len = float((pmf * lengths).sum())
    # P(a spell starts today | not in a spell): a cycle is a spell plus a geometric run of
    # present days with mean (1 - onset) / onset, so the absent share is `rate`
    onset = rate / (rate + mean_len * (1 - rate))
    cdf = np.cumsum(pmf)
    # steady state at day 0: absent with probability `rate`, residual length ~ P(L >= k)
    surv = 1.0 - np.concatenate(([0.0], cdf[:-1]))
    resid = surv[1:] / surv[1:].sum()
    resid_cdf = np.cumsum(resid)
    shape = (runs, staff)
    in_spell = (rate - onset) / (1 - onset)  # before day 0's own onsets
    remaining = np.where(rng.random(shape) < in_spell,
                         1 + np.searchsorted(resid_cdf, rng.random(shape) * resid_cdf[-1]), 0)
    for d in range(days):
        start = (remaining == 0) & (rng.random(shape) < onset)
        new_len = np.searchsorted(cdf, rng.random(shape) * cdf[-1])
        remaining = np.where(start, np.maximum(new_len, 1), remaining)
        out[:, :, d] = remaining > 0
        remaining = np.maximum(remaining - 1, 0)
    return out


@dataclass
class SimulationResult:
    """Outcome of ``simulate``. Arrays are per run; dict keys are (date, shift code)."""

    runs: int
    absence_rate: float
    seed: int
    uncovered: np.ndarray
    uncovered_base: np.ndarray
    uncovered_service: np.ndarray
    vikar_hours: np.ndarray
    p_keep_min: dict[tuple[dt.date, str], float]
    service_slots: list[tuple[dt.date, str]]
    params: AbsenceParams
    seconds: float = 0.0
    rota_uncovered: int = 0
    absent_share: float = 0.0
    kinds: dict[tuple[dt.date, str], str] = field(default_factory=dict)

    @property
    def p_service_keeps_min(self) -> float:
        """Mean over the opened service slots of the chance they keep their minimum."""
        vals = [self.p_keep_min[k] for k in self.service_slots]
        return float(np.mean(vals)) if vals else 1.0

    @property
    def vikar_hours_mean(self) -> float:
        return float(self.vikar_hours.mean()) if self.runs else 0.0

    @property
    def vikar_cost_mean(self) -> float:
        return self.vikar_hours_mean * self.params.vikar_hourly_cost

    def distribution(self) -> dict:
        u = self.uncovered
        return {"mean": round(float(u.mean()), 3), "p50": float(np.percentile(u, 50)),
                "p90": float(np.percentile(u, 90)), "max": int(u.max()) if u.size else 0,
                "p_none": round(float((u == 0).mean()), 4)}

    def to_json(self) -> dict:
        return {
            "runs": self.runs, "absence_rate": self.absence_rate, "seed": self.seed,
            "params": dict(self.params.__dict__), "seconds": round(self.seconds, 3),
            "absent_share_drawn": round(self.absent_share, 4),
            "rota_uncovered": self.rota_uncovered,
            "uncovered": self.distribution(),
            "uncovered_base_mean": round(float(self.uncovered_base.mean()), 3),
            "uncovered_service_mean": round(float(self.uncovered_service.mean()), 3),
            "p_service_keeps_min": round(self.p_service_keeps_min, 4),
            "vikar_hours_mean": round(self.vikar_hours_mean, 2),
            "vikar_hours_p90": round(float(np.percentile(self.vikar_hours, 90)), 2),
            "vikar_cost_mean": round(self.vikar_cost_mean, 0),
            "p_keep_min": [{"date": d.isoformat(), "shift": s, "kind": self.kinds.get((d, s)),
                            "p": round(p, 4)} for (d, s), p in sorted(self.p_keep_min.items())],
        }


def simulate(scenario: Scenario, rota: Rota, *, absence_rate: float = 0.095, runs: int = 1000,
             seed: int = 1, params: AbsenceParams | None = None) -> SimulationResult:
    """Draw ``runs`` months of sick leave and apply them to the fixed ``rota``."""
    import time

    t0 = time.perf_counter()
    params = params or AbsenceParams()
    params.validate()
    if not 0 <= absence_rate < 1:
        raise ValueError("absence_rate must be in [0, 1)")
    if runs < 1:
        raise ValueError("runs must be at least 1")
    table = SlotTable(scenario)
    staff_ix = {sid: i for i, sid in enumerate(scenario.staff_ids)}
    hours = {s.code: s.paid_hours for s in scenario.shifts}
    assigned = {key: [staff_ix[sid] for sid in people if sid in staff_ix]
                for key, people in on_duty(rota.assignments).items()}
    # slots that count: every base slot, and every service slot the rota opened
    keys, mins, is_service, kinds = [], [], [], {}
    for s in table.slots:
        n = len(assigned.get((s.date, s.shift), []))
        if s.priority == "base" or (s.priority == "service" and n >= s.min_staff):
            keys.append((s.date, s.shift))
            mins.append(s.min_staff)
            is_service.append(s.priority == "service")
            kind = ("holiday" if s.day.is_holiday else "weekend" if s.day.is_weekend
                    else "evening" if s.shift in _evening_codes(scenario) else "day")
            kinds[(s.date, s.shift)] = kind
    mins_a = np.array(mins, dtype=np.int32)
    service_a = np.array(is_service, dtype=bool)
    hours_a = np.array([hours[k[1]] for k in keys])
    n_slots = len(keys)
    # assignment incidence: which (person, day) sits in which counted slot
    a_staff, a_day, a_slot = [], [], []
    for j, k in enumerate(keys):
        for p in assigned.get(k, []):
            a_staff.append(p)
            a_day.append(table.index_of[k[0]])
            a_slot.append(j)
    a_staff_a, a_day_a = np.array(a_staff, dtype=np.int64), np.array(a_day, dtype=np.int64)
    incidence = np.zeros((len(a_slot), n_slots), dtype=np.float32)
    incidence[np.arange(len(a_slot)), a_slot] = 1.0
    have = incidence.sum(axis=0) if len(a_slot) else np.zeros(n_slots)
    rng = np.random.default_rng(seed)
    absent = draw_absence(absence_rate, runs, len(scenario.staff), len(table.days), params, rng)
    lost = absent[:, a_staff_a, a_day_a].astype(np.float32) if len(a_slot) else \
        np.zeros((runs, 0), dtype=np.float32)
    remaining = have[None, :] - lost @ incidence if len(a_slot) else np.zeros((runs, n_slots))
    below = remaining < mins_a[None, :]
    own_short = np.maximum(mins_a - have, 0)
    need = np.maximum(mins_a[None, :] - remaining, 0) - own_short[None, :]
    result = SimulationResult(
        runs=runs, absence_rate=absence_rate, seed=seed,
        uncovered=below.sum(axis=1), uncovered_base=below[:, ~service_a].sum(axis=1),
        uncovered_service=below[:, service_a].sum(axis=1),
        vikar_hours=(np.maximum(need, 0) * hours_a[None, :]).sum(axis=1),
        p_keep_min={k: float(1 - below[:, j].mean()) for j, k in enumerate(keys)},
        service_slots=[k for k, sv in zip(keys, is_service, strict=True) if sv],
        params=params, rota_uncovered=int((own_short > 0).sum()),
        absent_share=float(absent.mean()) if absent.size else 0.0, kinds=kinds)
    result.seconds = time.perf_counter() - t0
    return result


def _evening_codes(scenario: Scenario) -> set[str]:
    return {s.code for s in scenario.shifts if s.kind in EVENING_NIGHT_KINDS}


def format_simulation(r: SimulationResult, max_rows: int = 15, lang: str = "en") -> str:
    if lang == "nb":
        return _format_simulation_nb(r, max_rows)
    d = r.distribution()
    p = r.params
    lines = [
        f"Absence simulation: {r.runs} runs, sick-leave rate {r.absence_rate:.1%} "
        f"(drawn {r.absent_share:.1%}), seed {r.seed}, {r.seconds:.2f} s",
        f"  spells: {p.short_share:.0%} of lost days in short spells ({p.short_min}-{p.short_max} "
        f"days), the rest {p.long_min}+ days (mean {p.long_mean:g}); no one called in",
        f"Shifts below their minimum per run: mean {d['mean']:.2f}, median {d['p50']:g}, "
        f"90th percentile {d['p90']:g}, max {d['max']}; no shortfall in {d['p_none']:.1%} of runs",
        f"  base {float(r.uncovered_base.mean()):.2f}, opened service "
        f"{float(r.uncovered_service.mean()):.2f} (mean per run)"
        + (f"; {r.rota_uncovered} already short in the rota" if r.rota_uncovered else ""),
        (f"Opened service shifts keep their minimum with probability {r.p_service_keeps_min:.1%} "
         "(mean)" if r.service_slots else "No service shift is opened in the rota."),
        f"Vikar hours to restore minimums: mean {r.vikar_hours_mean:.1f} h "
        f"(90th percentile {float(np.percentile(r.vikar_hours, 90)):.1f} h), "
        f"cost NOK {r.vikar_cost_mean:,.0f} per period at NOK {p.vikar_hourly_cost:g}/h",
    ]
    svc = sorted(r.service_slots, key=lambda k: (r.p_keep_min[k], k))
    if svc:
        lines.append("Least safe opened service shifts (P keeps minimum):")
        for k in svc[:max_rows]:
            lines.append(f"  {k[0]} {k[0]:%a} {k[1]:<3} {r.kinds.get(k, ''):<8} "
                         f"{r.p_keep_min[k]:.1%}")
    return "\n".join(lines)


def _format_simulation_nb(r: SimulationResult, max_rows: int = 15) -> str:
    """``format_simulation`` in bokmål."""
    nb = "nb"
    d = r.distribution()
    p = r.params
    p90 = float(np.percentile(r.vikar_hours, 90))
    cost = f"{r.vikar_cost_mean:,.0f}".replace(",", " ")
    lines = [
        f"Fraværssimulering: {r.runs} kjøringer, sykefravær {pct(r.absence_rate, nb)} "
        f"(trukket {pct(r.absent_share, nb)}), frø {r.seed}, {num(r.seconds, nb, '.2f')} s",
        f"  fraværsperioder: {pct(p.short_share, nb, 0)} av tapte dager i korte perioder "
        f"({p.short_min}-{p.short_max} dager), resten {p.long_min}+ dager (snitt "
        f"{num(p.long_mean, nb, 'g')}); ingen kalles inn",
        f"Vakter under minimum per kjøring: snitt {num(d['mean'], nb, '.2f')}, median "
        f"{num(d['p50'], nb, 'g')}, 90-persentil {num(d['p90'], nb, 'g')}, høyst {d['max']}; "
        f"ingen mangler i {pct(d['p_none'], nb)} av kjøringene",
        f"  grunnvakter {num(float(r.uncovered_base.mean()), nb, '.2f')}, åpnede tjenestevakter "
        f"{num(float(r.uncovered_service.mean()), nb, '.2f')} (snitt per kjøring)"
        + (f"; {r.rota_uncovered} mangler allerede folk i turnusen" if r.rota_uncovered else ""),
        (f"Åpnede tjenestevakter holder minimum med sannsynlighet {pct(r.p_service_keeps_min, nb)} "
         "(snitt)" if r.service_slots else "Ingen tjenestevakt er åpnet i turnusen."),
        f"Vikartimer for å nå minimum: snitt {num(r.vikar_hours_mean, nb)} t "
        f"(90-persentil {num(p90, nb)} t), kostnad {cost} kr per periode à "
        f"{num(p.vikar_hourly_cost, nb, 'g')} kr/t",
    ]
    svc = sorted(r.service_slots, key=lambda k: (r.p_keep_min[k], k))
    if svc:
        lines.append("Minst sikre åpnede tjenestevakter (sannsynlighet for å holde minimum):")
        for k in svc[:max_rows]:
            lines.append(f"  {k[0]} {weekday_short(k[0], nb)} {k[1]:<3} "
                         f"{kind_word(r.kinds.get(k, ''), nb):<9} "
                         f"{pct(r.p_keep_min[k], nb)}")
    return "\n".join(lines)
