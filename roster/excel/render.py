"""Render the first sheet of a workbook to a PNG (for the docs), with LibreOffice and poppler.

Needs ``soffice`` (LibreOffice Calc) and ``pdftoppm`` (poppler-utils) on the PATH; the
tests never depend on them. Usage::

    python -m roster.excel.render rota.xlsx docs/turnus-sheet.png
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def render_first_page(xlsx: str | Path, png: str | Path, dpi: int = 200, margin: int = 12) -> Path:
    """Print the workbook to PDF, rasterise its first page, trim the white border."""
    from PIL import Image, ImageChops

    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} not found: apt-get install -y libreoffice-calc poppler-utils")
    png = Path(png)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "book.xlsx"
        shutil.copyfile(xlsx, src)
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                        "--convert-to", "pdf", "--outdir", tmp, str(src)],
                       check=True, capture_output=True, timeout=300)
        subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", str(dpi), "-png",
                        str(Path(tmp) / "book.pdf"), str(Path(tmp) / "page")],
                       check=True, capture_output=True, timeout=120)
        page = next(Path(tmp).glob("page*.png"))
        image = Image.open(page).convert("RGB")
        background = Image.new("RGB", image.size, (255, 255, 255))
        # the page footer ("Side 1 av 3") sits at the very bottom: leave it out of the picture
        body = (0, 0, image.width, int(image.height * 0.85))
        box = ImageChops.difference(image.crop(body), background.crop(body)).getbbox()
        if box:
            left, top, right, bottom = box
            image = image.crop((max(0, left - margin), max(0, top - margin),
                                min(image.width, right + margin), min(image.height, bottom + margin)))
        png.parent.mkdir(parents=True, exist_ok=True)
        image.save(png, optimize=True)
    return png


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: python -m roster.excel.render BOOK.xlsx OUT.png")
    print(render_first_page(sys.argv[1], sys.argv[2]))
