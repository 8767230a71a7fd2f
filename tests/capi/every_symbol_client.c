/* The configuration and client half of capi_every_symbol: a whole client life through the C ABI,
 * against a loopback port nothing listens on (so deliveries fail and are retried, and flush
 * runs out of time or settles them as failed). */
#define _XOPEN_SOURCE 700 /* mkdtemp */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "every_symbol.h"

#define TAG 7u
#define PR 42

/* What the callbacks saw. With log.queue true both run on this thread, inside cib_client_poll. */
struct seen {
  int deliveries;
  int bad_deliveries;
  int logs;
  int bad_logs;
};

static void on_delivery(void* opaque, const cib_delivery* d) {
  struct seen* seen = (struct seen*)opaque;
  const uint64_t tag = cib_delivery_tag(d);
  const int32_t kind = cib_delivery_kind(d);
  const char* repo = cib_delivery_repo(d);
  const char* commit = cib_delivery_commit(d);
  const int64_t pr = cib_delivery_pr(d);
  const char* key = cib_delivery_key(d);
  const int32_t outcome = cib_delivery_outcome(d);
  const int32_t http_status = cib_delivery_http_status(d);
  const char* message = cib_delivery_message(d);
  const int passed = tag == TAG && kind >= CIB_SLOT_STATUS && kind <= CIB_SLOT_REPORT &&
                     repo != NULL && strcmp(repo, "acme/web") == 0 && commit != NULL &&
                     pr == (kind == CIB_SLOT_COMMENT ? PR : 0) && key != NULL && key[0] != '\0' &&
                     outcome >= CIB_OUTCOME_DELIVERED && outcome <= CIB_OUTCOME_FAILED &&
                     http_status >= 0 && http_status <= 599 && message != NULL;
  ++seen->deliveries;
  if (!passed) {
    ++seen->bad_deliveries;
    fprintf(stderr, "every_symbol: delivery tag %llu kind %d repo %s pr %lld outcome %d http %d\n",
            (unsigned long long)tag, (int)kind, repo != NULL ? repo : "NULL", (long long)pr,
            (int)outcome, (int)http_status);
  }
}

static void on_log(void* opaque, int32_t level, const char* message) {
  struct seen* seen = (struct seen*)opaque;
  ++seen->logs;
  if (level < CIB_LOG_ERROR || level > CIB_LOG_DEBUG || message == NULL) ++seen->bad_logs;
}

/* A spool of this run's own, removed at the end. */
static char spool_dir[64];
static char spool_path[96];
static char budget_path[96];
static char yaml_path[96];

static void make_spool_dir(void) {
  strcpy(spool_dir, "/tmp/cibatch-every-symbol-XXXXXX");
  CHECK(mkdtemp(spool_dir) != NULL);
  snprintf(spool_path, sizeof spool_path, "%s/spool.db", spool_dir);
  snprintf(budget_path, sizeof budget_path, "%s/budget.db", spool_dir);
  snprintf(yaml_path, sizeof yaml_path, "%s/cibatch.yml", spool_dir);
}

static void remove_spool_dir(void) {
  static const char* const suffixes[] = {"", "-wal", "-shm"};
  char file[128];
  size_t i;
  for (i = 0; i < sizeof suffixes / sizeof suffixes[0]; ++i) {
    snprintf(file, sizeof file, "%s%s", spool_path, suffixes[i]);
    unlink(file);
    snprintf(file, sizeof file, "%s%s", budget_path, suffixes[i]);
    unlink(file);
  }
  unlink(yaml_path);
  rmdir(spool_dir);
}

static void check_spool(void) {
  char errstr[512];
  char json[2048];
  size_t needed = 0;
  CHECK_STATUS(cib_spool_check(spool_path, 0, json, sizeof json, &needed, errstr, sizeof errstr),
               CIB_OK);
  CHECK(strstr(json, "\"healthy\":true") != NULL);
  CHECK_STATUS(
      cib_spool_check(spool_path, 0x80u, json, sizeof json, &needed, errstr, sizeof errstr),
      CIB_ERR_INVALID_ARGUMENT);
}

