"""Regenerate the README's screenshots of the pages (index, career map, a role page).

Builds the default graph and its site in a temporary folder, opens the pages
from disk in Debian's chromium with Playwright, and writes PNGs here.

Usage:
    python docs/screenshots.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

import rolegraph

ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = [("index.html", "index.png"), ("careers.html", "career-map.png"),
         ("roles/lead-developer.html", "role-page.png"), ("overview.html", "overview.png")]


def main() -> None:
    here = Path(__file__).parent
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        site = rolegraph.build(Path(tmp) / "build").graph.site(Path(tmp) / "site").folder
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for page_path, out in SHOTS:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto((site / page_path).as_uri())
            if page.query_selector("#rg-graph"):
                page.wait_for_selector("body[data-ready]", state="attached")
            page.wait_for_timeout(300)
            page.screenshot(path=str(here / out))
            page.close()
            print(here / out)
        browser.close()


if __name__ == "__main__":
    main()
