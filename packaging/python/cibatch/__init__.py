"""cibatch from Python: post build statuses, pull-request comments, Code Insights reports and
SonarQube analyses through libcibatch.so.1, which coalesces, de-duplicates and batches them.

    with cibatch.Client("pipeline.yml") as client:
        client.post_status("acme/web", commit, "build", "SUCCESSFUL", tag=1)
        left = client.flush(tag=1, timeout=30.0)
        for report in client.poll():
            print(report.outcome, report.message)

Only the standard library is used (ctypes). The library is found as $CIBATCH_LIBRARY, else as
the dynamic loader finds libcibatch.so.1. Every call raises CibatchError with the library's
status and message when the library refuses it.
"""
from __future__ import annotations

import ctypes
import json
import threading
from typing import Iterable, List, Mapping, NamedTuple, Optional, Sequence, Tuple, Union

from . import _native
from ._native import text as _text

__all__ = ["Client", "CibatchError", "DeliveryReport", "Annotation", "ReportData",
           "library_version"]

_STATES = {"INPROGRESS": 0, "SUCCESSFUL": 1, "FAILED": 2, "STOPPED": 3}
_RESULTS = {"PASSED": 0, "FAILED": 1, "PENDING": 2}
_SEVERITIES = {"CRITICAL": 0, "HIGH": 1, "MEDIUM": 2, "LOW": 3}
_TYPES = {"BUG": 0, "VULNERABILITY": 1, "CODE_SMELL": 2}
_DATA_TYPES = {"TEXT": 0, "BOOLEAN": 1, "DATE": 2, "DURATION": 3, "LINK": 4, "NUMBER": 5,
               "PERCENTAGE": 6}
_KINDS = ("STATUS", "COMMENT", "REPORT")
_OUTCOMES = ("DELIVERED", "UNCHANGED", "SUPERSEDED", "FAILED")
_TIMED_OUT = 501
_UNDELIVERED = 502
_ERRSTR = 1024


class CibatchError(Exception):
    """A call the library refused: `status` (cib_status), `name` ("CIB_ERR_..."), `message`."""

    def __init__(self, status: int, message: str) -> None:
        lib = _native.library()
        self.status = status
        self.name = lib.cib_status_name(status).decode()
        self.message = message
        self.retriable = bool(lib.cib_status_is_retriable(status))
        super().__init__(f"{self.name}: {message}")


class DeliveryReport(NamedTuple):
    """What became of a post: kind STATUS, COMMENT or REPORT; outcome DELIVERED, UNCHANGED,
    SUPERSEDED or FAILED."""
    tag: int
    kind: str
    repo: str
    commit: str
    pr: int
    key: str
    outcome: str
    http_status: int
    message: str


class Annotation(NamedTuple):
    id: str
    summary: str
    path: Optional[str] = None
    line: int = 0
    severity: str = "MEDIUM"  # CRITICAL, HIGH, MEDIUM, LOW
    type: str = "BUG"  # BUG, VULNERABILITY, CODE_SMELL
    details: Optional[str] = None
    link: Optional[str] = None


class ReportData(NamedTuple):
    title: str
    value: str
    type: str = "TEXT"  # TEXT, BOOLEAN, DATE, DURATION, LINK, NUMBER, PERCENTAGE


def library_version() -> str:
    return _native.library().cib_version_str().decode()


def _choice(table: Mapping[str, int], value: Union[str, int], what: str) -> int:
    if isinstance(value, int):
        return value
    try:
        return table[value.upper()]
    except KeyError:
        raise ValueError(f"{what}: {value!r} is not one of {', '.join(table)}") from None


def _call(function, *args) -> int:
    """Runs a library call whose last two arguments are errstr and its size; raises on failure."""
    err = ctypes.create_string_buffer(_ERRSTR)
    status = function(*args, err, _ERRSTR)
    if status != 0:
        raise CibatchError(status, err.value.decode("utf-8", "replace"))
    return status


