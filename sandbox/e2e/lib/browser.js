'use strict'
// Starts headless Debian Chromium for one test with a throw-away profile, and tears both down after it.
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { chromium } = require('playwright-core')

// The flags the project's machines need: no sandbox as root, no GPU, and no background connections
// (the network is closed, and Chromium would retry them at every start).
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

async function launchBrowser(t, executablePath) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'munity-sandbox-chromium-'))
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath, headless: true, args: CHROMIUM_ARGS })
  // One hook, closing Chromium first (bounded: a browser that does not close must not hang the suite), then
  // removing its profile: removing it while Chromium still writes there fails with ENOTEMPTY.
  t.after(async () => {
    let timer
    await Promise.race([context.close(), new Promise((resolve) => { timer = setTimeout(resolve, 15_000) })])
    clearTimeout(timer)
    fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
  })
  return context
}

module.exports = { launchBrowser }
