'use strict'
// The secret endpoint's logic, shared by @munityapps/secrets/http and @munityapps/secrets/express (internal: not
// in the package's exports). Minting, and every rule about claims and lifetimes, is the core's
// (Signer#mint/mintAsync); this only checks the options' types, reads the connector and maps outcomes to HTTP.

const { Signer, MunitySecretError } = require('./index.js')

/**
 * The connector names Munity's `connect(connector, …)` takes, as the sandbox checks them on `/v1/connect`:
 * 1 to 64 ASCII letters, digits, `_`, `-` or `.`.
 */
const CONNECTOR_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/

const NO_STORE = 'no-store'
const JSON_TYPE = 'application/json; charset=utf-8'

/** The answers other than 200, with messages that never depend on the request (nothing is echoed). */
const ERRORS = {
  INVALID_CONNECTOR: [400, 'connector must be given once, as 1 to 64 ASCII letters, digits, "_", "-" or "."'],
  UNAUTHENTICATED: [401, 'sign in first'],
  METHOD_NOT_ALLOWED: [405, 'use GET'],
  SECRET_UNAVAILABLE: [500, 'the server could not mint a secret; its log says why'],
}

function answer(status, body, extraHeaders) {
  return { status, headers: { 'Cache-Control': NO_STORE, 'Content-Type': JSON_TYPE, ...extraHeaders }, body }
}

function errorAnswer(error, extraHeaders) {
  const [status, message] = ERRORS[error]
  return answer(status, { error, message }, extraHeaders)
}

function describe(value) {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value
}

const OPTIONS = new Set(['signer', 'workspaceId', 'customerFor', 'lifetime', 'onError'])

/** Reads and checks the options (types here; values by a trial mint in the core), once, at start-up. */
function configure(options, what, extra = new Set()) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${what}(options): options must be an object; found ${describe(options)}`)
  }
  for (const key of Object.keys(options)) {
    if (!OPTIONS.has(key) && !extra.has(key)) {
      throw new TypeError(`${what}(options): unknown option ${JSON.stringify(key.slice(0, 40))}; known: ${[...OPTIONS, ...extra].join(', ')}`)
    }
  }
  const { signer: given, workspaceId, customerFor, lifetime, onError } = options
  if (typeof customerFor !== 'function') {
    throw new TypeError(`${what}(options): customerFor must be a function (request) => customer id; found ${describe(customerFor)}`)
  }
  if (given !== undefined && (given === null || typeof given.mint !== 'function' || typeof given.mintAsync !== 'function')) {
    throw new TypeError(`${what}(options): signer must be a Signer of @munityapps/secrets; found ${describe(given)}`)
  }
  if (workspaceId !== undefined && workspaceId !== null && typeof workspaceId !== 'string') {
    throw new TypeError(`${what}(options): workspaceId must be a string; found ${describe(workspaceId)}`)
  }
  if (lifetime !== undefined && typeof lifetime !== 'number') {
    // null would mean "no exp": an endpoint always hands out secrets that expire, and says when.
    throw new TypeError(`${what}(options): lifetime must be a number of seconds; found ${describe(lifetime)}`)
  }
  if (onError !== undefined && typeof onError !== 'function') {
    throw new TypeError(`${what}(options): onError must be a function (error, request) => void; found ${describe(onError)}`)
  }
  // Without a signer: the environment's (MUNITY_CERTIFICATE, bound to MUNITY_WORKSPACE_ID when set). A missing or
  // unusable certificate throws the core's InvalidKeyError here, when the app starts.
  const signer = given === undefined ? Signer.fromEnv() : given
  const claims = { customerId: 'startupcheck', workspaceId: workspaceId ?? undefined }
  const mintOptions = lifetime === undefined ? {} : { expiresIn: lifetime }
  // One trial mint: the core checks the workspace (missing on an unbound signer, not a UUID, another than the
  // signer's) and the lifetime now, so a misconfiguration stops the app at start-up instead of failing requests.
  signer.mint(claims, mintOptions)
  return { signer, workspaceId: claims.workspaceId, customerFor, mintOptions, onError: onError ?? logError }
}

/** The default onError: one line with the error's code (or class), never a secret, a key or the customer id. */
function logError(error) {
  if (error instanceof MunitySecretError) {
    console.error(`@munityapps/secrets: no secret minted: ${error.code}: ${error.message}`)
  } else {
    console.error(`@munityapps/secrets: no secret minted: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`)
  }
}

/** What customerFor gave: `{ customerId, name }`, or null for "nobody" (null, undefined, false or ''). */
function customerOf(value) {
  if (value === undefined || value === null || value === false || value === '') return null
  if (typeof value === 'object' && !Array.isArray(value)) {
    return { customerId: value.customerId, name: value.name ?? undefined }
  }
  return { customerId: value, name: undefined }
}

/**
 * The endpoint's logic: `(request, connector)` answers `{ status, headers, body }`.
 * `customerFor(request, { connector })` is the app's: it throws -> the Promise rejects with that error (the
 * framework's error handling decides), unless `catchCustomerErrors` (then 500 SECRET_UNAVAILABLE, via onError).
 */
function endpoint(config, { catchCustomerErrors }) {
  const { signer, workspaceId, customerFor, mintOptions, onError } = config
  return async function secretAnswer(request, connector) {
    if (typeof connector !== 'string' || !CONNECTOR_PATTERN.test(connector)) return errorAnswer('INVALID_CONNECTOR')
    let customer
    try {
      customer = customerOf(await customerFor(request, { connector }))
    } catch (error) {
      if (!catchCustomerErrors) throw error
      onError(error, request)
      return errorAnswer('SECRET_UNAVAILABLE')
    }
    if (customer === null) return errorAnswer('UNAUTHENTICATED')
    let minted
    try {
      // A customer id that breaks the rule is the server's mistake (its customerFor): a 500, logged by code.
      minted = await signer.mintAsync({ customerId: customer.customerId, workspaceId, name: customer.name }, mintOptions)
    } catch (error) {
      onError(error, request)
      return errorAnswer('SECRET_UNAVAILABLE')
    }
    return answer(200, { secret: minted.secret, expiresAt: minted.expiresAt.toISOString() })
  }
}

module.exports = { CONNECTOR_PATTERN, configure, endpoint, errorAnswer }
