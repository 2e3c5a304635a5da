'use strict'
// The API's surface in Node's idiom: (claims, options) calls, the default expiry and its explicit
// alternatives, a signer bound to its workspace, signer.verifier(), verifiers from arrays, Buffers
// and JWK Sets, fromEnv, keyIds, mint's { secret, kind, expiresAt }, version and the default constants.
const test = require('node:test')
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const fs = require('node:fs')
const path = require('node:path')
const secrets = require('..')
const { Signer, Verifier, InvalidClaimError, connectSecret, renewSecret, verifySecret, generateKeyPair } = secrets
const { root, testKey, WORKSPACE, INTEGRATION } = require('./helpers.js')

const privatePem = testKey('main_private_pkcs8')
const publicPem = testKey('main_public_spki')
const claims = { customerId: 'customer1234', workspaceId: WORKSPACE }
const NOW = 1_732_752_000

function payloadOf(secret) {
  return JSON.parse(Buffer.from(secret.split('.')[1], 'base64url').toString('utf8'))
}

function claimError(fn, claim, reason) {
  let error
  try {
    fn()
  } catch (e) {
    error = e
  }
  assert.ok(error instanceof InvalidClaimError, `expected an InvalidClaimError, got ${error && error.stack}`)
  assert.deepEqual([error.code, error.claim, error.reason], [`INVALID_CLAIM/${claim}`, claim, reason])
}

test('secrets expire by default: exp = now + DEFAULT_EXPIRES_IN (3600)', async () => {
  assert.equal(secrets.DEFAULT_EXPIRES_IN, 3600)
  const signer = new Signer(privatePem)
  for (const secret of [
    signer.connectSecret(claims, { now: NOW }),
    signer.connectSecret(claims, { now: NOW, expiresIn: undefined }),
    await signer.connectSecretAsync(claims, { now: NOW }),
    signer.renewSecret({ ...claims, integrationId: INTEGRATION }, { now: NOW }),
    connectSecret(privatePem, claims, { now: NOW }),
  ]) {
    assert.equal(payloadOf(secret).exp, NOW + 3600)
  }
  // Without options at all: the system clock, and still an exp.
  assert.equal(typeof payloadOf(signer.connectSecret(claims)).exp, 'number')
})

test('expiresIn: null mints without exp; expiresIn and expiresAt (Date or number) set it', () => {
  const signer = new Signer(privatePem)
  assert.equal(payloadOf(signer.connectSecret(claims, { expiresIn: null, now: NOW })).exp, undefined)
  assert.equal(payloadOf(signer.connectSecret(claims, { expiresIn: null })).exp, undefined)
  assert.equal(payloadOf(signer.connectSecret(claims, { expiresIn: 600, now: NOW })).exp, NOW + 600)
  const at = signer.connectSecret(claims, { expiresAt: NOW + 900, now: NOW })
  assert.equal(payloadOf(at).exp, NOW + 900)
  assert.equal(signer.connectSecret(claims, { expiresAt: new Date((NOW + 900) * 1000), now: new Date(NOW * 1000) }), at)
  assert.equal(payloadOf(signer.connectSecret(claims, { expiresAt: null, now: NOW })).exp, NOW + 3600, 'null expiresAt is absent')
  // The core's rules, for numbers and Dates alike, never clamped or truncated.
  claimError(() => signer.connectSecret(claims, { expiresIn: 1.5 }), 'expires_in', 'fractional')
  claimError(() => signer.connectSecret(claims, { expiresIn: secrets.MAX_EXPIRES_IN + 1 }), 'expires_in', 'out_of_range')
  claimError(() => signer.connectSecret(claims, { expiresAt: NOW, now: NOW }), 'expires_at', 'out_of_range')
  claimError(() => signer.connectSecret(claims, { expiresAt: new Date(NOW * 1000 + 1500), now: NOW }), 'expires_at', 'fractional')
  claimError(() => signer.connectSecret(claims, { now: secrets.MAX_NUMERIC_DATE + 1 }), 'now', 'out_of_range')
})

test('mint returns { secret, kind, expiresAt }, connect or renew by integrationId', async () => {
  const signer = new Signer(privatePem)
  const connect = signer.mint(claims, { now: NOW })
  assert.deepEqual(Object.keys(connect), ['secret', 'kind', 'expiresAt'])
  assert.equal(connect.secret, signer.connectSecret(claims, { now: NOW }))
  assert.equal(connect.kind, 'connect')
  assert.deepEqual(connect.expiresAt, new Date((NOW + 3600) * 1000))
  const renew = await signer.mintAsync({ ...claims, integrationId: INTEGRATION }, { expiresIn: null, now: NOW })
  assert.deepEqual(renew, {
    secret: signer.renewSecret({ ...claims, integrationId: INTEGRATION }, { expiresIn: null, now: NOW }),
    kind: 'renew',
    expiresAt: null,
  })
  assert.equal(signer.verifier().verify(renew.secret, { expect: 'renew' }).integrationId, INTEGRATION)
})

