'use strict'
// Starts the example on an ephemeral loopback port and makes real HTTP requests to it.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { once } = require('node:events')
const { Signer, Verifier } = require('@munityapps/secrets')
const { createApp } = require('../app.js')

const keys = path.resolve(__dirname, '..', '..', '..', 'tests', 'vectors', 'keys')
const certificate = fs.readFileSync(path.join(keys, 'TEST-ONLY-main-private-pkcs8.pem'), 'utf8')
const publicKey = fs.readFileSync(path.join(keys, 'TEST-ONLY-main-public-spki.pem'), 'utf8')
const WORKSPACE = '11111111-2222-3333-aaaa-eeeeeeeeeeee'

async function serve(options) {
  const server = createApp({ signer: new Signer(certificate), workspaceId: WORKSPACE, ...options }).listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address()
  return { server, base: `http://127.0.0.1:${port}` }
}

test('GET /munity/secret mints a connect secret for the signed-in user', async (t) => {
  const { server, base } = await serve({ sandboxUrl: 'http://127.0.0.1:8787' })
  t.after(() => server.close())

  const home = await fetch(`${base}/`)
  assert.equal(home.status, 200)
  const html = await home.text()
  assert.match(html, /<script src="http:\/\/127\.0\.0\.1:8787\/sdk\.js"><\/script>/)
  assert.match(html, /window\.connect\('jira', secret,/)
  const cookie = home.headers.get('set-cookie').split(';')[0]
  assert.match(cookie, /^session=/)

  const response = await fetch(`${base}/munity/secret`, { headers: { cookie } })
  assert.equal(response.status, 200)
  assert.equal(response.headers.get('cache-control'), 'no-store')
  const { secret } = await response.json()
  const claims = new Verifier(publicKey).verify(secret, { expect: 'connect' })
  assert.match(claims.customerId, /^customer[0-9]+$/)
  assert.equal(claims.workspaceId, WORKSPACE)
  assert.match(claims.name, /^Demo user/)
  assert.ok(claims.expiresAt instanceof Date)

  // The same session gets secrets for the same customer.
  const again = await (await fetch(`${base}/munity/secret`, { headers: { cookie } })).json()
  assert.equal(new Verifier(publicKey).verify(again.secret).customerId, claims.customerId)
})

test('without a session: 401; without MUNITY_SANDBOX_URL: no sdk.js script', async (t) => {
  const { server, base } = await serve({})
  t.after(() => server.close())
  assert.equal((await fetch(`${base}/munity/secret`)).status, 401)
  const html = await (await fetch(`${base}/`)).text()
  assert.doesNotMatch(html, /sdk\.js"/)
})

test('a minting error becomes a 500 with the error code only', async (t) => {
  const { server, base } = await serve({ workspaceId: 'not-a-uuid' })
  t.after(() => server.close())
  const cookie = (await fetch(`${base}/`)).headers.get('set-cookie').split(';')[0]
  const original = console.error
  console.error = () => {}
  try {
    const response = await fetch(`${base}/munity/secret`, { headers: { cookie } })
    assert.equal(response.status, 500)
    assert.deepEqual(await response.json(), { error: 'INVALID_CLAIM/workspace_id' })
  } finally {
    console.error = original
  }
})
