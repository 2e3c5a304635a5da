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
const os = require('node:os')
const path = require('node:path')
const { spawn } = require('node:child_process')
const { createRequire } = require('node:module')
const { chromium } = require('playwright-core')

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

/** Starts a process and waits for a line of its stdout matching `ready`; returns the match. */
function startProcess(t, name, command, args, options, ready) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    const timer = setTimeout(() => fail(new Error(`${name} did not start within 60 s`)), 60_000)
    function fail(error) {
      clearTimeout(timer)
      child.kill()
      reject(new Error(`${error.message}\n--- ${name} stdout:\n${out}\n--- ${name} stderr:\n${err}`))
    }
    child.stdout.setEncoding('utf8')
    child.stderr.setEncoding('utf8')
    child.stdout.on('data', (chunk) => {
      out += chunk
      const match = out.match(ready)
      if (match) {
        clearTimeout(timer)
        resolve(match)
      }
    })
    child.stderr.on('data', (chunk) => {
      err += chunk
    })
    child.on('error', fail)
    child.on('exit', (code, signal) => fail(new Error(`${name} exited (${code ?? signal}) before it was ready`)))
    t.after(() => {
      child.removeAllListeners('exit')
      child.kill()
    })
  })
}

function tamper(secret) {
  const at = secret.lastIndexOf('.') + 10
  return secret.slice(0, at) + (secret[at] === 'A' ? 'B' : 'A') + secret.slice(at + 1)
}

test('the Express page connects, renews and is refused a tampered secret through the sandbox, in Chromium', { timeout: 180_000 }, async (t) => {
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

  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'munity-sandbox-chromium-'))
  t.after(() => fs.rmSync(userDataDir, { recursive: true, force: true }))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  t.after(() => context.close())
  const page = context.pages()[0] || (await context.newPage())
  const pageErrors = []
  page.on('pageerror', (error) => pageErrors.push(error.message))

  await page.goto(`${expressUrl}/`)
  await page.waitForFunction(() => typeof window.connect === 'function', null, { timeout: 10_000 })
  assert.equal(await page.evaluate(() => window.connect.sandboxUrl), sandboxUrl, 'sdk.js knows the sandbox from its own src')

  // 1. Connect: the page mints a secret with the Express backend and calls connect('jira', secret, cb).
  const connected = await page.evaluate(async () => {
    const response = await fetch('/munity/secret', { credentials: 'same-origin' })
    const { secret } = await response.json()
    const events = []
    const result = await window.connect('jira', secret, (event) => events.push(event))
    return { secret, events, result }
  })
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

  // 4. The page's own button runs the same flow: its status shows the last event, IMPORT_DONE.
  await page.click('#connect')
  await page.waitForFunction(() => document.getElementById('status').textContent.includes('IMPORT_DONE'), null, { timeout: 10_000 })
  const shown = JSON.parse(await page.textContent('#status'))
  assert.equal(shown.type, 'IMPORT_DONE')
  assert.equal(shown.customer_id, customerId, 'the same signed-in user')
  if (process.env.E2E_SCREENSHOT) await page.screenshot({ path: process.env.E2E_SCREENSHOT })

  assert.deepEqual(pageErrors, [], 'no uncaught error in the page')
})