/* Since 1.3: a file and text, each read as what it is. */
static void load_yaml_file_and_text(cib_config* conf) {
  static const char file_yaml[] = "cibatch:\n  batching:\n    max_delay_ms: 4000\n";
  static const char text[] = "cibatch: {reports: {max_queued: 500}}";
  char errstr[512];
  char value[64];
  FILE* file = fopen(yaml_path, "w");
  CHECK(file != NULL);
  if (file == NULL) return;
  CHECK(fputs(file_yaml, file) >= 0);
  CHECK(fclose(file) == 0);
  CHECK_STATUS(cib_config_load_yaml_file(conf, yaml_path, errstr, sizeof errstr), CIB_OK);
  CHECK_STATUS(cib_config_get(conf, "batching.max_delay_ms", value, sizeof value, NULL, errstr,
                              sizeof errstr),
               CIB_OK);
  CHECK(strcmp(value, "4000") == 0);
  /* The length leaves out the closing brace: the text must be cut there, and fail. */
  CHECK_STATUS(cib_config_load_yaml_text(conf, text, sizeof text - 2, errstr, sizeof errstr),
               CIB_ERR_CONFIG_SYNTAX);
  CHECK_STATUS(cib_config_load_yaml_text(conf, text, sizeof text - 1, errstr, sizeof errstr),
               CIB_OK);
  CHECK_STATUS(cib_config_load_yaml_text(conf, text, CIB_NUL_TERMINATED, errstr, sizeof errstr),
               CIB_OK);
  CHECK_STATUS(
      cib_config_get(conf, "reports.max_queued", value, sizeof value, NULL, errstr, sizeof errstr),
      CIB_OK);
  CHECK(strcmp(value, "500") == 0);
}

static cib_config* make_config(void) {
  static const char* const settings[][2] = {
      {"host.kind", "bitbucket-cloud"}, {"host.api_url", "http://127.0.0.1:9/2.0"},
      {"host.auth.token", "t"},         {"log.queue", "true"},
      {"shutdown.timeout_ms", "200"},   {"spool.sync", "always"},
  };
  static const char yaml[] =
      "cibatch:\n"
      "  batching:\n"
      "    linger_ms: 50\n"
      "    terminal_linger_ms: 20\n";
  char errstr[512];
  char value[64];
  size_t needed = 0;
  size_t i;
  cib_config* conf = NULL;
  CHECK_STATUS(cib_config_new(&conf, errstr, sizeof errstr), CIB_OK);
  if (conf == NULL) return NULL;
  for (i = 0; i < sizeof settings / sizeof settings[0]; ++i) {
    CHECK_STATUS(cib_config_set(conf, settings[i][0], settings[i][1], errstr, sizeof errstr),
                 CIB_OK);
  }
  CHECK_STATUS(cib_config_load_yaml(conf, yaml, errstr, sizeof errstr), CIB_OK);
  load_yaml_file_and_text(conf);
  CHECK_STATUS(cib_config_set(conf, "spool.path", spool_path, errstr, sizeof errstr), CIB_OK);
  CHECK_STATUS(cib_config_set(conf, "budget.path", budget_path, errstr, sizeof errstr), CIB_OK);

  CHECK_STATUS(cib_config_get(conf, "batching.linger_ms", value, sizeof value, &needed, errstr,
                              sizeof errstr),
               CIB_OK);
  CHECK(strcmp(value, "50") == 0 && needed == 3);
  CHECK_STATUS(cib_config_get(conf, "host.kind", value, 4, &needed, errstr, sizeof errstr),
               CIB_ERR_BUFFER_TOO_SMALL);
  CHECK(needed == sizeof "bitbucket-cloud");
  CHECK_STATUS(
      cib_config_get(conf, "host.auth.token", value, sizeof value, NULL, errstr, sizeof errstr),
      CIB_OK);
  CHECK(strcmp(value, "(secret)") == 0);
  CHECK_STATUS(cib_config_validate(conf, errstr, sizeof errstr), CIB_OK);
  return conf;
}

