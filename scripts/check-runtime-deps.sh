#!/usr/bin/env bash
# Keeps the npm and Python packages free of third-party runtime dependencies (docs/security.md,
# "No third-party runtime dependencies"): everything they run is the compiled Rust core.
#
#   scripts/check-runtime-deps.sh [PACKAGE_JSON] [PYPROJECT_TOML]
#       (default bindings-node/package.json and bindings-python/pyproject.toml)
#
# package.json: no `dependencies` or `bundleDependencies` entries; `peerDependencies` only when each is marked
#   optional in `peerDependenciesMeta` (npm never installs an optional peer: the Express router uses the app's own
#   express, and nothing else needs it); `optionalDependencies` only our own platform packages
#   (@munityapps/secrets-<platform>, which hold the native addon).
#   devDependencies (build and test tools) are not installed for users and are allowed.
# pyproject.toml: [project] `dependencies` empty or absent. Optional extras ([project.optional-dependencies],
#   e.g. `django` for an integration) are allowed: pip installs them only when a user asks for the extra.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
package_json="${1:-$repo/bindings-node/package.json}"
pyproject="${2:-$repo/bindings-python/pyproject.toml}"

python3 - "$package_json" "$pyproject" <<'PY'
import json, re, sys, tomllib

package_json, pyproject = sys.argv[1], sys.argv[2]
problems = []

with open(package_json, encoding="utf-8") as f:
    package = json.load(f)
for field in ("dependencies", "bundleDependencies", "bundledDependencies"):
    if package.get(field):
        names = package[field] if isinstance(package[field], list) else sorted(package[field])
        problems.append(f"{package_json}: {field} must be empty, has {', '.join(names)}")
peer_meta = package.get("peerDependenciesMeta") or {}
required_peers = sorted(name for name in package.get("peerDependencies") or {}
                        if not (peer_meta.get(name) or {}).get("optional") is True)
if required_peers:
    problems.append(f"{package_json}: peerDependencies must be optional (peerDependenciesMeta.<name>.optional), "
                    f"has required {', '.join(required_peers)}")
own = re.compile(r"^@munityapps/secrets-[a-z0-9-]+$")
foreign = sorted(name for name in package.get("optionalDependencies") or {} if not own.match(name))
if foreign:
    problems.append(f"{package_json}: optionalDependencies may only name @munityapps/secrets-<platform> packages, has {', '.join(foreign)}")

with open(pyproject, "rb") as f:
    project = tomllib.load(f).get("project", {})
if project.get("dependencies"):
    problems.append(f"{pyproject}: [project] dependencies must be empty, has {', '.join(project['dependencies'])}")
if "dependencies" in project.get("dynamic", []):
    problems.append(f"{pyproject}: [project] dependencies must not be dynamic (they could not be checked)")

if problems:
    for problem in problems:
        print(f"runtime dependencies: FAILED: {problem}", file=sys.stderr)
    sys.exit(1)
optional = sorted(package.get("optionalDependencies") or {})
extras = sorted(project.get("optional-dependencies") or {})
peers = sorted(package.get("peerDependencies") or {})
print(f"runtime dependencies: ok (npm: none, optional peers: {', '.join(peers) or 'none'}, optional platform packages: {len(optional)}; "
      f"Python: none, optional extras: {', '.join(extras) or 'none'})")
PY
