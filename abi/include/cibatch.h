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
 * - Struct versions (CIB_BUILD_STATUS_VERSION, ...) are plain numbers an FFI may hard-code: 1
 *   for every struct in every 1.x release so far. A struct's number grows only when fields are
 *   appended to it, and every older number stays accepted, so a binding passes the number of
 *   the layout it declares, never the newest the library knows (which is why no function
 *   returns them).
 * - No exception, abort, exit or signal crosses this boundary, whatever the input.
 * - Every *_destroy function accepts NULL.
 * - Out-parameters (*out, *needed_out, *left_out, ... and the buf of a function that copies
 *   into one) are set first, before any argument is checked: a handle to NULL, a count to 0,
 *   buf to "" (when buf_size > 0). After a failure they hold that, unless the function says
 *   otherwise; errstr is written as the call returns, on every path.
 * - Every fallible function may also return CIB_ERR_INTERNAL (out of memory, or a bug: please
 *   report the message); the lists below leave it out.
 *
 * Threads and statuses shared by every call on a client handle (cib_client_* but new and
 * destroy); each function's comment lists them again:
 * - CIB_ERR_INVALID_ARGUMENT: client is NULL.
 * - CIB_ERR_FORKED: called in a child process after fork() on a client its parent opened.
 * - CIB_ERR_CLOSED: cib_client_destroy has begun on another thread (see there: a call must not
 *   begin once destroy may have returned).
 * - CIB_ERR_REENTRY: called from inside a callback of the same client, wherever it runs (the
 *   dispatcher's thread, cib_client_poll, a log line of a post). Every call but
 *   cib_client_set_delivery_cb and cib_client_set_log_cb refuses that: the posts, flush,
 *   close, poll, stats_json and budget_json.
 *
 * Tags: every post carries the caller's uint64_t tag (a build number, say). Tag 0 means "no
 * tag": a post with tag 0 is accepted like any other; cib_client_flush with tag 0 waits for
 * every pending update (those of tag 0 included) while a flush of another tag never waits for
 * them; a delivery report with tag 0 is one of a post made with tag 0, or of an update that an
 * earlier process left in the spool.
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
 * patch), which may be newer than the header a program was built with. Any thread; cannot
 * fail. */
CIB_API uint32_t cib_version(void);

/* The run-time library version as "MAJOR.MINOR.PATCH". Static string. Any thread; cannot
 * fail. */
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

/* The enumerator's name ("CIB_ERR_QUEUE_FULL"); "CIB_UNKNOWN" for other values. Static string.
 * Any thread; cannot fail. */
CIB_API const char* cib_status_name(cib_status status);

/* A short English description of the status ("unknown status" for other values). Static
 * string. Any thread; cannot fail. */
CIB_API const char* cib_status_str(cib_status status);

/* 1 when trying the same call later can succeed (transport, rate limit, queue full, timed out),
 * 0 otherwise (also for values it does not know). Any thread; cannot fail. */
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
/* Struct versions: numbers an FFI may hard-code (see the conventions at the top). */
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

/* Since 1.4: one SonarQube analysis, for cib_client_post_sonar. The analysis comes in exactly
 * one of two forms: SonarQube Web API answers (issue_pages, with optional gate and measures),
 * or one SARIF 2.1.0 document (sarif). Every text is the JSON an API answered, as it is. pr is
 * checked and kept for a pull request's summary comment; the report itself does not use it. */
#define CIB_SONAR_VERSION 1u
typedef struct cib_sonar {
  uint32_t version;               /* CIB_SONAR_VERSION */
  const char* repo;               /* required; see CIB_PATH_RULES */
  const char* commit;             /* required; see CIB_PATH_RULES */
  int64_t pr;                     /* pull request number, 0 for none; not < 0 */
  const char* id;                 /* report id; NULL or "": "sonar", for SARIF the tool's name */
  const char* const* issue_pages; /* issue_page_count texts of `api/issues/search`, or NULL */
  size_t issue_page_count;        /* 0 with gate or measures set: an analysis without issues */
  const char* gate;               /* optional `api/qualitygates/project_status` text */
  const char* measures;           /* optional `api/measures/component` text */
  const char* sarif;              /* one SARIF 2.1.0 document, or NULL */
  const char* server_url;         /* optional: links each finding to its rule's page */
  const char* dashboard_url;      /* optional: the report's link */
} cib_sonar;
#define CIB_SONAR_INIT \
  { CIB_SONAR_VERSION, NULL, NULL, 0, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL }

