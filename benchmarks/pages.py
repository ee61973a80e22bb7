"""Page-ready time in headless Chromium: rolegraph's laid-out pages against pyvis's defaults.

For 200, 2,000 and 5,000 nodes (half roles in 8 seniority levels, 30 % skills,
20 % missions; about 3.3 edges per node), generated deterministically:

* layout: the time :mod:`rolegraph.pages.layout` takes (rows by seniority, side bands);
* rolegraph page: from navigation start to the first complete drawing
  (``window.rolegraphReady``), physics off, positions given;
* pyvis defaults: the same graph through ``pyvis.network.Network`` with its
  default options (Barnes-Hut physics, 1,000 stabilisation iterations), from
  navigation start until its stabilisation iterations are done (pyvis's
  loading bar reaches 100 % and goes away; polled every 50 ms). Capped at ``--cap`` seconds;
* pyvis, physics off, positions given: the same work as rolegraph's page does
  (pyvis given rolegraph's layout, ``toggle_physics(False)``), until vis.js's
  first complete drawing (an ``afterDrawing`` hook added to pyvis's page, as
  rolegraph's page marks itself ready on its first drawing).

Pages are opened from file:// in Debian's chromium, every non-file request
aborted (pyvis's template asks CDNs for Bootstrap). Median of ``--repeat`` loads.

Usage:
    python benchmarks/pages.py [--sizes 200 2000 5000] [--repeat 3] [--cap 180]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def generated(n: int, seed: int = 11):
    """Nodes (id, kind, label, level) and edges (a, b, kind) of a career-like graph of ``n`` nodes."""
    rnd = random.Random(seed)
    n_roles, n_skills = n // 2, (n * 3) // 10
    n_missions = n - n_roles - n_skills
    roles = [f"role-{i}" for i in range(n_roles)]
    level = {r: i * 8 // n_roles for i, r in enumerate(roles)}
    nodes = [(r, "role", f"Role {i} engineer", level[r]) for i, r in enumerate(roles)]
    nodes += [(f"skill-{i}", "skill", f"skill {i}", None) for i in range(n_skills)]
    nodes += [(f"mission-{i}", "mission", f"mission number {i}", None) for i in range(n_missions)]
    edges = []
    for r in roles:
        for _ in range(2):
            up = [x for x in (rnd.choice(roles) for _ in range(4)) if level[x] >= level[r] and x != r]
            if up:
                edges.append((r, up[0], "transition"))
        edges += [(r, f"skill-{rnd.randrange(n_skills)}", "skill") for _ in range(3)]
        edges += [(r, f"mission-{rnd.randrange(n_missions)}", "mission") for _ in range(2)]
    return nodes, list(dict.fromkeys(edges))


def positions(nodes, edges) -> dict:
    """rolegraph's layout of the generated graph: node -> (x, y)."""
    from rolegraph.pages import layout

    roles = [n for n, kind, _, _ in nodes if kind == "role"]
    levels = {n: lvl for n, kind, _, lvl in nodes if kind == "role"}
    moves = [(a, b) for a, b, k in edges if k == "transition"]
    pos = layout.layered(roles, moves, levels)
    for kind, side in (("skill", "left"), ("mission", "right")):
        attached: dict[str, list[str]] = {}
        for a, b, k in edges:
            if k == kind:
                attached.setdefault(b, []).append(a)
        pos.update(layout.bands(attached, {r: pos[r] for r in roles}, side=side))
    return pos


def rolegraph_page(nodes, edges, path: Path) -> float:
    """Write the page; returns the layout time in seconds."""
    from rolegraph.pages import render_view
    from rolegraph.pages.views import Edge, Node, View

    started = time.perf_counter()
    pos = positions(nodes, edges)
    layout_s = time.perf_counter() - started
    view = View("overview", {"en": "bench", "fr": "bench"},
                [Node(n, kind, {"en": label}, x=pos.get(n, (0, 0))[0], y=pos.get(n, (0, 0))[1])
                 for n, kind, label, _ in nodes],
                [Edge(a, b, k) for a, b, k in edges], legend=["role", "skill", "mission"])
    path.write_text(render_view(view, inline=True, standalone=True), encoding="utf-8")
    return layout_s


