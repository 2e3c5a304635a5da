'use strict'
// One run, every figure: sign and verify ops/s against jsonwebtoken (PEM string each call, and a
// KeyObject), jose (SignJWT / jwtVerify with an imported key) and fast-jwt; connectSecretAsync
// throughput on the libuv thread pool vs sync; event-loop delay p99 while 1,000 secrets are minted
// sync vs async; and `openssl speed -seconds 3 rsa2048` from the same run, with the ratios the issues
// target. Every one-at-a-time figure comes twice: ops per wall-clock second, and ops per CPU second of
// this process (all its threads: GC and compiler included), which is what `openssl speed` itself
// counts, and the fair comparison when other processes share the cores.
// Usage: node bench/bench.js [seconds per measurement, default 2]
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const crypto = require('node:crypto')
const { execFileSync } = require('node:child_process')
const { performance, monitorEventLoopDelay } = require('node:perf_hooks')
const jwt = require('jsonwebtoken')
const { createSigner, createVerifier } = require('fast-jwt')
const secrets = require('..')

const SECONDS = Number(process.argv[2] || 2)
const keys = path.resolve(__dirname, '..', '..', 'tests', 'vectors', 'keys')
const privatePem = fs.readFileSync(path.join(keys, 'TEST-ONLY-main-private-pkcs8.pem'), 'utf8')
const publicPem = fs.readFileSync(path.join(keys, 'TEST-ONLY-main-public-spki.pem'), 'utf8')
const WORKSPACE = '11111111-2222-3333-aaaa-eeeeeeeeeeee'
const claims = { customer_id: 'customer1234', workspace_id: WORKSPACE, name: 'optional name' }
const options = { customerId: claims.customer_id, workspaceId: claims.workspace_id, name: claims.name }
// Without exp, as the peers below are asked to write it: the same bytes, the same work.
const noExpiry = { expiresIn: null }

