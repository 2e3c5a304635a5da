#!/usr/bin/env bash
# Kotlin/JVM suite: builds the native library through cargo and the jar with Maven, runs the JUnit 5
# tests in Kotlin and in Java (conformance and misuse vectors, JVM peers, threads, hostile input, the
# Java-first API), installs the jar into the local Maven repository, then builds and tests the Spring Boot
# starter and the example server against it.
# Needs JDK 17+, Maven 3.8+, Rust (cargo) and access to crates.io and Maven Central.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in java mvn cargo; do
  command -v "$tool" >/dev/null || { echo "test-kotlin: $tool is required (JDK 17, Maven, Rust)" >&2; exit 1; }
done
cargo fmt --check -p munity-secrets-kotlin -p munity-uniffi-bindgen
# The thin crate's own Rust tests (error mapping, UTF-16 decoding).
cargo test --locked -p munity-secrets-kotlin
# Not -q: it would hide Surefire's summary lines ("Tests run: ..."); -ntp drops the download noise.
rm -rf bindings-kotlin/target/surefire-reports
mvn -B -ntp -f bindings-kotlin install
# The Java tests are compiled by a second compiler in the same build: fail if they did not run.
for suite in JavaApiTest JavaKeysTest; do
  report="bindings-kotlin/target/surefire-reports/TEST-com.munityapps.secrets.$suite.xml"
  [ -f "$report" ] || { echo "test-kotlin: the Java suite $suite did not run ($report missing)" >&2; exit 1; }
done
# The Spring Boot starter, on the jar just installed (same version): start-up failures, conditional beans, and the
# endpoint over real HTTP on a loopback port (Spring Boot comes from Maven Central, downloaded once).
mvn -B -ntp -f bindings-kotlin/spring-boot-starter install
mvn -B -ntp -f examples/kotlin test
