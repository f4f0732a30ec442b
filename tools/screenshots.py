"""Drive the app in a real headless Chromium: for the browser tests and the docs' screenshots.

    .venv/bin/python -m tools.screenshots [OUT_DIR]     # default docs/screenshots (from the repository)

starts ``streamlit run app.py`` on a free local port, opens it in Debian's ``chromium``
through Playwright (no browser download: ``executable_path``), loads the bundled example,
plans it, edits a cell by hand, registers two absences and re-plans, compares two saved
rotas, and saves one PNG per view; then the 25-person Storgata month on a 1366 × 768
laptop screen and on a 400 px phone.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run"]
"""Without the background-networking flags Chromium stalls on a machine with no internet."""


def find_chromium() -> str | None:
    """Debian's chromium (or chromium-browser), or $CHROMIUM if set."""
    env = os.environ.get("CHROMIUM")
    if env and Path(env).exists():
        return env
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serve(port: int | None = None, timeout: float = 60.0) -> Iterator[str]:
    """Run the app with ``streamlit run`` on 127.0.0.1; yields its URL; stops it after."""
    port = port or free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true",
           "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
           "--client.toolbarMode", "minimal"]
    env = {**os.environ, "TURNUS_DB": os.environ.get("TURNUS_DB", str(ROOT / ".no-store.db"))}
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
                raise RuntimeError(f"streamlit exited with {proc.returncode}: {err[-2000:]}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"streamlit did not answer on {url} within {timeout:g} s")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def browser_page(chromium: str, width: int = 1500, height: int = 1000) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        try:
            yield new_page(browser, width, height)
        finally:
            browser.close()


@contextlib.contextmanager
def browser(chromium: str) -> Iterator[Any]:
    """One browser for several pages (a test module's tests)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def new_page(b: Any, width: int = 1500, height: int = 1000) -> Any:
    """A page as a Norwegian unit leader's browser shows it (nb-NO: 12,5 in number cells)."""
    page = b.new_page(viewport={"width": width, "height": height}, locale="nb-NO")
    page.set_default_timeout(90_000)
    return page


def wait_idle(page: Any, timeout: float = 120_000) -> None:
    """Wait until Streamlit has finished the current script run and drawn its tables."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=timeout)
    page.wait_for_timeout(700)  # tables (canvas) paint after the run


def goto_page(page: Any, label: str) -> None:
    page.get_by_test_id("stSidebar").get_by_text(label, exact=True).click()
    wait_idle(page)


def set_number(page: Any, label: str, value: float) -> None:
    box = page.get_by_label(label, exact=True)
    box.fill(str(value))
    box.press("Enter")
    wait_idle(page)


ROW_PX = 35
"""Height of a header and of a row in Streamlit's table editor (glide-data-grid)."""


def edit_cell(page: Any, table: int, row: int, col: int, text: str) -> None:
    """Type ``text`` into cell (row, col) (0-based data row, 1-based column as the grid
    counts them) of the ``table``-th table on the page, and commit it with Enter.

    Clicks near the cell, then steers the selection with the arrow keys until the grid's
    accessible table reports the wanted cell as selected (pixel maths alone is fragile)."""
    grid = page.get_by_test_id("stDataFrame").nth(table)
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 50 + 120 * (col - 1), box["y"] + ROW_PX * (row + 1) + ROW_PX / 2)
    for _ in range(20):
        page.wait_for_timeout(150)
        selected = page.locator('[id^="glide-cell-"][aria-selected="true"]')
        if selected.count() == 0:
            continue  # the click has not landed yet
        c, r = (int(v) for v in selected.first.get_attribute("id").split("-")[2:4])
        if (c, r) == (col, row):
            break
        page.keyboard.press("ArrowDown" if r < row else "ArrowUp" if r > row else
                            "ArrowRight" if c < col else "ArrowLeft")
    else:
        raise RuntimeError(f"could not select cell ({row}, {col})")
    page.keyboard.press("Enter")  # open the cell editor
    editor = page.locator("textarea.gdg-input, input.gdg-input").first
    try:
        editor.wait_for(timeout=5_000)
        editor.fill(text)  # replaces the whole cell text, whatever the caret did
    except Exception:  # older grids: fall back to the keyboard
        page.keyboard.press("Control+A")
        page.keyboard.type(text)
    page.keyboard.press("Enter")
    wait_idle(page)


def load_example(page: Any, url: str, example: str | None = None) -> None:
    """Open the app and load a bundled example (the default one unless ``example`` is given)."""
    page.goto(url)
    page.get_by_text("Last inn eksempel").wait_for()
    wait_idle(page)
    if example:
        page.get_by_test_id("stSelectbox").first.click()
        page.get_by_role("option", name=example, exact=True).click()
        wait_idle(page)
    page.get_by_role("button", name="Last inn eksempel").click()
    page.get_by_text("Scenarioet er gyldig").wait_for()
    wait_idle(page)


def load_and_plan(page: Any, url: str, time_limit: int = 5, example: str | None = None) -> None:
    """Open the app, load an example and plan it; the grid is then on the page."""
    load_example(page, url, example)
    goto_page(page, "2 Turnus")
    set_number(page, "Tidsgrense for planleggingen (sekunder)", time_limit)
    page.get_by_role("button", name="Lag turnus").click()
    page.get_by_text("Turnus (ansatte × datoer)").wait_for(timeout=180_000)
    page.get_by_test_id("stDataFrame").first.wait_for()
    wait_idle(page)


