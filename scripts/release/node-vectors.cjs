'use strict'
// Every case of tests/vectors/secrets.json through an installed @munityapps/secrets, with its public API only.
// Used by scripts/release/test-node.sh inside the Debian roots (Node 18), on this host (Node 20) and under Bun,
// where no test framework and no checkout exist: it needs the package, the vectors folder, and nothing else.
//
//   node node-vectors.cjs VECTORS_DIR        (the package through require)
//   node node-vectors.mjs VECTORS_DIR        (the same cases through import; see there)
//
// Prints one line: "<module system>: N cases passed (mint M, verify V, key_loading K)"; exits 1 on the first
// difference, naming the case. Every case must run: an unknown field or a case left over fails.
const fs = require('node:fs')
const path = require('node:path')

function fail(message) {
  const error = new Error(message)
  error.vectorFailure = true
  throw error
}

function equal(actual, expected, what) {
  const a = JSON.stringify(actual)
  const e = JSON.stringify(expected)
  if (a !== e) fail(`${what}: got ${a}, expected ${e}`)
}

function transform(text, how) {
  switch (how) {
    case undefined:
    case null:
      return text
    case 'escaped_newlines':
      return text.replaceAll('\n', '\\n')
    case 'double_escaped_newlines':
      return text.replaceAll('\n', '\\\\n')
    case 'quoted':
      return `"${text}"`
    case 'crlf':
      return text.replaceAll('\n', '\r\n')
    case 'base64':
      return Buffer.from(text, 'utf8').toString('base64')
    case 'surrounding_whitespace':
      return `  \n${text}  \n`
    default:
      return fail(`unknown transform ${how}`)
  }
}

