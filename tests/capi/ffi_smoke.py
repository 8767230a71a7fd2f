#!/usr/bin/env python3
"""Loads libcibatch.so.1 through ctypes, as any FFI would, and drives it end to end without
macros: the _init() functions fill the payload structs. Usage: ffi_smoke.py LIBRARY

No host listens on the configured port, so the post stays pending; the script checks that
every call answers with the status the header promises and that destroy returns."""
import ctypes
import sys


class BuildStatus(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("repo", ctypes.c_char_p),
                ("commit", ctypes.c_char_p), ("key", ctypes.c_char_p),
                ("state", ctypes.c_int32), ("name", ctypes.c_char_p),
                ("url", ctypes.c_char_p), ("description", ctypes.c_char_p),
                ("ref", ctypes.c_char_p)]


def main(path):
    lib = ctypes.CDLL(path)
    err = ctypes.create_string_buffer(512)
    size = ctypes.c_size_t(len(err))
    failures = []
    checks = [0]

    def check(what, status, want=0):
        checks[0] += 1
        if status != want:
            failures.append(f"{what}: got {status}, want {want}: {err.value.decode()}")

    def expect(what, ok):
        checks[0] += 1
        if not ok:
            failures.append(what)

    lib.cib_version_str.restype = ctypes.c_char_p
    expect("cib_version_str: a 1.x version", lib.cib_version_str().startswith(b"1."))

    conf = ctypes.c_void_p()
    check("cib_config_new", lib.cib_config_new(ctypes.byref(conf), err, size))
    for key, value in [(b"host.kind", b"bitbucket-cloud"),
                       (b"host.api_url", b"http://127.0.0.1:9/2.0"),
                       (b"host.auth.token", b"ffi-test"),
                       (b"shutdown.timeout_ms", b"200"),
                       (b"spool.sync", b"off")]:
        check(f"cib_config_set {key.decode()}", lib.cib_config_set(conf, key, value, err, size))
    check("cib_config_set unknown key",
          lib.cib_config_set(conf, b"no.such.key", b"1", err, size), 102)
    # Text of a given length (a bytes object holds no NUL of its own), and NUL-terminated text
    # with CIB_NUL_TERMINATED hard-coded as SIZE_MAX.
    text = b"cibatch: {batching: {linger_ms: 40}}"
    lib.cib_config_load_yaml_text.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
                                              ctypes.c_char_p, ctypes.c_size_t]
    check("cib_config_load_yaml_text with a length",
          lib.cib_config_load_yaml_text(conf, text, len(text), err, size))
    check("cib_config_load_yaml_text NUL-terminated",
          lib.cib_config_load_yaml_text(conf, text, ctypes.c_size_t(-1).value, err, size))

    client = ctypes.c_void_p()
    check("cib_client_new", lib.cib_client_new(ctypes.byref(client), conf, err, size))
    lib.cib_config_destroy(conf)

    status = BuildStatus()
    check("cib_build_status_init", lib.cib_build_status_init(ctypes.byref(status), 1, err, size))
    status.repo, status.key = b"acme/web", b"build"
    status.commit = b"3f2c6b1e9a0d4c8b7e5f2a1d0c9b8a7f6e5d4c3b"
    status.state = 1  # CIB_STATE_SUCCESSFUL
    check("cib_client_post_status",
          lib.cib_client_post_status(client, ctypes.byref(status), ctypes.c_uint64(7), 0, err,
                                     size))
    status.state = 42
    check("cib_client_post_status with a bad state",
          lib.cib_client_post_status(client, ctypes.byref(status), ctypes.c_uint64(7), 0, err,
                                     size), 100)
    expect("the bad-state message names the field", b"state" in err.value)

    left = ctypes.c_size_t()
    check("cib_client_flush", lib.cib_client_flush(client, ctypes.c_uint64(7), 50,
                                                   ctypes.byref(left), err, size), 502)
    expect("a gating update left is CIB_ERR_UNDELIVERED, counted in the message",
           b"1 of them gating" in err.value)
    expect(f"cib_client_flush: {left.value} left, want 1", left.value == 1)
    lib.cib_client_destroy(client)

    for failure in failures:
        print("FAIL:", failure)
    print(f"{checks[0] - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
