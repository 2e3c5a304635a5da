'use strict'
// Hostile input from JS: wrong types, huge strings, lone surrogates, `__proto__` keys and polluted
// prototypes. A wrong type is a TypeError; a value of the right type that breaks a rule is the
// core's error (InvalidClaimError naming the option); never a crash.
const test = require('node:test')
const assert = require('node:assert/strict')
const { Signer, Verifier, MunitySecretError, InvalidClaimError, connectSecret, verifySecret, generateKeyPair } = require('..')
const { testKey, WORKSPACE, INTEGRATION } = require('./helpers.js')

const signer = new Signer(testKey('main_private_pkcs8'))
const verifier = new Verifier(testKey('main_public_spki'))
const claims = { customerId: 'customer1234', workspaceId: WORKSPACE }
const HUGE = 'a'.repeat(10 * 1024 * 1024)

function code(fn) {
  try {
    fn()
  } catch (e) {
    assert.ok(e instanceof MunitySecretError, `expected a MunitySecretError, got ${e && e.stack}`)
    return e
  }
  assert.fail('expected an error')
}

test('wrong JS types throw TypeError (sync) or reject with TypeError (async)', async () => {
  const cases = [
    () => signer.connectSecret(),
    () => signer.connectSecret(null),
    () => signer.connectSecret('customer1234'),
    () => signer.connectSecret([]),
    () => signer.connectSecret({ ...claims, customerId: 1234 }),
    () => signer.connectSecret({ workspaceId: WORKSPACE }),
    () => signer.connectSecret({ ...claims, workspaceId: { toString: () => WORKSPACE } }),
    () => signer.connectSecret({ ...claims, name: 42 }),
    () => signer.connectSecret({ ...claims, expiresIn: 600 }), // an option among the claims is refused, not ignored
    () => signer.connectSecret({ ...claims, integrationId: INTEGRATION }), // a renew claim in a connect call
    () => signer.connectSecret(claims, { expiresIn: '600' }),
    () => signer.connectSecret(claims, { expiresIn: 10n }),
    () => signer.connectSecret(claims, { expiresIn: new Date() }),
    () => signer.connectSecret(claims, { expiresAt: '2030-01-01' }),
    () => signer.connectSecret(claims, { expiresIn: 600, expiresAt: 2_000_000_000 }),
    () => signer.connectSecret(claims, { expiresIn: null, expiresAt: 2_000_000_000 }),
    () => signer.connectSecret(claims, { now: '1732752000' }),
    () => signer.connectSecret(claims, { now: {} }),
    () => signer.connectSecret(claims, { keyId: Symbol('k') }),
    () => signer.connectSecret(claims, { expiresin: 600 }), // a typo is refused, not ignored
    () => signer.connectSecret(claims, 600),
    () => signer.renewSecret(claims), // integrationId missing
    () => signer.mint({ ...claims, integrationId: 42 }),
    () => new Signer(),
    () => new Signer(42),
    () => new Signer({}),
    () => new Signer(testKey('main_private_pkcs8'), { workspaceId: 42 }),
    () => new Signer(testKey('main_private_pkcs8'), { workspace: WORKSPACE }),
    () => new Signer(testKey('main_private_pkcs8'), WORKSPACE),
    () => Signer.fromEnv(42),
    () => Signer.fromEnv('MUNITY_CERTIFICATE', 42),
    () => new Verifier(undefined),
    () => new Verifier([testKey('main_public_spki'), 42]),
    () => Verifier.fromJwks(42),
    () => Verifier.fromJwks([]),
    () => verifier.verify(),
    () => verifier.verify(42),
    () => verifier.verify('a.b.c', 'connect'),
    () => verifier.verify('a.b.c', { expect: 1 }),
    () => verifier.verify('a.b.c', { leeway: '60' }),
    () => verifier.verify('a.b.c', { leeway: 60n }),
    () => verifier.verify('a.b.c', { now: {} }),
    () => verifier.verify('a.b.c', { strict: true }),
    () => connectSecret(null, claims),
    () => connectSecret(testKey('main_private_pkcs8')),
    () => verifySecret(testKey('main_public_spki'), null),
    () => generateKeyPair('2048'),
    () => generateKeyPair(2048.5),
  ]
  for (const [index, fn] of cases.entries()) {
    assert.throws(fn, TypeError, `case ${index}: ${fn}`)
  }
  const asyncCases = [
    () => signer.connectSecretAsync(),
    () => signer.connectSecretAsync({ ...claims, customerId: 1234 }),
    () => signer.renewSecretAsync({ ...claims, integrationId: null }),
    () => signer.mintAsync(claims, { now: 'now' }),
    () => verifier.verifyAsync(42),
    () => verifier.verifyAsync('a.b.c', { expect: 1 }),
  ]
  for (const fn of asyncCases) {
    const promise = fn() // never throws synchronously
    assert.ok(promise instanceof Promise)
    await assert.rejects(promise, TypeError)
  }
})

