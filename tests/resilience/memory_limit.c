/* memory_limit: a host process out of address space (as a JVM under `ulimit -v`) gets statuses,
 * never an abort. A child opens a client (spool on, nothing listening at the host, so the
 * dispatcher keeps building requests and retrying), then lowers RLIMIT_AS to a little above what
 * it has mapped and posts 1 MiB reports of distinct ids until the posts fail, and a few more.
 * Then it flushes and destroys the client under the same limit. The child must exit normally;
 * it prints each status it saw and how often. Every thread of the library, not only the
 * caller's, must survive std::bad_alloc. A hang is ended by alarm(). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cibatch.h"

enum {
  kHeadroomMb = 192,        /* address space above what is mapped when the limit is set */
  kAnnotations = 16,        /* per report */
  kDetailBytes = 64 * 1024, /* per annotation: 1 MiB a report */
  kPostsAfterFailure = 50,
  kMaxPosts = 5000,
  kDeadlineSeconds = 120
};

static cib_client* open_client(const char* dir) {
  char err[512] = "", spool[4096], budget[4096];
  snprintf(spool, sizeof spool, "%s/spool.db", dir);
  snprintf(budget, sizeof budget, "%s/budget.db", dir);
  cib_config* conf = NULL;
  cib_client* client = NULL;
  const int failed =
      cib_config_new(&conf, err, sizeof err) != CIB_OK ||
      cib_config_set(conf, "host.kind", "bitbucket-cloud", err, sizeof err) != CIB_OK ||
      cib_config_set(conf, "host.api_url", "http://127.0.0.1:9/2.0", err, sizeof err) != CIB_OK ||
      cib_config_set(conf, "host.auth.token", "memory-limit-test", err, sizeof err) != CIB_OK ||
      cib_config_set(conf, "spool.path", spool, err, sizeof err) != CIB_OK ||
      cib_config_set(conf, "budget.path", budget, err, sizeof err) != CIB_OK ||
      cib_config_set(conf, "batching.linger_ms", "0", err, sizeof err) != CIB_OK ||
      cib_config_set(conf, "transport.retry_max_ms", "50", err, sizeof err) != CIB_OK ||
      cib_config_set(conf, "shutdown.timeout_ms", "500", err, sizeof err) != CIB_OK ||
      cib_client_new(&client, conf, err, sizeof err) != CIB_OK;
  if (failed) fprintf(stderr, "setup failed: %s\n", err);
  cib_config_destroy(conf);
  return failed ? NULL : client;
}

/* Lowers the soft address-space limit to what is mapped now plus kHeadroomMb. */
static int limit_address_space(void) {
  FILE* statm = fopen("/proc/self/statm", "r");
  long pages = 0;
  const int read = statm != NULL && fscanf(statm, "%ld", &pages) == 1;
  if (statm != NULL) fclose(statm);
  if (!read) return -1;
  struct rlimit limit;
  getrlimit(RLIMIT_AS, &limit);
  limit.rlim_cur = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE) + ((rlim_t)kHeadroomMb << 20);
  return setrlimit(RLIMIT_AS, &limit);
}

/* Posts reports until they fail and kPostsAfterFailure more; counts each status. Returns the
 * number of posts refused. */
static int post_until_full(cib_client* client, int counts[1000]) {
  static char details[kDetailBytes + 1];
  memset(details, 'x', kDetailBytes);
  cib_annotation annotations[kAnnotations];
  const cib_annotation* pointers[kAnnotations];
  char ids[kAnnotations][16], report_id[32], err[512];
  for (int i = 0; i < kAnnotations; ++i) {
    const cib_annotation init = CIB_ANNOTATION_INIT;
    annotations[i] = init;
    snprintf(ids[i], sizeof ids[i], "a%d", i);
    annotations[i].id = ids[i];
    annotations[i].summary = "a finding";
    annotations[i].details = details;
    pointers[i] = &annotations[i];
  }
  cib_report report = CIB_REPORT_INIT;
  report.repo = "acme/web";
  report.commit = "3f2c8a1e9b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a";
  report.title = "Lint";
  report.id = report_id;
  report.annotations = pointers;
  report.annotation_count = kAnnotations;
  int refused = 0;
  for (int i = 0; i < kMaxPosts && refused < kPostsAfterFailure; ++i) {
    snprintf(report_id, sizeof report_id, "lint-%d", i);
    const cib_status status = cib_client_post_report(client, &report, 1, 0, err, sizeof err);
    counts[status < 1000 ? status : 999]++;
    refused += status != CIB_OK;
  }
  return refused;
}

static int run_child(const char* dir) {
  alarm(kDeadlineSeconds);
  static int counts[1000];
  cib_client* client = open_client(dir);
  if (client == NULL) return 1;
  if (limit_address_space() != 0) {
    perror("setrlimit");
    return 1;
  }
  const int refused = post_until_full(client, counts);
  size_t left = 0;
  char err[512];
  const cib_status flushed = cib_client_flush(client, 0, 200, &left, err, sizeof err);
  counts[flushed < 1000 ? flushed : 999]++;
  cib_client_destroy(client);
  for (int status = 0; status < 1000; ++status) {
    if (counts[status] > 0) printf("%s: %d\n", cib_status_name((cib_status)status), counts[status]);
  }
  fflush(stdout);
  return refused > 0 ? 0 : 3;
}

int main(void) {
  char dir[] = "/tmp/cib-memlimit-XXXXXX";
  if (mkdtemp(dir) == NULL) return 2;
  fflush(stdout);
  const pid_t child = fork();
  if (child == 0) _exit(run_child(dir));
  int status = 0;
  waitpid(child, &status, 0);
  char command[4200];
  snprintf(command, sizeof command, "rm -rf '%s'", dir);
  if (system(command) != 0) fprintf(stderr, "could not remove %s\n", dir);
  if (WIFSIGNALED(status)) {
    fprintf(stderr, "the child died of signal %d\n", WTERMSIG(status));
    return 1;
  }
  if (WEXITSTATUS(status) == 3) fprintf(stderr, "memory never ran out: no post was refused\n");
  return WEXITSTATUS(status);
}
