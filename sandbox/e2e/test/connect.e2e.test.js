'use strict'
// End to end, in headless Chromium: the sandbox service (its `serve` example binary), the Express
// example (`node server.js`, minting with @munityapps/secrets) whose page loads the sandbox's
// sdk.js, and the page calling connect('jira', secret, callback).
//
// Needs: the sandbox example binary (SANDBOX_BIN, default target/debug/examples/serve), the Express
// example's dependencies installed (examples/express/node_modules, with the Node addon built), and
// Chromium at CHROMIUM (default /usr/bin/chromium). scripts/test-sandbox.sh provides all three.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { createRequire } = require('node:module')
const { launchBrowser } = require('../lib/browser')
const { startProcess } = require('../lib/processes')

const root = path.resolve(__dirname, '..', '..', '..')
const keys = path.join(root, 'tests', 'vectors', 'keys')
const expressDir = path.join(root, 'examples', 'express')
const sandboxBin = process.env.SANDBOX_BIN || path.join(root, 'target', 'debug', 'examples', 'serve')
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium'
const WORKSPACE = '11111111-2222-3333-aaaa-eeeeeeeeeeee'
const CERTIFICATE = fs.readFileSync(path.join(keys, 'TEST-ONLY-main-private-pkcs8.pem'), 'utf8')
const IMPORT_DELAY_MS = 200

// The Express example's own copy of the package (the local Node addon), to mint renew secrets.
const { Signer } = createRequire(path.join(expressDir, 'app.js'))('@munityapps/secrets')

function tamper(secret) {
  const at = secret.lastIndexOf('.') + 10
  return secret.slice(0, at) + (secret[at] === 'A' ? 'B' : 'A') + secret.slice(at + 1)
}

/**
 * The sandbox (its `serve` example), the Express example (`node server.js`, minting through munityRouter) whose
 * page loads the sandbox's sdk.js, and a headless Chromium: all stopped after the test.
 */
async function startStack(t) {
  assert.ok(fs.existsSync(sandboxBin), `build the sandbox first: cargo build -p munity-secrets-sandbox --example serve (${sandboxBin})`)
  assert.ok(fs.existsSync(chromiumPath), `install Chromium: apt-get install chromium (${chromiumPath})`)

  const [, sandboxUrl] = await startProcess(
    t,
    'sandbox',
    sandboxBin,
    ['--public-key', path.join(keys, 'TEST-ONLY-main-public-spki.pem'), '--port', '0', '--import-delay-ms', String(IMPORT_DELAY_MS)],
    {},
    /sandbox listening on (http:\/\/127\.0\.0\.1:\d+)/,
  )
  const [, expressUrl] = await startProcess(
    t,
    'express',
    process.execPath,
    ['server.js'],
    {
      cwd: expressDir,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        MUNITY_CERTIFICATE: CERTIFICATE,
        MUNITY_WORKSPACE_ID: WORKSPACE,
        MUNITY_SANDBOX_URL: sandboxUrl,
      },
    },
    /listening on (http:\/\/127\.0\.0\.1:\d+)/,
  )
  // The page and the sandbox are two origins (another port): the sandbox's CORS is exercised.
  assert.notEqual(new URL(expressUrl).origin, new URL(sandboxUrl).origin)

  const context = await launchBrowser(t, chromiumPath)

  return { sandboxUrl, expressUrl, context }
}

/** A new page in the browser, recording its uncaught errors and the requests to the secret endpoint. */
async function openPage(context) {
  const page = await context.newPage()
  const pageErrors = []
  const secretRequests = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/munity/secret') secretRequests.push(request.url())
  })
  return { page, pageErrors, secretRequests }
}

