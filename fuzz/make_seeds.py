#!/usr/bin/env python3
"""Writes the committed seed corpus, fuzz/seeds/<target>/, from tests/vectors/secrets.json and the
TEST-ONLY key files. Deterministic: run it again after the vectors change, and commit the result.

    python3 fuzz/make_seeds.py
"""
import base64
import json
import pathlib
import re
import shutil
import struct

FUZZ = pathlib.Path(__file__).resolve().parent
VECTORS = FUZZ.parent / "tests" / "vectors"
SEEDS = FUZZ / "seeds"
SEP = b"\xff"  # never occurs in UTF-8: the targets' field separator
PEM_LABELS = ["PRIVATE KEY", "RSA PRIVATE KEY", "PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE"]


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def write(target, name, data):
    folder = SEEDS / target
    folder.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", name)[:80]
    (folder / name).write_bytes(data)


def main():
    if SEEDS.exists():
        shutil.rmtree(SEEDS)
    vectors = json.loads((VECTORS / "secrets.json").read_text())

    # verify: every secret of the vectors, as is.
    for case in vectors["verify"] + vectors["mint"]:
        if isinstance(case.get("secret"), str):
            write("verify", case["id"], case["secret"].encode())

    # verify_signed_payload: the decoded header and payload of every secret that splits into three
    # base64url parts (mode 2: header 0xFF payload), and the bare payloads (mode 0 / mode 1).
    for case in vectors["verify"] + vectors["mint"]:
        secret = case.get("secret")
        if not isinstance(secret, str) or len(secret) > 9000:
            continue
        parts = secret.split(".")
        if len(parts) != 3:
            continue
        try:
            header, payload = b64url_decode(parts[0]), b64url_decode(parts[1])
        except Exception:
            continue
        write("verify_signed_payload", case["id"] + "-hp", b"\x02" + header + SEP + payload)
        mode = b"\x01" if b'"kid":"main"' in header else b"\x00"
        write("verify_signed_payload", case["id"] + "-p", mode + payload)

    # key_loading: every key file as text (mode 0); every PEM block's DER under its label (modes 1-5);
    # the main JWK's n and e (mode 6).
    for path in sorted((VECTORS / "keys").iterdir()):
        if not path.name.startswith("TEST-ONLY-"):
            continue
        text = path.read_bytes()
        write("key_loading", path.name, b"\x00" + text)
        for label, body in re.findall(rb"-----BEGIN ([A-Z ]+)-----\s+(.*?)-----END", text, re.S):
            label = label.decode()
            if label in PEM_LABELS:
                der = base64.b64decode(b"".join(body.split()))
                mode = bytes([PEM_LABELS.index(label) + 1])
                write("key_loading", path.name + "-der", mode + der)
    jwk = json.loads((VECTORS / "keys" / "TEST-ONLY-main-public-jwk.json").read_text())
    write("key_loading", "main-jwk-n-e", b"\x06" + b64url_decode(jwk["n"]) + SEP + b64url_decode(jwk["e"]))

    # claims: every minting case's claims and options, in the target's layout.
    for case in vectors["mint"]:
        claims, options = case.get("claims", {}), case.get("options", {})
        def text(key, source):
            value = source.get(key)
            return value.encode("utf-8", "surrogatepass") if isinstance(value, str) else b""
        flags = 0
        for bit, key, source in [(1, "name", claims), (2, "integration_id", claims), (4, "key_id", options)]:
            if isinstance(source.get(key), str):
                flags |= bit
        numbers = []
        for bit, key in [(8, "expires_in"), (16, "now")]:
            value = options.get(key)
            if isinstance(value, int) and -(2**63) <= value < 2**63:
                flags |= bit
                numbers.append(value)
            else:
                numbers.append(0)
        utf16 = text("name", claims).decode("utf-8", "replace").encode("utf-16-le", "surrogatepass")
        fields = [text("customer_id", claims), text("workspace_id", claims), text("name", claims),
                  text("integration_id", claims), text("key_id", options), utf16]
        data = bytes([flags]) + struct.pack("<qq", *numbers) + SEP.join(fields)
        write("claims", case["id"], data)
    # A lone surrogate for string_from_utf16.
    write("claims", "lone-surrogate", b"\x00" + bytes(16) + SEP.join([b"c1", b"", b"", b"", b"", b"a\x00\x00\xd8b\x00"]))

    total = sum(p.stat().st_size for p in SEEDS.rglob("*") if p.is_file())
    for folder in sorted(SEEDS.iterdir()):
        print(f"{folder.name}: {len(list(folder.iterdir()))} seeds")
    print(f"total {total} bytes")


if __name__ == "__main__":
    main()