test('numbers and Dates that break a rule are the core InvalidClaimError naming the option, never clamped', async () => {
  const claimError = (fn, claim, reason) => {
    const error = code(fn)
    assert.ok(error instanceof InvalidClaimError, `${fn}: ${error.name}`)
    assert.deepEqual([error.code, error.claim, error.reason], [`INVALID_CLAIM/${claim}`, claim, reason], String(fn))
  }
  claimError(() => signer.connectSecret(claims, { expiresIn: 1.5 }), 'expires_in', 'fractional')
  claimError(() => signer.connectSecret(claims, { expiresIn: NaN }), 'expires_in', 'out_of_range')
  claimError(() => signer.connectSecret(claims, { expiresIn: -1 }), 'expires_in', 'out_of_range')
  claimError(() => signer.connectSecret(claims, { expiresIn: 2 ** 60 }), 'expires_in', 'out_of_range')
  claimError(() => signer.connectSecret(claims, { now: Infinity }), 'now', 'out_of_range')
  claimError(() => signer.connectSecret(claims, { now: 1_732_752_000.5 }), 'now', 'fractional')
  claimError(() => signer.connectSecret(claims, { now: new Date('not a date') }), 'now', 'out_of_range')
  claimError(() => signer.connectSecret(claims, { now: new Date(1_732_752_000_500) }), 'now', 'fractional')
  claimError(() => signer.connectSecret(claims, { now: new Date(-1000) }), 'now', 'out_of_range')
  claimError(() => signer.connectSecret(claims, { expiresAt: new Date(8.64e15) }), 'expires_at', 'out_of_range')
  claimError(() => signer.connectSecret(claims, { expiresAt: 1e300 }), 'expires_at', 'out_of_range')
  claimError(() => verifier.verify('a.b.c', { leeway: -1 }), 'leeway', 'out_of_range')
  claimError(() => verifier.verify('a.b.c', { leeway: 1e12 }), 'leeway', 'out_of_range')
  claimError(() => verifier.verify('a.b.c', { leeway: 0.5 }), 'leeway', 'fractional')
  claimError(() => verifier.verify('a.b.c', { now: 253_402_300_800 }), 'now', 'out_of_range')
  claimError(() => verifier.verify('a.b.c', { now: new Date(NaN) }), 'now', 'out_of_range')
  claimError(() => verifier.verify('a.b.c', { expect: 'other' }), 'expect', 'wrong_type')
  await assert.rejects(verifier.verifyAsync('a.b.c', { leeway: -1 }), { code: 'INVALID_CLAIM/leeway', reason: 'out_of_range' })
  await assert.rejects(signer.connectSecretAsync(claims, { expiresIn: 0.5 }), { code: 'INVALID_CLAIM/expires_in', reason: 'fractional' })
})

test('huge strings (10 MB) are refused with their codes', async () => {
  const tooLong = code(() => signer.connectSecret({ ...claims, customerId: HUGE }))
  assert.equal(tooLong.code, 'INVALID_CLAIM/customer_id')
  assert.equal(tooLong.reason, 'too_long')
  assert.ok(tooLong.message.length < 1000, 'the message does not echo the input')
  assert.equal(code(() => signer.connectSecret({ ...claims, name: HUGE })).reason, 'too_long')
  assert.equal(code(() => signer.connectSecret({ ...claims, workspaceId: HUGE })).claim, 'workspace_id')
  assert.equal(code(() => signer.connectSecret(claims, { keyId: HUGE })).claim, 'kid')
  assert.equal(code(() => verifier.verify(HUGE)).code, 'MALFORMED_SECRET')
  assert.equal(code(() => verifier.verify(`${HUGE}.${HUGE}.${HUGE}`)).code, 'MALFORMED_SECRET')
  assert.equal(code(() => new Signer(HUGE)).kind, 'INVALID_KEY')
  assert.equal(code(() => new Verifier(HUGE)).kind, 'INVALID_KEY')
  assert.equal(code(() => connectSecret(HUGE, claims)).kind, 'INVALID_KEY')
  await assert.rejects(verifier.verifyAsync(HUGE), { code: 'MALFORMED_SECRET' })
  await assert.rejects(signer.connectSecretAsync({ ...claims, name: HUGE }), { code: 'INVALID_CLAIM/name', reason: 'too_long' })
})

