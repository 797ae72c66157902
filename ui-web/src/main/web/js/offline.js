// The offline screen (offline.html): waits for the kiosk service and then opens its page.
//
// A classic script, not an ES module like the rest of the page: the screen session opens
// offline.html from the disk, and Chromium refuses module scripts from file:// (their origin
// is "null"). It needs nothing of the service: it is shown because the service is not there.
//
// ?next= names the kiosk's page. Only the kiosk on this machine is accepted
// (http://127.0.0.1:PORT/... or http://localhost:PORT/...): any other value is ignored for the
// default, so the screen can never be sent elsewhere (no open redirect).
//
// The service's health is asked with a no-cors fetch: from file:// the answer is opaque, but
// that there is an answer at all (whatever its status) is what counts; a refused connection or
// a time-out rejects. So the kiosk needs no CORS header for this page.
(function () {
  'use strict';

  var DEFAULT_NEXT = 'http://127.0.0.1:8080/';
  var HEALTH_PATH = '/observe/health';
  var TIMEOUT_MS = 3000;
  var WAIT_MS = [1000, 2000, 3000, 5000, 8000, 10000]; // between attempts; the last one repeats

  /** The kiosk page to open: `raw` when it is the kiosk on this machine, else null. */
  function safeNext(raw) {
    if (typeof raw !== 'string' || raw === '' || raw.length > 2048) return null;
    var url;
    try {
      url = new URL(raw);
    } catch (e) {
      return null;
    }
    if (url.protocol !== 'http:') return null;
    if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') return null;
    if (url.username !== '' || url.password !== '') return null;
    return url.href;
  }

  function chosenNext() {
    var raw = new URLSearchParams(location.search).get('next');
    return safeNext(raw) || DEFAULT_NEXT;
  }

  var next = chosenNext();
  var health = new URL(HEALTH_PATH, next).href;
  var attempts = 0;
  var root = document.documentElement;
  root.dataset.next = next;

  function answers() {
    var ctrl = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = setTimeout(function () { if (ctrl) ctrl.abort(); }, TIMEOUT_MS);
    return fetch(health, {
      mode: 'no-cors', cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer',
      signal: ctrl ? ctrl.signal : undefined,
    }).then(function () { return true; }, function () { return false; })
      .then(function (ok) { clearTimeout(timer); return ok; });
  }

  function attempt() {
    attempts += 1;
    root.dataset.attempts = String(attempts);
    answers().then(function (ok) {
      if (ok) {
        root.dataset.state = 'opening';
        location.replace(next);
        return;
      }
      setTimeout(attempt, WAIT_MS[Math.min(attempts - 1, WAIT_MS.length - 1)]);
    });
  }

  // For the tests and a technician's console; changes nothing.
  window.jinbanOffline = Object.freeze({ safeNext: safeNext });

  // No context menu, no drag, no pinch: the same guards as the kiosk's page.
  document.addEventListener('contextmenu', function (e) { e.preventDefault(); });
  document.addEventListener('dragstart', function (e) { e.preventDefault(); });
  document.addEventListener('touchmove', function (e) {
    if (e.touches && e.touches.length > 1) e.preventDefault();
  }, { passive: false });

  attempt();
}());
