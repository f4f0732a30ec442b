"""What a re-plan changed: the assignment diff between a published rota and its successor."""

from __future__ import annotations

from roster.rota import Rota
from roster.rota_diff import changed_days


def diff_assignments(old: Rota, new: Rota) -> dict:
    """Per person and day inside the new rota's period: shifts added, removed and changed.

    Rows are plain data (``staff``, ``date``, ``old``/``new`` shift codes) so the change log
    can be stored as JSON and read by any tool.
    """
    added, removed, changed = [], [], []
    for c in changed_days(old.assignments, new.assignments, first=new.start, last=new.end):
        row = {"staff": c.staff, "date": c.date.isoformat()}
        if c.before is None:
            added.append({**row, "shift": c.after})
        elif c.after is None:
            removed.append({**row, "shift": c.before})
        else:
            changed.append({**row, "old": c.before, "new": c.after})
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
