"""`make run` writes a local development .env when there is none (config/devenv.py), so the
commands the README prints work as printed, and its links follow the port it serves."""

import os
import re
import subprocess
import sys
from pathlib import Path

from config.devenv import write_dev_env

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "dienhinh" / "dispatches" / "samples" / "city-785-BTDKT-THHC.txt"


def _read(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def _clean_env(**extra: str) -> dict[str, str]:
    skip = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DIENHINH_SITE_URL"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    return {**env, **extra}


def test_a_missing_env_file_is_written_with_debug_a_long_fresh_key_and_the_port(tmp_path):
    first, second = tmp_path / "a.env", tmp_path / "b.env"
    assert write_dev_env(first, port=8123) and write_dev_env(second, port=8000)
    values = _read(first)
    assert values["DEBUG"] == "true"
    assert values["DIENHINH_SITE_URL"] == "http://127.0.0.1:8123"
    assert len(values["SECRET_KEY"]) >= 50
    assert values["SECRET_KEY"] != _read(second)["SECRET_KEY"]
    assert first.stat().st_mode & 0o077 == 0  # the key is the developer's alone


def test_an_existing_env_file_is_never_touched(tmp_path):
    path = tmp_path / ".env"
    path.write_text("DEBUG=false\nSECRET_KEY=mine\n", encoding="utf-8")
    assert write_dev_env(path, port=9000) is False
    assert path.read_text(encoding="utf-8") == "DEBUG=false\nSECRET_KEY=mine\n"


def test_after_the_env_file_is_written_the_readme_commands_run_as_printed(tmp_path):
    env_file = tmp_path / ".env"
    env = _clean_env(DIENHINH_ENV_FILE=str(env_file))
    command = [sys.executable, "manage.py", "parse_dispatch", str(SAMPLE), "--json"]
    before = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert before.returncode != 0 and "SECRET_KEY is not set" in before.stderr
    written = subprocess.run(
        [sys.executable, "-m", "config.devenv", "--port", "8123"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert written.returncode == 0 and str(env_file) in written.stdout
    after = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert after.returncode == 0, after.stderr
    assert "BTĐKT-THHC" in after.stdout


def test_make_run_writes_the_env_file_first_and_links_every_process_to_its_port():
    result = subprocess.run(
        ["make", "-n", "run", "PORT=8123"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    devenv = next(i for i, line in enumerate(lines) if "-m config.devenv --port 8123" in line)
    started = r"manage\.py (demo|supervise_worker|runserver)"
    commands = [line for line in lines if re.search(started, line)]
    assert {re.search(r"manage\.py (\w+)", c).group(1) for c in commands} >= {
        "demo",
        "supervise_worker",
        "runserver",
    }
    assert all("DIENHINH_SITE_URL=http://127.0.0.1:8123" in c for c in commands), commands
    assert all(lines.index(c) > devenv for c in commands)