/* Function twins of the _INIT macros: fill *p (owned by the caller) with the defaults of the
 * given struct version, the number the caller's layout of the struct has (not the newest the
 * library knows: a newer version has fields the caller's struct lacks). Any thread.
 * CIB_OK: *p is initialised as the _INIT macro of that version would, padding bytes zero.
 * CIB_ERR_INVALID_ARGUMENT: p is NULL. CIB_ERR_UNSUPPORTED_VERSION: 0, or a version this library
 * does not know; *p is untouched (the exception to the out-parameter rule, as a larger struct's
 * tail would be overwritten). */
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
/* Since 1.4. */
CIB_API cib_status cib_sonar_init(cib_sonar* p, uint32_t version, char* errstr, size_t errstr_size);

/* ---------------------------------------------------------------------------------------------
 * Configuration
 * ------------------------------------------------------------------------------------------- */
typedef struct cib_config cib_config;

/* Creates a configuration holding the defaults and, first, the administrator's file
 * ($CIBATCH_ADMIN_CONFIG, else /etc/cibatch/cibatch.yml when it exists), whose `lock:` list and
 * default locks then apply to every later set. *out is owned by the caller: cib_config_destroy.
 * Any thread. A cib_config is a builder: the functions that change it (set, load_yaml*) need
 * one thread at a time; those that only read it (get, validate, cib_client_new,
 * cib_budget_json) may run on several threads at once while none changes it.
 * CIB_OK: *out is a new configuration. CIB_ERR_INVALID_ARGUMENT: out is NULL.
 * CIB_ERR_CONFIG_*: the administrator's file is wrong (the message names file:line:column);
 * *out is NULL. */
CIB_API cib_status cib_config_new(cib_config** out, char* errstr, size_t errstr_size);

/* Sets one dotted key ("batching.linger_ms") from its textual value; key and value are copied.
 * One thread at a time per config. CIB_OK: set. CIB_ERR_CONFIG_UNKNOWN_KEY, _INVALID_VALUE,
 * _LOCKED: nothing changed; the message names the key (never a secret value).
 * CIB_ERR_INVALID_ARGUMENT: conf, key or value is NULL, or not UTF-8. */
CIB_API cib_status cib_config_set(cib_config* conf, const char* key, const char* value,
                                  char* errstr, size_t errstr_size);

/* Reads the `cibatch:` mapping of a YAML document, either a file of its own or a section of a
 * larger pipeline file, guessing which of the two path_or_text is: YAML text when it contains
 * a newline or '{', a ':' followed by a blank, or ends with ':'; else a file path. A binding
 * should use cib_config_load_yaml_file or cib_config_load_yaml_text (since 1.3), which do not
 * guess. Messages never echo the argument (a path is shown shortened) nor a secret value.
 * Keys are applied in order; on the first error nothing more is applied and the message names
 * file:line:column (text reads "<yaml>") and the key. One thread at a time per config.
 * CIB_OK: applied. CIB_ERR_INVALID_ARGUMENT: conf or path_or_text is NULL, or not UTF-8.
 * CIB_ERR_CONFIG_SYNTAX: unreadable file, invalid YAML, no `cibatch:` mapping, or a document
 * past a bound (larger than 1 MiB, nested over 64 levels, over 100000 nodes once aliases are
 * followed; nothing is applied). CIB_ERR_CONFIG_UNKNOWN_KEY, _INVALID_VALUE, _LOCKED: a key of
 * the document is wrong (keys before it were applied). */
