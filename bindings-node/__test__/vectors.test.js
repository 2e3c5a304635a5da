'use strict'
// Every case of tests/vectors/secrets.json (the conformance vectors shared by every front end):
// minted bytes equal PyJWT's, verified claims and error codes equal the expected ones, and no case
// goes unused.
const test = require('node:test')
const assert = require('node:assert/strict')
const secrets = require('..')
const { Signer, Verifier, MunitySecretError, connectSecret, renewSecret, verifySecret } = secrets
const { loadVectors, keyText, transform } = require('./helpers.js')

const vectors = loadVectors()
const CLASSES = {
  INVALID_KEY: secrets.InvalidKeyError,
  INVALID_CLAIM: secrets.InvalidClaimError,
  MALFORMED_SECRET: secrets.MalformedSecretError,
  UNSUPPORTED_ALGORITHM: secrets.UnsupportedAlgorithmError,
  BAD_SIGNATURE: secrets.BadSignatureError,
  UNKNOWN_KEY: secrets.UnknownKeyError,
  EXPIRED: secrets.ExpiredSecretError,
  NOT_YET_VALID: secrets.NotYetValidError,
}
const ran = new Set()

function longestBase64Run(text) {
  return Math.max(0, ...text.split(/[^A-Za-z0-9+/\-_=]/).map((s) => s.length))
}

/** The error fields every binding gives: code (the neutral code), kind, claim, reason, and the class. */
function assertError(c, error) {
  assert.ok(error instanceof MunitySecretError, `${c.id}: expected a MunitySecretError, got ${error && error.stack}`)
  const [kind, detail] = c.error.split('/')
  assert.equal(error.code, c.error, c.id)
  assert.equal(error.kind, kind, c.id)
  assert.ok(error instanceof CLASSES[kind], `${c.id}: ${error.name} is not a ${CLASSES[kind].name}`)
  assert.equal(error.name, CLASSES[kind].name, c.id)
  assert.equal(error.claim, kind === 'INVALID_CLAIM' ? detail : null, c.id)
  if (kind === 'INVALID_KEY') assert.equal(error.reason, detail, c.id)
  else if (kind !== 'INVALID_CLAIM') assert.equal(error.reason, null, c.id)
  if (c.reason !== undefined) {
    assert.equal(kind, 'INVALID_CLAIM', `${c.id}: a reason is only expected on claims`)
    assert.equal(error.reason, c.reason, c.id)
  }
  if (kind === 'EXPIRED') assert.ok(error.expiresAt instanceof Date && !Number.isNaN(error.expiresAt.getTime()), c.id)
  assert.ok(longestBase64Run(error.message) < 64, `${c.id}: key material or a secret in the message`)
}

function expectThrows(c, fn) {
  let error
  try {
    const value = fn()
    assert.fail(`${c.id}: expected ${c.error}, got ${JSON.stringify(value)}`)
  } catch (e) {
    error = e
  }
  assertError(c, error)
}

async function expectRejects(c, promise) {
  let error
  try {
    const value = await promise
    assert.fail(`${c.id}: expected ${c.error}, got ${JSON.stringify(value)}`)
  } catch (e) {
    error = e
  }
  assertError(c, error)
}

/** A mint case as `(claims, options)`: every option of the vectors is mapped, an unknown one fails. */
function mintArguments(c) {
  const claims = { customerId: c.claims.customer_id }
  if (c.claims.workspace_id !== undefined) claims.workspaceId = c.claims.workspace_id
  if (c.claims.name !== undefined) claims.name = c.claims.name
  if (c.kind === 'renew') claims.integrationId = c.claims.integration_id
  const options = {}
  for (const [key, value] of Object.entries(c.options ?? {})) {
    if (key === 'expires_in') options.expiresIn = value
    else if (key === 'expires_at') options.expiresAt = value
    else if (key === 'no_expiry') options.expiresIn = value === true ? null : assert.fail(`${c.id}: no_expiry ${value}`)
    else if (key === 'now') options.now = value
    else if (key === 'key_id') options.keyId = value
    else assert.fail(`${c.id}: unknown mint option ${key}`)
  }
  return [claims, options]
}

