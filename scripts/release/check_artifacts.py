"""Static checks of the Linux release artifacts in dist/, one line per artifact.

    python scripts/release/check_artifacts.py [DIST]

- Every Linux wheel: `auditwheel show` must find it consistent with the platform tag its file name claims
  (manylinux_2_17 / musllinux_1_2, or a more compatible one).
- Every Linux ELF shipped (the .so in wheels, .node files and the .node inside npm tarballs, the .so in jars):
  gnu builds may need glibc symbol versions up to GLIBC_2.17 only; musl builds must need no glibc version at all
  and link the musl loader (libc.musl-*.so.1 / ld-musl-*), nothing else outside the binary.
Exits 1 when any check fails. Needs auditwheel (the release venv) and readelf (binutils).
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

GLIBC_MAX = (2, 17)
ELF_MAGIC = b"\x7fELF"


def readelf(args: list[str], data: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".elf") as f:
        f.write(data)
        f.flush()
        return subprocess.run(["readelf", "-W", *args, f.name], check=True, capture_output=True, text=True).stdout


def elf_facts(data: bytes) -> tuple[str, list[tuple[int, ...]], list[str]]:
    """(machine, needed glibc versions, needed libraries) of an ELF file."""
    header = readelf(["-h"], data)
    machine = re.search(r"Machine:\s+(.*)", header).group(1).strip()
    versions = readelf(["--version-info"], data)
    glibc = sorted({tuple(int(p) for p in m.split(".")) for m in re.findall(r"GLIBC_(\d+(?:\.\d+)+)", versions)})
    dynamic = readelf(["-d"], data)
    needed = re.findall(r"\(NEEDED\)\s+Shared library: \[(.*?)\]", dynamic)
    return machine, glibc, needed


def check_elf(label: str, data: bytes, libc: str) -> tuple[bool, str]:
    machine, glibc, needed = elf_facts(data)
    newest = ".".join(map(str, glibc[-1])) if glibc else "none"
    if libc == "gnu":
        ok = not glibc or glibc[-1] <= GLIBC_MAX
        detail = f"newest GLIBC_{newest} (max GLIBC_2.17)"
    else:
        foreign = [n for n in needed if not re.match(r"(libc\.musl-[\w-]+\.so\.1|ld-musl-[\w-]+\.so\.1|libc\.so)$", n)]
        ok = not glibc and not foreign
        detail = f"no glibc versions: {'yes' if not glibc else 'NO (GLIBC_' + newest + ')'}; needs {', '.join(needed) or 'nothing'}"
    return ok, f"{'ok  ' if ok else 'FAIL'} {label}: {machine}; {detail}"


def libc_of(name: str) -> str:
    return "musl" if "musl" in name else "gnu"


def wheel_tags(name: str) -> list[str]:
    return name[: -len(".whl")].split("-")[-1].split(".")


def policy_version(tag: str) -> tuple[str, tuple[int, int], str] | None:
    m = re.match(r"(manylinux|musllinux)_(\d+)_(\d+)_(\w+)$", tag)
    if m:
        return m.group(1), (int(m.group(2)), int(m.group(3))), m.group(4)
    legacy = {"manylinux2014": (2, 17), "manylinux2010": (2, 12), "manylinux1": (2, 5)}
    m = re.match(r"(manylinux2014|manylinux2010|manylinux1)_(\w+)$", tag)
    if m:
        return "manylinux", legacy[m.group(1)], m.group(2)
    return None


def check_wheel(path: Path) -> list[tuple[bool, str]]:
    results = []
    claimed = [p for p in (policy_version(t) for t in wheel_tags(path.name)) if p]
    show = subprocess.run([sys.executable, "-m", "auditwheel", "show", str(path)], capture_output=True, text=True)
    text = " ".join((show.stdout + show.stderr).split())
    m = re.search(r'consistent with the following platform tag: "([\w]+)"', text)
    found = policy_version(m.group(1)) if m else None
    ok = bool(
        found
        and claimed
        and any(c[0] == found[0] and c[2] == found[2] and found[1] <= c[1] for c in claimed)
        and show.returncode == 0
    )
    claim = "/".join(wheel_tags(path.name))
    results.append((ok, f"{'ok  ' if ok else 'FAIL'} {path.name}: auditwheel: {m.group(1) if m else text[:300]} (claims {claim})"))
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            data = z.read(info) if info.filename.endswith(".so") or ".so." in info.filename else b""
            if data.startswith(ELF_MAGIC):
                results.append(check_elf(f"{path.name}!{info.filename}", data, libc_of(path.name)))
    return results


def check_tarball(path: Path) -> list[tuple[bool, str]]:
    results = []
    with tarfile.open(path) as t:
        for member in t.getmembers():
            if member.isfile() and member.name.endswith(".node"):
                data = t.extractfile(member).read()
                if data.startswith(ELF_MAGIC):
                    results.append(check_elf(f"{path.name}!{member.name}", data, libc_of(member.name + path.name)))
    return results


def check_jar(path: Path) -> list[tuple[bool, str]]:
    results = []
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            if info.filename.endswith(".so"):
                data = z.read(info)
                if data.startswith(ELF_MAGIC):
                    results.append(check_elf(f"{path.name}!{info.filename}", data, "gnu"))
    return results


def main() -> int:
    dist = Path(sys.argv[1] if len(sys.argv) > 1 else "dist")
    results: list[tuple[bool, str]] = []
    for path in sorted(p for p in dist.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(dist).parts)):
        if path.suffix == ".whl" and "linux" in path.name:
            results += check_wheel(path)
        elif path.suffix == ".node":
            data = path.read_bytes()
            if data.startswith(ELF_MAGIC):
                results.append(check_elf(str(path.relative_to(dist)), data, libc_of(path.name)))
        elif path.name.endswith((".tgz", ".tar.gz")) and not path.name.startswith(("munity_secrets-", "munity-secrets-0")):
            results += check_tarball(path)
        elif path.suffix == ".jar" and not path.name.endswith(("-sources.jar", "-javadoc.jar")):
            results += check_jar(path)
    for _, line in results:
        print(line)
    failures = sum(1 for ok, _ in results if not ok)
    print(f"artifact checks: {len(results) - failures} ok, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
