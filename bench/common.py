"""Shared helpers: statistics, machine facts, starting and stopping app servers, Chromium."""

from __future__ import annotations

import datetime as dt
import os
import platform
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tools.chromium import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: F401 - re-exported for bench modules

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
BASELINE_APP = ROOT / "bench" / "baseline_app.py"
SPEC_ENV = "TRD_BENCH_SPEC"  # where the baseline app finds the screens it replays
VIEWPORT = {"width": 1366, "height": 768}  # a common clinic-laptop screen


# --- statistics ------------------------------------------------------------------

def median(values: Iterable[float]) -> float:
    values = list(values)
    return statistics.median(values) if values else float("nan")


def p95(values: Iterable[float]) -> float:
    """Nearest-rank 95th percentile (with few samples this is close to the maximum)."""
    values = sorted(values)
    if not values:
        return float("nan")
    rank = max(1, -(-95 * len(values) // 100))  # ceil(0.95 n)
    return values[rank - 1]


def ratio(ours: float, base: float) -> float:
    return ours / base if base else float("nan")


# --- machine ---------------------------------------------------------------------

def machine_facts() -> dict:
    import psutil
    import streamlit

    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    chromium = ""
    try:
        chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=20).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    nginx = ""
    try:
        nginx = subprocess.run(["/usr/sbin/nginx", "-v"], capture_output=True, text=True, timeout=10).stderr.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    load = os.getloadavg()
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "host_os": f"{platform.system()} {platform.release()}",
        "distro": _os_release(),
        "cpu": cpu,
        "logical_cpus": os.cpu_count(),
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "load_average_at_start": [round(x, 2) for x in load],
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "chromium": chromium,
        "nginx": nginx,
    }


def _os_release() -> str:
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    return ""


# --- app servers -----------------------------------------------------------------

@dataclass
class Server:
    name: str
    url: str
    port: int
    process: subprocess.Popen
    started_at: float  # time.time() just before the process was spawned
    healthy_at: float = 0.0
    output: list[str] = field(default_factory=list)

    @property
    def pid(self) -> int:
        return self.process.pid

    def log(self) -> str:
        return "".join(self.output)


NODELAY = ROOT / "bench" / "nodelay.py"


def streamlit_command(script: Path, port: int, nodelay: bool = False) -> list[str]:
    """`streamlit run`, as `make run` starts the app; with `nodelay`, through bench/nodelay.py (for the
    measurements made with a Python websocket client, which would otherwise wait on its delayed ACKs)."""
    start = [sys.executable, str(NODELAY)] if nodelay else [sys.executable, "-m", "streamlit", "run"]
    return [*start, str(script), "--server.headless", "true",
            "--server.address", "127.0.0.1", "--server.port", str(port),
            "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]


def start_server(name: str, script: Path, env_extra: dict[str, str] | None = None,
                 port: int | None = None, poll: float = 0.01, timeout: float = 60, nodelay: bool = False) -> Server:
    """Start the app (streamlit_command) in its own process group and wait for /_stcore/health."""
    port = port or free_port()
    env = {**os.environ, **(env_extra or {})}
    started = time.time()
    process = subprocess.Popen(streamlit_command(script, port, nodelay), cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    server = Server(name, f"http://127.0.0.1:{port}", port, process, started)
    threading.Thread(target=lambda: server.output.extend(iter(process.stdout.readline, "")), daemon=True).start()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=1) as response:  # noqa: S310
                if response.read() == b"ok":
                    server.healthy_at = time.time()
                    return server
        except OSError:
            time.sleep(poll)
    stop_process(process)
    raise RuntimeError(f"{name} did not become healthy; output:\n{server.log()}")


def stop_process(process: subprocess.Popen, timeout: float = 10) -> None:
    """Stop a process we started and everything in its process group (it was started with its own session)."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError):
        process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            process.kill()
        process.wait(timeout=timeout)


def stop_server(server: Server | None) -> None:
    if server is not None:
        stop_process(server.process)


def rss_mb(pid: int, samples: int = 5, gap: float = 0.2) -> float:
    """Median resident set size of a process over a few samples, in MB (10^6 bytes)."""
    import psutil

    proc = psutil.Process(pid)
    values = []
    for i in range(samples):
        if i:
            time.sleep(gap)
        values.append(proc.memory_info().rss / 1e6)
    return median(values)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)
