'use strict'
// @munityapps/secrets/express: munityRouter under Express 4 and Express 5 (dev dependencies `express4` and
// `express5`), each mounted in an app listening on a loopback port and called over real HTTP.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { once } = require('node:events')
const { execFileSync } = require('node:child_process')
const { Signer, Verifier, InvalidClaimError, InvalidKeyError, MunitySecretError } = require('@munityapps/secrets')
const { munityRouter } = require('@munityapps/secrets/express')
const { testKey, WORKSPACE } = require('./helpers.js')

const CERTIFICATE = testKey('main_private_pkcs8')
const verifier = new Verifier(testKey('main_public_spki'))
const OTHER_WORKSPACE = '00000000-1111-4222-8333-444444444444'
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/
const VERSIONS = { 'Express 4': require('express4'), 'Express 5': require('express5') }

test('the two Express versions under test are 4 and 5', () => {
  const major = (name) => Number(require(`${name}/package.json`).version.split('.')[0])
  assert.equal(major('express4'), 4)
  assert.equal(major('express5'), 5)
})

/** An app with `router` at /munity (and `setup(app)` before it), listening on a loopback port. */
async function serve(t, express, router, { errorHandler } = {}) {
  const app = express()
  app.use((req, res, next) => {
    // A stand-in for a login: the header names the user.
    req.user = req.headers['x-user'] ? { id: req.headers['x-user'] } : undefined
    next()
  })
  app.use('/munity', router)
  if (errorHandler) app.use(errorHandler)
  const server = app.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.after(() => server.close())
  return `http://127.0.0.1:${server.address().port}/munity`
}

/** Replaces console.error for one test; returns the lines it got. */
function captureConsoleError(t) {
  const lines = []
  const original = console.error
  console.error = (...args) => lines.push(args.join(' '))
  t.after(() => {
    console.error = original
  })
  return lines
}

function withEnv(t, values) {
  const saved = {}
  for (const [name, value] of Object.entries(values)) {
    saved[name] = process.env[name]
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  t.after(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  })
}

async function getJson(url, headers = {}) {
  const response = await fetch(url, { headers })
  const text = await response.text()
  return { response, status: response.status, cacheControl: response.headers.get('cache-control'), text, body: text ? JSON.parse(text) : undefined }
}

