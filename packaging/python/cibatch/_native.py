"""The C ABI of libcibatch.so.1 through ctypes: the library, the payload structs as the header
declares them (version 1 of each), and the functions' signatures. Only this module knows C."""
import ctypes
import ctypes.util
import os
from typing import Optional

c_char_p = ctypes.c_char_p
c_size_t = ctypes.c_size_t
c_int32 = ctypes.c_int32
c_int64 = ctypes.c_int64
c_uint32 = ctypes.c_uint32
c_uint64 = ctypes.c_uint64
c_void_p = ctypes.c_void_p

NUL_TERMINATED = ctypes.c_size_t(-1).value
POST_FORCE = 0x1


class BuildStatus(ctypes.Structure):
    _fields_ = [("version", c_uint32), ("repo", c_char_p), ("commit", c_char_p),
                ("key", c_char_p), ("state", c_int32), ("name", c_char_p), ("url", c_char_p),
                ("description", c_char_p), ("ref", c_char_p)]


class Comment(ctypes.Structure):
    _fields_ = [("version", c_uint32), ("repo", c_char_p), ("pr", c_int64), ("key", c_char_p),
                ("body", c_char_p)]


class Annotation(ctypes.Structure):
    _fields_ = [("version", c_uint32), ("id", c_char_p), ("path", c_char_p), ("line", c_int32),
                ("severity", c_int32), ("type", c_int32), ("summary", c_char_p),
                ("details", c_char_p), ("link", c_char_p)]


class ReportData(ctypes.Structure):
    _fields_ = [("version", c_uint32), ("title", c_char_p), ("type", c_int32),
                ("value", c_char_p)]


class Report(ctypes.Structure):
    _fields_ = [("version", c_uint32), ("repo", c_char_p), ("commit", c_char_p),
                ("id", c_char_p), ("title", c_char_p), ("result", c_int32),
                ("details", c_char_p), ("link", c_char_p), ("reporter", c_char_p),
                ("data", ctypes.POINTER(ctypes.POINTER(ReportData))), ("data_count", c_size_t),
                ("annotations", ctypes.POINTER(ctypes.POINTER(Annotation))),
                ("annotation_count", c_size_t)]


class Sonar(ctypes.Structure):
    _fields_ = [("version", c_uint32), ("repo", c_char_p), ("commit", c_char_p),
                ("pr", c_int64), ("id", c_char_p), ("issue_pages", ctypes.POINTER(c_char_p)),
                ("issue_page_count", c_size_t), ("gate", c_char_p), ("measures", c_char_p),
                ("sarif", c_char_p), ("server_url", c_char_p), ("dashboard_url", c_char_p)]


DELIVERY_CB = ctypes.CFUNCTYPE(None, c_void_p, c_void_p)
LOG_CB = ctypes.CFUNCTYPE(None, c_void_p, c_int32, c_char_p)

_ERR = [ctypes.c_char_p, c_size_t]  # errstr, errstr_size: the last two arguments of most calls

_SIGNATURES = {
    "cib_version_str": (c_char_p, []),
    "cib_status_name": (c_char_p, [c_int32]),
    "cib_status_str": (c_char_p, [c_int32]),
    "cib_status_is_retriable": (ctypes.c_int, [c_int32]),
    "cib_config_new": (c_int32, [ctypes.POINTER(c_void_p)] + _ERR),
    "cib_config_set": (c_int32, [c_void_p, c_char_p, c_char_p] + _ERR),
    "cib_config_load_yaml_file": (c_int32, [c_void_p, c_char_p] + _ERR),
    "cib_config_load_yaml_text": (c_int32, [c_void_p, c_char_p, c_size_t] + _ERR),
    "cib_config_destroy": (None, [c_void_p]),
    "cib_client_new": (c_int32, [ctypes.POINTER(c_void_p), c_void_p] + _ERR),
    "cib_client_destroy": (None, [c_void_p]),
    "cib_client_post_status": (c_int32, [c_void_p, ctypes.POINTER(BuildStatus), c_uint64,
                                         c_uint32] + _ERR),
    "cib_client_post_comment": (c_int32, [c_void_p, ctypes.POINTER(Comment), c_uint64,
                                          c_uint32] + _ERR),
    "cib_client_post_report": (c_int32, [c_void_p, ctypes.POINTER(Report), c_uint64,
                                         c_uint32] + _ERR),
    "cib_client_post_sonar": (c_int32, [c_void_p, ctypes.POINTER(Sonar), c_uint64,
                                        c_uint32] + _ERR),
    "cib_client_post_sonar_task": (c_int32, [c_void_p, c_char_p, c_char_p, c_int64, c_char_p,
                                             c_uint64, c_uint32] + _ERR),
    "cib_client_flush": (c_int32, [c_void_p, c_uint64, c_int32, ctypes.POINTER(c_size_t)] + _ERR),
    "cib_client_close": (c_int32, [c_void_p, ctypes.POINTER(c_size_t),
                                   ctypes.POINTER(c_size_t)] + _ERR),
    "cib_client_set_delivery_cb": (c_int32, [c_void_p, DELIVERY_CB, c_void_p] + _ERR),
    "cib_client_poll": (c_int32, [c_void_p, c_int32, ctypes.POINTER(c_size_t)] + _ERR),
    "cib_client_stats_json": (c_int32, [c_void_p, c_char_p, c_size_t,
                                        ctypes.POINTER(c_size_t)] + _ERR),
    "cib_client_budget_json": (c_int32, [c_void_p, c_char_p, c_size_t,
                                         ctypes.POINTER(c_size_t)] + _ERR),
    "cib_delivery_tag": (c_uint64, [c_void_p]),
    "cib_delivery_kind": (c_int32, [c_void_p]),
    "cib_delivery_repo": (c_char_p, [c_void_p]),
    "cib_delivery_commit": (c_char_p, [c_void_p]),
    "cib_delivery_pr": (c_int64, [c_void_p]),
    "cib_delivery_key": (c_char_p, [c_void_p]),
    "cib_delivery_outcome": (c_int32, [c_void_p]),
    "cib_delivery_http_status": (c_int32, [c_void_p]),
    "cib_delivery_message": (c_char_p, [c_void_p]),
}

_library: Optional[ctypes.CDLL] = None


def library() -> ctypes.CDLL:
    """libcibatch.so.1: $CIBATCH_LIBRARY when set, else the one the dynamic loader finds."""
    global _library
    if _library is None:
        path = os.environ.get("CIBATCH_LIBRARY") or ctypes.util.find_library("cibatch") \
            or "libcibatch.so.1"
        lib = ctypes.CDLL(path)
        for name, (restype, argtypes) in _SIGNATURES.items():
            function = getattr(lib, name)
            function.restype = restype
            function.argtypes = argtypes
        _library = lib
    return _library


def text(value: Optional[str]) -> Optional[bytes]:
    """A Python str (or None) as the UTF-8 bytes the library takes."""
    return None if value is None else value.encode("utf-8")