CIB_API cib_status cib_config_load_yaml(cib_config* conf, const char* path_or_text, char* errstr,
                                        size_t errstr_size);

/* Since 1.3. cib_config_load_yaml for a file: path is always a path (relative to the working
 * directory), whatever characters it holds. Messages name it as "file:line:column" (a long
 * path shortened to its end). Statuses as cib_config_load_yaml; CIB_ERR_CONFIG_SYNTAX also
 * when the file cannot be read (the message says why). */
CIB_API cib_status cib_config_load_yaml_file(cib_config* conf, const char* path, char* errstr,
                                             size_t errstr_size);

/* cib_config_load_yaml_text's length for NUL-terminated text: SIZE_MAX, a number an FFI may
 * hard-code (-1 converted to size_t). */
#define CIB_NUL_TERMINATED ((size_t)-1)

/* Since 1.3. cib_config_load_yaml for text given in place: text is always YAML, never a path.
 * length is its size in bytes, or CIB_NUL_TERMINATED when text ends at its first NUL. Text of
 * a given length may not hold a NUL byte (no string can carry U+0000; a length that counts a
 * terminating NUL is refused too). Messages name positions as "<yaml>:line:column" and never
 * echo the text. Statuses as cib_config_load_yaml; CIB_ERR_INVALID_ARGUMENT also for a NULL
 * text, a length of 0, or a NUL byte within length. */
CIB_API cib_status cib_config_load_yaml_text(cib_config* conf, const char* text, size_t length,
                                             char* errstr, size_t errstr_size);

/* Buffers: a NULL buf with buf_size 0 asks only for the size (*needed_out), returning
 * CIB_ERR_BUFFER_TOO_SMALL; a NULL buf with buf_size > 0 is CIB_ERR_INVALID_ARGUMENT. */

/* Copies the effective value of key into buf (${ENV} references unexpanded; a secret written
 * in the configuration itself reads "(secret)", one given by ${ENV} references alone reads as
 * written). *needed_out (may be NULL) gets the size including the NUL. Any thread while no
 * thread changes conf. CIB_OK: copied. CIB_ERR_BUFFER_TOO_SMALL: buf_size < needed (*needed_out
 * says how much; buf holds ""). CIB_ERR_CONFIG_UNKNOWN_KEY: no such key.
 * CIB_ERR_INVALID_ARGUMENT: conf or key is NULL, or buf is NULL with buf_size > 0. */
CIB_API cib_status cib_config_get(const cib_config* conf, const char* key, char* buf,
                                  size_t buf_size, size_t* needed_out, char* errstr,
                                  size_t errstr_size);

/* Checks that the configuration can open a client (required keys, URL rules, ${ENV} and token
 * files readable) without opening one. Any thread while no thread changes conf.
 * CIB_OK: cib_client_new would accept it (unless the spool or the budget store then fails to
 * open). CIB_ERR_CONFIG_*: the message says which key. CIB_ERR_INVALID_ARGUMENT: conf is
 * NULL. */
CIB_API cib_status cib_config_validate(const cib_config* conf, char* errstr, size_t errstr_size);

/* Frees the config. Accepts NULL. Clients opened from it are not affected. Not while another
 * thread uses conf. */
CIB_API void cib_config_destroy(cib_config* conf);

/* ---------------------------------------------------------------------------------------------
 * Client
 * ------------------------------------------------------------------------------------------- */
typedef struct cib_client cib_client;

/* Opens a client: copies conf (conf may be destroyed right after) and starts one dispatcher
 * thread. *out is owned by the caller: cib_client_destroy. Any thread (while no thread changes
 * conf). Nothing is sent yet: an unreachable host is no error here. A cib_client is
 * thread-safe: every cib_client_* call may come from any thread, at the same time as others,
 * except where a function says otherwise (destroy; calls from inside a callback).
 * CIB_OK: *out is open. CIB_ERR_INVALID_ARGUMENT: out or conf is NULL. CIB_ERR_CONFIG_*: the
 * configuration cannot open a client (the message says which key). CIB_ERR_SPOOL_*: the spool
 * file cannot be opened. CIB_ERR_BUDGET: the budget store cannot be opened. On failure *out is
 * NULL. */
