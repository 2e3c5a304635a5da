'use strict'
// The result objects, which index.js builds from the addon's JSON text (one string across the boundary,
// see docs/benchmarks.md): plain objects with exactly the declared own data properties, in order, fresh
// Dates, and every string (JSON's special characters, non-ASCII, astral) back exactly as it went in.
const test = require('node:test')
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const secrets = require('..')
const { Signer, Verifier, verifySecret } = secrets
const { testKey, WORKSPACE, INTEGRATION } = require('./helpers.js')

const privatePem = testKey('main_private_pkcs8')
const publicPem = testKey('main_public_spki')
const NOW = 1_732_752_000
const VERIFIED_KEYS = ['kind', 'customerId', 'workspaceId', 'name', 'integrationId', 'expiresAt', 'issuedAt', 'notBefore', 'keyId', 'fingerprint']

function assertPlain(object, keys) {
  assert.equal(Object.getPrototypeOf(object), Object.prototype)
  assert.deepEqual(Object.keys(object), keys)
  for (const key of keys) {
    const descriptor = Object.getOwnPropertyDescriptor(object, key)
    assert.deepEqual([descriptor.writable, descriptor.enumerable, descriptor.configurable], [true, true, true], key)
    assert.ok(!('get' in descriptor), key)
  }
}

test('verify returns a plain object with the declared members, sync, async and one-call alike', async () => {
  const signer = new Signer(privatePem)
  const verifier = new Verifier(publicPem)
  const secret = signer.renewSecret({ customerId: 'customer1234', workspaceId: WORKSPACE, integrationId: INTEGRATION }, { now: NOW })
  const options = { now: NOW + 10 }
  const results = [verifier.verify(secret, options), await verifier.verifyAsync(secret, options), verifySecret(publicPem, secret, options)]
  for (const verified of results) {
    assertPlain(verified, VERIFIED_KEYS)
    assert.deepEqual(verified, results[0])
  }
  const [sync, async] = results
  assert.equal(sync.kind, 'renew')
  assert.equal(sync.integrationId, INTEGRATION)
  assert.ok(sync.expiresAt instanceof Date)
  assert.equal(sync.expiresAt.getTime(), (NOW + 3600) * 1000)
  assert.deepEqual([sync.issuedAt, sync.notBefore, sync.keyId, sync.name], [null, null, null, null])
  assert.notEqual(sync.expiresAt, async.expiresAt, 'each result has its own Date')
  sync.expiresAt.setTime(0)
  assert.equal(verifier.verify(secret, options).expiresAt.getTime(), (NOW + 3600) * 1000)
})

test('mint returns a plain { secret, kind, expiresAt }, sync and async alike', async () => {
  const signer = new Signer(privatePem)
  const claims = { customerId: 'customer1234', workspaceId: WORKSPACE }
  for (const minted of [signer.mint(claims, { now: NOW }), await signer.mintAsync(claims, { now: NOW })]) {
    assertPlain(minted, ['secret', 'kind', 'expiresAt'])
    assert.equal(minted.secret, signer.connectSecret(claims, { now: NOW }))
    assert.deepEqual([minted.kind, minted.expiresAt], ['connect', new Date((NOW + 3600) * 1000)])
  }
  const never = signer.mint(claims, { now: NOW, expiresIn: null })
  assert.equal(never.expiresAt, null)
  const last = signer.mint(claims, { now: secrets.MAX_NUMERIC_DATE - 10, expiresAt: secrets.MAX_NUMERIC_DATE })
  assert.equal(last.expiresAt.getTime(), secrets.MAX_NUMERIC_DATE * 1000, 'the last NumericDate, exactly')
})

test('strings come back exactly: quotes, backslashes, line separators, non-ASCII and astral characters', async () => {
  const signer = new Signer(privatePem)
  const keyId = 'k"\\/\u2028\u2029é😀</script>'
  const jwk = { ...crypto.createPublicKey(publicPem).export({ format: 'jwk' }), kid: keyId, alg: 'RS256', use: 'sig' }
  const verifier = Verifier.fromJwks({ keys: [jwk] })
  const name = 'Zoë "the" \\ 😀 \u2028 </script> {"a":[1]}'
  const secret = signer.connectSecret({ customerId: 'customer1234', workspaceId: WORKSPACE, name }, { keyId, now: NOW })
  for (const verified of [verifier.verify(secret, { now: NOW }), await verifier.verifyAsync(secret, { now: NOW })]) {
    assert.equal(verified.name, name)
    assert.equal(verified.keyId, keyId)
    assert.equal(verified.fingerprint, verifier.fingerprints[0])
  }
})
