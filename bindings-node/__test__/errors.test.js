'use strict'
// Every error kind, on the sync and the async (Promise) paths: its class (under MunitySecretError),
// its name, and the fields every binding gives (code = the language-neutral code, kind, claim,
// reason) plus the kind's own. Codes, classes and fields are asserted; message text never is.
const test = require('node:test')
const assert = require('node:assert/strict')
const jwt = require('jsonwebtoken')
const secrets = require('..')
const { Signer, Verifier, MunitySecretError, generateKeyPair, connectSecret, verifySecret } = secrets
const { testKey, WORKSPACE } = require('./helpers.js')

const privateKey = testKey('main_private_pkcs8')
const publicKey = testKey('main_public_spki')
const signer = new Signer(privateKey)
const verifier = new Verifier(publicKey)
const claims = { customerId: 'customer1234', workspaceId: WORKSPACE }

function b64(json) {
  return Buffer.from(JSON.stringify(json)).toString('base64url')
}

const CLASSES = {
  INVALID_KEY: 'InvalidKeyError',
  INVALID_CLAIM: 'InvalidClaimError',
  MALFORMED_SECRET: 'MalformedSecretError',
  UNSUPPORTED_ALGORITHM: 'UnsupportedAlgorithmError',
  BAD_SIGNATURE: 'BadSignatureError',
  UNKNOWN_KEY: 'UnknownKeyError',
  EXPIRED: 'ExpiredSecretError',
  NOT_YET_VALID: 'NotYetValidError',
}

