/*
 * baomi handbook search: offline, prebuilt index, results per article.
 *
 * The index is written by tools/baomi/site/search_index.py; normalisation, units, bigrams and
 * the shard hash here must stay identical to tools/baomi/site/textnorm.py.
 * Nothing is fetched until the search box is focused; then meta.json, and for each query only
 * the posting shards of its tokens and the article shards of the results shown.
 */
(function () {
  "use strict";

  var ALPHA = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIGIT = {};
  for (var i = 0; i < ALPHA.length; i++) DIGIT[ALPHA.charAt(i)] = i;
  var UNIT = "[a-z0-9]+|[\\u3007\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}]";
  var HAN_RE = /^[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]$/;
  var PAGE = 10;
  var MAX_WORD = 8;

  var script = document.currentScript;
  var root = new URL("../../", script ? script.src : location.href);
  var base = new URL("search/", root);

  var meta = null, metaPromise = null;
  var pshards = {}, dshards = {}, postingCache = {};
  var vocab = null, pyFull = null, pyIni = null, pyKeys = null, tmap = null, syn = null;
  var titles = [];

  // ---- loading --------------------------------------------------------------------------
  function getJSON(url) {
    return fetch(url, { cache: "no-cache" }).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + url);
      return r.json();
    });
  }

  function loadMeta() {
    if (!metaPromise) {
      metaPromise = getJSON(new URL("meta.json", base)).then(function (m) {
        meta = m;
        var words = m.w ? m.w.split("|") : [], full = m.py ? m.py.split("|") : [],
            ini = m.ini ? m.ini.split("|") : [];
        vocab = new Set(words);
        pyFull = new Map(); pyIni = new Map(); pyKeys = new Set();
        words.forEach(function (w, k) {
          add(pyFull, full[k], w); add(pyIni, ini[k], w);
          if (full[k]) pyKeys.add(full[k]);
        });
        tmap = new Map();
        var from = Array.from(m.tf || ""), to = Array.from(m.tt || "");
        from.forEach(function (c, k) { tmap.set(c, to[k]); });
        syn = new Map();
        (m.syn || []).forEach(function (g) {
          g.forEach(function (t) { add(syn, t, g); vocab.add(t); });
        });
        titles = m.pol.map(function (p) { return fold(p[0]); });
        return m;
      });
      metaPromise.catch(function () { metaPromise = null; });
    }
    return metaPromise;
  }

  function add(map, key, value) {
    if (!key) return;
    var l = map.get(key);
    if (!l) map.set(key, (l = []));
    if (l.indexOf(value) < 0) l.push(value);
  }

  function shard(kind, n) {
    var cache = kind === "p" ? pshards : dshards;
    if (!cache[n]) {
      cache[n] = getJSON(new URL(kind + "/" + n + ".json?v=" + meta.id, base));
      cache[n].catch(function () { delete cache[n]; });
    }
    return cache[n];
  }

  // ---- text ------------------------------------------------------------------------------
  function fold(s) {
    s = s.normalize("NFKC").toLowerCase();
    if (!tmap || !tmap.size) return s;
    var out = "";
    for (var c of s) out += tmap.get(c) || c;
    return out;
  }

  function runs(s) {
    var re = new RegExp(UNIT, "gu"), out = [], end = -1, m;
    while ((m = re.exec(s))) {
      if (m.index !== end || !out.length) out.push([]);
      out[out.length - 1].push(m[0]);
      end = m.index + m[0].length;
    }
    return out;
  }

  function fnv(s) {
    var h = 0x811c9dc5;
    for (var c of s) { h ^= c.codePointAt(0); h = Math.imul(h, 0x01000193) >>> 0; }
    return h;
  }

  function decode(s) {
    var vals = [], v = 0, shift = 0;
    for (var k = 0; k < s.length; k++) {
      var d = DIGIT[s.charAt(k)];
      if (d >= 32) { v += (d - 32) * Math.pow(2, shift); shift += 5; }
      else { vals.push(v + d * Math.pow(2, shift)); v = 0; shift = 0; }
    }
    var docs = [], tfs = [], doc = -1;
    for (var j = 0; j < vals.length; j++) {
      var x = vals[j];
      doc += Math.floor(x / 2) + 1;
      var tf = 1;
      if (x % 2) tf = vals[++j] + 2;
      docs.push(doc); tfs.push(tf);
    }
    return { docs: docs, tfs: tfs };
  }

  // postings of one token; a lone unit means every token that starts with it
  function postings(first, tok, lone) {
    var key = (lone ? "*" : "") + tok;
    if (postingCache[key]) return Promise.resolve(postingCache[key]);
    return shard("p", fnv(first) % meta.ps).then(function (sh) {
      var res;
      if (!lone) {
        res = sh[tok] ? decode(sh[tok]) : { docs: [], tfs: [] };
      } else {
        var acc = new Map(), ascii = /^[a-z0-9]/.test(first);
        Object.keys(sh).forEach(function (k) {
          if (k.lastIndexOf(first, 0) !== 0) return;
          if (ascii && k.length > first.length && /[a-z0-9]/.test(k.charAt(first.length))) return;
          var p = decode(sh[k]);
          p.docs.forEach(function (d, n) { acc.set(d, (acc.get(d) || 0) + p.tfs[n]); });
        });
        var docs = Array.from(acc.keys()).sort(function (a, b) { return a - b; });
        res = { docs: docs, tfs: docs.map(function (d) { return acc.get(d); }) };
      }
      postingCache[key] = res;
      return res;
    });
  }

  function tokensOf(s) {
    var out = [];
    runs(s).forEach(function (r) {
      if (r.length === 1) out.push([r[0], r[0], true]);
      for (var k = 0; k + 1 < r.length; k++) out.push([r[k], r[k] + r[k + 1], false]);
    });
    return out;
  }

  // ---- query analysis -------------------------------------------------------------------
  // a query becomes words (each a list of alternative strings) and phrases (literal runs)
  function analyse(q) {
    q = fold(q);
    var words = [], phrases = [];
    q.split(/[\s,，。；;、:：!?！？"“”'‘’()（）《》]+/).forEach(function (part) {
      runs(part).forEach(function (r) {
        var literal = r.join("");
        if (r.length === 1 && /^[a-z]+$/.test(r[0]) && !vocab.has(r[0])) {
          pinyinWords(r[0]).forEach(function (w) { words.push(w); });
          return;
        }
        var segs = segment(r);
        segs.forEach(function (s) { words.push(expand(s)); });
        if (segs.length > 1) phrases.push(literal);
      });
    });
    return { words: words, phrases: phrases };
  }

  function expand(s) {
    var alts = [s];
    (syn.get(s) || []).forEach(function (g) {
      g.forEach(function (t) { if (alts.indexOf(t) < 0) alts.push(t); });
    });
    return { text: s, alts: alts };
  }

  // forward maximum matching against the vocabulary; unknown single characters join a neighbour
  function segment(units) {
    var segs = [], k = 0;
    while (k < units.length) {
      var found = 0;
      for (var n = Math.min(MAX_WORD, units.length - k); n >= 2; n--) {
        if (vocab.has(units.slice(k, k + n).join(""))) { found = n; break; }
      }
      var lone = !found && HAN_RE.test(units[k]) && !vocab.has(units[k]);
      found = found || 1;
      segs.push({ t: units.slice(k, k + found).join(""), lone: lone });
      k += found;
    }
    var out = [], carry = "";
    segs.forEach(function (s) {
      if (!s.lone) { out.push(carry + s.t); carry = ""; }
      else if (out.length) out[out.length - 1] += s.t;   // 绝密 + 级
      else carry += s.t;                                 // 级 + 文件
    });
    if (carry) out.push(carry);
    return out;
  }

  // pinyin: whole-word full pinyin or initials, else a segmentation into full-pinyin words
  function pinyinWords(s) {
    var direct = lookupPinyin(s);
    if (direct.length) return [{ text: s, alts: direct.concat([s]) }];
    var best = splitPinyin(s);
    if (best) return best.map(function (p) { return { text: p, alts: lookupPinyin(p) }; });
    if (s.length >= 3) {
      var pre = [];
      pyFull.forEach(function (ws, key) {
        if (pre.length < 8 && key.lastIndexOf(s, 0) === 0) ws.forEach(function (w) { pre.push(w); });
      });
      if (pre.length) return [{ text: s, alts: pre.concat([s]) }];
    }
    return [{ text: s, alts: [s] }];
  }

  function lookupPinyin(s) {
    var out = [];
    (pyFull.get(s) || []).concat(pyIni.get(s) || []).forEach(function (w) {
      if (out.indexOf(w) < 0 && out.length < 12) out.push(w);
    });
    return out;
  }

  function splitPinyin(s) {
    // fewest full-pinyin words covering s (dynamic programming)
    var best = [[]];
    for (var k = 1; k <= s.length; k++) {
      best[k] = null;
      for (var j = Math.max(0, k - 40); j < k; j++) {
        if (best[j] && pyKeys.has(s.slice(j, k)) && (!best[k] || best[j].length + 1 < best[k].length)) {
          best[k] = best[j].concat([s.slice(j, k)]);
        }
      }
    }
    return best[s.length] && best[s.length].length > 1 ? best[s.length] : null;
  }

  // ---- matching and ranking ---------------------------------------------------------------
  // doc → {cov, tf} for one string: share of its tokens present, and the rarest token's count
  function matchString(s) {
    var toks = tokensOf(s);
    if (!toks.length) return Promise.resolve(new Map());
    return Promise.all(toks.map(function (t) { return postings(t[0], t[1], t[2]); })).then(function (ps) {
      var count = new Map(), tf = new Map();
      ps.forEach(function (p) {
        for (var k = 0; k < p.docs.length; k++) {
          var d = p.docs[k];
          count.set(d, (count.get(d) || 0) + 1);
          var old = tf.get(d);
          tf.set(d, old === undefined ? p.tfs[k] : Math.min(old, p.tfs[k]));
        }
      });
      var out = new Map(), n = toks.length;
      count.forEach(function (c, d) {
        var cov = c / n;
        if (cov === 1 || (n >= 2 && cov >= 0.5)) out.set(d, { cov: cov === 1 ? 1 : cov * 0.6, tf: tf.get(d) });
      });
      return out;
    });
  }

  function matchWord(w) {
    return Promise.all(w.alts.map(matchString)).then(function (maps) {
      var out = new Map();
      maps.forEach(function (m, k) {
        m.forEach(function (v, d) {
          if (k > 0) v = { cov: v.cov * 0.9, tf: v.tf };   // a synonym or pinyin reading
          var o = out.get(d);
          if (!o || v.cov > o.cov || (v.cov === o.cov && v.tf > o.tf)) out.set(d, v);
        });
      });
      // a word in the policy title counts half for every article of that policy
      titles.forEach(function (t, p) {
        if (!w.alts.some(function (a) { return a && t.indexOf(a) >= 0; })) return;
        var end = p + 1 < meta.pol.length ? meta.pol[p + 1][2] : meta.n;
        for (var d = meta.pol[p][2]; d < end; d++) {
          var o = out.get(d);
          if (!o) out.set(d, { cov: 0.5, tf: 0, title: true });
          else if (!o.title) out.set(d, { cov: Math.min(1, o.cov + 0.5), tf: o.tf, title: true });
        }
      });
      return out;
    });
  }

  function docLength(d) {
    return Math.pow(meta.lb, DIGIT[meta.len.charAt(d)]);
  }

  function rank(q) {
    var a = analyse(q);
    if (!a.words.length) return Promise.resolve({ hits: [], analysis: a });
    return Promise.all([
      Promise.all(a.words.map(matchWord)),
      Promise.all(a.phrases.map(matchString)),
    ]).then(function (r) {
      var wordMaps = r[0], phraseMaps = r[1], N = meta.n, avg = meta.avg || 1;
      var score = new Map(), bm = new Map(), bmMax = 0;
      var idfs = wordMaps.map(function (m) {
        var df = 0;
        m.forEach(function (v) { if (v.cov >= 0.9) df++; });
        return Math.log(1 + (N - df + 0.5) / (df + 0.5));
      });
      var idfMax = Math.max.apply(null, idfs.concat([1e-9]));
      // all words before some; then rarer words before common ones; then phrase, frequency, title
      wordMaps.forEach(function (m, w) {
        var idf = idfs[w];
        m.forEach(function (v, d) {
          score.set(d, (score.get(d) || 0) + 1000 * v.cov + 100 * v.cov * idf / idfMax + (v.title ? 40 : 0));
          if (v.tf) {
            var norm = v.tf * 2.2 / (v.tf + 1.2 * (0.25 + 0.75 * docLength(d) / avg));
            var b = (bm.get(d) || 0) + idf * norm * v.cov;
            bm.set(d, b);
            if (b > bmMax) bmMax = b;
          }
        });
      });
      phraseMaps.forEach(function (m) {
        m.forEach(function (v, d) { if (v.cov === 1 && score.has(d)) score.set(d, score.get(d) + 30); });
      });
      var hits = [];
      score.forEach(function (s, d) {
        hits.push({ doc: d, score: s + (bmMax ? 20 * (bm.get(d) || 0) / bmMax : 0) });
      });
      hits.sort(function (x, y) { return y.score - x.score || x.doc - y.doc; });
      return { hits: hits, analysis: a };
    });
  }

  function docRecord(d) {
    var ds = meta.ds, lo = 0, hi = ds.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (ds[mid] <= d) lo = mid; else hi = mid - 1; }
    return shard("d", lo).then(function (rows) { return rows[d - ds[lo]]; });
  }

  // ---- rendering ------------------------------------------------------------------------
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
    var status = el("div", "bm-search__status");
    status.setAttribute("aria-live", "polite");
    var list = el("ol", "bm-search__list");
    var more = el("button", "bm-search__more", "显示更多结果");
    more.type = "button";
    more.hidden = true;
    panel.appendChild(status); panel.appendChild(list); panel.appendChild(more);
    box.appendChild(input); box.appendChild(panel);
    var host = document.querySelector(".md-header__inner");
    if (host) {
      var before = host.querySelector(".md-header__source");
      host.insertBefore(box, before || null);
    } else {
      box.classList.add("bm-search--standalone");
      document.body.insertBefore(box, document.body.firstChild);
    }
    ui = { box: box, input: input, panel: panel, status: status, list: list, more: more };

    var timer = null;
    input.addEventListener("focus", function () { loadMeta().catch(function () {}); if (input.value) panel.hidden = false; });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value); }, 40);
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { panel.hidden = true; input.blur(); }
      else if (ev.key === "ArrowDown") { var f = list.querySelector("a"); if (f) { ev.preventDefault(); f.focus(); } }
      else if (ev.key === "Enter") { var a = list.querySelector("a"); if (a) { ev.preventDefault(); a.click(); } }
    });
    list.addEventListener("keydown", function (ev) {
      var links = Array.from(list.querySelectorAll("a")), k = links.indexOf(document.activeElement);
      if (ev.key === "ArrowDown" && k + 1 < links.length) { ev.preventDefault(); links[k + 1].focus(); }
      else if (ev.key === "ArrowUp") { ev.preventDefault(); (k > 0 ? links[k - 1] : input).focus(); }
      else if (ev.key === "Escape") { panel.hidden = true; input.focus(); }
    });
    list.addEventListener("click", function (ev) {
      if (ev.target.closest && ev.target.closest("a")) panel.hidden = true;
    });
    more.addEventListener("click", function () { if (current) show(current, current.shown + PAGE); });
    document.addEventListener("click", function (ev) { if (!box.contains(ev.target)) panel.hidden = true; });
    document.addEventListener("keydown", function (ev) {
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
    if (!meta) ui.status.textContent = "正在载入索引…";
    loadMeta().then(function () { return rank(q); }).then(function (r) {
      if (my !== seq) return;
      current = { q: q, hits: r.hits, alts: [].concat.apply([], r.analysis.words.map(function (w) { return w.alts; })), shown: 0 };
      ui.list.textContent = "";
      return show(current, PAGE);
    }).catch(function (e) {
      if (my !== seq) return;
      ui.status.textContent = "搜索索引无法载入（" + e.message + "）";
      ui.box.setAttribute("data-state", "error");
    });
  }

  function show(c, upto) {
    var my = seq, slice = c.hits.slice(c.shown, upto);
    return Promise.all(slice.map(function (h) { return docRecord(h.doc); })).then(function (rows) {
      if (my !== seq || c !== current) return;
      rows.forEach(function (row, k) {
        var pol = meta.pol[row[0]], a = el("a", "bm-hit");
        var target = pageHref(String(pol[1]) + "#" + String(row[1]));
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
    rank: function (q) { return loadMeta().then(function () { return rank(q); }); },
    analyse: function (q) { return loadMeta().then(function () { return analyse(q); }); },
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", buildUI);
  else buildUI();
})();
