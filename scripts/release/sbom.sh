#!/usr/bin/env bash
# A CycloneDX SBOM (JSON) of the Rust crates compiled into one release artifact.
#
#   scripts/release/sbom.sh CARGO_PACKAGE RUST_TARGET OUTPUT.cdx.json
#   e.g. scripts/release/sbom.sh munity-secrets-python aarch64-unknown-linux-gnu dist/munity_secrets-0.1.0-....whl.cdx.json
#
# CARGO_PACKAGE: the workspace package the artifact is built from (munity-secrets-python for the wheels,
# munity-secrets-node for the npm platform packages, munity-secrets-kotlin for the jar's native libraries,
# munity-secrets-cli for the CLI). RUST_TARGET: its target triple; a zig glibc suffix
# (aarch64-unknown-linux-gnu.2.17) is dropped, since it does not change the dependency graph.
#
# Made by cargo-cyclonedx (crates.io; installed with `cargo install cargo-cyclonedx --locked` when missing,
# version pinned below) for that package and that target only: the dependency graph resolved from
# Cargo.lock for the target's platform (so a Windows-only crate is not listed for Linux), normal
# dependencies only (build scripts' helpers like cc and cmake and dev-dependencies are not in the artifact).
# Then validated against the CycloneDX JSON schema (cyclonedx-python-lib from PyPI, in a cached virtualenv)
# and checked to name the package, aws-lc-rs, jsonwebtoken and the binding framework crate.
# Used by scripts/release/build.sh, which writes one SBOM per artifact into dist/ beside SHA256SUMS.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
[ $# -eq 3 ] || { echo "usage: scripts/release/sbom.sh CARGO_PACKAGE RUST_TARGET OUTPUT.cdx.json" >&2; exit 2; }
package="$1"
target="${2%.2.[0-9]*}"          # x86_64-unknown-linux-gnu.2.17 -> x86_64-unknown-linux-gnu
output="$3"
case "$output" in /*) ;; *) output="$PWD/$output" ;; esac
cyclonedx_version="${CARGO_CYCLONEDX_VERSION:-0.5.9}"

fail() { echo "sbom: FAILED ($package, $target): $*" >&2; exit 1; }

if ! cargo cyclonedx --version >/dev/null 2>&1; then
  echo "sbom: installing cargo-cyclonedx $cyclonedx_version (cargo install --locked)" >&2
  cargo install cargo-cyclonedx --version "$cyclonedx_version" --locked >&2
fi

cd "$repo"
manifest="$(cargo metadata --format-version 1 --no-deps --locked | python3 -c '
import json, sys
name = sys.argv[1]
for p in json.load(sys.stdin)["packages"]:
    if p["name"] == name:
        print(p["manifest_path"]); break' "$package")"
[ -n "$manifest" ] || fail "no package $package in the workspace"

# cargo-cyclonedx writes <name>.json beside the Cargo.toml of each package it describes: a unique name,
# moved to OUTPUT afterwards, so parallel runs and the working tree do not collide.
name="sbom-$$-$RANDOM"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"
log="$(mktemp)"
trap 'rm -f "$log" "$log.tree"' EXIT
if ! cargo cyclonedx --manifest-path "$manifest" --format json --spec-version 1.5 --all --no-build-deps --target "$target" \
  --override-filename "$name" -q >"$log" 2>&1; then
  cat "$log" >&2
  fail "cargo cyclonedx failed"
fi
made="$(dirname "$manifest")/$name.json"
[ -f "$made" ] || fail "cargo cyclonedx wrote no $made"
mkdir -p "$(dirname "$output")"
mv "$made" "$output"
# Any SBOM it wrote for other packages of the workspace goes.
find "$repo" -maxdepth 3 -name "$name.json" -not -path '*/target/*' -delete

# cargo-cyclonedx resolves features over the whole workspace (cargo metadata), so a feature another
# member enables (uniffi's `cli`, for the uniffi-bindgen tool) would list crates this artifact does not
# compile. What is compiled into it is what `cargo tree -p PACKAGE -e normal --target TARGET` resolves:
# components outside that set are removed below (and reported).
cargo tree --locked -p "$package" -e normal --target "$target" --prefix none -f '{p}' 2>/dev/null |
  awk '{ sub(/^v/, "", $2); print $1 " " $2 }' | sort -u >"$log.tree"
[ -s "$log.tree" ] || fail "cargo tree -p $package --target $target listed nothing"

# Validation: the CycloneDX JSON schema, then what this SBOM must contain.
case "$package" in
  munity-secrets-python) framework=pyo3 ;;
  munity-secrets-node) framework=napi ;;
  munity-secrets-kotlin) framework=uniffi ;;
  *) framework="" ;;
esac
venv="${XDG_CACHE_HOME:-$HOME/.cache}/munity-secrets/sbom-venv"
if ! "$venv/bin/python" -c 'import cyclonedx.validation.json, jsonschema' >/dev/null 2>&1; then
  rm -rf "$venv"
  python3 -m venv "$venv" && "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    'cyclonedx-python-lib[json-validation]>=8,<12' >&2 || fail "could not install cyclonedx-python-lib (schema validator)"
fi
"$venv/bin/python" - "$output" "$package" "$target" "$framework" "$log.tree" <<'PY' || fail "the SBOM at $output is not valid (above)"
import json, sys
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator

path, package, target, framework, tree_file = sys.argv[1:]
bom = json.load(open(path, encoding="utf-8"))
compiled = {tuple(line.split()) for line in open(tree_file) if line.strip()}
removed = [c for c in bom.get("components", []) if (c["name"], c["version"]) not in compiled]
if removed:
    gone = {c["bom-ref"] for c in removed}
    bom["components"] = [c for c in bom["components"] if c["bom-ref"] not in gone]
    bom["dependencies"] = [
        dict(d, dependsOn=[r for r in d.get("dependsOn", []) if r not in gone])
        for d in bom.get("dependencies", []) if d["ref"] not in gone
    ]
    with open(path, "w", encoding="utf-8") as f:
        json.dump(bom, f, indent=2)
        f.write("\n")
    print(f"sbom: dropped {len(removed)} crates that only workspace-wide feature unification adds "
          f"(not in cargo tree -p {package}): {', '.join(sorted(c['name'] for c in removed))}")
text = open(path, encoding="utf-8").read()
assert bom.get("bomFormat") == "CycloneDX", "bomFormat is not CycloneDX"
version = SchemaVersion.from_version(bom["specVersion"])
error = JsonStrictValidator(version).validate_str(text)
if error is not None:
    detail = getattr(error.data, "message", None) or str(error)[:500]
    where = "/".join(str(part) for part in getattr(error.data, "absolute_path", []))
    sys.exit(f"sbom: not valid CycloneDX {bom['specVersion']} JSON: {detail} (at /{where})")

root = bom["metadata"]["component"]
assert root["name"] == package, f"metadata.component is {root['name']}, not {package}"
names = set()
def walk(components):
    for component in components or []:
        names.add(component["name"])
        walk(component.get("components"))
walk(bom.get("components"))
required = ["aws-lc-rs", "aws-lc-sys", "jsonwebtoken", "munity-secrets"] + ([framework] if framework else [])
missing = [name for name in required if name not in names]
if missing:
    sys.exit(f"sbom: {path} lacks {', '.join(missing)}")
print(f"sbom: {path}: CycloneDX {bom['specVersion']} (schema-valid), {package} for {target}, "
      f"{len(names)} components, including {', '.join(required)}")
PY
