'use strict'
// The API's conveniences: Date or seconds for `now`, Buffers for keys, JWK Sets as objects or text,
// fromEnv defaults, fingerprints, and results shaped as documented.
const test = require('node:test')
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const { Signer, Verifier, connectSecret, renewSecret, verifySecret, generateKeyPair } = require('..')
const { testKey, WORKSPACE, INTEGRATION } = require('./helpers.js')

const privatePem = testKey('main_private_pkcs8')
const publicPem = testKey('main_public_spki')
const claims = { customerId: 'customer1234', workspaceId: WORKSPACE }

test('now: seconds, fractional seconds and Dates mint the same secret', () => {
  const signer = new Signer(privatePem)
  const bySeconds = signer.connectSecret({ ...claims, expiresIn: 600, now: 1_732_752_000 })
  assert.equal(signer.connectSecret({ ...claims, expiresIn: 600, now: 1_732_752_000.9 }), bySeconds)
  assert.equal(signer.connectSecret({ ...claims, expiresIn: 600, now: new Date(1_732_752_000_500) }), bySeconds)
  const verified = new Verifier(publicPem).verify(bySeconds, { now: new Date(1_732_752_000_000) })
  assert.deepEqual(verified.expiresAt, new Date(1_732_752_600_000))
})

test('results have every documented field', async () => {
  const signer = new Signer(Buffer.from(privatePem))
  const secret = signer.renewSecret({ ...claims, integrationId: INTEGRATION.toUpperCase(), name: 'n', keyId: 'k1' })
  const jwk = { ...crypto.createPublicKey(publicPem).export({ format: 'jwk' }), kid: 'k1' }
  for (const verifier of [Verifier.fromJwks({ keys: [jwk] }), Verifier.fromJwks(JSON.stringify({ keys: [jwk] })), Verifier.fromJwks(jwk)]) {
    const result = await verifier.verifyAsync(secret, { expect: 'renew' })
    assert.deepEqual(Object.keys(result).sort(), ['customerId', 'expiresAt', 'fingerprint', 'integrationId', 'issuedAt', 'keyId', 'kind', 'name', 'notBefore', 'workspaceId'])
    assert.deepEqual(result, {
      kind: 'renew',
      customerId: 'customer1234',
      workspaceId: WORKSPACE,
      name: 'n',
      integrationId: INTEGRATION,
      expiresAt: null,
      issuedAt: null,
      notBefore: null,
      keyId: 'k1',
      fingerprint: signer.fingerprint,
    })
    assert.deepEqual(verifier.fingerprints, [signer.fingerprint])
  }
})

test('fromEnv reads MUNITY_CERTIFICATE and MUNITY_PUBLIC_KEY by default', (t) => {
  const saved = { c: process.env.MUNITY_CERTIFICATE, p: process.env.MUNITY_PUBLIC_KEY }
  t.after(() => {
    for (const [k, v] of [['MUNITY_CERTIFICATE', saved.c], ['MUNITY_PUBLIC_KEY', saved.p]]) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  })
  // As a key often arrives from an environment: one line, with literal \n.
  process.env.MUNITY_CERTIFICATE = privatePem.replaceAll('\n', '\\n')
  process.env.MUNITY_PUBLIC_KEY = publicPem
  const signer = Signer.fromEnv()
  const verifier = Verifier.fromEnv()
  assert.ok(signer instanceof Signer)
  assert.ok(verifier instanceof Verifier)
  assert.equal(verifier.verify(signer.connectSecret(claims)).fingerprint, signer.fingerprint)
})

test('one-call functions agree with the objects, and with generated keys', () => {
  const { privateKey, publicKey } = generateKeyPair()
  assert.match(privateKey, /^-----BEGIN PRIVATE KEY-----/)
  assert.match(publicKey, /^-----BEGIN PUBLIC KEY-----/)
  const options = { ...claims, name: 'x', expiresIn: 60, now: 1_800_000_000 }
  assert.equal(connectSecret(privateKey, options), new Signer(privateKey).connectSecret(options))
  const renew = renewSecret(privateKey, { ...options, integrationId: INTEGRATION })
  assert.equal(verifySecret(publicKey, renew, { now: 1_800_000_000 }).kind, 'renew')
  assert.equal(generateKeyPair(3072).privateKey.length > privateKey.length, true)
})
