'use strict'
// Starts the example on an ephemeral loopback port and makes real HTTP requests to it; starts server.js with
// unusable configurations and checks that it stops before listening, saying what to fix.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { once } = require('node:events')
const { spawnSync } = require('node:child_process')
const { Signer, Verifier, InvalidClaimError } = require('@munityapps/secrets')
const { createApp } = require('../app.js')

const exampleDir = path.resolve(__dirname, '..')
const keys = path.resolve(exampleDir, '..', '..', 'tests', 'vectors', 'keys')
const certificate = fs.readFileSync(path.join(keys, 'TEST-ONLY-main-private-pkcs8.pem'), 'utf8')
const publicKey = fs.readFileSync(path.join(keys, 'TEST-ONLY-main-public-spki.pem'), 'utf8')
const WORKSPACE = '11111111-2222-3333-aaaa-eeeeeeeeeeee'

async function serve(t, options) {
  const server = createApp({ signer: new Signer(certificate, { workspaceId: WORKSPACE }), ...options }).listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.after(() => server.close())
  return `http://127.0.0.1:${server.address().port}`
}

async function signIn(base) {
  const home = await fetch(`${base}/`)
  assert.equal(home.status, 200)
  const cookie = home.headers.get('set-cookie').split(';')[0]
  assert.match(cookie, /^session=/)
  return { cookie, html: await home.text() }
}

test('GET /munity/secret?connector=jira mints a connect secret for the signed-in user, with its expiry', async (t) => {
  const base = await serve(t, { sandboxUrl: 'http://127.0.0.1:8787' })
  const { cookie, html } = await signIn(base)
  assert.match(html, /<script src="http:\/\/127\.0\.0\.1:8787\/sdk\.js"><\/script>/)
  assert.match(html, /secretSource\('\/munity\/secret'\)/)
  assert.match(html, /window\.connect\('jira', secret,/)
  // The page's refresh pattern is the copy docs/frontend.md gives, character for character.
  const doc = fs.readFileSync(path.resolve(exampleDir, '..', '..', 'docs', 'frontend.md'), 'utf8')
  const documented = doc.match(/^function secretSource\(url, minValidity = 60\) \{\n[\s\S]*?\n\}\n/m)
  assert.ok(documented, 'docs/frontend.md has the secretSource function')
  assert.ok(html.includes(documented[0]), 'the page embeds the documented secretSource')

  const before = Math.floor(Date.now() / 1000)
  const response = await fetch(`${base}/munity/secret?connector=jira`, { headers: { cookie } })
  assert.equal(response.status, 200)
  assert.equal(response.headers.get('cache-control'), 'no-store')
  const body = await response.json()
  assert.deepEqual(Object.keys(body), ['secret', 'expiresAt'])
  const claims = new Verifier(publicKey).verify(body.secret, { expect: 'connect' })
  assert.match(claims.customerId, /^customer[0-9]+$/)
  assert.equal(claims.workspaceId, WORKSPACE)
  assert.match(claims.name, /^Demo user/)
  assert.equal(claims.expiresAt.toISOString(), body.expiresAt)
  const exp = claims.expiresAt.getTime() / 1000
  assert.ok(exp >= before + 600 && exp <= Math.ceil(Date.now() / 1000) + 600, 'the example mints for 600 s')

  // The same session gets secrets for the same customer.
  const again = await (await fetch(`${base}/munity/secret?connector=jira`, { headers: { cookie } })).json()
  assert.equal(new Verifier(publicKey).verify(again.secret).customerId, claims.customerId)
})

test('without a session: 401; without a connector: 400; without MUNITY_SANDBOX_URL: no sdk.js script', async (t) => {
  const base = await serve(t, {})
  const anonymous = await fetch(`${base}/munity/secret?connector=jira`)
  assert.equal(anonymous.status, 401)
  assert.equal(anonymous.headers.get('cache-control'), 'no-store')
  const { cookie, html } = await signIn(base)
  assert.doesNotMatch(html, /sdk\.js"/)
  const noConnector = await fetch(`${base}/munity/secret`, { headers: { cookie } })
  assert.equal(noConnector.status, 400)
  assert.equal((await noConnector.json()).error, 'INVALID_CONNECTOR')
})

test('createApp throws at once for a workspace or a lifetime the core refuses', () => {
  assert.throws(() => createApp({ signer: new Signer(certificate), workspaceId: 'not-a-uuid' }), (e) => e instanceof InvalidClaimError && e.claim === 'workspace_id')
  assert.throws(() => createApp({ signer: new Signer(certificate) }), (e) => e instanceof InvalidClaimError && e.reason === 'missing')
  assert.throws(() => createApp({ signer: new Signer(certificate, { workspaceId: WORKSPACE }), lifetime: 0 }), (e) => e instanceof InvalidClaimError && e.claim === 'expires_in')
})

/** Runs `node server.js` with this environment (nothing inherited of MUNITY_*); it must stop at once. */
function startServer(env) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MUNITY_')))
  return spawnSync(process.execPath, ['server.js'], {
    cwd: exampleDir,
    env: { ...clean, PORT: '0', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
}

test('server.js stops at start-up, before listening, when the certificate or the workspace is unusable', () => {
  const cases = [
    [{ MUNITY_WORKSPACE_ID: WORKSPACE }, 'MUNITY_CERTIFICATE', 'INVALID_KEY/no_key'],
    [{ MUNITY_CERTIFICATE: '', MUNITY_WORKSPACE_ID: WORKSPACE }, 'MUNITY_CERTIFICATE', 'INVALID_KEY/no_key'],
    [{ MUNITY_CERTIFICATE: 'not a key', MUNITY_WORKSPACE_ID: WORKSPACE }, 'MUNITY_CERTIFICATE', 'INVALID_KEY/malformed'],
    [{ MUNITY_CERTIFICATE: publicKey, MUNITY_WORKSPACE_ID: WORKSPACE }, 'MUNITY_CERTIFICATE', 'INVALID_KEY/not_private'],
    [{ MUNITY_CERTIFICATE: certificate }, 'MUNITY_WORKSPACE_ID', 'INVALID_CLAIM/workspace_id'],
    [{ MUNITY_CERTIFICATE: certificate, MUNITY_WORKSPACE_ID: 'workspace-1' }, 'MUNITY_WORKSPACE_ID', 'INVALID_CLAIM/workspace_id'],
    [{ MUNITY_CERTIFICATE: certificate, MUNITY_WORKSPACE_ID: WORKSPACE, MUNITY_SECRET_LIFETIME: 'ten' }, 'MUNITY_SECRET_LIFETIME', 'INVALID_CLAIM/expires_in'],
  ]
  for (const [env, variable, code] of cases) {
    const run = startServer(env)
    const what = JSON.stringify(Object.keys(env))
    assert.equal(run.status, 1, `${what}: exit status 1 (stderr: ${run.stderr})`)
    assert.equal(run.stdout, '', `${what}: it never listened`)
    const line = run.stderr.trim()
    assert.ok(line.startsWith(`error: cannot start: ${variable} `), `${what}: names ${variable}: ${line}`)
    assert.ok(line.includes(`[${code}]`), `${what}: gives the code ${code}: ${line}`)
    assert.ok(!line.includes('MII'), `${what}: no key material in the message`)
  }
})
