"""Interactive HTML pages of the graph, rendered with pyvis and vis.js, that open offline from disk.

:func:`write_site` writes an index, an overview, a career map and one page per
role into a folder, with the scripts beside them (``lib/``);
:func:`write_path_page` writes one self-contained file for the best paths
between two roles; :func:`show` renders a view inline in Jupyter.

Pages never reach the network: vis.js comes from the copy pyvis ships
(pyvis's own templates load it and Bootstrap from CDNs, so its graph data is
rendered through rolegraph's templates instead), and a Content Security
Policy forbids any request a page did not bring. Text from documents is
hostile: it reaches the page only as JSON inside a non-executed ``<script
type="application/json">`` block (``<``, ``>``, ``&`` and quotes escaped), or
through Jinja's HTML escaping; tooltips are built from it with
``textContent``; file names are slugs checked against a strict pattern.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from ..errors import RolegraphError
from ..text import fold
from .views import KINDS, SiteData, View

__all__ = ["write_site", "write_page", "write_path_page", "view_of", "render_view", "show", "SiteResult", "page_name",
           "short_label"]

LANGS = ("en", "fr")
SCRIPTS = ("vis-network.min.js", "rolegraph.js")
_SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
BIG = 1000  # nodes from which edges hide while dragging and zooming


@cache
def _asset(name: str) -> str:
    if name == "vis-network.min.js":
        return (resources.files("pyvis") / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")
    return (resources.files("rolegraph.pages") / "web" / name).read_text(encoding="utf-8")


@cache
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    from ..text import money_range, per_period

    env = Environment(loader=PackageLoader("rolegraph.pages", "web"), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined, trim_blocks=False, lstrip_blocks=False)
    env.filters["money_range"] = money_range
    env.filters["per_period"] = per_period
    env.filters["short"] = lambda text: short_label(str(text), HEADING_CHARS)
    return env


LABEL_CHARS = 48  # a node's label on the canvas; the tooltip has the whole text
HEADING_CHARS = 120  # a name in a heading or a list; its title attribute has the whole text


def short_label(text: str, limit: int = LABEL_CHARS) -> str:
    """A label short enough to draw: cut at a word boundary, with "…".

    >>> short_label("Plan, coordinate, and implement security measures to safeguard information")
    'Plan, coordinate, and implement security…'
    """
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:") + "…"


def page_name(role: str) -> str:
    """The file name of a role's page: a slug of its id, checked so that no label can escape the folder.

    >>> page_name("lead-developer")
    'lead-developer.html'
    >>> page_name("../../etc/passwd<script>")
    'etc-passwd-script-0c9f5408.html'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", role.lower()).strip("-")[:80]
    if slug != role or not slug:
        # Not a plain id: keep it readable, and unique with a short hash of the original.
        slug = f"{slug or 'role'}-{hashlib.sha256(role.encode()).hexdigest()[:8]}"
    if not _SAFE_NAME.match(slug):  # pragma: no cover - the rules above make this impossible
        raise RolegraphError(f"cannot make a safe file name for role {role!r}")
    return slug + ".html"


def _options(view: View) -> dict:
    big = len(view.nodes) >= BIG
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "keyboard": {"enabled": True, "bindToWindow": False}},
        # The overview's labels smaller than 7 px on screen are not drawn (unreadable,
        # they only blur the picture); they appear on zooming in. Other views keep
        # vis.js's threshold (5 px): their few labels are read at their size.
        "nodes": {"font": {"size": 15, "face": "system-ui, sans-serif"}, "borderWidth": 1,
                  "scaling": {"label": {"drawThreshold": 7 if view.name == "overview" else 5}}},
        "edges": {"smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.55}},
                  "color": {"inherit": False}},
    }


def _blocked_on_row(view: View) -> dict[tuple[str, str], dict]:
    """Edges between two nodes of one row with other nodes between them, and the arc to draw each as.

    Drawn straight, such an edge runs behind the nodes between its ends and
    reads as a chain through them; these are drawn as arcs instead.
    """
    rows: dict[float, list[float]] = defaultdict(list)
    where = {}
    for n in view.nodes:
        where[n.id] = (round(n.x, 1), round(n.y, 1))
        rows[round(n.y, 1)].append(round(n.x, 1))
    blocked = {}
    pairs = {(e.source, e.target) for e in view.edges}
    for e in view.edges:
        (x1, y1), (x2, y2) = where.get(e.source, (0, None)), where.get(e.target, (0, 1))
        if y1 != y2:
            continue
        low, high = min(x1, x2), max(x1, x2)
        if any(low < x < high for x in rows[y1]):
            # Arcs bend over the row (labels are under the nodes), except a rightward
            # move whose reverse is drawn too: it bends under, so the two stay apart.
            # Enough to clear the nodes, not more: a long arc bent as much as a short
            # one would leave the picture.
            rightward = x2 > x1
            over = not (rightward and (e.target, e.source) in pairs)
            kind = "curvedCW" if rightward == over else "curvedCCW"
            blocked[(e.source, e.target)] = {"enabled": True, "type": kind,
                                             "roundness": round(min(0.5, max(0.1, 90 / (high - low))), 2)}
    return blocked