test('mint: every case, byte for byte, sync, async and one-call', async (t) => {
  assert.ok(vectors.mint.length > 0)
  for (const c of vectors.mint) {
    const certificate = keyText(vectors, c.key)
    const signer = new Signer(certificate)
    const [claims, options] = mintArguments(c)
    const sync = c.kind === 'renew' ? () => signer.renewSecret(claims, options) : () => signer.connectSecret(claims, options)
    const async =
      c.kind === 'renew' ? () => signer.renewSecretAsync(claims, options) : () => signer.connectSecretAsync(claims, options)
    const oneCall =
      c.kind === 'renew' ? () => renewSecret(certificate, claims, options) : () => connectSecret(certificate, claims, options)
    if (c.result === 'valid') {
      assert.equal(sync(), c.secret, c.id)
      assert.equal(await async(), c.secret, c.id)
      assert.equal(oneCall(), c.secret, c.id)
      const minted = signer.mint(claims, options)
      assert.equal(minted.secret, c.secret, c.id)
      assert.equal(minted.kind, c.kind, c.id)
      const exp = JSON.parse(Buffer.from(c.secret.split('.')[1], 'base64url')).exp
      assert.deepEqual(minted.expiresAt, exp === undefined ? null : new Date(exp * 1000), c.id)
    } else {
      expectThrows(c, sync)
      await expectRejects(c, async())
      expectThrows(c, oneCall)
      expectThrows(c, () => signer.mint(claims, options))
    }
    ran.add(c.id)
  }
})

function verifierText(names) {
  const texts = names.map((name) => keyText(vectors, name))
  if (texts.some((t) => t.trimStart().startsWith('{'))) {
    const keys = []
    for (const text of texts) {
      const value = JSON.parse(text)
      if (Array.isArray(value.keys)) keys.push(...value.keys)
      else keys.push(value)
    }
    return JSON.stringify({ keys })
  }
  return texts.join('\n')
}

function claimsOf(verified) {
  const seconds = (d) => (d === null ? null : d.getTime() / 1000)
  for (const field of ['expiresAt', 'issuedAt', 'notBefore']) {
    assert.ok(verified[field] === null || verified[field] instanceof Date, field)
  }
  return {
    kind: verified.kind,
    customer_id: verified.customerId,
    workspace_id: verified.workspaceId,
    name: verified.name,
    integration_id: verified.integrationId,
    expires_at: seconds(verified.expiresAt),
    issued_at: seconds(verified.issuedAt),
    not_before: seconds(verified.notBefore),
    key_id: verified.keyId,
    fingerprint: verified.fingerprint,
  }
}

test('verify: every case, claims and error codes, sync, async and one-call', async () => {
  assert.ok(vectors.verify.length > 0)
  for (const c of vectors.verify) {
    // Several keys: the array form (merged by the core) for the object, one merged text for the one-call form.
    const text = verifierText(c.keys)
    const verifier = new Verifier(c.keys.map((name) => keyText(vectors, name)))
    const options = {}
    if (c.options.now !== undefined) options.now = c.options.now
    if (c.options.leeway !== undefined) options.leeway = c.options.leeway
    if (c.options.expect !== undefined) options.expect = c.options.expect
    if (c.result === 'valid') {
      assert.deepEqual(claimsOf(verifier.verify(c.secret, options)), c.claims, c.id)
      assert.deepEqual(claimsOf(await verifier.verifyAsync(c.secret, options)), c.claims, c.id)
      assert.deepEqual(claimsOf(verifySecret(text, c.secret, options)), c.claims, c.id)
    } else {
      expectThrows(c, () => verifier.verify(c.secret, options))
      await expectRejects(c, verifier.verifyAsync(c.secret, options))
      expectThrows(c, () => verifySecret(text, c.secret, options))
    }
    ran.add(c.id)
  }
})

test('key_loading: every case', () => {
  assert.ok(vectors.key_loading.length > 0)
  for (const c of vectors.key_loading) {
    const text = transform(keyText(vectors, c.key), c.transform)
    const load =
      c.role === 'signer'
        ? () => new Signer(text).fingerprint
        : c.role === 'verifier'
          ? () => new Verifier(text).fingerprints[0]
          : assert.fail(`role ${c.role}`)
    if (c.result === 'valid') {
      assert.equal(load(), c.fingerprint, c.id)
    } else {
      expectThrows(c, load)
    }
    ran.add(c.id)
  }
})

test('no vector goes unused', () => {
  const all = [...vectors.mint, ...vectors.verify, ...vectors.key_loading].map((c) => c.id)
  assert.equal(new Set(all).size, all.length, 'ids are unique')
  const unused = all.filter((id) => !ran.has(id))
  assert.deepEqual(unused, [], 'every case ran')
  assert.ok(ran.size >= 200, `only ${ran.size} cases`)
})