for (const [label, express] of Object.entries(VERSIONS)) {
  test(`${label}: GET /secret mints a connect secret for the customer, with its expiry`, async (t) => {
    const seen = []
    const router = munityRouter({
      express,
      signer: new Signer(CERTIFICATE, { workspaceId: WORKSPACE }),
      customerFor: (req, context) => {
        seen.push(context)
        return req.user && `customer${req.user.id}`
      },
      lifetime: 600,
    })
    const base = await serve(t, express, router)
    const before = Math.floor(Date.now() / 1000)
    const { status, cacheControl, response, body } = await getJson(`${base}/secret?connector=jira`, { 'x-user': '42' })
    const after = Math.ceil(Date.now() / 1000)
    assert.equal(status, 200)
    assert.equal(cacheControl, 'no-store')
    assert.match(response.headers.get('content-type'), /^application\/json; charset=utf-8$/)
    assert.deepEqual(Object.keys(body), ['secret', 'expiresAt'])
    assert.match(body.expiresAt, ISO_UTC)
    const claims = verifier.verify(body.secret, { expect: 'connect' })
    assert.equal(claims.customerId, 'customer42')
    assert.equal(claims.workspaceId, WORKSPACE)
    assert.equal(claims.name, null)
    assert.equal(claims.expiresAt.toISOString(), body.expiresAt, 'expiresAt is the exp written into the secret')
    const exp = claims.expiresAt.getTime() / 1000
    assert.ok(exp >= before + 600 && exp <= after + 600, `exp ${exp} is now + lifetime (600 s)`)
    assert.deepEqual(seen, [{ connector: 'jira' }], 'customerFor gets the checked connector')

    // Every connector the platform takes, HEAD as GET, and the default lifetime (one hour).
    for (const connector of ['a', 'Jira_Cloud-2.x', 'x'.repeat(64)]) {
      const ok = await getJson(`${base}/secret?connector=${connector}`, { 'x-user': '7' })
      assert.equal(ok.status, 200, connector)
    }
    const head = await fetch(`${base}/secret?connector=jira`, { method: 'HEAD', headers: { 'x-user': '7' } })
    assert.equal(head.status, 200)
    assert.equal(head.headers.get('cache-control'), 'no-store')
  })

  test(`${label}: an unbound signer with workspaceId, an async customerFor, a customer with a name, the default lifetime`, async (t) => {
    const router = munityRouter({
      express,
      signer: new Signer(CERTIFICATE),
      workspaceId: WORKSPACE.toUpperCase(),
      customerFor: async (req) => ({ customerId: `user${req.user.id}`, name: `Ada ${req.user.id}` }),
    })
    const base = await serve(t, express, router)
    const before = Math.floor(Date.now() / 1000)
    const { status, body } = await getJson(`${base}/secret?connector=jira`, { 'x-user': '9' })
    assert.equal(status, 200)
    const claims = verifier.verify(body.secret)
    assert.equal(claims.customerId, 'user9')
    assert.equal(claims.name, 'Ada 9')
    assert.equal(claims.workspaceId, WORKSPACE)
    const exp = claims.expiresAt.getTime() / 1000
    assert.ok(exp >= before + 3600 && exp <= Math.ceil(Date.now() / 1000) + 3600, 'one hour by default')
  })

  test(`${label}: 401 when customerFor gives nobody; 400 for a missing or invalid connector; no-store on each`, async (t) => {
    let calls = 0
    const nobody = { none: undefined, null: null, empty: '', false: false }
    const router = munityRouter({
      express,
      signer: new Signer(CERTIFICATE, { workspaceId: WORKSPACE }),
      customerFor: (req) => {
        calls += 1
        return req.user ? nobody[req.user.id] : undefined
      },
    })
    const base = await serve(t, express, router)
    for (const user of [undefined, 'none', 'null', 'empty', 'false']) {
      const { status, cacheControl, body } = await getJson(`${base}/secret?connector=jira`, user ? { 'x-user': user } : {})
      assert.equal(status, 401, `user ${user}`)
      assert.equal(cacheControl, 'no-store')
      assert.equal(body.error, 'UNAUTHENTICATED')
    }
    assert.equal(calls, 5)
    const bad = ['', '?connector=', '?connector=ji%20ra', `?connector=${'x'.repeat(65)}`, '?connector=jira&connector=asana',
      '?connector[x]=jira', '?connector=%C3%A9', '?connector=jira%0A', '?Connector=jira']
    for (const query of bad) {
      const { status, cacheControl, body, text } = await getJson(`${base}/secret${query}`, { 'x-user': 'none' })
      assert.equal(status, 400, query)
      assert.equal(cacheControl, 'no-store')
      assert.equal(body.error, 'INVALID_CONNECTOR')
      assert.doesNotMatch(text, /ji ra|asana|xxxxxxxxxx/, 'the connector is not echoed')
    }
    assert.equal(calls, 5, 'customerFor is not asked for a bad connector')
    // Only GET (and HEAD): another method falls through to the app (404 here).
    assert.equal((await fetch(`${base}/secret?connector=jira`, { method: 'POST', headers: { 'x-user': '1' } })).status, 404)
  })

  test(`${label}: a customer id the core refuses is a 500 with a logged code, never echoed`, async (t) => {
    const logged = captureConsoleError(t)
    const router = munityRouter({
      express,
      signer: new Signer(CERTIFICATE, { workspaceId: WORKSPACE }),
      customerFor: (req) => (req.user.id === 'number' ? 12345 : req.user.id),
    })
    const base = await serve(t, express, router)
    const refused = await getJson(`${base}/secret?connector=jira`, { 'x-user': 'user-6f1c2a9e-secret' })
    assert.equal(refused.status, 500)
    assert.equal(refused.cacheControl, 'no-store')
    assert.equal(refused.body.error, 'SECRET_UNAVAILABLE')
    assert.doesNotMatch(refused.text, /user|6f1c|INVALID_CLAIM/, 'nothing of the customer id or the error in the answer')
    assert.equal(logged.length, 1)
    assert.match(logged[0], /: INVALID_CLAIM\/customer_id: /, 'the log line names the code')
    assert.doesNotMatch(logged[0], /6f1c2a9e/, 'the log line does not echo the customer id')

    // Not a string: the TypeError of the library, also a 500.
    const typed = await getJson(`${base}/secret?connector=jira`, { 'x-user': 'number' })
    assert.equal(typed.status, 500)
    assert.equal(typed.body.error, 'SECRET_UNAVAILABLE')
    assert.match(logged[1], /TypeError/)
  })

  test(`${label}: onError gets the core's error; an error thrown by customerFor goes to the app's error handler`, async (t) => {
    const errors = []
    const thrown = new Error('session store down')
    const handled = []
    const router = munityRouter({
      express,
      signer: new Signer(CERTIFICATE, { workspaceId: WORKSPACE }),
      customerFor: (req) => {
        if (req.user.id === 'throws') throw thrown
        if (req.user.id === 'rejects') return Promise.reject(thrown)
        return 'customer-1'
      },
      onError: (error, req) => errors.push({ error, url: req.originalUrl }),
    })
    const base = await serve(t, express, router, {
      errorHandler: (err, req, res, next) => {
        handled.push(err)
        res.status(503).json({ error: 'try later' })
      },
    })
    const refused = await getJson(`${base}/secret?connector=jira`, { 'x-user': 'ok' })
    assert.equal(refused.status, 500)
    assert.equal(errors.length, 1)
    assert.ok(errors[0].error instanceof InvalidClaimError)
    assert.equal(errors[0].error.code, 'INVALID_CLAIM/customer_id')
    assert.equal(errors[0].url, '/munity/secret?connector=jira')
    for (const user of ['throws', 'rejects']) {
      const answer = await getJson(`${base}/secret?connector=jira`, { 'x-user': user })
      assert.equal(answer.status, 503, user)
      assert.equal(answer.cacheControl, 'no-store', 'set before the error handler runs')
    }
    assert.deepEqual(handled, [thrown, thrown])
    assert.equal(errors.length, 1, 'onError is for minting errors only')
  })

  test(`${label}: with Express's default error handler, an error thrown by customerFor is a 500 that keeps no-store`, async (t) => {
    const router = munityRouter({
      express,
      signer: new Signer(CERTIFICATE, { workspaceId: WORKSPACE }),
      customerFor: () => {
        throw new Error('boom')
      },
    })
    const previous = process.env.NODE_ENV
    process.env.NODE_ENV = 'test' // finalhandler prints the stack to stderr outside 'test'
    t.after(() => {
      if (previous === undefined) delete process.env.NODE_ENV
      else process.env.NODE_ENV = previous
    })
    const base = await serve(t, express, router)
    const response = await fetch(`${base}/secret?connector=jira`, { headers: { 'x-user': '1' } })
    assert.equal(response.status, 500)
    assert.equal(response.headers.get('cache-control'), 'no-store')
  })
}

