#!/usr/bin/env bash
# Makes the committed TEST-ONLY keys of the conformance vectors. They are public and worthless:
# never use them for anything but tests. Run once; re-running changes every expected secret
# (then regenerate the vectors: python3 tests/vectors/generate.py).
set -euo pipefail
cd "$(dirname "$0")"
p=TEST-ONLY
for name in main other; do
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$p-$name-private-pkcs8.pem" 2>/dev/null
  openssl rsa -in "$p-$name-private-pkcs8.pem" -traditional -out "$p-$name-private-pkcs1.pem" 2>/dev/null
  openssl rsa -in "$p-$name-private-pkcs8.pem" -pubout -out "$p-$name-public-spki.pem" 2>/dev/null
  openssl rsa -in "$p-$name-private-pkcs8.pem" -RSAPublicKey_out -out "$p-$name-public-pkcs1.pem" 2>/dev/null
done
openssl req -x509 -new -key "$p-main-private-pkcs8.pem" -subj "/CN=TEST ONLY munity-secrets" -days 36500 \
  -out "$p-main-certificate.pem" 2>/dev/null
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$p-rsa1024-private.pem" 2>/dev/null
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out "$p-rsa4096-private.pem" 2>/dev/null
openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out "$p-rsapss-private.pem" 2>/dev/null
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$p-ec-p256-private.pem" 2>/dev/null
openssl genpkey -algorithm ED25519 -out "$p-ed25519-private.pem" 2>/dev/null
openssl pkcs8 -topk8 -in "$p-main-private-pkcs8.pem" -passout pass:test-only -out "$p-main-private-encrypted.pem" 2>/dev/null
cat "$p-main-private-pkcs8.pem" "$p-other-private-pkcs8.pem" > "$p-two-private-keys.pem"
