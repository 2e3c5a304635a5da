'use strict'
// Every case of tests/vectors/misuse.json (options, environment and key-text misuse shared by every
// front end): the same result, or the same error code, kind, claim and reason, as in every other
// language. A JS number is a float, so the `float_only` cases run too; mint cases also run with Dates
// for expiresAt and now, and mint and verify cases also async. Fails when a case goes unused.
const test = require('node:test')
const assert = require('node:assert/strict')
const secrets = require('..')
const { Signer, Verifier, MunitySecretError, generateKeyPair } = secrets
const crypto = require('node:crypto')
const { loadVectors, keyText, transform } = require('./helpers.js')

const misuse = loadVectors('misuse.json')
const ran = new Set()

/** A key text of the vectors: `{ key, transform? }` (a file) or `{ text }` (literal). */
function text(spec) {
  if (Object.hasOwn(spec, 'text')) return spec.text
  return transform(keyText(misuse, spec.key), spec.transform)
}

function claimsOf(request) {
  const claims = { customerId: request.customer_id }
  if (request.workspace_id !== undefined) claims.workspaceId = request.workspace_id
  if (request.name !== undefined) claims.name = request.name
  if (request.integration_id !== undefined) claims.integrationId = request.integration_id
  return claims
}

const OPTION_NAMES = { expires_in: 'expiresIn', expires_at: 'expiresAt', now: 'now', key_id: 'keyId', leeway: 'leeway', expect: 'expect' }

// JSON has no NaN or infinities: the vectors write them as these strings.
const SPECIAL_FLOATS = new Set(['NaN', 'Infinity', '-Infinity'])

function optionsOf(c) {
  const options = {}
  for (const [key, value] of Object.entries(c.options ?? {})) {
    if (key === 'no_expiry') options.expiresIn = value === true ? null : assert.fail(`${c.id}: no_expiry ${value}`)
    else if (Object.hasOwn(OPTION_NAMES, key)) options[OPTION_NAMES[key]] = SPECIAL_FLOATS.has(value) ? Number(value) : value
    else assert.fail(`${c.id}: unknown option ${key}`)
  }
  return options
}

function signerOf(c) {
  return new Signer(text(c.signer), c.signer.workspace_id === undefined ? undefined : { workspaceId: c.signer.workspace_id })
}

/** The options with `expiresAt` and `now` as Dates (NaN: an invalid Date); a number a Date cannot hold stays. */
function datesOf(options) {
  const out = { ...options }
  for (const key of ['expiresAt', 'now']) {
    const value = out[key]
    if (typeof value === 'number' && !(Math.abs(value * 1000) > 8.64e15)) out[key] = new Date(value * 1000)
  }
  return out
}

const seconds = (date) => (date === null ? null : date.getTime() / 1000)

/** Runs one case: returns what it produced, for the valid cases' checks. */
function run(c) {
  switch (c.entry) {
    case 'mint':
      return signerOf(c).mint(claimsOf(c.request), optionsOf(c))
    case 'mint (Dates)':
      return signerOf(c).mint(claimsOf(c.request), datesOf(optionsOf(c)))
    case 'verify':
      return new Verifier(c.verifier.keys.map((name) => keyText(misuse, name))).verify(c.secret, optionsOf(c))
    case 'signer':
      return new Signer(text(c.key_text), c.workspace_id === undefined ? undefined : { workspaceId: c.workspace_id })
    case 'verifier':
      return new Verifier(text(c.key_text))
    case 'verifier_from_texts':
      return new Verifier(c.key_texts.map(text))
    case 'signer_from_env':
      return withEnvironment(c.env, () => Signer.fromEnv())
    case 'verifier_from_env':
      return withEnvironment(c.env, () => Verifier.fromEnv())
    case 'generate_key_pair':
      return generateKeyPair(c.bits)
    default:
      return assert.fail(`${c.id}: unknown entry ${c.entry}`)
  }
}

/** Sets the case's variables (null: unset) for the duration of `fn`, then restores them. */
function withEnvironment(env, fn) {
  const saved = {}
  for (const name of misuse.environment_variables) saved[name] = process.env[name]
  try {
    for (const name of misuse.environment_variables) delete process.env[name]
    for (const [name, value] of Object.entries(env)) {
      assert.ok(misuse.environment_variables.includes(name), name)
      if (value === null) delete process.env[name]
      else process.env[name] = typeof value === 'string' ? value : text(value)
    }
    return fn()
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
}

/** Each field of `expected`, read from the result; a field this runner does not know fails. */
const EXPECTED = {
  secret: (result) => result.secret,
  kind: (result) => result.kind,
  expires_at: (result) => seconds(result.expiresAt),
  fingerprint: (result) => result.fingerprint,
  workspace_id: (result) => result.workspaceId,
  fingerprints: (result) => result.fingerprints,
  key_ids: (result) => result.keyIds,
  bits: (result) => crypto.createPublicKey(result.publicKey).asymmetricKeyDetails.modulusLength,
}

function checkValid(c, result) {
  assert.ok(c.expected && Object.keys(c.expected).length > 0, `${c.id}: expected fields`)
  for (const [field, value] of Object.entries(c.expected)) {
    assert.ok(Object.hasOwn(EXPECTED, field), `${c.id}: unknown expected field ${field}`)
    assert.deepEqual(EXPECTED[field](result), value, `${c.id}: ${field}`)
  }
}

function checkError(c, error) {
  assert.ok(error instanceof MunitySecretError, `${c.id}: expected ${c.error}, got ${error && error.stack}`)
  assert.equal(error.code, c.error, c.id)
  assert.equal(error.kind, c.kind, c.id)
  assert.equal(error.claim, c.claim ?? null, c.id)
  assert.equal(error.reason, c.reason ?? null, c.id)
}

test('misuse: every case, with the same code, kind, claim and reason as every binding', async () => {
  assert.ok(misuse.cases.length > 0)
  for (const c of misuse.cases) {
    // Mint cases run twice: times as NumericDate numbers, and as Dates (expiresAt and now take both).
    const forms = c.entry === 'mint' ? [c, { ...c, entry: 'mint (Dates)' }] : [c]
    for (const form of forms) {
      if (c.result === 'valid') {
        checkValid(c, run(form))
      } else if (c.result === 'invalid') {
        let error
        try {
          const value = run(form)
          assert.fail(`${c.id}: expected ${c.error}, got ${JSON.stringify(value)}`)
        } catch (e) {
          error = e
        }
        checkError(c, error)
      } else {
        assert.fail(`${c.id}: result ${c.result}`)
      }
    }
    // The async forms settle the same way.
    const pending =
      c.entry === 'mint'
        ? signerOf(c).mintAsync(claimsOf(c.request), optionsOf(c))
        : c.entry === 'verify'
          ? new Verifier(c.verifier.keys.map((name) => keyText(misuse, name))).verifyAsync(c.secret, optionsOf(c))
          : null
    if (pending && c.result === 'valid') checkValid(c, await pending)
    if (pending && c.result === 'invalid') await assert.rejects(pending, (e) => (checkError(c, e), true))
    ran.add(c.id)
  }
})

test('misuse: no case goes unused', () => {
  const all = misuse.cases.map((c) => c.id)
  assert.equal(new Set(all).size, all.length, 'ids are unique')
  assert.deepEqual(all.filter((id) => !ran.has(id)), [], 'every case ran')
})
