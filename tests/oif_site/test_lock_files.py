"""Dependencies are pinned, with hashes, in the lock files that `make run` and `make test` install
from: every requirement of pyproject.toml is there, and what is installed is what is pinned."""

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s\\]+)")


def pins(lock):
    """{name: version} of a pip-compile lock file, and whether every pin carries hashes."""
    text = (ROOT / lock).read_text()
    found = {canonicalize_name(m[1]): m[2] for m in map(PIN.match, text.splitlines()) if m}
    entries = re.split(r"\n(?=[A-Za-z0-9])", text)
    hashed = all("--hash=sha256:" in entry for entry in entries if PIN.match(entry))
    return found, hashed


def requirements(extra=None):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    listed = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return [Requirement(line) for line in listed]


def test_every_requirement_is_pinned_with_hashes_and_the_pin_satisfies_it():
    for lock, needed in (
        ("requirements.lock", requirements()),
        ("requirements-test.lock", requirements() + requirements("test")),
    ):
        pinned, hashed = pins(lock)
        assert hashed, f"{lock}: a pin without hashes"
        for requirement in needed:
            name = canonicalize_name(requirement.name)
            assert name in pinned, f"{lock} lacks {requirement}: run make lock"
            assert requirement.specifier.contains(pinned[name], prereleases=True), (
                f"{lock} pins {name}=={pinned[name]}, pyproject.toml asks {requirement}"
            )


def test_what_is_installed_is_what_the_test_lock_pins():
    pinned, _hashed = pins("requirements-test.lock")
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    differ = {n: (v, installed.get(n)) for n, v in pinned.items() if installed.get(n) != v}
    assert not differ, f"installed versions differ from the lock (pinned, installed): {differ}"
