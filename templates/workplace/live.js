/* global document, window, EventSource */
// Live updates (progressive enhancement): the page works without this script. When the ticket or the queue
// changes, a notice with a reload link appears in a live region; typed text is never thrown away.
(function () {
  var main = document.getElementById('inhalt');
  var source = main && main.getAttribute('data-live');
  if (!source || typeof EventSource === 'undefined') return;
  var region = document.getElementById('live-hinweis');
  var events = new EventSource(source);
  events.addEventListener('geaendert', function (event) {
    var data = {};
    try { data = JSON.parse(event.data); } catch { data = {}; }
    region.textContent = '';
    var text = document.createElement('span');
    text.textContent = (data.text || 'Es gibt Änderungen.') + ' ';
    var link = document.createElement('a');
    link.href = window.location.pathname + window.location.search;
    link.textContent = 'Seite neu laden';
    region.appendChild(text);
    region.appendChild(link);
    region.hidden = false;
    events.close();
  });
})();
