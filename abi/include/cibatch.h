/*
 * cibatch.h - the C ABI of libcibatch.so.1
 *
 * cibatch posts build statuses, pull-request comments and Code Insights reports to code hosts,
 * coalescing, de-duplicating and batching them so that a pipeline spends the fewest requests
 * its host allows.
 *
 * Conventions (they hold for every function below):
 * - Handles are opaque: cib_config (a builder used by one thread at a time) and cib_client
 *   (thread-safe). Constructors take the out-parameter first.
 * - Every fallible function returns a cib_status and ends with (char *errstr, size_t
 *   errstr_size). On failure a sentence saying what was wrong, where and what to do is written
 *   there, always NUL-terminated and silently truncated, never inside a character; errstr may
 *   be NULL and errstr_size 0. On success errstr is set to "".
 * - Strings passed in are UTF-8, borrowed for the duration of the call only and copied before it
 *   returns. Strings returned are static or owned by the handle that returned them; the library
 *   never returns memory the caller must free. The strings of errstr and of the callbacks are
 *   well-formed UTF-8; bytes that are not (in a host's answer, say) become U+FFFD.
 * - A string ends at its first NUL byte: no string can carry U+0000, and whatever follows a NUL
 *   is silently not seen. Bindings cut there too: Python ctypes' c_char_p stops at the NUL of a
 *   bytes object; a JNI binding that uses GetStringUTFChars gets modified UTF-8, where U+0000 is
 *   0xC0 0x80 and a character beyond U+FFFF a pair of surrogates, and the library refuses both
 *   as invalid UTF-8 (CIB_ERR_INVALID_ARGUMENT): encode with String.getBytes(UTF_8) instead and
 *   pass a NUL-terminated copy. Strings handed out use standard UTF-8 (four bytes beyond
 *   U+FFFF), which is not modified UTF-8: decode them as bytes, not with NewStringUTF, where
 *   they may hold such characters.
 * - Payload structs start with a uint32_t version. Initialise them with the positional _INIT
 *   macro or the _init() function (for FFIs that cannot expand macros). Fields are only ever
 *   appended; enums stored in structs are int32_t. Arrays of structs are arrays of pointers.
 * - No exception, abort, exit or signal crosses this boundary, whatever the input.
 * - Every *_destroy function accepts NULL.
 */
#ifndef CIBATCH_H
#define CIBATCH_H

#include <stddef.h>
#include <stdint.h>

#include "cibatch_version.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define CIB_API __attribute__((visibility("default")))
#else
#define CIB_API
#endif

/* ---------------------------------------------------------------------------------------------
 * Versions
 * ------------------------------------------------------------------------------------------- */

/* The run-time library version as CIB_VERSION_NUM encodes it (major * 10000 + minor * 100 +
 * patch). Any thread; cannot fail. */
CIB_API uint32_t cib_version(void);

/* The run-time library version as "MAJOR.MINOR.PATCH". Static string. Any thread. */
CIB_API const char* cib_version_str(void);

/* ---------------------------------------------------------------------------------------------
 * Status codes. Values are pinned and only ever added to. Groups: 0 ok; 1xx argument and
 * configuration; 2xx transport; 3xx the host answered; 4xx spool; 5xx budget and state.
 * ------------------------------------------------------------------------------------------- */
