'use strict'
// The package itself: its version is the workspace's, it loads from require and import with the
// same exports, its .d.ts declares each of them, and the README's Node quick start runs as written.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { execFileSync } = require('node:child_process')
const { root, testKey, WORKSPACE } = require('./helpers.js')

const packageDir = path.resolve(__dirname, '..')
const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'))

test("package.json's version equals the Cargo workspace version", () => {
  const cargo = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8')
  const section = cargo.split(/^\[workspace\.package\]\s*$/m)[1]
  assert.ok(section, 'Cargo.toml has [workspace.package]')
  const version = section.split(/^\[/m)[0].match(/^version\s*=\s*"([^"]+)"/m)
  assert.ok(version, 'a version in [workspace.package]')
  assert.equal(pkg.version, version[1])
  assert.equal(pkg.name, '@munityapps/secrets')
})

const EXPORTS = [
  'Signer',
  'Verifier',
  'MunitySecretError',
  'InvalidKeyError',
  'InvalidClaimError',
  'InvalidSecretError',
  'MalformedSecretError',
  'UnsupportedAlgorithmError',
  'BadSignatureError',
  'UnknownKeyError',
  'ExpiredSecretError',
  'NotYetValidError',
  'connectSecret',
  'renewSecret',
  'verifySecret',
  'generateKeyPair',
  'version',
  'CERTIFICATE_ENV',
  'WORKSPACE_ID_ENV',
  'PUBLIC_KEY_ENV',
  'DEFAULT_EXPIRES_IN',
  'MAX_EXPIRES_IN',
  'DEFAULT_LEEWAY',
  'MAX_LEEWAY',
  'DEFAULT_KEY_BITS',
  'MAX_NUMERIC_DATE',
]

test('loads from require and from import, with the same objects, and exports nothing internal', async () => {
  const cjs = require('@munityapps/secrets')
  const esm = await import('@munityapps/secrets')
  assert.deepEqual(Object.keys(cjs).sort(), [...EXPORTS].sort())
  for (const name of EXPORTS) {
    assert.notEqual(cjs[name], undefined, name)
    assert.equal(esm[name], cjs[name], name)
  }
  assert.equal(esm.default, cjs)
})

test('the .d.ts declares every export, and the types the JS takes (strings or Buffers)', () => {
  const dts = fs.readFileSync(path.join(packageDir, 'index.d.ts'), 'utf8')
  for (const name of EXPORTS) {
    assert.match(dts, new RegExp(`export (declare )?(class|function|const) ${name}\\b`), name)
  }
  assert.match(dts, /export declare class MunitySecretError extends Error/)
  assert.match(dts, /export declare class InvalidClaimError extends MunitySecretError/)
  assert.match(dts, /readonly code: string/)
  assert.match(dts, /export type KeyText = string \| Uint8Array/)
  assert.match(dts, /constructor\(certificate: KeyText, options\?: \{ workspaceId\?: string \| null \} \| null\)/)
  assert.match(dts, /constructor\(publicKeys: KeyText \| ReadonlyArray<KeyText>\)/)
  assert.match(dts, /connectSecretAsync\(claims: ConnectClaims, options\?: MintOptions \| null\): Promise<string>/)
  assert.match(dts, /mint\(claims: MintClaims, options\?: MintOptions \| null\): MintedSecret/)
  assert.match(dts, /verifyAsync\(secret: string, options\?: VerifyOptions \| null\): Promise<VerifiedSecret>/)
  assert.match(dts, /expiresIn\?: number \| null/)
  assert.doesNotMatch(dts, /ERR_INVALID/)
  for (const file of pkg.files.filter((f) => !f.includes('*'))) {
    assert.ok(fs.existsSync(path.join(packageDir, file)), `${file} is in the package`)
  }
})

test("the README's Node quick start runs as written", () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8')
  const section = readme.split(/^## Node$/m)[1].split(/^## /m)[0]
  const block = section.match(/```js\n([\s\S]*?)```/)
  assert.ok(block, 'the Node section has a js code block')
  // Inside the package directory, so that '@munityapps/secrets' resolves to this package.
  const file = path.join(__dirname, `.readme-quickstart-${process.pid}.mjs`)
  fs.writeFileSync(file, block[1])
  try {
    const out = execFileSync(process.execPath, [file], {
      env: {
        ...process.env,
        MUNITY_CERTIFICATE: testKey('main_private_pkcs8'),
        MUNITY_WORKSPACE_ID: WORKSPACE,
        MUNITY_PUBLIC_KEY: testKey('main_public_spki'),
      },
      encoding: 'utf8',
    })
    const lines = out.trim().split('\n')
    assert.match(lines[0], /^customer1234 .* true$/)
    assert.equal(lines[1], 'INVALID_CLAIM/customer_id invalid_character')
    assert.equal(lines[2], 'renew')
  } finally {
    fs.rmSync(file, { force: true })
  }
})