def _network(view: View, link) -> tuple[list, list, dict]:
    """The view as pyvis builds it: node and edge records, and vis.js options."""
    from pyvis.edge import Edge as PyvisEdge
    from pyvis.network import Network

    net = Network(directed=True, height="100%", width="100%", cdn_resources="remote")
    for n in view.nodes:
        colour, shape, _ = KINDS[n.kind]
        extra = {"size": n.size} if n.size else {}
        url = link(n.role) if n.role else None
        if url:
            extra["url"] = url
        if n.prominent:
            extra["prominent"] = True
        shown = {lang: short_label(text) for lang, text in n.labels.items()}
        net.add_node(n.id, label=shown.get("en", n.id), shape=shape, color=n.highlight or colour,
                     x=round(n.x, 1), y=round(n.y, 1), labels=shown, info=n.info, kind=n.kind,
                     font={"size": 15 if n.kind in ("role", "candidate") else 13}, **extra)
    known = set(net.node_ids)
    arcs = _blocked_on_row(view)
    for e in view.edges:
        if e.source not in known or e.target not in known:
            raise RolegraphError(f"edge {e.source} → {e.target} names a node the view lacks")
        colour = e.colour or {"transition": "#12355b", "skill": "#E69F00", "mission": "#009E73"}.get(e.kind, "#b0b0b0")
        options = {"width": e.width, "color": colour, "info": e.info, "kind": e.kind}
        if e.dashes:
            options["dashes"] = True
        if e.kind not in ("transition", "mentions"):
            options["arrows"] = {"to": {"enabled": False}}
        if (e.source, e.target) in arcs:
            options["smooth"] = arcs[(e.source, e.target)]
        # pyvis's add_edge checks both ends against a list of every node (quadratic on large
        # graphs); the ends are checked above against a set, so the edge is added directly.
        net.edges.append(PyvisEdge(e.source, e.target, True, **options).options)
    net.set_options(json.dumps(_options(view)))
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    return nodes, edges, json.loads(options)


def _csp(inline_scripts: list[str], inline: bool) -> str:
    hashes = " ".join("'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
                      for s in inline_scripts)
    sources = hashes if inline else "'self' file:"
    return ("default-src 'none'; "
            f"script-src {sources}; style-src 'self' file: 'unsafe-inline'; img-src 'self' file: data:; "
            "connect-src 'none'; font-src 'none'; base-uri 'none'; form-action 'none'")


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise RolegraphError(f"unknown language {lang!r}; use en or fr")


def _render(template: str, *, title: dict, lang: str, root: str, inline: bool, standalone: bool,
            data: dict, framed: bool = False, **context) -> str:
    _check_lang(lang)
    scripts = [_asset(s).replace("</script", "<\\/script") for s in SCRIPTS] if inline else list(SCRIPTS)
    return _environment().get_template(template).render(
        title=title, lang=lang, root=root, inline=inline, standalone=standalone, data=data, framed=framed,
        scripts=scripts, css=_asset("rolegraph.css") if inline else "",
        csp=_csp(scripts if inline else [], inline), kinds=KINDS, **context)


def render_view(view: View, *, lang: str = "en", root: str = "", link=None, inline: bool = False,
                standalone: bool = False, framed: bool = False) -> str:
    """One graph page as HTML text.

    ``link(role_id)`` gives the URL of a role's page (None: roles are not links).
    ``inline`` puts the scripts in the page (one self-contained file) instead
    of loading them from ``{root}lib/``. ``framed`` is for a page shown in a
    frame (a notebook): the graph gets a fixed height instead of one relative
    to the window, so the frame can grow to the page without the page growing
    with the frame.
    """
    link = link or (lambda _rid: None)
    nodes, edges, options = _network(view, link)
    data = {"lang": lang, "nodes": nodes, "edges": edges, "options": options}
    template = {"role": "role.html", "path": "path.html"}.get(view.name, "graph.html")
    return _render(template, title=view.title, lang=lang, root=root, inline=inline, standalone=standalone,
                   data=data, view=view, link=lambda rid: link(rid) or "#", framed=framed)


@dataclass
class SiteResult:
    """What :func:`write_site` wrote."""

    folder: Path
    pages: list[Path] = field(default_factory=list)

    @property
    def index(self) -> Path:
        return self.folder / "index.html"


def _write(path: Path, text: str) -> Path:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