typedef enum cib_status {
  CIB_OK = 0,

  CIB_ERR_INVALID_ARGUMENT = 100,     /* a NULL, empty, over-long or malformed argument */
  CIB_ERR_UNSUPPORTED_VERSION = 101,  /* a payload struct version this library does not know */
  CIB_ERR_CONFIG_UNKNOWN_KEY = 102,   /* no such configuration key */
  CIB_ERR_CONFIG_INVALID_VALUE = 103, /* a value of the wrong type or out of range */
  CIB_ERR_CONFIG_LOCKED = 104,        /* the administrator's file locks this key */
  CIB_ERR_CONFIG_SYNTAX = 105,        /* YAML that does not parse, or a file that can't be read */
  CIB_ERR_CONFIG_MISSING = 106,       /* a required key is not set */
  CIB_ERR_BUFFER_TOO_SMALL = 107,     /* the caller's buffer is too small; see *needed_out */

  CIB_ERR_TRANSPORT = 200, /* connection refused, reset or dropped */
  CIB_ERR_TLS = 201,       /* TLS handshake or certificate verification failed */
  CIB_ERR_TIMEOUT = 202,   /* connect or read timed out */

  CIB_ERR_HOST_REJECTED = 300,    /* the host refused the request (4xx other than below) */
  CIB_ERR_AUTH = 301,             /* the host refused the credential (401/403) */
  CIB_ERR_RATE_LIMITED = 302,     /* the host answered 429 */
  CIB_ERR_HOST_UNAVAILABLE = 303, /* the host answered 5xx */

  CIB_ERR_SPOOL = 400,         /* the durable spool could not be used (the message says why) */
  CIB_ERR_SPOOL_DAMAGED = 401, /* since 1.1: not a SQLite file, or damaged: cibatch spool repair */
  CIB_ERR_SPOOL_NEWER = 402,   /* since 1.1: written by a newer cibatch; nothing was changed */
  CIB_ERR_SPOOL_FULL = 403,    /* since 1.1: disk full or spool.max_mb reached; not accepted */
  CIB_ERR_SPOOL_READ_ONLY = 404, /* since 1.1: the spool file or its filesystem is read-only */
  CIB_ERR_BUDGET = 405,          /* since 1.2: the budget file or Redis could not be used */

  CIB_ERR_QUEUE_FULL = 500,  /* batching.max_pending updates are already waiting */
  CIB_ERR_TIMED_OUT = 501,   /* flush or poll ran out of time with work left */
  CIB_ERR_UNDELIVERED = 502, /* flush or destroy ended with gating updates undelivered */
  CIB_ERR_CLOSED = 503,      /* the client is shutting down */
  CIB_ERR_FORKED = 504,      /* called in a child process after fork() */
  CIB_ERR_REENTRY = 505,     /* called from inside a callback of the same client */
  CIB_ERR_INTERNAL = 599     /* a bug: please report the message */
} cib_status;

/* The enumerator's name ("CIB_ERR_QUEUE_FULL"); "CIB_UNKNOWN" for other values. Static. */
CIB_API const char* cib_status_name(cib_status status);

/* A short English description of the status. Static. */
CIB_API const char* cib_status_str(cib_status status);

/* 1 when trying the same call later can succeed (transport, rate limit, queue full, timed out),
 * 0 otherwise. */
CIB_API int cib_status_is_retriable(cib_status status);

/* ---------------------------------------------------------------------------------------------
 * Enumerations used in payloads (stored as int32_t).
 * ------------------------------------------------------------------------------------------- */
typedef enum cib_state {
  CIB_STATE_INPROGRESS = 0,
  CIB_STATE_SUCCESSFUL = 1,
  CIB_STATE_FAILED = 2,
  CIB_STATE_STOPPED = 3
} cib_state;

typedef enum cib_report_result {
  CIB_RESULT_PASSED = 0,
  CIB_RESULT_FAILED = 1,
  CIB_RESULT_PENDING = 2
} cib_report_result;

typedef enum cib_severity {
  CIB_SEVERITY_CRITICAL = 0,
  CIB_SEVERITY_HIGH = 1,
  CIB_SEVERITY_MEDIUM = 2,
  CIB_SEVERITY_LOW = 3
} cib_severity;

typedef enum cib_finding_type {
  CIB_FINDING_BUG = 0,
  CIB_FINDING_VULNERABILITY = 1,
  CIB_FINDING_CODE_SMELL = 2
} cib_finding_type;

typedef enum cib_data_type {
  CIB_DATA_TEXT = 0,
  CIB_DATA_BOOLEAN = 1,
  CIB_DATA_DATE = 2,
  CIB_DATA_DURATION = 3,
  CIB_DATA_LINK = 4,
  CIB_DATA_NUMBER = 5,
  CIB_DATA_PERCENTAGE = 6
} cib_data_type;