CIB_API cib_status cib_client_new(cib_client** out, const cib_config* conf, char* errstr,
                                  size_t errstr_size);

/* Flushes for at most shutdown.timeout_ms, aborts a request still in flight, stops the
 * dispatcher, clears both callbacks (waiting for calls of them still running, as the setters
 * do) and frees the client. Accepts NULL. Any thread, once per client.
 * Racing other calls: calls of this client already running on other threads when destroy is
 * called end before it frees the client (a close still stopping it; a flush or poll, which
 * return at once); a call that begins while destroy runs returns CIB_ERR_CLOSED; a call that
 * begins after destroy returned uses freed memory. As a caller cannot tell the last two apart,
 * no call may begin once destroy has been called: stop the other threads' use of the client
 * first, or let destroy's early return of their flush and poll end them.
 * Should not be called from a callback of this client: there it stops the client without
 * flushing, and the call that runs the callback frees the client as it returns. In a child
 * after fork() it frees nothing (the parent's threads may have held its locks): the inherited
 * client leaks. Returns nothing: use cib_client_close or cib_client_flush first to learn what
 * was left (it stays in the spool). */
CIB_API void cib_client_destroy(cib_client* client);

/* Post flags. */
#define CIB_POST_FORCE 0x1u /* send even when the host already holds this content */

/* Post one update. The newest update of a slot (a status per repo+commit+key, a comment per
 * repo+PR+key, a report per repo+commit+id) replaces older unsent ones. tag is the caller's
 * (a build number, say; 0: no tag, see Tags at the top): flush waits per tag and delivery
 * reports carry it. The payload and everything it points to are copied before the call
 * returns. Any thread, also several at once; not from a callback of this client.
 * CIB_OK: accepted (and journalled as spool.sync says); delivery follows on the dispatcher.
 * On every other status nothing was accepted:
 * CIB_ERR_INVALID_ARGUMENT: client or the payload is NULL, or a field is wrong (the message
 * names it, as "status->repo"); CIB_ERR_UNSUPPORTED_VERSION: a struct version this library
 * does not know. CIB_ERR_QUEUE_FULL: batching.max_pending updates wait; retry after a flush
 * or poll. CIB_ERR_SPOOL, _SPOOL_FULL, _SPOOL_READ_ONLY, _SPOOL_DAMAGED: the spool could not
 * record it. CIB_ERR_CLOSED: the client was closed or is being destroyed. CIB_ERR_FORKED:
 * in a child after fork(). CIB_ERR_REENTRY: from inside a callback of this client. */
CIB_API cib_status cib_client_post_status(cib_client* client, const cib_build_status* status,
                                          uint64_t tag, uint32_t flags, char* errstr,
                                          size_t errstr_size);
CIB_API cib_status cib_client_post_comment(cib_client* client, const cib_comment* comment,
                                           uint64_t tag, uint32_t flags, char* errstr,
                                           size_t errstr_size);
CIB_API cib_status cib_client_post_report(cib_client* client, const cib_report* report,
                                          uint64_t tag, uint32_t flags, char* errstr,
                                          size_t errstr_size);