test('lone surrogates are refused as lone_surrogate, not replaced with U+FFFD', async () => {
  for (const lone of ['\uD800', '\uDFFF', 'ab\uD83D', '\uDE00ab']) {
    const checks = [
      [{ ...claims, name: lone }, {}, 'name'],
      [{ ...claims, customerId: lone }, {}, 'customer_id'],
      [{ ...claims, workspaceId: lone }, {}, 'workspace_id'],
      [claims, { keyId: lone }, 'kid'],
    ]
    for (const [claimsWith, options, claim] of checks) {
      const error = code(() => signer.connectSecret(claimsWith, options))
      assert.equal(error.code, `INVALID_CLAIM/${claim}`)
      assert.equal(error.reason, 'lone_surrogate')
      await assert.rejects(signer.connectSecretAsync(claimsWith, options), { code: `INVALID_CLAIM/${claim}`, reason: 'lone_surrogate' })
    }
    const bound = code(() => new Signer(testKey('main_private_pkcs8'), { workspaceId: lone }))
    assert.deepEqual([bound.claim, bound.reason], ['workspace_id', 'lone_surrogate'])
    const renew = code(() => signer.renewSecret({ ...claims, integrationId: lone }))
    assert.equal(renew.claim, 'integration_id')
    assert.equal(renew.reason, 'lone_surrogate')
  }
  // A well-formed surrogate pair is a character like any other, and round-trips.
  const name = 'rocket \u{1F680} caf\u00e9'
  const verified = verifier.verify(signer.connectSecret({ ...claims, name }))
  assert.equal(verified.name, name)
})

test('__proto__ keys and a polluted Object.prototype confuse nothing', () => {
  // An object literal's __proto__ sets the prototype: inherited members are never read.
  const now = 1_732_752_000
  const literal = { ...claims, __proto__: { name: 'evil', integrationId: INTEGRATION } }
  const options = { now, __proto__: { expiresIn: 5, keyId: 'evil' } }
  const verified = verifier.verify(signer.connectSecret(literal, options), { now })
  assert.equal(verified.name, null)
  assert.equal(verified.integrationId, null)
  assert.deepEqual(verified.expiresAt, new Date((now + 3600) * 1000))
  assert.equal(verified.keyId, null)
  // JSON.parse makes "__proto__" an own member: an unknown option, refused.
  const parsed = JSON.parse(`{"customerId":"customer1234","workspaceId":"${WORKSPACE}","__proto__":{"name":"x"}}`)
  assert.throws(() => signer.connectSecret(parsed), TypeError)
  assert.throws(() => verifier.verify('a.b.c', JSON.parse('{"__proto__":{"leeway":100000}}')), TypeError)
  // A prototype without Object.prototype works.
  const bare = Object.assign(Object.create(null), claims)
  assert.equal(verifier.verify(signer.connectSecret(bare)).customerId, 'customer1234')
  // A polluted Object.prototype is ignored.
  Object.prototype.name = 'polluted' // eslint-disable-line no-extend-native
  Object.prototype.expiresIn = 1 // eslint-disable-line no-extend-native
  Object.prototype.integrationId = INTEGRATION // eslint-disable-line no-extend-native
  try {
    const secret = signer.mint({ ...claims }, { now }).secret
    const result = verifier.verify(secret, { now })
    assert.equal(result.kind, 'connect')
    assert.equal(result.name, null)
    assert.deepEqual(result.expiresAt, new Date((now + 3600) * 1000))
  } finally {
    delete Object.prototype.name
    delete Object.prototype.expiresIn
    delete Object.prototype.integrationId
  }
})

test('a throwing getter in options propagates its own error', () => {
  const options = {
    ...claims,
    get name() {
      throw new Error('boom')
    },
  }
  assert.throws(() => signer.connectSecret(options), { message: 'boom' })
})

test('crafted secrets: every segment garbage, no crash', () => {
  const inputs = ['..', 'a..', '\u0000.\u0000.\u0000', '\uD800.\uD800.\uD800', 'e30.e30.', 'e30.e30.e30', '.'.repeat(10000)]
  for (const input of inputs) {
    const error = code(() => verifier.verify(input))
    assert.ok(['MALFORMED_SECRET', 'UNSUPPORTED_ALGORITHM', 'BAD_SIGNATURE'].includes(error.code), error.code)
  }
})
