// Before `npm pack` / `npm publish` of the main package: the repository's LICENSE goes into the package (npm ships
// LICENSE and README from the package folder only), and the entry points must match the declarations.
import { copyFileSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { execFileSync } from 'node:child_process'

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const license = join(packageDir, '..', 'LICENSE')
if (!existsSync(license)) {
  console.error('error: no LICENSE at the repository root to ship in the package')
  process.exit(1)
}
copyFileSync(license, join(packageDir, 'LICENSE'))
execFileSync(process.execPath, [join(packageDir, 'scripts', 'entry-points.mjs'), '--check'], { stdio: 'inherit' })
execFileSync(process.execPath, [join(packageDir, 'scripts', 'check-packages.mjs')], { stdio: 'inherit' })
