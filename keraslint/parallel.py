"""Spread files over a process pool; one process when the work is small.

The pool forks after the parent has imported libcst and the rules and checked a tiny
module, so workers start warm and share those pages. Where fork is not available (or
wise: macOS) everything runs in one process. Results come back in any order and are put
in place by index, so the output does not depend on the number of processes.
"""

from __future__ import annotations

import os
import sys
from typing import Callable, Iterator, Sequence

#: Below this many bytes of Keras files, forking costs more than it saves.
SMALL_WORK = 64_000

Work = Callable[[str], object]
_work: Work | None = None  # set in the parent before forking; workers inherit it


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
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
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
    finally:
        _work = None
    for index, path, _ in sorted(pending.values()):
        yield index, work(path)


def _run_one(path: str) -> object:
    assert _work is not None
    return _work(path)
