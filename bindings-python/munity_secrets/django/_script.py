"""The connect button's script (inline, self-contained, once per page; see docs/frontend.md).

A click on an element with ``data-munity-connector`` fetches ``<endpoint>?connector=<name>`` unless the
secret it holds still has more than ``data-munity-refresh-margin`` seconds to live, then calls
``window.connect(connector, secret, callback, {})``. The expiry is read on the page's clock corrected by the
answer's ``Date`` header (docs/frontend.md), so a page whose clock is off still refreshes in time. It dispatches (bubbling) ``munity:event`` for each
event of the flow, ``munity:done`` when the integration is ready and ``munity:error`` when it failed
(the detail is the error event, ``{type: "error", code, message, ...}``). A failed flow drops the held
secret, so the next click fetches a fresh one.
"""

BUTTON_SCRIPT = r"""(function () {
  'use strict';
  if (window.munityConnectButtons) return;
  var held = {};
  function failure(code, message) { return { type: 'error', status: 'error', code: code, message: message }; }
  function fresh(url, marginMs) {
    var h = held[url];
    if (h && h.lapse - Date.now() > marginMs) return Promise.resolve(h.secret);
    return fetch(url, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (!response.ok || typeof body.secret !== 'string') {
            throw failure(body.error || 'HTTP_' + response.status,
                          body.message || 'the secret endpoint answered HTTP ' + response.status);
          }
          // expiresAt is on the server's clock; the Date header says how far the page's clock is from it.
          var serverNow = Date.parse(response.headers.get('Date') || '');
          var skew = isNaN(serverNow) ? 0 : Date.now() - serverNow;
          held[url] = { secret: body.secret, lapse: Date.parse(body.expiresAt) + skew };
          return body.secret;
        });
      });
  }
  function emit(button, name, detail) {
    button.dispatchEvent(new CustomEvent(name, { detail: detail, bubbles: true }));
  }
  function run(button) {
    var connector = button.getAttribute('data-munity-connector');
    var endpoint = button.getAttribute('data-munity-endpoint');
    var url = endpoint + (endpoint.indexOf('?') < 0 ? '?' : '&') + 'connector=' + encodeURIComponent(connector);
    var marginMs = Number(button.getAttribute('data-munity-refresh-margin')) * 1000;
    button.disabled = true;
    return fresh(url, marginMs).then(function (secret) {
      if (typeof window.connect !== 'function') throw failure('NO_SDK', 'connect() is not loaded on this page');
      return window.connect(connector, secret, function (event) { emit(button, 'munity:event', event); }, {});
    }).then(function (ready) {
      emit(button, 'munity:done', ready);
    }, function (error) {
      delete held[url];
      if (!error || error.type !== 'error') error = failure('NETWORK_ERROR', String(error && error.message || error));
      emit(button, 'munity:error', error);
    }).then(function () { button.disabled = false; });
  }
  document.addEventListener('click', function (event) {
    var button = event.target && event.target.closest && event.target.closest('[data-munity-connector]');
    if (button) run(button);
  });
  window.munityConnectButtons = { run: run, fresh: fresh };
})();"""
