#!/usr/bin/env node
// Soak test of the Node package: 1,000,000 sign+verify cycles with ONE Signer and ONE Verifier,
// RSS sampled every 100,000 cycles. Passes when RSS grows less than 5 MB after warm-up (the first
// sample). Every 10th cycle also verifies a tampered secret, so the error path is soaked too.
// Not part of CI (about 15-30 minutes). Needs the addon built (scripts/test-node.sh):
//
//     node --expose-gc scripts/soak-node.js [CYCLES] [SAMPLE_EVERY]
//
// With --expose-gc the JS heap is collected before each sample, so the curve shows native memory,
// not V8's garbage. Uses the TEST-ONLY key from tests/vectors/keys; prints no key material.
'use strict'
const fs = require('node:fs')
const path = require('node:path')
const { Signer, Verifier, MunitySecretError } = require('../bindings-node')

const keys = path.join(__dirname, '..', 'tests', 'vectors', 'keys')
const LIMIT_MB = 5
const cycles = Number(process.argv[2] || 1_000_000)
const every = Number(process.argv[3] || 100_000)

const signer = new Signer(fs.readFileSync(path.join(keys, 'TEST-ONLY-main-private-pkcs8.pem'), 'utf8'))
const verifier = new Verifier(fs.readFileSync(path.join(keys, 'TEST-ONLY-main-public-spki.pem'), 'utf8'))
const workspaceId = '11111111-2222-3333-aaaa-eeeeeeeeeeee'
const mb = (bytes) => bytes / 1024 / 1024

console.log(`soak-node: node ${process.version}, ${cycles} cycles, RSS every ${every}, gc ${typeof global.gc === 'function'}`)
console.log(`${'cycles'.padStart(9)} ${'rss_mb'.padStart(8)} ${'delta_mb'.padStart(8)} ${'heap_mb'.padStart(8)} ${'cycles/s'.padStart(8)}`)
const samples = []
const start = Date.now()
let last = start
for (let i = 1; i <= cycles; i++) {
  const customerId = `customer${i % 1000}`
  const secret = signer.connectSecret({ customerId, workspaceId, name: `Soak \u00e9 ${i % 97}` }, { expiresIn: 600 })
  const verified = verifier.verify(secret, { expect: 'connect' })
  if (verified.customerId !== customerId) throw new Error(`cycle ${i}: wrong claims back`)
  if (i % 10 === 0) {
    const tampered = secret.slice(0, -4) + (secret.endsWith('AAAA') ? 'BBBB' : 'AAAA')
    let refused = false
    try {
      verifier.verify(tampered)
    } catch (error) {
      if (!(error instanceof MunitySecretError)) throw error
      refused = true
    }
    if (!refused) throw new Error(`cycle ${i}: a tampered secret verified`)
  }
  if (i % every === 0) {
    if (typeof global.gc === 'function') global.gc()
    const now = Date.now()
    const usage = process.memoryUsage()
    const rss = mb(usage.rss)
    samples.push(rss)
    const delta = rss - samples[0]
    console.log(
      `${String(i).padStart(9)} ${rss.toFixed(1).padStart(8)} ${((delta >= 0 ? '+' : '') + delta.toFixed(1)).padStart(8)} ` +
        `${mb(usage.heapUsed).toFixed(1).padStart(8)} ${String(Math.round((every * 1000) / (now - last))).padStart(8)}`,
    )
    last = now
  }
}
const growth = samples.length ? Math.max(...samples) - samples[0] : 0
const verdict = growth < LIMIT_MB ? 'PASS' : 'FAIL'
console.log(`soak-node: ${verdict}: RSS growth after warm-up ${growth.toFixed(1)} MB (limit ${LIMIT_MB} MB), ${Math.round((Date.now() - start) / 1000)} s`)
process.exitCode = verdict === 'PASS' ? 0 : 1
