'use strict'
// The package itself: its version is the workspace's, it loads from require and import, its .d.ts
// names the error codes, and the README's Node quick start runs as written.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { execFileSync } = require('node:child_process')
const { root, testKey } = require('./helpers.js')

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

test('loads from require and from import, with the same objects', async () => {
  const cjs = require('@munityapps/secrets')
  const esm = await import('@munityapps/secrets')
  for (const name of ['Signer', 'Verifier', 'MunitySecretError', 'connectSecret', 'renewSecret', 'verifySecret', 'generateKeyPair']) {
    assert.equal(typeof cjs[name], 'function', name)
    assert.equal(esm[name], cjs[name], name)
  }
  assert.equal(esm.default, cjs)
  // The generated loader's own `__napiBindingTarget` is internal: not part of the API.
  assert.ok(!('__napiBindingTarget' in cjs))
  assert.ok(!('__napiBindingTarget' in esm))
})

test('the .d.ts declares the API and the error codes as a string union', () => {
  const dts = fs.readFileSync(path.join(packageDir, 'index.d.ts'), 'utf8')
  for (const code of ['ERR_INVALID_KEY', 'ERR_INVALID_CLAIM', 'ERR_MALFORMED_SECRET', 'ERR_UNSUPPORTED_ALGORITHM', 'ERR_BAD_SIGNATURE', 'ERR_UNKNOWN_KEY', 'ERR_EXPIRED', 'ERR_NOT_YET_VALID']) {
    assert.ok(dts.includes(`| '${code}'`), code)
  }
  assert.match(dts, /export declare class MunitySecretError extends Error/)
  assert.match(dts, /readonly code: ErrorCode/)
  assert.match(dts, /export declare class Signer/)
  assert.match(dts, /connectSecretAsync\(options: ConnectSecretOptions\): Promise<string>/)
  assert.match(dts, /verifyAsync\(secret: string, options\?: VerifyOptions \| undefined \| null\): Promise<VerifiedSecret>/)
  for (const file of pkg.files.filter((f) => !f.includes('*'))) {
    assert.ok(fs.existsSync(path.join(packageDir, file)), `${file} is in the package`)
  }
})

test("the README's Node quick start runs as written", () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8')
  const section = readme.split('<!-- section:node')[1].split('<!-- /section:node -->')[0]
  const block = section.match(/```js\n([\s\S]*?)```/)
  assert.ok(block, 'the Node section has a js code block')
  // Inside the package directory, so that '@munityapps/secrets' resolves to this package.
  const file = path.join(__dirname, `.readme-quickstart-${process.pid}.mjs`)
  fs.writeFileSync(file, block[1])
  try {
    const out = execFileSync(process.execPath, [file], {
      env: { ...process.env, MUNITY_CERTIFICATE: testKey('main_private_pkcs8'), MUNITY_PUBLIC_KEY: testKey('main_public_spki') },
      encoding: 'utf8',
    })
    const lines = out.trim().split('\n')
    assert.match(lines[0], /^customer1234 .* true$/)
    assert.equal(lines[1], 'ERR_INVALID_CLAIM customer_id invalid_character')
    assert.equal(lines[2], 'renew')
  } finally {
    fs.rmSync(file, { force: true })
  }
})