def select_cells(page: Any, row: int, first_day: int, last_day: int, table: int = 0) -> None:
    """Select a range in the turnus grid: one person (0-based row), days ``first_day`` to
    ``last_day`` of the month (click, then Shift-click), as a unit leader does with the mouse."""
    from roster.ui.views import DAY_WIDTH, HEADER_HEIGHT, NAME_WIDTH, ROW_HEIGHT

    grid = page.get_by_test_id("stDataFrame").nth(table)
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    y = box["y"] + HEADER_HEIGHT + ROW_HEIGHT * (row + 0.5)
    page.mouse.click(box["x"] + NAME_WIDTH + DAY_WIDTH * (first_day - 0.5), y)
    wait_idle(page)  # the selection reruns the page: extend it only when the run is over
    if last_day != first_day:
        page.keyboard.down("Shift")
        page.mouse.click(box["x"] + NAME_WIDTH + DAY_WIDTH * (last_day - 0.5), y)
        page.keyboard.up("Shift")
    wait_idle(page)


def show_grid_top(page: Any, table: int = 0) -> None:
    """Scroll so the grid's first row is near the top of the window (the legend just above)."""
    page.get_by_test_id("stDataFrame").nth(table).evaluate("e => e.scrollIntoView({block: 'start'})")
    page.mouse.wheel(0, -40)
    wait_idle(page)


def grid_scroll(page: Any, table: int = 0) -> dict:
    """The grid's scroll box against its view, and the page's width against the window."""
    return page.evaluate(
        """(n) => { const g = document.querySelectorAll('[data-testid="stDataFrame"]')[n];
        const s = g.querySelector('.dvn-scroller');
        return {scrollWidth: s.scrollWidth, clientWidth: s.clientWidth, scrollHeight: s.scrollHeight,
                clientHeight: s.clientHeight, pageWidth: document.documentElement.scrollWidth,
                windowWidth: window.innerWidth, right: g.getBoundingClientRect().right}; }""", table)


def take_screenshots(out: Path, time_limit: int = 5) -> list[Path]:
    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("chromium not found: apt-get install chromium (or set $CHROMIUM)")
    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    import tempfile

    with tempfile.TemporaryDirectory() as tmp, _store_env(Path(tmp) / "turnus.db"), serve() as url, \
            browser(chromium) as b:
        page = new_page(b, 1366, 2000)  # tall: Streamlit scrolls inside the page, not the window
        load_example(page, url)
        shots.append(out / "scenario.png")
        page.screenshot(path=str(shots[-1]), full_page=True)
        goto_page(page, "2 Turnus")
        set_number(page, "Tidsgrense for planleggingen (sekunder)", time_limit)
        page.get_by_role("button", name="Lag turnus").click()
        page.wait_for_timeout(1500)
        shots.append(out / "progress.png")
        page.screenshot(path=str(shots[-1]))
        page.get_by_text("Turnus (ansatte × datoer)").wait_for(timeout=180_000)
        wait_idle(page)
        page.get_by_role("button", name="Lagre som utkast").click()
        page.get_by_text("Lagret som utkast").wait_for()
        select_cells(page, 0, 2, 8)
        page.get_by_role("button", name="A", exact=True).click()
        page.get_by_text("Uavhengig kontroll:").first.wait_for()
        wait_idle(page)
        shots.append(out / "edit.png")
        page.screenshot(path=str(shots[-1]), full_page=True)
        page.get_by_role("button", name="↶ Angre").click()
        wait_idle(page)
        goto_page(page, "3 Hva om: fravær")
        for who in ("Kari Nordmann (s01)", "Ingrid Johansen (s03)"):
            page.get_by_test_id("stMultiSelect").first.click()
            page.get_by_role("option", name=who).click()
            page.keyboard.press("Escape")
        page.get_by_role("button", name="Legg til fravær").click()
        wait_idle(page)
        set_number(page, "Tidsgrense for planleggingen (sekunder)", time_limit)
        page.get_by_role("button", name="Planlegg på nytt med fraværet (2)").click()
        page.get_by_text("Endringer (").first.wait_for(timeout=300_000)
        wait_idle(page)
        shots.append(out / "whatif.png")
        page.screenshot(path=str(shots[-1]), full_page=True)
        page.get_by_role("button", name="Bruk forslaget som gjeldende turnus").click()
        wait_idle(page)
        goto_page(page, "4 Arbeidsbenk: lagre, sammenlign, publiser")
        page.get_by_text("Sammenlign to turnuser side om side").wait_for()
        wait_idle(page)
        shots.append(out / "workbench.png")
        page.screenshot(path=str(shots[-1]), full_page=True)
        goto_page(page, "5 Bemanning og simulering")
        page.get_by_role("button", name="Simuler").click()
        page.get_by_text("Holder minimum").wait_for(timeout=120_000)
        wait_idle(page)
        shots.append(out / "staffing.png")
        page.screenshot(path=str(shots[-1]), full_page=True)
        page.close()
        # the 25-person month on a laptop screen, and on a phone
        page = new_page(b, 1366, 768)
        load_and_plan(page, url, time_limit, example="storgata-bofellesskap")
        show_grid_top(page)
        shots.append(out / "turnus.png")
        page.screenshot(path=str(shots[-1]))
        page.set_viewport_size({"width": 400, "height": 860})
        wait_idle(page)
        page.get_by_test_id("stDataFrame").first.scroll_into_view_if_needed()
        shots.append(out / "phone.png")
        page.screenshot(path=str(shots[-1]))
    return shots


@contextlib.contextmanager
def _store_env(path: Path) -> Iterator[None]:
    """The screenshots' store file is a throw-away one (never the developer's turnus.db)."""
    old = os.environ.get("TURNUS_DB")
    os.environ["TURNUS_DB"] = str(path)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("TURNUS_DB", None)
        else:
            os.environ["TURNUS_DB"] = old


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else ROOT / "docs" / "screenshots"
    for path in take_screenshots(out, time_limit=20):  # docs show a fully planned month
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
