"""What a re-plan changed: the assignment diff between a published rota and its successor."""

from __future__ import annotations

from roster.rota import Rota


def diff_assignments(old: Rota, new: Rota) -> dict:
    """Per person and day inside the new rota's period: shifts added, removed and changed.

    Rows are plain data (``staff``, ``date``, ``old``/``new`` shift codes) so the change log
    can be stored as JSON and read by any tool.
    """
    before = {(a.staff, a.date): a.shift for a in old.assignments if new.start <= a.date <= new.end}
    after = {(a.staff, a.date): a.shift for a in new.assignments}
    added, removed, changed = [], [], []
    for key in sorted(set(before) | set(after), key=lambda k: (k[1], k[0])):
        staff, date = key
        b, a = before.get(key), after.get(key)
        if b == a:
            continue
        row = {"staff": staff, "date": date.isoformat()}
        if b is None:
            added.append({**row, "shift": a})
        elif a is None:
            removed.append({**row, "shift": b})
        else:
            changed.append({**row, "old": b, "new": a})
    return {"added": added, "removed": removed, "changed": changed}


def new_absences(old: Rota | None, new: Rota) -> list[dict]:
    """Absences in the new rota that the old one did not have: registered after publication."""
    def key(row: dict) -> tuple:
        return (row.get("staff"), row.get("start"), row.get("end"), row.get("kind"),
                int(row.get("percent", 100) or 100))

    known = {key(r) for r in (old.absences if old else [])}
    return [r for r in new.absences if key(r) not in known]


def summarise(diff: dict, absences: int = 0) -> str:
    """One line for the history: counts only (never who is sick)."""
    n = len(diff["added"]) + len(diff["removed"]) + len(diff["changed"])
    if n == 0:
        text = "no assignments changed"
    else:
        parts = [f"{len(diff['changed'])} to another shift", f"{len(diff['added'])} added",
                 f"{len(diff['removed'])} removed"]
        text = (f"{n} assignment{'s' if n != 1 else ''} changed: "
                + ", ".join(p for p in parts if not p.startswith("0 ")))
    if absences:
        text += f"; {absences} new absence{'s' if absences != 1 else ''} registered"
    return text