static void post_one_of_each(cib_client* client) {
  char errstr[512];
  cib_build_status status = CIB_BUILD_STATUS_INIT;
  cib_comment comment = CIB_COMMENT_INIT;
  cib_report_data data = CIB_REPORT_DATA_INIT;
  cib_annotation annotation = CIB_ANNOTATION_INIT;
  cib_report report = CIB_REPORT_INIT;
  const cib_report_data* data_list[1];
  const cib_annotation* annotation_list[1];

  status.repo = "acme/web";
  status.commit = "3f2c6b1e9a0d4c8b7e5f2a1d0c9b8a7f6e5d4c3b";
  status.key = "build";
  status.state = CIB_STATE_SUCCESSFUL;
  CHECK_STATUS(cib_client_post_status(client, &status, TAG, 0, errstr, sizeof errstr), CIB_OK);

  comment.repo = "acme/web";
  comment.pr = PR;
  comment.key = "coverage";
  comment.body = "Coverage 81.2% (+0.4)";
  CHECK_STATUS(
      cib_client_post_comment(client, &comment, TAG, CIB_POST_FORCE, errstr, sizeof errstr),
      CIB_OK);

  data.title = "Coverage";
  data.type = CIB_DATA_PERCENTAGE;
  data.value = "81.2";
  data_list[0] = &data;
  annotation.id = "AX-1";
  annotation.path = "src/main.c";
  annotation.line = 12;
  annotation.summary = "Remove this unused variable";
  annotation_list[0] = &annotation;
  report.repo = "acme/web";
  report.commit = status.commit;
  report.id = "sonar";
  report.title = "SonarQube";
  report.result = CIB_RESULT_FAILED;
  report.data = data_list;
  report.data_count = 1;
  report.annotations = annotation_list;
  report.annotation_count = 1;
  CHECK_STATUS(cib_client_post_report(client, &report, TAG, 0, errstr, sizeof errstr), CIB_OK);
}

/* Since 1.4: one SonarQube analysis, a page of issues and the quality gate. */
static void post_sonar(cib_client* client) {
  char errstr[512];
  cib_sonar sonar;
  static const char page[] =
      "{\"total\":1,\"p\":1,\"ps\":500,\"issues\":[{\"key\":\"AX-2\","
      "\"rule\":\"c:S1481\",\"severity\":\"MINOR\",\"component\":\"web:src/main.c\","
      "\"project\":\"web\",\"line\":12,\"message\":\"Remove this unused variable\","
      "\"type\":\"CODE_SMELL\",\"status\":\"OPEN\"}]}";
  static const char gate[] = "{\"projectStatus\":{\"status\":\"OK\",\"conditions\":[]}}";
  const char* pages[1];
  pages[0] = page;
  CHECK_STATUS(cib_sonar_init(&sonar, CIB_SONAR_VERSION, errstr, sizeof errstr), CIB_OK);
  sonar.repo = "acme/web";
  sonar.commit = "3f2c6b1e9a0d4c8b7e5f2a1d0c9b8a7f6e5d4c3b";
  sonar.pr = PR;
  sonar.issue_pages = pages;
  sonar.issue_page_count = 1;
  sonar.gate = gate;
  CHECK_STATUS(cib_client_post_sonar(client, &sonar, TAG, 0, errstr, sizeof errstr), CIB_OK);
  sonar.gate = NULL;
  sonar.sarif = "{\"version\":\"2.1.0\",\"runs\":[]}";
  CHECK_STATUS(cib_client_post_sonar(client, &sonar, TAG, 0, errstr, sizeof errstr),
               CIB_ERR_INVALID_ARGUMENT);
  /* The client has no sonar.url: pull mode is refused before the file is read. */
  CHECK_STATUS(cib_client_post_sonar_task(client, "acme/web",
                                          "3f2c6b1e9a0d4c8b7e5f2a1d0c9b8a7f6e5d4c3b", PR,
                                          "report-task.txt", TAG, 0, errstr, sizeof errstr),
               CIB_ERR_CONFIG_MISSING);
}

static void check_stats(cib_client* client) {
  char errstr[512];
  char small[4];
  char json[4096];
  size_t needed = 0;
  size_t needed_again = 0;
  CHECK_STATUS(cib_client_stats_json(client, small, sizeof small, &needed, errstr, sizeof errstr),
               CIB_ERR_BUFFER_TOO_SMALL);
  CHECK(needed > sizeof small && needed <= sizeof json);
  if (needed <= sizeof small || needed > sizeof json) return;
  CHECK_STATUS(cib_client_stats_json(client, json, needed, &needed_again, errstr, sizeof errstr),
               CIB_OK);
  CHECK(strlen(json) + 1 == needed_again);
  CHECK(json[0] == '{' && strstr(json, "\"calls\"") != NULL &&
        strstr(json, "\"requests\"") != NULL);
}

