"""The rota store: units, scenario versions, drafts and published rotas, and their history.

``Store(path)`` is the one entry point for the CLI and the front end. Every write is one
SQLite transaction (all or nothing); see docs/store.md for the API and
docs/data-protection.md for what the file holds and how to erase a person.
"""

from __future__ import annotations

import datetime as dt
import functools
import getpass
import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from roster.errors import within
from roster.rota import Rota
from roster.scenario import Scenario
from roster.scenario_load import build_scenario, load_scenario, loads_scenario
from roster.store import forget as fg
from roster.store import restore_files
from roster.store import validate as v
from roster.store.db import StoreError, connect, damaged, db_path, make_private, sqlite_errors, transaction
from roster.store.diff import diff_assignments, new_absences, summarise
from roster.store.schema import LATEST, check_schema, migrate
from roster.vocabulary import record_status_word, status_word

STATUSES = ("draft", "published", "superseded")


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def user_name(user: str | None = None) -> str:
    """The name recorded in the change log: as given, else $USER; there are no accounts."""
    if user and user.strip():
        return user.strip()
    for var in ("USER", "USERNAME", "LOGNAME"):
        if os.environ.get(var):
            return os.environ[var]
    try:
        return getpass.getuser()
    except Exception:  # no login name on this machine
        return "unknown"


def sha256(data: str | bytes) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


@dataclass(frozen=True)
class UnitInfo:
    id: int
    name: str
    service: str
    staff: list[dict]
    rotas: int
    published: int
    last_period: tuple[dt.date, dt.date] | None


