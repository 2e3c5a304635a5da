'use strict'
// The public face of @munityapps/secrets: a thin layer over the native addon (binding.js, generated
// by napi-rs) that
//   - checks the JS types of arguments and options objects (TypeError / RangeError), reading own
//     properties only and refusing unknown ones, and turns a Date into seconds;
//   - gives the errors the addon throws the MunitySecretError prototype, on the sync and the async
//     (Promise) paths alike.
// Every rule about claims, keys and secrets lives in the Rust core.

const native = require('./binding.js')

/** @type {ReadonlySet<string>} */
const CODES = new Set([
  'ERR_INVALID_KEY',
  'ERR_INVALID_CLAIM',
  'ERR_MALFORMED_SECRET',
  'ERR_UNSUPPORTED_ALGORITHM',
  'ERR_BAD_SIGNATURE',
  'ERR_UNKNOWN_KEY',
  'ERR_EXPIRED',
  'ERR_NOT_YET_VALID',
])

// The statuses napi-rs gives a failed conversion of a JS value: a wrong type from the caller.
const NAPI_TYPE_STATUSES = new Set([
  'InvalidArg',
  'ObjectExpected',
  'StringExpected',
  'NameExpected',
  'FunctionExpected',
  'NumberExpected',
  'BooleanExpected',
  'ArrayExpected',
  'BigintExpected',
  'DateExpected',
])

class MunitySecretError extends Error {
  /**
   * @param {string} message
   * @param {{ code: string, [field: string]: unknown }} fields
   */
  constructor(message, fields) {
    super(message)
    if (fields) Object.assign(this, fields)
  }
}
Object.defineProperty(MunitySecretError.prototype, 'name', {
  value: 'MunitySecretError',
  writable: true,
  configurable: true,
  enumerable: false,
})

/** Turns what the addon threw into the error the caller sees. */
function convert(error) {
  if (!(error instanceof Error) || error instanceof MunitySecretError) return error
  if (typeof error.code === 'string' && CODES.has(error.code) && typeof error.detail === 'string') {
    Object.setPrototypeOf(error, MunitySecretError.prototype)
    if (typeof error.stack === 'string' && error.stack.startsWith('Error:')) {
      error.stack = 'MunitySecretError' + error.stack.slice('Error'.length)
    }
    return error
  }
  if (typeof error.code === 'string' && NAPI_TYPE_STATUSES.has(error.code)) {
    return new TypeError(error.message, { cause: error })
  }
  return error
}

function call(fn) {
  try {
    return fn()
  } catch (error) {
    throw convert(error)
  }
}

function callAsync(fn) {
  let promise
  try {
    promise = fn()
  } catch (error) {
    return Promise.reject(convert(error))
  }
  return promise.then(undefined, (error) => {
    throw convert(error)
  })
}

// ---------------------------------------------------------------------------------------------
// Argument checks (types only: the values are the core's business)
// ---------------------------------------------------------------------------------------------

function describe(value) {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (value instanceof Date) return 'a Date'
  return typeof value
}

function keyText(value, what) {
  if (typeof value === 'string') return value
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8')
  throw new TypeError(`${what} must be a string (PEM or JSON text) or a Buffer; found ${describe(value)}`)
}

function secretText(value) {
  if (typeof value === 'string') return value
  throw new TypeError(`secret must be a string; found ${describe(value)}`)
}

