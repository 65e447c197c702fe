/*
 * baomi handbook search, part 3 of 4: query understanding and ranking.
 *
 * A query becomes
 * - exact lookups: 第十三条 (the articles so labelled, never 第五十三条), 《…》 (a policy title),
 *   BM-05 (a policy id);
 * - words, each a list of alternative strings with a weight: the query is segmented with the
 *   index's own vocabulary, longest known word first; function words and question frames
 *   (schemas/search.yaml function_words) are dropped; intent words (丢, 坏, 带) become their
 *   expansions, ranked below exact terms, with optional words (报告) that only add; unknown
 *   single characters are dropped (never glued to a neighbour) after one-character corrections
 *   (same reading or similar shape) were tried against the vocabulary.
 * Ranking: articles holding every required word first, then rarer words, phrase, frequency.
 */
(function () {
  "use strict";
  var BS = (window.BaomiSearch = window.BaomiSearch || {});
  var N = BS.norm, L = BS.load, ix = L.index;
  var MAX_WORD = 8;
  var MAX_ALTS = 6;
  var SPLIT = /[\s,，。；;、:：!?！？"“”'‘’()（）《》〈〉【】\[\]…]+/;
  var REF_RE = /第([零〇○一二三四五六七八九两十百千万]+|[0-9]+)条/g;
  var PID_RE = /\bbm-?(\d{1,4})\b/g;
  var TITLE_RE = /《([^》]+)》/g;

  function known(w) { return ix.vocab.has(w) || ix.fw.has(w) || ix.intents.has(w); }

  // forward maximum matching: [{t, kind: word|fw|intent|lone}]
  function segment(units) {
    var segs = [], k = 0;
    while (k < units.length) {
      var found = 0;
      for (var n = Math.min(MAX_WORD, units.length - k); n >= 1; n--) {
        var t = units.slice(k, k + n).join("");
        if (n === 1 && !known(t)) break;
        if (known(t)) { found = n; break; }
      }
      if (!found) { segs.push({ t: units[k], kind: N.isHan(units[k]) ? "lone" : "word" }); k++; continue; }
      var w = units.slice(k, k + found).join("");
      var kind = ix.vocab.has(w) ? "word" : ix.intents.has(w) ? "intent" : "fw";
      // a function word that is also an intent (要 / 带) is an intent; intents beat words of one unit
      if (ix.intents.has(w) && (kind === "fw" || found === 1)) kind = "intent";
      if (ix.fw.has(w) && found > 1 && !ix.intents.has(w)) kind = "fw";
      segs.push({ t: w, kind: kind });
      k += found;
    }
    return segs;
  }

  // one wrong character: a window around unknown characters that becomes a vocabulary word when
  // one of its unknown characters is replaced by a character of the same reading or shape
  function correct(units, segs, fz) {
    var lone = [], pos = 0;
    segs.forEach(function (s) {
      var n = Array.from(s.t).length;
      for (var j = 0; j < n; j++) lone.push(s.kind === "lone");
      pos += n;
    });
    var best = null;
    for (var s = 0; s < units.length; s++) {
      for (var e = Math.min(units.length, s + MAX_WORD); e >= s + 2; e--) {
        var allLone = true, anyLone = false;
        for (var j = s; j < e; j++) { if (lone[j]) anyLone = true; else allLone = false; }
        if (!anyLone || (e - s < 3 && !allLone)) continue;
        for (var i = s; i < e; i++) {
          if (!lone[i]) continue;
          fz.candidates(units[i]).forEach(function (c) {
            var w = units.slice(s, i).join("") + c + units.slice(i + 1, e).join("");
            if (!ix.vocab.has(w)) return;
            var len = e - s, r = ix.rankOf.has(w) ? ix.rankOf.get(w) : 1e9;
            if (!best || len > best.len || (len === best.len && r < best.r)) best = { at: i, c: c, len: len, r: r, w: w };
          });
        }
      }
    }
    if (!best) return null;
    var fixed = units.slice();
    fixed[best.at] = best.c;
    return { units: fixed, word: best.w };
  }

  function expand(s, weight) {
    var alts = [s];
    (ix.syn.get(s) || []).forEach(function (g) {
      g.forEach(function (t) { if (alts.indexOf(t) < 0) alts.push(t); });
    });
    return { text: s, alts: alts, weight: weight === undefined ? 1 : weight };
  }

  function analyse(q) {
    q = N.fold(q, ix.tmap);
    var a = { words: [], phrases: [], labels: [], pids: [], titles: [], corrected: [] };
    q = q.replace(TITLE_RE, function (m, t) { a.titles.push(t.trim()); return " "; });
    q = q.replace(REF_RE, function (m) { var t = N.labelToken(m); if (t) a.labels.push(t); return " "; });
    // a policy id (BM-05, bm5) or a lint rule code (BM201): either spelling, with or without the dash
    q = q.replace(PID_RE, function (m, d) {
      var p = d.length < 2 ? "0" + d : d;
      a.pids.push(["bm-" + p, "bm" + p]);
      return " ";
    });
    var pending = [], latin = [];
    q.split(SPLIT).forEach(function (part) {
      N.runs(part).forEach(function (r) {
        if (r.length === 1 && /^[a-z]+$/.test(r[0]) && !ix.vocab.has(r[0])) latin.push(r[0]);
        else pending.push(r);
      });
    });
    var needFuzzy = pending.some(function (r) {
      return segment(r).some(function (s) { return s.kind === "lone"; });
    });
    return Promise.all([
      latin.length ? L.loadPinyin() : null,
      needFuzzy ? L.loadFuzzy().catch(function () { return null; }) : null,
    ]).then(function (loaded) {
      var fz = loaded[1];
      latin.forEach(function (s) { pinyinWords(s).forEach(function (w) { a.words.push(w); }); });
      pending.forEach(function (r) { addRun(a, r, fz); });
      // a query of nothing but function words or unknown characters: search them as typed
      if (!a.words.length && !a.labels.length && !a.pids.length && !a.titles.length) {
        pending.forEach(function (r) { a.words.push(expand(r.join(""))); });
      }
      return a;
    });
  }

  function addRun(a, units, fz) {
    var segs = segment(units), fixed = false;
    for (var round = 0; fz && round < 2 && segs.some(function (s) { return s.kind === "lone"; }); round++) {
      var c = correct(units, segs, fz);
      if (!c) break;
      units = c.units; segs = segment(units); fixed = true;
    }
    if (fixed) a.corrected.push(units.join(""));   // shown as 已按‘脱密期’搜索
    var exact = [], typed = [];
    // the stretch as typed (words and the unknown characters between them, 保密审查单): an
    // article that holds it verbatim earns the phrase bonus even when a character was dropped
    function endTyped() {
      var t = typed.join("");
      if (typed.length > 1 && Array.from(t).length >= 3 && a.phrases.indexOf(t) < 0) a.phrases.push(t);
      typed = [];
    }
    segs.forEach(function (s) {
      if (s.kind === "word" || s.kind === "lone") typed.push(s.t); else endTyped();
      if (s.kind === "lone") return;
      if (s.kind === "word") { a.words.push(expand(s.t)); exact.push(s.t); return; }
      if (exact.length > 1) a.phrases.push(exact.join(""));
      exact = [];
      if (s.kind === "intent") {
        var it = ix.intents.get(s.t), w = { text: s.t, alts: [], weight: 0.85, intent: true, order: [] };
        it[0].forEach(function (t, k) {
          expand(t).alts.forEach(function (x) { if (w.alts.indexOf(x) < 0) { w.alts.push(x); w.order.push(k); } });
        });
        if (w.alts.length) a.words.push(w);
        it[1].forEach(function (t) { a.words.push({ text: t, alts: [t], weight: 0.2, optional: true }); });
      }
    });
    if (exact.length > 1 && a.phrases.indexOf(exact.join("")) < 0) a.phrases.push(exact.join(""));
    endTyped();
  }

  // pinyin: whole-word full pinyin or initials, else a segmentation into full-pinyin words
  function pinyinWords(s) {
    var direct = lookupPinyin(s);
    if (direct.length) return [{ text: s, alts: ix.vocab.has(s) ? direct.concat([s]) : direct, weight: 1 }];
    var best = splitPinyin(s);
    if (best) return best.map(function (p) { return { text: p, alts: lookupPinyin(p), weight: 1 }; });
    if (s.length >= 3) {
      var pre = [];
      ix.pyFull.forEach(function (ws, key) {
        if (pre.length < 8 && key.lastIndexOf(s, 0) === 0) ws.forEach(function (w) { pre.push(w); });
      });
      if (pre.length) return [{ text: s, alts: pre.concat([s]), weight: 1 }];
    }
    return [expand(s)];
  }

  function lookupPinyin(s) {
    var out = [];
    (ix.pyFull.get(s) || []).concat(ix.pyIni.get(s) || []).forEach(function (w) {
      if (out.indexOf(w) < 0 && out.length < 12) out.push(w);
    });
    return out;
  }

  function splitPinyin(s) {
    var best = [[]];
    for (var k = 1; k <= s.length; k++) {
      best[k] = null;
      for (var j = Math.max(0, k - 40); j < k; j++) {
        if (best[j] && ix.pyKeys.has(s.slice(j, k)) && (!best[k] || best[j].length + 1 < best[k].length)) {
          best[k] = best[j].concat([s.slice(j, k)]);
        }
      }
    }
    return best[s.length] && best[s.length].length > 1 ? best[s.length] : null;
  }

  // doc → {cov, tf} for one string: share of its tokens present, and the rarest token's count
  // Tokens of very many articles (meta.json "common": 保密, 涉密 at 2,000 policies) are not fetched
  // when the string has two rarer ones (or, made only of common tokens, beyond its two rarest): an
  // article holding all the fetched tokens counts as holding them too (full coverage), any other
  // article is scored as if it lacked them. Small sites have no common tokens.
  function matchString(s) {
    var all = N.tokens(s);
    if (!all.length) return Promise.resolve(new Map());
    var toks = all.filter(function (t) { return t[2] || !ix.common.has(t[1]); });
    var rest = all.filter(function (t) { return toks.indexOf(t) < 0; })
      .sort(function (x, y) { return ix.common.get(x[1]) - ix.common.get(y[1]); });
    while (toks.length < Math.min(2, all.length) && rest.length) toks.push(rest.shift());
    var skipped = all.length - toks.length;
    return Promise.all(toks.map(function (t) { return L.postings(t[0], t[1], t[2]); })).then(function (ps) {
      var count = new Map(), tf = new Map();
      ps.forEach(function (p) {
        for (var k = 0; k < p.docs.length; k++) {
          var d = p.docs[k];
          count.set(d, (count.get(d) || 0) + 1);
          var old = tf.get(d);
          tf.set(d, old === undefined ? p.tfs[k] : Math.min(old, p.tfs[k]));
        }
      });
      var out = new Map(), n = all.length;
      count.forEach(function (c, d) {
        var cov = c === toks.length ? 1 : c / n;
        if (cov === 1 || (n >= 2 && cov >= 0.5)) out.set(d, { cov: cov === 1 ? 1 : cov * 0.6, tf: tf.get(d) });
      });
      return out;
    });
  }

  function matchWord(w) {
    var nots = [];
    w.alts.forEach(function (a) { (ix.not[a] || []).forEach(function (x) { if (nots.indexOf(x) < 0) nots.push(x); }); });
    // terms of the synonym groups that no article uses are never fetched
    // and at most MAX_ALTS of the others are (each costs the shards of its tokens)
    var present = 0;
    var search = w.alts.map(function (a) { return ix.absent.has(a) || ++present > MAX_ALTS ? null : a; });
    if (w.optional && w.alts.every(function (a) {
      return N.tokens(a).every(function (t) { return !t[2] && ix.common.has(t[1]); });
    })) return Promise.resolve(new Map());
    return Promise.all([
      Promise.all(search.map(function (a) { return a ? matchString(a) : Promise.resolve(new Map()); })),
      Promise.all(nots.map(matchString)),
      // the title: the first term that articles use (not every synonym: that would cost a fetch each)
      w.optional || !search.some(Boolean) ? Promise.resolve([]) : Promise.all([L.titlePolicies(search.filter(Boolean)[0])]),
    ]).then(function (r) {
      var maps = r[0], out = new Map(), excluded = new Set();
      r[1].forEach(function (m) { m.forEach(function (v, d) { if (v.cov === 1) excluded.add(d); }); });
      maps.forEach(function (m, k) {
        m.forEach(function (v, d) {
          if (k > 0 || w.intent) v = { cov: v.cov * 0.9, tf: v.tf };   // a synonym, reading or intent
          // an intent's later expansions (出差 → 外出, then 出境) rank a little below its first
          if (w.intent && w.order[k]) v = { cov: v.cov * (1 - 0.04 * Math.min(w.order[k], 3)), tf: v.tf };
          if (excluded.has(d) && ix.not[w.alts[k]]) v = { cov: v.cov * 0.3, tf: v.tf };
          var o = out.get(d);
          if (!o || v.cov > o.cov || (v.cov === o.cov && v.tf > o.tf)) out.set(d, v);
        });
      });
      // a word in the policy title counts half for every article of that policy
      var pols = new Set();
      r[2].forEach(function (ps) { ps.forEach(function (p) { pols.add(p); }); });
      pols.forEach(function (p) {
        var range = L.policyRange(p);
        for (var d = range[0]; d < range[1]; d++) {
          var o = out.get(d);
          if (!o) out.set(d, { cov: 0.5, tf: 0, title: true });
          else if (!o.title) out.set(d, { cov: Math.min(1, o.cov + 0.5), tf: o.tf, title: true });
        }
      });
      return out;
    });
  }

  // the set of articles an exact lookup allows (null: no lookup in the query)
  function allowed(a) {
    var parts = a.labels.map(function (t) { return L.fetchToken(t).then(function (p) { return new Set(p.docs); }); });
    a.pids.forEach(function (alts) {
      parts.push(Promise.all(alts.map(function (pid) { return L.fetchToken("#" + pid); })).then(function (ps) {
        var s = new Set();
        ps.forEach(function (p) { p.docs.forEach(function (d) { s.add(d); }); });
        return s;
      }));
    });
    a.titles.forEach(function (t) {
      parts.push(L.titlePolicies(t).then(function (ps) {
        var s = new Set();
        ps.forEach(function (k) { var r = L.policyRange(k); for (var d = r[0]; d < r[1]; d++) s.add(d); });
        return s;
      }));
    });
    if (!parts.length) return Promise.resolve(null);
    return Promise.all(parts).then(function (sets) {
      return sets.reduce(function (x, y) { return new Set(Array.from(x).filter(function (d) { return y.has(d); })); });
    });
  }

  function rank(q) {
    return analyse(q).then(function (a) {
      if (!a.words.length && !a.labels.length && !a.pids.length && !a.titles.length) {
        return { hits: [], analysis: a };
      }
      return Promise.all([
        Promise.all(a.words.map(matchWord)),
        Promise.all(a.phrases.map(matchString)),
        allowed(a),
      ]).then(function (r) { return firstPage(score(a, r[0], r[1], r[2])); })
        .then(function (hits) { return { hits: hits, analysis: a }; });
    });
  }

  function score(a, wordMaps, phraseMaps, only) {
    var N_ = ix.meta.n;
    var total = new Map(), bm = new Map(), bmMax = 0;
    var idfs = wordMaps.map(function (m) {
      var df = 0;
      m.forEach(function (v) { if (v.cov >= 0.9) df++; });
      return Math.log(1 + (N_ - df + 0.5) / (df + 0.5));
    });
    var idfMax = Math.max.apply(null, idfs.concat([1e-9]));
    if (only) only.forEach(function (d) { total.set(d, 0); });
    wordMaps.forEach(function (m, w) {
      var idf = idfs[w], wt = a.words[w].weight;
      m.forEach(function (v, d) {
        if (only && !only.has(d)) return;
        total.set(d, (total.get(d) || 0) + wt * (1000 * v.cov + 100 * v.cov * idf / idfMax + (v.title ? 40 : 0)));
        if (v.tf) {
          // BM25 as if every article were of average length; firstPage corrects the first page
          var b = (bm.get(d) || 0) + wt * idf * v.cov * bm25(v.tf, 1);
          bm.set(d, b);
        }
      });
    });
    phraseMaps.forEach(function (m) {
      m.forEach(function (v, d) { if (v.cov === 1 && total.has(d)) total.set(d, total.get(d) + 30); });
    });
    // frequency and length order the articles of the leading tier: normalised by the best of that
    // tier, so that a synonym's many hits in unrelated articles do not flatten the differences there
    var best = -Infinity;
    total.forEach(function (s) { if (s > best) best = s; });
    bmMax = 0;
    total.forEach(function (s, d) { if (s >= best - 100 && (bm.get(d) || 0) > bmMax) bmMax = bm.get(d); });
    var hits = [];
    total.forEach(function (s, d) {
      hits.push({ doc: d, base: s, score: s + (bmMax ? 20 * Math.min(1, (bm.get(d) || 0) / bmMax) : 0) });
    });
    hits.sort(byScore);
    // what firstPage needs to recompute the frequency part of a few articles
    hits.parts = { maps: wordMaps, idfs: idfs, words: a.words, bmMax: bmMax, only: only };
    return hits;
  }

  function byScore(x, y) { return y.score - x.score || x.doc - y.doc; }

  // term frequency saturation with length normalisation (rel: article length / average)
  function bm25(tf, rel) { return tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * rel)); }

  // the articles' lengths are not in meta.json: the first page (whose article shards are fetched
  // to show it anyway) is re-ordered with the real lengths of its articles
  var FIRST_PAGE = 10;
  function firstPage(hits) {
    var top = hits.slice(0, FIRST_PAGE), avg = ix.meta.avg || 1;
    if (top.length < 2) return Promise.resolve(hits);
    return Promise.all(top.map(function (h) { return L.docRecord(h.doc); })).then(function (recs) {
      var P = hits.parts;
      var bs = top.map(function (h, k) {
        var rel = Array.from(N.fold(String(recs[k].row[3]), ix.tmap)).length / avg, b = 0;
        P.maps.forEach(function (m, w) {
          var v = m.get(h.doc);
          if (v && v.tf) b += P.words[w].weight * P.idfs[w] * v.cov * bm25(v.tf, rel);
        });
        return b;
      });
      var norm = Math.max.apply(null, bs.concat([P.bmMax]));
      top.forEach(function (h, k) { h.score = h.base + (norm ? 20 * bs[k] / norm : 0); });
      top.sort(byScore);
      return top.concat(hits.slice(FIRST_PAGE));
    });
  }

  BS.rank = { analyse: analyse, rank: rank, segment: segment };
})();
