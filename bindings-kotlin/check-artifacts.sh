#!/usr/bin/env bash
# What Maven Central checks of the artifacts, as far as it can be checked offline; Maven runs it in verify.
#   bash check-artifacts.sh TARGET_DIR FINAL_NAME
# (The POM's required elements are checked by the enforcer rules in pom.xml, in validate.)
# - the jar, the sources jar and the javadoc jar exist;
# - the jar holds META-INF/LICENSE, the public API classes and at least one native library under a
#   JNA resource prefix; each platform it holds is listed;
# - the sources jar holds the Kotlin sources, the javadoc jar an index.html;
# - MUNITY_EXPECT_PLATFORMS (space-separated JNA prefixes; scripts/release/jvm.sh sets it) must all be there.
set -euo pipefail
target="$1"
name="$2"
fail() { echo "check-artifacts: $*" >&2; exit 1; }

jar="$target/$name.jar"
sources="$target/$name-sources.jar"
javadoc="$target/$name-javadoc.jar"
for f in "$jar" "$sources" "$javadoc"; do
  [ -s "$f" ] || fail "missing $f (Central refuses a release without the jar, -sources.jar and -javadoc.jar)"
done

listing="$(jar tf "$jar")"
grep -qx 'META-INF/LICENSE' <<<"$listing" || fail "$jar has no META-INF/LICENSE (the repository's LICENSE file)"
grep -qx 'com/munityapps/secrets/Signer.class' <<<"$listing" || fail "$jar has no com/munityapps/secrets/Signer.class"
platforms="$(grep -E '^(linux|darwin|win32)-[a-z0-9-]+/(lib)?munity_secrets_kotlin\.(so|dylib|dll)$' <<<"$listing" | cut -d/ -f1 | sort | tr '\n' ' ')"
[ -n "$platforms" ] || fail "$jar holds no native library under a JNA resource prefix"
for want in ${MUNITY_EXPECT_PLATFORMS:-}; do
  grep -qw -- "$want" <<<"$platforms" || fail "$jar lacks the $want native library (expected: $MUNITY_EXPECT_PLATFORMS)"
done

sources_listing="$(jar tf "$sources")"
grep -qx 'com/munityapps/secrets/Signer.kt' <<<"$sources_listing" || fail "$sources has no com/munityapps/secrets/Signer.kt"
if grep -qE '\.(so|dylib|dll)$' <<<"$sources_listing"; then fail "$sources holds native libraries"; fi
jar tf "$javadoc" | grep -q '^index\.html$' || fail "$javadoc has no index.html"

echo "check-artifacts: $name.jar (native: $platforms), -sources.jar, -javadoc.jar, META-INF/LICENSE: ok"
