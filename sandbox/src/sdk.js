/*
 * munity-secrets sandbox: the browser side of the local stand-in of Munity's connect service.
 *
 *   <script src="http://127.0.0.1:8787/sdk.js"></script>
 *   connect('jira', secret, (event) => console.log(event.type, event.message))
 *     .then((ready) => ...)            // true once the integration is ready (after IMPORT_DONE)
 *     .catch((error) => ...);          // {type: 'error', status: 'error', message, code, kind}
 *
 * The callback gets every event as {type, status, message, ...} (type and status hold the same value).
 * For development only: it talks to the sandbox this script was loaded from.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  var SANDBOX_URL = new URL(script && script.src ? script.src : window.location.href).origin;

  function errorEvent(message, code, kind) {
    return { type: 'error', status: 'error', message: message, code: code, kind: kind || 'Sandbox' };
  }

  function deliver(callback, event) {
    if (typeof callback !== 'function') return;
    try {
      callback(event);
    } catch (thrown) {
      // A throwing callback must not break the flow.
      if (window.console) window.console.error('munity connect callback threw:', thrown);
    }
  }

  function connect(connector, secret, callback, config) {
    if (config === undefined || config === null) config = {};
    return new Promise(function (resolve, reject) {
      var settled = false;
      function fail(event) {
        if (settled) return;
        settled = true;
        deliver(callback, event);
        reject(event);
      }
      function handle(event) {
        if (settled) return;
        if (!event || typeof event !== 'object') return;
        if (event.type === 'error') {
          fail(event);
          return;
        }
        deliver(callback, event);
        if (event.type === 'IMPORT_DONE') {
          settled = true;
          resolve(true);
        }
      }

      if (typeof connector !== 'string' || connector === '') {
        fail(errorEvent('connect(connector, secret, callback, config): connector must be a non-empty string', 'BAD_REQUEST', 'BadRequest'));
        return;
      }
      if (typeof secret !== 'string') {
        fail(errorEvent('connect(connector, secret, callback, config): secret must be a string', 'BAD_REQUEST', 'BadRequest'));
        return;
      }
      if (typeof config !== 'object' || Array.isArray(config)) {
        fail(errorEvent('connect(connector, secret, callback, config): config must be an object', 'BAD_REQUEST', 'BadRequest'));
        return;
      }

      fetch(SANDBOX_URL + '/v1/connect', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ connector: connector, secret: secret, config: config }),
      }).then(function (response) {
        if (!response.ok) {
          return response.text().then(function (text) {
            var event;
            try { event = JSON.parse(text); } catch (e) { event = null; }
            if (!event || event.type !== 'error') {
              event = errorEvent('the sandbox answered HTTP ' + response.status, 'HTTP_' + response.status, 'Sandbox');
            }
            fail(event);
          });
        }
        if (!response.body || !response.body.getReader) {
          // No streaming body: read it whole (the events still arrive, only all at the end).
          return response.text().then(function (text) {
            text.split('\n').forEach(function (line) { parseLine(line); });
            finish();
          });
        }
        var reader = response.body.getReader();
        var decoder = new TextDecoder('utf-8');
        var buffer = '';
        function parseLine(line) {
          if (line.trim() === '') return;
          var event;
          try {
            event = JSON.parse(line);
          } catch (e) {
            fail(errorEvent('the sandbox sent a line that is not JSON', 'PROTOCOL', 'Sandbox'));
            return;
          }
          handle(event);
        }
        function finish() {
          if (buffer !== '') parseLine(buffer);
          buffer = '';
          fail(errorEvent('the sandbox ended the stream before the integration was ready', 'STREAM_CLOSED', 'Sandbox'));
        }
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) {
              buffer += decoder.decode();
              finish();
              return undefined;
            }
            buffer += decoder.decode(chunk.value, { stream: true });
            var newline;
            while ((newline = buffer.indexOf('\n')) >= 0) {
              var line = buffer.slice(0, newline);
              buffer = buffer.slice(newline + 1);
              parseLine(line);
            }
            if (settled) {
              reader.cancel().catch(function () {});
              return undefined;
            }
            return pump();
          });
        }
        return pump();
      }).catch(function (error) {
        fail(errorEvent(
          'cannot reach the sandbox at ' + SANDBOX_URL + ' (is `munity-secrets sandbox` running?): ' +
            (error && error.message ? error.message : String(error)),
          'NETWORK_ERROR',
          'Network'
        ));
      });
    });
  }

  connect.sandboxUrl = SANDBOX_URL;
  window.connect = connect;
  window.munitySandbox = { connect: connect, url: SANDBOX_URL };
})();