/* ---------------------------------------------------------------------------------------------
 * Payloads. All strings are borrowed for the call. Optional strings may be NULL or "".
 *
 * CIB_PATH_RULES: repo, commit, report id and annotation id become parts of request paths, so a
 * post is refused with CIB_ERR_INVALID_ARGUMENT (naming the field) when a proxy or server that
 * normalises paths could read them as another path: every '/'-separated part of repo, and the
 * commit (which holds no '/'), must be non-empty, not "." or "..", and hold no control character,
 * '?', '#', '%' or '\'; a report id or annotation id must not be "." or "..". A provider may
 * refuse more at delivery (Bitbucket Cloud: workspace/slug characters, 7 to 40 hex digits).
 * ------------------------------------------------------------------------------------------- */
#define CIB_BUILD_STATUS_VERSION 1u
typedef struct cib_build_status {
  uint32_t version;        /* CIB_BUILD_STATUS_VERSION */
  const char* repo;        /* "owner/name", required; see CIB_PATH_RULES */
  const char* commit;      /* full commit id, required; see CIB_PATH_RULES */
  const char* key;         /* status key, unique per commit, required */
  int32_t state;           /* cib_state */
  const char* name;        /* optional display name */
  const char* url;         /* optional link to the build */
  const char* description; /* optional */
  const char* ref;         /* optional ref name (branch) */
} cib_build_status;
#define CIB_BUILD_STATUS_INIT \
  { CIB_BUILD_STATUS_VERSION, NULL, NULL, NULL, CIB_STATE_INPROGRESS, NULL, NULL, NULL, NULL }

#define CIB_COMMENT_VERSION 1u
typedef struct cib_comment {
  uint32_t version; /* CIB_COMMENT_VERSION */
  const char* repo; /* required */
  int64_t pr;       /* pull request number, > 0 */
  const char* key;  /* comment key: one comment per key and PR, required */
  const char* body; /* Markdown, required */
} cib_comment;
#define CIB_COMMENT_INIT \
  { CIB_COMMENT_VERSION, NULL, 0, NULL, NULL }

#define CIB_ANNOTATION_VERSION 1u
typedef struct cib_annotation {
  uint32_t version;    /* CIB_ANNOTATION_VERSION */
  const char* id;      /* unique within the report, required; see CIB_PATH_RULES */
  const char* path;    /* file path in the repository, optional */
  int32_t line;        /* 1-based line, 0 for none */
  int32_t severity;    /* cib_severity */
  int32_t type;        /* cib_finding_type */
  const char* summary; /* required */
  const char* details; /* optional */
  const char* link;    /* optional */
} cib_annotation;
#define CIB_ANNOTATION_INIT \
  { CIB_ANNOTATION_VERSION, NULL, NULL, 0, CIB_SEVERITY_MEDIUM, CIB_FINDING_BUG, NULL, NULL, NULL }

#define CIB_REPORT_DATA_VERSION 1u
typedef struct cib_report_data {
  uint32_t version;  /* CIB_REPORT_DATA_VERSION */
  const char* title; /* required */
  int32_t type;      /* cib_data_type */
  const char* value; /* textual value: "true", "12.5", "https://…", required */
} cib_report_data;
#define CIB_REPORT_DATA_INIT \
  { CIB_REPORT_DATA_VERSION, NULL, CIB_DATA_TEXT, NULL }

#define CIB_REPORT_VERSION 1u
typedef struct cib_report {
  uint32_t version;                   /* CIB_REPORT_VERSION */
  const char* repo;                   /* required; see CIB_PATH_RULES */
  const char* commit;                 /* required; see CIB_PATH_RULES */
  const char* id;                     /* report id, unique per commit, required; CIB_PATH_RULES */
  const char* title;                  /* required */
  int32_t result;                     /* cib_report_result */
  const char* details;                /* optional */
  const char* link;                   /* optional */
  const char* reporter;               /* optional */
  const cib_report_data* const* data; /* data_count pointers (at most 10), or NULL */
  size_t data_count;
  const cib_annotation* const* annotations; /* annotation_count pointers, or NULL */
  size_t annotation_count;
} cib_report;
#define CIB_REPORT_INIT                                                                        \
  {                                                                                            \
    CIB_REPORT_VERSION, NULL, NULL, NULL, NULL, CIB_RESULT_PENDING, NULL, NULL, NULL, NULL, 0, \
        NULL, 0                                                                                \
  }

