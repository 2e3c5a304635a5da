'use strict'
// 1,000 connectSecretAsync calls in flight at once: all resolve, each to its own customer, all verify;
// and the event loop keeps turning while they run (a setImmediate counter advances before the last
// one resolves). No wall-clock threshold anywhere.
const test = require('node:test')
const assert = require('node:assert/strict')
const { Signer, Verifier } = require('..')
const { testKey, WORKSPACE } = require('./helpers.js')

const signer = new Signer(testKey('main_private_pkcs8'))
const verifier = new Verifier(testKey('main_public_spki'))

function startTicker() {
  const ticker = { count: 0, stopped: false }
  const tick = () => {
    if (ticker.stopped) return
    ticker.count++
    setImmediate(tick)
  }
  setImmediate(tick)
  return ticker
}

test('1,000 connectSecretAsync in flight resolve and verify, and the event loop keeps turning', async () => {
  const N = 1000
  const ticker = startTicker()
  const ticksAtResolution = new Array(N)
  const promises = []
  for (let i = 0; i < N; i++) {
    promises.push(
      signer.connectSecretAsync({ customerId: `customer${i}`, workspaceId: WORKSPACE }, { expiresIn: 600 }).then((secret) => {
        ticksAtResolution[i] = ticker.count
        return secret
      }),
    )
  }
  assert.equal(ticker.count, 0, 'nothing ran yet: all 1,000 were submitted before the loop turned')
  const secrets = await Promise.all(promises)
  ticker.stopped = true
  assert.equal(secrets.length, N)
  assert.equal(new Set(secrets).size, N)
  for (let i = 0; i < N; i++) {
    assert.equal(verifier.verify(secrets[i], { expect: 'connect' }).customerId, `customer${i}`)
  }
  const last = Math.max(...ticksAtResolution)
  const first = Math.min(...ticksAtResolution)
  assert.ok(last > 0, 'the event loop turned before the last secret was minted')
  assert.ok(last > first, 'the event loop kept turning between completions')
})

test('1,000 verifyAsync in flight, mixed with failures, all settle correctly', async () => {
  const good = signer.connectSecret({ customerId: 'customer1', workspaceId: WORKSPACE })
  const ticker = startTicker()
  const results = await Promise.allSettled(
    Array.from({ length: 1000 }, (_, i) => verifier.verifyAsync(i % 10 === 0 ? good.slice(0, -4) + 'AAAA' : good)),
  )
  ticker.stopped = true
  assert.ok(ticker.count > 0)
  results.forEach((r, i) => {
    if (i % 10 === 0) {
      assert.equal(r.status, 'rejected')
      assert.equal(r.reason.code, 'BAD_SIGNATURE')
    } else {
      assert.equal(r.status, 'fulfilled')
      assert.equal(r.value.customerId, 'customer1')
    }
  })
})

test('a synchronous batch blocks the loop, for contrast (the ticker does not advance)', () => {
  const ticker = startTicker()
  for (let i = 0; i < 20; i++) signer.connectSecret({ customerId: `customer${i}`, workspaceId: WORKSPACE })
  assert.equal(ticker.count, 0)
  ticker.stopped = true
})
