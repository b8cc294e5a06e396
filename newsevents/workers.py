"""The local engine's worker processes: forked from a quiet process, renewed as they grow.

A worker's memory grows as it codes: spaCy's string store and tokenizer cache gain every new
word form, and malloc's arenas fragment (about 15 MB per 1,000 articles per worker on the
synthetic corpus, even with `memory.Trimmer`). Renewing a worker gives all that back, but a
new worker cannot be forked from the calling process: that process is the writer, and as it
changes its pages (DuckDB's buffers, the near-duplicate index, each batch's results) every
child it forked keeps its own copy of the old ones. So the processes are

    calling process: reads the sources, sends batches, writes the store
      └── zygote: forked once, holding the Coder; it only forks workers and replaces them
            ├── worker: codes batches, sends results; exits after `renew_after` batches
            └── worker: ...

Every worker shares the Coder's pages with the zygote and the calling process (copy-on-write;
the collector is frozen in all of them, so it does not touch them), and a fresh fork of the
zygote replaces a worker that has coded `renew_after` batches. A worker that dies (killed, out
of memory) fails the run with `WorkerError` instead of leaving it waiting. The zygote and the
workers ignore Ctrl-C (the calling process stops them) and die with their parent (Linux
`PR_SET_PDEATHSIG`).
"""

from __future__ import annotations

import atexit
import ctypes
import gc
import multiprocessing
import os
import pickle
import queue
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import date
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from multiprocessing.synchronize import Lock
from types import TracebackType
from typing import TYPE_CHECKING, Any

from .errors import WorkerError

if TYPE_CHECKING:
    from multiprocessing.queues import Queue

    from .models import Document, Skipped
    from .pipeline import Coded, Coder

RENEWED = 3  # a worker's exit code when it leaves to be replaced
STOP_SECONDS = 10  # how long a stopping zygote may take before it is killed

Task = tuple[int, "list[Document]", "date | None"]  # (job number, documents, publication date)
Result = tuple["int | None", Any]  # (job number, coded batch or its exception); None: a death


