"""The embedded server of `make run` (pgserver in var/pg): a second start while the first server is
still shutting down waits for it instead of failing (pgserver asserts a running postmaster is
"ready")."""

import os
import threading
import time

from unionhub.core.embedded_pg import _wait_while_stopping


def _pid_file(pgdata, status):
    # postmaster.pid as PostgreSQL writes it: pid, data dir, start time, port, socket dir, host,
    # shared memory, status. Our own pid stands for a running postmaster.
    lines = [str(os.getpid()), str(pgdata), str(int(time.time())), "5432", str(pgdata), "", "1 2", status]
    (pgdata / "postmaster.pid").write_text("\n".join(lines) + "\n")


def test_waits_while_the_previous_server_stops(tmp_path):
    _pid_file(tmp_path, "stopping")
    stopped = threading.Event()

    def stop_later():
        time.sleep(0.5)
        (tmp_path / "postmaster.pid").unlink()
        stopped.set()

    threading.Thread(target=stop_later).start()
    _wait_while_stopping(tmp_path, timeout=10)
    assert stopped.is_set()


def test_a_ready_or_absent_server_needs_no_wait(tmp_path):
    _wait_while_stopping(tmp_path, timeout=0.01)  # no postmaster.pid
    _pid_file(tmp_path, "ready")
    _wait_while_stopping(tmp_path, timeout=10)
    assert (tmp_path / "postmaster.pid").exists()