/* Function twins of the _INIT macros: fill *p (owned by the caller) with the defaults of the
 * given struct version. Any thread. CIB_OK: *p is initialised. CIB_ERR_INVALID_ARGUMENT: p is
 * NULL. CIB_ERR_UNSUPPORTED_VERSION: a version this library does not know; *p is untouched. */
CIB_API cib_status cib_build_status_init(cib_build_status* p, uint32_t version, char* errstr,
                                         size_t errstr_size);
CIB_API cib_status cib_comment_init(cib_comment* p, uint32_t version, char* errstr,
                                    size_t errstr_size);
CIB_API cib_status cib_annotation_init(cib_annotation* p, uint32_t version, char* errstr,
                                       size_t errstr_size);
CIB_API cib_status cib_report_data_init(cib_report_data* p, uint32_t version, char* errstr,
                                        size_t errstr_size);
CIB_API cib_status cib_report_init(cib_report* p, uint32_t version, char* errstr,
                                   size_t errstr_size);

/* ---------------------------------------------------------------------------------------------
 * Configuration
 * ------------------------------------------------------------------------------------------- */
typedef struct cib_config cib_config;

/* Creates a configuration holding the defaults and, first, the administrator's file
 * ($CIBATCH_ADMIN_CONFIG, else /etc/cibatch/cibatch.yml when it exists), whose `lock:` list and
 * default locks then apply to every later set. *out is owned by the caller: cib_config_destroy.
 * CIB_ERR_CONFIG_*: the administrator's file is wrong (the message names file:line:column). */
CIB_API cib_status cib_config_new(cib_config** out, char* errstr, size_t errstr_size);

/* Sets one dotted key ("batching.linger_ms") from its textual value; key and value are copied.
 * One thread at a time per config. CIB_OK: set. CIB_ERR_CONFIG_UNKNOWN_KEY, _INVALID_VALUE,
 * _LOCKED: nothing changed; the message names the key (never a secret value).
 * CIB_ERR_INVALID_ARGUMENT: conf, key or value is NULL, or not UTF-8. */
CIB_API cib_status cib_config_set(cib_config* conf, const char* key, const char* value,
                                  char* errstr, size_t errstr_size);

/* Reads the `cibatch:` mapping of a YAML document, either a file of its own or a section of a
 * larger pipeline file. path_or_text is YAML text when it contains a newline or '{', a ':'
 * followed by a blank, or ends with ':'; else a file path. Messages never echo the argument
 * (a path is shown shortened) nor a secret value.
 * Keys are applied in order; on the first error nothing more is applied and the message names
 * file:line:column and the key. One thread at a time per config. CIB_OK: applied.
 * CIB_ERR_CONFIG_SYNTAX: unreadable file, invalid YAML, or a document past a bound (larger
 * than 1 MiB, nested over 64 levels, over 100000 nodes once aliases are followed; nothing is
 * applied). CIB_ERR_CONFIG_UNKNOWN_KEY, _INVALID_VALUE, _LOCKED: a key of the file is wrong
 * (keys before it were applied). */
CIB_API cib_status cib_config_load_yaml(cib_config* conf, const char* path_or_text, char* errstr,
                                        size_t errstr_size);

/* Buffers: a NULL buf with buf_size 0 asks only for the size (*needed_out), returning
 * CIB_ERR_BUFFER_TOO_SMALL; a NULL buf with buf_size > 0 is CIB_ERR_INVALID_ARGUMENT. */

/* Copies the effective value of key into buf (secrets read as "(secret)", ${ENV} references
 * unexpanded). *needed_out (may be NULL) gets the size including the NUL.
 * CIB_ERR_BUFFER_TOO_SMALL: buf_size < needed. */
CIB_API cib_status cib_config_get(const cib_config* conf, const char* key, char* buf,
                                  size_t buf_size, size_t* needed_out, char* errstr,
                                  size_t errstr_size);

/* Checks that the configuration can open a client (required keys, URL rules, ${ENV} and token
 * files readable) without opening one. Any thread that does not modify conf meanwhile.
 * CIB_OK: cib_client_new would accept it. CIB_ERR_CONFIG_*: the message says which key. */
CIB_API cib_status cib_config_validate(const cib_config* conf, char* errstr, size_t errstr_size);

/* Frees the config. Accepts NULL. Clients opened from it are not affected. */
CIB_API void cib_config_destroy(cib_config* conf);

