"""Score a roll-up's records on every core of the machine (the CLI; Pyodide uses one thread).

The records stream in, in tasks of about a megabyte (a block of JSON Lines, or some files),
to a pool of processes that each hold the rubric; results come back in input order, so the
roll-up is the same as scoring them one by one. At most a few tasks are in flight at a time,
so a large JSON Lines file is never read ahead whole.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from typing import TYPE_CHECKING

from ..model import Rubric
from .collect import Broken, score_records
from .rowstore import Row
from .sources import Lines, Source, Unreadable

if TYPE_CHECKING:
    from concurrent.futures import Future

TASK_BYTES = 1 << 20  # a task: large enough that sending it costs little beside scoring it
_rubric: Rubric | None = None  # each worker process's own copy, set once when it starts


def _start(rubric: Rubric) -> None:
    global _rubric
    _rubric = rubric


def _score_task(task: list[Source]) -> list[Row | Broken]:
    assert _rubric is not None
    return list(score_records(task, _rubric))


def default_jobs() -> int:
    return 1 if sys.platform == "emscripten" else max(1, min(os.cpu_count() or 1, 8))


def score_all(sources: Iterable[Source], rubric: Rubric, jobs: int | None = None) -> Iterator[Row | Broken]:
    """Every record scored, in input order, on `jobs` processes (default: one per core)."""
    jobs = default_jobs() if jobs is None else jobs
    tasks = _tasks(sources)
    first = list(islice(tasks, 2))
    if jobs <= 1 or len(first) < 2:  # a small collection: starting processes costs more
        for task in chain(first, tasks):
            yield from score_records(task, rubric)
        return
    import multiprocessing  # neither is in Pyodide's stdlib build: imported here
    from concurrent.futures import ProcessPoolExecutor

    # Not fork: a caller with threads of its own (a test runner, a server) could leave a lock held in
    # the child. The workers start from a clean server process and receive the rubric once each.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start, initargs=(rubric,)) as pool:
        pending: deque[Future[list[Row | Broken]]] = deque()
        for task in chain(first, tasks):
            pending.append(pool.submit(_score_task, task))
            if len(pending) > 2 * jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _size(source: Source) -> int:
    if isinstance(source, Lines):
        return len(source.data)
    return 1 if isinstance(source[1], Unreadable) else len(source[1])


def _tasks(sources: Iterable[Source]) -> Iterator[list[Source]]:
    """The sources in order, grouped into tasks of about TASK_BYTES."""
    task: list[Source] = []
    size = 0
    for source in sources:
        task.append(source)
        size += _size(source)
        if size >= TASK_BYTES:
            yield task
            task, size = [], 0
    if task:
        yield task
