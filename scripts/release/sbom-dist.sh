#!/usr/bin/env bash
# One CycloneDX SBOM beside every compiled artifact in a dist/ directory, by the artifact's file name
# (the release workflow's attest job runs this before SHA256SUMS, so the SBOMs are listed and attested):
#
#   scripts/release/sbom-dist.sh DIST
#
#   <wheel>.whl                   -> <wheel>.whl.cdx.json             (munity-secrets-python, target from the wheel tag)
#   munity-secrets.<platform>.node -> <same>.node.cdx.json            (munity-secrets-node, napi platform name)
#   <jar>.jar (not -sources/-javadoc) -> <jar>.jar.<target>.cdx.json  (munity-secrets-kotlin, per native library in it)
#   <jna-folder>/libmunity_secrets_kotlin.{so,dylib}, munity_secrets_kotlin.dll -> <same>.cdx.json (JVM natives)
#   jni/<abi>/libmunity_secrets_kotlin.so -> <same>.so.cdx.json       (munity-secrets-kotlin, Android ABI)
# The sdist holds sources only (compiled on the installing machine): no SBOM. scripts/release/build.sh
# (local release) calls scripts/release/sbom.sh directly, per recorded artifact, with the same names.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dist="${1:?usage: scripts/release/sbom-dist.sh DIST}"

python3 - "$dist" <<'PY' >"$dist/.sbom-plan.tsv"
import os, re, sys, zipfile

dist = sys.argv[1]
wheel_arch = {"x86_64": "x86_64", "aarch64": "aarch64", "arm64": "aarch64", "amd64": "x86_64"}
node = {"linux-x64-gnu": "x86_64-unknown-linux-gnu", "linux-arm64-gnu": "aarch64-unknown-linux-gnu",
        "linux-x64-musl": "x86_64-unknown-linux-musl", "linux-arm64-musl": "aarch64-unknown-linux-musl",
        "darwin-x64": "x86_64-apple-darwin", "darwin-arm64": "aarch64-apple-darwin",
        "win32-x64-msvc": "x86_64-pc-windows-msvc", "win32-arm64-msvc": "aarch64-pc-windows-msvc"}
jna = {"linux-x86-64": "x86_64-unknown-linux-gnu", "linux-aarch64": "aarch64-unknown-linux-gnu",
       "darwin-x86-64": "x86_64-apple-darwin", "darwin-aarch64": "aarch64-apple-darwin",
       "win32-x86-64": "x86_64-pc-windows-msvc"}
android = {"arm64-v8a": "aarch64-linux-android", "armeabi-v7a": "armv7-linux-androideabi",
           "x86_64": "x86_64-linux-android", "x86": "i686-linux-android"}

def wheel_target(name):
    platform = name[:-4].split("-")[-1]
    for tag in platform.split("."):
        m = re.match(r"(manylinux|musllinux)_\d+_\d+_(\w+)$|manylinux\d+_(\w+)$", tag)
        if m:
            arch = m.group(2) or m.group(3)
            return f"{wheel_arch[arch]}-unknown-linux-{'musl' if tag.startswith('musl') else 'gnu'}"
        m = re.match(r"macosx_\d+_\d+_(\w+)$", tag)
        if m and m.group(1) in wheel_arch:
            return f"{wheel_arch[m.group(1)]}-apple-darwin"
        if tag == "win_amd64":
            return "x86_64-pc-windows-msvc"
        if tag == "win_arm64":
            return "aarch64-pc-windows-msvc"
    sys.exit(f"sbom-dist: no Rust target known for the wheel {name}")

for root, _, files in os.walk(dist):
    for name in sorted(files):
        path = os.path.join(root, name)
        if name.endswith(".whl"):
            print(f"{path}\tmunity-secrets-python\t{wheel_target(name)}\t{path}.cdx.json")
        elif name.endswith(".node"):
            platform = name.split(".")[-2]
            if platform not in node:
                sys.exit(f"sbom-dist: no Rust target known for the addon {name}")
            print(f"{path}\tmunity-secrets-node\t{node[platform]}\t{path}.cdx.json")
        elif name.endswith(".jar") and not re.search(r"-(sources|javadoc)\.jar$", name):
            folders = {entry.split("/")[0] for entry in zipfile.ZipFile(path).namelist()}
            for folder in sorted(folders & set(jna)):
                print(f"{path}\tmunity-secrets-kotlin\t{jna[folder]}\t{path}.{jna[folder]}.cdx.json")
        elif "munity_secrets_kotlin" in name and os.path.basename(root) in jna:
            target = jna[os.path.basename(root)]   # a JVM native library on its own (jvm-natives/<jna>/)
            print(f"{path}\tmunity-secrets-kotlin\t{target}\t{path}.cdx.json")
        elif name.endswith(".so") and os.path.basename(root) in android and "jni" in path.split(os.sep):
            target = android[os.path.basename(root)]
            print(f"{path}\tmunity-secrets-kotlin\t{target}\t{path}.cdx.json")
PY

count=0
while IFS=$'\t' read -r file package target output; do
  bash "$here/sbom.sh" "$package" "$target" "$output"
  count=$((count + 1))
done <"$dist/.sbom-plan.tsv"
rm -f "$dist/.sbom-plan.tsv"
[ "$count" -gt 0 ] || { echo "sbom-dist: no compiled artifact found in $dist" >&2; exit 1; }
echo "sbom-dist: $count SBOMs in $dist"
