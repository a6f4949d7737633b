"""Run build jobs in one child process (no TensorFlow here), restarting it if it dies."""

from __future__ import annotations

import collections
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

CHILD = Path(__file__).with_name("_child.py")
STARTUP_SECONDS = 180  # importing TensorFlow on a busy 2-core machine
GRACE_SECONDS = 30  # the child's own alarm fires first; this catches a child stuck in C code


class ChildUnavailable(Exception):
    """The child could not start at all (no TensorFlow, a broken reference Python)."""


@dataclass(frozen=True)
class Request:
    framework: str  # "tf" (current TensorFlow) or "reference" (Keras 2.2.4)
    python: str
    timeout: float
    memory_mb: int
    train_steps: int = 0
    batch: int = 32
    seed: int = 0
    fit_check: bool = False


def run_jobs(request: Request, jobs: list[dict[str, Any]],
             progress: Callable[[dict[str, Any]], None] = lambda _: None) -> tuple[dict, dict[int, dict]]:
    """Versions and {job id: result}. A job that kills or hangs the child fails alone.

    A job that kills a child that has run others gets a fresh child once more: a long run grows
    the child's memory towards its cap, and the job may only have been the last straw.
    """
    results: dict[int, dict] = {}
    versions: dict = {}
    pending = list(jobs)
    retried: set[int] = set()
    with tempfile.TemporaryDirectory(prefix="keraslint-validate-") as workdir:
        while pending:
            versions, done, crash = _one_child(request, pending, workdir)
            for result in done:
                results[result["id"]] = result
                progress(result)
            pending = [job for job in pending if job["id"] not in results]
            if crash is not None and pending:
                if done and pending[0]["id"] not in retried:
                    retried.add(pending[0]["id"])
                    continue
                failed = {"id": pending[0]["id"], "models": [], "error": crash}
                results[failed["id"]] = failed
                progress(failed)
                pending = pending[1:]
    return versions, results


def _command(request: Request) -> list[str]:
    if request.framework == "tf":
        return [request.python, "-m", "keraslint.validate._child"]
    return [request.python, str(CHILD)]  # keraslint is not installed in the reference Python


#: Set by importing current TensorFlow (the test suite's own process does): TensorFlow 1.13 would
#: turn on its v2 behaviour, under which Keras 2.2.4 models have no layers.
NOT_FOR_REFERENCE = ("TF2_BEHAVIOR",)


def _environment(framework: str = "tf") -> dict[str, str]:
    env = dict(os.environ)
    if framework == "reference":
        for name in NOT_FOR_REFERENCE:
            env.pop(name, None)
    env.update({
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "CUDA_VISIBLE_DEVICES": "",
        "PYTHONHASHSEED": "0",
        # No network: a download the slicer missed fails at once instead of fetching.
        "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9",
        "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "no_proxy": "",
    })
    return env


def _one_child(request: Request, jobs: list[dict], workdir: str):
    """Run ``jobs`` in a new child until it finishes or fails; (versions, results, crash or None)."""
    payload = {
        "framework": request.framework, "timeout": request.timeout, "memory_mb": request.memory_mb,
        "train_steps": request.train_steps, "batch": request.batch, "seed": request.seed,
        "fit_check": request.fit_check,
        "workdir": workdir, "jobs": jobs,
    }
    try:
        child = subprocess.Popen(_command(request), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, cwd=workdir, env=_environment(request.framework), text=True)
    except OSError as error:
        raise ChildUnavailable(f"cannot run {request.python}: {error.strerror or error}") from None
    lines: queue.Queue[str | None] = queue.Queue()
    stderr_tail: collections.deque[str] = collections.deque(maxlen=20)
    threading.Thread(target=_pump, args=(child.stdout, lines.put, True), daemon=True).start()
    stderr_pump = threading.Thread(target=_pump, args=(child.stderr, stderr_tail.append), daemon=True)
    stderr_pump.start()
    threading.Thread(target=_feed, args=(child.stdin, json.dumps(payload)), daemon=True).start()
    versions, results, crash = {}, [], None
    try:
        wait = STARTUP_SECONDS
        while len(results) < len(jobs):
            job = jobs[len(results)]  # the child answers in order
            try:
                line = lines.get(timeout=wait + _allowance(request, job))
            except queue.Empty:
                crash = {"type": "Timeout", "message": "the build child stopped answering", "line": None}
                break
            if line is None:
                crash = _crash(child, stderr_pump, stderr_tail, bool(versions))
                break
            message = json.loads(line)
            if "versions" in message:
                versions = message["versions"]
            else:
                results.append(message)
            wait = GRACE_SECONDS
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
    if not versions and crash is not None:
        raise ChildUnavailable(crash["message"])
    return versions, results, crash


def _allowance(request: Request, job: dict) -> float:
    """How long a job may take: the module under its alarm, then for each model it may build
    its build, numbers and training step, each under its own alarm."""
    return request.timeout * (1 + 3 * max(1, job.get("models", 1)))


def _crash(child: subprocess.Popen, stderr_pump: threading.Thread, stderr_tail, started: bool) -> dict:
    child.wait()
    stderr_pump.join(GRACE_SECONDS)  # its last line (the error) may still be in the pipe
    last = next((line.strip() for line in reversed(stderr_tail) if line.strip()), "")
    if not started:
        return {"type": "ChildFailed", "message": last or f"exit code {child.returncode}", "line": None}
    how = f"signal {-child.returncode}" if child.returncode < 0 else f"exit code {child.returncode}"
    return {"type": "ChildCrashed", "message": f"the build child died ({how}): {last}"[:300], "line": None}


def _pump(stream, sink, end: bool = False) -> None:
    for line in stream:
        sink(line)
    if end:
        sink(None)  # the child closed its output


def _feed(stream, text: str) -> None:
    try:
        stream.write(text)
        stream.close()
    except (BrokenPipeError, OSError):
        pass


def tensorflow_missing(python: str) -> bool:
    """Is TensorFlow absent from ``python``? (Checked without importing it here.)"""
    if python == sys.executable:
        import importlib.util

        return importlib.util.find_spec("tensorflow") is None
    done = subprocess.run([python, "-c", "import importlib.util as u; print(u.find_spec('tensorflow') is None)"],
                          capture_output=True, text=True)
    return done.stdout.strip() != "False"
