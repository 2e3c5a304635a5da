'use strict'
// End to end, in headless Chromium: the sandbox service (its `serve` example binary), the Django example
// (examples/django under uvicorn, minting with munity_secrets.django) whose page renders
// {% munity_connect_button connector="jira" %} with the sandbox's sdk.js, and a signed-in user clicking it:
// the button fetches a secret only when the one it holds is about to lapse (on the page's clock corrected by the
// answer's Date header), then calls connect().
//
// Needs: the sandbox example binary (SANDBOX_BIN, default target/debug/examples/serve), a Python with the
// munity-secrets wheel, Django and uvicorn installed (PYTHON, default .venv/bin/python: scripts/test-python.sh
// makes it), and Chromium at CHROMIUM (default /usr/bin/chromium). scripts/test-sandbox.sh provides all three.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { execFileSync } = require('node:child_process')
const { launchBrowser } = require('../lib/browser')
const { startProcess } = require('../lib/processes')

const root = path.resolve(__dirname, '..', '..', '..')
const keys = path.join(root, 'tests', 'vectors', 'keys')
const djangoDir = path.join(root, 'examples', 'django')
const sandboxBin = process.env.SANDBOX_BIN || path.join(root, 'target', 'debug', 'examples', 'serve')
const python = process.env.PYTHON || path.join(root, '.venv', 'bin', 'python')
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium'
const WORKSPACE = '11111111-2222-3333-aaaa-eeeeeeeeeeee'
const CERTIFICATE = fs.readFileSync(path.join(keys, 'TEST-ONLY-main-private-pkcs8.pem'), 'utf8')
const PASSWORD = 'pw-for-e2e-tests'
const LIFETIME = 3600 // MUNITY_EXPIRES_IN of the Django app
const MARGIN = 60 // the button's default refresh margin

