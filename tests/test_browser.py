"""The app in a real browser: ``streamlit run`` on localhost, driven by headless Chromium.

Uses Debian's ``chromium`` through Playwright's ``executable_path`` (no browser download;
``make test`` installs the package). Skipped only when no chromium can be found.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.screenshots import browser_page, edit_cell, find_chromium, load_and_plan, serve, wait_idle

pytestmark = pytest.mark.browser

CHROMIUM = find_chromium()


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not found on PATH (Debian: apt-get install "
                    "chromium; `make test` installs it) and $CHROMIUM not set")
def test_page_loads_plans_and_shows_the_grid(tmp_path: Path):
    assert CHROMIUM is not None
    with serve() as url, browser_page(CHROMIUM) as page:
        load_and_plan(page, url, time_limit=3)
        shot = tmp_path / "turnus.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 10_000
        grid = page.get_by_test_id("stDataFrame").first
        assert grid.is_visible()
        box = grid.bounding_box()
        assert box is not None and box["width"] > 400 and box["height"] > 200  # 8 people tall
        assert page.get_by_text("Turnus (ansatte × datoer)").is_visible()
        assert page.get_by_text("Dekning (datoer × vakter)").is_visible()
        assert page.get_by_text("Traceback").count() == 0
        assert page.get_by_test_id("stException").count() == 0


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not found on PATH (Debian: apt-get install "
                    "chromium; `make test` installs it) and $CHROMIUM not set")
def test_table_edit_is_validated_and_shown_next_to_the_table():
    assert CHROMIUM is not None
    with serve() as url, browser_page(CHROMIUM) as page:
        page.goto(url)
        page.get_by_role("button", name="Last inn eksempel").click()
        page.get_by_text("Scenarioet er gyldig").wait_for()
        wait_idle(page)
        message = page.get_by_text("staff #2.id: staff id 's01' is used twice")
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
        assert page.get_by_text("wishes #1.staff: unknown staff id 's02'").is_visible()
        assert page.get_by_test_id("stException").count() == 0
