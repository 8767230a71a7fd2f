/* Opens a client with an update waiting (long linger, nobody listening) and calls exit()
 * without destroying it. The process must end at once with status 0: no hang on the
 * dispatcher thread, no crash in the libraries' exit handlers. */
#include <stdio.h>
#include <stdlib.h>

#include "cibatch.h"

int main(void) {
  char err[512];
  cib_config* conf = NULL;
  cib_client* client = NULL;
  if (cib_config_new(&conf, err, sizeof err) != CIB_OK ||
      cib_config_set(conf, "host.kind", "bitbucket-cloud", err, sizeof err) != CIB_OK ||
      cib_config_set(conf, "host.api_url", "http://127.0.0.1:9/2.0", err, sizeof err) != CIB_OK ||
      cib_config_set(conf, "host.auth.token", "exit-test", err, sizeof err) != CIB_OK ||
      cib_config_set(conf, "spool.sync", "off", err, sizeof err) != CIB_OK ||
      cib_config_set(conf, "batching.linger_ms", "600000", err, sizeof err) != CIB_OK ||
      cib_client_new(&client, conf, err, sizeof err) != CIB_OK) {
    fprintf(stderr, "setup failed: %s\n", err);
    return 1;
  }
  cib_config_destroy(conf);
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
