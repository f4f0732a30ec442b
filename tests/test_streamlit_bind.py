"""`streamlit run app.py` without any flags listens on this machine only (.streamlit/config.toml)."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LISTEN = "0A"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listening_addresses(port: int) -> set[str]:
    """Local addresses in LISTEN state on ``port``, read from the kernel's socket tables."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            addr, hex_port = local.split(":")
            if state == LISTEN and int(hex_port, 16) == port:
                found.add(addr)
    return found


LOOPBACK = {"0100007F", "00000000000000000000000001000000"}  # 127.0.0.1 and ::1


def test_plain_streamlit_run_binds_to_localhost_only(tmp_path):
    port = _free_port()
    env_db = {"TURNUS_DB": str(tmp_path / "store.db")}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py",
                             "--server.port", str(port), "--server.headless", "true"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env={**os.environ, **env_db})
    try:
        deadline = time.monotonic() + 60
        while not _listening_addresses(port) and time.monotonic() < deadline:
            assert proc.poll() is None, proc.stdout.read().decode()
            time.sleep(0.2)
        addresses = _listening_addresses(port)
        assert addresses, "the app did not start listening"
        assert addresses <= LOOPBACK, f"listens beyond this machine: {addresses}"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_usage_statistics_are_off():
    out = subprocess.run([sys.executable, "-m", "streamlit", "config", "show"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60).stdout
    assert "gatherUsageStats = false" in out
