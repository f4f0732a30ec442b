"""The app in a real browser: ``streamlit run`` on localhost, driven by headless Chromium.

Uses Debian's ``chromium`` through Playwright's ``executable_path`` (no browser download;
``make test`` installs the package). Skipped only when no chromium can be found. One
server and one browser serve the whole module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tools.screenshots import (
    browser,
    edit_cell,
    find_chromium,
    goto_page,
    grid_scroll,
    load_and_plan,
    load_example,
    new_page,
    select_cells,
    serve,
    show_grid_top,
    wait_idle,
)

CHROMIUM = find_chromium()
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(CHROMIUM is None, reason="chromium not found on PATH (Debian: apt-get "
                                 "install chromium; `make test` installs it) and $CHROMIUM not set")]

ENGLISH = ("every weekend", "every day", "sick", "vacation", "warning", "draft", "service_target",
           "min/max", "feasible", "infeasible", "published", "superseded", "Upload", "Deploy",
           "Browse files", "Drag and drop", "Limit", "per file", "expected", "unknown", "Rule",
           "Staff", "Shift", "Date", "error", "hours", "per week", "per month", "below minimum",
           "granted", "Running", "Stop", "Download", "Save", "Load", "Plan", "Page")
"""Words of the English screens and of Streamlit's own chrome that must not appear in bokmål."""


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[tuple[str, Any]]:
    import os

    store = tmp_path_factory.mktemp("store") / "turnus.db"
    old = os.environ.get("TURNUS_DB")
    os.environ["TURNUS_DB"] = str(store)
    assert CHROMIUM is not None
    try:
        with serve() as url, browser(CHROMIUM) as b:
            yield url, b
    finally:
        if old is None:
            os.environ.pop("TURNUS_DB", None)
        else:
            os.environ["TURNUS_DB"] = old


def no_traceback(page: Any) -> None:
    assert page.get_by_text("Traceback").count() == 0
    assert page.get_by_test_id("stException").count() == 0


def test_editing_cells_in_the_grid_shows_the_breach_at_once(app):
    url, b = app
    page = new_page(b, 1366, 768)
    load_and_plan(page, url, time_limit=3)
    assert page.get_by_text("Uavhengig kontroll: ingen regelbrudd.").is_visible()
    select_cells(page, row=0, first_day=2, last_day=8)  # Kari, 2-8 January
    page.get_by_text("7 celle(r) valgt.").wait_for()
    page.get_by_role("button", name="A", exact=True).click()  # seven evenings in a row
    verdict = page.get_by_text(re.compile(r"Uavhengig kontroll: \d+ regelbrudd, \d+ nye etter siste endring"))
    verdict.wait_for()
    wait_idle(page)
    assert page.get_by_text(re.compile(r"[1-7] celle\(r\) endret")).is_visible()
    assert page.get_by_text(re.compile(r"^Status: regelbrudd\.")).is_visible()  # the status in red
    assert page.get_by_text(re.compile(r"[1-7] endrede vakter")).is_visible()  # changed cells counted
    no_traceback(page)
    page.get_by_role("button", name="↶ Angre").click()
    page.get_by_text("Uavhengig kontroll: ingen regelbrudd.").wait_for()
    page.close()


def test_the_whole_month_for_25_staff_fits_a_1366_by_768_screen(app, tmp_path: Path):
    url, b = app
    page = new_page(b, 1366, 768)
    load_and_plan(page, url, time_limit=5, example="storgata-bofellesskap")
    grid = page.get_by_test_id("stDataFrame").first
    show_grid_top(page)
    box = grid.bounding_box()
    size = grid_scroll(page)
    assert size["scrollWidth"] <= size["clientWidth"] + 1, size  # all 31 days: no sideways scrolling
    assert size["scrollHeight"] <= size["clientHeight"] + 1, size  # all 25 people: no scroll box
    assert size["pageWidth"] <= size["windowWidth"] and size["right"] <= 1366
    assert box is not None and box["height"] < 768 and box["y"] >= 0  # the screen's height too
    assert box["y"] + box["height"] <= 768  # the whole month, all 25 rows, on one laptop screen
    shot = tmp_path / "turnus-1366.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    no_traceback(page)
    page.close()


def test_bokmal_screens_have_no_english_words(app):
    url, b = app
    page = new_page(b, 1366, 768)
    load_and_plan(page, url, time_limit=3)
    found: dict[str, list[str]] = {}
    pages = ("1 Scenario", "2 Turnus", "3 Hva om: fravær", "4 Arbeidsbenk: lagre, sammenlign, publiser",
             "5 Bemanning og simulering", "6 Last ned")
    for label in pages:
        goto_page(page, label)
        text = page.evaluate("() => document.body.innerText")
        words = [w for w in ENGLISH if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]
        if words:
            found[label] = words
    assert not found
    assert page.get_by_role("button", name="Deploy").count() == 0
    no_traceback(page)
    page.close()


def test_table_edit_is_validated_and_shown_next_to_the_table(app):
    url, b = app
    page = new_page(b, 1500, 1000)
    load_example(page, url)
    message = page.get_by_text("Ansatte, rad 2, id: ansatt-id «s01» er brukt to ganger")
    for attempt in range(2):  # the canvas grid sometimes swallows the first keystrokes
        edit_cell(page, table=0, row=1, col=1, text="s01")  # give Ola (s02) Kari's id
        try:
            message.wait_for(timeout=20_000)
            break
        except Exception:  # not shown yet: try the edit once more
            if attempt:
                raise
    assert message.is_visible()
    assert page.get_by_text("Scenarioet har 2 feil").is_visible()  # and s02's wish is orphaned
    assert page.get_by_text("Ønsker, rad 1, ansatt: ukjent ansatt-id «s02»").is_visible()
    no_traceback(page)
    page.close()
