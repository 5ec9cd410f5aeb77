"""Worker processes for the commands that spread work over cores (``check``, ``fix``, ``clean``):
results come back in input order, a few tasks in flight per worker.

Workers start from a forkserver that has already imported newslint and warmed its data (the
``preload``, :mod:`newslint.warm`), so each worker begins with the code and the word data in
shared pages instead of loading them again. Workers ignore Ctrl-C (the main process stops
them), and a SIGTERM while a worker runs a task is raised as KeyboardInterrupt inside it, so
the atomic writer removes its temporary file on the way out; the worker then exits at once
rather than taking another task. Between tasks a SIGTERM ends the worker at once, and a worker
that has not exited a few seconds after it was told to is killed, so stopping a pool never
waits for ever.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from newslint.gcpause import Uncollected

if TYPE_CHECKING:  # concurrent.futures imports logging: a single-process run does without both
    from concurrent.futures import Future

Item = TypeVar("Item")
Result = TypeVar("Result")

# Tasks submitted per worker before the oldest result is awaited: enough to keep every worker
# busy while the main process consumes results, few enough to bound memory.
IN_FLIGHT_PER_WORKER = 3


# What the forkserver imports before it forks workers: newslint.warm loads the default rules
# data there once, so that every worker shares it (see that module).
PRELOAD = ("newslint.warm",)


class WorkerError(RuntimeError):
    """A worker process died (killed, out of memory) before returning its result."""


def cpu_count() -> int:
    """Cores this process may run on (the affinity mask, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def resolve_jobs(jobs: int | None) -> int:
    """``--jobs``: 0 means one worker per usable core; None and 1 mean no workers."""
    if jobs is None:
        return 1
    return cpu_count() if jobs <= 0 else jobs


def ordered_map(
    function: Callable[[Item], Result],
    items: Iterable[Item],
    jobs: int,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
    preload: Iterable[str] = PRELOAD,
) -> Iterator[tuple[Item, Result]]:
    """Each item with ``function(item)``, in the order of ``items``, computed by ``jobs``
    worker processes. ``function``, ``initializer`` and the items must be picklable
    (module-level functions, plain data). An exception raised by ``function`` is raised here;
    a worker that dies raises :class:`WorkerError`."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(list(preload))
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(initializer, initargs))
    pending: deque[tuple[Item, Future[Result]]] = deque()
    # This process only unpickles results while the workers run, and makes no cycles worth
    # collecting; but each result adds thousands of tracked objects, and the collector's full
    # passes rescan all those kept so far: with it on, unpickling the findings of 5,000
    # articles took five times as long (most of this process's CPU). It runs again after.
    with Uncollected():
        try:
            for item in items:
                pending.append((item, executor.submit(_call, function, item)))
                while len(pending) >= jobs * IN_FLIGHT_PER_WORKER or (pending and pending[0][1].done()):
                    done, future = pending.popleft()
                    yield done, future.result()
            while pending:
                done, future = pending.popleft()
                yield done, future.result()
        except BrokenProcessPool:
            raise WorkerError("a worker process stopped unexpectedly (out of memory? killed?)") from None
        except BaseException:
            # Interrupted, or a task failed: stop the workers now rather than after their queued
            # tasks. A worker stopped while writing removes its temporary file (see _terminated).
            _stop(list(getattr(executor, "_processes", {}).values()))
            raise
        finally:
            executor.shutdown(wait=True, cancel_futures=True)


def start_forkserver(preload: Iterable[str] = PRELOAD) -> None:
    """Start the forkserver that :func:`ordered_map` forks workers from, without waiting for
    it: it imports (and so warms) ``preload`` while the caller does other work."""
    import multiprocessing

    if "forkserver" in multiprocessing.get_all_start_methods():
        from multiprocessing import forkserver

        multiprocessing.get_context("forkserver").set_forkserver_preload(list(preload))
        forkserver.ensure_running()


# Seconds a worker has, once told to stop, to remove the temporary file it is writing.
_STOP_GRACE = 5.0


def _stop(processes: list[Any]) -> None:
    """Terminate workers, then kill those that have not exited after a grace period: the
    executor's shutdown waits for every worker, and must not wait for ever."""
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(_STOP_GRACE)
        if process.is_alive():
            process.kill()
            process.join()


def _init_worker(initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    signal.signal(signal.SIGTERM, _terminated)
    if initializer is not None:
        initializer(*initargs)


# True while this worker runs a task (and may be writing a file).
_in_task = False


def _terminated(signum: int, frame: object) -> None:
    if _in_task:
        raise KeyboardInterrupt  # unwinds the task: an atomic write removes its temporary file
    # Between tasks the worker holds nothing of its own, but may hold a lock of the pool's
    # queues: exit at once, as the default SIGTERM would, rather than unwind through the
    # pool's code and its exit handlers.
    os._exit(1)


def _call(function: Callable[[Item], Result], item: Item) -> Result:
    global _in_task
    _in_task = True
    try:
        return function(item)
    except KeyboardInterrupt:
        # Terminated by the main process: the writes in progress have cleaned up as the
        # interrupt unwound them; exit now instead of returning to take another task.
        os._exit(1)
    finally:
        _in_task = False
