'use strict'
// Peers as oracles: jsonwebtoken and jose accept our secrets, and we verify theirs (made without
// iat). With the same claims in the same order both write the very bytes we write.
const test = require('node:test')
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const jwt = require('jsonwebtoken')
const { Signer, Verifier } = require('..')
const { testKey, WORKSPACE, INTEGRATION } = require('./helpers.js')

const privatePem = testKey('main_private_pkcs8')
const publicPem = testKey('main_public_spki')
const signer = new Signer(privatePem)
const verifier = new Verifier(publicPem)
const payload = { customer_id: 'customer1234', workspace_id: WORKSPACE, name: 'optional name \u00e9\u{1F680}' }
const options = { customerId: payload.customer_id, workspaceId: payload.workspace_id, name: payload.name }

test('jsonwebtoken.verify accepts our connect and renew secrets', () => {
  const secret = signer.connectSecret(options, { expiresIn: 600 })
  const decoded = jwt.verify(secret, publicPem, { algorithms: ['RS256'] })
  assert.equal(decoded.customer_id, payload.customer_id)
  assert.equal(decoded.workspace_id, payload.workspace_id)
  assert.equal(decoded.name, payload.name)
  assert.equal(typeof decoded.exp, 'number')
  assert.equal(decoded.iat, undefined, 'no iat is written')
  const renew = signer.renewSecret({ ...options, integrationId: INTEGRATION }, { keyId: 'main-2026' })
  const full = jwt.verify(renew, publicPem, { algorithms: ['RS256'], complete: true })
  assert.equal(full.payload.integration_id, INTEGRATION)
  // The default lifetime, one hour from the (explicit) now, as jsonwebtoken reads it.
  const minted = signer.mint({ ...options, integrationId: INTEGRATION }, { now: 1_732_752_000 })
  assert.equal(jwt.decode(minted.secret).exp, 1_732_752_000 + 3600)
  assert.equal(minted.expiresAt.getTime(), (1_732_752_000 + 3600) * 1000)
  assert.equal(full.header.kid, 'main-2026')
})

test('jose jwtVerify accepts our secrets', async () => {
  const jose = await import('jose')
  const key = await jose.importSPKI(publicPem, 'RS256')
  const secret = signer.connectSecret(options, { expiresIn: 600 })
  const { payload: decoded, protectedHeader } = await jose.jwtVerify(secret, key, { algorithms: ['RS256'] })
  assert.deepEqual(protectedHeader, { alg: 'RS256', typ: 'JWT' })
  assert.equal(decoded.customer_id, payload.customer_id)
  assert.equal(decoded.name, payload.name)
})

test('we verify jsonwebtoken secrets (noTimestamp), and they are byte-identical to ours', () => {
  const theirs = jwt.sign(payload, privatePem, { algorithm: 'RS256', noTimestamp: true })
  const verified = verifier.verify(theirs, { expect: 'connect' })
  assert.equal(verified.customerId, payload.customer_id)
  assert.equal(verified.name, payload.name)
  // jsonwebtoken writes JSON.stringify's escaping (raw UTF-8), we write Python's (\u escapes), so
  // only an ASCII payload is byte-identical.
  const ascii = { customer_id: 'customer1234', workspace_id: WORKSPACE, name: 'optional name' }
  assert.equal(
    jwt.sign(ascii, privatePem, { algorithm: 'RS256', noTimestamp: true }),
    signer.connectSecret({ customerId: ascii.customer_id, workspaceId: ascii.workspace_id, name: ascii.name }, { expiresIn: null }),
  )
  const withExp = jwt.sign({ ...ascii, exp: 1_732_752_600 }, privatePem, { algorithm: 'RS256', noTimestamp: true })
  assert.equal(verifier.verify(withExp, { now: 1_732_752_000 }).expiresAt.getTime(), 1_732_752_600_000)
  assert.equal(
    withExp,
    signer.connectSecret({ customerId: ascii.customer_id, workspaceId: ascii.workspace_id, name: ascii.name }, { expiresIn: 600, now: 1_732_752_000 }),
  )
  assert.equal(
    withExp,
    signer.connectSecret({ customerId: ascii.customer_id, workspaceId: ascii.workspace_id, name: ascii.name }, { expiresAt: new Date(1_732_752_600_000), now: 1_732_752_000 }),
  )
})

test('we verify jose secrets, with a KeyObject and a JWK Set', async () => {
  const jose = await import('jose')
  const key = crypto.createPrivateKey(privatePem)
  const theirs = await new jose.SignJWT({ customer_id: 'customer1234', workspace_id: WORKSPACE, integration_id: INTEGRATION })
    .setProtectedHeader({ alg: 'RS256', kid: 'main', typ: 'JWT' })
    .sign(key)
  const jwk = { ...(await jose.exportJWK(crypto.createPublicKey(privatePem))), kid: 'main' }
  const rotation = Verifier.fromJwks({ keys: [{ ...(await jose.exportJWK(crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey)), kid: 'old' }, jwk] })
  const verified = rotation.verify(theirs, { expect: 'renew' })
  assert.equal(verified.kind, 'renew')
  assert.equal(verified.integrationId, INTEGRATION)
  assert.equal(verified.keyId, 'main')
  assert.equal(verified.fingerprint, signer.fingerprint)
  assert.equal(await jose.calculateJwkThumbprint(jwk, 'sha256'), signer.fingerprint, 'fingerprint is the RFC 7638 thumbprint')
  // jose writes the same bytes as we do for the same header and claims.
  const ours = signer.renewSecret({ customerId: 'customer1234', workspaceId: WORKSPACE, integrationId: INTEGRATION }, { keyId: 'main', expiresIn: null })
  assert.equal(theirs, ours)
})
