"""Run the Huey worker and start it again whenever it stops (the supervisor of `make run`).

A server runs the worker under its own supervisor (systemd, a container's restart policy);
on a developer's machine `make run` uses this one, so a worker that dies is back within
seconds and says so in the terminal, instead of e-mails silently waiting.
"""

import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

# A worker that ran at least this long before it died is restarted after the first delay;
# one that keeps dying sooner is restarted ever more slowly, up to MAX_DELAY.
HEALTHY_SECONDS = 30
MAX_DELAY = 60


class Command(BaseCommand):
    help = "Run the Huey worker (manage.py run_huey) and restart it whenever it stops."

    def add_arguments(self, parser):
        parser.add_argument("--delay", type=float, default=2.0, help="seconds before a restart")
        parser.add_argument("--workers", type=int, default=1)

    def handle(self, *args, delay: float, workers: int, **options):
        self.stopping = False
        self.child: subprocess.Popen | None = None
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self._stop)
        manage = Path(settings.BASE_DIR) / "manage.py"
        command = [sys.executable, str(manage), "run_huey", "--workers", str(workers)]
        wait = delay
        while not self.stopping:
            started = time.monotonic()
            self.child = subprocess.Popen(command)
            self.stdout.write(f"Worker started (pid {self.child.pid}).")
            code = self.child.wait()
            if self.stopping:
                break
            healthy = time.monotonic() - started >= HEALTHY_SECONDS
            wait = delay if healthy else min(wait * 2, MAX_DELAY)
            self.stderr.write(
                self.style.WARNING(
                    f"WARNING: the worker stopped (exit code {code}); e-mails and reminders "
                    f"wait until it runs again. Restarting it in {wait:g} s."
                )
            )
            self._sleep(wait)
        self.stdout.write("Worker supervisor stopped.")

    def _stop(self, signum, frame) -> None:
        self.stopping = True
        if self.child is not None and self.child.poll() is None:
            self.child.send_signal(signum)

    def _sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(0.1)
