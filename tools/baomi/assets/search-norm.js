/*
 * baomi handbook search, part 1 of 4: normalisation (no DOM, no network).
 *
 * The twin of tools/baomi/site/textnorm.py (fold, units, runs, tokens, shard hash) and of the
 * label tokens of search_index.py (第十三条 → §13). Both sides are checked against the same
 * golden vectors, tests/search_golden.json (Python: tests/test_search_golden.py; this file:
 * node, tests/test_search_golden_js.py). Loadable in the browser (BaomiSearch.norm) and in node.
 */
(function (root, factory) {
  var norm = factory();
  if (typeof module === "object" && module.exports) module.exports = norm;
  else (root.BaomiSearch = root.BaomiSearch || {}).norm = norm;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var UNIT = "[a-z0-9]+|[\\u3007\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}]";
  var HAN_RE = /^[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]$/;
  var DIGITS = { "零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                 "六": 6, "七": 7, "八": 8, "九": 9 };
  var UNITS = { "十": 10, "百": 100, "千": 1000 };
  var LABEL_RE = /^第([零〇○一二三四五六七八九两十百千万]+|[0-9]+)条$/;

  // NFKC and lower case, then the index's Traditional→Simplified map (tmap: Map, optional)
  function fold(s, tmap) {
    s = String(s).normalize("NFKC").toLowerCase();
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

  // [first unit, token, lone] for each token of a string (a run of one unit is its own token)
  function tokens(s) {
    var out = [];
    runs(s).forEach(function (r) {
      if (r.length === 1) out.push([r[0], r[0], true]);
      for (var k = 0; k + 1 < r.length; k++) out.push([r[k], r[k] + r[k + 1], false]);
    });
    return out;
  }

  function fnv(s) {
    var h = 0x811c9dc5;
    for (var c of s) { h ^= c.codePointAt(0); h = Math.imul(h, 0x01000193) >>> 0; }
    return h;
  }

  // Chinese numerals as baomi.numerals.parse_chinese reads them (一十, 两, 〇 included)
  function parseChinese(t) {
    if (/^[0-9]+$/.test(t)) return parseInt(t, 10);
    var total = 0, section = 0, digit = null;
    for (var c of t) {
      if (c in DIGITS) { if (digit !== null && digit !== 0) return null; digit = DIGITS[c]; }
      else if (c in UNITS) { section += (digit === null ? 1 : digit) * UNITS[c]; digit = null; }
      else if (c === "万") { total += (section + (digit || 0)) * 10000; section = 0; digit = null; }
      else return null;
    }
    return total + section + (digit || 0);
  }

  // the posting key of an article label, or null: 第十三条 → §13
  function labelToken(label) {
    var m = LABEL_RE.exec(label || "");
    if (!m) return null;
    var n = parseChinese(m[1]);
    return n ? "§" + n : null;
  }

  return { fold: fold, runs: runs, tokens: tokens, fnv: fnv, parseChinese: parseChinese,
           labelToken: labelToken, isHan: function (c) { return HAN_RE.test(c); } };
});