test('a signer bound to its workspace: calls name only the customer; another workspace is other_workspace', async () => {
  const bound = new Signer(privatePem, { workspaceId: WORKSPACE.toUpperCase() })
  assert.equal(bound.workspaceId, WORKSPACE)
  assert.equal(new Signer(privatePem).workspaceId, null)
  const secret = bound.connectSecret({ customerId: 'customer1234' }, { now: NOW })
  assert.equal(secret, new Signer(privatePem).connectSecret(claims, { now: NOW }))
  assert.equal(bound.connectSecret(claims, { now: NOW }), secret, 'naming the same workspace is fine')
  const other = '22222222-2222-3333-aaaa-eeeeeeeeeeee'
  claimError(() => bound.connectSecret({ customerId: 'customer1234', workspaceId: other }), 'workspace_id', 'other_workspace')
  await assert.rejects(bound.renewSecretAsync({ customerId: 'c1', workspaceId: other, integrationId: INTEGRATION }), {
    code: 'INVALID_CLAIM/workspace_id',
    reason: 'other_workspace',
  })
  // Unbound, the workspace is required: the core's missing, not a TypeError.
  claimError(() => new Signer(privatePem).connectSecret({ customerId: 'customer1234' }), 'workspace_id', 'missing')
  claimError(() => connectSecret(privatePem, { customerId: 'customer1234' }), 'workspace_id', 'missing')
  claimError(() => new Signer(privatePem, { workspaceId: 'not-a-uuid' }), 'workspace_id', 'invalid_uuid')
})

test('signer.verifier() verifies what the signer minted', () => {
  const signer = new Signer(privatePem)
  const verifier = signer.verifier()
  assert.ok(verifier instanceof Verifier)
  assert.deepEqual(verifier.fingerprints, [signer.fingerprint])
  assert.deepEqual(verifier.keyIds, [null])
  assert.equal(verifier.verify(signer.connectSecret(claims)).fingerprint, signer.fingerprint)
})

test('verifiers from a string, a Buffer, an array (merged), JWK Sets as objects or text; keyIds', async () => {
  const signer = new Signer(Buffer.from(privatePem))
  const other = generateKeyPair()
  const secret = signer.renewSecret({ ...claims, integrationId: INTEGRATION.toUpperCase(), name: 'n' }, { keyId: 'k1', now: NOW })
  const jwk = { ...crypto.createPublicKey(publicPem).export({ format: 'jwk' }), kid: 'k1' }
  const otherJwk = { ...crypto.createPublicKey(other.publicKey).export({ format: 'jwk' }), kid: 'k0' }
  const byJwks = [
    Verifier.fromJwks({ keys: [otherJwk, jwk] }),
    Verifier.fromJwks(JSON.stringify({ keys: [otherJwk, jwk] })),
    new Verifier([JSON.stringify(otherJwk), Buffer.from(JSON.stringify(jwk))]),
  ]
  for (const verifier of byJwks) {
    assert.deepEqual(verifier.keyIds, ['k0', 'k1'])
    assert.deepEqual(verifier.fingerprints, [new Signer(other.privateKey).fingerprint, signer.fingerprint])
    const result = await verifier.verifyAsync(secret, { expect: 'renew', now: NOW })
    assert.deepEqual(result, {
      kind: 'renew',
      customerId: 'customer1234',
      workspaceId: WORKSPACE,
      name: 'n',
      integrationId: INTEGRATION,
      expiresAt: new Date((NOW + 3600) * 1000),
      issuedAt: null,
      notBefore: null,
      keyId: 'k1',
      fingerprint: signer.fingerprint,
    })
  }
  const pems = new Verifier([other.publicKey, Buffer.from(publicPem)])
  assert.deepEqual(pems.keyIds, [null, null])
  assert.equal(pems.verify(signer.connectSecret(claims)).fingerprint, signer.fingerprint)
  assert.equal(verifySecret(Buffer.from(publicPem), signer.connectSecret(claims)).customerId, 'customer1234')
})

