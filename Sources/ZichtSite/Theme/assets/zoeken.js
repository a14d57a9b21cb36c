// Zicht search: progressive enhancement. Without JavaScript the search page shows the table of
// contents; with it, the form filters a static index (zoekindex.json) in the browser. No requests
// leave the site.
(function () {
  "use strict";
  var form = document.getElementById("zoekformulier");
  if (!form) { return; }
  var input = document.getElementById("zoekterm");
  var status = document.getElementById("zoekstatus");
  var list = document.getElementById("zoekresultaten");
  var fallback = document.getElementById("zoeken-zonder-js");
  var root = form.getAttribute("data-root") || "";
  var index = null;
  form.hidden = false;
  if (fallback) { fallback.hidden = true; }

  function load(done) {
    if (index) { done(); return; }
    fetch(root + "zoekindex.json").then(function (r) { return r.json(); }).then(function (data) {
      index = data; done();
    }).catch(function () { status.textContent = "De zoekindex kon niet worden geladen."; });
  }

  function search(query) {
    var words = query.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
    list.textContent = "";
    if (words.length === 0) { status.textContent = ""; return; }
    var hits = index.filter(function (entry) {
      var text = entry.t.toLowerCase() + " " + entry.x;
      return words.every(function (w) { return text.indexOf(w) !== -1; });
    });
    status.textContent = hits.length === 1 ? "1 pagina gevonden." : hits.length + " pagina's gevonden.";
    hits.slice(0, 50).forEach(function (entry) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + entry.p;
      a.textContent = entry.t;
      li.appendChild(a);
      if (entry.s) { var p = document.createElement("p"); p.textContent = entry.s; li.appendChild(p); }
      list.appendChild(li);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = input.value;
    history.replaceState(null, "", "?q=" + encodeURIComponent(query));
    load(function () { search(query); });
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { input.value = initial; load(function () { search(initial); }); }
})();