def write_site(graph, folder: Path | str, *, lang: str = "en", progress=None) -> SiteResult:
    """Write the site for ``graph`` into ``folder``: index, overview, career map, a page per role.

    ``progress(done, total)`` is called after each page. Opening
    ``index.html`` from disk needs no network.
    """
    _check_lang(lang)
    folder = Path(folder)
    (folder / "roles").mkdir(parents=True, exist_ok=True)
    (folder / "lib").mkdir(exist_ok=True)
    for name in SCRIPTS + ("rolegraph.css",):
        _write(folder / "lib" / name, _asset(name))
    site = SiteData(graph)
    roles = sorted(site.careers.g.nodes)
    result = SiteResult(folder)
    total = len(roles) + 3
    top = lambda rid: "roles/" + page_name(rid)  # noqa: E731
    inside = lambda rid: page_name(rid)  # noqa: E731

    def done(path: Path) -> None:
        result.pages.append(path)
        if progress:
            progress(len(result.pages), total)

    done(_write(folder / "index.html", _index(site, roles, lang, top)))
    done(_write(folder / "careers.html", render_view(site.careers_view(), lang=lang, link=top)))
    done(_write(folder / "overview.html", render_view(site.overview_view(), lang=lang, link=top)))
    for rid in roles:
        html = render_view(site.role_view(rid), lang=lang, root="../", link=inside)
        done(_write(folder / "roles" / page_name(rid), html))
    return result


def _index(site: SiteData, roles: list[str], lang: str, link) -> str:
    families: dict[str, list] = {}
    for rid in roles:
        family = site.careers.g.nodes[rid].get("family") or ""
        labels = site.role_labels(rid)
        families.setdefault(family, []).append(
            {"url": link(rid), "labels": labels, "search": " ".join(dict.fromkeys(labels.values()))})
    ordered = []
    for family in sorted(families, key=lambda f: (f == "", f)):
        labels = site.concept_labels("family", family) if family else {"en": "Other roles", "fr": "Autres métiers"}
        ordered.append({"labels": labels, "roles": sorted(families[family], key=lambda r: fold(r["labels"][lang]))})
    ordered.sort(key=lambda f: (f["labels"]["en"] == "Other roles", fold(f["labels"][lang])))
    counts = {"roles": len(roles), "transitions": site.careers.g.number_of_edges(), "documents": len(site.documents)}
    return _render("index.html", title={"en": "Tech roles", "fr": "Métiers de la tech"}, lang=lang, root="",
                   inline=False, standalone=False, data={"lang": lang}, families=ordered, counts=counts,
                   documents=sorted(site.documents))


def write_page(graph, path: Path | str, what: str = "careers", *, target: str | None = None, k: int = 3,
               lang: str = "en") -> Path:
    """One self-contained HTML file (scripts inlined) of a view; see :func:`view_of` for ``what``."""
    _check_lang(lang)
    path = Path(path)
    if not path.parent.is_dir():
        raise RolegraphError(f"{path.parent}: no such folder")
    if path.suffix.lower() not in (".html", ".htm"):
        raise RolegraphError(f"{path}: give a file name ending in .html")
    return _write(path, render_view(view_of(graph, what, target=target, k=k), lang=lang, inline=True,
                                    standalone=True))


def write_path_page(graph, source: str, target: str, path: Path | str, *, k: int = 3, lang: str = "en") -> Path:
    """One self-contained page with the ``k`` best paths from ``source`` to ``target`` highlighted."""
    return write_page(graph, path, source, target=target, k=k, lang=lang)


def view_of(graph, what: str = "careers", *, target: str | None = None, k: int = 3) -> View:
    """The :class:`View` named by ``what``: "careers", "overview", a role name, or a role with ``target`` (a path)."""
    site = SiteData(graph)
    if target is not None:
        return site.path_view(graph.resolve(what), graph.resolve(target), k=k)
    if what == "careers":
        return site.careers_view()
    if what == "overview":
        return site.overview_view()
    return site.role_view(graph.resolve(what))


# The notebook side of a framed view: the page posts its height (rolegraph.js),
# this sets the frame to it. Only a number from that frame is read.
_FIT_FRAME = """<script>(function () {
  window.addEventListener("message", function (event) {
    var frame = document.getElementById("FRAME_ID");
    if (!frame || event.source !== frame.contentWindow || !event.data) return;
    var height = Number(event.data.rolegraphHeight);
    if (isFinite(height) && height > 0) frame.style.height = Math.min(Math.max(height, 200), 20000) + "px";
  });
})();</script>"""


def show(graph, what: str = "careers", *, target: str | None = None, k: int = 3, lang: str = "en",
         height: int | None = None):
    """The view inline in Jupyter: an ``IPython.display.HTML`` holding a sandboxed, self-contained frame.

    The frame grows to the page it holds (the page says its height, a small
    script beside the frame applies it), so nothing is cut; where the notebook
    runs no scripts it keeps its first height and scrolls. ``height`` (pixels)
    fixes the frame's height instead.
    """
    import html as html_lib
    import secrets

    from IPython.display import HTML

    page = render_view(view_of(graph, what, target=target, k=k), lang=lang, inline=True, standalone=True,
                       framed=True)
    frame_id = "rolegraph-" + secrets.token_hex(8)
    fit = "" if height is not None else _FIT_FRAME.replace("FRAME_ID", frame_id)
    first = int(height) if height is not None else 720
    return HTML(f'<div class="rolegraph-view">{fit}<iframe id="{frame_id}" sandbox="allow-scripts" '
                f'style="width:100%;height:{first}px;border:0" '
                f'srcdoc="{html_lib.escape(page, quote=True)}"></iframe></div>')
