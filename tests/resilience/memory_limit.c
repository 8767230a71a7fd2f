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
#include <unistd.h>

#include "child_run.h"

enum {
  kHeadroomMb = 192,        /* address space above what is mapped when the limit is set */
  kAnnotations = 16,        /* per report */
  kDetailBytes = 64 * 1024, /* per annotation: 1 MiB a report */
  kPostsAfterFailure = 50,
  kMaxPosts = 5000,
  kDeadlineSeconds = 120
};

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

/* What a post may answer out of memory: accepted, or refused as out of memory (INTERNAL), as a
 * full queue, or as a spool that could not record it (SQLite out of memory). */
static int expected(cib_status status) {
  return status == CIB_OK || status == CIB_ERR_INTERNAL || status == CIB_ERR_QUEUE_FULL ||
         status == CIB_ERR_SPOOL || status == CIB_ERR_SPOOL_FULL;
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
    if (!expected(status)) fprintf(stderr, "unexpected: %s\n", err);
  }
  return refused;
}

static int run_child(const char* dir) {
  alarm(kDeadlineSeconds);
  static int counts[1000];
  static const char* const settings[] = {"batching.linger_ms",
                                         "0",
                                         "transport.retry_max_ms",
                                         "50",
                                         "shutdown.timeout_ms",
                                         "500",
                                         NULL};
  cib_client* client = open_client_in("http://127.0.0.1:9/2.0", dir, settings);
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
  for (int status = 0; status < 1000; ++status) {
    if (counts[status] > 0 && !expected((cib_status)status) && status != (int)flushed) return 4;
  }
  return refused > 0 ? 0 : 3;
}

int main(void) {
  const int status = run_in_child(run_child);
  if (status == 3) fprintf(stderr, "memory never ran out: no post was refused\n");
  return status;
}