test('the Django page connects through the sandbox with the template tag, refreshing its secret only when it lapses, in Chromium', { timeout: 180_000 }, async (t) => {
  assert.ok(fs.existsSync(sandboxBin), `build the sandbox first: cargo build -p munity-secrets-sandbox --example serve (${sandboxBin})`)
  assert.ok(fs.existsSync(python), `run scripts/test-python.sh first (it makes ${python} with the wheel and Django)`)
  assert.ok(fs.existsSync(chromiumPath), `install Chromium: apt-get install chromium (${chromiumPath})`)

  const [, sandboxUrl] = await startProcess(
    t,
    'sandbox',
    sandboxBin,
    ['--public-key', path.join(keys, 'TEST-ONLY-main-public-spki.pem'), '--port', '0', '--import-delay-ms', '200'],
    {},
    /sandbox listening on (http:\/\/127\.0\.0\.1:\d+)/,
  )

  // A fresh database with one user, made by manage.py as a deployment would.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'munity-django-e2e-'))
  t.after(() => fs.rmSync(work, { recursive: true, force: true }))
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MUNITY_'))),
    DJANGO_SETTINGS_MODULE: 'munity_demo.settings',
    DJANGO_DB: path.join(work, 'db.sqlite3'),
    DJANGO_SUPERUSER_PASSWORD: PASSWORD,
    MUNITY_CERTIFICATE: CERTIFICATE,
    MUNITY_WORKSPACE_ID: WORKSPACE,
    MUNITY_EXPIRES_IN: String(LIFETIME),
    MUNITY_SANDBOX_URL: sandboxUrl,
  }
  execFileSync(python, ['manage.py', 'migrate', '--noinput', '-v', '0'], { cwd: djangoDir, env })
  execFileSync(python, ['manage.py', 'createsuperuser', '--noinput', '--username', 'ada', '--email', 'ada@example.com'], { cwd: djangoDir, env, stdio: 'ignore' })
  const [, djangoUrl] = await startProcess(t, 'django', python, ['serve.py', 'asgi', '--port', '0'], { cwd: djangoDir, env }, /listening on (http:\/\/127\.0\.0\.1:\d+) /)
  assert.notEqual(new URL(djangoUrl).origin, new URL(sandboxUrl).origin)

  const context = await launchBrowser(t, chromiumPath)
  const page = context.pages()[0] || (await context.newPage())
  const pageErrors = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  // Every answer of the secret endpoint the page receives, in order.
  const answered = []
  page.on('response', (response) => {
    if (new URL(response.url()).pathname === '/munity/secret') {
      answered.push(response.json().then((body) => ({ status: response.status(), cacheControl: response.headers()['cache-control'], body })))
    }
  })

  // Sign in through Django's login form; it redirects to the connect page.
  await page.goto(`${djangoUrl}/`)
  assert.match(page.url(), /\/accounts\/login\/\?next=\/$/)
  await page.fill('input[name=username]', 'ada')
  await page.fill('input[name=password]', PASSWORD)
  await Promise.all([page.waitForURL(`${djangoUrl}/`), page.click('button[type=submit]')])
  await page.waitForFunction(() => typeof window.connect === 'function' && typeof window.munityConnectButtons === 'object', null, { timeout: 10_000 })
  assert.equal(await page.evaluate(() => window.connect.sandboxUrl), sandboxUrl, 'the tag loaded sdk.js from MUNITY_SANDBOX_URL')

  const button = 'button[data-munity-connector="jira"]'
  /** Clicks the button and waits for the flow's last event (shown by the page in #status). */
  async function click() {
    await page.evaluate(() => { document.getElementById('status').textContent = '' })
    await page.click(button)
    await page.waitForFunction(() => /IMPORT_DONE|"type":"error"/.test(document.getElementById('status').textContent), null, { timeout: 10_000 })
    return { last: JSON.parse(await page.textContent('#status')), answers: await Promise.all(answered) }
  }

  // 1. The first click fetches a secret for the signed-in user and connects with it.
  const { last: first, answers } = await click()
  assert.equal(first.type, 'IMPORT_DONE')
  assert.equal(first.customer_id, 'user1', "the app's default customer id: user<pk>")
  assert.equal(first.workspace_id, WORKSPACE)
  assert.equal(first.connector, 'jira')
  assert.equal(first.secret_kind, 'connect')
  assert.equal(answers.length, 1)
  assert.equal(answers[0].status, 200)
  assert.match(answers[0].cacheControl, /(^|, )no-store(,|$)/)
  assert.deepEqual(Object.keys(answers[0].body).sort(), ['expiresAt', 'secret'])
  const expiresAt = Date.parse(answers[0].body.expiresAt)
  assert.match(answers[0].body.expiresAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/)
  const lifetimeLeft = (expiresAt - Date.now()) / 1000
  assert.ok(lifetimeLeft > LIFETIME - 120 && lifetimeLeft <= LIFETIME + 1, `expiresAt is about an hour ahead: ${lifetimeLeft} s`)

  const listed = await (await fetch(`${sandboxUrl}/v1/integrations`)).json()
  const integration = listed.integrations.find((i) => i.integration_id === first.integration_id)
  assert.ok(integration, 'the sandbox registered the integration')
  assert.equal(integration.customer_id, 'user1')
  assert.equal(integration.status, 'ready')

  // 2. A second click while the held secret has more than the margin left: connect() again, no fetch.
  const second = await click()
  assert.equal(second.last.type, 'IMPORT_DONE')
  assert.equal(second.last.customer_id, 'user1')
  assert.equal(second.answers.length, 1, 'the held secret was reused')

  // 3. The page's clock moves to within the margin of expiresAt: the click fetches a fresh secret first.
  const shift = expiresAt - Date.now() - (MARGIN - 10) * 1000
  await page.evaluate((ms) => {
    const realNow = Date.now
    Date.now = () => realNow.call(Date) + ms
  }, shift)
  const third = await click()
  assert.equal(third.last.type, 'IMPORT_DONE')
  assert.equal(third.answers.length, 2, 'a fresh secret was fetched before connect()')
  assert.equal(third.answers[1].status, 200)
  assert.ok(Date.parse(third.answers[1].body.expiresAt) >= expiresAt)

  // The page's clock is now an hour ahead of the server's: the Date header of that answer told the button so,
  // and it keeps the fresh secret (read on the server's clock it has an hour left; on the page's, under a minute).
  const fourth = await click()
  assert.equal(fourth.last.type, 'IMPORT_DONE')
  assert.equal(fourth.answers.length, 2, 'the clock skew from the Date header keeps the fresh secret')

  // 4. Signed out, with the held secret lapsed: the endpoint's 401 reaches the page as munity:error.
  await context.clearCookies()
  await page.evaluate((ms) => {
    const realNow = Date.now
    Date.now = () => realNow.call(Date) + ms
  }, 2 * LIFETIME * 1000)
  const refused = await click()
  assert.equal(refused.last.type, 'error')
  assert.equal(refused.last.code, 'UNAUTHENTICATED')
  assert.equal(refused.answers.length, 3)
  assert.equal(refused.answers[2].status, 401)
  assert.match(refused.answers[2].cacheControl, /(^|, )no-store(,|$)/)
  assert.equal(await page.isDisabled(button), false, 'the button is usable again')
  if (process.env.E2E_SCREENSHOT) await page.screenshot({ path: process.env.E2E_SCREENSHOT })

  assert.deepEqual(pageErrors, [], 'no uncaught error in the page')
})
