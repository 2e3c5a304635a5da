// The platform packages agree with the main package: one npm/<platform>/ per `napi.targets` entry (as
// `napi create-npm-dirs` writes them), each with the main package's version, the os/cpu/libc npm selects it by,
// public access, and the addon as its only listed file. Run by prepack, scripts/release/node.sh and the release test.
//
//   node scripts/check-packages.mjs                 check
//   node scripts/check-packages.mjs --pin FILE      also write into FILE (a copy of package.json about to be packed)
//                                                   the optionalDependencies: every platform package at exactly this
//                                                   version, as `napi pre-publish` does before publishing
// The checked-in package.json has no optionalDependencies (a checkout installs with `npm ci` before any platform
// package exists on a registry); the packed and published one has them, and nothing else in that field.
// `napi pre-publish` (the release workflow) writes the same pins into package.json itself; this check accepts that.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const read = (path) => JSON.parse(readFileSync(path, 'utf8'))
const main = read(join(packageDir, 'package.json'))

// napi-rs's platform names, and what npm compares with process.platform, process.arch and the libc family.
const PLATFORMS = {
  'x86_64-unknown-linux-gnu': ['linux-x64-gnu', 'linux', 'x64', 'glibc'],
  'aarch64-unknown-linux-gnu': ['linux-arm64-gnu', 'linux', 'arm64', 'glibc'],
  'x86_64-unknown-linux-musl': ['linux-x64-musl', 'linux', 'x64', 'musl'],
  'aarch64-unknown-linux-musl': ['linux-arm64-musl', 'linux', 'arm64', 'musl'],
  'x86_64-apple-darwin': ['darwin-x64', 'darwin', 'x64', null],
  'aarch64-apple-darwin': ['darwin-arm64', 'darwin', 'arm64', null],
  'x86_64-pc-windows-msvc': ['win32-x64-msvc', 'win32', 'x64', null],
}

const problems = []
const same = (what, actual, expected) => {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    problems.push(`${what} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`)
  }
}

same('package.json publishConfig.access', main.publishConfig?.access, 'public')
const expectedOptional = {}
const dirs = []
for (const target of main.napi.targets) {
  const entry = PLATFORMS[target]
  if (!entry) {
    problems.push(`napi.targets has ${target}, which this check does not know`)
    continue
  }
  const [platform, os, cpu, libc] = entry
  const name = `${main.name}-${platform}`
  const node = `${main.napi.binaryName}.${platform}.node`
  expectedOptional[name] = main.version
  dirs.push(platform)
  const path = join(packageDir, 'npm', platform, 'package.json')
  if (!existsSync(path)) {
    problems.push(`npm/${platform}/package.json is missing (npx napi create-npm-dirs)`)
    continue
  }
  if (!existsSync(join(packageDir, 'npm', platform, 'README.md'))) problems.push(`npm/${platform}/README.md is missing`)
  const pkg = read(path)
  const at = `npm/${platform}/package.json`
  same(`${at} name`, pkg.name, name)
  same(`${at} version`, pkg.version, main.version)
  same(`${at} os`, pkg.os, [os])
  same(`${at} cpu`, pkg.cpu, [cpu])
  same(`${at} libc`, pkg.libc, libc ? [libc] : undefined)
  same(`${at} main`, pkg.main, node)
  same(`${at} files`, pkg.files, [node])
  same(`${at} license`, pkg.license, main.license)
  same(`${at} engines`, pkg.engines, main.engines)
  same(`${at} repository`, pkg.repository, main.repository)
  same(`${at} publishConfig.access`, pkg.publishConfig?.access, 'public')
}
// None (a checkout) or exactly the pins (after `napi pre-publish`, which writes them into package.json in place).
if (main.optionalDependencies !== undefined) {
  same('package.json optionalDependencies', main.optionalDependencies, expectedOptional)
}
for (const dir of readdirSync(join(packageDir, 'npm'))) {
  if (!dirs.includes(dir)) problems.push(`npm/${dir} is not in napi.targets`)
}

if (problems.length) {
  for (const problem of problems) console.error(`error: ${problem}`)
  process.exit(1)
}
const pin = process.argv.indexOf('--pin')
if (pin !== -1) {
  const file = process.argv[pin + 1]
  const packed = read(file)
  if (packed.name !== main.name || packed.version !== main.version) {
    console.error(`error: ${file} is ${packed.name}@${packed.version}, not ${main.name}@${main.version}`)
    process.exit(1)
  }
  packed.optionalDependencies = expectedOptional
  writeFileSync(file, `${JSON.stringify(packed, null, 2)}\n`)
  console.log(`packages: ${file} pins ${Object.keys(expectedOptional).length} platform packages at ${main.version}`)
}
console.log(`packages: ${main.name}@${main.version} and ${dirs.length} platform packages agree`)