function version(name) {
  return JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`, { paths: [path.resolve(__dirname, '..')] }), 'utf8')).version
}

/** A figure: ops per wall-clock second, and ops per CPU second of the process. */
function figure(ops, wallMs, cpu) {
  return { wall: (ops * 1000) / wallMs, cpu: (ops * 1e6) / (cpu.user + cpu.system) }
}

/** ops/s of a synchronous function, over SECONDS after a short warm-up (the clock read every 8 calls). */
function measure(fn) {
  for (let i = 0; i < 20; i++) fn()
  let ops = 0
  const cpu = process.cpuUsage()
  const start = performance.now()
  const end = start + SECONDS * 1000
  let now = start
  while (now < end) {
    for (let i = 0; i < 8; i++) fn()
    ops += 8
    now = performance.now()
  }
  return figure(ops, now - start, process.cpuUsage(cpu))
}

/** ops/s of an async function awaited one after the other. */
async function measureAsync(fn) {
  for (let i = 0; i < 20; i++) await fn()
  let ops = 0
  const cpu = process.cpuUsage()
  const start = performance.now()
  const end = start + SECONDS * 1000
  let now = start
  while (now < end) {
    await fn()
    ops++
    now = performance.now()
  }
  return figure(ops, now - start, process.cpuUsage(cpu))
}

/** ops/s with `inFlight` calls outstanding at all times (thread-pool throughput). */
async function measureInFlight(fn, inFlight) {
  await Promise.all(Array.from({ length: 50 }, fn))
  let ops = 0
  const start = performance.now()
  const end = start + SECONDS * 1000
  async function worker() {
    while (performance.now() < end) {
      await fn()
      ops++
    }
  }
  const cpu = process.cpuUsage()
  await Promise.all(Array.from({ length: inFlight }, worker))
  return figure(ops, performance.now() - start, process.cpuUsage(cpu))
}

async function eventLoopP99(run) {
  const histogram = monitorEventLoopDelay({ resolution: 1 })
  await new Promise((resolve) => setTimeout(resolve, 20))
  histogram.enable()
  await new Promise((resolve) => setTimeout(resolve, 20))
  await run()
  await new Promise((resolve) => setTimeout(resolve, 20))
  histogram.disable()
  return { p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6, mean: histogram.mean / 1e6 }
}

function opensslSpeed() {
  try {
    const out = execFileSync('openssl', ['speed', '-seconds', '3', 'rsa2048'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    const lines = out.trim().split('\n')
    const header = lines.findLast((l) => /sign\/s/.test(l))
    const row = lines.findLast((l) => /^rsa\s*2048\s+bits/.test(l))
    const columns = header.trim().split(/\s+/)
    const values = row.replace(/^rsa\s*2048\s+bits\s+/, '').trim().split(/\s+/)
    const at = (name) => Number(values[columns.indexOf(name)])
    return { sign: at('sign/s'), verify: at('verify/s'), version: execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim() }
  } catch (error) {
    return { sign: NaN, verify: NaN, version: `openssl unavailable (${error.message.split('\n')[0]})` }
  }
}

const fmt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a')

async function main() {
  const jose = await import('jose')
  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ')
  const loadBefore = load()
  const signer = new secrets.Signer(privatePem)
  const verifier = new secrets.Verifier(publicPem)
  const privateKeyObject = crypto.createPrivateKey(privatePem)
  const publicKeyObject = crypto.createPublicKey(publicPem)
  const josePrivate = await jose.importPKCS8(privatePem, 'RS256')
  const josePublic = await jose.importSPKI(publicPem, 'RS256')
  const fastSign = createSigner({ key: privatePem, algorithm: 'RS256', noTimestamp: true })
  const fastVerify = createVerifier({ key: publicPem, algorithms: ['RS256'] })
  const secret = signer.connectSecret(options, noExpiry)
  // Sanity: every peer writes the same bytes for these claims, and accepts ours.
  if (jwt.sign(claims, privatePem, { algorithm: 'RS256', noTimestamp: true }) !== secret) throw new Error('jsonwebtoken differs')
  if (fastSign(claims) !== secret) throw new Error('fast-jwt differs')
  fastVerify(secret)

  const sign = {}
  sign['munity Signer.connectSecret (parsed once)'] = measure(() => signer.connectSecret(options, noExpiry))
  sign['munity connectSecret(pem, ...) one-call'] = measure(() => secrets.connectSecret(privatePem, options, noExpiry))
  sign['jsonwebtoken sign, PEM string each call'] = measure(() => jwt.sign(claims, privatePem, { algorithm: 'RS256', noTimestamp: true }))
  sign['jsonwebtoken sign, KeyObject'] = measure(() => jwt.sign(claims, privateKeyObject, { algorithm: 'RS256', noTimestamp: true }))
  sign['jose SignJWT, imported key'] = await measureAsync(() => new jose.SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT' }).sign(josePrivate))
  sign['fast-jwt createSigner'] = measure(() => fastSign(claims))

  const verify = {}
  verify['munity Verifier.verify (parsed once)'] = measure(() => verifier.verify(secret))
  verify['munity verifySecret(pem, ...) one-call'] = measure(() => secrets.verifySecret(publicPem, secret))
  verify['jsonwebtoken verify, PEM string each call'] = measure(() => jwt.verify(secret, publicPem, { algorithms: ['RS256'] }))
  verify['jsonwebtoken verify, KeyObject'] = measure(() => jwt.verify(secret, publicKeyObject, { algorithms: ['RS256'] }))
  verify['jose jwtVerify, imported key'] = await measureAsync(() => jose.jwtVerify(secret, josePublic, { algorithms: ['RS256'] }))
  verify['fast-jwt createVerifier'] = measure(() => fastVerify(secret))

  const poolSize = Number(process.env.UV_THREADPOOL_SIZE || 4)
  const throughput = {
    'connectSecret sync, one at a time': measure(() => signer.connectSecret(options, noExpiry)),
    'connectSecretAsync, one at a time': await measureAsync(() => signer.connectSecretAsync(options, noExpiry)),
    [`connectSecretAsync, 64 in flight (UV_THREADPOOL_SIZE=${poolSize})`]: await measureInFlight(() => signer.connectSecretAsync(options, noExpiry), 64),
  }

  const N = 1000
  const delay = {
    'sync: 1,000 connectSecret in one loop': await eventLoopP99(async () => {
      for (let i = 0; i < N; i++) signer.connectSecret({ ...options, customerId: `customer${i}` }, noExpiry)
    }),
    'sync: 1,000 connectSecret, one per setImmediate (as request handlers)': await eventLoopP99(
      () =>
        new Promise((resolve) => {
          let i = 0
          const step = () => {
            signer.connectSecret({ ...options, customerId: `customer${i}` }, noExpiry)
            if (++i < N) setImmediate(step)
            else resolve()
          }
          setImmediate(step)
        }),
    ),
    'async: 1,000 connectSecretAsync in flight': await eventLoopP99(() =>
      Promise.all(Array.from({ length: N }, (_, i) => signer.connectSecretAsync({ ...options, customerId: `customer${i}` }, noExpiry))),
    ),
  }

  const openssl = opensslSpeed()
  const loadAfter = load()

  const lines = []
  const print = (s = '') => lines.push(s)
  print(`node ${process.version}, ${os.cpus().length} CPU(s) ${os.cpus()[0].model}, ${openssl.version}`)
  print(`@munityapps/secrets ${version('@munityapps/secrets')}, jsonwebtoken ${version('jsonwebtoken')}, jose ${version('jose')}, fast-jwt ${version('fast-jwt')}`)
  print(`load average before: ${loadBefore}; after: ${loadAfter}; ${SECONDS} s per measurement`)
  print()
  const table = (title, rows) => {
    print(`| ${title} | ops/s | ops per CPU-s |`)
    print('| --- | ---: | ---: |')
    for (const [k, v] of Object.entries(rows)) print(`| ${k} | ${fmt(v.wall)} | ${fmt(v.cpu)} |`)
  }
  table('sign (RS256, 2048-bit key)', sign)
  print(`| openssl speed rsa2048 sign/s (CPU time) | | ${fmt(openssl.sign)} |`)
  print()
  table('verify', verify)
  print(`| openssl speed rsa2048 verify/s (CPU time) | | ${fmt(openssl.verify)} |`)
  print()
  table('throughput', throughput)
  print()
  print('| event-loop delay while minting 1,000 | p99 ms | max ms | mean ms |')
  print('| --- | ---: | ---: | ---: |')
  for (const [k, v] of Object.entries(delay)) print(`| ${k} | ${v.p99.toFixed(2)} | ${v.max.toFixed(2)} | ${v.mean.toFixed(2)} |`)
  print()
  const s = Object.values(sign)
  const v = Object.values(verify)
  const t = Object.values(throughput)
  const d = Object.values(delay)
  // [name, wall-clock ratio, per-CPU-second ratio (null: not meaningful), target]
  const opensslSign = { wall: openssl.sign, cpu: openssl.sign }
  const opensslVerify = { wall: openssl.verify, cpu: openssl.verify }
  const both = (a, b) => [a.wall / b.wall, a.cpu / b.cpu]
  const targets = [
    ['Signer sync sign / openssl sign/s', ...both(s[0], opensslSign), 0.95],
    ['Verifier.verify / openssl verify/s', ...both(v[0], opensslVerify), 0.85],
    ['async throughput (64 in flight) / sync', t[2].wall / t[0].wall, null, 1.8],
    ['one-call sign / jsonwebtoken (PEM string)', ...both(s[1], s[2]), 3],
    ['Signer sync sign / jsonwebtoken (KeyObject)', ...both(s[0], s[3]), null],
    ['Signer sync sign / jose', ...both(s[0], s[4]), null],
    ['Signer sync sign / fast-jwt', ...both(s[0], s[5]), null],
    ['Verifier.verify / fast-jwt verify', ...both(v[0], v[5]), 1.1],
    ['Verifier.verify / jsonwebtoken verify (KeyObject)', ...both(v[0], v[3]), null],
    ['Verifier.verify / jose jwtVerify', ...both(v[0], v[4]), null],
    ['event-loop p99: sync loop / async', d[0].p99 / d[2].p99, null, 10],
    ['event-loop p99: sync per setImmediate / async', d[1].p99 / d[2].p99, null, null],
  ]
  const x = (value) => (value !== null && Number.isFinite(value) ? value.toFixed(2) + 'x' : '')
  const met = (value, target) => (target === null || value === null || !Number.isFinite(value) ? '' : value >= target ? 'yes' : 'no')
  print('| ratio | measured (wall) | met | measured (per CPU-s) | met | target |')
  print('| --- | ---: | :---: | ---: | :---: | ---: |')
  for (const [name, wall, cpu, target] of targets) {
    print(`| ${name} | ${x(wall)} | ${met(wall, target)} | ${x(cpu)} | ${met(cpu, target)} | ${target === null ? '' : target + 'x'} |`)
  }
  console.log(lines.join('\n'))
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
