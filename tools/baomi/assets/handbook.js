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

/* The table of contents follows the chapter being read: Material marks a heading as passed when
   it reaches the header, and every heading once the page is scrolled to its end. On a policy page
   whose last chapters are short, the end came before they reached the header, and the highlight
   jumped to the last chapter. A spacer after the content lets the last heading reach the header. */
(function () {
  "use strict";
  function pad() {
    var inner = document.querySelector(".md-content__inner");
    var toc = document.querySelector(".md-sidebar--secondary .md-nav__link");
    if (!inner || !toc) return;
    var heads = inner.querySelectorAll("h2[id], h3[id]");
    if (!heads.length) return;
    var spacer = inner.querySelector(":scope > .bm-toc-pad");
    if (!spacer) {
      spacer = document.createElement("div");
      spacer.className = "bm-toc-pad";
      spacer.setAttribute("aria-hidden", "true");
      inner.appendChild(spacer);
    }
    spacer.style.height = "0px";
    var header = document.querySelector(".md-header");
    var top = header ? header.getBoundingClientRect().height : 0;
    var last = heads[heads.length - 1].getBoundingClientRect().top + window.scrollY;
    var end = document.documentElement.scrollHeight;
    var need = Math.ceil(last - top + window.innerHeight + 24 - end);
    spacer.style.height = Math.max(0, need) + "px";
  }
  var timer = null;
  function later() { clearTimeout(timer); timer = setTimeout(pad, 50); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", pad);
  else pad();
  window.addEventListener("load", pad);
  window.addEventListener("resize", later);
})();