/* ---------------------------------------------------------------------------------------------
 * Client
 * ------------------------------------------------------------------------------------------- */
typedef struct cib_client cib_client;

/* Opens a client: copies conf (conf may be destroyed right after) and starts one dispatcher
 * thread. *out is owned by the caller: cib_client_destroy. Any thread. Nothing is sent yet:
 * an unreachable host is no error here. CIB_OK: *out is open. CIB_ERR_INVALID_ARGUMENT: out
 * or conf is NULL. CIB_ERR_CONFIG_*: the configuration cannot open a client (the message says
 * which key); *out is NULL. */
CIB_API cib_status cib_client_new(cib_client** out, const cib_config* conf, char* errstr,
                                  size_t errstr_size);

/* Flushes for at most shutdown.timeout_ms, aborts a request still in flight, stops the
 * dispatcher, clears both callbacks (waiting for calls of them still running, as the setters
 * do) and frees the client. Any thread, once. Calls of this client still running on other
 * threads (a close stopping the client, a flush or poll, which now return) end before it
 * frees the client; a call begun after it returned is undefined. Should not be called from a
 * callback of this client: there it stops the client without flushing, and the call that runs
 * the callback frees the client as it returns. In a child after fork() it frees nothing (the
 * parent's threads may have held its locks): the inherited client leaks. Returns nothing: use
 * cib_client_close or cib_client_flush first to learn what was left. */
CIB_API void cib_client_destroy(cib_client* client);

/* Post flags. */
#define CIB_POST_FORCE 0x1u /* send even when the host already holds this content */

/* Post one update. The newest update of a slot (a status per repo+commit+key, a comment per
 * repo+PR+key, a report per repo+commit+id) replaces older unsent ones. tag is the caller's
 * (a build number, say): flush waits per tag and delivery reports carry it. Thread-safe.
 * CIB_OK: accepted; delivery follows on the dispatcher.
 * CIB_ERR_INVALID_ARGUMENT / _UNSUPPORTED_VERSION: nothing was accepted.
 * CIB_ERR_QUEUE_FULL: batching.max_pending updates wait; retry after a flush or poll.
 * CIB_ERR_CLOSED, _FORKED, _REENTRY: the client cannot take updates from here. */
CIB_API cib_status cib_client_post_status(cib_client* client, const cib_build_status* status,
                                          uint64_t tag, uint32_t flags, char* errstr,
                                          size_t errstr_size);
CIB_API cib_status cib_client_post_comment(cib_client* client, const cib_comment* comment,
                                           uint64_t tag, uint32_t flags, char* errstr,
                                           size_t errstr_size);
CIB_API cib_status cib_client_post_report(cib_client* client, const cib_report* report,
                                          uint64_t tag, uint32_t flags, char* errstr,
                                          size_t errstr_size);

/* Sends every pending update posted with tag (0: all tags) now, and waits at most timeout_ms
 * (< 0: no limit; 0: send now, do not wait) until they are settled (delivered, unchanged or
 * failed for good). They are sent at once even when the wait ends first.
 * *left_out (may be NULL) gets the number of slots still unsettled. Thread-safe; does not run
 * callbacks (use cib_client_poll).
 * CIB_OK: all settled. CIB_ERR_TIMED_OUT: time ran out with only non-gating updates left (none
 * lost; they are still being delivered). CIB_ERR_UNDELIVERED: time ran out with gating updates
 * left (a first status of a key, a terminal state), or the dispatcher stopped with updates left;
 * the message gives the number of gating ones. */
CIB_API cib_status cib_client_flush(cib_client* client, uint64_t tag, int32_t timeout_ms,
                                    size_t* left_out, char* errstr, size_t errstr_size);

/* Since 1.1. Ends delivery like cib_client_destroy does (flushes for at most
 * shutdown.timeout_ms, aborts a request still in flight, stops the dispatcher) and says what
 * was left. Updates left stay in the spool: the next client of the same identity on this spool,
 * or `cibatch drain`, delivers them. Posts after it return CIB_ERR_CLOSED; the client must still
 * be destroyed. Not from a callback of this client. *left_out and *gating_left_out (may be NULL)
 * get the slots left, and of those the gating ones (a first status of a key, a terminal state).
 * Thread-safe: of several closes, also at once from several threads, exactly one ends delivery
 * and answers with what was left; the others return CIB_ERR_CLOSED at once.
 * CIB_OK: everything settled. CIB_ERR_UNDELIVERED: gating updates were left.
 * CIB_ERR_TIMED_OUT: only non-gating updates were left. CIB_ERR_CLOSED: already closed (or
 * closing on another thread). */
