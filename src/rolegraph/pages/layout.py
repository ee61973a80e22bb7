"""Node positions computed in Python, so that pages open laid out instead of simulating physics.

A browser running vis.js physics on 2,000 nodes needs over a minute to settle;
these layouts take well under a second and are deterministic (same graph, same
picture). Two layouts:

* :func:`layered` puts roles in rows by seniority, senior at the top, and
  orders each row to shorten the transitions between rows (barycentre
  sweeps, as in Sugiyama-style drawing).
* :func:`bands` puts the things attached to roles (skills, missions,
  documents) in blocks beside them, each item level with the roles it is
  attached to.

Coordinates are vis.js pixels: y grows downwards.
"""

from __future__ import annotations

import math
from collections import defaultdict
from statistics import median

__all__ = ["layered", "bands"]


def _levels(nodes: list[str], edges: list[tuple[str, str]], level: dict[str, float | None]) -> dict[str, int]:
    """Every node's row: its own level, else the median of its neighbours' levels, else 0."""
    known = {n: int(level[n]) for n in nodes if level.get(n) is not None}
    neighbours = defaultdict(list)
    for a, b in edges:
        neighbours[a].append(b)
        neighbours[b].append(a)
    for _ in range(3):  # a few passes let a level spread along chains of unknown nodes
        for n in nodes:
            if n not in known:
                seen = [known[m] for m in neighbours[n] if m in known]
                if seen:
                    known[n] = int(median(seen))
    return {n: known.get(n, 0) for n in nodes}


def layered(nodes: list[str], edges: list[tuple[str, str]], level: dict[str, float | None], *,
            key=None, dx: float = 200, dy: float = 190, wrap: int | None = None,
            sweeps: int = 4) -> dict[str, tuple[float, float]]:
    """Positions with one band of rows per level (highest level on top).

    ``key`` gives the starting order within a row (family, then label, say);
    barycentre sweeps then reorder each row by the mean position of its
    neighbours in the other rows. A row longer than ``wrap`` nodes (default:
    about 1.5 × √n) folds into several rows within its band, so large graphs
    stay roughly square.
    """
    nodes = list(dict.fromkeys(nodes))
    if not nodes:
        return {}
    rows = _levels(nodes, edges, level)
    wrap = wrap or max(12, math.ceil(1.5 * math.sqrt(len(nodes))))
    by_row: dict[int, list[str]] = defaultdict(list)
    for n in sorted(nodes, key=key or str):
        by_row[rows[n]].append(n)
    neighbours = defaultdict(list)
    for a, b in edges:
        if a in rows and b in rows and rows[a] != rows[b]:
            neighbours[a].append(b)
            neighbours[b].append(a)

    def place() -> dict[str, float]:
        xs = {}
        for members in by_row.values():
            width = min(len(members), wrap)
            for i, n in enumerate(members):
                xs[n] = (i % wrap - (width - 1) / 2) * dx
        return xs

    xs = place()
    for _ in range(sweeps):
        for row, members in by_row.items():
            def centre(n, current=xs):
                near = [current[m] for m in neighbours[n]]
                return sum(near) / len(near) if near else current[n]
            members.sort(key=centre)
        xs = place()

    positions = {}
    y = 0.0
    for row in sorted(by_row, reverse=True):  # highest level first, at the top
        members = by_row[row]
        for i, n in enumerate(members):
            positions[n] = (xs[n], y + (i // wrap) * dy * 0.45)
        y += dy * (1 + 0.45 * ((len(members) - 1) // wrap))
    return positions


def bands(items: dict[str, list[str]], anchors: dict[str, tuple[float, float]], *, side: str,
          gap: float = 260, cell: tuple[float, float] = (190, 62)) -> dict[str, tuple[float, float]]:
    """Positions for ``items`` (item -> the anchor nodes it is attached to) in a block beside the anchors.

    ``side`` is "left", "right" (items ordered top to bottom by the mean
    height of their anchors) or "bottom" (ordered left to right by mean x).
    The block is as long as the anchors' extent and as many cells deep as
    the items need; items never overlap.
    """
    if not items:
        return {}
    xs = [p[0] for p in anchors.values()] or [0.0]
    ys = [p[1] for p in anchors.values()] or [0.0]
    axis = 0 if side == "bottom" else 1

    def mean(item: str) -> float:
        points = [anchors[a][axis] for a in items[item] if a in anchors]
        return sum(points) / len(points) if points else 0.0

    ordered = sorted(items, key=lambda it: (mean(it), it))
    along = cell[0] if side == "bottom" else cell[1]
    across = cell[1] if side == "bottom" else cell[0]
    span = (max(xs) - min(xs)) if side == "bottom" else (max(ys) - min(ys))
    per_line = max(1, int(span // along) + 1)
    lines = math.ceil(len(ordered) / per_line)
    per_line = math.ceil(len(ordered) / lines)  # spread evenly over the lines needed
    start = (min(xs) if side == "bottom" else min(ys))
    out = {}
    for i, item in enumerate(ordered):
        # Consecutive items alternate between lines at about the same place along the
        # block, so the order (and each item's nearness to its anchors) is kept.
        pos, line = divmod(i, lines)
        offset = start + pos * (span / max(per_line - 1, 1) if per_line > 1 else 0)
        if side == "left":
            out[item] = (min(xs) - gap - line * across, offset)
        elif side == "right":
            out[item] = (max(xs) + gap + line * across, offset)
        else:
            out[item] = (offset, max(ys) + gap + line * across)
    return out