/** Runs every case against `api` (the package's exports); returns the counts. */
async function runVectors(api, vectorsDir) {
  const { Signer, Verifier, MunitySecretError, connectSecret, renewSecret, verifySecret } = api
  const CLASSES = {
    INVALID_KEY: api.InvalidKeyError,
    INVALID_CLAIM: api.InvalidClaimError,
    MALFORMED_SECRET: api.MalformedSecretError,
    UNSUPPORTED_ALGORITHM: api.UnsupportedAlgorithmError,
    BAD_SIGNATURE: api.BadSignatureError,
    UNKNOWN_KEY: api.UnknownKeyError,
    EXPIRED: api.ExpiredSecretError,
    NOT_YET_VALID: api.NotYetValidError,
  }
  const vectors = JSON.parse(fs.readFileSync(path.join(vectorsDir, 'secrets.json'), 'utf8'))
  const keyText = (name) => {
    const entry = vectors.keys[name]
    if (!entry) fail(`no key ${name} in the vectors`)
    return fs.readFileSync(path.join(vectorsDir, entry.file), 'utf8')
  }

  // The fields every binding gives: code (the neutral code), kind, claim, reason, and the class of the kind.
  function checkError(c, error) {
    if (!(error instanceof MunitySecretError) || !(error instanceof Error)) {
      fail(`${c.id}: expected a MunitySecretError ${c.error}, got ${error && error.stack ? error.stack : error}`)
    }
    const [kind, detail] = c.error.split('/')
    if (typeof CLASSES[kind] !== 'function') fail(`${c.id}: the package exports no error class for ${kind}`)
    if (!(error instanceof CLASSES[kind])) fail(`${c.id}: ${error.name} is not a ${CLASSES[kind].name}`)
    equal(error.code, c.error, `${c.id} code`)
    equal(error.kind, kind, `${c.id} kind`)
    equal(error.claim, kind === 'INVALID_CLAIM' ? detail : null, `${c.id} claim`)
    if (kind === 'INVALID_KEY') equal(error.reason, detail, `${c.id} reason`)
    else if (kind !== 'INVALID_CLAIM') equal(error.reason, null, `${c.id} reason`)
    if (c.reason !== undefined) equal(error.reason, c.reason, `${c.id} reason`)
  }
  function throws(c, fn) {
    let value
    try {
      value = fn()
    } catch (error) {
      if (error && error.vectorFailure) throw error
      return checkError(c, error)
    }
    fail(`${c.id}: expected ${c.error}, got ${JSON.stringify(value)}`)
  }
  async function rejects(c, promise) {
    let value
    try {
      value = await promise
    } catch (error) {
      return checkError(c, error)
    }
    fail(`${c.id}: expected ${c.error}, got ${JSON.stringify(value)}`)
  }

  // A mint case as (claims, options); an option the runner does not know fails the run.
  function mintArguments(c) {
    const claims = { customerId: c.claims.customer_id }
    if (c.claims.workspace_id !== undefined) claims.workspaceId = c.claims.workspace_id
    if (c.claims.name !== undefined) claims.name = c.claims.name
    if (c.kind === 'renew') claims.integrationId = c.claims.integration_id
    const options = {}
    for (const [key, value] of Object.entries(c.options || {})) {
      if (key === 'expires_in') options.expiresIn = value
      else if (key === 'expires_at') options.expiresAt = value
      else if (key === 'no_expiry' && value === true) options.expiresIn = null
      else if (key === 'now') options.now = value
      else if (key === 'key_id') options.keyId = value
      else fail(`${c.id}: unknown mint option ${key}=${JSON.stringify(value)}`)
    }
    return [claims, options]
  }

  let mint = 0
  for (const c of vectors.mint) {
    const certificate = keyText(c.key)
    const [claims, options] = mintArguments(c)
    const renew = c.kind === 'renew'
    const signer = () => new Signer(certificate)
    const sync = () => (renew ? signer().renewSecret(claims, options) : signer().connectSecret(claims, options))
    const async = () =>
      renew ? signer().renewSecretAsync(claims, options) : signer().connectSecretAsync(claims, options)
    const oneCall = (key) => (renew ? renewSecret(key, claims, options) : connectSecret(key, claims, options))
    if (c.result === 'valid') {
      equal(sync(), c.secret, `${c.id} (sync)`)
      equal(await async(), c.secret, `${c.id} (async)`)
      equal(oneCall(certificate), c.secret, `${c.id} (one call)`)
      // The certificate as a Buffer mints the same bytes.
      equal(oneCall(Buffer.from(certificate)), c.secret, `${c.id} (Buffer certificate)`)
      equal(signer().mint(claims, options).secret, c.secret, `${c.id} (mint)`)
    } else {
      throws(c, sync)
      await rejects(c, Promise.resolve().then(async))
      throws(c, () => oneCall(certificate))
    }
    mint++
  }

  function verifierText(names) {
    const texts = names.map(keyText)
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
  const seconds = (d) => {
    if (d === null) return null
    if (!(d instanceof Date)) fail(`a date field is ${d}, not a Date`)
    return d.getTime() / 1000
  }
  const claimsOf = (v) => ({
    kind: v.kind,
    customer_id: v.customerId,
    workspace_id: v.workspaceId,
    name: v.name,
    integration_id: v.integrationId,
    expires_at: seconds(v.expiresAt),
    issued_at: seconds(v.issuedAt),
    not_before: seconds(v.notBefore),
    key_id: v.keyId,
    fingerprint: v.fingerprint,
  })
  const VERIFY_OPTIONS = { now: 'now', leeway: 'leeway', expect: 'expect' }

  let verify = 0
  for (const c of vectors.verify) {
    const text = verifierText(c.keys)
    const options = {}
    for (const [key, value] of Object.entries(c.options || {})) {
      if (!VERIFY_OPTIONS[key]) fail(`${c.id}: unknown verify option ${key}`)
      options[VERIFY_OPTIONS[key]] = value
    }
    if (c.result === 'valid') {
      const verifier = new Verifier(text)
      equal(claimsOf(verifier.verify(c.secret, options)), c.claims, `${c.id} (sync)`)
      equal(claimsOf(await verifier.verifyAsync(c.secret, options)), c.claims, `${c.id} (async)`)
      equal(claimsOf(verifySecret(text, c.secret, options)), c.claims, `${c.id} (one call)`)
    } else {
      throws(c, () => new Verifier(text).verify(c.secret, options))
      await rejects(c, Promise.resolve().then(() => new Verifier(text).verifyAsync(c.secret, options)))
      throws(c, () => verifySecret(text, c.secret, options))
    }
    verify++
  }

  let keyLoading = 0
  for (const c of vectors.key_loading) {
    const text = transform(keyText(c.key), c.transform)
    let load
    if (c.role === 'signer') load = () => new Signer(text).fingerprint
    else if (c.role === 'verifier') load = () => new Verifier(text).fingerprints[0]
    else fail(`${c.id}: unknown role ${c.role}`)
    if (c.result === 'valid') equal(load(), c.fingerprint, c.id)
    else throws(c, load)
    keyLoading++
  }

  const total = vectors.mint.length + vectors.verify.length + vectors.key_loading.length
  if (mint + verify + keyLoading !== total || total === 0) fail(`ran ${mint + verify + keyLoading} of ${total} cases`)
  return { total, mint, verify, keyLoading }
}

/** The platform package whose addon the loader loaded (from the module cache), or "unknown". */
function loadedPlatform() {
  for (const file of Object.keys(require.cache)) {
    const match = /secrets-([a-z0-9-]+)[\\/]munity-secrets\.\1\.node$/.exec(file)
    if (match) return match[1]
  }
  return 'unknown'
}

function report(system, counts) {
  console.log(
    `${system}: ${counts.total} cases passed (mint ${counts.mint}, verify ${counts.verify}, key_loading ${counts.keyLoading}); addon ${loadedPlatform()}`,
  )
}

module.exports = { runVectors, report, loadedPlatform }

if (require.main === module) {
  const vectorsDir = process.argv[2]
  if (!vectorsDir) {
    console.error('usage: node node-vectors.cjs VECTORS_DIR')
    process.exit(2)
  }
  runVectors(require('@munityapps/secrets'), vectorsDir).then(
    (counts) => report('commonjs', counts),
    (error) => {
      console.error(`commonjs: FAILED: ${error.stack || error}`)
      process.exit(1)
    },
  )
}
