'use strict'
const fs = require('node:fs')
const path = require('node:path')

const root = path.resolve(__dirname, '..', '..')
const vectorsDir = path.join(root, 'tests', 'vectors')

function loadVectors() {
  return JSON.parse(fs.readFileSync(path.join(vectorsDir, 'secrets.json'), 'utf8'))
}

function keyText(vectors, name) {
  const entry = vectors.keys[name]
  if (!entry) throw new Error(`no key ${name} in the vectors`)
  return fs.readFileSync(path.join(vectorsDir, entry.file), 'utf8')
}

/** The committed TEST-ONLY key files, by their vector name. */
function testKey(name) {
  return keyText(loadVectors(), name)
}

const WORKSPACE = '11111111-2222-3333-aaaa-eeeeeeeeeeee'
const INTEGRATION = '99999999-8888-7777-bbbb-cccccccccccc'

module.exports = { root, vectorsDir, loadVectors, keyText, testKey, WORKSPACE, INTEGRATION }
