"""Every package of the project carries one version: the Cargo workspace's.

Sources: [workspace.package] in Cargo.toml, every workspace member's Cargo.toml (inherits it or states the same),
the workspace's pinned path dependency on the core, bindings-python/pyproject.toml (dynamic from Cargo, or the
same), bindings-node/package.json (and its optionalDependencies on the platform packages),
bindings-node/npm/*/package.json when present, bindings-kotlin/pom.xml and the Spring Boot starter's pom (which
depends on the library at its own version), and CHANGELOG.md's latest entry.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import REPO, read_toml

WORKSPACE = read_toml(REPO / "Cargo.toml")
VERSION = WORKSPACE["workspace"]["package"]["version"]
POM_NS = {"m": "http://maven.apache.org/POM/4.0.0"}


def test_workspace_version_is_semver() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?", VERSION), VERSION


@pytest.mark.parametrize("member", WORKSPACE["workspace"]["members"])
def test_every_crate_has_the_workspace_version(member: str) -> None:
    package = read_toml(REPO / member / "Cargo.toml")["package"]
    version = package.get("version")
    assert version == {"workspace": True} or version == VERSION, f"{member}: version = {version!r}"


def test_core_dependency_pins_the_workspace_version() -> None:
    core = WORKSPACE["workspace"]["dependencies"]["munity-secrets"]
    assert core["version"] in (VERSION, f"={VERSION}"), core


def test_python_package_version() -> None:
    project = read_toml(REPO / "bindings-python" / "pyproject.toml")["project"]
    if "version" in project:
        assert project["version"] == VERSION
    else:
        # maturin takes it from the crate, which inherits the workspace's (checked above).
        assert "version" in project.get("dynamic", []), "pyproject.toml has neither a version nor dynamic version"


def test_node_package_version() -> None:
    package = json.loads((REPO / "bindings-node" / "package.json").read_text())
    assert package["version"] == VERSION
    for name, spec in package.get("optionalDependencies", {}).items():
        if name.startswith("@munityapps/"):
            assert spec == VERSION, f"optionalDependencies {name} = {spec!r}, expected exactly {VERSION}"


NPM_PLATFORM_PACKAGES = sorted((REPO / "bindings-node" / "npm").glob("*/package.json"))


@pytest.mark.parametrize("path", NPM_PLATFORM_PACKAGES, ids=[p.parent.name for p in NPM_PLATFORM_PACKAGES])
def test_npm_platform_package_versions(path) -> None:
    assert json.loads(path.read_text())["version"] == VERSION


MAVEN_ARTIFACTS = ["bindings-kotlin/pom.xml", "bindings-kotlin/spring-boot-starter/pom.xml"]


@pytest.mark.parametrize("pom", MAVEN_ARTIFACTS)
def test_maven_artifact_version(pom: str) -> None:
    root = ET.parse(REPO / pom).getroot()
    version = root.find("m:version", POM_NS)
    assert version is not None, f"{pom} has no <project><version>"
    assert version.text == VERSION


def test_spring_boot_starter_depends_on_the_library_at_its_own_version() -> None:
    root = ET.parse(REPO / "bindings-kotlin" / "spring-boot-starter" / "pom.xml").getroot()
    library = [
        dep
        for dep in root.iterfind("m:dependencies/m:dependency", POM_NS)
        if dep.findtext("m:groupId", namespaces=POM_NS) == "com.munityapps"
        and dep.findtext("m:artifactId", namespaces=POM_NS) == "munity-secrets"
    ]
    assert len(library) == 1, "the starter must depend on com.munityapps:munity-secrets once"
    assert library[0].findtext("m:version", namespaces=POM_NS) in ("${project.version}", VERSION)


def test_changelog_latest_entry_is_this_version() -> None:
    headings = re.findall(r"^## \[([^\]]+)\]", (REPO / "CHANGELOG.md").read_text(), flags=re.MULTILINE)
    released = [h for h in headings if h.lower() != "unreleased"]
    assert released, "CHANGELOG.md has no version entry"
    assert released[0] == VERSION, f"CHANGELOG.md's latest entry is {released[0]}, the packages are {VERSION}"
