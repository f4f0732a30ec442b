"""The failure summary: counts by kind and symptom, then one line per group (kind, symptom,
command, what went wrong) with the number of cases and one example to reproduce it."""

from __future__ import annotations

import re
import shlex
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from fuzz.cases import UPLOAD
from fuzz.harness import CHANGED, EXIT, FORMULA, HANG, INTERNAL, TRACEBACK, Failure, Outcome

SYMPTOMS = (INTERNAL, TRACEBACK, HANG, "crash", CHANGED, FORMULA, EXIT)


def command(argv: tuple[str, ...]) -> str:
    if not argv:
        return "roster"
    if argv[0] == UPLOAD:
        return "app upload"
    words = [a for a in argv if not a.startswith("-")][:1]
    return f"roster {words[0]}" if words else "roster"


def signature(f: Failure) -> str:
    """What went wrong, in a form shared by cases with the same cause."""
    if f.symptom == INTERNAL:
        match = re.search(r"internal error: (\w+)", f.detail)
        return match.group(1) if match else f.detail[:60]
    if f.symptom == TRACEBACK:
        match = re.search(r"(\w+(Error|Exception|Warning)\w*)", f.detail)
        return match.group(1) if match else f.detail[:60]
    if f.symptom == CHANGED:
        return f.detail.split(":", 1)[0]
    if f.symptom == FORMULA:
        name = f.detail.split(":", 1)[0]
        return re.sub(r"^.*/", "", name)
    if f.symptom == EXIT:
        return f.detail.split(":", 1)[0]
    return ""


def shown_argv(argv: tuple[str, ...]) -> str:
    if argv and argv[0] == UPLOAD:
        return f"read_upload({argv[2]!r}, <bytes of {argv[1]}>)"
    text = "roster " + " ".join(shlex.quote(a if len(a) < 80 else a[:40] + "..." + a[-10:]) for a in argv)
    return text.replace("\n", "\\n")


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)

    def text(self, title: str = "") -> str:
        failed = [o for o in self.outcomes if o.failures]
        seconds = sum(o.seconds for o in self.outcomes)
        lines = [
            f"Bad-input suite{': ' + title if title else ''}",
            f"{len(self.outcomes)} cases, {len(failed)} failed, {seconds:.0f} s in cases",
            "",
        ]
        lines += self._table(failed)
        lines += ["", "Groups (kind | symptom | command | what: cases, one example):"]
        lines += self._groups(failed)
        return "\n".join(lines) + "\n"

    def _table(self, failed: list[Outcome]) -> list[str]:
        cases_by: Counter = Counter()
        for o in failed:
            for symptom in {f.symptom for f in o.failures}:
                cases_by[(o.case.kind, symptom)] += 1
        totals = Counter(o.case.kind for o in self.outcomes)
        width = max((len(k) for k in totals), default=10)
        head = f"{'kind':{width}}  {'cases':>5}  " + "  ".join(f"{s:>14}" for s in SYMPTOMS)
        rows = [head]
        for kind in sorted(totals):
            rows.append(
                f"{kind:{width}}  {totals[kind]:5}  "
                + "  ".join(f"{cases_by[(kind, s)] or '':>14}" for s in SYMPTOMS)
            )
        return ["Failed cases by kind and symptom:", *rows]

    def _groups(self, failed: list[Outcome]) -> list[str]:
        groups: dict[tuple, list[tuple[Outcome, Failure]]] = defaultdict(list)
        for o in failed:
            seen = set()
            for f in o.failures:
                key = (o.case.kind, f.symptom, command(f.argv), signature(f))
                if key not in seen:
                    seen.add(key)
                    groups[key].append((o, f))
        order = sorted(
            groups,
            key=lambda k: (
                k[0],
                SYMPTOMS.index(k[1]) if k[1] in SYMPTOMS else 99,
                -len(groups[k]),
                k[2],
                k[3],
            ),
        )
        lines = []
        for key in order:
            outcome, example = groups[key][0]
            kind, symptom, cmd, sig = key
            lines.append(f"[{kind}] {symptom} | {cmd} | {sig or '-'}: {len(groups[key])} case(s)")
            lines.append(f"    e.g. {outcome.case.id}")
            lines.append(f"         {shown_argv(example.argv)}")
            lines.append(f"         -> {example.detail[:240]}")
        return lines

    def write(self, path: Path, title: str = "") -> Path:
        path.write_text(self.text(title), encoding="utf-8")
        return path


def describe(outcome: Outcome) -> str:
    """A failed case for the test report: what failed, and the output of each step."""
    lines = [f"{outcome.case.id}: {len(outcome.failures)} failure(s)"]
    for f in outcome.failures:
        lines.append(f"  {f.symptom}: {shown_argv(f.argv)}\n      {f.detail[:400]}")
    for step in outcome.steps:
        lines.append(f"  $ {shown_argv(step.argv)}  -> exit {step.code} in {step.seconds:.1f} s")
        for stream in (step.stdout, step.stderr):
            tail = stream.strip()[-600:]
            if tail:
                lines.append("      " + tail.replace("\n", "\n      "))
    return "\n".join(lines)