/* Since 1.4. Posts one SonarQube analysis as a Code Insights report: every text is read before
 * the call returns, and the report is then posted as cib_client_post_report posts one (the
 * slot repo+commit+id; coalescing, de-duplication, the spool and the budget apply alike).
 * From Web API answers: one report, result PASSED or FAILED from the gate (OK and WARN pass,
 * ERROR fails; PENDING without a gate), the failed conditions as details, up to 10 data fields
 * from the measures, the open issues of every page as annotations (resolved and closed ones
 * left out, an issue on several pages counted once; its id is the issue key). No issue at all
 * is a valid, empty analysis. From SARIF: one report per run, id from the tool's name (lower
 * case, [a-z0-9-]) unless sonar->id is given; with several runs and an id given, or two runs
 * of the same tool, the runs' ids are "<id>-<run number from 1>". Every run is read before any
 * is posted. A host's annotation cap (1,000 on Bitbucket Cloud) keeps the first annotations in
 * the report's fixed order, as for any report.
 * Bounds of one post (the whole input is refused over them): 64 MiB of JSON text in all
 * (pages, gate and measures together, or the SARIF document); 100 issue pages; 20,000 open
 * findings; JSON nested 64 levels deep; 100 failed gate conditions; 4096 bytes for a key, path,
 * rule or value. A finding's message over 2000 bytes is cut at a character boundary and ends
 * with " … (truncated)". While it reads, the library holds up to about 8 times the largest
 * single text (a page, or the SARIF document) in memory, and frees it before returning.
 * tag, flags, threads: as cib_client_post_report. The parsing runs on the calling thread.
 * CIB_OK: every report accepted. On every other status nothing was accepted, except that when
 * the spool or queue refuses the second or a later run of a SARIF document, the runs before it
 * stay accepted (the message says how many).
 * CIB_ERR_INVALID_ARGUMENT: client or sonar is NULL; a field of the struct is wrong (the message
 * names it, as "sonar->repo"); both forms or neither given ("sonar->issue_pages, sonar->sarif:
 * ..."); or an answer is not what SonarQube or SARIF 2.1.0 give: not JSON, cut short, invalid
 * UTF-8, a field missing or of the wrong type, a page of another project than the first, a
 * SARIF version other than 2.1.0, or over a bound. The message names the input and the field,
 * as "cib_client_post_sonar: issues page 2: issues[17].line: expected a number" (pages count
 * from 1; the inputs are "issues page N", "gate", "measures", "sarif").
 * CIB_ERR_UNSUPPORTED_VERSION: sonar->version is one this library does not know.
 * CIB_ERR_QUEUE_FULL, CIB_ERR_SPOOL*, CIB_ERR_CLOSED, CIB_ERR_FORKED, CIB_ERR_REENTRY: as
 * cib_client_post_report. */
CIB_API cib_status cib_client_post_sonar(cib_client* client, const cib_sonar* sonar, uint64_t tag,
                                         uint32_t flags, char* errstr, size_t errstr_size);

/* Since 1.5. Pull mode: posts the analysis a SonarQube scanner has just submitted, as
 * cib_client_post_sonar posts Web API answers (report id "sonar" on repo+commit, with tag and
 * flags). It reads report_task_path, the scanner's `report-task.txt` (ceTaskId, projectKey,
 * dashboardUrl), and returns at once; the rest runs on a worker thread of this client (started
 * by the first call), never on the caller's thread or the dispatcher's:
 * - it waits for the compute-engine task (`api/ce/task`), polling at most once a second and
 *   backing off to once every 5 s, for at most sonar.wait_timeout_ms;
 * - then reads, from sonar.url with sonar.token (and sonar.organization), the quality gate of
 *   the task's analysis, the measures and every page of open issues (500 a page) of the pull
 *   request or branch the task names. SonarQube returns at most 10,000 issues of one search:
 *   past that the report's details say how many were left out;
 * - and posts them as one report; with sonar.comment and pr > 0, also the summary comment.
 * Tasks run one at a time, in the order of the calls. flush(tag) waits for the task of that tag
 * (flush(0): for every task) as for its updates. A task that failed or was cancelled, did not
 * end within sonar.wait_timeout_ms, or a Sonar server that refused or could not be read gives
 * one delivery report with outcome CIB_OUTCOME_FAILED for the report's slot and tag, with
 * Sonar's message (http_status: the Sonar server's answer, or 0). Nothing is posted then.
 * With a spool, each task is written there before the call returns and stays until it ends:
 * one still waiting when the client closes (after shutdown.timeout_ms) or the process dies
 * is resumed by the next client opened on that spool with sonar.url set, once this process is
 * gone (its delivery reports go to that client; `cibatch drain` is such a client). With
 * spool.sync: off it is reported failed when the client closes.
 * pr: the pull request number for the summary comment, 0 for none; not < 0.
 * Threads: as cib_client_post_report. report-task.txt is read on the calling thread; repo,
 * commit and the file's contents are copied before the call returns, so the caller may free or
 * delete them at once.
 * CIB_OK: the task was taken. CIB_ERR_INVALID_ARGUMENT: client, repo, commit or
 * report_task_path NULL or malformed (as cib_report's repo and commit), pr < 0, or the file
 * cannot be read or is not a report-task.txt (the message names the file and the missing or
 * bad property, as "report-task.txt: ceTaskId: missing"). CIB_ERR_CONFIG_MISSING: sonar.url is
 * not set. CIB_ERR_QUEUE_FULL: 100 tasks are already waiting. CIB_ERR_SPOOL*: the spool could
 * not record the task (nothing was taken). CIB_ERR_CLOSED, CIB_ERR_FORKED, CIB_ERR_REENTRY: as
 * cib_client_post_report. */
