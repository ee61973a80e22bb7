"""The interactive pages in a real browser: Debian's chromium driven by Playwright, pages opened
from file:// with every network request blocked and counted."""

from __future__ import annotations

import re
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from rolegraph.builds import build
from rolegraph.pages import page_name, render_view, write_page, write_site
from rolegraph.pages.views import Edge, Node, SiteData, View
from rolegraph.pages.site import HEADING_CHARS, short_label

PAYLOAD = 'window.__pwned=1'


class Visit:
    """One page opened from disk (or from ``url``): requests going anywhere else, console errors
    and dialogs are recorded."""

    def __init__(self, browser, path: Path | str):
        self.context = browser.new_context(viewport={"width": 1300, "height": 900})
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        url = path if isinstance(path, str) else path.resolve().as_uri()
        origin = "file:" if url.startswith("file:") else "/".join(url.split("/", 3)[:3]) + "/"
        home = ("data:", origin)

        def route(r):
            if r.request.url.startswith(home):
                r.continue_()
            else:
                self.outside.append(r.request.url)
                r.abort()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("request", lambda r: None if r.url.startswith(home) else self.outside.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(url)
        if self.page.query_selector("#rg-graph"):
            self.page.wait_for_selector("body[data-ready]", state="attached", timeout=20000)

    def node_count(self) -> int:
        return self.page.evaluate("window.rolegraph.nodes.length")

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def site(default_graph, tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    write_site(default_graph, folder)
    return folder


@pytest.fixture(scope="module")
def site_data(default_graph):
    return SiteData(default_graph)


def _check_clean(visit: Visit) -> None:
    assert visit.outside == [], f"network requests: {visit.outside}"
    assert visit.errors == [], f"console errors: {visit.errors}"
    assert visit.dialogs == []


@pytest.mark.parametrize("page,view", [("careers.html", "careers_view"), ("overview.html", "overview_view"),
                                       ("roles/lead-developer.html", "role_view")])
def test_graph_pages_load_offline_and_show_every_node(browser, site, site_data, page, view):
    expected = getattr(site_data, view)(*(["lead-developer"] if view == "role_view" else []))
    visit = Visit(browser, site / page)
    try:
        _check_clean(visit)
        assert visit.node_count() == len(expected.nodes) > 3
        assert visit.page.evaluate("window.rolegraph.edges.length") == len(expected.edges)
    finally:
        visit.close()


def test_index_lists_every_role_and_search_filters_it(browser, site, site_data):
    visit = Visit(browser, site / "index.html")
    try:
        _check_clean(visit)
        items = visit.page.locator("li[data-search]")
        assert items.count() == site_data.careers.g.number_of_nodes()
        visit.page.fill("#rg-search", "developpeur")  # accents and case do not matter
        shown = [t for t in visit.page.locator("li[data-search]:not([hidden])").all_inner_texts()]
        assert "Lead Developer" in shown and "Chief Executive Officer" not in shown
        # families left with no role go too; no match says so
        for section in visit.page.locator(".families section").all():
            assert section.is_hidden() == (section.locator("li[data-search]:not([hidden])").count() == 0)
        assert visit.page.locator(".families section:not([hidden])").count() < \
            visit.page.locator(".families section").count()
        assert visit.page.locator("#rg-no-match").is_hidden()
        visit.page.fill("#rg-search", "zzzz no such role")
        assert visit.page.locator("#rg-no-match").is_visible()
        assert visit.page.locator(".families section:not([hidden])").count() == 0
        visit.page.fill("#rg-search", "developpeur")
        assert visit.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # 1,300 px
        visit.page.click("text=Lead Developer")
        assert visit.page.url.endswith("/roles/lead-developer.html")
    finally:
        visit.close()


def test_clicking_a_role_node_opens_its_page(browser, site):
    visit = Visit(browser, site / "careers.html")
    try:
        point = visit.page.evaluate("""() => {
            const net = window.rolegraph.network, id = "role:lead-developer";
            net.moveTo({position: net.getPosition(id), scale: 1});
            const p = net.canvasToDOM(net.getPosition(id));
            const box = document.getElementById("rg-graph").getBoundingClientRect();
            return {x: box.left + p.x, y: box.top + p.y};
        }""")
        visit.page.wait_for_timeout(300)  # let vis.js finish the move before clicking
        visit.page.mouse.click(point["x"], point["y"])
        visit.page.wait_for_url("**/roles/lead-developer.html", timeout=10000)
        visit.page.wait_for_selector("body[data-ready]", state="attached")
        assert visit.page.locator("h1").inner_text() == "Lead Developer"
        _check_clean(visit)
    finally:
        visit.close()


def test_language_switch_relabels_nodes_and_headings(browser, site):
    visit = Visit(browser, site / "roles/lead-developer.html")
    try:
        visit.page.select_option("#rg-lang", "fr")
        label = visit.page.evaluate("window.rolegraph.nodes.get('role:lead-developer').label")
        assert label.replace("\n", " ") == "Lead développeur"
        assert visit.page.locator("h1").inner_text() == "Lead développeur"
        assert visit.page.locator("html").get_attribute("lang") == "fr"
    finally:
        visit.close()


def test_path_page_is_one_self_contained_file(browser, default_graph, tmp_path):
    out = write_page(default_graph, tmp_path / "path.html", "lead developer", target="CEO", k=3)
    assert not (tmp_path / "lib").exists()
    visit = Visit(browser, out)
    try:
        _check_clean(visit)
        paths = default_graph.paths("lead developer", "CEO", k=3)
        roles = {r for p in paths for r in p.roles}
        assert visit.node_count() == len(roles)
        assert visit.page.locator("section.path").count() == len(paths) == 3
        assert "Chief Technology Officer" in visit.page.locator("section.path").first.inner_text()
    finally:
        visit.close()


HOSTILE = ['<script>window.__pwned=1</script>', '<img src=x onerror="window.__pwned=1">',
           '"quoted" \'single\'', '</textarea><svg onload="window.__pwned=1">', '</script><script>window.__pwned=1</script>']


def _assert_not_run(visit: Visit) -> None:
    assert visit.dialogs == []
    assert visit.page.evaluate("window.__pwned") is None
    assert visit.page.locator("img, svg, textarea").count() == 0
    scripts = visit.page.evaluate("Array.from(document.scripts).map(s => s.type || s.src.split('/').pop())")
    # Exactly the page's own scripts: its JSON data, vis.js and rolegraph.js (inline or beside it).
    assert len(scripts) == 3 and scripts[0] == "application/json", scripts
    assert all(s in ("", "vis-network.min.js", "rolegraph.js") for s in scripts[1:]), scripts


def test_hostile_labels_and_tooltips_display_as_text(browser, tmp_path):
    text = " ".join(HOSTILE)
    nodes = [Node("role:a", "role", {"en": text, "fr": text}, [["EN", text], [text, text]], role="../../x<y>"),
             Node("skill:b", "skill", {"en": HOSTILE[1], "fr": HOSTILE[3]}, [["", HOSTILE[4]]], x=200)]
    view = View("careers", {"en": text, "fr": text}, nodes, [Edge("role:a", "skill:b", "skill", [["", text]])],
                legend=["role", "skill"], details={"hidden_roles": 0})
    page = tmp_path / "hostile.html"
    page.write_text(render_view(view, inline=True, standalone=True, link=page_name), encoding="utf-8")
    visit = Visit(browser, page)
    try:
        _assert_not_run(visit)
        assert visit.page.locator("h1").inner_text() == short_label(text, HEADING_CHARS)  # shown, as text
        assert visit.page.locator("h1 span").get_attribute("title") == text  # whole, in the tooltip
        assert visit.page.evaluate("window.rolegraph.nodes.get('role:a').url") == page_name("../../x<y>")
        # The tooltip is built when hovered: its text is the hostile text, and nothing runs.
        tip = visit.page.evaluate("window.rolegraph.nodes.get('role:a').title.textContent")
        assert HOSTILE[0] in tip and HOSTILE[1] in tip
        _check_clean(visit)
    finally:
        visit.close()


def test_a_name_thousands_of_characters_long_keeps_the_layout(browser, tmp_path):
    name = "Principal " + "Very" * 800 + " Distributed Systems Reliability Engineer " * 40
    nodes = [Node("role:a", "role", {"en": name, "fr": name}, [["EN", name]], role="a"),
             Node("role:b", "role", {"en": "CTO", "fr": "CTO"}, [["EN", "CTO"]], role="b", x=300)]
    view = View("careers", {"en": name, "fr": name}, nodes, [Edge("role:a", "role:b", "transition", [["", name]])],
                legend=["role"], details={"hidden_roles": 0})
    page = tmp_path / "long.html"
    page.write_text(render_view(view, inline=True, standalone=True, link=page_name), encoding="utf-8")
    visit = Visit(browser, page)
    try:
        _check_clean(visit)
        heading = visit.page.locator("h1").inner_text()
        assert heading.endswith("…") and len(heading) <= HEADING_CHARS + 1
        assert visit.page.locator("h1 span").get_attribute("title") == name
        assert len(visit.page.evaluate("window.rolegraph.nodes.get('role:a').label")) <= 49
        assert visit.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        visit.close()


def test_a_graph_built_from_a_hostile_document_runs_nothing(browser, tmp_path, data_copy, curated_lexicon):
    docs = tmp_path / "docs"
    docs.mkdir()
    name = 'x"><img src=x onerror="window.__pwned=1">.md'
    (docs / name).write_text(
        "# Lead Developer\n\n## Career path\n\n"
        f"Many Lead Developers become CTOs after five years {HOSTILE[0]} and {HOSTILE[2]} {HOSTILE[3]}.\n\n"
        f"A Senior Developer can become a Lead Developer {HOSTILE[4]}.\n\n"
        f"## Skills\n\n- Python {HOSTILE[1]}\n- Kubernetes\n\n"
        "## Salary\n\nThe salary is between 60,000 and 80,000 EUR per year "
        '<b onmouseover="window.__pwned=1">bold</b>.\n', encoding="utf-8")
    # every page is visited: the curated lexicon alone keeps them to the roles the documents name
    graph = build(tmp_path / "build", [docs], lexicon=curated_lexicon).graph
    site = tmp_path / "site"
    result = write_site(graph, site)
    assert all(p.resolve().is_relative_to(site.resolve()) for p in result.pages)
    shown_hostile = False
    for page in result.pages:
        visit = Visit(browser, page)
        try:
            _assert_not_run(visit)
            _check_clean(visit)
            shown_hostile |= "<script>" in visit.page.locator("main").inner_text()
        finally:
            visit.close()
    assert shown_hostile  # the evidence quotes reached the pages, as text


def test_notebook_view_is_a_sandboxed_self_contained_frame(default_graph):
    html = default_graph.show("careers").data
    assert html.startswith('<div class="rolegraph-view">') and "srcdoc=" in html
    assert re.search(r'<iframe id="rolegraph-[0-9a-f]{16}" sandbox="allow-scripts" ', html)
    outside = html.split("srcdoc=")[0]
    # The only script outside the frame fits the frame to the page (a number read from it).
    assert outside.count("<script") == 1 and "rolegraphHeight" in outside and "innerHTML" not in outside
    assert "vis.Network" in html and "https://" not in html.split("srcdoc=")[0]


def test_served_pages_load_from_the_sparql_port(browser, default_build, site_data, tmp_path, write_site_of):
    """``rolegraph serve`` puts the pages and the endpoint on one port; the pages ask nothing of any other."""
    serve = pytest.importorskip("rolegraph.http.serve")
    pytest.importorskip("aiohttp")
    serve.oxigraph_binary()
    nquads = default_build.files["nquads"]
    db = serve.prepare_database(nquads, tmp_path / "db")
    site = serve.prepare_site(nquads, tmp_path / "site", write=write_site_of(nquads))
    with serve.start(db, site=site, port=serve.free_port()) as endpoint:
        visit = Visit(browser, endpoint.url + "/")
        try:
            assert visit.page.locator("li[data-search]").count() == site_data.careers.g.number_of_nodes()
            visit.page.click("text=Lead Developer")
            visit.page.wait_for_url(endpoint.url + "/roles/lead-developer.html", timeout=10000)
            visit.page.wait_for_selector("body[data-ready]", state="attached", timeout=20000)
            assert visit.node_count() == len(site_data.role_view("lead-developer").nodes)
            visit.page.goto(endpoint.url + "/careers.html")
            visit.page.wait_for_selector("body[data-ready]", state="attached", timeout=20000)
            assert visit.node_count() == len(site_data.careers_view().nodes)
            _check_clean(visit)
        finally:
            visit.close()
        # The same port answers SPARQL.
        query = "SELECT (COUNT(DISTINCT ?r) AS ?n) { ?r a <https://schema.org/Occupation> }"
        request = urllib.request.Request(endpoint.query_url, data=urllib.parse.urlencode({"query": query}).encode(),
                                         headers={"Accept": "text/csv"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            served = int(answer.read().decode().split()[1])
        local = int(next(iter(default_build.graph.query(query, prefixes=False)))["n"].value)
        assert served == local > 50


def test_tooltips_name_the_seniority_level(site_data):
    info = dict((k, v) for k, v in site_data.role_info("lead-developer") if k)
    assert info["Seniority"] == "Lead"
    executives = [dict(site_data.role_info(r)).get("Seniority") for r in ("chief-technology-officer",)]
    assert executives == ["Executive"]


def test_the_french_index_sorts_roles_by_their_french_names(default_graph, tmp_path):
    from rolegraph.text import fold

    write_site(default_graph, tmp_path / "fr", lang="fr")
    html = (tmp_path / "fr" / "index.html").read_text(encoding="utf-8")
    import re

    for section in re.findall(r"<ul>(.*?)</ul>", html, re.S)[:5]:
        names = re.findall(r'data-fr="[^"]*"[^>]*>([^<]*)</a>', section)
        assert names == sorted(names, key=fold), names


def test_a_new_title_sits_on_the_row_its_words_say(site_data):
    """New titles have no seniority in the lexicon: "Head of Cloud" goes on the directors' row."""
    assert site_data.careers.g.nodes["head-of-cloud"].get("rank") is None
    assert site_data.role_level("head-of-cloud") == site_data.ranks["director"]
    assert site_data.role_level("lead-developer") == site_data.careers.g.nodes["lead-developer"]["rank"]


def test_a_role_page_names_the_roles_own_level_when_levels_share_a_rank(site_data, lexicon):
    """Managers and principals share a rank: each role's info names its own level, not the rank's first."""
    shared = [lvl for lvl in lexicon.levels.values()
              if sum(other.rank == lvl.rank for other in lexicon.levels.values()) > 1]
    assert len(shared) >= 2
    for level in shared:
        rid = next(r for r, c in sorted(lexicon.roles.items()) if c.level == level.id and r in site_data.careers.g)
        info = dict((k, v) for k, v in site_data.role_info(rid) if k)
        assert info["Seniority"] == level.en, (rid, info)


@pytest.mark.parametrize("what,target", [("careers", None), ("lead developer", "CEO")])
def test_a_notebook_frame_grows_to_the_whole_view(browser, default_graph, tmp_path, what, target):
    """In a notebook the frame fits the page it holds: nothing cut, no inner scrolling."""
    html = default_graph.show(what, target=target).data
    notebook = tmp_path / "notebook.html"
    notebook.write_text(f"<!DOCTYPE html><html><body><h1>Cell output</h1>{html}</body></html>", encoding="utf-8")
    visit = Visit(browser, notebook)
    try:
        frame = visit.page.frames[1]
        frame.wait_for_selector("body[data-ready]", state="attached", timeout=20000)
        inner = "document.body.offsetHeight"
        visit.page.wait_for_function(
            "(inner) => { const f = document.querySelector('iframe');"
            " return Math.abs(f.clientHeight - inner) < 40; }", arg=frame.evaluate(inner), timeout=10000)
        outer = visit.page.evaluate("document.querySelector('iframe').clientHeight")
        assert outer >= frame.evaluate(inner)  # the whole page is in view
        assert frame.evaluate("document.documentElement.scrollHeight <= window.innerHeight + 1")
        # The graph keeps its own height: the page does not grow with its frame.
        assert frame.evaluate("document.getElementById('rg-graph').clientHeight") == 600
        _check_clean(visit)
    finally:
        visit.close()


def test_a_fixed_height_frame_stays_as_asked(default_graph):
    html = default_graph.show("careers", height=480).data
    assert "height:480px" in html and "rolegraphHeight" not in html.split("<iframe")[0]


def test_a_move_along_a_row_arcs_around_the_roles_between(browser, tmp_path):
    """A straight arrow from A to C through B would read as A → B → C: it is drawn as an arc."""
    nodes = [Node(f"role:{n}", "role", {"en": n, "fr": n}, role=n, x=x) for n, x in (("a", 0), ("b", 150), ("c", 300))]
    nodes.append(Node("role:d", "role", {"en": "d", "fr": "d"}, role="d", x=150, y=-200))
    edges = [Edge("role:a", "role:c", "transition"), Edge("role:c", "role:a", "transition"),
             Edge("role:a", "role:b", "transition"), Edge("role:b", "role:d", "transition")]
    view = View("careers", {"en": "row", "fr": "row"}, nodes, edges, legend=["role"], details={"hidden_roles": 0})
    page = tmp_path / "row.html"
    page.write_text(render_view(view, inline=True, standalone=True), encoding="utf-8")
    visit = Visit(browser, page)
    try:
        middles = visit.page.evaluate("""() => {
            const out = {};
            for (const e of Object.values(window.rolegraph.network.body.edges)) {
                const p = e.edgeType.getPoint(0.5);
                out[e.fromId + ">" + e.toId] = [p.x, p.y];
            }
            return out; }""")
        radius = 25  # the default dot with its border
        # Arcs between a and c clear b, one over the row (y grows downwards), one under it.
        assert sorted([middles["role:a>role:c"][1], middles["role:c>role:a"][1]])[0] < -radius
        assert sorted([middles["role:a>role:c"][1], middles["role:c>role:a"][1]])[1] > radius
        # Neighbours on a row and moves between rows stay straight.
        assert middles["role:a>role:b"] == [75, 0]
        assert middles["role:b>role:d"] == [150, -100]
        _check_clean(visit)
    finally:
        visit.close()


def test_the_overview_keeps_the_busiest_roles_readable_when_zoomed_out(browser, site, site_data):
    view = site_data.overview_view()
    hubs = [n for n in view.nodes if n.prominent]
    assert 6 <= len(hubs) <= 12 and all(n.kind in ("role", "candidate") for n in hubs)
    degree = {n.id: 0 for n in view.nodes}
    for e in view.edges:
        degree[e.source] += 1
        degree[e.target] += 1
    busiest = max(degree[n.id] for n in view.nodes if n.kind == "role")
    assert any(degree[n.id] == busiest for n in hubs)
    visit = Visit(browser, site / "overview.html")
    try:
        shown = visit.page.evaluate("""() => {
            const scale = window.rolegraph.network.getScale();
            return window.rolegraph.nodes.get().map(n => [n.id, !!n.prominent, (n.font.size) * scale]); }""")
        on_screen = {nid: px for nid, prominent, px in shown if prominent}
        assert set(on_screen) == {n.id for n in hubs}
        assert min(on_screen.values()) >= 12.5  # pixels on screen, at the zoom that shows everything
        # The others are too small to read at that zoom; vis.js leaves them out until one zooms in.
        assert max(px for _nid, prominent, px in shown if not prominent) < 7
        assert visit.page.evaluate("window.rolegraph.data.options.nodes.scaling.label.drawThreshold") == 7
        _check_clean(visit)
    finally:
        visit.close()
