/*
 * baomi handbook search, part 2 of 4: loading the prebuilt index (search/ of the site).
 *
 * Nothing is fetched until the search box is focused; then meta.json, and for each query only
 * the posting shards of its tokens, the article shards of the results shown (their lengths
 * order the first page), py.json (the vocabulary's pinyin) only for a query in Latin letters,
 * and fz.json (the readings for one-character corrections) only when a query has an unknown
 * character.
 * Layout: tools/baomi/site/search_index.py.
 */
(function () {
  "use strict";
  var BS = (window.BaomiSearch = window.BaomiSearch || {});
  var N = BS.norm;

  var ALPHA = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIGIT = {};
  for (var i = 0; i < ALPHA.length; i++) DIGIT[ALPHA.charAt(i)] = i;

  var script = document.currentScript;
  var root = new URL("../../", script ? script.src : location.href);
  var base = new URL("search/", root);

  var ix = { meta: null, root: root };
  var metaPromise = null, fzPromise = null, pyPromise = null, shards = { p: {}, d: {}, f: {} }, postingCache = {};

  function getJSON(url) {
    return fetch(url, { cache: "no-cache" }).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + url);
      return r.json();
    });
  }

  function add(map, key, value) {
    if (!key) return;
    var l = map.get(key);
    if (!l) map.set(key, (l = []));
    if (l.indexOf(value) < 0) l.push(value);
  }

  function loadMeta() {
    if (!metaPromise) {
      metaPromise = getJSON(new URL("meta.json", base)).then(function (m) {
        var words = m.w ? m.w.split("|") : [];
        ix.words = words;
        ix.vocab = new Set(words);
        ix.rankOf = new Map();
        ix.pyFull = new Map(); ix.pyIni = new Map(); ix.pyKeys = new Set();
        words.forEach(function (w, k) { ix.rankOf.set(w, k); });
        m.pst = starts(m.pst || "");
        ix.tmap = new Map();
        var from = Array.from(m.tf || ""), to = Array.from(m.tt || "");
        from.forEach(function (c, k) { ix.tmap.set(c, to[k]); });
        ix.syn = new Map();
        (m.syn || []).forEach(function (g) {
          g.forEach(function (t) { add(ix.syn, t, g); ix.vocab.add(t); });
        });
        ix.fw = new Set(m.fw || []);
        ix.intents = new Map(Object.keys(m.it || {}).map(function (k) { return [k, m.it[k]]; }));
        ix.not = m.not || {};
        ix.absent = new Set(m.absent || []);
        ix.common = new Map((m.common || []).map(function (t, k) { return [t, k]; }));   // rarest first
        ix.vocabChars = new Set();
        ix.vocab.forEach(function (w) { for (var c of w) ix.vocabChars.add(c); });
        ix.meta = m;
        return ix;
      });
      metaPromise.catch(function () { metaPromise = null; });
    }
    return metaPromise;
  }

  // the first article of each policy, gap-coded like the postings
  function starts(s) {
    if (typeof s !== "string") return s;
    var out = [], v = 0, shift = 0, acc = 0;
    for (var k = 0; k < s.length; k++) {
      var d = DIGIT[s.charAt(k)];
      if (d >= 32) { v += (d - 32) * Math.pow(2, shift); shift += 5; }
      else { acc += v + d * Math.pow(2, shift); out.push(acc); v = 0; shift = 0; }
    }
    return out;
  }

  // py.json → full pinyin and initials of the vocabulary; only a query in Latin letters needs it
  function loadPinyin() {
    if (!pyPromise) {
      pyPromise = getJSON(new URL("py.json?v=" + ix.meta.id, base)).then(function (p) {
        var full = p.py ? p.py.split("|") : [], ini = p.ini ? p.ini.split("|") : [];
        ix.words.forEach(function (w, k) {
          add(ix.pyFull, full[k], w); add(ix.pyIni, ini[k], w);
          if (full[k]) ix.pyKeys.add(full[k]);
        });
        return ix;
      });
      pyPromise.catch(function () { pyPromise = null; });
    }
    return pyPromise;
  }

  // fz.json → reading of a character, characters of a reading (vocabulary only), shape groups
  function loadFuzzy() {
    if (!fzPromise) {
      fzPromise = getJSON(new URL("fz.json?v=" + ix.meta.id, base)).then(function (f) {
        var readingsOf = new Map(), sameReading = new Map(), shapes = new Map();
        Object.keys(f.r || {}).forEach(function (r) {
          var cs = Array.from(f.r[r]);
          var known = cs.filter(function (c) { return ix.vocabChars.has(c); });
          cs.forEach(function (c) { add(readingsOf, c, r); });
          sameReading.set(r, known);
        });
        (f.s || []).forEach(function (g) {
          var cs = Array.from(g);
          cs.forEach(function (c) { cs.forEach(function (d) { if (d !== c) add(shapes, c, d); }); });
        });
        return {
          candidates: function (c) {
            var out = [];
            (readingsOf.get(c) || []).forEach(function (r) {
              (sameReading.get(r) || []).forEach(function (d) { if (d !== c && out.indexOf(d) < 0) out.push(d); });
            });
            (shapes.get(c) || []).forEach(function (d) { if (out.indexOf(d) < 0) out.push(d); });
            return out;
          },
        };
      });
      fzPromise.catch(function () { fzPromise = null; });
    }
    return fzPromise;
  }

  function shard(kind, n) {
    var cache = shards[kind];
    if (!cache[n]) {
      cache[n] = getJSON(new URL(kind + "/" + n + ".json?v=" + ix.meta.id, base));
      cache[n].catch(function () { delete cache[n]; });
    }
    return cache[n];
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

  function fetchToken(tok) {
    if (postingCache[tok]) return Promise.resolve(postingCache[tok]);
    return shard("p", N.fnv(tok) % ix.meta.ps).then(function (sh) {
      var res = sh[tok] ? decode(sh[tok]) : { docs: [], tfs: [] };
      postingCache[tok] = res;
      return res;
    });
  }

  // postings of one token; a lone unit means every token that starts with it (its most
  // frequent ones, listed in f/)
  function postings(first, tok, lone) {
    if (!lone) return fetchToken(tok);
    var key = "*" + tok;
    if (postingCache[key]) return Promise.resolve(postingCache[key]);
    return shard("f", N.fnv(first) % ix.meta.fs).then(function (fs) {
      var ascii = /^[a-z0-9]/.test(first);
      var toks = (fs[first] || []).filter(function (k) {
        return !(ascii && k.length > first.length && /[a-z0-9]/.test(k.charAt(first.length)));
      });
      return Promise.all(toks.map(fetchToken));
    }).then(function (ps) {
      var acc = new Map();
      ps.forEach(function (p) { p.docs.forEach(function (d, n) { acc.set(d, (acc.get(d) || 0) + p.tfs[n]); }); });
      var docs = Array.from(acc.keys()).sort(function (a, b) { return a - b; });
      var res = { docs: docs, tfs: docs.map(function (d) { return acc.get(d); }) };
      postingCache[key] = res;
      return res;
    });
  }

  // policies whose title holds every token of s (s folded)
  function titlePolicies(s) {
    var toks = N.tokens(s);
    if (!toks.length || (toks.length === 1 && toks[0][2])) return Promise.resolve([]);
    return Promise.all(toks.map(function (t) { return fetchToken("^" + t[1]); })).then(function (ps) {
      var count = new Map();
      ps.forEach(function (p) { p.docs.forEach(function (d) { count.set(d, (count.get(d) || 0) + 1); }); });
      var out = [];
      count.forEach(function (c, p) { if (c === toks.length) out.push(p); });
      return out.sort(function (a, b) { return a - b; });
    });
  }

  function policyRange(p) {
    var st = ix.meta.pst;
    return [st[p], p + 1 < st.length ? st[p + 1] : ix.meta.n];
  }

  // {row: [policy, anchor, label, text], title, url} of one article
  function docRecord(d) {
    var n = Math.floor(d / ix.meta.dn);
    return shard("d", n).then(function (sh) {
      var row = sh.r[d - n * ix.meta.dn], pol = sh.p[row[0]] || ["", ""];
      return { row: row, title: pol[0], url: pol[1] };
    });
  }


  BS.load = { index: ix, loadMeta: loadMeta, loadFuzzy: loadFuzzy, postings: postings,
              fetchToken: fetchToken, titlePolicies: titlePolicies, policyRange: policyRange,
              docRecord: docRecord, loadPinyin: loadPinyin, decode: decode };
})();