CIB_API cib_status cib_client_post_sonar_task(cib_client* client, const char* repo,
                                              const char* commit, int64_t pr,
                                              const char* report_task_path, uint64_t tag,
                                              uint32_t flags, char* errstr, size_t errstr_size);

/* Sends every pending update posted with tag (0: every pending update, whatever its tag) now,
 * and waits at most timeout_ms (< 0: no limit; 0: send now, do not wait) until they are
 * settled (delivered, unchanged or failed for good). They are sent at once even when the wait
 * ends first. It returns early when the client stops (a close or destroy on another thread).
 * *left_out (may be NULL) gets the number of slots still unsettled. Any thread, also several
 * at once (each for its own tag); not from a callback of this client. Does not run callbacks
 * (use cib_client_poll).
 * CIB_OK: all settled. CIB_ERR_TIMED_OUT: time ran out with only non-gating updates left (none
 * lost; they are still being delivered). CIB_ERR_UNDELIVERED: time ran out with gating updates
 * left (a first status of a key, a terminal state), or the client stopped (or was closed
 * before) with updates left; the message gives the number of gating ones.
 * CIB_ERR_INVALID_ARGUMENT: client is NULL. CIB_ERR_CLOSED: destroy has begun.
 * CIB_ERR_FORKED: in a child after fork(). CIB_ERR_REENTRY: from inside a callback. */
CIB_API cib_status cib_client_flush(cib_client* client, uint64_t tag, int32_t timeout_ms,
                                    size_t* left_out, char* errstr, size_t errstr_size);

/* Since 1.1. Ends delivery like cib_client_destroy does (flushes for at most
 * shutdown.timeout_ms, aborts a request still in flight, stops the dispatcher) and says what
 * was left. Updates left stay in the spool: the next client of the same identity on this spool,
 * or `cibatch drain`, delivers them. Posts after it return CIB_ERR_CLOSED; the client must still
 * be destroyed. *left_out and *gating_left_out (may be NULL) get the slots left, and of those
 * the gating ones (a first status of a key, a terminal state). Flushes and polls running on
 * other threads return. Any thread; not from a callback of this client. Of several closes, also
 * at once from several threads, exactly one ends delivery and answers with what was left; the
 * others return CIB_ERR_CLOSED at once.
 * CIB_OK: everything settled. CIB_ERR_UNDELIVERED: gating updates were left.
 * CIB_ERR_TIMED_OUT: only non-gating updates were left. CIB_ERR_CLOSED: already closed (or
 * closing on another thread), or destroy has begun. CIB_ERR_INVALID_ARGUMENT: client is NULL.
 * CIB_ERR_FORKED: in a child after fork(). CIB_ERR_REENTRY: from inside a callback. */
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

/* One delivery report, owned by the library; the pointer and every string its accessors
 * return are valid only until the callback that receives it returns (copy what you keep).
 * The accessors may be called only while that callback runs, and cannot fail: given NULL they
 * return 0 (tag, pr, http status), -1 (kind, outcome) or "" (strings). Tag 0: a post made with
 * tag 0, or a slot that an earlier process left in the spool, delivered by this client. */
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

