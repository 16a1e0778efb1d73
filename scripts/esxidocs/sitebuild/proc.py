"""Child steps that stop with the build: process groups and signals.

Each step runs in its own session (so its own process group): a terminal's Ctrl-C reaches
only the build, which then stops the whole group and waits for it before removing any
folder. offline.py runs its second MkDocs build through `run` too, so it stops that child
the same way when the build stops it. The first SIGINT, SIGTERM or SIGHUP becomes
`Interrupted` in the build; later ones are ignored so cleanup finishes. Children also get
SIGTERM if the build itself dies (PR_SET_PDEATHSIG), so even a SIGKILLed build leaves no
step running; its folders go at the next build.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
GRACE = 10.0  # seconds a stopped step gets to clean up before SIGKILL
_PR_SET_PDEATHSIG = 1
try:
    _LIBC: ctypes.CDLL | None = ctypes.CDLL(None, use_errno=True)
except OSError:  # pragma: no cover - not glibc/musl
    _LIBC = None


class Interrupted(Exception):
    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def status(self) -> int:
        """The shell's convention: 128 + the signal number (130 for SIGINT, 143 for SIGTERM)."""
        return 128 + self.signum


@contextmanager
def interruptible() -> Iterator[None]:
    """Raise Interrupted on the first stop signal, ignore the next ones; restore on exit."""
    hit = False

    def handler(signum: int, frame: FrameType | None) -> None:
        nonlocal hit
        if not hit:
            hit = True
            raise Interrupted(signum)

    previous = {sig: signal.signal(sig, handler) for sig in SIGNALS}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


@contextmanager
def deferred() -> Iterator[None]:
    """Hold stop signals back while a child or folder is created and recorded, so an
    interruption never falls between the two and leaves either unknown. The mask is the
    calling thread's: this holds only in a process with no other thread, as the build and
    offline.py are (tests call it from a process of their own for that reason)."""
    signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)


def _in_child() -> None:
    """Runs in the child before exec: die with the build, and take signals again."""
    if _LIBC is not None:
        _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)


def _signal_group(pgid: int, sig: int) -> None:
    with suppress(ProcessLookupError, PermissionError):  # the group is already gone
        os.killpg(pgid, sig)


def stop(proc: subprocess.Popen[str]) -> None:
    """SIGTERM the step's whole group, SIGKILL it after GRACE seconds, reap the step."""
    _signal_group(proc.pid, signal.SIGTERM)
    try:
        proc.wait(GRACE)
    except subprocess.TimeoutExpired:
        _signal_group(proc.pid, signal.SIGKILL)
        proc.wait()


def run(cmd: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run one step to its end; its exit status and what it printed (stdout and stderr).

    `proc` is bound before the held-back signals are let through (they fire as `deferred`
    exits), so a stop that came while the child started still finds it to stop."""
    proc: subprocess.Popen[str] | None = None
    try:
        with deferred():
            proc = subprocess.Popen(
                cmd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                start_new_session=True,
                preexec_fn=_in_child,  # safe: the build and offline.py run no threads
            )
        output, _ = proc.communicate()
    except BaseException:
        if proc is not None:
            stop(proc)
        raise
    finally:
        if proc is not None:
            _signal_group(proc.pid, signal.SIGKILL)  # whatever the step left running
            if proc.stdout is not None:
                proc.stdout.close()
    return proc.returncode, output
