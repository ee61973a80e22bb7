/* rolegraph pages: draw the graph handed over as JSON, with tooltips built as text
   (never as HTML: labels and quotes come from documents), language switch, search. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("rg-data").textContent);

  function tooltip(info) {
    var box = document.createElement("div");
    box.className = "rg-tip";
    info.forEach(function (line) {
      var row = document.createElement("div");
      if (line[0]) {
        var head = document.createElement("b");
        head.textContent = line[0] + " ";
        row.appendChild(head);
      }
      row.appendChild(document.createTextNode(line[1]));
      box.appendChild(row);
    });
    return box;
  }

  // Long labels wrap onto lines of about 20 characters, so neighbours' labels do not overlap.
  function wrap(text) {
    var lines = [], line = "";
    text.split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > 20) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    if (line) lines.push(line);
    return lines.join("\n");
  }

  function label(node, lang) {
    return wrap((node.labels && (node.labels[lang] || node.labels.en)) || String(node.id));
  }

  var network = null, nodes = null, edges = null;
  var container = document.getElementById("rg-graph");
  if (container && data.nodes) {
    nodes = new vis.DataSet(data.nodes.map(function (n) {
      var copy = Object.assign({}, n, {label: label(n, data.lang)});
      if (n.info && n.info.length) copy.title = tooltip(n.info);
      return copy;
    }));
    edges = new vis.DataSet(data.edges.map(function (e) {
      var copy = Object.assign({}, e);
      if (e.info && e.info.length) copy.title = tooltip(e.info);
      return copy;
    }));
    network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
    network.once("afterDrawing", function () {
      // A little room around the nodes, for arcs over the top row and labels under the last.
      network.moveTo({scale: network.getScale() * 0.92});
      // Prominent nodes' labels are at least 13 px on screen at this zoom.
      var scale = network.getScale();
      var big = nodes.get({filter: function (n) { return n.prominent; }});
      if (big.length && 15 * scale < 13) {
        var size = Math.round(13 / scale);
        nodes.update(big.map(function (n) {
          return {id: n.id, font: {size: size, strokeWidth: Math.round(size / 5), strokeColor: "#ffffff"}};
        }));
      }
      window.rolegraphReady = performance.now();
      document.body.setAttribute("data-ready", "1");
    });
    network.on("click", function (params) {
      if (!params.nodes.length) return;
      var node = nodes.get(params.nodes[0]);
      if (node && node.url) window.location.href = node.url;
    });
    network.on("hoverNode", function (params) {
      var node = nodes.get(params.node);
      container.style.cursor = node && node.url ? "pointer" : "default";
    });
    network.on("blurNode", function () { container.style.cursor = "default"; });
  }
  window.rolegraph = {network: network, nodes: nodes, edges: edges, data: data};

  // In a frame (a notebook), say how tall the page is, so the frame can fit it.
  // Only a number is sent; the page's height does not depend on the frame's.
  if (window.parent !== window) {
    var told = 0;
    var tell = function () {
      var style = getComputedStyle(document.body);
      var height = Math.ceil(document.body.offsetHeight + parseFloat(style.marginTop) +
                             parseFloat(style.marginBottom));
      if (height !== told) {
        told = height;
        window.parent.postMessage({rolegraphHeight: height}, "*");
      }
    };
    window.addEventListener("load", tell);
    if (window.ResizeObserver) new ResizeObserver(tell).observe(document.body);
    tell();
  }

  function setLanguage(lang) {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-en]").forEach(function (el) {
      el.textContent = el.getAttribute("data-" + lang) || el.getAttribute("data-en");
    });
    if (nodes) {
      nodes.update(nodes.get().map(function (n) { return {id: n.id, label: label(n, lang)}; }));
    }
  }
  var select = document.getElementById("rg-lang");
  if (select) {
    select.value = data.lang;
    select.addEventListener("change", function () { setLanguage(select.value); });
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var search = document.getElementById("rg-search");
  if (search) {
    var none = document.getElementById("rg-no-match");
    search.addEventListener("input", function () {
      var wanted = fold(search.value.trim());
      var shown = 0;
      document.querySelectorAll("[data-search]").forEach(function (item) {
        item.hidden = wanted !== "" && fold(item.getAttribute("data-search")).indexOf(wanted) < 0;
        if (!item.hidden) shown += 1;
      });
      // A family whose roles are all filtered out goes too; nothing left says so.
      document.querySelectorAll(".families section").forEach(function (section) {
        section.hidden = section.querySelector("[data-search]:not([hidden])") === null;
      });
      if (none) none.hidden = shown > 0;
    });
    // index.html?q=word (the page of an unknown IRI links here): search for it at once.
    var asked = new URLSearchParams(window.location.search).get("q");
    if (asked) {
      search.value = asked;
      search.dispatchEvent(new Event("input"));
    }
  }
})();
