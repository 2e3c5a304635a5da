'use strict'
// A small Express app: a (fake) signed-in user, Munity's secret endpoint added in one line
// (`GET /munity/secret?connector=jira`, from @munityapps/secrets/express), and a page that fetches a fresh
// secret when the one it holds is about to lapse and hands it to Munity's front-end SDK, `connect(...)`.
const crypto = require('node:crypto')
const express = require('express')
const { munityRouter } = require('@munityapps/secrets/express')

// A trivial stand-in for a real session store: session id -> user. Customer ids are the SaaS
// product's own ids, ASCII letters and digits.
function createSessions() {
  const sessions = new Map()
  let next = 1
  return {
    signIn() {
      const id = crypto.randomBytes(18).toString('base64url')
      const number = next++
      sessions.set(id, { customerId: `customer${number}`, name: `Demo user ${number}` })
      return id
    },
    get(id) {
      return id ? sessions.get(id) : undefined
    },
  }
}

function sessionId(req) {
  for (const part of (req.headers.cookie || '').split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === 'session') return value.join('=')
  }
  return undefined
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

// The front-end pattern of docs/frontend.md: keep { secret, expiresAt }, fetch a fresh secret when less than
// a minute remains, then call connect(). Works with Munity's SDK and with the sandbox's sdk.js alike.
const SECRET_SOURCE = `
function secretSource(url, minValidity = 60) {
  const cache = new Map()
  return async function secretFor(connector) {
    const held = cache.get(connector)
    if (held && held.lapse - Date.now() > minValidity * 1000) return held.secret
    const response = await fetch(url + '?connector=' + encodeURIComponent(connector), { credentials: 'same-origin', cache: 'no-store' })
    const body = await response.json().catch(() => ({}))
    if (!response.ok) throw new Error('could not get a secret: ' + response.status + ' ' + (body.error || ''))
    // expiresAt is the server's clock; the Date header tells how far the page's clock is from it.
    const serverNow = Date.parse(response.headers.get('Date') || '')
    const skew = Number.isNaN(serverNow) ? 0 : Date.now() - serverNow
    cache.set(connector, { secret: body.secret, lapse: Date.parse(body.expiresAt) + skew })
    return body.secret
  }
}`

function page(sandboxUrl) {
  const sdk = sandboxUrl ? `<script src="${escapeHtml(sandboxUrl.replace(/\/+$/, ''))}/sdk.js"></script>` : ''
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Connect Jira</title>
${sdk}
</head>
<body>
<h1>Integrations</h1>
<button id="connect">Connect Jira</button>
<pre id="status"></pre>
<script>
${SECRET_SOURCE.trim()}
const secretFor = secretSource('/munity/secret')
const status = document.getElementById('status')
document.getElementById('connect').addEventListener('click', async () => {
  let secret
  try {
    secret = await secretFor('jira')
  } catch (error) {
    status.textContent = error.message
    return
  }
  if (typeof window.connect !== 'function') {
    status.textContent = 'the Munity SDK is not loaded (set MUNITY_SANDBOX_URL)'
    return
  }
  window.connect('jira', secret, (result) => {
    status.textContent = JSON.stringify(result, null, 2)
  })
})
</script>
</body>
</html>
`
}

/**
 * @param {object} options
 * @param {import('@munityapps/secrets').Signer} options.signer the workspace certificate, parsed once (bound to
 *   its workspace, or give workspaceId)
 * @param {string} [options.workspaceId] the Munity workspace, when the signer is not bound to it
 * @param {string} [options.sandboxUrl] where the Munity SDK (sdk.js) is served from
 * @param {number} [options.lifetime] lifetime of a secret, in seconds (600)
 * @returns the app; building it throws when the signer, the workspace or the lifetime is unusable
 */
function createApp({ signer, workspaceId, sandboxUrl, lifetime = 600 }) {
  const app = express()
  const sessions = createSessions()
  app.disable('x-powered-by')

  app.use((req, res, next) => {
    req.user = sessions.get(sessionId(req))
    next()
  })

  // The page signs a demo user in, as a real product's login would have.
  app.get('/', (req, res) => {
    if (!req.user) {
      res.cookie('session', sessions.signIn(), { httpOnly: true, sameSite: 'strict', path: '/' })
    }
    res.type('html').send(page(sandboxUrl))
  })

  // GET /munity/secret?connector=jira -> { secret, expiresAt }; 401 without a signed-in user.
  app.use(
    '/munity',
    munityRouter({
      signer,
      workspaceId,
      lifetime,
      customerFor: (req) => req.user && { customerId: req.user.customerId, name: req.user.name },
    }),
  )
  return app
}

module.exports = { createApp }
