/* baomi handbook: copy an article's link (works on plain-http intranet pages too). */
(function () {
  "use strict";
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    var ta = document.createElement("textarea");
    ta.value = text;
    ta.setAttribute("readonly", "");
    ta.style.position = "fixed";
    ta.style.opacity = "0";
    document.body.appendChild(ta);
    ta.select();
    try { document.execCommand("copy"); } finally { document.body.removeChild(ta); }
    return Promise.resolve();
  }
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest("a.bm-copy");
    if (!a) return;
    ev.preventDefault();
    var u = new URL(a.getAttribute("href"), location.href);
    if (u.protocol !== location.protocol || u.host !== location.host) return;   // only this site's own anchors
    var url = u.href;
    history.replaceState(null, "", url);
    copy(url).then(function () {
      a.classList.add("bm-copied");
      setTimeout(function () { a.classList.remove("bm-copied"); }, 1500);
    });
  });
})();