function seconds(value, what) {
  if (value instanceof Date) {
    const ms = value.getTime()
    if (!Number.isFinite(ms)) throw new TypeError(`${what} must be a valid Date; found an invalid Date`)
    return ms / 1000
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${what} must be a finite number of seconds; found ${value}`)
    return value
  }
  throw new TypeError(`${what} must be a number of seconds since the epoch or a Date; found ${describe(value)}`)
}

const CHECKS = {
  string(value, what) {
    if (typeof value !== 'string') throw new TypeError(`${what} must be a string; found ${describe(value)}`)
    return value
  },
  integer(value, what) {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw new TypeError(`${what} must be an integer number of seconds; found ${typeof value === 'number' ? value : describe(value)}`)
    }
    return value
  },
  leeway(value, what) {
    CHECKS.integer(value, what)
    if (value < 0) throw new RangeError(`${what} must not be negative; found ${value}`)
    return value
  },
  time: seconds,
  kind(value, what) {
    if (value !== 'connect' && value !== 'renew') {
      throw new TypeError(`${what} must be 'connect' or 'renew'; found ${typeof value === 'string' ? JSON.stringify(value.slice(0, 20)) : describe(value)}`)
    }
    return value
  },
}

const CONNECT_OPTIONS = {
  customerId: ['string', true],
  workspaceId: ['string', true],
  name: ['string', false],
  expiresIn: ['integer', false],
  now: ['time', false],
  keyId: ['string', false],
}
const RENEW_OPTIONS = { ...CONNECT_OPTIONS, integrationId: ['string', true] }
const VERIFY_OPTIONS = {
  expect: ['kind', false],
  leeway: ['leeway', false],
  now: ['time', false],
}

/**
 * A clean copy of an options object: own enumerable properties only (an inherited or polluted
 * `Object.prototype` member is never read), unknown members refused, each type checked,
 * `undefined` and `null` meaning absent. The copy has no prototype.
 */
function options(value, spec, what, required) {
  if (value === undefined || value === null) {
    if (required) throw new TypeError(`${what} must be an options object; found ${describe(value)}`)
    return undefined
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${what} must be an options object; found ${describe(value)}`)
  }
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(spec, key)) {
      throw new TypeError(
        `${what} has an unknown member ${JSON.stringify(key.slice(0, 40))}; known: ${Object.keys(spec).join(', ')}`,
      )
    }
  }
  const out = Object.create(null)
  for (const key of Object.keys(spec)) {
    const [check, isRequired] = spec[key]
    const present = Object.hasOwn(value, key) && value[key] !== undefined && value[key] !== null
    if (!present) {
      if (isRequired) throw new TypeError(`${what}.${key} is required`)
      continue
    }
    out[key] = CHECKS[check](value[key], `${what}.${key}`)
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Signer
// ---------------------------------------------------------------------------------------------

// A native object handed to a constructor by a static factory (set and cleared synchronously).
let adopting = null

class Signer {
  #native

  /** @param {string | Buffer} certificate */
  constructor(certificate) {
    if (adopting !== null) {
      this.#native = adopting
      return
    }
    const text = keyText(certificate, 'certificate')
    this.#native = call(() => new native.Signer(text))
  }

  static fromEnv(name = 'MUNITY_CERTIFICATE') {
    const variable = CHECKS.string(name, 'name')
    return adopt(Signer, call(() => native.Signer.fromEnv(variable)))
  }

  get fingerprint() {
    return this.#native.fingerprint
  }

  connectSecret(opts) {
    const clean = options(opts, CONNECT_OPTIONS, 'options', true)
    return call(() => this.#native.connectSecret(clean))
  }

  connectSecretAsync(opts) {
    return callAsync(() => this.#native.connectSecretAsync(options(opts, CONNECT_OPTIONS, 'options', true)))
  }

  renewSecret(opts) {
    const clean = options(opts, RENEW_OPTIONS, 'options', true)
    return call(() => this.#native.renewSecret(clean))
  }

  renewSecretAsync(opts) {
    return callAsync(() => this.#native.renewSecretAsync(options(opts, RENEW_OPTIONS, 'options', true)))
  }

  get [Symbol.toStringTag]() {
    return 'Signer'
  }
}

function adopt(Class, nativeObject) {
  adopting = nativeObject
  try {
    return new Class()
  } finally {
    adopting = null
  }
}

// ---------------------------------------------------------------------------------------------
// Verifier
// ---------------------------------------------------------------------------------------------

class Verifier {
  #native

  /** @param {string | Buffer} publicKeys PEM block(s), a JWK or a JWK Set, as text */
  constructor(publicKeys) {
    if (adopting !== null) {
      this.#native = adopting
      return
    }
    const text = keyText(publicKeys, 'publicKeys')
    this.#native = call(() => new native.Verifier(text))
  }

  /** @param {string | object} jwks a JWK Set or one JWK, as JSON text or as an object */
  static fromJwks(jwks) {
    let text
    if (jwks !== null && typeof jwks === 'object' && !(jwks instanceof Uint8Array)) {
      text = JSON.stringify(jwks)
    } else {
      text = keyText(jwks, 'jwks')
    }
    return adopt(Verifier, call(() => native.Verifier.fromJwks(text)))
  }

  static fromEnv(name = 'MUNITY_PUBLIC_KEY') {
    const variable = CHECKS.string(name, 'name')
    return adopt(Verifier, call(() => native.Verifier.fromEnv(variable)))
  }

  get fingerprints() {
    return this.#native.fingerprints
  }

  verify(secret, opts) {
    const text = secretText(secret)
    const clean = options(opts, VERIFY_OPTIONS, 'options', false)
    return call(() => this.#native.verify(text, clean))
  }

  verifyAsync(secret, opts) {
    return callAsync(() => this.#native.verifyAsync(secretText(secret), options(opts, VERIFY_OPTIONS, 'options', false)))
  }

  get [Symbol.toStringTag]() {
    return 'Verifier'
  }
}

// ---------------------------------------------------------------------------------------------
// One-call functions: the core caches the parsed keys (bounded)
// ---------------------------------------------------------------------------------------------

function connectSecret(certificate, opts) {
  const text = keyText(certificate, 'certificate')
  const clean = options(opts, CONNECT_OPTIONS, 'options', true)
  return call(() => native.connectSecret(text, clean))
}

function renewSecret(certificate, opts) {
  const text = keyText(certificate, 'certificate')
  const clean = options(opts, RENEW_OPTIONS, 'options', true)
  return call(() => native.renewSecret(text, clean))
}

function verifySecret(publicKeys, secret, opts) {
  const text = keyText(publicKeys, 'publicKeys')
  const secretString = secretText(secret)
  const clean = options(opts, VERIFY_OPTIONS, 'options', false)
  return call(() => native.verifySecret(text, secretString, clean))
}

/** A fresh key pair for tests and local development (2048 bits by default). */
function generateKeyPair(bits) {
  if (bits !== undefined && bits !== null && (typeof bits !== 'number' || !Number.isInteger(bits) || bits < 0)) {
    throw new TypeError(`bits must be 2048, 3072 or 4096; found ${describe(bits)}`)
  }
  return call(() => native.generateKeyPair(bits ?? undefined))
}

module.exports = {
  Signer,
  Verifier,
  MunitySecretError,
  connectSecret,
  renewSecret,
  verifySecret,
  generateKeyPair,
}
