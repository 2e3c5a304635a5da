'use strict'
// One operation of the binding, repeated: the workload that bench/instructions.sh runs under
// valgrind --tool=callgrind to count instructions per call (deterministic, unlike wall-clock time on a
// shared machine). Usage: node bench/instructions.js <operation> <count> [package directory, default ..]
const fs = require('node:fs')
const path = require('node:path')

const [operation, countText, packageDir = path.resolve(__dirname, '..')] = process.argv.slice(2)
const secrets = require(path.resolve(packageDir))
const keys = path.resolve(__dirname, '..', '..', 'tests', 'vectors', 'keys')
const privatePem = fs.readFileSync(path.join(keys, 'TEST-ONLY-main-private-pkcs8.pem'), 'utf8')
const publicPem = fs.readFileSync(path.join(keys, 'TEST-ONLY-main-public-spki.pem'), 'utf8')
const claims = { customerId: 'customer1234', workspaceId: '11111111-2222-3333-aaaa-eeeeeeeeeeee', name: 'optional name' }
const noExpiry = { expiresIn: null }
const signer = new secrets.Signer(privatePem)
const verifier = new secrets.Verifier(publicPem)
const secret = signer.connectSecret(claims, noExpiry)
const verifyOptions = { expect: 'connect', leeway: 30, now: new Date(1_800_000_000_000) }

const OPERATIONS = {
  // bench.js's sign and verify, exactly
  sign: () => signer.connectSecret(claims, noExpiry),
  verify: () => verifier.verify(secret),
  // the other shapes of a call
  mint: () => signer.mint(claims),
  'verify-options': () => verifier.verify(secret, verifyOptions),
  'verify-read': () => {
    const v = verifier.verify(secret)
    return v.customerId.length + (v.expiresAt === null ? 0 : 1)
  },
  'verify-one-call': () => secrets.verifySecret(publicPem, secret),
}
const op = OPERATIONS[operation]
if (!op) throw new Error(`operation: one of ${Object.keys(OPERATIONS).join(', ')}`)
const count = Number(countText)
let sink = 0
for (let i = 0; i < count; i++) sink += op() === undefined ? 0 : 1
if (sink !== count) throw new Error('an operation returned nothing')
