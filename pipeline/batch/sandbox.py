"""Run one parser call per file in a child process under a wall-clock and a memory limit.

    run_limited(func, arg, timeout_s=60, memory_mb=2048) -> SandboxResult
    imap_limited(func, args, workers, timeout_s, memory_mb) -> iterator of (arg, SandboxResult)

`run_limited` forks a child, which puts itself in a new process group, sets RLIMIT_AS (soft limit:
address space) to what it inherited plus memory_mb, and RLIMIT_CORE to 0, calls func(arg) and sends the result back
through a pipe. The parent waits at most timeout_s; on expiry it SIGKILLs the child's process
group *and* every descendant of the child (Tesseract, LibreOffice: some start their own session),
so a hung parser never hangs the batch. The outcome is a SandboxResult:
  ok=True, value=...                         the function returned
  error_code="timeout"                       killed after timeout_s
  error_code="memory_limit"                  MemoryError in the child (RLIMIT_AS hit), or the child
                                             was killed by the kernel's OOM killer
  error_code=<ExtractionError.code>          the function raised ExtractionError (stable codes)
  error_code="internal_error"                any other exception (type, message, where), or the
                                             child died from a signal (a crash in C code)

Use it inside the workers of any pool (a ProcessPoolExecutor worker may fork: each call is a
fresh child of that worker), or use `imap_limited`, a minimal pool of its own that keeps
`workers` sandboxed children running and yields results in completion order. func and arg must be
picklable only where fork is unavailable (spawn); the value returned must be picklable.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import signal
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import wait as wait_connections
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

DEFAULT_TIMEOUT_S = 120.0
DEFAULT_MEMORY_MB = 3072  # address space, not RSS: numpy/OpenCV/threads reserve far more than they touch


@dataclass
class SandboxResult:
    ok: bool
    value: Any = None
    error_code: str | None = None
    message: str | None = None
    seconds: float = 0.0

    def unwrap(self) -> Any:
        """The value, or ExtractionError(error_code, message)."""
        if self.ok:
            return self.value
        from extractors.model import ExtractionError

        raise ExtractionError(self.error_code or "internal_error", self.message or "")


@contextmanager
def collector_paused() -> Iterator[None]:
    """The garbage collector off while a parent loads what its forked children will share (modules,
    parsers, cached tables): those objects live until exit, so the ~150 collections their imports
    set off (0.03-0.05 s of CPU in the ingest driver) would free nothing."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _context():
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else "spawn")