class Workers:
    """`count` worker processes coding batches with `coder`, in input order.

    A context manager: leaving it stops the zygote and every worker."""

    def __init__(self, coder: Coder, count: int, renew_after: int | None) -> None:
        context = multiprocessing.get_context("fork")
        self._tasks: Queue[Task] = context.Queue()  # its feeder thread: a put never blocks
        self._results, results_writer = context.Pipe(duplex=False)
        stop_reader, self._stop = context.Pipe(duplex=False)
        results_lock = context.Lock()
        # Until the workers stop, the objects that exist now (the Coder among them) stay out
        # of the collector, here as in the children: its passes would write to their pages,
        # and each page written is a page copied.
        gc.freeze()
        try:
            self._zygote = context.Process(
                target=_zygote, name="newsevents-zygote",
                args=(coder, count, renew_after, self._tasks, results_writer, results_lock,
                      stop_reader, self._stop))  # fmt: skip
            self._zygote.start()
        except BaseException:
            gc.unfreeze()
            raise
        results_writer.close()  # each end stays open only where it is used
        stop_reader.close()
        self._received: queue.SimpleQueue[Result] = queue.SimpleQueue()
        self._receiver = threading.Thread(target=self._drain, name="newsevents-results",
                                          daemon=True)
        self._receiver.start()
        # The zygote is not a daemon (a daemon may not fork): multiprocessing joins it at exit,
        # which would wait forever for a pool nobody closed. This runs first and stops it.
        atexit.register(self.close)

    def code(self, jobs: Iterable[tuple[list[Document], list[Skipped]]], published: date | None,
             read_ahead: int) -> Iterator[tuple[list[Coded], list[Skipped]]]:
        """Code every batch of `jobs`, at most `read_ahead` ahead of the one yielded; a batch
        whose coding raised raises here, in its turn."""
        waiting: deque[tuple[int, list[Skipped]]] = deque()
        done: dict[int, Any] = {}
        for number, (documents, skipped) in enumerate(jobs):
            self._tasks.put((number, documents, published))
            waiting.append((number, skipped))
            if len(waiting) >= read_ahead:
                yield self._next(waiting, done)
        while waiting:
            yield self._next(waiting, done)

    def _next(self, waiting: deque[tuple[int, list[Skipped]]], done: dict[int, Any]
              ) -> tuple[list[Coded], list[Skipped]]:
        number, skipped = waiting.popleft()
        while number not in done:
            key, result = self._received.get()
            if key is None:
                raise result
            done[key] = result
        result = done.pop(number)
        if isinstance(result, BaseException):
            raise result
        return result, skipped

    def _drain(self) -> None:
        """Take each result as soon as a worker sends it: a worker whose result fills the pipe
        would otherwise wait, idle, until this process is done storing."""
        while True:
            try:
                self._received.put(self._receive())
            except WorkerError as error:  # the zygote stopped: when told to, or not
                self._received.put((None, error))
                return

    def _receive(self) -> Result:
        wait([self._results, self._zygote.sentinel])
        if self._results.poll():
            try:
                data = self._results.recv_bytes()
            except EOFError:
                pass
            else:
                try:
                    return pickle.loads(data)  # type: ignore[no-any-return]
                except Exception as exc:  # its batch is unknown: waiting for it would hang
                    raise WorkerError(f"a worker's result could not be read: {exc!r}") from exc
        raise WorkerError(f"the worker processes stopped (exit code {self._zygote.exitcode})")

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Stop the zygote and its workers; again, or at exit, does nothing."""
        if self._stop.closed:
            return
        atexit.unregister(self.close)
        self._stop.close()  # the zygote reads EOF, stops its workers and exits
        self._zygote.join(STOP_SECONDS)
        if self._zygote.is_alive():
            self._zygote.kill()
            self._zygote.join()
        self._receiver.join()  # it ends on the zygote's exit
        self._tasks.cancel_join_thread()  # batches never sent are dropped, not waited for
        self._tasks.close()
        self._results.close()
        gc.unfreeze()


def _die_with_parent(name: bytes) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        prctl = ctypes.CDLL(None).prctl
    except (OSError, AttributeError):  # not Linux: the parent stops its children itself
        return
    parent = os.getppid()
    prctl(15, ctypes.c_char_p(name[:15]))  # PR_SET_NAME: what ps and /proc/PID/comm show
    prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the call
        os._exit(1)


def _zygote(coder: Coder, count: int, renew_after: int | None, tasks: Queue[Task],
            results: Connection, lock: Lock, stop: Connection, parents_end: Connection) -> None:
    parents_end.close()  # so that the parent's closing it reads here as EOF
    _die_with_parent(b"newsevents-zyg")
    context = multiprocessing.get_context("fork")
    live: dict[int, BaseProcess] = {}

    def start() -> None:
        worker = context.Process(target=_worker, args=(coder, renew_after, tasks, results, lock),
                                 name="newsevents-worker", daemon=True)
        worker.start()
        live[worker.sentinel] = worker

    for _ in range(count):
        start()
    while not stop.poll():  # readable when the parent closes its end, or dies
        for sentinel in wait([stop, *live]):
            if sentinel is stop:
                break
            worker = live.pop(sentinel)  # type: ignore[arg-type]
            worker.join()
            if worker.exitcode != RENEWED:
                _send(results, lock, (None, WorkerError(
                    f"a worker process died (exit code {worker.exitcode}); its batch is lost")))
            start()
    for worker in live.values():
        worker.terminate()  # idle, waiting for a batch: the parent has every result it wants
    for worker in live.values():
        worker.join()


def _worker(coder: Coder, renew_after: int | None, tasks: Queue[Task], results: Connection,
            lock: Lock) -> None:
    _die_with_parent(b"newsevents-wrk")
    coded = 0
    while renew_after is None or coded < renew_after:
        number, documents, published = tasks.get()
        try:
            result: Any = coder.process_documents(documents, published)
        except Exception as exc:  # raised in the calling process, in this batch's turn
            result = exc
        _send(results, lock, (number, result))
        coded += 1
    raise SystemExit(RENEWED)


def _send(results: Connection, lock: Lock, message: Result) -> None:
    try:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:
        data = pickle.dumps((message[0], WorkerError(f"a result could not be sent: {exc!r}")))
    with lock:
        results.send_bytes(data)
