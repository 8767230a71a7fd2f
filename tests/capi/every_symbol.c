/* capi_every_symbol: a C99 program, linked only against libcibatch.so, that calls every function
 * of cibatch.h at least once and checks what the header promises for each call.
 *
 *   capi_every_symbol SYMBOLS_TXT
 *
 * SYMBOLS_TXT is abi/symbols.txt: every name listed there must be in the table below, so a
 * function added to the ABI without a call here fails this test. The client talks to a loopback
 * port nothing listens on. Exits 0 only when every check passed; prints each failed one. */
#include "every_symbol.h"

#include <stdio.h>
#include <string.h>

static int checks_run;
static int checks_failed;

void check(int passed, const char* what, const char* file, int line) {
  ++checks_run;
  if (!passed) {
    ++checks_failed;
    fprintf(stderr, "%s:%d: FAILED: %s\n", file, line, what);
  }
}

void check_status(cib_status got, cib_status want, const char* what, const char* message,
                  const char* file, int line) {
  ++checks_run;
  if (got != want) {
    ++checks_failed;
    fprintf(stderr, "%s:%d: FAILED: %s returned %s, expected %s: %s\n", file, line, what,
            cib_status_name(got), cib_status_name(want), message);
  }
}

/* ---- every symbol, by name: linking this table is what "the test references every symbol"
 * means; main() compares it with abi/symbols.txt. ---- */