/* A delivery callback. opaque is the pointer given to cib_client_set_delivery_cb, passed as
 * is (the library never reads it). It runs only inside cib_client_poll, on the thread calling
 * it. It must not block for long; it may call cib_client_set_delivery_cb and
 * cib_client_set_log_cb (to clear itself, say) and the cib_delivery_* accessors, and any
 * cib_client_* call on another client; any other call on this client returns CIB_ERR_REENTRY. */
typedef void (*cib_delivery_cb)(void* opaque, const cib_delivery* delivery);

typedef enum cib_log_level {
  CIB_LOG_ERROR = 0,
  CIB_LOG_WARNING = 1,
  CIB_LOG_INFO = 2,
  CIB_LOG_DEBUG = 3
} cib_log_level;
/* A log callback: level is a cib_log_level; message is UTF-8 text of one line, owned by the
 * library and valid only until the callback returns. It never holds a secret (credentials are
 * redacted). opaque as for cib_delivery_cb. Where it runs: see cib_client_set_log_cb. It must
 * not block, and may call this client only to set or clear a callback (anything else returns
 * CIB_ERR_REENTRY). */
typedef void (*cib_log_cb)(void* opaque, int32_t level, const char* message);

/* Sets (or with cb NULL, clears) the delivery callback. Reports are queued only while a
 * callback is set, at most reports.max_queued (the oldest are then dropped and counted in the
 * stats); clearing it drops the queue. opaque is kept, never read, and handed to cb until cb
 * is cleared or replaced (or the client destroyed). Clearing or replacing a callback returns
 * only once no call of the old one runs on another thread, so the old opaque may then be
 * freed; the old callback is never called after that. Any thread, also from inside a callback
 * of this client (to clear itself, say); it then does not wait for that call, nor for a
 * callback that is itself waiting here (two callbacks clearing each other would wait for
 * ever).
 * CIB_OK: set. CIB_ERR_INVALID_ARGUMENT: client is NULL. CIB_ERR_CLOSED: destroy has begun.
 * CIB_ERR_FORKED: called in a child after fork(). Never CIB_ERR_REENTRY. */
CIB_API cib_status cib_client_set_delivery_cb(cib_client* client, cib_delivery_cb cb, void* opaque,
                                              char* errstr, size_t errstr_size);

/* Sets (or clears) the log callback for lines up to max_level (a cib_log_level). With
 * log.queue: true lines are queued (at most reports.max_queued, the oldest dropped) and served
 * by cib_client_poll on the caller's thread; otherwise cb runs on the thread that logs: the
 * dispatcher mostly, or a thread inside a call of this client (a post writing the spool), and
 * must neither block nor call into this client, except to set or clear a callback. opaque,
 * threads and the wait when clearing or replacing as cib_client_set_delivery_cb says. The
 * first callback set on a client also gets the lines logged since it opened (at most 32), such
 * as the warning naming a secret key written in the configuration itself (queued with
 * log.queue: true, else called before this function returns).
 * CIB_OK: set. CIB_ERR_INVALID_ARGUMENT: client is NULL, or max_level is not a cib_log_level.
 * CIB_ERR_CLOSED: destroy has begun. CIB_ERR_FORKED: in a child after fork(). Never
 * CIB_ERR_REENTRY. */
CIB_API cib_status cib_client_set_log_cb(cib_client* client, cib_log_cb cb, void* opaque,
                                         int32_t max_level, char* errstr, size_t errstr_size);

/* Serves queued delivery reports and log lines to the callbacks on this thread, waiting at
 * most timeout_ms (0: don't wait; < 0: no limit) for the first one, then serving what is
 * queued at that moment. *served_out (may be NULL) gets how many were served. Once the client
 * is closed (or being destroyed) it no longer waits. Any thread; not from a callback. Several
 * threads may poll at once: each report or line is served once, on one of them, so callbacks
 * may then run on several threads at the same time, and a poll may return with nothing served
 * before its timeout when another thread's poll took what arrived.
 * CIB_OK: something was served, or nothing was queued within timeout_ms.
 * CIB_ERR_INVALID_ARGUMENT: client is NULL. CIB_ERR_CLOSED: destroy has begun.
 * CIB_ERR_FORKED: in a child after fork(). CIB_ERR_REENTRY: from inside a callback. */
