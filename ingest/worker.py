"""Reading and interpreting one file in a worker process whose memory and time are limited.

A file is untrusted input: a decompression bomb or a hostile PDF could otherwise take the machine's memory
or never end. So each file is read and interpreted (`extract_file`) in a worker process of its own, its
address space limited with `resource.setrlimit` and killed at its deadline; it sends back the parsed
document and its facts, and the one writer (ingest.pipeline) stores them. A worker that runs out of memory
or time costs one refusal, and the next file still goes in.

Workers are forked by a small server, `python -m ingest.worker`: a fresh interpreter with the readers and
layouts imported, started when first needed and serving the whole process. A worker thus starts in
milliseconds, and shares nothing with the writer (its warehouse connection, its threads, a dashboard's
script). The protocol, over the server's standard input and output, is length-prefixed pickles: the
writer sends (request id, path, limits, the name of the layout forced or None); the server forks a worker
at once and answers (request id, "started", pid), then, when that worker ends, (request id, "finished",
wait status, the worker's message, its peak memory in KB). So one server runs as many workers at once as
the writer asks for (a parallel ingest asks from several threads, ingest.pipeline), their imports paid
once, and there is still one writer.
"""
from __future__ import annotations

import atexit
import importlib
import itertools
import os
import pickle
import queue
import resource
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ingest.limits import ReadLimits
from ingest.readers import UnreadableFile, read_document

if TYPE_CHECKING:
    from ingest.model import Extraction, ParsedDocument

_ROOT = Path(__file__).resolve().parents[1]
# What the server imports once, rather than every worker, when the first file of a kind comes: its readers
# (read_document imports them lazily). Not before: a folder without workbooks never pays for openpyxl (and
# numpy, which it imports), nor one without PDFs for pdfplumber.
_TEXT_READERS = ("ingest.readers.text", "ingest.readers.flattened")
PRELOAD = {".pdf": ("ingest.readers.pdf",), ".xlsx": ("ingest.readers.xlsx", "openpyxl"), ".txt": _TEXT_READERS,
           ".md": _TEXT_READERS}
_FRAME = struct.Struct("!Q")  # the length of the pickle that follows
# CPU seconds a worker may use past its deadline before the kernel stops it; a backstop for a worker whose
# writer was killed (a live writer kills a late worker itself).
_CPU_GRACE = 10
# The longest wait the clocks and the kernel take (a year); a longer time limit means no limit.
_LONGEST_WAIT = 365 * 24 * 3600


def extract_file(path: Path, limits: ReadLimits = ReadLimits(),
                 layout: str | None = None) -> tuple[ParsedDocument, Extraction]:
    """Read and interpret a file without touching the warehouse, in this process (limited only by the
    readers' own limits), by the layout named `layout` (UnknownLayout for none; a file of a format it does
    not take is refused before it is read), else by the layout that recognises it (ingest.layouts.interpret).
    The readers' notes come first among the extraction's messages."""
    from ingest.layouts import interpret, layout_named  # here, not at the top: see serve()

    forced = layout_named(layout) if layout is not None else None
    if forced is not None and path.suffix.lower().lstrip(".") not in forced.formats:
        raise UnreadableFile(f"the layout {forced.name!r} does not read {path.suffix or 'extensionless'} files "
                             f"(it reads {', '.join('.' + name for name in forced.formats)})")
    notes: list[str] = []
    doc = read_document(path, limits, notes)
    extraction = interpret(doc, forced)
    extraction.messages[:0] = notes
    return doc, extraction


# --------------------------------------------------------------------------- frames

def _send(stream: BinaryIO, message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_FRAME.pack(len(data)))
    stream.write(data)
    stream.flush()


def _read_exactly(stream: BinaryIO, size: int) -> bytes:
    parts, left = [], size
    while left:
        part = stream.read(left)
        if not part:
            raise EOFError("the stream ended inside a message")
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def _receive(stream: BinaryIO) -> object:
    (size,) = _FRAME.unpack(_read_exactly(stream, _FRAME.size))
    return pickle.loads(_read_exactly(stream, size))


# --------------------------------------------------------------------------- the server and its workers

@dataclass
class _Frames:
    """Messages read from a file descriptor as they come: the server waits on its requests and its workers
    at once (select), so it reads what is there, never a blocking whole message."""

    buffer: bytearray = field(default_factory=bytearray)

    def feed(self, data: bytes) -> list[object]:
        self.buffer += data
        messages = []
        while len(self.buffer) >= _FRAME.size:
            (size,) = _FRAME.unpack_from(self.buffer)
            if len(self.buffer) < _FRAME.size + size:
                break
            messages.append(pickle.loads(self.buffer[_FRAME.size:_FRAME.size + size]))
            del self.buffer[:_FRAME.size + size]
        return messages


