'use strict'
// Every error code, on the sync and the async (Promise) paths, as MunitySecretError instances with
// their fields. Codes, classes and fields are asserted; message text never is.
const test = require('node:test')
const assert = require('node:assert/strict')
const jwt = require('jsonwebtoken')
const { Signer, Verifier, MunitySecretError, generateKeyPair, connectSecret, verifySecret } = require('..')
const { testKey, WORKSPACE } = require('./helpers.js')

const privateKey = testKey('main_private_pkcs8')
const publicKey = testKey('main_public_spki')
const signer = new Signer(privateKey)
const verifier = new Verifier(publicKey)
const claims = { customerId: 'customer1234', workspaceId: WORKSPACE }

function b64(json) {
  return Buffer.from(JSON.stringify(json)).toString('base64url')
}

function check(error, code, fields = {}) {
  assert.ok(error instanceof MunitySecretError, `expected a MunitySecretError, got ${error && error.stack}`)
  assert.ok(error instanceof Error)
  assert.equal(error.name, 'MunitySecretError')
  assert.equal(error.code, code)
  assert.equal(typeof error.message, 'string')
  assert.ok(error.message.length > 0)
  assert.equal(typeof error.kind, 'string')
  assert.equal(`ERR_${error.kind}`, code)
  assert.ok(error.detail.startsWith(error.kind))
  assert.match(String(error.stack), /^MunitySecretError: /)
  for (const [key, value] of Object.entries(fields)) assert.deepEqual(error[key], value, key)
}

function throwsCode(fn, code, fields) {
  let caught
  try {
    fn()
  } catch (e) {
    caught = e
  }
  assert.ok(caught, `expected ${code}`)
  check(caught, code, fields)
}

async function rejectsCode(promise, code, fields) {
  assert.ok(promise instanceof Promise, 'an async method returns a Promise, even when it fails')
  let caught
  try {
    await promise
  } catch (e) {
    caught = e
  }
  assert.ok(caught, `expected ${code}`)
  check(caught, code, fields)
}

test('ERR_INVALID_KEY with reason, from constructors, factories and one-call functions', () => {
  throwsCode(() => new Signer('not a key'), 'ERR_INVALID_KEY', { reason: 'malformed', detail: 'INVALID_KEY/malformed' })
  throwsCode(() => new Signer(publicKey), 'ERR_INVALID_KEY', { reason: 'not_private' })
  throwsCode(() => new Signer(testKey('rsa1024_private')), 'ERR_INVALID_KEY', { reason: 'too_small' })
  throwsCode(() => new Signer(testKey('ec_p256_private')), 'ERR_INVALID_KEY', { reason: 'not_rsa' })
  throwsCode(() => new Verifier(''), 'ERR_INVALID_KEY')
  throwsCode(() => Verifier.fromJwks({ keys: [] }), 'ERR_INVALID_KEY', { reason: 'no_key' })
  throwsCode(() => connectSecret('nope', claims), 'ERR_INVALID_KEY', { reason: 'malformed' })
  throwsCode(() => verifySecret('nope', 'a.b.c'), 'ERR_INVALID_KEY', { reason: 'malformed' })
  delete process.env.MUNITY_TEST_UNSET_VARIABLE
  throwsCode(() => Signer.fromEnv('MUNITY_TEST_UNSET_VARIABLE'), 'ERR_INVALID_KEY')
  throwsCode(() => Verifier.fromEnv('MUNITY_TEST_UNSET_VARIABLE'), 'ERR_INVALID_KEY')
})

test('ERR_INVALID_CLAIM with claim and reason, sync and async', async () => {
  const bad = { ...claims, customerId: 'customer-1234' }
  const fields = { claim: 'customer_id', reason: 'invalid_character', detail: 'INVALID_CLAIM/customer_id' }
  throwsCode(() => signer.connectSecret(bad), 'ERR_INVALID_CLAIM', fields)
  await rejectsCode(signer.connectSecretAsync(bad), 'ERR_INVALID_CLAIM', fields)
  throwsCode(() => signer.connectSecret({ ...claims, workspaceId: '{' + WORKSPACE + '}' }), 'ERR_INVALID_CLAIM', {
    claim: 'workspace_id',
    reason: 'invalid_uuid',
  })
  const renew = { ...claims, integrationId: 'nope' }
  throwsCode(() => signer.renewSecret(renew), 'ERR_INVALID_CLAIM', { claim: 'integration_id', reason: 'invalid_uuid' })
  await rejectsCode(signer.renewSecretAsync(renew), 'ERR_INVALID_CLAIM', { claim: 'integration_id' })
  throwsCode(() => signer.connectSecret({ ...claims, expiresIn: 0 }), 'ERR_INVALID_CLAIM', {
    claim: 'expires_in',
    reason: 'out_of_range',
  })
  throwsCode(() => signer.connectSecret({ ...claims, now: -1 }), 'ERR_INVALID_CLAIM', { claim: 'now' })
  throwsCode(() => signer.connectSecret({ ...claims, name: '   ' }), 'ERR_INVALID_CLAIM', { claim: 'name', reason: 'blank' })
  const renewSecret = signer.renewSecret({ ...claims, integrationId: WORKSPACE })
  throwsCode(() => verifier.verify(renewSecret, { expect: 'connect' }), 'ERR_INVALID_CLAIM', { reason: 'wrong_kind' })
  await rejectsCode(verifier.verifyAsync(renewSecret, { expect: 'connect' }), 'ERR_INVALID_CLAIM', { reason: 'wrong_kind' })
})