test('fromEnv: MUNITY_CERTIFICATE, bound by MUNITY_WORKSPACE_ID when set; MUNITY_PUBLIC_KEY', (t) => {
  const names = ['MUNITY_CERTIFICATE', 'MUNITY_WORKSPACE_ID', 'MUNITY_PUBLIC_KEY', 'MUNITY_TEST_CERT']
  const saved = Object.fromEntries(names.map((k) => [k, process.env[k]]))
  t.after(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  })
  assert.deepEqual(
    [secrets.CERTIFICATE_ENV, secrets.WORKSPACE_ID_ENV, secrets.PUBLIC_KEY_ENV],
    ['MUNITY_CERTIFICATE', 'MUNITY_WORKSPACE_ID', 'MUNITY_PUBLIC_KEY'],
  )
  // As a key often arrives from an environment: one line, with literal \n.
  process.env.MUNITY_CERTIFICATE = privatePem.replaceAll('\n', '\\n')
  process.env.MUNITY_PUBLIC_KEY = publicPem
  delete process.env.MUNITY_WORKSPACE_ID
  const unbound = Signer.fromEnv()
  assert.ok(unbound instanceof Signer)
  assert.equal(unbound.workspaceId, null)
  process.env.MUNITY_WORKSPACE_ID = WORKSPACE
  const bound = Signer.fromEnv()
  assert.equal(bound.workspaceId, WORKSPACE)
  assert.equal(Signer.fromEnv(secrets.CERTIFICATE_ENV, null).workspaceId, null, 'null: never bound')
  process.env.MUNITY_TEST_CERT = privatePem
  assert.equal(Signer.fromEnv('MUNITY_TEST_CERT').fingerprint, bound.fingerprint)
  const verifier = Verifier.fromEnv()
  assert.ok(verifier instanceof Verifier)
  assert.equal(verifier.verify(bound.connectSecret({ customerId: 'customer1234' })).workspaceId, WORKSPACE)
  process.env.MUNITY_WORKSPACE_ID = 'not-a-uuid'
  claimError(() => Signer.fromEnv(), 'workspace_id', 'invalid_uuid')
})

test('verify options: leeway and now are whole seconds checked by the core, never clamped', () => {
  const signer = new Signer(privatePem)
  const verifier = signer.verifier()
  const secret = signer.connectSecret(claims, { expiresIn: 600, now: NOW })
  assert.equal(verifier.verify(secret, { now: NOW + 600 + 59 }).customerId, 'customer1234', 'DEFAULT_LEEWAY 60')
  assert.equal(secrets.DEFAULT_LEEWAY, 60)
  assert.equal(verifier.verify(secret, { now: NOW + 600 + 100, leeway: 101 }).customerId, 'customer1234')
  assert.equal(verifier.verify(secret, { now: NOW + 600, leeway: secrets.MAX_LEEWAY }).customerId, 'customer1234')
  claimError(() => verifier.verify(secret, { leeway: -1 }), 'leeway', 'out_of_range')
  claimError(() => verifier.verify(secret, { leeway: secrets.MAX_LEEWAY + 1 }), 'leeway', 'out_of_range')
  claimError(() => verifier.verify(secret, { leeway: 1.5 }), 'leeway', 'fractional')
  claimError(() => verifySecret(publicPem, secret, { leeway: -1 }), 'leeway', 'out_of_range')
})

test('one-call functions agree with the objects, and with generated keys', () => {
  const { privateKey, publicKey } = generateKeyPair()
  assert.match(privateKey, /^-----BEGIN PRIVATE KEY-----/)
  assert.match(publicKey, /^-----BEGIN PUBLIC KEY-----/)
  const options = { expiresIn: 60, now: 1_800_000_000 }
  assert.equal(connectSecret(privateKey, { ...claims, name: 'x' }, options), new Signer(privateKey).connectSecret({ ...claims, name: 'x' }, options))
  const renew = renewSecret(privateKey, { ...claims, integrationId: INTEGRATION }, options)
  assert.equal(verifySecret(publicKey, renew, { now: 1_800_000_000 }).kind, 'renew')
  assert.equal(generateKeyPair(3072).privateKey.length > privateKey.length, true)
  assert.equal(secrets.DEFAULT_KEY_BITS, 2048)
})

test('version is the Cargo workspace version; the constants are the core defaults', () => {
  const cargo = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8')
  const version = cargo.split(/^\[workspace\.package\]\s*$/m)[1].match(/^version\s*=\s*"([^"]+)"/m)[1]
  assert.equal(secrets.version, version)
  assert.equal(secrets.MAX_EXPIRES_IN, 31_536_000)
  assert.equal(secrets.MAX_NUMERIC_DATE, 253_402_300_799)
  assert.equal(new Date(secrets.MAX_NUMERIC_DATE * 1000).toISOString(), '9999-12-31T23:59:59.000Z')
  assert.ok(Number.isInteger(secrets.MAX_LEEWAY) && secrets.MAX_LEEWAY >= 60)
})
