/*
 * munity-secrets sandbox: the browser side of the local stand-in of Munity's connect service.
 *
 *   <script src="http://127.0.0.1:8787/sdk.js"></script>
 *   connect('jira', secret, (event) => console.log(event.type, event.message))
 *     .then((ready) => ...)            // true once the integration is ready (after IMPORT_DONE)
 *     .catch((error) => ...);          // {type: 'error', status: 'error', message, code, kind}
 *
 * The callback gets every event as {type, status, message, ...} (type and status hold the same value).
 *
 * Secrets expire: a backend endpoint answers {secret, expiresAt}. Munity.secretSource(url) keeps the last one and
 * fetches a fresh one when less than a minute (minValidity seconds) remains, so a page never hands connect() a
 * secret about to lapse (docs/frontend.md):
 *
 *   var secrets = Munity.secretSource('/munity/secret');         // GET /munity/secret?connector=jira
 *   secrets.connect('jira', callback, config);                    // = secrets.get('jira').then(s => connect('jira', s, ...))
 *   secrets.get('jira').then(function (secret) { ... });          // a secret with more than minValidity seconds left
 *
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

  /*
   * secretSource(url, {minValidity: 60}): the secrets of a backend endpoint answering
   * {secret, expiresAt} (ISO 8601) to GET url?connector=NAME, cached per connector until less than
   * minValidity seconds remain. The expiry is read on the page's clock corrected by the answer's Date header
   * (same-origin endpoints), so a page whose clock is off still refreshes in time. Concurrent gets share one
   * request; a failed request is not cached. The Promise rejects with {type: 'error', status: 'error', message,
   * code, kind: 'SecretSource'}: code is the endpoint's `error` (UNAUTHENTICATED, ...) or HTTP_<status>.
   */
  function secretSource(url, options) {
    var minValidity = options && options.minValidity !== undefined ? options.minValidity : 60;
    if (typeof url !== 'string' || url === '') throw new TypeError('secretSource(url): url must be a non-empty string');
    if (typeof minValidity !== 'number' || !(minValidity >= 0)) {
      throw new TypeError('secretSource(url, {minValidity}): minValidity must be a number of seconds, 0 or more');
    }
    var entries = {};

    function sourceError(message, code) {
      return errorEvent(message, code, 'SecretSource');
    }

    function request(connector) {
      var target = url + (url.indexOf('?') >= 0 ? '&' : '?') + 'connector=' + encodeURIComponent(connector);
      return fetch(target, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } })
        .then(function (response) {
          var received = Date.now();
          return response.text().then(function (text) {
            var body;
            try { body = JSON.parse(text); } catch (e) { body = null; }
            if (!response.ok) {
              var code = body && typeof body.error === 'string' ? body.error : 'HTTP_' + response.status;
              throw sourceError('the secret endpoint answered HTTP ' + response.status + ' (' + code + ')', code);
            }
            var expiresAt = body ? Date.parse(body.expiresAt) : NaN;
            if (!body || typeof body.secret !== 'string' || isNaN(expiresAt)) {
              throw sourceError('the secret endpoint must answer {"secret": string, "expiresAt": ISO 8601 string}', 'PROTOCOL');
            }
            var serverNow = Date.parse(response.headers.get('Date') || '');
            var skew = isNaN(serverNow) ? 0 : received - serverNow;
            return { secret: body.secret, lapse: expiresAt + skew };
          });
        }, function (error) {
          throw sourceError('cannot reach the secret endpoint ' + url + ': ' + (error && error.message ? error.message : String(error)), 'NETWORK_ERROR');
        });
    }

    function get(connector) {
      if (typeof connector !== 'string' || connector === '') {
        return Promise.reject(sourceError('secretSource.get(connector): connector must be a non-empty string', 'BAD_REQUEST'));
      }
      var entry = entries[connector];
      if (entry && entry.value && entry.value.lapse - Date.now() > minValidity * 1000) return Promise.resolve(entry.value.secret);
      if (entry && entry.pending) return entry.pending;
      var current = { value: null, pending: null };
      entries[connector] = current;
      current.pending = request(connector).then(function (value) {
        current.value = value;
        current.pending = null;
        return value.secret;
      }, function (error) {
        if (entries[connector] === current) delete entries[connector];
        throw error;
      });
      return current.pending;
    }

    return {
      url: url,
      minValidity: minValidity,
      get: get,
      /** connect(connector, <a fresh secret>, callback, config). */
      connect: function (connector, callback, config) {
        return get(connector).then(function (secret) {
          return connect(connector, secret, callback, config);
        }, function (error) {
          deliver(callback, error);
          throw error;
        });
      },
      /** Forgets the cached secret(s): the next get fetches (e.g. after an EXPIRED error). */
      clear: function (connector) {
        if (connector === undefined) entries = {};
        else delete entries[connector];
      },
    };
  }

  connect.sandboxUrl = SANDBOX_URL;
  window.connect = connect;
  window.munitySandbox = { connect: connect, url: SANDBOX_URL, secretSource: secretSource };
  window.Munity = window.Munity || {};
  window.Munity.secretSource = secretSource;
})();
