// The conformance vectors through `import`: the installed package's ESM entry, named and default exports.
//   node node-vectors.mjs VECTORS_DIR
// Checks that the ESM named exports are the very objects of the CommonJS entry (one class, so `instanceof`
// agrees), then runs every case of secrets.json through the named exports (node-vectors.cjs does the work).
import { createRequire } from 'node:module'
import * as esm from '@munityapps/secrets'
import secrets from '@munityapps/secrets'

const require = createRequire(import.meta.url)
const { runVectors, report } = require('./node-vectors.cjs')
const cjs = require('@munityapps/secrets')

const vectorsDir = process.argv[2]
try {
  if (!vectorsDir) throw new Error('usage: node node-vectors.mjs VECTORS_DIR')
  if (secrets !== cjs) throw new Error('the default export is not the CommonJS exports object')
  const names = Object.keys(esm).filter((name) => name !== 'default').sort()
  const expected = Object.keys(cjs).sort()
  if (JSON.stringify(names) !== JSON.stringify(expected)) {
    throw new Error(`ESM exports [${names}] differ from CommonJS exports [${expected}]`)
  }
  for (const name of names) {
    if (esm[name] !== cjs[name]) throw new Error(`ESM ${name} is not the CommonJS ${name}`)
  }
  report('esm', await runVectors(esm, vectorsDir))
} catch (error) {
  console.error(`esm: FAILED: ${error.stack || error}`)
  process.exit(1)
}
