"""Drive the app in a real headless Chromium: for the browser test and the docs' screenshots.

    .venv/bin/python -m tools.screenshots [OUT_DIR]     # default docs/screenshots (from the repository)

starts ``streamlit run app.py`` on a free local port, opens it in Debian's ``chromium``
through Playwright (no browser download: ``executable_path``), loads the bundled example,
plans it, marks someone sick and re-plans, and saves one PNG per view.
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
            page = browser.new_page(viewport={"width": width, "height": height})
            page.set_default_timeout(90_000)
            yield page
        finally:
            browser.close()


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


def load_and_plan(page: Any, url: str, time_limit: int = 5) -> None:
    """Open the app, load the bundled example and plan it; the grid is then on the page."""
    page.goto(url)
    page.get_by_text("Last inn eksempel").wait_for()
    page.get_by_role("button", name="Last inn eksempel").click()
    page.get_by_text("Scenarioet er gyldig").wait_for()
    wait_idle(page)
    goto_page(page, "2 Turnus")
    set_number(page, "Tidsgrense for planleggingen (sekunder)", time_limit)
    page.get_by_role("button", name="Lag turnus").click()
    page.get_by_text("Turnus (ansatte × datoer)").wait_for(timeout=180_000)
    page.get_by_test_id("stDataFrame").first.wait_for()
    wait_idle(page)


def take_screenshots(out: Path, time_limit: int = 5) -> list[Path]:
    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("chromium not found: apt-get install chromium (or set $CHROMIUM)")
    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    with serve() as url, browser_page(chromium, height=1600) as page:
        page.goto(url)
        page.get_by_role("button", name="Last inn eksempel").click()
        page.get_by_text("Scenarioet er gyldig").wait_for()
        wait_idle(page)
        shots.append(out / "scenario.png")
        page.screenshot(path=str(shots[-1]), full_page=True)
        goto_page(page, "2 Turnus")
        set_number(page, "Tidsgrense for planleggingen (sekunder)", time_limit)
        page.get_by_role("button", name="Lag turnus").click()
        page.get_by_text("Turnus (ansatte × datoer)").wait_for(timeout=180_000)
        wait_idle(page)
        shots.append(out / "turnus.png")
        page.screenshot(path=str(shots[-1]), full_page=True)
        goto_page(page, "3 Hva om: sykmelding")
        set_number(page, "Tidsgrense for planleggingen (sekunder)", time_limit)
        page.get_by_role("button", name="Marker syk og planlegg på nytt").click()
        page.get_by_text("Endringer (").first.wait_for(timeout=300_000)
        wait_idle(page)
        shots.append(out / "whatif.png")
        page.screenshot(path=str(shots[-1]), full_page=True)
        goto_page(page, "4 Bemanning og simulering")
        page.get_by_role("button", name="Sammenlign").click()
        page.get_by_text("Én måned planlagt for hvert alternativ").wait_for(timeout=300_000)
        wait_idle(page)
        page.get_by_role("button", name="Simuler").click()
        page.get_by_text("Holder minimum").wait_for(timeout=120_000)
        page.set_viewport_size({"width": 1500, "height": 2100})  # room for the chart
        wait_idle(page)
        shots.append(out / "staffing.png")
        page.screenshot(path=str(shots[-1]), full_page=True)
    return shots


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else ROOT / "docs" / "screenshots"
    for path in take_screenshots(out, time_limit=20):  # docs show a fully planned month
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
