"""PEP 517 build backend of the sdist: maturin, after a check that the tools a source build needs are present.

pip only builds from the sdist when no wheel fits the platform. Building needs a Rust toolchain (cargo) and, for
the aws-lc cryptography library the core compiles, a C compiler. Without cargo, maturin's own backend would
download a Rust toolchain into a temporary directory (puccinialin); a security library should not fetch a
compiler behind the user's back, and that build would still fail later without a C compiler. So this backend
stops first and says what is missing. MATURIN_NO_INSTALL_RUST and everything else behave as with maturin.
Every hook is maturin's.
"""

from __future__ import annotations

import os
import platform
import shutil
from typing import Any, Mapping

import maturin
from maturin import *  # noqa: F401,F403  (every PEP 517 hook maturin offers)

RUST_HELP = "https://rustup.rs"


class MissingBuildToolError(RuntimeError):
    pass


def _check_tools() -> None:
    missing = []
    if not shutil.which("cargo"):
        missing.append(f"Rust (cargo on PATH; install it from {RUST_HELP})")
    if platform.system() != "Windows" and not (
        os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    ):
        missing.append("a C compiler (cc, gcc or clang; for aws-lc), e.g. apt-get install gcc")
    if missing:
        raise MissingBuildToolError(
            "munity-secrets is being built from source (no prebuilt wheel fits this platform, or a source build "
            "was asked for), which needs " + " and ".join(missing) + ". Prebuilt wheels exist for Linux (glibc 2.17+ and musl; x86-64 "
            "and arm64), macOS and Windows on CPython 3.9+: see "
            "https://github.com/munityapps/munity-secrets/blob/main/docs/release.md"
        )


def get_requires_for_build_wheel(config_settings: Mapping[str, Any] | None = None) -> list[str]:
    _check_tools()
    return maturin.get_requires_for_build_wheel(config_settings)


def get_requires_for_build_editable(config_settings: Mapping[str, Any] | None = None) -> list[str]:
    _check_tools()
    return maturin.get_requires_for_build_editable(config_settings)


def prepare_metadata_for_build_wheel(metadata_directory: str, config_settings: Mapping[str, Any] | None = None) -> str:
    _check_tools()
    return maturin.prepare_metadata_for_build_wheel(metadata_directory, config_settings)


def build_wheel(
    wheel_directory: str,
    config_settings: Mapping[str, Any] | None = None,
    metadata_directory: str | None = None,
) -> str:
    _check_tools()
    return maturin.build_wheel(wheel_directory, config_settings, metadata_directory)