CIB_API cib_status cib_client_close(cib_client* client, size_t* left_out, size_t* gating_left_out,
                                    char* errstr, size_t errstr_size);

/* ---------------------------------------------------------------------------------------------
 * Delivery reports and log lines, served on the caller's thread by cib_client_poll.
 * ------------------------------------------------------------------------------------------- */
typedef enum cib_slot_kind {
  CIB_SLOT_STATUS = 0,
  CIB_SLOT_COMMENT = 1,
  CIB_SLOT_REPORT = 2
} cib_slot_kind;

typedef enum cib_outcome {
  CIB_OUTCOME_DELIVERED = 0,  /* the host holds this post's content */
  CIB_OUTCOME_UNCHANGED = 1,  /* the host already held it; no request was needed */
  CIB_OUTCOME_SUPERSEDED = 2, /* a newer post of the same slot was sent instead */
  CIB_OUTCOME_FAILED = 3      /* the host refused it for good; see http status and message */
} cib_outcome;

/* One delivery report; valid only during the callback that receives it. Given NULL, the
 * accessors return 0 (tag, pr, http status), -1 (kind, outcome) or "" (strings). A slot that an
 * earlier process left in the spool, delivered by this client, is reported with tag 0. */
typedef struct cib_delivery cib_delivery;
CIB_API uint64_t cib_delivery_tag(const cib_delivery* d);
CIB_API int32_t cib_delivery_kind(const cib_delivery* d);        /* cib_slot_kind */
CIB_API const char* cib_delivery_repo(const cib_delivery* d);    /* never NULL */
CIB_API const char* cib_delivery_commit(const cib_delivery* d);  /* "" for comments */
CIB_API int64_t cib_delivery_pr(const cib_delivery* d);          /* 0 unless a comment */
CIB_API const char* cib_delivery_key(const cib_delivery* d);     /* status/comment key, report id */
CIB_API int32_t cib_delivery_outcome(const cib_delivery* d);     /* cib_outcome */
CIB_API int32_t cib_delivery_http_status(const cib_delivery* d); /* 0 when no request */
/* The host's message or "": it quotes at most about 200 bytes of the host's answer, control
 * characters escaped, the credential's secrets (token, password, base64 user:password) replaced
 * by "[redacted]". */
CIB_API const char* cib_delivery_message(const cib_delivery* d);

typedef void (*cib_delivery_cb)(void* opaque, const cib_delivery* delivery);

typedef enum cib_log_level {
  CIB_LOG_ERROR = 0,
  CIB_LOG_WARNING = 1,
  CIB_LOG_INFO = 2,
  CIB_LOG_DEBUG = 3
} cib_log_level;
typedef void (*cib_log_cb)(void* opaque, int32_t level, const char* message);

/* Sets (or with cb NULL, clears) the delivery callback. Reports are queued only while a
 * callback is set, at most reports.max_queued (the oldest are then dropped and counted in the
 * stats); clearing it drops the queue. Thread-safe. Clearing or replacing a callback returns
 * only once no call of the old one runs on another thread, so its opaque may then be freed;
 * the old callback is never called after that. It may be called from inside a callback of this
 * client (to clear itself, say); it then does not wait for that call, nor for a callback that
 * is itself waiting here (two callbacks clearing each other would wait for ever).
 * CIB_ERR_FORKED: called in a child after fork(). */
CIB_API cib_status cib_client_set_delivery_cb(cib_client* client, cib_delivery_cb cb, void* opaque,
                                              char* errstr, size_t errstr_size);

/* Sets (or clears) the log callback for lines up to max_level. With log.queue: true lines are
 * queued and served by cib_client_poll on the caller's thread; otherwise cb runs on the
 * dispatcher thread and must neither block nor call into this client, except to set or clear
 * a callback. Thread-safe; clearing or replacing waits as cib_client_set_delivery_cb says. */