test('start-up: a workspace, a lifetime or options the core refuses throw when the router is built', () => {
  const express = VERSIONS['Express 5']
  const customerFor = () => 'customer1'
  const unbound = new Signer(CERTIFICATE)
  const bound = new Signer(CERTIFICATE, { workspaceId: WORKSPACE })
  const claimCases = [
    [{ signer: unbound }, 'workspace_id', 'missing'],
    [{ signer: unbound, workspaceId: 'workspace-1' }, 'workspace_id', null],
    [{ signer: bound, workspaceId: OTHER_WORKSPACE }, 'workspace_id', 'other_workspace'],
    [{ signer: bound, lifetime: 1.5 }, 'expires_in', 'fractional'],
    [{ signer: bound, lifetime: 0 }, 'expires_in', 'out_of_range'],
    [{ signer: bound, lifetime: 31_536_001 }, 'expires_in', 'out_of_range'],
    [{ signer: bound, lifetime: Number.NaN }, 'expires_in', 'out_of_range'],
  ]
  for (const [options, claim, reason] of claimCases) {
    assert.throws(
      () => munityRouter({ express, customerFor, ...options }),
      (error) => {
        assert.ok(error instanceof InvalidClaimError, `${claim}: ${error}`)
        assert.equal(error.claim, claim)
        if (reason) assert.equal(error.reason, reason)
        return true
      },
    )
  }
  const typeCases = [
    undefined,
    null,
    { express, signer: bound },
    { express, signer: bound, customerFor: 'customer1' },
    { express, signer: bound, customerFor, lifetime: null },
    { express, signer: bound, customerFor, lifetime: '600' },
    { express, signer: bound, customerFor, workspaceId: 42 },
    { express, signer: bound, customerFor, onError: 'log' },
    { express, signer: CERTIFICATE, customerFor },
    { express, signer: null, customerFor },
    { express, signer: bound, customerFor, expiresIn: 600 },
    { express: {}, signer: bound, customerFor },
  ]
  for (const options of typeCases) {
    assert.throws(() => munityRouter(options), TypeError, JSON.stringify(options && Object.keys(options)))
  }
})