typedef void (*any_function)(void);
struct symbol {
  const char* name;
  any_function function;
};
#define SYMBOL(f) \
  { #f, (any_function)f }
static const struct symbol symbols[] = {
    SYMBOL(cib_annotation_init),
    SYMBOL(cib_build_status_init),
    SYMBOL(cib_client_close),
    SYMBOL(cib_spool_check),
    SYMBOL(cib_budget_json),
    SYMBOL(cib_client_budget_json),
    SYMBOL(cib_client_destroy),
    SYMBOL(cib_client_flush),
    SYMBOL(cib_client_new),
    SYMBOL(cib_client_poll),
    SYMBOL(cib_client_post_comment),
    SYMBOL(cib_client_post_report),
    SYMBOL(cib_client_post_sonar),
    SYMBOL(cib_client_post_sonar_task),
    SYMBOL(cib_client_post_status),
    SYMBOL(cib_client_set_delivery_cb),
    SYMBOL(cib_client_set_log_cb),
    SYMBOL(cib_client_stats_json),
    SYMBOL(cib_comment_init),
    SYMBOL(cib_config_destroy),
    SYMBOL(cib_config_get),
    SYMBOL(cib_config_load_yaml),
    SYMBOL(cib_config_load_yaml_file),
    SYMBOL(cib_config_load_yaml_text),
    SYMBOL(cib_config_new),
    SYMBOL(cib_config_set),
    SYMBOL(cib_config_validate),
    SYMBOL(cib_delivery_commit),
    SYMBOL(cib_delivery_http_status),
    SYMBOL(cib_delivery_key),
    SYMBOL(cib_delivery_kind),
    SYMBOL(cib_delivery_message),
    SYMBOL(cib_delivery_outcome),
    SYMBOL(cib_delivery_pr),
    SYMBOL(cib_delivery_repo),
    SYMBOL(cib_delivery_tag),
    SYMBOL(cib_report_data_init),
    SYMBOL(cib_report_init),
    SYMBOL(cib_sonar_init),
    SYMBOL(cib_status_is_retriable),
    SYMBOL(cib_status_name),
    SYMBOL(cib_status_str),
    SYMBOL(cib_version),
    SYMBOL(cib_version_str),
};
#define SYMBOL_COUNT (sizeof symbols / sizeof symbols[0])

static int in_table(const char* name) {
  size_t i;
  for (i = 0; i < SYMBOL_COUNT; ++i) {
    if (strcmp(symbols[i].name, name) == 0) return symbols[i].function != NULL;
  }
  return 0;
}

static void check_table_covers_symbols_txt(const char* path) {
  char line[256];
  char name[256];
  size_t listed = 0;
  FILE* file = fopen(path, "r");
  if (file == NULL) {
    check(0, "abi/symbols.txt can be opened (pass its path as the argument)", __FILE__, __LINE__);
    return;
  }
  while (fgets(line, sizeof line, file) != NULL) {
    if (sscanf(line, "%255s", name) != 1 || name[0] == '#') continue;
    ++listed;
    if (!in_table(name)) {
      fprintf(stderr, "every_symbol: %s is in abi/symbols.txt but not in the table\n", name);
    }
    CHECK(in_table(name));
  }
  fclose(file);
  CHECK(listed == SYMBOL_COUNT);
}

/* ---- versions and status codes ---- */
static void check_versions(void) {
  CHECK(cib_version() == CIB_VERSION_NUM);
  CHECK(cib_version_str() != NULL && strcmp(cib_version_str(), CIB_VERSION_STR) == 0);
}

struct status_name {
  cib_status status;
  const char* name;
  int retriable; /* 1 or 0 where the header says so; -1 where it leaves the choice */
};

static const struct status_name statuses[] = {
    {CIB_OK, "CIB_OK", 0},
    {CIB_ERR_INVALID_ARGUMENT, "CIB_ERR_INVALID_ARGUMENT", 0},
    {CIB_ERR_UNSUPPORTED_VERSION, "CIB_ERR_UNSUPPORTED_VERSION", 0},
    {CIB_ERR_CONFIG_UNKNOWN_KEY, "CIB_ERR_CONFIG_UNKNOWN_KEY", 0},
    {CIB_ERR_CONFIG_INVALID_VALUE, "CIB_ERR_CONFIG_INVALID_VALUE", 0},
    {CIB_ERR_CONFIG_LOCKED, "CIB_ERR_CONFIG_LOCKED", 0},
    {CIB_ERR_CONFIG_SYNTAX, "CIB_ERR_CONFIG_SYNTAX", 0},
    {CIB_ERR_CONFIG_MISSING, "CIB_ERR_CONFIG_MISSING", 0},
    {CIB_ERR_BUFFER_TOO_SMALL, "CIB_ERR_BUFFER_TOO_SMALL", 0},
    {CIB_ERR_TRANSPORT, "CIB_ERR_TRANSPORT", 1},
    {CIB_ERR_TLS, "CIB_ERR_TLS", -1},
    {CIB_ERR_TIMEOUT, "CIB_ERR_TIMEOUT", 1},
    {CIB_ERR_HOST_REJECTED, "CIB_ERR_HOST_REJECTED", 0},
    {CIB_ERR_AUTH, "CIB_ERR_AUTH", 0},
    {CIB_ERR_RATE_LIMITED, "CIB_ERR_RATE_LIMITED", 1},
    {CIB_ERR_HOST_UNAVAILABLE, "CIB_ERR_HOST_UNAVAILABLE", -1},
    {CIB_ERR_SPOOL, "CIB_ERR_SPOOL", -1},
    {CIB_ERR_SPOOL_DAMAGED, "CIB_ERR_SPOOL_DAMAGED", 0},
    {CIB_ERR_SPOOL_NEWER, "CIB_ERR_SPOOL_NEWER", 0},
    {CIB_ERR_SPOOL_FULL, "CIB_ERR_SPOOL_FULL", 1},
    {CIB_ERR_SPOOL_READ_ONLY, "CIB_ERR_SPOOL_READ_ONLY", 0},
    {CIB_ERR_BUDGET, "CIB_ERR_BUDGET", 1},
    {CIB_ERR_QUEUE_FULL, "CIB_ERR_QUEUE_FULL", 1},
    {CIB_ERR_TIMED_OUT, "CIB_ERR_TIMED_OUT", 1},
    {CIB_ERR_UNDELIVERED, "CIB_ERR_UNDELIVERED", -1},
    {CIB_ERR_CLOSED, "CIB_ERR_CLOSED", 0},
    {CIB_ERR_FORKED, "CIB_ERR_FORKED", 0},
    {CIB_ERR_REENTRY, "CIB_ERR_REENTRY", -1},
    {CIB_ERR_INTERNAL, "CIB_ERR_INTERNAL", 0},
};

static void check_status_names(void) {
  /* Values in the enum's range that name no status (C++ only defines 0..1023 for it). */
  static const int unknown[] = {1, 42, 108, 150, 204, 304, 406, 506, 600, 999, 1023};
  size_t i;
  for (i = 0; i < sizeof statuses / sizeof statuses[0]; ++i) {
    const struct status_name* s = &statuses[i];
    const char* name = cib_status_name(s->status);
    const char* text = cib_status_str(s->status);
    const int retriable = cib_status_is_retriable(s->status);
    const int passed = name != NULL && strcmp(name, s->name) == 0 && text != NULL &&
                       text[0] != '\0' && (retriable == 0 || retriable == 1) &&
                       (s->retriable < 0 || retriable == s->retriable);
    if (!passed) {
      fprintf(stderr, "every_symbol: status %d: name %s, str \"%s\", retriable %d\n",
              (int)s->status, name != NULL ? name : "NULL", text != NULL ? text : "NULL",
              retriable);
    }
    CHECK(passed);
  }
  for (i = 0; i < sizeof unknown / sizeof unknown[0]; ++i) {
    const cib_status status = (cib_status)unknown[i];
    const char* text = cib_status_str(status);
    CHECK(strcmp(cib_status_name(status), "CIB_UNKNOWN") == 0);
    CHECK(text != NULL && text[0] != '\0');
    CHECK(cib_status_is_retriable(status) == 0);
  }
}

/* ---- the _init twins ---- */
static void check_payload_init(void) {
  char errstr[256];
  cib_build_status status;
  cib_comment comment;
  cib_annotation annotation;
  cib_report_data data;
  cib_report report;
  memset(&status, 0x5a, sizeof status);
  memset(&comment, 0x5a, sizeof comment);
  memset(&annotation, 0x5a, sizeof annotation);
  memset(&data, 0x5a, sizeof data);
  memset(&report, 0x5a, sizeof report);
  CHECK_STATUS(cib_build_status_init(&status, CIB_BUILD_STATUS_VERSION, errstr, sizeof errstr),
               CIB_OK);
  CHECK(status.version == CIB_BUILD_STATUS_VERSION && status.repo == NULL &&
        status.state == CIB_STATE_INPROGRESS && status.ref == NULL);
  CHECK_STATUS(cib_comment_init(&comment, CIB_COMMENT_VERSION, errstr, sizeof errstr), CIB_OK);
  CHECK(comment.version == CIB_COMMENT_VERSION && comment.pr == 0 && comment.body == NULL);
  CHECK_STATUS(cib_annotation_init(&annotation, CIB_ANNOTATION_VERSION, errstr, sizeof errstr),
               CIB_OK);
  CHECK(annotation.version == CIB_ANNOTATION_VERSION && annotation.line == 0 &&
        annotation.severity == CIB_SEVERITY_MEDIUM && annotation.type == CIB_FINDING_BUG);
  CHECK_STATUS(cib_report_data_init(&data, CIB_REPORT_DATA_VERSION, errstr, sizeof errstr), CIB_OK);
  CHECK(data.version == CIB_REPORT_DATA_VERSION && data.type == CIB_DATA_TEXT &&
        data.title == NULL);
  CHECK_STATUS(cib_report_init(&report, CIB_REPORT_VERSION, errstr, sizeof errstr), CIB_OK);
  CHECK(report.version == CIB_REPORT_VERSION && report.result == CIB_RESULT_PENDING &&
        report.data == NULL && report.data_count == 0 && report.annotations == NULL &&
        report.annotation_count == 0);
  CHECK(errstr[0] == '\0');
}

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s SYMBOLS_TXT\n", argv[0]);
    return 2;
  }
  check_table_covers_symbols_txt(argv[1]);
  check_versions();
  check_status_names();
  check_payload_init();
  check_config_and_client();
  printf("capi_every_symbol: %d checks, %d failed\n", checks_run, checks_failed);
  return checks_failed == 0 ? 0 : 1;
}
