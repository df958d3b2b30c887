"""Start-up checks of the settings module, run in a clean subprocess like a real start."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # A clean start: none of the variables the test run itself sets (the browser fixture sets
    # DJANGO_ALLOW_ASYNC_UNSAFE, which the deployment check rightly refuses).
    skip = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in skip}
    clean["DIENHINH_ENV_FILE"] = os.devnull  # a developer's .env must not mask the checks
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_debug_a_missing_secret_key_stops_start_up_with_a_clear_message():
    result = _manage("check", DEBUG="false", ALLOWED_HOSTS="dienhinh.example.gov.vn")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_without_debug_missing_allowed_hosts_stops_start_up_with_a_clear_message():
    result = _manage("check", DEBUG="false", SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_a_malformed_boolean_is_refused_rather_than_guessed():
    result = _manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_the_deployment_check_is_clean_with_production_settings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="k3y-" + "z9Q-" * 20,
        ALLOWED_HOSTS="dienhinh.example.gov.vn",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_every_environment_variable_the_settings_read_is_documented_in_env_example():
    settings_text = (ROOT / "config" / "settings.py").read_text(encoding="utf-8")
    read = set(
        re.findall(r'(?:environ\.get|envbool|envint|envlist)\(\s*"([A-Z_]+)"', settings_text)
    )
    documented = set(
        re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(encoding="utf-8"), re.M)
    )
    assert read, "the pattern no longer finds the settings' variables"
    assert read - documented == set()


def test_setting_a_bucket_switches_uploads_to_private_s3_compatible_storage():
    script = (
        "from django.core.files.storage import storages;"
        "s = storages['default'];"
        "print(type(s).__name__, s.bucket_name, s.default_acl, s.endpoint_url)"
    )
    result = _manage(
        "shell",
        "-v",
        "0",
        "-c",
        script,
        DEBUG="true",
        S3_BUCKET="dienhinh-files",
        S3_ENDPOINT_URL="https://s3.example.vn",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "S3Storage",
        "dienhinh-files",
        "private",
        "https://s3.example.vn",
    ]


def test_the_migrations_check_runs_on_a_bare_checkout_without_production_settings():
    result = _manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_without_debug_a_short_secret_key_stops_start_up_with_a_clear_message():
    result = _manage(
        "check", DEBUG="false", SECRET_KEY="x" * 49, ALLOWED_HOSTS="dienhinh.example.gov.vn"
    )
    assert result.returncode != 0
    assert "SECRET_KEY is too short (49 characters)" in result.stderr
    assert "at least 50" in result.stderr


def test_without_debug_allowed_hosts_of_any_host_stops_start_up_with_a_clear_message():
    for hosts in ("*", "dienhinh.example.gov.vn,*"):
        result = _manage("check", DEBUG="false", SECRET_KEY="k3y-" * 15, ALLOWED_HOSTS=hosts)
        assert result.returncode != 0, hosts
        assert "ALLOWED_HOSTS=* answers for any host name" in result.stderr, hosts


def test_with_debug_on_a_short_key_is_allowed_for_a_developer_machine():
    result = _manage("check", DEBUG="true", SECRET_KEY="short")
    assert result.returncode == 0, result.stderr