/* The client's budget, then the store's view of every identity in it. */
static void check_budget(cib_client* client, const cib_config* conf) {
  char errstr[512];
  char json[8192];
  size_t needed = 0;
  CHECK_STATUS(cib_client_budget_json(client, json, sizeof json, &needed, errstr, sizeof errstr),
               CIB_OK);
  CHECK(strlen(json) + 1 == needed);
  CHECK(strstr(json, "\"limit\":1000") != NULL && strstr(json, "\"by_priority\"") != NULL);
  CHECK_STATUS(cib_client_budget_json(client, json, 2, &needed, errstr, sizeof errstr),
               CIB_ERR_BUFFER_TOO_SMALL);
  CHECK_STATUS(cib_client_budget_json(NULL, json, sizeof json, &needed, errstr, sizeof errstr),
               CIB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(cib_budget_json(conf, json, sizeof json, &needed, errstr, sizeof errstr), CIB_OK);
  CHECK(strstr(json, "\"identities\"") != NULL);
  CHECK_STATUS(cib_budget_json(NULL, json, sizeof json, &needed, errstr, sizeof errstr),
               CIB_ERR_INVALID_ARGUMENT);
}

void check_config_and_client(void) {
  char errstr[512];
  struct seen seen = {0, 0, 0, 0};
  cib_client* client = NULL;
  cib_config* conf;
  size_t left = 0;
  size_t served = 0;
  cib_status flushed;
  make_spool_dir();
  conf = make_config();
  if (conf == NULL) return;

  CHECK_STATUS(cib_client_new(&client, conf, errstr, sizeof errstr), CIB_OK);
  if (client != NULL) check_budget(client, conf);
  /* The client copied the configuration. */
  cib_config_destroy(conf);
  cib_config_destroy(NULL);
  if (client == NULL) return;

  CHECK_STATUS(cib_client_set_delivery_cb(client, on_delivery, &seen, errstr, sizeof errstr),
               CIB_OK);
  CHECK_STATUS(cib_client_set_log_cb(client, on_log, &seen, CIB_LOG_DEBUG, errstr, sizeof errstr),
               CIB_OK);
  post_one_of_each(client);
  post_sonar(client);

  flushed = cib_client_flush(client, TAG, 300, &left, errstr, sizeof errstr);
  CHECK((flushed == CIB_OK && left == 0) ||
        ((flushed == CIB_ERR_TIMED_OUT || flushed == CIB_ERR_UNDELIVERED) && left > 0));
  if (flushed != CIB_OK && flushed != CIB_ERR_TIMED_OUT && flushed != CIB_ERR_UNDELIVERED) {
    fprintf(stderr, "every_symbol: cib_client_flush: %s: %s\n", cib_status_name(flushed), errstr);
  }

  CHECK_STATUS(cib_client_poll(client, 0, &served, errstr, sizeof errstr), CIB_OK);
  CHECK(served == (size_t)(seen.deliveries + seen.logs));
  CHECK(seen.bad_deliveries == 0 && seen.bad_logs == 0);
  printf("capi_every_symbol: flush %s with %lu left; poll served %d deliveries, %d log lines\n",
         cib_status_name(flushed), (unsigned long)left, seen.deliveries, seen.logs);

  check_stats(client);

  CHECK_STATUS(cib_client_set_delivery_cb(client, NULL, NULL, errstr, sizeof errstr), CIB_OK);
  CHECK_STATUS(cib_client_set_log_cb(client, NULL, NULL, CIB_LOG_ERROR, errstr, sizeof errstr),
               CIB_OK);
  {
    size_t gating_left = 0;
    const cib_status closed = cib_client_close(client, &left, &gating_left, errstr, sizeof errstr);
    CHECK(closed == CIB_OK || closed == CIB_ERR_UNDELIVERED || closed == CIB_ERR_TIMED_OUT);
    CHECK(gating_left <= left);
    CHECK_STATUS(cib_client_close(client, &left, &gating_left, errstr, sizeof errstr),
                 CIB_ERR_CLOSED);
  }
  cib_client_destroy(NULL);
  cib_client_destroy(client);
  check_spool();
  remove_spool_dir();
}