test("start-up: without a signer, the environment's certificate; missing, empty or unusable it throws", async (t) => {
  const express = VERSIONS['Express 5']
  const customerFor = () => 'customer1'
  for (const [value, reason] of [[undefined, 'no_key'], ['', 'no_key'], ['  \n', 'no_key'], ['not a key', 'malformed'], [testKey('main_public_spki'), 'not_private']]) {
    withEnv(t, { MUNITY_CERTIFICATE: value, MUNITY_WORKSPACE_ID: WORKSPACE })
    assert.throws(
      () => munityRouter({ express, customerFor }),
      (error) => error instanceof InvalidKeyError && error.code === `INVALID_KEY/${reason}`,
      JSON.stringify(value),
    )
  }
  withEnv(t, { MUNITY_CERTIFICATE: CERTIFICATE.replaceAll('\n', '\\n'), MUNITY_WORKSPACE_ID: WORKSPACE })
  const base = await serve(t, express, munityRouter({ express, customerFor }))
  const { status, body } = await getJson(`${base}/secret?connector=jira`)
  assert.equal(status, 200)
  assert.equal(verifier.verify(body.secret).workspaceId, WORKSPACE, 'bound to MUNITY_WORKSPACE_ID')
})

test('without the express option: Express is required lazily, and its absence is a clear error', () => {
  // This package has express only under the aliases express4 and express5, so nothing named `express`
  // resolves from here, from the test file (the main module) or from the working directory.
  assert.throws(
    () => munityRouter({ signer: new Signer(CERTIFICATE, { workspaceId: WORKSPACE }), customerFor: () => 'c1' }),
    (error) => error instanceof Error && !(error instanceof MunitySecretError) && /npm install express/.test(error.message),
  )
})

test("without the express option: the application's express is found (a project with express installed)", (t) => {
  // A project directory whose node_modules/express is Express 5, and a main module that builds the router
  // without passing express: the same situation as an app that installed the package with a `file:` link.
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'munity-express-project-'))
  t.after(() => fs.rmSync(project, { recursive: true, force: true }))
  fs.mkdirSync(path.join(project, 'node_modules'))
  fs.symlinkSync(path.dirname(require.resolve('express5/package.json')), path.join(project, 'node_modules', 'express'), 'dir')
  const main = path.join(project, 'main.js')
  fs.writeFileSync(
    main,
    `const { Signer } = require(${JSON.stringify(require.resolve('@munityapps/secrets'))})
const { munityRouter } = require(${JSON.stringify(require.resolve('@munityapps/secrets/express'))})
const express = require('express')
const app = express()
app.use('/munity', munityRouter({ signer: new Signer(process.env.CERT, { workspaceId: process.env.WS }), customerFor: () => 'customer5' }))
const server = app.listen(0, '127.0.0.1', async () => {
  const response = await fetch('http://127.0.0.1:' + server.address().port + '/munity/secret?connector=jira')
  console.log(response.status, JSON.stringify(await response.json()))
  server.close()
})
`,
  )
  const out = execFileSync(process.execPath, [main], { cwd: os.tmpdir(), env: { ...process.env, CERT: CERTIFICATE, WS: WORKSPACE }, encoding: 'utf8' })
  const [status, json] = [out.slice(0, 3), out.slice(4)]
  assert.equal(status, '200')
  assert.equal(verifier.verify(JSON.parse(json).secret).customerId, 'customer5')
})

test('require and import of @munityapps/secrets/express give the same function; express is not a dependency', async () => {
  const esm = await import('@munityapps/secrets/express')
  assert.equal(esm.munityRouter, munityRouter)
  assert.equal(esm.default.munityRouter, munityRouter)
  const pkg = require('../package.json')
  assert.equal(pkg.dependencies, undefined, 'no runtime dependency')
  assert.equal(pkg.peerDependenciesMeta.express.optional, true)
  assert.equal(pkg.exports['./express'].require.default, './express.js')
  for (const condition of ['import', 'require']) {
    for (const file of Object.values(pkg.exports['./express'][condition])) {
      assert.ok(pkg.files.includes(file.slice(2)), `${file} is packed`)
    }
  }
})
