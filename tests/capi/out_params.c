/* capi_out_params: a C99 program, linked only against libcibatch.so, that calls every function
 * with an out-parameter with arguments it refuses, each out-parameter filled with a pattern
 * first, and checks that the call reset it (handles to NULL, counts to 0, buffers to "") before
 * refusing. A caller that reads an out-parameter without looking at the status then reads
 * nothing stale. Exits 0 only when every check passed; prints each failed one. */
#define _POSIX_C_SOURCE 200809L /* setenv */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cibatch.h"

#define FILLED ((size_t)0x5a5a5a5a)

static int checks_run;
static int checks_failed;

static void check(int passed, const char* what, int line) {
  ++checks_run;
  if (!passed) {
    ++checks_failed;
    fprintf(stderr, "out_params.c:%d: FAILED: %s\n", line, what);
  }
}
#define CHECK(condition) check((condition) != 0, #condition, __LINE__)

/* A call that must fail; the checks after it read what it left in its out-parameters. */
#define CHECK_REFUSED(call) CHECK((call) != CIB_OK)

static void fill(char* buf, size_t size) {
  memset(buf, 'x', size);
}

static void check_constructors(void) {
  char errstr[256];
  cib_config* conf = (cib_config*)&errstr; /* any non-NULL value */
  cib_client* client = (cib_client*)&errstr;
  /* An administrator's file that does not exist: cib_config_new fails after its only check. */
  CHECK(setenv("CIBATCH_ADMIN_CONFIG", "/nonexistent/cibatch-out-params.yml", 1) == 0);
  CHECK_REFUSED(cib_config_new(&conf, errstr, sizeof errstr));
  CHECK(conf == NULL);
  CHECK(unsetenv("CIBATCH_ADMIN_CONFIG") == 0);
  CHECK_REFUSED(cib_client_new(&client, NULL, errstr, sizeof errstr));
  CHECK(client == NULL);
}

/* Needs char buf[] and size_t needed in scope: fills both, makes the call, checks both reset. */
#define CHECK_CLEARS_BUFFER(call)         \
  do {                                    \
    needed = FILLED;                      \
    fill(buf, sizeof buf);                \
    CHECK_REFUSED(call);                  \
    CHECK(needed == 0 && buf[0] == '\0'); \
  } while (0)

static void check_buffer_functions(void) {
  char errstr[256];
  char buf[32];
  size_t needed;
  CHECK_CLEARS_BUFFER(
      cib_config_get(NULL, "host.kind", buf, sizeof buf, &needed, errstr, sizeof errstr));
  CHECK_CLEARS_BUFFER(cib_client_stats_json(NULL, buf, sizeof buf, &needed, errstr, sizeof errstr));
  CHECK_CLEARS_BUFFER(
      cib_client_budget_json(NULL, buf, sizeof buf, &needed, errstr, sizeof errstr));
  CHECK_CLEARS_BUFFER(cib_budget_json(NULL, buf, sizeof buf, &needed, errstr, sizeof errstr));
  /* Unknown flag bits. */
  CHECK_CLEARS_BUFFER(
      cib_spool_check(NULL, 0x80u, buf, sizeof buf, &needed, errstr, sizeof errstr));

  /* A NULL buffer with a size is refused; *needed_out is still reset. */
  needed = FILLED;
  CHECK_REFUSED(cib_client_stats_json(NULL, NULL, 8, &needed, errstr, sizeof errstr));
  CHECK(needed == 0);
}

static void check_client_counts(void) {
  char errstr[256];
  size_t left = FILLED;
  size_t gating = FILLED;
  size_t served = FILLED;
  CHECK_REFUSED(cib_client_flush(NULL, 0, 0, &left, errstr, sizeof errstr));
  CHECK(left == 0);
  left = FILLED;
  CHECK_REFUSED(cib_client_close(NULL, &left, &gating, errstr, sizeof errstr));
  CHECK(left == 0 && gating == 0);
  CHECK_REFUSED(cib_client_poll(NULL, 0, &served, errstr, sizeof errstr));
  CHECK(served == 0);
}

/* errstr is an out-parameter of every fallible function: a refusal fills it, success empties
 * it, even when it held text before. */
static void check_errstr(void) {
  char errstr[64];
  cib_build_status status;
  fill(errstr, sizeof errstr);
  CHECK_REFUSED(cib_client_post_status(NULL, NULL, 1, 0, errstr, sizeof errstr));
  CHECK(memchr(errstr, '\0', sizeof errstr) != NULL && errstr[0] != '\0');
  fill(errstr, sizeof errstr);
  CHECK(cib_build_status_init(&status, CIB_BUILD_STATUS_VERSION, errstr, sizeof errstr) == CIB_OK);
  CHECK(errstr[0] == '\0');
}

int main(void) {
  check_constructors();
  check_buffer_functions();
  check_client_counts();
  check_errstr();
  printf("capi_out_params: %d checks, %d failed\n", checks_run, checks_failed);
  return checks_failed == 0 ? 0 : 1;
}