CIB_API cib_status cib_client_set_log_cb(cib_client* client, cib_log_cb cb, void* opaque,
                                         int32_t max_level, char* errstr, size_t errstr_size);

/* Serves queued delivery reports and log lines to the callbacks on this thread, waiting at
 * most timeout_ms (0: don't wait; < 0: no limit) for the first one. *served_out (may be NULL)
 * gets how many were served. Once the client is closed it no longer waits. CIB_OK: something
 * was served or nothing was queued. CIB_ERR_REENTRY: called from inside a callback. */
CIB_API cib_status cib_client_poll(cib_client* client, int32_t timeout_ms, size_t* served_out,
                                   char* errstr, size_t errstr_size);

/* Copies a JSON object of counters into buf: {"calls","requests","coalesced","deduplicated",
 * "retries","rate_limited","failed","pending","reports_dropped"}. *needed_out (may be NULL)
 * gets the size including the NUL. CIB_ERR_BUFFER_TOO_SMALL: buf_size < needed. */
CIB_API cib_status cib_client_stats_json(cib_client* client, char* buf, size_t buf_size,
                                         size_t* needed_out, char* errstr, size_t errstr_size);

/* ---------------------------------------------------------------------------------------------
 * Spool maintenance (since 1.1)
 * ------------------------------------------------------------------------------------------- */
#define CIB_SPOOL_REPAIR 0x1u /* move a damaged spool file aside (never deleted) */

/* Inspects the spool file at path (NULL or "": the default location) without changing it, or
 * with CIB_SPOOL_REPAIR moves it aside when it is damaged. Copies a JSON object into buf:
 * {"path","exists","healthy","schema_version","pending","gating","delivered","leased",
 * "identities":[{"identity","api_url","pending","gating"}],"problems":[...],"moved_to"};
 * "identities" lists each identity with pending updates (a hash, never a secret) and the API
 * URL it posts to ("" when the file predates that record). *needed_out (may be NULL) gets the
 * size including the NUL. Any thread. CIB_OK: the file is healthy (or absent). CIB_ERR_SPOOL:
 * it is damaged (or was moved aside); the JSON says why. CIB_ERR_BUFFER_TOO_SMALL: buf_size <
 * needed. */
CIB_API cib_status cib_spool_check(const char* path, uint32_t flags, char* buf, size_t buf_size,
                                   size_t* needed_out, char* errstr, size_t errstr_size);

/* ---------------------------------------------------------------------------------------------
 * Request budget (since 1.2)
 * ------------------------------------------------------------------------------------------- */

/* Copies a JSON object describing the client's request budget into buf: {"identity","store",
 * "limit","window_s","reserve","used","remaining","next_free_ms","paused_until_ms",
 * "live_clients","by_priority":{"gating","comment","bulk","progress","external"},
 * "logs":[{"name","window_ms","limit","used"}],"buckets":[{"name","capacity","tokens"}]}.
 * "used" counts every process sharing the identity's budget. The identity names the API URL and
 * the account (budget.account, the user, or a hash of the token), never a secret. *needed_out
 * (may be NULL) gets the size including the NUL. Any thread except the client's callbacks.
 * CIB_ERR_BUFFER_TOO_SMALL: buf_size < needed. CIB_ERR_BUDGET: the store could not be read. */
CIB_API cib_status cib_client_budget_json(cib_client* client, char* buf, size_t buf_size,
                                          size_t* needed_out, char* errstr, size_t errstr_size);

/* The same for every identity in the budget store that conf names (budget.path or
 * budget.shared), without opening a client or sending anything: {"store","identities":[...]},
 * each entry shaped as cib_client_budget_json's, measured against conf's limits. Any thread.
 * CIB_ERR_CONFIG_*: conf is incomplete or invalid. CIB_ERR_BUDGET: the store could not be read.
 * CIB_ERR_BUFFER_TOO_SMALL: buf_size < needed. */
CIB_API cib_status cib_budget_json(const cib_config* conf, char* buf, size_t buf_size,
                                   size_t* needed_out, char* errstr, size_t errstr_size);

#ifdef __cplusplus
}
#endif

#endif /* CIBATCH_H */