test('ERR_MALFORMED_SECRET, sync and async', async () => {
  throwsCode(() => verifier.verify('not.a secret'), 'ERR_MALFORMED_SECRET')
  throwsCode(() => verifier.verify(''), 'ERR_MALFORMED_SECRET')
  await rejectsCode(verifier.verifyAsync('a.b'), 'ERR_MALFORMED_SECRET')
})

test('ERR_UNSUPPORTED_ALGORITHM, sync and async', async () => {
  for (const alg of ['none', 'HS256', 'RS512', 'PS256']) {
    const secret = `${b64({ alg, typ: 'JWT' })}.${b64({ customer_id: 'a', workspace_id: WORKSPACE })}.c2ln`
    throwsCode(() => verifier.verify(secret), 'ERR_UNSUPPORTED_ALGORITHM')
    await rejectsCode(verifier.verifyAsync(secret), 'ERR_UNSUPPORTED_ALGORITHM')
  }
})

test('ERR_BAD_SIGNATURE, sync and async', async () => {
  const other = new Signer(generateKeyPair().privateKey)
  const secret = other.connectSecret(claims)
  throwsCode(() => verifier.verify(secret), 'ERR_BAD_SIGNATURE')
  await rejectsCode(verifier.verifyAsync(secret), 'ERR_BAD_SIGNATURE')
  throwsCode(() => verifySecret(publicKey, secret), 'ERR_BAD_SIGNATURE')
})

test('ERR_UNKNOWN_KEY, sync and async', async () => {
  const secret = signer.connectSecret({ ...claims, keyId: 'no-such-key' })
  throwsCode(() => verifier.verify(secret), 'ERR_UNKNOWN_KEY', { keyId: 'no-such-key' })
  await rejectsCode(verifier.verifyAsync(secret), 'ERR_UNKNOWN_KEY')
})

test('ERR_EXPIRED with expiresAt as a Date, sync and async', async () => {
  const secret = signer.connectSecret({ ...claims, expiresIn: 600, now: 1_732_752_000 })
  const fields = { expiresAt: new Date((1_732_752_000 + 600) * 1000), leeway: 60 }
  throwsCode(() => verifier.verify(secret), 'ERR_EXPIRED', fields)
  throwsCode(() => verifier.verify(secret, { now: new Date((1_732_752_600 + 60) * 1000) }), 'ERR_EXPIRED', fields)
  await rejectsCode(verifier.verifyAsync(secret, { now: 1_732_752_600 + 5, leeway: 0 }), 'ERR_EXPIRED', {
    ...fields,
    leeway: 0,
    now: new Date((1_732_752_600 + 5) * 1000),
  })
  // Within the leeway it passes, and expiresAt comes back as a Date.
  const ok = verifier.verify(secret, { now: 1_732_752_600 + 59 })
  assert.deepEqual(ok.expiresAt, fields.expiresAt)
})

test('ERR_NOT_YET_VALID with notBefore, sync and async (nbf written by jsonwebtoken)', async () => {
  const nbf = 2_000_000_000
  const secret = jwt.sign({ customer_id: 'customer1234', workspace_id: WORKSPACE, nbf }, privateKey, {
    algorithm: 'RS256',
    noTimestamp: true,
  })
  const fields = { notBefore: new Date(nbf * 1000) }
  throwsCode(() => verifier.verify(secret, { now: nbf - 61 }), 'ERR_NOT_YET_VALID', fields)
  await rejectsCode(verifier.verifyAsync(secret, { now: nbf - 61 }), 'ERR_NOT_YET_VALID', fields)
  assert.deepEqual(verifier.verify(secret, { now: nbf - 60 }).notBefore, fields.notBefore)
})

test('MunitySecretError can be constructed and subclassed by callers', () => {
  const error = new MunitySecretError('custom', { code: 'ERR_BAD_SIGNATURE' })
  assert.ok(error instanceof Error)
  assert.equal(error.name, 'MunitySecretError')
  assert.equal(error.code, 'ERR_BAD_SIGNATURE')
})