test('the Express page connects, renews and is refused a tampered secret through the sandbox, in Chromium', { timeout: 180_000 }, async (t) => {
  const { sandboxUrl, expressUrl, context } = await startStack(t)
  const { page, pageErrors, secretRequests } = await openPage(context)

  await page.goto(`${expressUrl}/`)
  await page.waitForFunction(() => typeof window.connect === 'function', null, { timeout: 10_000 })
  assert.equal(await page.evaluate(() => window.connect.sandboxUrl), sandboxUrl, 'sdk.js knows the sandbox from its own src')

  // 1. Connect: the page mints a secret with the Express backend and calls connect('jira', secret, cb).
  const connected = await page.evaluate(async () => {
    const response = await fetch('/munity/secret?connector=jira', { credentials: 'same-origin' })
    const { secret, expiresAt } = await response.json()
    const events = []
    const result = await window.connect('jira', secret, (event) => events.push(event))
    return { secret, expiresAt, cacheControl: response.headers.get('cache-control'), events, result }
  })
  assert.equal(connected.cacheControl, 'no-store')
  assert.match(connected.expiresAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/, 'the answer carries the expiry')
  assert.equal(connected.result, true, 'the Promise resolves true')
  assert.deepEqual(connected.events.map((e) => e.type), ['READY', 'IMPORT_DONE'])
  for (const event of connected.events) {
    assert.equal(event.status, event.type, 'status carries the same value as type')
    assert.equal(typeof event.message, 'string')
    assert.equal(event.secret_kind, 'connect')
    assert.equal(event.connector, 'jira')
    assert.equal(event.workspace_id, WORKSPACE)
  }
  const { integration_id: integrationId, customer_id: customerId } = connected.events[0]
  assert.match(integrationId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  assert.equal(connected.events[1].integration_id, integrationId)
  assert.match(customerId, /^customer[0-9]+$/)

  const listed = await (await fetch(`${sandboxUrl}/v1/integrations`)).json()
  const integration = listed.integrations.find((i) => i.integration_id === integrationId)
  assert.ok(integration, 'the sandbox registered the integration')
  assert.equal(integration.customer_id, customerId)
  assert.equal(integration.connector, 'jira')
  assert.equal(integration.status, 'ready')

  // 2. Renew: a renew secret for that integration (minted by the backend's library) succeeds.
  const signer = new Signer(CERTIFICATE)
  const renewSecret = signer.renewSecret({ customerId, workspaceId: WORKSPACE, integrationId })
  const renewed = await page.evaluate(async (secret) => {
    const events = []
    const result = await window.connect('jira', secret, (event) => events.push(event))
    return { events, result }
  }, renewSecret)
  assert.equal(renewed.result, true)
  assert.deepEqual(renewed.events.map((e) => [e.type, e.secret_kind, e.integration_id]), [
    ['READY', 'renew', integrationId],
    ['IMPORT_DONE', 'renew', integrationId],
  ])

  // A renew secret naming an integration the sandbox does not know rejects.
  const unknown = signer.renewSecret({ customerId, workspaceId: WORKSPACE, integrationId: '00000000-0000-4000-8000-000000000000' })
  const refusedRenew = await page.evaluate(async (secret) => {
    try {
      await window.connect('jira', secret, () => {})
      return null
    } catch (error) {
      return error
    }
  }, unknown)
  assert.equal(refusedRenew.code, 'UNKNOWN_INTEGRATION')
  assert.match(refusedRenew.message, /^unknown integration 00000000-0000-4000-8000-000000000000/)

  // 3. Tampered: the Promise rejects with the verifier's own error, and the callback sees it too.
  const refused = await page.evaluate(async (secret) => {
    const events = []
    try {
      const result = await window.connect('jira', secret, (event) => events.push(event))
      return { result, events }
    } catch (error) {
      return { error, events }
    }
  }, tamper(connected.secret))
  assert.ok(refused.error, `a tampered secret must reject, got ${JSON.stringify(refused)}`)
  assert.equal(refused.error.type, 'error')
  assert.equal(refused.error.status, 'error')
  assert.equal(refused.error.code, 'BAD_SIGNATURE')
  assert.equal(refused.error.kind, 'BadSignature')
  assert.match(refused.error.message, /^bad signature: /)
  assert.deepEqual(refused.events, [refused.error])

  // Bad calls reject with the same error shape: checked in the page (bad arguments), by the sandbox
  // (its 4xx JSON), and a throwing callback does not break the flow.
  const misuse = await page.evaluate(async (secret) => {
    const outcome = async (promise) => promise.then((value) => ({ value }), (error) => ({ error }))
    return {
      noConnector: await outcome(window.connect('', secret, () => {})),
      badConnector: await outcome(window.connect('ji ra', secret, () => {})),
      badConfig: await outcome(window.connect('jira', secret, () => {}, 'not an object')),
      throwingCallback: await outcome(window.connect('jira', secret, () => { throw new Error('callback bug') })),
    }
  }, renewSecret)
  assert.equal(misuse.noConnector.error.code, 'BAD_REQUEST')
  assert.equal(misuse.noConnector.error.status, 'error')
  assert.equal(misuse.badConnector.error.code, 'BAD_REQUEST')
  assert.match(misuse.badConnector.error.message, /^connector must be/)
  assert.equal(misuse.badConfig.error.code, 'BAD_REQUEST')
  assert.equal(misuse.throwingCallback.value, true)

  // 4. The page's own button runs the same flow through its secretSource (docs/frontend.md): its status shows the
  // last event, IMPORT_DONE; a second click reuses the secret it holds (600 s left), without a request.
  const before = secretRequests.length
  for (const click of [1, 2]) {
    await page.evaluate(() => {
      document.getElementById('status').textContent = ''
    })
    await page.click('#connect')
    await page.waitForFunction(() => document.getElementById('status').textContent.includes('IMPORT_DONE'), null, { timeout: 10_000 })
    const shown = JSON.parse(await page.textContent('#status'))
    assert.equal(shown.type, 'IMPORT_DONE', `click ${click}`)
    assert.equal(shown.customer_id, customerId, 'the same signed-in user')
  }
  assert.deepEqual(secretRequests.slice(before).map((url) => new URL(url).search), ['?connector=jira'], 'one request for two clicks')
  if (process.env.E2E_SCREENSHOT) await page.screenshot({ path: process.env.E2E_SCREENSHOT })

  assert.deepEqual(pageErrors, [], 'no uncaught error in the page')
})

/** The secretSource function of docs/frontend.md, as written there (the copy pages paste). */
function documentedSecretSource() {
  const doc = fs.readFileSync(path.join(root, 'docs', 'frontend.md'), 'utf8')
  const match = doc.match(/^function secretSource\(url, minValidity = 60\) \{\n[\s\S]*?\n\}\n/m)
  assert.ok(match, 'docs/frontend.md has the secretSource function')
  return match[0]
}

test('the refresh pattern: docs/frontend.md and Munity.secretSource fetch a fresh secret only when it is about to lapse', { timeout: 180_000 }, async (t) => {
  const { expressUrl, context } = await startStack(t)
  const { page, pageErrors, secretRequests } = await openPage(context)
  // The page's clock is Playwright's (it runs at the real pace until moved forward); the servers' clocks are real.
  await page.clock.install()
  await page.goto(`${expressUrl}/`)
  await page.waitForFunction(() => typeof window.Munity === 'object' && typeof window.connect === 'function', null, { timeout: 10_000 })
  await page.addScriptTag({ content: `${documentedSecretSource()}\nwindow.documentedSecretSource = secretSource\n` })

  // The example mints for 600 s; both sources refetch with less than 60 s left.
  const sources = {
    'docs/frontend.md': () => {
      const secretFor = window.documentedSecretSource('/munity/secret')
      window.source = { get: (connector) => secretFor(connector) }
    },
    'Munity.secretSource': () => {
      window.source = window.Munity.secretSource('/munity/secret')
    },
  }
  for (const [name, create] of Object.entries(sources)) {
    await page.evaluate(create)
    const start = secretRequests.length
    const first = await page.evaluate(() => window.source.get('jira'))
    const second = await page.evaluate(() => window.source.get('jira'))
    assert.equal(second, first, `${name}: the secret held is reused`)
    assert.equal(secretRequests.length - start, 1, `${name}: one request for two gets`)
    assert.match(secretRequests[start], /\/munity\/secret\?connector=jira$/)

    // 530 s later 70 s remain: still held. 20 s more, 50 s remain: a fresh one is fetched, then held.
    await page.clock.fastForward(530_000)
    await page.evaluate(() => window.source.get('jira'))
    assert.equal(secretRequests.length - start, 1, `${name}: 70 s left, no request`)
    await page.clock.fastForward(20_000)
    const fresh = await page.evaluate(() => window.source.get('jira'))
    assert.equal(secretRequests.length - start, 2, `${name}: 50 s left, a new request`)
    await page.evaluate(() => window.source.get('jira'))
    assert.equal(secretRequests.length - start, 2, `${name}: the fresh secret is held`)
    assert.equal(typeof fresh, 'string')

    // Another connector is asked for separately.
    await page.evaluate(() => window.source.get('asana'))
    assert.match(secretRequests.at(-1), /\?connector=asana$/)
  }

  // Munity.secretSource: concurrent gets share one request; connect() with a fresh secret; bad connector.
  const start = secretRequests.length
  const concurrent = await page.evaluate(async () => {
    const source = window.Munity.secretSource('/munity/secret', { minValidity: 120 })
    const secrets = await Promise.all([source.get('jira'), source.get('jira'), source.get('jira')])
    const events = []
    const result = await source.connect('jira', (event) => events.push(event.type))
    const badConnector = await source.get('').then(() => null, (error) => error)
    return { same: new Set(secrets).size === 1, result, events, badConnector, url: source.url, minValidity: source.minValidity }
  })
  assert.equal(concurrent.same, true)
  assert.equal(secretRequests.length - start, 1, 'three concurrent gets and a connect: one request')
  assert.equal(concurrent.result, true)
  assert.deepEqual(concurrent.events, ['READY', 'IMPORT_DONE'])
  assert.equal(concurrent.badConnector.code, 'BAD_REQUEST')
  assert.equal(concurrent.badConnector.kind, 'SecretSource')
  assert.deepEqual([concurrent.url, concurrent.minValidity], ['/munity/secret', 120])

  // Signed out (the session cookie is gone): both reject, naming the endpoint's error; a failure is not cached.
  await context.clearCookies()
  const refused = await page.evaluate(async () => {
    const outcome = (promise) => promise.then((value) => ({ value }), (error) => ({ error: { message: error.message, code: error.code, kind: error.kind, type: error.type } }))
    const source = window.Munity.secretSource('/munity/secret')
    const events = []
    return {
      documented: await outcome(window.documentedSecretSource('/munity/secret')('jira')),
      sdk: await outcome(source.get('jira')),
      again: await outcome(source.get('jira')),
      connect: await outcome(source.connect('jira', (event) => events.push(event.code))),
      events,
    }
  })
  assert.match(refused.documented.error.message, /^could not get a secret: 401 UNAUTHENTICATED$/)
  for (const which of ['sdk', 'again', 'connect']) {
    assert.equal(refused[which].error.code, 'UNAUTHENTICATED', which)
    assert.equal(refused[which].error.kind, 'SecretSource')
    assert.equal(refused[which].error.type, 'error')
  }
  assert.deepEqual(refused.events, ['UNAUTHENTICATED'], 'the connect callback sees the error too')
  assert.deepEqual(pageErrors, [], 'no uncaught error in the page')
})