function check(error, code, fields = {}) {
  assert.ok(error instanceof MunitySecretError, `expected a MunitySecretError, got ${error && error.stack}`)
  assert.ok(error instanceof Error)
  const kind = code.split('/')[0]
  const className = CLASSES[kind]
  assert.ok(error instanceof secrets[className], `${error.name} is a ${className}`)
  if (!['INVALID_KEY', 'INVALID_CLAIM'].includes(kind)) assert.ok(error instanceof secrets.InvalidSecretError)
  assert.equal(error.name, className)
  assert.equal(error.code, code)
  assert.equal(error.kind, kind)
  assert.equal(error.claim, kind === 'INVALID_CLAIM' ? code.split('/')[1] : null)
  if (!['INVALID_KEY', 'INVALID_CLAIM'].includes(kind)) assert.equal(error.reason, null)
  if (kind === 'INVALID_KEY') assert.equal(code, `INVALID_KEY/${error.reason}`)
  assert.equal(error.detail, undefined, 'no detail field: code is the one neutral code')
  assert.equal(typeof error.message, 'string')
  assert.ok(error.message.length > 0)
  assert.match(String(error.stack), new RegExp(`^${className}: `))
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

test('InvalidKeyError with reason, from constructors, factories and one-call functions', () => {
  throwsCode(() => new Signer('not a key'), 'INVALID_KEY/malformed', { reason: 'malformed' })
  throwsCode(() => new Signer(publicKey), 'INVALID_KEY/not_private')
  throwsCode(() => new Signer(testKey('rsa1024_private')), 'INVALID_KEY/too_small')
  throwsCode(() => new Signer(testKey('ec_p256_private')), 'INVALID_KEY/not_rsa')
  throwsCode(() => new Verifier(''), 'INVALID_KEY/no_key')
  throwsCode(() => new Verifier([]), 'INVALID_KEY/no_key')
  throwsCode(() => Verifier.fromJwks({ keys: [] }), 'INVALID_KEY/no_key')
  throwsCode(() => connectSecret('nope', claims), 'INVALID_KEY/malformed')
  throwsCode(() => verifySecret('nope', 'a.b.c'), 'INVALID_KEY/malformed')
  throwsCode(() => generateKeyPair(1024), 'INVALID_KEY/malformed')
  delete process.env.MUNITY_TEST_UNSET_VARIABLE
  throwsCode(() => Signer.fromEnv('MUNITY_TEST_UNSET_VARIABLE'), 'INVALID_KEY/no_key')
  throwsCode(() => Verifier.fromEnv('MUNITY_TEST_UNSET_VARIABLE'), 'INVALID_KEY/no_key')
})

test('InvalidClaimError with claim and reason, sync and async', async () => {
  const bad = { ...claims, customerId: 'customer-1234' }
  const fields = { claim: 'customer_id', reason: 'invalid_character' }
  throwsCode(() => signer.connectSecret(bad), 'INVALID_CLAIM/customer_id', fields)
  await rejectsCode(signer.connectSecretAsync(bad), 'INVALID_CLAIM/customer_id', fields)
  await rejectsCode(signer.mintAsync(bad), 'INVALID_CLAIM/customer_id', fields)
  throwsCode(() => signer.connectSecret({ ...claims, workspaceId: '{' + WORKSPACE + '}' }), 'INVALID_CLAIM/workspace_id', {
    reason: 'invalid_uuid',
  })
  const renew = { ...claims, integrationId: 'nope' }
  throwsCode(() => signer.renewSecret(renew), 'INVALID_CLAIM/integration_id', { reason: 'invalid_uuid' })
  await rejectsCode(signer.renewSecretAsync(renew), 'INVALID_CLAIM/integration_id')
  throwsCode(() => signer.connectSecret(claims, { expiresIn: 0 }), 'INVALID_CLAIM/expires_in', { reason: 'out_of_range' })
  throwsCode(() => signer.connectSecret(claims, { now: -1 }), 'INVALID_CLAIM/now', { reason: 'out_of_range' })
  throwsCode(() => signer.connectSecret({ ...claims, name: '   ' }), 'INVALID_CLAIM/name', { reason: 'blank' })
  const renewSecret = signer.renewSecret({ ...claims, integrationId: WORKSPACE })
  throwsCode(() => verifier.verify(renewSecret, { expect: 'connect' }), 'INVALID_CLAIM/integration_id', { reason: 'wrong_kind' })
  await rejectsCode(verifier.verifyAsync(renewSecret, { expect: 'connect' }), 'INVALID_CLAIM/integration_id', { reason: 'wrong_kind' })
})

test('MalformedSecretError, sync and async', async () => {
  throwsCode(() => verifier.verify('not.a secret'), 'MALFORMED_SECRET')
  throwsCode(() => verifier.verify(''), 'MALFORMED_SECRET')
  await rejectsCode(verifier.verifyAsync('a.b'), 'MALFORMED_SECRET')
})

test('UnsupportedAlgorithmError with algorithm, sync and async', async () => {
  for (const alg of ['none', 'HS256', 'RS512', 'PS256']) {
    const secret = `${b64({ alg, typ: 'JWT' })}.${b64({ customer_id: 'a', workspace_id: WORKSPACE })}.c2ln`
    throwsCode(() => verifier.verify(secret), 'UNSUPPORTED_ALGORITHM', { algorithm: alg })
    await rejectsCode(verifier.verifyAsync(secret), 'UNSUPPORTED_ALGORITHM')
  }
})

test('BadSignatureError, sync and async', async () => {
  const other = new Signer(generateKeyPair().privateKey)
  const secret = other.connectSecret(claims)
  throwsCode(() => verifier.verify(secret), 'BAD_SIGNATURE')
  await rejectsCode(verifier.verifyAsync(secret), 'BAD_SIGNATURE')
  throwsCode(() => verifySecret(publicKey, secret), 'BAD_SIGNATURE')
})

test('UnknownKeyError with keyId, sync and async', async () => {
  const secret = signer.connectSecret(claims, { keyId: 'no-such-key' })
  throwsCode(() => verifier.verify(secret), 'UNKNOWN_KEY', { keyId: 'no-such-key' })
  await rejectsCode(verifier.verifyAsync(secret), 'UNKNOWN_KEY')
})

test('ExpiredSecretError with expiresAt, now and leeway, sync and async', async () => {
  const secret = signer.connectSecret(claims, { expiresIn: 600, now: 1_732_752_000 })
  const fields = { expiresAt: new Date((1_732_752_000 + 600) * 1000), leeway: 60 }
  throwsCode(() => verifier.verify(secret), 'EXPIRED', fields)
  throwsCode(() => verifier.verify(secret, { now: new Date((1_732_752_600 + 60) * 1000) }), 'EXPIRED', fields)
  await rejectsCode(verifier.verifyAsync(secret, { now: 1_732_752_600 + 5, leeway: 0 }), 'EXPIRED', {
    ...fields,
    leeway: 0,
    now: new Date((1_732_752_600 + 5) * 1000),
  })
  // Within the leeway it passes, and expiresAt comes back as a Date.
  const ok = verifier.verify(secret, { now: 1_732_752_600 + 59 })
  assert.deepEqual(ok.expiresAt, fields.expiresAt)
})

test('NotYetValidError with notBefore, sync and async (nbf written by jsonwebtoken)', async () => {
  const nbf = 2_000_000_000
  const secret = jwt.sign({ customer_id: 'customer1234', workspace_id: WORKSPACE, nbf }, privateKey, {
    algorithm: 'RS256',
    noTimestamp: true,
  })
  const fields = { notBefore: new Date(nbf * 1000), leeway: 60 }
  throwsCode(() => verifier.verify(secret, { now: nbf - 61 }), 'NOT_YET_VALID', fields)
  await rejectsCode(verifier.verifyAsync(secret, { now: nbf - 61 }), 'NOT_YET_VALID', fields)
  assert.deepEqual(verifier.verify(secret, { now: nbf - 60 }).notBefore, fields.notBefore)
})

test('MunitySecretError and its subclasses can be constructed by callers, with null fields by default', () => {
  const error = new MunitySecretError('custom', { code: 'BAD_SIGNATURE', kind: 'BAD_SIGNATURE' })
  assert.ok(error instanceof Error)
  assert.equal(error.name, 'MunitySecretError')
  assert.equal(error.code, 'BAD_SIGNATURE')
  assert.equal(error.claim, null)
  const claim = new secrets.InvalidClaimError('custom', { code: 'INVALID_CLAIM/name', kind: 'INVALID_CLAIM', claim: 'name', reason: 'blank' })
  assert.ok(claim instanceof MunitySecretError)
  assert.equal(claim.name, 'InvalidClaimError')
  assert.equal(claim.reason, 'blank')
})
