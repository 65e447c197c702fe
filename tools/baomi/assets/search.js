/*
 * baomi handbook search, part 4 of 4: the view (search box, results, keyboard).
 *
 * Parts, loaded in this order (tools/baomi/site/pages.py JS): search-norm.js (normalisation,
 * shared with the index builder through golden vectors), search-load.js (index loading),
 * search-rank.js (query understanding and ranking), this file.
 */
(function () {
  "use strict";
  var BS = window.BaomiSearch, N = BS.norm, L = BS.load, R = BS.rank, ix = L.index;
  var PAGE = 10;
  var root = ix.root;
  function fold(s) { return N.fold(s, ix.tmap); }

  function snippet(text, alts) {
    var chars = Array.from(text), F = "", pos = [];
    chars.forEach(function (c, k) {
      var f = fold(c);
      for (var j = 0; j < f.length; j++) pos.push(k);
      F += f;
    });
    var marks = [], sorted = alts.filter(Boolean).slice().sort(function (x, y) { return y.length - x.length; });
    sorted.forEach(function (a) {
      var from = 0, at;
      while ((at = F.indexOf(a, from)) >= 0) {
        var s = pos[at], e = pos[at + a.length - 1] + 1;
        if (!marks.some(function (m) { return s < m[1] && e > m[0]; })) marks.push([s, e]);
        from = at + a.length;
      }
    });
    marks.sort(function (x, y) { return x[0] - y[0]; });
    var width = 90, start = 0;
    if (marks.length && chars.length > width) start = Math.max(0, Math.min(marks[0][0] - 20, chars.length - width));
    var end = Math.min(chars.length, start + width);
    var frag = document.createDocumentFragment(), k = start;
    if (start > 0) frag.appendChild(document.createTextNode("…"));
    marks.forEach(function (m) {
      if (m[0] < k || m[1] > end) return;
      frag.appendChild(document.createTextNode(chars.slice(k, m[0]).join("")));
      var mk = document.createElement("mark");
      mk.textContent = chars.slice(m[0], m[1]).join("");
      frag.appendChild(mk);
      k = m[1];
    });
    frag.appendChild(document.createTextNode(chars.slice(k, end).join("") + (end < chars.length ? "…" : "")));
    return frag;
  }

  // A result links only to a page of this handbook: the address from the index is resolved
  // against the site root and kept only if it stays on the same origin under that root
  // (never javascript:, data: or another host).
  function pageHref(path) {
    var u;
    try { u = new URL(path, root); } catch (e) { return null; }
    if (u.protocol !== root.protocol || u.host !== root.host || u.href.indexOf(root.href) !== 0) return null;
    return u.href;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  var ui = null, seq = 0, current = null;

  function buildUI() {
    var box = el("div", "bm-search");
    box.setAttribute("role", "search");
    var input = el("input", "bm-search__input");
    input.type = "search";
    input.id = "bm-search-input";
    input.placeholder = "搜索条文（可用拼音、繁体）";
    input.setAttribute("aria-label", "搜索制度条文");
    input.setAttribute("autocomplete", "off");
    input.setAttribute("aria-controls", "bm-search-panel");
    var panel = el("div", "bm-search__panel");
    panel.id = "bm-search-panel";
    panel.hidden = true;
    var note = el("div", "bm-search__note");
    note.hidden = true;
    var status = el("div", "bm-search__status");
    status.setAttribute("aria-live", "polite");
    var list = el("ol", "bm-search__list");
    var more = el("button", "bm-search__more", "显示更多结果");
    more.type = "button";
    more.hidden = true;
    panel.appendChild(note); panel.appendChild(status); panel.appendChild(list); panel.appendChild(more);
    box.appendChild(input); box.appendChild(panel);
    var host = document.querySelector(".md-header__inner");
    if (host) {
      var before = host.querySelector(".md-header__source");
      host.insertBefore(box, before || null);
    } else {
      box.classList.add("bm-search--standalone");
      document.body.insertBefore(box, document.body.firstChild);
    }
    ui = { box: box, input: input, panel: panel, note: note, status: status, list: list, more: more };

    var timer = null;
    // Esc: hide the panel and drop a search still under way (its results must not reopen it)
    function close() { clearTimeout(timer); seq++; panel.hidden = true; }
    input.addEventListener("focus", function () { L.loadMeta().catch(function () {}); if (input.value) panel.hidden = false; });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value); }, 40);
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { ev.preventDefault(); close(); input.blur(); }
      else if (ev.key === "ArrowDown") { var f = list.querySelector("a"); if (f) { ev.preventDefault(); f.focus(); } }
      else if (ev.key === "Enter") { var a = list.querySelector("a"); if (a) { ev.preventDefault(); a.click(); } }
    });
    list.addEventListener("keydown", function (ev) {
      var links = Array.from(list.querySelectorAll("a")), k = links.indexOf(document.activeElement);
      if (ev.key === "ArrowDown" && k + 1 < links.length) { ev.preventDefault(); links[k + 1].focus(); }
      else if (ev.key === "ArrowUp") { ev.preventDefault(); (k > 0 ? links[k - 1] : input).focus(); }
      else if (ev.key === "Escape") { ev.preventDefault(); input.focus(); close(); }   // focus first: focusing opens it
    });
    list.addEventListener("click", function (ev) {
      if (ev.target.closest && ev.target.closest("a")) panel.hidden = true;
    });
    more.addEventListener("click", function () { if (current) show(current, current.shown + PAGE); });
    document.addEventListener("click", function (ev) { if (!box.contains(ev.target)) panel.hidden = true; });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && !panel.hidden) { close(); if (box.contains(ev.target)) input.blur(); return; }
      var t = ev.target, typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (!typing && (ev.key === "/" || ev.key === "s") && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
        ev.preventDefault(); input.focus();
      }
    });
  }

  function run(q) {
    var my = ++seq;
    q = q.trim();
    ui.box.removeAttribute("data-query");
    if (!q) { ui.panel.hidden = true; ui.box.removeAttribute("data-state"); return; }
    ui.panel.hidden = false;
    ui.box.setAttribute("data-state", "loading");
    if (!ix.meta) ui.status.textContent = "正在载入索引…";
    L.loadMeta().then(function () { return R.rank(q); }).then(function (r) {
      if (my !== seq) return;
      current = { q: q, hits: r.hits, alts: [].concat.apply([], r.analysis.words.map(function (w) { return w.alts; })), shown: 0 };
      ui.list.textContent = "";
      ui.more.hidden = true;
      var fixed = r.analysis.corrected;
      ui.note.hidden = !fixed.length;
      ui.note.textContent = fixed.length ? "已按‘" + fixed.join("’‘") + "’搜索" : "";
      if (fixed.length) ui.box.setAttribute("data-corrected", fixed.join(" "));
      else ui.box.removeAttribute("data-corrected");
      return show(current, PAGE);
    }).catch(function (e) {
      if (my !== seq) return;
      ui.status.textContent = "搜索索引无法载入（" + e.message + "）";
      ui.box.setAttribute("data-state", "error");
    });
  }

  function show(c, upto) {
    var my = seq, slice = c.hits.slice(c.shown, upto);
    return Promise.all(slice.map(function (h) { return L.docRecord(h.doc); })).then(function (recs) {
      if (my !== seq || c !== current) return;
      recs.forEach(function (rec, k) {
        var row = rec.row, pol = [rec.title, rec.url], a = el("a", "bm-hit");
        var target = pageHref(String(pol[1]) + (row[1] ? "#" + String(row[1]) : ""));
        if (target) a.href = target;
        a.setAttribute("data-doc", slice[k].doc);
        var where = el("span", "bm-hit__where");
        where.appendChild(el("span", "bm-hit__title", pol[0]));
        where.appendChild(el("span", "bm-hit__label", row[2]));
        var text = el("span", "bm-hit__text");
        text.appendChild(snippet(row[3], c.alts));
        a.appendChild(where); a.appendChild(text);
        var li = el("li", "bm-search__item");
        li.appendChild(a);
        ui.list.appendChild(li);
      });
      c.shown = Math.min(upto, c.hits.length);
      ui.status.textContent = c.hits.length ? "共找到 " + c.hits.length + " 条" : "没有找到包含“" + c.q + "”的条文";
      ui.more.hidden = c.shown >= c.hits.length;
      ui.box.setAttribute("data-state", "done");
      ui.box.setAttribute("data-query", c.q);
    });
  }

  // exposed for tests and the benchmark: window.baomiSearch.rank("涉密计算机")
  window.baomiSearch = {
    rank: function (q) { return L.loadMeta().then(function () { return R.rank(q); }); },
    analyse: function (q) { return L.loadMeta().then(function () { return R.analyse(q); }); },
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", buildUI);
  else buildUI();
})();
