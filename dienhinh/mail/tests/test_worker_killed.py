"""A worker killed with SIGKILL in the middle of sending: `make run`'s supervisor starts it
again, the new worker queues the half-sent mail again, and every mail arrives.

Everything is real: a SQLite database and Huey queue of their own, the worker as a separate
process under `manage.py supervise_worker`, and an SMTP server (aiosmtpd) that holds the
first message it receives until the worker holding the other end is dead.
"""

import asyncio
import contextlib
import email
import email.policy
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[3]
MAILS = [f"thu-{n}" for n in range(5)]


class HoldFirstMessage:
    """Accepts every message but the first, which it holds, then refuses once released."""

    def __init__(self):
        self.delivered: list[str] = []
        self.holding = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        if not self.holding.is_set():
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "451 Requested action aborted: the client went away"
        self.delivered.append(str(message["Subject"]))
        return "250 Message accepted for delivery"


class Output:
    """Lines a process writes, read in the background so its pipe never fills."""

    def __init__(self, stream):
        self.lines: list[str] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for line in stream:
            self.lines.append(line.rstrip())

    def worker_pids(self) -> list[int]:
        return [int(line.split("pid ")[1].rstrip(").")) for line in self.lines if "(pid " in line]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.1)


def _environment(tmp_path: Path, smtp_port: int) -> dict[str, str]:
    skip = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "HUEY_REDIS_URL"}
    skip |= {"HUEY_IMMEDIATE", "DIENHINH_TESTING", "DJANGO_ALLOW_ASYNC_UNSAFE", "EMAIL_BACKEND"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    return {
        **env,
        "PYTHONUNBUFFERED": "1",
        "DIENHINH_ENV_FILE": os.devnull,
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "HUEY_SQLITE_PATH": str(tmp_path / "huey.sqlite3"),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        # One worker here: a mail "sending" for a second when a worker starts was cut short.
        "DIENHINH_MAIL_SENDING_LEASE_SECONDS": "1",
    }


def _manage(env, *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def _rows(tmp_path: Path) -> dict[str, tuple[str, int]]:
    with sqlite3.connect(tmp_path / "db.sqlite3") as db:
        rows = db.execute("SELECT subject, status, attempts FROM mail_outgoingmail").fetchall()
    return {subject: (status, attempts) for subject, status, attempts in rows}


def test_a_worker_killed_mid_send_is_restarted_and_no_mail_is_lost(tmp_path):
    smtp = HoldFirstMessage()
    port = _free_port()
    controller = Controller(smtp, hostname="127.0.0.1", port=port)
    controller.start()
    env = _environment(tmp_path, port)
    supervisor, out = None, None
    try:
        _manage(env, "migrate", "--verbosity", "0")
        queue = "from dienhinh.common.mail import send_email\n" + "".join(
            f"send_email(subject='{s}', body='Nội dung', to=['{s}@example.vn'])\n" for s in MAILS
        )
        _manage(env, "shell", "--command", queue)
        assert {status for status, _n in _rows(tmp_path).values()} == {"queued"}

        supervisor = subprocess.Popen(
            [sys.executable, "manage.py", "supervise_worker", "--delay", "0.5"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        out, err = Output(supervisor.stdout), Output(supervisor.stderr)
        _wait_for(smtp.holding.is_set, 60, "the worker to start sending")
        held = [s for s, (status, _n) in _rows(tmp_path).items() if status == "sending"]
        assert len(held) == 1  # the row says "sending" while the server holds the message
        first_worker = out.worker_pids()[0]
        os.kill(first_worker, signal.SIGKILL)
        _wait_for(lambda: len(out.worker_pids()) >= 2, 30, "the supervisor to restart it")
        smtp.release.set()

        _wait_for(lambda: len(smtp.delivered) >= len(MAILS), 60, "every mail to arrive")
        assert sorted(smtp.delivered) == MAILS
        _wait_for(lambda: {st for st, _n in _rows(tmp_path).values()} == {"sent"}, 30, "the rows")
        rows = _rows(tmp_path)
        assert rows[held[0]] == ("sent", 2)  # the cut-short attempt, then the one that worked
        assert all(rows[s] == ("sent", 1) for s in MAILS if s != held[0])
        assert any("WARNING: the worker stopped (exit code -9)" in line for line in err.lines)
        assert out.worker_pids()[1] != first_worker
        supervisor.terminate()  # as `make run` does on Ctrl-C: stopped on purpose, not restarted
        assert supervisor.wait(timeout=20) == 0
        _wait_for(lambda: "Worker supervisor stopped." in out.lines, 5, "the supervisor's goodbye")
        assert len(out.worker_pids()) == 2
    finally:
        smtp.release.set()
        if supervisor is not None:
            supervisor.terminate()
            try:
                supervisor.wait(timeout=20)
            except subprocess.TimeoutExpired:
                supervisor.kill()
            for pid in out.worker_pids() if out else []:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        controller.stop()
