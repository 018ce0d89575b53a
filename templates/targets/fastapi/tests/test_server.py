"""The real process: `python -m app.main` on a free port, for what only a socket can show —
the header-read timeout (slowloris), configuration failures, and the SIGTERM sequence."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def status(port: int, path: str) -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2) as response:  # noqa: S310
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def start(**env: str) -> tuple[subprocess.Popen[str], int]:
    port = free_port()
    base = {
        "PATH": os.environ.get("PATH", ""),
        "APP_ENV": "development",  # no DATABASE_URL needed: readiness is not what these tests check
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "OTEL_SDK_DISABLED": "true",
        "SHUTDOWN_DELAY_MS": "300",
        "SHUTDOWN_TIMEOUT_MS": "2000",
    }
    process = subprocess.Popen(  # noqa: S603 - fixed argv
        [sys.executable, "-m", "app.main"],
        cwd=PROJECT,
        env={**base, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while status(port, "/livez") != 200:
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"server did not start: {process.communicate()}")
        time.sleep(0.1)
    return process, port


@pytest.fixture
def server() -> Iterator[tuple[subprocess.Popen[str], int]]:
    process, port = start(HEADERS_TIMEOUT_MS="500")
    yield process, port
    if process.poll() is None:
        process.kill()
        process.wait()


def test_closes_a_connection_whose_headers_never_finish(server: tuple[subprocess.Popen[str], int]) -> None:
    _, port = server
    with socket.create_connection(("127.0.0.1", port)) as connection:
        connection.sendall(b"GET /livez HTTP/1.1\r\nHost: x\r\n")
        connection.settimeout(5)
        started = time.monotonic()
        for _ in range(20):  # one header byte at a time, slower than the timeout allows in total
            try:
                connection.sendall(b"X")
            except OSError:
                break
            if connection.recv(1024) == b"":
                break
        closed_after = time.monotonic() - started
    assert closed_after < 3
    assert status(port, "/livez") == 200  # other clients are still served


def test_refuses_an_oversized_request_head(server: tuple[subprocess.Popen[str], int]) -> None:
    _, port = server
    with socket.create_connection(("127.0.0.1", port)) as connection:
        connection.sendall(b"GET /livez HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 32768 + b"\r\n\r\n")
        connection.settimeout(5)
        answer = connection.recv(1024)
    assert answer.startswith(b"HTTP/1.1 431 ")
    assert status(port, "/livez") == 200


def test_sigterm_fails_readiness_keeps_serving_then_exits_zero() -> None:
    process, port = start(SHUTDOWN_DELAY_MS="1500")
    process.send_signal(signal.SIGTERM)
    time.sleep(0.3)
    assert status(port, "/readyz") == 503
    assert status(port, "/livez") == 200  # still serving during the delay
    assert process.wait(timeout=10) == 0
    lines = [json.loads(line) for line in process.stdout.read().splitlines() if line]  # type: ignore[union-attr]
    assert any("shutdown started" in line["msg"] for line in lines)
    assert all({"time", "level", "msg", "service.name"} <= line.keys() for line in lines)


def test_invalid_configuration_exits_1_naming_the_variable() -> None:
    process = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-m", "app.main"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=30,
        env={
            "PATH": os.environ.get("PATH", ""),
            "PORT": "abc",
            "DATABASE_URL": "postgres://u:sentinel-pw@127.0.0.1/db",
        },
    )
    assert process.returncode == 1
    assert "PORT" in process.stdout and "sentinel-pw" not in process.stdout + process.stderr