@dataclass
class _Running:
    request_id: int
    pid: int
    message: bytearray = field(default_factory=bytearray)


def serve() -> None:
    """Fork a worker for each (request id, path, limits, layout) request on standard input, at once, and
    answer for each when it ends, until the writer closes its end; then the workers still running are
    stopped (their writer is gone). The replies keep standard output to themselves: whatever else anything
    prints goes to /dev/null."""
    # The layouts (and the warehouse modules they import) are imported here, not when this module is: so
    # `python -m ingest` starts the server before it imports them itself, and both import at once.
    from ingest.layouts import all_layouts

    all_layouts()
    requests, replies = os.dup(0), os.fdopen(os.dup(1), "wb")
    nowhere = os.open(os.devnull, os.O_RDWR)
    os.dup2(nowhere, 0)
    os.dup2(nowhere, 1)
    frames = _Frames()
    running: dict[int, _Running] = {}  # by the read end of the worker's pipe
    while True:
        ready, _, _ = select.select([requests, *running], [], [])
        for fd in ready:
            data = os.read(fd, 1 << 20)
            if fd == requests:
                if not data:
                    for worker in running.values():
                        os.kill(worker.pid, signal.SIGKILL)
                    return
                for request_id, path, limits, layout in frames.feed(data):
                    for module in PRELOAD.get(path.suffix.lower(), ()):
                        importlib.import_module(module)
                    read_end, pid = _fork_worker(path, limits, layout, requests, replies)
                    running[read_end] = _Running(request_id, pid)
                    _send(replies, (request_id, "started", pid))
            elif data:
                running[fd].message += data
            else:
                worker = running.pop(fd)
                os.close(fd)
                _, status, usage = os.wait4(worker.pid, 0)
                _send(replies, (worker.request_id, "finished", status, bytes(worker.message), usage.ru_maxrss))


