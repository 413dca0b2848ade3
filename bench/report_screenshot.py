"""Render the HTML report of a run against gold and screenshot it in headless Chromium.

    python bench/report_screenshot.py [--gold gold/] [--pred outputs/] [--html FILE] [--png FILE]

Needs Debian's `chromium` (apt-get install chromium). Prints the paths it wrote.
The PNG shows the page as a user sees it: check colours, tooltips' anchors and tables.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pipeline.report import render_report
from pipeline.scoring import score_corpus

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars")


def find_chromium() -> str | None:
    return next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)


def screenshot(html: Path, png: Path, size: tuple[int, int] = (1400, 2000), timeout: float = 120.0) -> None:
    """Save a PNG of `html` as headless Chromium renders it; raises if Chromium is missing or fails."""
    browser = find_chromium()
    if browser is None:
        raise RuntimeError("no Chromium found: apt-get install chromium")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--screenshot={png.resolve()}",
                        f"--window-size={size[0]},{size[1]}", html.resolve().as_uri()],
                       check=True, capture_output=True, timeout=timeout)
    if not png.exists():
        raise RuntimeError(f"Chromium wrote no screenshot to {png}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=Path("gold"))
    parser.add_argument("--pred", type=Path, default=Path("outputs"))
    parser.add_argument("--html", type=Path, default=Path("bench/report.html"))
    parser.add_argument("--png", type=Path, default=Path("bench/report.png"))
    parser.add_argument("--height", type=int, default=2000, help="window height in pixels")
    args = parser.parse_args()
    corpus = score_corpus(args.gold, args.pred)
    args.html.write_text(render_report(corpus, f"claims report: {args.pred} against {args.gold}"), encoding="utf-8")
    screenshot(args.html, args.png, (1400, args.height))
    print(f"headline {corpus.total.headline:.3f}; report {args.html}; screenshot {args.png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
