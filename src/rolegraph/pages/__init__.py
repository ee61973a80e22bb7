"""Interactive HTML pages of a graph: views as plain data, layouts, and the site writer.

:mod:`~rolegraph.pages.views` says what each page shows (nodes, edges,
tooltips, details), :mod:`~rolegraph.pages.layout` places the nodes, and
:mod:`~rolegraph.pages.site` renders pages with pyvis, vis.js and the Jinja
templates in ``web/``. Pages are handed a graph (``RoleGraph.site``): they
read what it answers and never extract or load anything themselves.
"""

from .site import SiteResult, page_name, render_view, show, view_of, write_page, write_path_page, write_site

__all__ = ["SiteResult", "page_name", "render_view", "show", "view_of", "write_page", "write_path_page",
           "write_site"]