@dataclass(frozen=True)
class RotaRecord:
    """A stored rota without its content: what history lists."""

    id: int
    unit: str
    status: str
    start: dt.date
    end: dt.date
    created_at: str
    created_by: str
    published_at: str | None
    published_by: str | None
    superseded_at: str | None
    superseded_by: int | None
    scenario_id: int | None
    note: str | None
    changes: list[dict] = field(default_factory=list)

    @property
    def period(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


@dataclass(frozen=True)
class PublishResult:
    rota_id: int
    superseded_id: int | None
    diff: dict
    summary: str


@dataclass(frozen=True)
class ForgetReport:
    pseudonym: str
    rotas: int
    scenarios: int
    absences: int
    changes: int
    restore_files: int = 0
    """Stale restore work files (copies of a backup) removed beside the store."""


ROTA_COLUMNS = ("id, unit_id, scenario_id, status, start_date, end_date, created_at, created_by, "
                "published_at, published_by, superseded_at, superseded_by, note")
"""A rota's row without its content: what history and look-ups read."""

T = TypeVar("T")


def guarded(method: Callable[..., T]) -> Callable[..., T]:
    """SQLite errors inside a store method become ``StoreError`` naming the file."""
    @functools.wraps(method)
    def wrapper(self: Store, *args: Any, **kwargs: Any) -> T:
        with sqlite_errors(self.path):
            return method(self, *args, **kwargs)
    return wrapper


def checked_input(what: str, check: v.Check, value: Any) -> Any:
    """A value the store is asked to write, checked as the store will check it when read back."""
    try:
        return check(value)
    except v.Invalid as exc:
        from roster.nb_messages import message

        raise StoreError(f"{what}: {exc.message}",
                         nb=f"{INPUTS_NB.get(what, what)}: {message(exc.message, 'nb')}") from None


INPUTS_NB = {
    "unit name": "enhetsnavn", "user name (--user, else $USER)": "brukernavn (--user, ellers $USER)",
    "note": "merknad", "scenario file name": "scenarioets filnavn", "scenario workbook": "scenarioarbeidsbok",
    "staff id": "ansatt-id", "absence kind": "fraværstype", "absence percent": "fraværsprosent",
}
"""What :func:`checked_input` checked, in bokmål (a rota's or scenario's name stays as given)."""


def _scenario_payload(scenario_text: str | bytes, filename: str | None) -> tuple[str, str | None,
                                                                                bytes | None]:
    if isinstance(scenario_text, bytes):
        return "xlsx", None, scenario_text
    fmt = "json" if (filename or "").lower().endswith(".json") else "toml"
    return fmt, scenario_text, None


class Store:
    """An open store file. Use as a context manager or call ``close()``.

    Opening removes stale restore work files beside the file (``restore_files.sweep``) and
    refuses a file that is not a store. Every row read back is checked (``validate``): a
    damaged row raises ``StoreError`` ("damaged store: table X row Y: column Z: ...").
    """

    def __init__(self, path: str | os.PathLike | None = None, *, create: bool = True):
        self.path = db_path(path)
        self.restore_files_removed = restore_files.sweep(self.path)
        if not create and (not self.path.exists() or _is_empty_file(self.path)):
            # a reading command never turns a missing or empty file into a store
            raise StoreError(f"no rota store at {self.path} (publish a rota first, or give --db "
                             "PATH or $TURNUS_DB)",
                             nb=f"ingen turnusbase i {self.path} (publiser en turnus først, eller "
                                "oppgi --db STI eller $TURNUS_DB)")
        self.con = connect(self.path)
        try:
            with sqlite_errors(self.path):
                check_schema(self.con)
                migrate(self.con)
        except StoreError as exc:
            self.con.close()
            message = str(exc)
            if message.startswith(str(self.path)):
                raise exc from None
            raise within(str(self.path), exc, StoreError) from None
        except BaseException:
            self.con.close()
            raise
        make_private(self.path)  # only once it is known to be a sound store: a refused file stays as it was

    # --- lifecycle -------------------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    @guarded
    def schema_version(self) -> int:
        return check_schema(self.con)

    @guarded
    def is_empty(self) -> bool:
        return self.con.execute("SELECT count(*) FROM units").fetchone()[0] == 0

    # --- checking what is read back ----------------------------------------------------
    def _checked(self, table: str, row: sqlite3.Row | Mapping[str, Any]) -> dict[str, Any]:
        """The row's known columns checked and parsed; a damaged row names itself."""
        try:
            return v.check_row(table, row)
        except v.Invalid as exc:
            raise damaged(self.path, table, dict(row).get("id", "?"), exc.column, exc.message) from None

    def _unit_name(self, unit_id: int, name: Any) -> str:
        try:
            return v.check_cell("units", "name", name)
        except v.Invalid as exc:
            raise damaged(self.path, "units", unit_id, "name", exc.message) from None

    # --- reading ---------------------------------------------------------------------
    @guarded
    def units(self) -> list[UnitInfo]:
        rows = self.con.execute(
            """SELECT u.id, u.name, u.service, u.staff,
                      (SELECT count(*) FROM rotas r WHERE r.unit_id = u.id) AS n,
                      (SELECT count(*) FROM rotas r WHERE r.unit_id = u.id
                         AND r.status = 'published') AS p,
                      (SELECT r.id FROM rotas r WHERE r.unit_id = u.id AND r.status = 'published'
                         ORDER BY r.end_date DESC, r.id DESC LIMIT 1) AS last_id
               FROM units u ORDER BY u.name, u.id""").fetchall()
        out = []
        for r in rows:
            unit = self._checked("units", {k: r[k] for k in ("id", "name", "service", "staff")})
            out.append(UnitInfo(id=unit["id"], name=unit["name"], service=unit["service"],
                                staff=unit["staff"], rotas=r["n"], published=r["p"],
                                last_period=self._period_of(r["last_id"])))
        return out

    def _period_of(self, rota_id: int | None) -> tuple[dt.date, dt.date] | None:
        if rota_id is None:
            return None
        row = self.con.execute("SELECT id, start_date, end_date FROM rotas WHERE id = ?",
                               (rota_id,)).fetchone()
        rota = self._checked("rotas", row)
        return rota["start_date"], rota["end_date"]

    def unit(self, name: str) -> UnitInfo | None:
        return next((u for u in self.units() if u.name == name), None)

    def _unit_id(self, name: str, *, create: bool = False) -> int | None:
        row = self.con.execute("SELECT id FROM units WHERE name = ?", (name,)).fetchone()
        if row:
            return int(row[0])
        if not create:
            return None
        cur = self.con.execute("INSERT INTO units (name, created_at) VALUES (?, ?)", (name, now_utc()))
        return int(cur.lastrowid)  # type: ignore[arg-type]

    def _require_unit(self, name: str) -> int:
        uid = self._unit_id(name)
        if uid is None:
            names = ", ".join(u.name for u in self.units())
            raise StoreError(f"unit '{name}' is not in the store {self.path} (units: {names or 'none yet'})",
                             nb=f"enheten «{name}» finnes ikke i turnusbasen {self.path} (enheter: "
                                f"{names or 'ingen ennå'})")
        return uid

    def _changes_of(self, rota_id: int) -> list[dict]:
        out = []
        for row in self.con.execute("SELECT id, action, at, user, replaces_id, summary, diff "
                                    "FROM changes WHERE rota_id = ? ORDER BY id", (rota_id,)):
            c = self._checked("changes", row)
            out.append({"id": c["id"], "action": c["action"], "at": c["at"], "user": c["user"],
                        "replaces": c["replaces_id"], "summary": c["summary"], "diff": c["diff"]})
        return out

    def _record(self, row: sqlite3.Row, unit: str) -> RotaRecord:
        r = self._checked("rotas", row)
        return RotaRecord(
            id=r["id"], unit=unit, status=r["status"], start=r["start_date"], end=r["end_date"],
            created_at=r["created_at"], created_by=r["created_by"], published_at=r["published_at"],
            published_by=r["published_by"], superseded_at=r["superseded_at"],
            superseded_by=r["superseded_by"], scenario_id=r["scenario_id"], note=r["note"],
            changes=self._changes_of(r["id"]))

    @guarded
    def rotas(self, unit: str, status: str | None = None) -> list[RotaRecord]:
        """The unit's rotas, newest period first, then newest first."""
        uid = self._require_unit(unit)
        sql = f"SELECT {ROTA_COLUMNS} FROM rotas WHERE unit_id = ?"
        params: list = [uid]
        if status:
            sql += " AND status = ?"
            params.append(status)
        rows = self.con.execute(sql + " ORDER BY start_date DESC, id DESC", params).fetchall()
        return [self._record(r, unit) for r in rows]

    @guarded
    def record(self, rota_id: int) -> RotaRecord:
        r = self.con.execute(f"SELECT {ROTA_COLUMNS} FROM rotas WHERE id = ?", (rota_id,)).fetchone()
        if r is None:
            raise StoreError(f"no rota with id {rota_id} in {self.path}",
                             nb=f"ingen turnus med id {rota_id} i {self.path}")
        unit = self.con.execute("SELECT name FROM units WHERE id = ?", (r["unit_id"],)).fetchone()
        if unit is None:
            raise damaged(self.path, "rotas", rota_id, "unit_id", "refers to a unit that is not there")
        return self._record(r, self._unit_name(r["unit_id"], unit["name"]))

    @guarded
    def get_rota(self, rota_id: int) -> Rota:
        return Rota.from_json(self._rota_data(rota_id), source=f"{self.path}#rota{rota_id}")

    def _rota_data(self, rota_id: int) -> dict:
        row = self.con.execute("SELECT id, start_date, end_date, content FROM rotas WHERE id = ?",
                               (rota_id,)).fetchone()
        if row is None:
            raise StoreError(f"no rota with id {rota_id} in {self.path}",
                             nb=f"ingen turnus med id {rota_id} i {self.path}")
        return self._checked("rotas", row)["content"]

    @guarded
    def published(self, unit: str, start: dt.date, end: dt.date) -> RotaRecord | None:
        """The published rota for exactly this period, if any."""
        uid = self._require_unit(unit)
        r = self.con.execute(f"SELECT {ROTA_COLUMNS} FROM rotas WHERE unit_id = ? AND "
                             "status = 'published' AND start_date = ? AND end_date = ?",
                             (uid, start.isoformat(), end.isoformat())).fetchone()
        return self._record(r, unit) if r else None

    @guarded
    def last_published_record_before(self, unit: str, date: dt.date) -> RotaRecord | None:
        """The published rota that ends last before ``date`` (the previous month)."""
        uid = self._unit_id(unit)
        if uid is None:
            return None
        r = self.con.execute(f"SELECT {ROTA_COLUMNS} FROM rotas WHERE unit_id = ? AND "
                             "status = 'published' AND end_date < ? ORDER BY end_date DESC, id DESC "
                             "LIMIT 1", (uid, date.isoformat())).fetchone()
        return self._record(r, unit) if r else None

    def last_published_before(self, unit: str, date: dt.date) -> Rota | None:
        """The previous period's published rota, for ``planner.plan(previous=...)``."""
        rec = self.last_published_record_before(unit, date)
        return self.get_rota(rec.id) if rec else None

    def _scenario_row(self, scenario_id: int) -> dict[str, Any]:
        r = self.con.execute("SELECT id, format, text, data, filename FROM scenarios WHERE id = ?",
                             (scenario_id,)).fetchone()
        if r is None:
            raise StoreError(f"no scenario version with id {scenario_id} in {self.path}",
                             nb=f"ingen scenarioversjon med id {scenario_id} i {self.path}")
        return self._checked("scenarios", r)

    @guarded
    def scenario_content(self, scenario_id: int) -> str | bytes | None:
        r = self._scenario_row(scenario_id)
        return r["text"] if r["text"] is not None else r["data"]

    @guarded
    def get_scenario(self, scenario_id: int) -> Scenario:
        """A stored scenario version, loaded and validated (also after ``forget``)."""
        r = self._scenario_row(scenario_id)
        source = f"{self.path}#scenario{scenario_id}"
        if r["format"] == "toml":
            return loads_scenario(r["text"], source=source)
        if r["format"] == "json":
            return build_scenario(json.loads(r["text"]), source=source)
        if r["data"] is None:
            raise StoreError(f"{source}: the workbook was erased by 'roster forget'",
                             nb=f"{source}: arbeidsboken ble slettet av «roster forget»")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / Path(r["filename"] or "scenario.xlsx").name
            path.write_bytes(r["data"])
            return load_scenario(path)

    @guarded
    def absences(self, unit: str) -> list[dict]:
        """Absences registered after publication (health data: show only to the unit leader)."""
        uid = self._require_unit(unit)
        out = []
        for row in self.con.execute(
                "SELECT id, rota_id, staff, start_date, end_date, kind, percent, registered_at, "
                "registered_by FROM absences WHERE unit_id = ? ORDER BY id", (uid,)):
            self._checked("absences", row)
            a = dict(row)
            a["start"], a["end"] = a.pop("start_date"), a.pop("end_date")
            out.append(a)
        return out

    # --- writing ---------------------------------------------------------------------
    def _check_write(self, unit: str, who: str, *, rota: Rota | None = None, note: str | None = None,
                     scenario_text: str | bytes | None = None, scenario_file: str | None = None) -> None:
        """What a write would store, checked as it will be checked when read back."""
        checked_input("unit name", v.line(), unit)
        checked_input("user name (--user, else $USER)", v.line(), who)
        if note is not None:
            checked_input("note", v.text(), note)
        if rota is not None:
            checked_input(f"rota {rota.start}..{rota.end}", lambda d: v.rota_shape(d, "rota"),
                          rota.to_json())
        if scenario_file:
            checked_input("scenario file name", v.filename, Path(scenario_file).name)
        if isinstance(scenario_text, bytes):
            checked_input("scenario workbook", v.blob, scenario_text)
        elif scenario_text is not None:
            fmt, _, _ = _scenario_payload(scenario_text, scenario_file)
            checked_input(f"scenario {scenario_file or 'text'}",
                          lambda t: v.scenario_data(fmt, t), scenario_text)

    def _touch_unit(self, unit: str, rota: Rota) -> int:
        uid = self._unit_id(unit, create=True)
        staff = [{"id": s.get("id"), "name": s.get("name"), "fte": s.get("fte")}
                 for s in rota.staff if isinstance(s, dict)]
        self.con.execute("UPDATE units SET service = ?, staff = ? WHERE id = ?",
                         (rota.scenario, json.dumps(staff, ensure_ascii=False), uid))
        return uid  # type: ignore[return-value]

    def _save_scenario(self, uid: int, scenario_text: str | bytes | None,
                       filename: str | None) -> int | None:
        if scenario_text is None:
            return None
        fmt, text, data = _scenario_payload(scenario_text, filename)
        digest = sha256(scenario_text)
        row = self.con.execute("SELECT id FROM scenarios WHERE unit_id = ? AND sha256 = ?",
                               (uid, digest)).fetchone()
        if row:
            return int(row[0])
        cur = self.con.execute(
            "INSERT INTO scenarios (unit_id, sha256, format, text, data, filename, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (uid, digest, fmt, text, data, Path(filename).name if filename else None, now_utc()))
        return int(cur.lastrowid)  # type: ignore[arg-type]

    def _insert_rota(self, uid: int, rota: Rota, scenario_id: int | None, status: str, user: str,
                     note: str | None) -> int:
        content = json.dumps(rota.to_json(), ensure_ascii=False, sort_keys=True)
        at = now_utc()
        cur = self.con.execute(
            "INSERT INTO rotas (unit_id, scenario_id, status, start_date, end_date, content, sha256, "
            "created_at, created_by, published_at, published_by, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (uid, scenario_id, status, rota.start.isoformat(), rota.end.isoformat(), content,
             sha256(content), at, user, at if status == "published" else None,
             user if status == "published" else None, note))
        return int(cur.lastrowid)  # type: ignore[arg-type]

    @guarded
    def save_draft(self, rota: Rota, unit: str, scenario_text: str | bytes | None = None,
                   user: str | None = None, *, scenario_file: str | None = None,
                   note: str | None = None) -> int:
        """Keep a rota as a draft (not published, no effect on history or carry-over)."""
        who = user_name(user)
        self._check_write(unit, who, rota=rota, note=note, scenario_text=scenario_text,
                          scenario_file=scenario_file)
        with transaction(self.con):
            uid = self._touch_unit(unit, rota)
            sid = self._save_scenario(uid, scenario_text, scenario_file)
            return self._insert_rota(uid, rota, sid, "draft", who, note)

    @guarded
    def publish(self, rota: Rota, unit: str, scenario_text: str | bytes | None = None,
                user: str | None = None, *, scenario_file: str | None = None,
                note: str | None = None, force: bool = False,
                on_step: Callable[[str], None] | None = None) -> PublishResult:
        """Publish a rota for its period, superseding the one published before (a re-plan).

        One transaction: the old rota becomes ``superseded``, the new one ``published``,
        absences new since the old one are registered and the change log gets its diff.
        ``on_step(name)`` is called between the steps (progress; the crash test uses it).
        """
        who = user_name(user)
        self._check_write(unit, who, rota=rota, note=note, scenario_text=scenario_text,
                          scenario_file=scenario_file)
        check_publishable(rota, force)
        step = on_step or (lambda name: None)
        with transaction(self.con):
            uid = self._touch_unit(unit, rota)
            step("unit")
            old = self._published_for(uid, rota)
            sid = self._save_scenario(uid, scenario_text, scenario_file)
            step("scenario")
            at = now_utc()
            if old is not None:
                self.con.execute("UPDATE rotas SET status = 'superseded', superseded_at = ? "
                                 "WHERE id = ?", (at, old))
            step("superseded")
            new_id = self._insert_rota(uid, rota, sid, "published", who, note)
            step("rota")
            return self._log_publish(uid, new_id, old, rota, who, at, step)

    @guarded
    def publish_draft(self, rota_id: int, *, user: str | None = None,
                      force: bool = False) -> PublishResult:
        """Publish a stored draft (the front end's 'publish' button on a saved rota)."""
        rec = self.record(rota_id)
        if rec.status != "draft":
            raise StoreError(f"rota {rota_id} is {rec.status}, not a draft",
                             nb=f"turnus {rota_id} er {record_status_word(rec.status, 'nb')}, ikke et "
                                "utkast")
        rota = self.get_rota(rota_id)
        who = user_name(user)
        self._check_write(rec.unit, who)
        check_publishable(rota, force)
        with transaction(self.con):
            uid = self._require_unit(rec.unit)
            old = self._published_for(uid, rota)
            at = now_utc()
            if old is not None:
                self.con.execute("UPDATE rotas SET status = 'superseded', superseded_at = ? "
                                 "WHERE id = ?", (at, old))
            self.con.execute("UPDATE rotas SET status = 'published', published_at = ?, "
                             "published_by = ? WHERE id = ?", (at, who, rota_id))
            return self._log_publish(uid, rota_id, old, rota, who, at, lambda name: None)

    def _published_for(self, uid: int, rota: Rota) -> int | None:
        """The published rota this one replaces; an overlapping but different period is refused."""
        rows = [self._checked("rotas", r) for r in self.con.execute(
            "SELECT id, start_date, end_date FROM rotas WHERE unit_id = ? AND status = 'published' "
            "AND start_date <= ? AND end_date >= ?",
            (uid, rota.end.isoformat(), rota.start.isoformat()))]
        same = [r["id"] for r in rows if (r["start_date"], r["end_date"]) == (rota.start, rota.end)]
        other = [r for r in rows if r["id"] not in same]
        if other:
            r = other[0]
            raise StoreError(f"rota {r['id']} ({r['start_date']}..{r['end_date']}) is published for "
                             f"an overlapping period; a re-plan must cover the same period "
                             f"{rota.start}..{rota.end}",
                             nb=f"turnus {r['id']} ({r['start_date']}..{r['end_date']}) er publisert "
                                f"for en overlappende periode; en omplanlegging må dekke den samme "
                                f"perioden {rota.start}..{rota.end}")
        return same[0] if same else None

    def _log_publish(self, uid: int, new_id: int, old: int | None, rota: Rota, who: str, at: str,
                     step: Callable[[str], None]) -> PublishResult:
        old_rota = self.get_rota(old) if old is not None else None
        diff = diff_assignments(old_rota, rota) if old_rota else {"added": [], "removed": [],
                                                                   "changed": []}
        fresh = new_absences(old_rota, rota) if old_rota else []
        if old is not None:
            self.con.execute("UPDATE rotas SET superseded_by = ? WHERE id = ?", (new_id, old))
        for a in fresh:
            self.con.execute(
                "INSERT INTO absences (unit_id, rota_id, staff, start_date, end_date, kind, percent, "
                "registered_at, registered_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (uid, new_id, a.get("staff"), a.get("start"), a.get("end"), a.get("kind", "other"),
                 int(a.get("percent", 100) or 100), at, who))
        step("absences")
        summary = summarise(diff, len(fresh)) if old is not None else \
            f"published ({len(rota.assignments)} assignments)"
        self.con.execute(
            "INSERT INTO changes (unit_id, rota_id, replaces_id, action, at, user, summary, diff) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (uid, new_id, old, "replan" if old is not None else "publish", at, who, summary,
             json.dumps(diff, ensure_ascii=False)))
        step("changes")
        return PublishResult(rota_id=new_id, superseded_id=old, diff=diff, summary=summary)

    @guarded
    def add_absence(self, unit: str, staff: str, start: dt.date, end: dt.date, kind: str = "sick",
                    percent: int = 100, *, user: str | None = None, rota_id: int | None = None) -> int:
        """Register an absence reported after publication (before the re-plan is made)."""
        if end < start:
            raise StoreError(f"absence end {end} is before its start {start}",
                             nb=f"fraværets slutt {end} er før starten {start}")
        who = user_name(user)
        self._check_write(unit, who)
        checked_input("staff id", v.line(), staff)
        checked_input("absence kind", v.line(50), kind)
        checked_input("absence percent", v.percent, percent)
        with transaction(self.con):
            uid = self._require_unit(unit)
            cur = self.con.execute(
                "INSERT INTO absences (unit_id, rota_id, staff, start_date, end_date, kind, percent, "
                "registered_at, registered_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (uid, rota_id, staff, start.isoformat(), end.isoformat(), kind, percent, now_utc(),
                 who))
            return int(cur.lastrowid)  # type: ignore[arg-type]

    # --- erasure ---------------------------------------------------------------------
    @guarded
    def forget(self, staff_id: str, unit: str, *, user: str | None = None) -> ForgetReport:
        """Erase a person from a unit (GDPR art. 17): absences and wishes deleted, name and id
        replaced by a pseudonym in every stored rota, scenario and change log; then VACUUM so
        nothing lingers in free pages, and stale restore work files (copies of a backup) beside
        the store are removed. Raises StoreError if the person is not found."""
        who = user_name(user)
        checked_input("user name (--user, else $USER)", v.line(), who)
        with transaction(self.con):
            uid = self._require_unit(unit)
            report = self._forget_in(uid, unit, staff_id, who)
        self.compact()
        swept = self.restore_files_removed + restore_files.sweep(self.path)
        return ForgetReport(pseudonym=report.pseudonym, rotas=report.rotas, scenarios=report.scenarios,
                            absences=report.absences, changes=report.changes, restore_files=swept)

    def _forget_in(self, uid: int, unit: str, staff_id: str, who: str) -> ForgetReport:
        rota_data = {r["id"]: self._checked("rotas", r)["content"] for r in self.con.execute(
            "SELECT id, start_date, end_date, content FROM rotas WHERE unit_id = ?", (uid,))}
        scenarios = [self._checked("scenarios", r) for r in self.con.execute(
            "SELECT id, format, text, data, filename FROM scenarios WHERE unit_id = ?", (uid,))]
        scen_data = {r["id"]: v.scenario_data(r["format"], r["text"]) for r in scenarios
                     if r["format"] in ("toml", "json")}
        unit_staff = self._checked("units", self.con.execute(
            "SELECT id, staff FROM units WHERE id = ?", (uid,)).fetchone())["staff"]
        names: set[str] = set()
        for data in rota_data.values():
            names |= fg.names_in_rota(data, staff_id)
        for data in scen_data.values():
            names |= fg.names_in_scenario(data, staff_id)
        names |= {str(s.get("name")) for s in unit_staff if s.get("id") == staff_id and s.get("name")}
        n_abs = self.con.execute("SELECT count(*) FROM absences WHERE unit_id = ? AND staff = ?",
                                 (uid, staff_id)).fetchone()[0]
        in_rotas = [i for i, d in rota_data.items()
                    if any(s.get("id") == staff_id for s in d.get("staff") or [])
                    or any(a.get("staff") == staff_id for a in d.get("assignments") or [])]
        in_scen = [i for i, d in scen_data.items()
                   if any(isinstance(s, dict) and s.get("id") == staff_id for s in d.get("staff") or [])]
        in_xlsx = [r["id"] for r in scenarios if r["format"] == "xlsx"]
        if not (in_rotas or in_scen or n_abs or any(s.get("id") == staff_id for s in unit_staff)):
            raise StoreError(f"staff id '{staff_id}' is not found in unit '{unit}' (already "
                             "forgotten, or a different id?)",
                             nb=f"ansatt-id «{staff_id}» finnes ikke i enheten «{unit}» (allerede "
                                "glemt, eller en annen id?)")
        pseudonym = self._next_pseudonym(uid)
        s = fg.Scrubber(staff_id, names, pseudonym)
        for rid, data in rota_data.items():
            content = json.dumps(fg.scrub_rota(data, s), ensure_ascii=False, sort_keys=True)
            self.con.execute("UPDATE rotas SET content = ?, sha256 = ? WHERE id = ?",
                             (content, sha256(content), rid))
        for sid, data in scen_data.items():
            text = json.dumps(fg.scrub_scenario(data, s), ensure_ascii=False, indent=1)
            self.con.execute("UPDATE scenarios SET format = 'json', text = ?, sha256 = ? WHERE id = ?",
                             (text, "forgotten:" + sha256(text), sid))
        # a workbook cannot be edited reliably here: its content is dropped, the row kept
        for sid in in_xlsx:
            self.con.execute("UPDATE scenarios SET data = NULL, sha256 = ? WHERE id = ?",
                             ("forgotten:" + sha256(str(sid)), sid))
        self.con.execute("DELETE FROM absences WHERE unit_id = ? AND staff = ?", (uid, staff_id))
        self.con.execute("UPDATE units SET staff = ? WHERE id = ?",
                         (json.dumps(fg.scrub_staff_list(unit_staff, s), ensure_ascii=False), uid))
        touched = 0
        for c in self.con.execute("SELECT id, summary, diff, user FROM changes WHERE unit_id = ?",
                                  (uid,)).fetchall():
            parsed = self._checked("changes", c)
            diff = json.dumps(s.value(parsed["diff"]), ensure_ascii=False)
            summary = s.text(parsed["summary"])
            if diff != c["diff"] or summary != c["summary"]:
                touched += 1
                self.con.execute("UPDATE changes SET diff = ?, summary = ? WHERE id = ?",
                                 (diff, summary, c["id"]))
        self.con.execute("INSERT INTO forgotten (unit_id, pseudonym, at, user) VALUES (?, ?, ?, ?)",
                         (uid, pseudonym, now_utc(), who))
        return ForgetReport(pseudonym=pseudonym, rotas=len(in_rotas),
                            scenarios=len(in_scen) + len(in_xlsx), absences=int(n_abs),
                            changes=touched)

    def _next_pseudonym(self, uid: int) -> str:
        """anon-N, one more than the highest N used in the unit (never one already taken)."""
        used = [int(self._checked("forgotten", r)["pseudonym"].removeprefix("anon-"))
                for r in self.con.execute("SELECT id, pseudonym FROM forgotten WHERE unit_id = ?",
                                          (uid,))]
        return f"anon-{max(used, default=0) + 1}"

    @guarded
    def compact(self) -> None:
        """VACUUM and truncate the WAL, so deleted data does not linger on disk."""
        self.con.execute("VACUUM")
        self.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def check_publishable(rota: Rota, force: bool) -> None:
    """A rota with no plan, or one that breaks hard rules, is published only on purpose."""
    if rota.status == "error" or not rota.assignments:
        raise StoreError(f"rota {rota.start}..{rota.end} has no assignments (status {rota.status}); "
                         "nothing to publish",
                         nb=f"turnus {rota.start}..{rota.end} har ingen vakter (status "
                            f"{status_word(rota.status, 'nb')}); ingenting å publisere")
    errors = rota.errors()
    if (rota.status not in ("optimal", "feasible") or errors) and not force:
        raise StoreError(f"rota {rota.start}..{rota.end} has status {rota.status} and "
                         f"{len(errors)} broken rule(s); fix it, or publish anyway with --force",
                         nb=f"turnus {rota.start}..{rota.end} har status "
                            f"{status_word(rota.status, 'nb')} og {len(errors)} regelbrudd; rett "
                            "den, eller publiser likevel med --force")


__all__ = ["LATEST", "STATUSES", "ForgetReport", "PublishResult", "RotaRecord", "Store",
           "UnitInfo", "check_publishable", "user_name"]


def _is_empty_file(path: Path) -> bool:
    try:
        return path.is_file() and path.stat().st_size == 0
    except OSError:
        return False
