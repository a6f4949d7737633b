"""Spread files over a process pool; one process when the work is small.

The pool forks after the parent has imported libcst and the rules and checked a tiny
module, so workers start warm and share those pages. Where fork is not available (or
wise: macOS) everything runs in one process. Results come back in any order and are put
in place by index, so the output does not depend on the number of processes.

Workers never outlive the run: on Linux the kernel sends them SIGTERM when the parent
dies (even by SIGKILL), and an interrupted parent (Ctrl-C, SIGTERM) cancels what is still
queued and terminates them before it exits. A worker stopped by SIGTERM in the middle of
a write lets ``files.write_atomic`` remove its temp file, so every file stays old or new.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Callable, Iterator, Sequence

#: Below this many bytes of Keras files, forking costs more than it saves.
SMALL_WORK = 64_000

Work = Callable[[str], object]
_work: Work | None = None  # set in the parent before forking; workers inherit it
_busy = False  # in a worker: inside _work, so a SIGTERM must unwind (temp files) first
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _can_fork() -> bool:
    import multiprocessing

    return sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()


def run(items: Sequence[tuple[int, str, int]], work: Work, jobs: int,
        warm: Callable[[], object] | None = None) -> Iterator[tuple[int, object]]:
    """``(index, work(path))`` for every ``(index, path, size)``, in no particular order."""
    size = sum(item[2] for item in items)
    jobs = min(jobs, len(items))
    if jobs <= 1 or size < SMALL_WORK or not _can_fork():
        for index, path, _ in items:
            yield index, work(path)
        return
    yield from _pool(items, work, jobs, warm)


def _pool(items, work: Work, jobs: int, warm) -> Iterator[tuple[int, object]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    global _work
    if warm is not None:
        warm()
    _work = work
    pending = {}
    context = multiprocessing.get_context("fork")
    before = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),))
    try:
        # Largest first, so that one big file does not finish alone at the end.
        for index, path, size in sorted(items, key=lambda item: -item[2]):
            pending[pool.submit(_run_one, path)] = (index, path, size)
        for future in as_completed(pending):
            try:
                result = future.result()
            except BrokenProcessPool:
                break  # a worker died (killed, out of memory): the rest runs here
            index, _, _ = pending.pop(future)
            yield index, result
    except BaseException:  # interrupted (or the consumer went away): stop the workers now
        _stop(pool, set(multiprocessing.active_children()) - before)
        raise
    else:
        pool.shutdown()
    finally:
        _work = None
    for index, path, _ in sorted(pending.values()):
        yield index, work(path)


def _stop(pool, workers) -> None:
    """Drop the queued files and end the workers; each unwinds a write in progress."""
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()  # SIGTERM: see _on_sigterm
    for worker in workers:
        worker.join(5)
        if worker.is_alive():
            worker.kill()
            worker.join()
    # The executor's manager thread closes its wakeup pipe as it ends; Python 3.11's exit hook
    # writes to that pipe unlocked, and racing the close prints "Bad file descriptor" at exit.
    # Once the thread has ended, the hook sees the pipe closed and leaves it alone.
    manager = getattr(pool, "_executor_manager_thread", None)
    if manager is not None:
        manager.join(5)


def _start_worker(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, _on_sigterm)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl: the parent's own handlers still stop the workers
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(143)


class _Stop(BaseException):
    """Raised in a busy worker by SIGTERM; not an Exception, so no rule or engine catches it."""


def _on_sigterm(signum, frame) -> None:
    if _busy:
        raise _Stop
    os._exit(143)


def _run_one(path: str) -> object:
    global _busy
    assert _work is not None
    try:
        _busy = True
        result = _work(path)
        _busy = False
        return result
    except _Stop:
        os._exit(143)  # the write in progress has removed its temp file on the way here
    except BaseException:
        _busy = False
        raise
