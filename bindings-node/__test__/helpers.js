'use strict'
const fs = require('node:fs')
const path = require('node:path')

const root = path.resolve(__dirname, '..', '..')
const vectorsDir = path.join(root, 'tests', 'vectors')

function loadVectors(file = 'secrets.json') {
  return JSON.parse(fs.readFileSync(path.join(vectorsDir, file), 'utf8'))
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

/** A key text altered as it arrives from environment variables (the vectors' `transform`). */
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
      throw new Error(`unknown transform ${how}`)
  }
}

const WORKSPACE = '11111111-2222-3333-aaaa-eeeeeeeeeeee'
const INTEGRATION = '99999999-8888-7777-bbbb-cccccccccccc'

module.exports = { root, vectorsDir, loadVectors, keyText, testKey, transform, WORKSPACE, INTEGRATION }
