"""Known vulnerabilities in the locked dependencies, with pip-audit: `make audit`.

pip-audit asks PyPI's JSON API (https://pypi.org/pypi/NAME/VERSION/json) about each
pinned package. Where that database cannot be reached (a closed network, a package
mirror without the JSON API), this says so plainly and exits 0: a closed network is not
a vulnerability. Where it can, any known vulnerability is listed with its fix version
and the exit status is 1.

    .venv/bin/python scripts/audit.py [LOCK ...]   (default: both locks)
"""

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCKS = [ROOT / "requirements" / "production.lock", ROOT / "requirements.lock"]
PROBE = "https://pypi.org/pypi/django/5.2/json"


def database_reachable():
    """(True, "") when PyPI answers with vulnerability data, else (False, why not)."""
    try:
        with urllib.request.urlopen(PROBE, timeout=10) as answer:  # noqa: S310 (fixed URL)
            data = json.load(answer)
    except Exception as error:  # noqa: BLE001 (any failure means: not reachable)
        return False, f"{type(error).__name__}: {error}"
    if "vulnerabilities" not in data:
        return False, "the answer holds no vulnerability data"
    return True, ""


def main(locks):
    reachable, reason = database_reachable()
    if not reachable:
        print(
            "pip-audit NOT RUN: the vulnerability database (PyPI's JSON API, "
            f"{PROBE}) is not reachable from this machine ({reason}). The dependencies "
            "were not checked for known vulnerabilities here; run `make audit` where "
            "pypi.org is reachable."
        )
        return 0
    status = 0
    for lock in locks:
        print(f"pip-audit of {Path(lock).relative_to(ROOT)}:", flush=True)
        command = [
            str(Path(sys.executable).with_name("pip-audit")),
            "--disable-pip",
            "--no-deps",
            "--progress-spinner=off",
            "-r",
            str(lock),
        ]
        result = subprocess.run(command, check=False)  # noqa: S603 (fixed arguments)
        if result.returncode:
            print(f"KNOWN VULNERABILITIES in {Path(lock).name}: see the table above.")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or LOCKS))
