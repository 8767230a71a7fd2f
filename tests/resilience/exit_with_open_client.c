/* Opens a client with an update waiting (long linger, nobody listening) and calls exit()
 * without destroying it, in a child with its own spool. The child must end at once with status
 * 0: no hang on the dispatcher thread (alarm() ends one), no crash in the libraries' exit
 * handlers. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "child_run.h"

static int run_child(const char* dir) {
  alarm(20);
  char err[512];
  static const char* const settings[] = {"batching.linger_ms", "600000", NULL};
  cib_client* client = open_client_in("http://127.0.0.1:9/2.0", dir, settings);
  if (client == NULL) return 1;
  cib_comment c = CIB_COMMENT_INIT;
  c.repo = "acme/web";
  c.pr = 1;
  c.key = "k";
  c.body = "waiting";
  if (cib_client_post_comment(client, &c, 1, 0, err, sizeof err) != CIB_OK) {
    fprintf(stderr, "post failed: %s\n", err);
    return 1;
  }
  exit(0);
}

int main(void) {
  return run_in_child(run_child);
}
