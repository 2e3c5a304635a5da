'use strict'
// @munityapps/secrets/http: the framework-neutral endpoint (createSecretEndpoint) and the WHATWG handler
// (createSecretHandler, what Next.js route handlers and Hono call), with Request objects and over real HTTP.
const test = require('node:test')
const assert = require('node:assert/strict')
const http = require('node:http')
const { once } = require('node:events')
const { Signer, Verifier, InvalidClaimError } = require('@munityapps/secrets')
const { createSecretEndpoint, createSecretHandler, CONNECTOR_PATTERN } = require('@munityapps/secrets/http')
const { testKey, WORKSPACE } = require('./helpers.js')

const CERTIFICATE = testKey('main_private_pkcs8')
const verifier = new Verifier(testKey('main_public_spki'))
const signer = new Signer(CERTIFICATE, { workspaceId: WORKSPACE })
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/

/** A Request as a route handler gets it: the user in a header stands in for a session cookie. */
const request = (query, { method = 'GET', user } = {}) =>
  new Request(`http://app.example/api/munity/secret${query}`, { method, headers: user ? { 'x-user': user } : {} })
const userOf = (req) => req.headers.get('x-user')

test('createSecretHandler: 200 { secret, expiresAt } for the customer, no-store, JSON', async () => {
  const handler = createSecretHandler({ signer, customerFor: (req) => userOf(req) && `customer${userOf(req)}`, lifetime: 120 })
  const response = await handler(request('?connector=jira', { user: '3' }))
  assert.ok(response instanceof Response)
  assert.equal(response.status, 200)
  assert.equal(response.headers.get('cache-control'), 'no-store')
  assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8')
  const body = await response.json()
  assert.deepEqual(Object.keys(body), ['secret', 'expiresAt'])
  assert.match(body.expiresAt, ISO_UTC)
  const claims = verifier.verify(body.secret, { expect: 'connect' })
  assert.equal(claims.customerId, 'customer3')
  assert.equal(claims.workspaceId, WORKSPACE)
  assert.equal(claims.expiresAt.toISOString(), body.expiresAt)

  const head = await handler(request('?connector=jira', { method: 'HEAD', user: '3' }))
  assert.equal(head.status, 200)
  assert.equal(head.body, null, 'HEAD: no body')
})

test('createSecretHandler: 401, 400, 405 and 500 answers, each no-store, nothing echoed', async () => {
  const errors = []
  const handler = createSecretHandler({
    signer,
    customerFor: async (req) => {
      const user = userOf(req)
      if (user === 'throws') throw new Error('session store down')
      return user === 'nobody' ? null : user
    },
    onError: (error, req) => errors.push({ error, req }),
  })
  const cases = [
    [request('?connector=jira'), 401, 'UNAUTHENTICATED'],
    [request('?connector=jira', { user: 'nobody' }), 401, 'UNAUTHENTICATED'],
    [request('', { user: 'c1' }), 400, 'INVALID_CONNECTOR'],
    [request('?connector=jira&connector=asana', { user: 'c1' }), 400, 'INVALID_CONNECTOR'],
    [request('?connector=ji%2Fra', { user: 'c1' }), 400, 'INVALID_CONNECTOR'],
    [request('?connector=jira', { method: 'POST', user: 'c1' }), 405, 'METHOD_NOT_ALLOWED'],
    [request('?connector=jira', { user: 'bad-customer-77' }), 500, 'SECRET_UNAVAILABLE'],
    [request('?connector=jira', { user: 'throws' }), 500, 'SECRET_UNAVAILABLE'],
  ]
  for (const [req, status, code] of cases) {
    const response = await handler(req)
    assert.equal(response.status, status, req.url)
    assert.equal(response.headers.get('cache-control'), 'no-store')
    const text = await response.text()
    assert.equal(JSON.parse(text).error, code)
    assert.doesNotMatch(text, /asana|ji\/ra|bad-customer|77|session store/)
    if (status === 405) assert.equal(response.headers.get('allow'), 'GET, HEAD')
  }
  assert.equal(errors.length, 2)
  assert.ok(errors[0].error instanceof InvalidClaimError)
  assert.equal(errors[0].error.code, 'INVALID_CLAIM/customer_id')
  assert.equal(errors[1].error.message, 'session store down')
  assert.equal(userOf(errors[1].req), 'throws', 'onError gets the request')
})

test('createSecretHandler serves a plain node:http server (as a framework adapter would), over loopback', async (t) => {
  const handler = createSecretHandler({ signer, customerFor: () => 'customer8' })
  const server = http.createServer(async (req, res) => {
    const response = await handler(new Request(`http://127.0.0.1${req.url}`, { method: req.method }))
    res.writeHead(response.status, Object.fromEntries(response.headers))
    res.end(Buffer.from(await response.arrayBuffer()))
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.after(() => server.close())
  const response = await fetch(`http://127.0.0.1:${server.address().port}/secret?connector=jira`)
  assert.equal(response.status, 200)
  assert.equal(response.headers.get('cache-control'), 'no-store')
  assert.equal(verifier.verify((await response.json()).secret).customerId, 'customer8')
})

test('createSecretEndpoint: { status, headers, body } for any framework; an error of customerFor rejects', async () => {
  const thrown = new Error('no session')
  const endpoint = createSecretEndpoint({
    signer,
    customerFor: (req, { connector }) => {
      if (req.user === 'throws') throw thrown
      return req.user && { customerId: req.user, name: `for ${connector}` }
    },
  })
  const ok = await endpoint({ user: 'customer2' }, 'asana')
  assert.equal(ok.status, 200)
  assert.deepEqual(ok.headers, { 'Cache-Control': 'no-store', 'Content-Type': 'application/json; charset=utf-8' })
  assert.equal(verifier.verify(ok.body.secret).name, 'for asana')
  assert.equal((await endpoint({}, 'asana')).status, 401)
  for (const connector of [undefined, null, '', 'a b', 'x'.repeat(65), ['jira'], 42]) {
    assert.equal((await endpoint({ user: 'customer2' }, connector)).status, 400, String(connector))
  }
  await assert.rejects(endpoint({ user: 'throws' }, 'jira'), (error) => error === thrown)
})

test('CONNECTOR_PATTERN: 1 to 64 ASCII letters, digits, "_", "-" or "." (the sandbox rule)', () => {
  for (const ok of ['jira', 'a', 'google-drive', 'ms_teams', 'v1.2', 'x'.repeat(64)]) assert.ok(CONNECTOR_PATTERN.test(ok), ok)
  for (const bad of ['', 'x'.repeat(65), 'ji ra', 'jira\n', 'é', 'a/b', 'a?b']) assert.ok(!CONNECTOR_PATTERN.test(bad), bad)
})

test('require and import of @munityapps/secrets/http give the same functions', async () => {
  const esm = await import('@munityapps/secrets/http')
  assert.equal(esm.createSecretHandler, createSecretHandler)
  assert.equal(esm.createSecretEndpoint, createSecretEndpoint)
  assert.equal(esm.CONNECTOR_PATTERN, CONNECTOR_PATTERN)
})
