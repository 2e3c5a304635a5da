'use strict'
// The declarations of @munityapps/secrets/express and /http: types/express-usage.ts (CommonJS) and
// types/express-usage.mts (ESM) compile under tsc --strict with module node16 (so the package's `exports` map
// picks express.d.ts or express.d.mts), once against @types/express 5 and once against @types/express 4 (the dev
// dependency alias @types/express4, mapped to `express` with `paths`).
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { execFileSync } = require('node:child_process')

const packageDir = path.resolve(__dirname, '..')
const modules = path.join(packageDir, 'node_modules')

function compile(t, name, paths) {
  const tsc = require.resolve('typescript/bin/tsc', { paths: [packageDir] })
  const config = path.join(__dirname, 'types', `.tsconfig-${name}-${process.pid}.json`)
  fs.writeFileSync(
    config,
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'es2022',
        lib: ['es2022'],
        module: 'node16',
        moduleResolution: 'node16',
        types: ['node'],
        skipLibCheck: false,
        paths,
      },
      files: ['express-usage.ts', 'express-usage.mts'],
    }),
  )
  t.after(() => fs.rmSync(config, { force: true }))
  try {
    execFileSync(process.execPath, [tsc, '--project', config], { encoding: 'utf8' })
    return ''
  } catch (error) {
    return `${error.stdout}${error.stderr}`
  }
}

test('the express and http declarations compile under tsc --strict with @types/express 5', (t) => {
  const major = require(path.join(modules, '@types', 'express', 'package.json')).version.split('.')[0]
  assert.equal(major, '5')
  assert.equal(compile(t, 'express5', {}), '', 'tsc reports no error')
})

test('the express and http declarations compile under tsc --strict with @types/express 4', (t) => {
  const types4 = path.join(modules, '@types', 'express4')
  assert.equal(require(path.join(types4, 'package.json')).version.split('.')[0], '4')
  const core4 = path.join(types4, 'node_modules', '@types', 'express-serve-static-core')
  assert.ok(fs.existsSync(core4), 'the v4 core types are nested under @types/express4')
  const output = compile(t, 'express4', {
    express: [path.join(types4, 'index.d.ts')],
    'express-serve-static-core': [path.join(core4, 'index.d.ts')],
  })
  assert.equal(output, '', 'tsc reports no error')
})
