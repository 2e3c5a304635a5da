#!/usr/bin/env python3
"""Soak test of the Python package: 1,000,000 sign+verify cycles with ONE Signer and ONE Verifier,
RSS sampled every 100,000 cycles. Passes when RSS grows less than 5 MB after warm-up (the first
sample). Every 10th cycle also verifies a tampered secret, so the error path is soaked too.
Not part of CI (about 15-30 minutes). Needs the package built into .venv (scripts/test-python.sh):

    .venv/bin/python scripts/soak-python.py [CYCLES] [SAMPLE_EVERY]

Uses the TEST-ONLY key from tests/vectors/keys; prints no key material.
"""
import pathlib
import sys
import time

import munity_secrets
from munity_secrets import MunitySecretError, Signer, Verifier

ROOT = pathlib.Path(__file__).resolve().parent.parent
KEYS = ROOT / "tests" / "vectors" / "keys"
LIMIT_MB = 5.0


def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    import resource  # not Linux: peak RSS is the best we have

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    cycles = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    every = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    signer = Signer((KEYS / "TEST-ONLY-main-private-pkcs8.pem").read_text())
    verifier = Verifier((KEYS / "TEST-ONLY-main-public-spki.pem").read_text())
    workspace = "11111111-2222-3333-aaaa-eeeeeeeeeeee"
    print(f"soak-python: munity_secrets {getattr(munity_secrets, '__version__', '?')}, {cycles} cycles, "
          f"RSS every {every}", flush=True)
    print(f"{'cycles':>9} {'rss_mb':>8} {'delta_mb':>8} {'cycles/s':>8}", flush=True)
    samples = []
    start = last = time.monotonic()
    for i in range(1, cycles + 1):
        secret = signer.connect_secret(customer_id=f"customer{i % 1000}", workspace_id=workspace,
                                       name=f"Soak \u00e9 {i % 97}", expires_in=600)
        verified = verifier.verify(secret, expect="connect")
        if verified.customer_id != f"customer{i % 1000}":
            raise SystemExit(f"cycle {i}: wrong claims back")
        if i % 10 == 0:
            tampered = secret[:-4] + ("AAAA" if not secret.endswith("AAAA") else "BBBB")
            try:
                verifier.verify(tampered)
            except MunitySecretError:
                pass
            else:
                raise SystemExit(f"cycle {i}: a tampered secret verified")
        if i % every == 0:
            now = time.monotonic()
            rss = rss_mb()
            samples.append(rss)
            print(f"{i:>9} {rss:>8.1f} {rss - samples[0]:>+8.1f} {every / (now - last):>8.0f}", flush=True)
            last = now
    growth = max(samples) - samples[0] if samples else 0.0
    verdict = "PASS" if growth < LIMIT_MB else "FAIL"
    print(f"soak-python: {verdict}: RSS growth after warm-up {growth:.1f} MB (limit {LIMIT_MB} MB), "
          f"{time.monotonic() - start:.0f} s", flush=True)
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
