"""Debian packages that some tests need (Chromium, docker-compose), installed on demand."""

import fcntl
import os
import shutil
import subprocess


def apt_install(package: str, binary: str) -> str | None:
    """Return the path of `binary`, installing Debian's `package` first when it is missing
    (needs root and apt-get); None when that is impossible."""
    found = shutil.which(binary)
    if found:
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return None
    # Test processes running side by side (pytest-xdist) install one at a time: apt holds a
    # lock and refuses a second install meanwhile.
    with open("/tmp/toegang-tests-apt.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return shutil.which(binary) or _install(package, binary)


def _install(package: str, binary: str) -> str | None:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", package]
    if subprocess.run(install, env=env, check=False, capture_output=True,
                      timeout=1200).returncode != 0:
        # The package lists may be missing or stale on a fresh machine.
        subprocess.run(["apt-get", "update", "-q"], env=env, check=False, capture_output=True,
                       timeout=600)
        subprocess.run(install, env=env, check=False, capture_output=True, timeout=1200)
    return shutil.which(binary)