def _fork_worker(path: Path, limits: ReadLimits, layout: str | None, requests: int,
                 replies: BinaryIO) -> tuple[int, int]:
    """A worker for one file: the read end of its pipe and its pid."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        os.close(requests)
        replies.close()
        _work(path, limits, layout, write_end)  # never returns
    os.close(write_end)
    return read_end, pid


def _work(path: Path, limits: ReadLimits, layout: str | None, fd: int) -> None:
    """The worker: limit itself, read the file, write back what it found or why it could not, exit."""
    code = 0
    try:
        _lower_limit(resource.RLIMIT_AS, limits.memory_bytes)
        _lower_limit(resource.RLIMIT_CPU, int(min(limits.seconds, _LONGEST_WAIT)) + _CPU_GRACE)
        try:
            message = pickle.dumps(("read", extract_file(path, limits, layout)), protocol=pickle.HIGHEST_PROTOCOL)
        except UnreadableFile as exc:
            message = pickle.dumps(("refused", str(exc)))
        except MemoryError:
            message = pickle.dumps(("refused", _out_of_memory(limits)))
        except RecursionError:
            message = pickle.dumps(("refused", "nested too deeply to be read (a damaged or hostile file)"))
        except Exception as exc:  # a layout bug must not stop the other files nor leave a half document
            first = (str(exc).strip().splitlines() or [""])[0][:200]
            message = pickle.dumps(("refused", f"could not be interpreted ({type(exc).__name__}: {first})"))
        with os.fdopen(fd, "wb") as out:
            out.write(message)
    except BaseException:
        code = 1  # nothing written: the writer reports the exit status
    finally:
        os._exit(code)


def _lower_limit(which: int, value: int) -> None:
    """Lower a resource limit to `value`; one already lower (a `ulimit` of the user's) stays."""
    soft, hard = resource.getrlimit(which)
    value = min(value, 2**62 if hard == resource.RLIM_INFINITY else hard)
    if soft == resource.RLIM_INFINITY or value < soft:
        resource.setrlimit(which, (value, hard))


def _out_of_memory(limits: ReadLimits) -> str:
    return f"reading it takes more than the memory limit of {limits.memory_mb:g} MB (--memory-mb): stopped"


def _time_out(limits: ReadLimits) -> str:
    return f"reading it took longer than the time limit of {limits.seconds:g} s (--time-limit): stopped"


class WorkerServer:
    """The writer's side: starts the server when first needed (again if it died), hands it files from any
    number of threads at once, each waiting for its own answer, and enforces the time limit."""

    def __init__(self) -> None:
        self._process: subprocess.Popen | None = None
        self._lock = threading.Lock()  # one thread at a time starts the server or writes a request
        # Each request's answers by its id, with the server it went to.
        self._answers: dict[int, tuple[subprocess.Popen, queue.SimpleQueue]] = {}
        self._ids = itertools.count()
        self.peak_mb = 0.0  # the largest peak memory (resident) of a worker so far

    def _server(self) -> subprocess.Popen:
        if self._process is None or self._process.poll() is not None:
            path = os.pathsep.join(filter(None, [str(_ROOT), os.environ.get("PYTHONPATH")]))
            # OPENBLAS_NUM_THREADS: numpy (imported by the PDF readers) in a single thread, so forking is safe.
            env = {**os.environ, "PYTHONPATH": path, "OPENBLAS_NUM_THREADS": "1"}
            # The server's own messages (a parser's warnings) are not the writer's output.
            self._process = subprocess.Popen([sys.executable, "-m", "ingest.worker"], stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
            threading.Thread(target=self._hand_out, args=(self._process,), daemon=True).start()
        return self._process

    def _hand_out(self, process: subprocess.Popen) -> None:
        """Give each answer of the server to the request it is for; when the server stops, tell every
        request still waiting (None)."""
        try:
            while True:
                request_id, *answer = _receive(process.stdout)
                waiting = self._answers.get(request_id)
                if waiting is not None:  # else a request given up on (its sending failed)
                    waiting[1].put(answer)
        except (EOFError, OSError, ValueError, pickle.UnpicklingError):
            pass
        with self._lock:
            if self._process is process:
                self._process = None
            waiting = [answers for server, answers in self._answers.values() if server is process]
        for answers in waiting:
            answers.put(None)

    def extract(self, path: Path, limits: ReadLimits,
                layout: str | None = None) -> tuple[ParsedDocument, Extraction]:
        """`extract_file(path, limits, layout)` in a worker; raises UnreadableFile (one line) when the file was
        refused or the worker ran out of time or memory. Safe to call from several threads at once."""
        answers: queue.SimpleQueue = queue.SimpleQueue()
        request_id = next(self._ids)
        try:
            # The server has its own folder.
            return self._extract(request_id, answers, Path(path).absolute(), limits, layout)
        finally:
            self._answers.pop(request_id, None)

    def _extract(self, request_id: int, answers: queue.SimpleQueue, path: Path, limits: ReadLimits,
                 layout: str | None) -> tuple[ParsedDocument, Extraction]:
        stopped = UnreadableFile("the reading process stopped before it had read the file")
        try:
            with self._lock:
                server = self._server()
                self._answers[request_id] = (server, answers)
                _send(server.stdin, (request_id, path, limits, layout))
        except OSError:
            self.close()
            raise stopped from None
        started = answers.get()
        if started is None:
            raise stopped
        began = time.monotonic()
        try:
            finished = answers.get(timeout=min(limits.seconds, _LONGEST_WAIT))
            late = False
        except queue.Empty:
            late = True
            os.kill(started[1], signal.SIGKILL)
            finished = answers.get()
        if finished is None:
            raise stopped
        _, status, message, peak_kb = finished
        self.peak_mb = max(self.peak_mb, peak_kb / 1024)
        if late or (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU):
            raise UnreadableFile(_time_out(limits))
        if os.WIFSIGNALED(status):
            raise UnreadableFile(f"the reader stopped ({signal.Signals(os.WTERMSIG(status)).name}) after "
                                 f"{time.monotonic() - began:.1f} s; most likely it ran out of the memory "
                                 f"limit of {limits.memory_mb:g} MB (--memory-mb)")
        if os.waitstatus_to_exitcode(status) != 0 or not message:
            raise UnreadableFile(f"the reader stopped (exit status {os.waitstatus_to_exitcode(status)}) "
                                 "before it had read the file")
        kind, payload = pickle.loads(message)
        if kind == "refused":
            raise UnreadableFile(payload)
        return payload

    def close(self) -> None:
        with self._lock:
            process, self._process = self._process, None
        if process is None:
            return
        try:
            process.stdin.close()
        except OSError:
            pass
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# One server for the process, started on first use; it ends when the process does (its standard input
# closes), or when closed at exit.
_SERVER = WorkerServer()
atexit.register(_SERVER.close)


def start_worker_server() -> None:
    """Start the server now rather than for the first file, so that its imports and rules load while this
    process does other work (on another core)."""
    with _SERVER._lock:
        _SERVER._server()


def extract_in_worker(path: Path, limits: ReadLimits,
                      layout: str | None = None) -> tuple[ParsedDocument, Extraction]:
    """`extract_file(path, limits, layout)` in a worker process limited by `limits` (see
    WorkerServer.extract)."""
    return _SERVER.extract(path, limits, layout)


def stop_workers() -> None:
    """Stop the server and every worker it runs (each read under way is refused, as the server stopped);
    the next read starts a new server."""
    _SERVER.close()


def worker_peak_mb() -> float:
    """The largest peak memory of a worker of this process so far, in MB (for the benchmarks)."""
    return _SERVER.peak_mb


if __name__ == "__main__":
    serve()
