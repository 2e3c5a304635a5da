"""Benchmark of munity_secrets against PyJWT and `openssl speed rsa2048`, from one run.

    python bindings-python/bench/bench.py [--seconds 3]

Prints ops/s and the ratios the Python issue targets. Nothing here is a test: figures depend on the
machine and its load (printed with them).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import ssl
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable

import cryptography
import jwt
from cryptography.hazmat.primitives.serialization import load_pem_private_key, load_pem_public_key

import munity_secrets

ROOT = Path(__file__).resolve().parents[2]
KEYS = ROOT / "tests" / "vectors" / "keys"
CLAIMS = {"customer_id": "customer1234", "workspace_id": "11111111-2222-3333-aaaa-eeeeeeeeeeee", "name": "optional name"}
# The documented snippet writes no exp: ask for none explicitly, so both sides sign the same bytes.
SNIPPET: dict[str, Any] = {**CLAIMS, "expires_in": None}


CPU_RATES: dict[int, float] = {}


def rate(call: Callable[[], object], seconds: float, threads: int = 1) -> float:
    """Calls per wall-clock second of `call`, from `threads` threads for about `seconds`. Also keeps
    calls per CPU second of this process in CPU_RATES[id(call)]: `openssl speed` reports CPU time by
    default, so that is the fair comparison on a machine shared with other work."""
    call()  # warm up (and fill caches)
    counts = [0] * threads
    stop = time.perf_counter() + seconds
    start_barrier = threading.Barrier(threads + 1)

    def work(index: int) -> None:
        start_barrier.wait()
        n = 0
        while time.perf_counter() < stop:
            for _ in range(8):
                call()
            n += 8
        counts[index] = n

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    begin = time.perf_counter()
    cpu_begin = time.process_time()
    start_barrier.wait()
    for w in workers:
        w.join()
    CPU_RATES[id(call)] = sum(counts) / max(time.process_time() - cpu_begin, 1e-9)
    return sum(counts) / (time.perf_counter() - begin)


def openssl_speed(seconds: int) -> tuple[float, float, str]:
    out = subprocess.run(["openssl", "speed", "-seconds", str(seconds), "rsa2048"],
                         capture_output=True, text=True, check=True).stdout
    # "rsa 2048 bits 0.000255s 0.000007s   3917.0 137000.0" (OpenSSL 1.1/3.x)
    line = next(l for l in out.splitlines() if re.match(r"\s*rsa\s+2048 bits", l))
    numbers = [float(x) for x in line.split()[-2:]]
    version = subprocess.run(["openssl", "version"], capture_output=True, text=True).stdout.strip()
    return numbers[0], numbers[1], version


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    s = args.seconds

    pem = (KEYS / "TEST-ONLY-main-private-pkcs8.pem").read_text()
    public_pem = (KEYS / "TEST-ONLY-main-public-spki.pem").read_text()
    private_key = load_pem_private_key(pem.encode(), password=None)
    public_key = load_pem_public_key(public_pem.encode())
    signer = munity_secrets.Signer(pem)
    verifier = munity_secrets.Verifier(public_pem)
    secret = signer.connect_secret(**SNIPPET)
    assert secret == jwt.encode(CLAIMS, pem, algorithm="RS256")

    print(f"load before: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}; cpus {os.cpu_count()}")
    results: dict[str, float] = {}
    cpu: dict[str, float] = {}
    cases: list[tuple[str, Callable[[], object], int, float]] = [
        ("pyjwt_snippet_sign", lambda: jwt.encode(CLAIMS, pem, algorithm="RS256"), 1, max(s, 3.0)),
        ("pyjwt_loaded_sign", lambda: jwt.encode(CLAIMS, private_key, algorithm="RS256"), 1, s),  # type: ignore[arg-type]
        ("munity_one_call_sign", lambda: munity_secrets.connect_secret(pem, **SNIPPET), 1, s),
        ("munity_signer_sign", lambda: signer.connect_secret(**SNIPPET), 1, s),
        ("munity_signer_sign_2threads", lambda: signer.connect_secret(**SNIPPET), 2, s),
        ("pyjwt_loaded_verify", lambda: jwt.decode(secret, public_key, algorithms=["RS256"]), 1, s),  # type: ignore[arg-type]
        ("munity_verifier_verify", lambda: verifier.verify(secret), 1, s),
        ("munity_one_call_verify", lambda: munity_secrets.verify_secret(public_pem, secret), 1, s),
        ("munity_verifier_verify_2threads", lambda: verifier.verify(secret), 2, s),
        ("pyjwt_loaded_sign_2threads", lambda: jwt.encode(CLAIMS, private_key, algorithm="RS256"), 2, s),  # type: ignore[arg-type]
    ]
    for name, call, threads, seconds in cases:
        results[name] = rate(call, seconds, threads)
        cpu[name] = CPU_RATES[id(call)]
        print(f"{name:34s} {results[name]:12,.0f} ops/s   {cpu[name]:12,.0f} ops/CPU-s", flush=True)
    ossl_sign, ossl_verify, ossl_version = openssl_speed(int(max(1, round(s))))
    print(f"{'openssl_speed_rsa2048_sign':34s} {ossl_sign:12,.0f} ops/s (openssl speed counts CPU time)")
    print(f"{'openssl_speed_rsa2048_verify':34s} {ossl_verify:12,.0f} ops/s (openssl speed counts CPU time)")
    print(f"load after: {os.getloadavg()[0]:.2f}")

    r = results
    ratios = [
        ("one-call sign / documented PyJWT snippet", r["munity_one_call_sign"] / r["pyjwt_snippet_sign"], ">= 100x"),
        ("Signer sign / openssl speed sign", r["munity_signer_sign"] / ossl_sign, ">= 0.95x"),
        ("  same, per CPU second", cpu["munity_signer_sign"] / ossl_sign, ">= 0.95x"),
        ("  one-call / snippet, per CPU second", cpu["munity_one_call_sign"] / cpu["pyjwt_snippet_sign"], ">= 100x"),
        ("  verify / PyJWT verify, per CPU second", cpu["munity_verifier_verify"] / cpu["pyjwt_loaded_verify"], ">= 2x"),
        ("Signer sign / PyJWT loaded-key sign", r["munity_signer_sign"] / r["pyjwt_loaded_sign"], "(info)"),
        ("Verifier verify / PyJWT loaded-key verify", r["munity_verifier_verify"] / r["pyjwt_loaded_verify"], ">= 2x"),
        ("one-call verify / PyJWT loaded-key verify", r["munity_one_call_verify"] / r["pyjwt_loaded_verify"], "(info)"),
        ("Verifier verify / openssl speed verify", r["munity_verifier_verify"] / ossl_verify, "(info)"),
        ("Signer sign, 2 threads / 1 thread", r["munity_signer_sign_2threads"] / r["munity_signer_sign"], ">= 1.8x"),
        ("verify, 2 threads / 1 thread", r["munity_verifier_verify_2threads"] / r["munity_verifier_verify"], "(info)"),
        ("PyJWT sign, 2 threads / 1 thread", r["pyjwt_loaded_sign_2threads"] / r["pyjwt_loaded_sign"], "(info)"),
    ]
    print()
    for label, value, target in ratios:
        print(f"{label:45s} {value:8.2f}x  target {target}")
    print()
    print(f"Python {platform.python_version()} ({platform.python_implementation()}), PyJWT {jwt.__version__}, "
          f"cryptography {cryptography.__version__}, munity_secrets {munity_secrets.__version__}, "
          f"{ossl_version} (Python's ssl: {ssl.OPENSSL_VERSION}), {platform.machine()} {platform.system()}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
