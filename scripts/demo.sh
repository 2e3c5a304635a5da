#!/usr/bin/env bash
# The main job on a fresh machine: build the command line, make a throwaway TEST key pair, mint a
# connect and a renew secret, verify both, print their claims.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --quiet -p munity-secrets-cli
bin="$PWD/target/release/munity-secrets"
keys="$(mktemp -d)"
trap 'rm -rf "$keys"' EXIT
"$bin" keygen --out "$keys"
workspace=11111111-2222-3333-aaaa-eeeeeeeeeeee

echo "--- connect secret"
connect=$("$bin" connect --certificate "$keys/private.pem" --customer-id customer1234 \
  --workspace-id "$workspace" --name "Ada Lovelace" --expires-in 600)
echo "$connect"
"$bin" verify --public-key "$keys/public.pem" --expect connect "$connect"

echo "--- renew secret"
renew=$("$bin" renew --certificate "$keys/private.pem" --customer-id customer1234 \
  --workspace-id "$workspace" --integration-id 99999999-8888-4777-a666-555555555555 --expires-in 600)
echo "$renew"
"$bin" verify --public-key "$keys/public.pem" --expect renew "$renew"
echo "--- both secrets minted and verified"