def _address_space_bytes() -> int:
    """This process's mapped address space (VmSize), 0 where /proc is not there."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _set_limits(memory_mb: int | None) -> None:
    import resource

    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        pass
    if memory_mb:
        # on top of what the child inherited: a forked worker of a big parent (a test runner with
        # numpy/OpenCV mapped) would otherwise start near its limit and fail on the first import
        limit = _address_space_bytes() + int(memory_mb) * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _child(conn, func: Callable, arg: Any, memory_mb: int | None) -> None:
    try:
        os.setpgid(0, 0)
    except OSError:
        pass
    try:  # a crash is reported as data (the exit signal), not as a stack dump on stderr
        import faulthandler

        faulthandler.disable()
    except Exception:  # noqa: BLE001
        pass
    # glibc gives every thread its own 64 MB malloc arena: far over an address-space limit with
    # few bytes used. Two arenas are plenty for a parser: here (mallopt) and in what it starts (env)
    os.environ.setdefault("MALLOC_ARENA_MAX", "2")
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(-8, 2)  # M_ARENA_MAX
    except (OSError, AttributeError):
        pass
    try:
        _set_limits(memory_mb)
        value = func(arg)
        msg: tuple = ("ok", value)
    except MemoryError:
        msg = ("error", "memory_limit", f"ran out of memory under the {memory_mb} MB limit")
    except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent as data
        code = getattr(exc, "code", None)
        message = getattr(exc, "message", None)
        if isinstance(code, str) and isinstance(message, str):  # ExtractionError
            msg = ("error", code, message)
        else:
            tb = traceback.extract_tb(exc.__traceback__)
            where = f" (at {Path(tb[-1].filename).name}:{tb[-1].lineno})" if tb else ""
            msg = ("error", "internal_error", f"{type(exc).__name__}: {exc}{where}"[:2000])
    try:
        conn.send(msg)
    except MemoryError:
        _safe_send(conn, ("error", "memory_limit", f"the result did not fit in the {memory_mb} MB limit"))
    except Exception as exc:  # noqa: BLE001 - e.g. an unpicklable value
        _safe_send(conn, ("error", "internal_error", f"result cannot be sent back: {type(exc).__name__}: {exc}"[:2000]))
    finally:
        conn.close()
        os._exit(0)  # no atexit handlers or buffered output inherited from the parent


def _safe_send(conn, msg) -> None:
    try:
        conn.send(msg)
    except Exception:  # noqa: BLE001
        pass


def _descendants(pid: int) -> list[int]:
    """All live descendants of pid (from /proc; empty where /proc is absent)."""
    children: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read().decode("ascii", "replace")
            ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def _kill_tree(pid: int) -> None:
    """SIGKILL the child, its process group and every descendant (some start their own session)."""
    victims = _descendants(pid)
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass
    for p in [pid, *victims]:
        try:
            os.kill(p, signal.SIGKILL)
        except (ProcessLookupError, PermissionError, OSError):
            pass


class _Running:
    """One sandboxed call in flight."""

    def __init__(self, func: Callable, arg: Any, timeout_s: float, memory_mb: int | None):
        ctx = _context()
        self.arg = arg
        self.timeout_s = timeout_s
        self.memory_mb = memory_mb
        self.recv, send = ctx.Pipe(duplex=False)
        self.proc = ctx.Process(target=_child, args=(send, func, arg, memory_mb), daemon=True)
        self.start = time.perf_counter()
        self.proc.start()
        send.close()
        self.deadline = self.start + timeout_s

    def finish(self, timed_out: bool = False) -> SandboxResult:
        """Collect the outcome (call when recv is readable, the child is gone, or time is up)."""
        msg = None
        if not timed_out:
            try:
                if self.recv.poll(0):
                    msg = self.recv.recv()
            except (EOFError, OSError):
                msg = None
            except MemoryError:
                msg = ("error", "memory_limit", "the result is too large to receive")
        if msg is None or timed_out:
            _kill_tree(self.proc.pid)
        else:
            # the child exits right after sending; its leftover children are ours to clean up
            self.proc.join(5)
            if self.proc.is_alive():
                _kill_tree(self.proc.pid)
        self.proc.join()
        self.recv.close()
        seconds = time.perf_counter() - self.start
        if timed_out:
            return SandboxResult(
                False, None, "timeout", f"took longer than {self.timeout_s:g} s and was stopped", seconds
            )
        if msg is None:
            code = self.proc.exitcode
            if code == -signal.SIGKILL:
                return SandboxResult(
                    False,
                    None,
                    "memory_limit",
                    "the worker was killed (out of memory: the system's OOM killer)",
                    seconds,
                )
            sig = -code if code and code < 0 else None
            name = signal.Signals(sig).name if sig else f"exit code {code}"
            hint = (
                f" (possibly out of memory under the {self.memory_mb} MB limit)"
                if sig in (signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS)
                else ""
            )
            return SandboxResult(False, None, "internal_error", f"the worker crashed: {name}{hint}", seconds)
        if msg[0] == "ok":
            return SandboxResult(True, msg[1], None, None, seconds)
        return SandboxResult(False, None, msg[1], msg[2], seconds)


def run_limited(
    func: Callable[[Any], Any],
    arg: Any,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
) -> SandboxResult:
    """func(arg) in a child process with a wall-clock and an address-space limit; never raises
    for what the function does."""
    run = _Running(func, arg, timeout_s, memory_mb)
    remaining = run.deadline - time.perf_counter()
    ready = wait_connections([run.recv, run.proc.sentinel], timeout=max(0.0, remaining))
    if not ready:
        return run.finish(timed_out=True)
    if run.recv not in ready:  # the child ended: give a just-sent message a moment to arrive
        run.recv.poll(0.2)
    return run.finish()


def imap_limited(
    func: Callable[[Any], Any],
    args: Iterable[Any],
    workers: int | None = None,
    timeout_s: float | Callable[[Any], float] = DEFAULT_TIMEOUT_S,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
) -> Iterator[tuple[Any, SandboxResult]]:
    """func over args with at most `workers` sandboxed children at a time; yields (arg, result) in
    completion order. Each call gets its own child (fresh memory, its own limits). timeout_s is
    one limit for all, or a function of the arg (a limit that grows with a file's page count)."""
    limit_of = timeout_s if callable(timeout_s) else (lambda _arg: timeout_s)
    workers = max(1, workers or os.cpu_count() or 1)
    todo = iter(args)
    running: list[_Running] = []
    exhausted = False
    while True:
        while not exhausted and len(running) < workers:
            try:
                arg = next(todo)
                running.append(_Running(func, arg, limit_of(arg), memory_mb))
            except StopIteration:
                exhausted = True
        if not running:
            return
        now = time.perf_counter()
        timeout = max(0.0, min(r.deadline for r in running) - now)
        handles = [h for r in running for h in (r.recv, r.proc.sentinel)]
        ready = set(wait_connections(handles, timeout=timeout))
        now = time.perf_counter()
        still = []
        for r in running:
            if r.recv in ready or r.proc.sentinel in ready:
                if r.recv not in ready:
                    r.recv.poll(0.2)
                yield r.arg, r.finish()
            elif now >= r.deadline:
                yield r.arg, r.finish(timed_out=True)
            else:
                still.append(r)
        running = still
