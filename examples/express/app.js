'use strict'
// A small Express app: a (fake) signed-in user, `GET /munity/secret` minting a connect secret for
// that user, and a page that hands the secret to Munity's front-end SDK, `connect(...)`.
const crypto = require('node:crypto')
const express = require('express')
const { MunitySecretError } = require('@munityapps/secrets')

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
const status = document.getElementById('status')
document.getElementById('connect').addEventListener('click', async () => {
  const response = await fetch('/munity/secret', { credentials: 'same-origin' })
  if (!response.ok) {
    status.textContent = 'could not get a secret: ' + response.status
    return
  }
  const { secret } = await response.json()
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
 * @param {import('@munityapps/secrets').Signer} options.signer the workspace certificate, parsed once
 * @param {string} options.workspaceId the Munity workspace
 * @param {string} [options.sandboxUrl] where the Munity SDK (sdk.js) is served from
 * @param {number} [options.expiresIn] lifetime of a secret, in seconds
 */
function createApp({ signer, workspaceId, sandboxUrl, expiresIn = 600 }) {
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

  app.get('/munity/secret', async (req, res, next) => {
    if (!req.user) {
      res.status(401).json({ error: 'sign in first' })
      return
    }
    try {
      // Off the event loop: signing runs on the libuv thread pool.
      const secret = await signer.connectSecretAsync(
        { customerId: req.user.customerId, workspaceId, name: req.user.name },
        { expiresIn },
      )
      res.set('Cache-Control', 'no-store').json({ secret })
    } catch (err) {
      next(err)
    }
  })

  app.use((err, req, res, next) => {
    if (err instanceof MunitySecretError) {
      // The code is safe to show; the message stays in the server's log.
      console.error(`munity secret: ${err.code}: ${err.message}`)
      res.status(500).json({ error: err.code })
      return
    }
    next(err)
  })
  return app
}

module.exports = { createApp }
