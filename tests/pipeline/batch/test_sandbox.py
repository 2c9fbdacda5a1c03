"""pipeline.batch.sandbox: results, timeouts, memory limits, crashes and leftover processes."""

from __future__ import annotations

import gc
import os
import subprocess
import time

import pytest

from extractors.model import ExtractionError
from pipeline.batch.sandbox import SandboxResult, collector_paused, imap_limited, run_limited


def double(x):
    return x * 2


def sleep_forever(_):
    time.sleep(600)


def allocate_mb(mb):
    return len(bytearray(mb * 1024 * 1024))


def raise_value_error(_):
    raise ValueError("bad input")


def raise_extraction_error(_):
    raise ExtractionError("corrupt_pdf", "the PDF is truncated")


def segfault(_):
    import ctypes

    ctypes.string_at(0)


def spawn_and_hang(pid_file):
    # a grandchild in its own session (as LibreOffice is started): must be killed too
    proc = subprocess.Popen(["sleep", "600"], start_new_session=True)
    with open(pid_file, "w") as fh:
        fh.write(str(proc.pid))
    time.sleep(600)


def slow_if_zero(x):
    if x == 0:
        time.sleep(600)
    return x


def big_result(n):
    return "x" * n


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def test_value_comes_back():
    res = run_limited(double, 21, timeout_s=10, memory_mb=1024)
    assert res == SandboxResult(True, 42, None, None, res.seconds)
    assert res.unwrap() == 42


def test_large_value_comes_back():
    res = run_limited(big_result, 20_000_000, timeout_s=20, memory_mb=1024)
    assert res.ok and len(res.value) == 20_000_000


def test_timeout_kills_the_child():
    start = time.perf_counter()
    res = run_limited(sleep_forever, None, timeout_s=1, memory_mb=1024)
    assert not res.ok and res.error_code == "timeout"
    assert time.perf_counter() - start < 5


def test_memory_limit():
    res = run_limited(allocate_mb, 2000, timeout_s=20, memory_mb=512)
    assert not res.ok and res.error_code == "memory_limit", res
    # under the limit the same function works
    assert run_limited(allocate_mb, 50, timeout_s=20, memory_mb=512).value == 50 * 1024 * 1024


def test_exceptions_become_error_codes():
    res = run_limited(raise_value_error, None, timeout_s=10)
    assert res.error_code == "internal_error" and "ValueError: bad input" in res.message
    res = run_limited(raise_extraction_error, None, timeout_s=10)
    assert (res.error_code, res.message) == ("corrupt_pdf", "the PDF is truncated")
    with pytest.raises(ExtractionError) as exc:
        res.unwrap()
    assert exc.value.code == "corrupt_pdf"


def test_crash_in_c_code():
    res = run_limited(segfault, None, timeout_s=10)
    assert res.error_code == "internal_error" and "SIGSEGV" in res.message


def test_grandchildren_are_killed(tmp_path):
    pid_file = tmp_path / "pid"
    res = run_limited(spawn_and_hang, str(pid_file), timeout_s=1.5, memory_mb=1024)
    assert res.error_code == "timeout"
    pid = int(pid_file.read_text())
    for _ in range(50):
        if not _alive(pid):
            break
        time.sleep(0.05)
    assert not _alive(pid), "the grandchild survived the timeout"


def test_pool_goes_on_after_a_hung_task():
    start = time.perf_counter()
    results = dict(imap_limited(slow_if_zero, range(6), workers=2, timeout_s=1.5, memory_mb=1024))
    assert time.perf_counter() - start < 8
    assert results[0].error_code == "timeout"
    assert all(results[i].ok and results[i].value == i for i in range(1, 6))


def test_pool_runs_in_parallel():
    start = time.perf_counter()
    results = list(imap_limited(double, range(20), workers=os.cpu_count() or 2, timeout_s=10))
    assert sorted(r.value for _, r in results) == [2 * i for i in range(20)]
    assert time.perf_counter() - start < 10


def test_collector_paused_while_loading_and_left_as_it_was():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ImportError), collector_paused():  # a failed import does not leave it off
        import vanban_no_such_module  # noqa: F401
    assert gc.isenabled()
    gc.disable()
    try:  # a caller that had it off keeps it off
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
