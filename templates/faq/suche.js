/* global document, window */
/* Client-side search of the exported FAQ (plain JavaScript, no library): every word of the query must occur
 * in a section's title, text or document title (case, umlauts and ß folded). Without JavaScript the search
 * form stays hidden and the pages work as plain documents. */
(function () {
  'use strict';
  var index = window.FAQ_SUCHINDEX || [];
  var form = document.querySelector('form.suche');
  var field = document.getElementById('suchfeld');
  var out = document.getElementById('suchergebnisse');
  if (!form || !field || !out) return;
  form.hidden = false;

  function fold(s) {
    return s.toLowerCase().replace(/ä/g, 'a').replace(/ö/g, 'o').replace(/ü/g, 'u').replace(/ß/g, 'ss').replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u');
  }
  var folded = index.map(function (e) { return fold(e.d + ' ' + e.t + ' ' + e.x); });

  function show(query) {
    var words = fold(query).split(/[^a-z0-9]+/).filter(function (w) { return w.length > 1; });
    out.textContent = '';
    if (words.length === 0) return;
    var hits = [];
    for (var i = 0; i < index.length && hits.length < 20; i++) {
      if (words.every(function (w) { return folded[i].indexOf(w) !== -1; })) hits.push(index[i]);
    }
    var heading = document.createElement('h2');
    heading.textContent = hits.length === 0 ? 'Keine Treffer für „' + query + '“' : hits.length + (hits.length === 1 ? ' Treffer' : ' Treffer') + ' für „' + query + '“';
    out.appendChild(heading);
    var list = document.createElement('ul');
    hits.forEach(function (h) {
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = h.u;
      link.textContent = h.t;
      item.appendChild(link);
      item.appendChild(document.createTextNode(' (' + h.d + ')'));
      list.appendChild(item);
    });
    if (hits.length > 0) out.appendChild(list);
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    show(field.value);
  });
  var q = new URLSearchParams(window.location.search).get('q');
  if (q) {
    field.value = q;
    show(q);
  }
})();
