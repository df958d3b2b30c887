"""The local development `.env` that `make run` writes when there is none.

Without it only the Makefile turns DEBUG on, and every other command the README prints
(`manage.py import_units …`, `manage.py parse_dispatch …`) stops with "SECRET_KEY is not
set". An existing file is never touched: it may hold a developer's own settings.

Run without Django (the settings module would refuse to start before the file exists):
    python -m config.devenv --port 8000 [--path .env]
"""

import argparse
import os
import secrets
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

TEMPLATE = """\
# Written by `make run` for this machine only: development settings, never for a server.
# Every variable is explained in .env.example; delete this file to have it written afresh.
DEBUG=true
SECRET_KEY={secret_key}
DIENHINH_SITE_URL=http://127.0.0.1:{port}
"""


def default_path() -> Path:
    return Path(os.environ.get("DIENHINH_ENV_FILE", BASE_DIR / ".env"))


def write_dev_env(path: Path, *, port: int) -> bool:
    """Write the file if none exists; True when it was written."""
    key = secrets.token_urlsafe(50)  # 67 characters, above the 50 production requires
    try:
        # "x": created only if absent, so two runs at once cannot overwrite each other.
        with open(path, "x", encoding="utf-8") as env_file:
            env_file.write(TEMPLATE.format(secret_key=key, port=port))
    except FileExistsError:
        return False
    path.chmod(0o600)  # it holds a key
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--path", type=Path, default=None)
    args = parser.parse_args(argv)
    path = args.path or default_path()
    if write_dev_env(path, port=args.port):
        print(f"Wrote {path} (development settings: DEBUG on, a new SECRET_KEY).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
