"""A re-plan refused because the end conflicts with the next period's published rota names
each conflict once."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import rota_of, scenario

from coverage.boundary import (
    BoundaryConflict,
    boundary_breaches,
    conflict_message,
    distinct_conflicts,
    next_period,
)
from coverage.replan import parse_absent, replan
from roster.planner import PlanOptions
from roster.rota_build import build_rota

ALL = ["weekday", "saturday", "sunday"]
EARLY = {"code": "D", "name": "Dag", "start": "08:00", "end": "16:00", "hours": 7.5}
LATE = {"code": "A", "name": "Kveld", "start": "14:00", "end": "22:00", "hours": 7.5}
BOTH = [{"shift": "D", "days": ALL, "min_staff_if_open": 1, "max_staff": 1},
        {"shift": "A", "days": ALL, "min_staff_if_open": 1, "max_staff": 1}]
WEEKENDS = {"min_rest_hours": 11, "weekend_every": 3}


def weekend_across_the_end():
    """Week of 4 January with weekends at most every 3rd: p3 works A Monday to Saturday
    the 9th (kept as published with --today the 10th); the next two weeks' published rota
    has p3 on D on Saturday the 16th. Returns the week, its rota and the next rota."""
    week = scenario(start="2027-01-04", days=7, staff=3, shifts=[EARLY, LATE], coverage=BOTH,
                    rules=WEEKENDS)
    after = scenario(start="2027-01-11", days=14, staff=3, shifts=[EARLY, LATE], coverage=BOTH,
                     rules=WEEKENDS)
    days = [(dt.date(2027, 1, 4) + dt.timedelta(days=i)).isoformat() for i in range(7)]
    rows = ([("p1", d, "D") for d in days[:3]] + [("p2", d, "D") for d in days[3:]]
            + [("p3", d, "A") for d in days[:6]] + [("p1", days[6], "A")])
    published = build_rota(week, rota_of(week, rows), status="feasible")
    return week, published, build_rota(after, rota_of(after, [("p3", "2027-01-16", "D")]), status="feasible")


def test_a_conflict_found_from_two_windows_is_named_once():
    # the weekends of the 9th and the 16th lie in two windows of three weekends (from 2 and
    # from 9 January): the checker finds the same breach in each, and the refusal listed
    # "works the weekends of 09 Jan, 16 Jan" twice, counting 2 conflicts
    week, published, next_rota = weekend_across_the_end()
    rows = boundary_breaches(week, published.assignments, next_period(week, next_rota))
    assert [(r["rule"], r["staff"], r["date"]) for r in rows] == [("weekend", "p3", "2027-01-16")]
    with pytest.raises(BoundaryConflict) as info:
        replan(week, published, [parse_absent("p2:2027-01-10:2027-01-10")], today=dt.date(2027, 1, 10),
               options=PlanOptions(time_limit=10), next_rota=next_rota)
    text = str(info.value)
    assert "(1 conflict(s))" in text
    assert text.count("Person 3: works the weekends of 09 Jan, 16 Jan; at most every 3rd weekend") == 1


def test_conflicts_are_kept_in_their_order_each_once():
    rest = {"rule": "rest", "staff": "p1", "date": "2027-01-11", "detail": "rest"}
    weekly = {"rule": "weekly_rest", "staff": "p1", "date": "2027-01-05", "detail": "weekly"}
    weekend = {"rule": "weekend", "staff": "p3", "date": "2027-01-16", "detail": "weekend"}
    other = {**weekend, "staff": "p2", "detail": "other person"}
    run = {"rule": "consecutive", "staff": "p1", "date": "2027-01-12", "start": "2027-01-05",
           "end": "2027-01-12", "detail": "run"}
    longer = {**run, "start": "2027-01-04", "detail": "longer run"}
    rows = [weekly, rest, weekend, dict(weekend), other, run, longer, dict(rest)]
    assert distinct_conflicts(rows) == [weekly, rest, weekend, other, run, longer]
    message = conflict_message(rows)
    assert "(6 conflict(s))" in message
    assert [line[4:] for line in message.splitlines()[1:-1]] == [
        "weekly", "rest", "weekend", "other person", "run", "longer run"]
