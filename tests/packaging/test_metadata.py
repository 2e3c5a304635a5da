"""What PyPI and users expect of the package metadata: license, classifiers, project URLs, a README whose
links work on PyPI."""

from __future__ import annotations

import re

from conftest import REPO, read_toml

PYPROJECT = read_toml(REPO / "bindings-python" / "pyproject.toml")
PROJECT = PYPROJECT["project"]


def test_license_file_is_mit() -> None:
    text = (REPO / "LICENSE").read_text()
    assert text.startswith("MIT License\n")
    assert "Permission is hereby granted, free of charge" in text
    assert read_toml(REPO / "Cargo.toml")["workspace"]["package"]["license"] == "MIT"
    assert PROJECT["license"] == "MIT"


def test_python_package_ships_the_same_license() -> None:
    # maturin packs license files from the package directory, so it holds a byte-identical copy.
    assert PROJECT.get("license-files") == ["LICENSE"]
    assert (REPO / "bindings-python" / "LICENSE").read_bytes() == (REPO / "LICENSE").read_bytes()


def test_classifiers() -> None:
    classifiers = PROJECT["classifiers"]
    assert "Operating System :: OS Independent" not in classifiers, "a native wheel is not OS independent"
    assert any(c.startswith("Development Status :: ") for c in classifiers)
    assert "Intended Audience :: Developers" in classifiers
    assert "Topic :: Security :: Cryptography" in classifiers
    assert not any(c.startswith("License :: ") for c in classifiers), "PEP 639: the license expression says it"
    assert len(set(classifiers)) == len(classifiers)


def test_each_supported_python_version_is_listed() -> None:
    minimum = re.fullmatch(r">=3\.(\d+)", PROJECT["requires-python"])
    assert minimum, PROJECT["requires-python"]
    listed = sorted(
        int(m.group(1))
        for c in PROJECT["classifiers"]
        if (m := re.fullmatch(r"Programming Language :: Python :: 3\.(\d+)", c))
    )
    assert listed and listed[0] == int(minimum.group(1)), f"lowest listed 3.{listed[:1]}, requires {minimum.group(0)}"
    assert listed == list(range(listed[0], listed[-1] + 1)), f"a gap in the listed versions: {listed}"


def test_project_urls() -> None:
    urls = PROJECT["urls"]
    for name in ("Documentation", "Issues", "Changelog"):
        assert urls.get(name, "").startswith("https://"), f"[project.urls] {name}"


def test_package_readme_links_are_absolute() -> None:
    assert PROJECT["readme"] == "README.md"
    text = (REPO / "bindings-python" / "README.md").read_text()
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    assert links, "the package README links to the docs"
    relative = [link for link in links if not link.startswith("https://")]
    assert not relative, f"relative links do not work on PyPI: {relative}"


def test_changelog_exists_with_an_entry() -> None:
    assert re.search(r"^## \[\d+\.\d+\.\d+", (REPO / "CHANGELOG.md").read_text(), flags=re.MULTILINE)