def pyvis_page(nodes, edges, path: Path, pos: dict | None = None) -> None:
    """pyvis's page: its defaults, or (with ``pos``) physics off and every node placed."""
    from pyvis.network import Network

    # "in_line" puts vis.js in the page (the default, "local", loads it from a CDN); options stay default.
    net = Network(directed=True, cdn_resources="in_line")
    for n, kind, label, _ in nodes:
        if pos is None:
            net.add_node(n, label=label, group=kind)
        else:
            x, y = pos.get(n, (0, 0))
            net.add_node(n, label=label, group=kind, x=x, y=y, physics=False)
    for a, b, _k in edges:
        net.add_edge(a, b)
    if pos is not None:
        net.toggle_physics(False)
    net.write_html(str(path))
    if pos is not None:  # mark the first complete drawing, as rolegraph's page does
        html = path.read_text(encoding="utf-8")
        hook = "network = new vis.Network(container, data, options);"
        assert hook in html, "pyvis's template changed"
        path.write_text(html.replace(hook, hook + "\n network.once('afterDrawing', () => "
                                     "{ window.__drawn = performance.now(); });"), encoding="utf-8")


def ready_time(browser, path: Path, expression: str | None, cap_s: float) -> float | None:
    """Seconds from navigation start to readiness: rolegraph's ready mark, or ``expression`` turning true.

    rolegraph pages forbid evaluating strings (their CSP has no 'unsafe-eval'),
    so they are waited for with a selector on the mark they set when drawn.
    """
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    try:
        page.goto(path.as_uri(), wait_until="commit")
        if expression is None:
            page.wait_for_selector("body[data-ready]", state="attached", timeout=cap_s * 1000)
            return page.evaluate("window.rolegraphReady") / 1000
        page.wait_for_function(expression, timeout=cap_s * 1000, polling=50)
        return page.evaluate(expression) / 1000
    except Exception:  # the cap was reached
        return None
    finally:
        page.close()


# pyvis's template writes "100%" into its loading bar when stabilisation ends (then hides the bar).
PYVIS_READY = """(() => {
  const text = document.getElementById("text");
  if (!window.__stable && text && text.innerHTML === "100%") window.__stable = performance.now();
  return window.__stable || false;
})()"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cap", type=float, default=180)
    parser.add_argument("--skip-pyvis", action="store_true")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for n in args.sizes:
            nodes, edges = generated(n)
            ours, theirs = Path(tmp) / f"ours-{n}.html", Path(tmp) / f"pyvis-{n}.html"
            layout_s = min(rolegraph_page(nodes, edges, ours) for _ in range(args.repeat))
            ready = [ready_time(browser, ours, None, args.cap) for _ in range(args.repeat)]
            row = {"nodes": len(nodes), "edges": len(edges), "layout_s": round(layout_s, 3),
                   "rolegraph_ready_s": round(statistics.median(ready), 3) if None not in ready else f"> {args.cap:.0f}"}
            placed = Path(tmp) / f"pyvis-placed-{n}.html"
            pyvis_page(nodes, edges, placed, positions(nodes, edges))
            ready = [ready_time(browser, placed, "window.__drawn || false", args.cap) for _ in range(args.repeat)]
            row["pyvis_placed_ready_s"] = round(statistics.median(ready), 3) if None not in ready else \
                f"> {args.cap:.0f}"
            if not args.skip_pyvis:
                pyvis_page(nodes, edges, theirs)
                t = ready_time(browser, theirs, PYVIS_READY, args.cap)  # once: it is slow
                row["pyvis_default_ready_s"] = round(t, 1) if t is not None else f"> {args.cap:.0f}"
            rows.append(row)
            print(json.dumps(row), flush=True)
        browser.close()


if __name__ == "__main__":
    main()