CIB_API cib_status cib_client_poll(cib_client* client, int32_t timeout_ms, size_t* served_out,
                                   char* errstr, size_t errstr_size);

/* Copies a JSON object of counters since the client opened into buf. Every value is a
 * non-negative integer or an object of them; later versions may add keys (ignore those you do
 * not know). The keys:
 *   "calls"             post calls accepted
 *   "requests"          HTTP requests sent, answered or not
 *   "requests_by_kind"  {"status", "comment", "report"}: of those, per kind of post
 *   "coalesced"         updates replaced by a newer one of their slot before being sent
 *   "deduplicated"      updates the host already held (no request needed)
 *   "retries"           deliveries tried again after a failure
 *   "rate_limited"      answers 429
 *   "failed"            posts the host refused for good
 *   "budget_waits"      deliveries put off until the request budget had room
 *   "saved"             {"coalescing", "deduplication", "batching"}: requests saved by each;
 *                       "conditional": reads the host answered 304 (GitHub: not charged)
 *   "pending"           slots not yet settled, now
 *   "reports_dropped"   delivery reports dropped over reports.max_queued
 * *needed_out (may be NULL) gets the size including the NUL. Any thread; not from a callback.
 * CIB_OK: copied. CIB_ERR_BUFFER_TOO_SMALL: buf_size < needed (buf holds "").
 * CIB_ERR_INVALID_ARGUMENT: client is NULL, or buf is NULL with buf_size > 0.
 * CIB_ERR_CLOSED: destroy has begun. CIB_ERR_FORKED: in a child after fork().
 * CIB_ERR_REENTRY: from inside a callback. */
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
 * size including the NUL. Any thread, also while clients use the file. CIB_OK: the file is
 * healthy (or absent). CIB_ERR_SPOOL: it is damaged (or was moved aside); the JSON says why.
 * CIB_ERR_BUFFER_TOO_SMALL: buf_size < needed (buf holds ""; a move aside is done all the
 * same, and the message says where to). CIB_ERR_INVALID_ARGUMENT: unknown flag bits, or buf
 * is NULL with buf_size > 0. */
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
 * (may be NULL) gets the size including the NUL. Any thread; not from a callback.
 * CIB_OK: copied. CIB_ERR_BUFFER_TOO_SMALL: buf_size < needed (buf holds "").
 * CIB_ERR_BUDGET: the store could not be read. CIB_ERR_INVALID_ARGUMENT: client is NULL, or
 * buf is NULL with buf_size > 0. CIB_ERR_CLOSED: destroy has begun. CIB_ERR_FORKED: in a child
 * after fork(). CIB_ERR_REENTRY: from inside a callback. */
CIB_API cib_status cib_client_budget_json(cib_client* client, char* buf, size_t buf_size,
                                          size_t* needed_out, char* errstr, size_t errstr_size);

/* The same for every identity in the budget store that conf names (budget.path or
 * budget.shared), without opening a client or sending anything: {"store","identities":[...]},
 * each entry shaped as cib_client_budget_json's, measured against conf's limits. Any thread
 * while no thread changes conf. CIB_OK: copied. CIB_ERR_CONFIG_*: conf is incomplete or
 * invalid. CIB_ERR_BUDGET: the store could not be read. CIB_ERR_BUFFER_TOO_SMALL: buf_size <
 * needed (buf holds ""). CIB_ERR_INVALID_ARGUMENT: conf is NULL, or buf is NULL with buf_size
 * > 0. */
CIB_API cib_status cib_budget_json(const cib_config* conf, char* buf, size_t buf_size,
                                   size_t* needed_out, char* errstr, size_t errstr_size);

#ifdef __cplusplus
}
#endif

#endif /* CIBATCH_H */
