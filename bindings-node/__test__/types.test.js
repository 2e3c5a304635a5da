'use strict'
// The .d.ts describes the JavaScript API: types/usage.ts (every entry point, with strings, Buffers,
// Dates, arrays and null where the code takes them, and @ts-expect-error where it refuses) compiles
// under tsc --strict. TypeScript comes with the pinned @napi-rs/cli dev dependency.
const test = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')
const { execFileSync } = require('node:child_process')

test('types/usage.ts compiles against index.d.ts under tsc --strict', () => {
  const tsc = require.resolve('typescript/bin/tsc', { paths: [path.resolve(__dirname, '..')] })
  const usage = path.join(__dirname, 'types', 'usage.ts')
  const args = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'commonjs', '--lib', 'es2022,dom', usage]
  let output = ''
  try {
    execFileSync(process.execPath, [tsc, ...args], { encoding: 'utf8' })
  } catch (error) {
    output = `${error.stdout}${error.stderr}`
  }
  assert.equal(output, '', 'tsc reports no error')
})
