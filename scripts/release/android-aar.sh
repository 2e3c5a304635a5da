#!/usr/bin/env bash
# The Android library (AAR), assembled from the JVM jar's classes and the Android libraries cargo-ndk built.
# Run by the release workflow's android-aar job (the Android NDK is not reachable on the project's machines).
#
#   bash scripts/release/android-aar.sh JAR JNI_DIR OUT.aar
#     JAR      the JVM jar (munity-secrets-<v>.jar): its classes are the same Kotlin sources and UniFFI bindings
#     JNI_DIR  cargo-ndk's output: <abi>/libmunity_secrets_kotlin.so for arm64-v8a, armeabi-v7a, x86_64
#     OUT.aar  written: AndroidManifest.xml (minSdk 26), classes.jar (without the desktop native folders),
#              jni/<abi>/libmunity_secrets_kotlin.so, proguard.txt (keeps what JNA reaches by reflection), R.txt
# The AAR depends on JNA's AAR (net.java.dev.jna:jna:<v>@aar), which brings libjnidispatch.so for each ABI.
# minSdk 26: the public API uses java.time.Instant and java.time.Duration (API 26 without desugaring).
set -euo pipefail
[[ $# -eq 3 ]] || { echo "usage: android-aar.sh JAR JNI_DIR OUT.aar" >&2; exit 2; }
jar_file="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
jni_dir="$(cd "$2" && pwd)"
out="$3"
ABIS=(arm64-v8a armeabi-v7a x86_64)
MIN_SDK=26

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for abi in "${ABIS[@]}"; do
  lib="$jni_dir/$abi/libmunity_secrets_kotlin.so"
  [[ -s "$lib" ]] || { echo "android-aar: $lib is missing (cargo ndk -t $abi ...)" >&2; exit 1; }
  mkdir -p "$work/aar/jni/$abi"
  cp "$lib" "$work/aar/jni/$abi/"
  # Android 15+ devices may use 16 KB pages; every LOAD segment must be aligned for them.
  if command -v readelf >/dev/null; then
    for align in $(readelf -lW "$lib" | awk '$1 == "LOAD" { print $NF }'); do
      if (( align < 16384 )); then
        echo "android-aar: $abi library has a LOAD segment aligned to $align bytes, below 16 KB (link with -Wl,-z,max-page-size=16384)" >&2
        exit 1
      fi
    done
  fi
done

# classes.jar: the jar's classes and resources, without the desktop libraries JNA would extract on a JVM.
mkdir -p "$work/classes"
(cd "$work/classes" && jar xf "$jar_file")
rm -rf "$work/classes"/linux-* "$work/classes"/darwin-* "$work/classes"/win32-* "$work/classes/META-INF/maven"
[[ -f "$work/classes/com/munityapps/secrets/Signer.class" ]] || { echo "android-aar: $jar_file has no com/munityapps/secrets classes" >&2; exit 1; }
[[ -f "$work/classes/META-INF/LICENSE" ]] || { echo "android-aar: $jar_file has no META-INF/LICENSE" >&2; exit 1; }
(cd "$work/classes" && jar cf "$work/aar/classes.jar" .)

cat >"$work/aar/AndroidManifest.xml" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="com.munityapps.secrets">
    <uses-sdk android:minSdkVersion="$MIN_SDK" />
</manifest>
EOF
cat >"$work/aar/proguard.txt" <<'EOF'
# JNA and the UniFFI bindings are reached by reflection (Structure fields, Callback and Library interfaces).
-dontwarn java.awt.**
-keep class com.sun.jna.** { *; }
-keepclassmembers class * extends com.sun.jna.** { public *; }
-keep class com.munityapps.secrets.ffi.** { *; }
EOF
: >"$work/aar/R.txt"
mkdir -p "$(dirname "$out")"
rm -f "$out"
(cd "$work/aar" && jar cfM "$work/out.aar" AndroidManifest.xml classes.jar R.txt proguard.txt jni)
mv "$work/out.aar" "$out"
echo "android-aar: $out ($(stat -c %s "$out") bytes): ${ABIS[*]}, minSdk $MIN_SDK"