class Client:
    """One client of the library: opened from a YAML file (a file of its own or a pipeline file
    with a `cibatch:` section), YAML text, and/or single keys. Use it as a context manager, or
    call close(). Any thread may post and flush; poll() serves delivery reports on its own."""

    def __init__(self, config_file: Optional[str] = None, *, yaml_text: Optional[str] = None,
                 settings: Optional[Mapping[str, str]] = None) -> None:
        self._lib = _native.library()
        self._handle = ctypes.c_void_p()
        self._sink = threading.local()
        conf = ctypes.c_void_p()
        _call(self._lib.cib_config_new, ctypes.byref(conf))
        try:
            if config_file is not None:
                _call(self._lib.cib_config_load_yaml_file, conf, _text(config_file))
            if yaml_text is not None:
                data = _text(yaml_text)
                _call(self._lib.cib_config_load_yaml_text, conf, data, len(data))
            for key, value in (settings or {}).items():
                _call(self._lib.cib_config_set, conf, _text(key), _text(str(value)))
            _call(self._lib.cib_client_new, ctypes.byref(self._handle), conf)
        finally:
            self._lib.cib_config_destroy(conf)
        self._delivery_cb = _native.DELIVERY_CB(self._on_delivery)
        _call(self._lib.cib_client_set_delivery_cb, self._handle, self._delivery_cb, None)

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self) -> None:
        if getattr(self, "_handle", None):
            self._lib.cib_client_destroy(self._handle)
            self._handle = None

    # Posts ------------------------------------------------------------------------------------

    def post_status(self, repo: str, commit: str, key: str, state: Union[str, int], *,
                    name: Optional[str] = None, url: Optional[str] = None,
                    description: Optional[str] = None, ref: Optional[str] = None, tag: int = 0,
                    force: bool = False) -> None:
        s = _native.BuildStatus(1, _text(repo), _text(commit), _text(key),
                                _choice(_STATES, state, "state"), _text(name), _text(url),
                                _text(description), _text(ref))
        _call(self._lib.cib_client_post_status, self._live(), ctypes.byref(s), tag,
              _flags(force))

    def post_comment(self, repo: str, pr: int, key: str, body: str, *, tag: int = 0,
                     force: bool = False) -> None:
        c = _native.Comment(1, _text(repo), pr, _text(key), _text(body))
        _call(self._lib.cib_client_post_comment, self._live(), ctypes.byref(c), tag,
              _flags(force))

    def post_report(self, repo: str, commit: str, id: str, title: str,
                    result: Union[str, int], *, details: Optional[str] = None,
                    link: Optional[str] = None, reporter: Optional[str] = None,
                    data: Iterable[ReportData] = (), annotations: Iterable[Annotation] = (),
                    tag: int = 0, force: bool = False) -> None:
        rows = [_native.ReportData(1, _text(d.title), _choice(_DATA_TYPES, d.type, "data type"),
                                   _text(d.value)) for d in data]
        items = [_native.Annotation(1, _text(a.id), _text(a.path), a.line,
                                    _choice(_SEVERITIES, a.severity, "severity"),
                                    _choice(_TYPES, a.type, "type"), _text(a.summary),
                                    _text(a.details), _text(a.link)) for a in annotations]
        data_ptrs = _pointers(_native.ReportData, rows)
        item_ptrs = _pointers(_native.Annotation, items)
        r = _native.Report(1, _text(repo), _text(commit), _text(id), _text(title),
                           _choice(_RESULTS, result, "result"), _text(details), _text(link),
                           _text(reporter), data_ptrs, len(rows), item_ptrs, len(items))
        _call(self._lib.cib_client_post_report, self._live(), ctypes.byref(r), tag,
              _flags(force))

    def post_sonar(self, repo: str, commit: str, *, pr: int = 0, id: Optional[str] = None,
                   issue_pages: Sequence[str] = (), gate: Optional[str] = None,
                   measures: Optional[str] = None, sarif: Optional[str] = None,
                   server_url: Optional[str] = None, dashboard_url: Optional[str] = None,
                   tag: int = 0, force: bool = False) -> None:
        """A SonarQube analysis: the JSON texts of api/issues/search pages (with the gate and
        measures answers), or one SARIF 2.1.0 document."""
        pages = (ctypes.c_char_p * len(issue_pages))(*[_text(p) for p in issue_pages])
        s = _native.Sonar(1, _text(repo), _text(commit), pr, _text(id),
                          pages if issue_pages else None, len(issue_pages), _text(gate),
                          _text(measures), _text(sarif), _text(server_url), _text(dashboard_url))
        _call(self._lib.cib_client_post_sonar, self._live(), ctypes.byref(s), tag, _flags(force))

    def post_sonar_task(self, repo: str, commit: str, report_task: str, *, pr: int = 0,
                        tag: int = 0, force: bool = False) -> None:
        """Pull mode: the scanner's report-task.txt; the analysis is read from sonar.url."""
        _call(self._lib.cib_client_post_sonar_task, self._live(), _text(repo), _text(commit), pr,
              _text(report_task), tag, _flags(force))

    # Delivery ---------------------------------------------------------------------------------

    def flush(self, tag: int = 0, timeout: Optional[float] = None) -> int:
        """Sends what was posted with `tag` (0: everything) and waits up to `timeout` seconds
        (None: no limit) until it is settled. Returns how many slots are still unsettled (0:
        all); raises CibatchError for other failures."""
        left = ctypes.c_size_t(0)
        timeout_ms = -1 if timeout is None else max(0, min(int(timeout * 1000), 2**31 - 1))
        try:
            _call(self._lib.cib_client_flush, self._live(), tag, timeout_ms, ctypes.byref(left))
        except CibatchError as e:
            if e.status not in (_TIMED_OUT, _UNDELIVERED) or left.value == 0:
                raise
        return left.value

    def poll(self, timeout: float = 0.0) -> List[DeliveryReport]:
        """The delivery reports queued since the last poll, waiting up to `timeout` seconds for
        the first one."""
        self._sink.reports = []
        served = ctypes.c_size_t(0)
        try:
            _call(self._lib.cib_client_poll, self._live(), int(timeout * 1000),
                  ctypes.byref(served))
        finally:
            reports, self._sink.reports = self._sink.reports, None
        return reports

    def stats(self) -> dict:
        return json.loads(self._json(self._lib.cib_client_stats_json))

    def budget(self) -> dict:
        return json.loads(self._json(self._lib.cib_client_budget_json))

    def close(self) -> Tuple[int, int]:
        """Delivers for at most shutdown.timeout_ms and closes. Returns the slots left (kept in
        the spool) and how many of them are gating. Later calls return (0, 0)."""
        if not self._handle:
            return (0, 0)
        left, gating = ctypes.c_size_t(0), ctypes.c_size_t(0)
        err = ctypes.create_string_buffer(_ERRSTR)
        self._lib.cib_client_close(self._handle, ctypes.byref(left), ctypes.byref(gating), err,
                                   _ERRSTR)
        self._lib.cib_client_destroy(self._handle)
        self._handle = None
        return (left.value, gating.value)

    # ------------------------------------------------------------------------------------------

    def _live(self) -> ctypes.c_void_p:
        if not self._handle:
            raise CibatchError(503, "the client is closed")
        return self._handle

    def _json(self, function) -> str:
        needed = ctypes.c_size_t(0)
        size = 4096
        while True:
            buf = ctypes.create_string_buffer(size)
            err = ctypes.create_string_buffer(_ERRSTR)
            status = function(self._live(), buf, size, ctypes.byref(needed), err, _ERRSTR)
            if status == 0:
                return buf.value.decode("utf-8")
            if needed.value <= size:
                raise CibatchError(status, err.value.decode("utf-8", "replace"))
            size = needed.value

    def _on_delivery(self, _opaque, delivery) -> None:
        sink = getattr(self._sink, "reports", None)
        if sink is None:
            return
        lib = self._lib
        kind = lib.cib_delivery_kind(delivery)
        outcome = lib.cib_delivery_outcome(delivery)
        sink.append(DeliveryReport(
            tag=lib.cib_delivery_tag(delivery),
            kind=_KINDS[kind] if 0 <= kind < len(_KINDS) else str(kind),
            repo=lib.cib_delivery_repo(delivery).decode(),
            commit=lib.cib_delivery_commit(delivery).decode(),
            pr=lib.cib_delivery_pr(delivery),
            key=lib.cib_delivery_key(delivery).decode(),
            outcome=_OUTCOMES[outcome] if 0 <= outcome < len(_OUTCOMES) else str(outcome),
            http_status=lib.cib_delivery_http_status(delivery),
            message=lib.cib_delivery_message(delivery).decode()))


def _flags(force: bool) -> int:
    return _native.POST_FORCE if force else 0


def _pointers(struct, items):
    """A C array of pointers to `items` (kept alive by the array's _objects), or None."""
    if not items:
        return None
    array = (ctypes.POINTER(struct) * len(items))(*[ctypes.pointer(i) for i in items])
    return ctypes.cast(array, ctypes.POINTER(ctypes.POINTER(struct)))
