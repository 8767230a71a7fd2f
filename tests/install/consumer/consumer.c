/* A C consumer built from an installed tree with `pkg-config --cflags --libs cibatch`: posts
 * one status to the host at argv[1] (an API URL), flushes, and exits 0 when it was delivered.
 * Its spool and budget files go into the folder argv[2]. */
#include <cibatch.h>
#include <stdio.h>

int main(int argc, char** argv) {
  char err[512] = "";
  char spool_path[4096];
  char budget_path[4096];
  cib_config* conf = NULL;
  cib_client* client = NULL;
  size_t left = 1;
  cib_build_status status = CIB_BUILD_STATUS_INIT;
  if (argc != 3) return 2;
  snprintf(spool_path, sizeof spool_path, "%s/c-spool.db", argv[2]);
  snprintf(budget_path, sizeof budget_path, "%s/c-budget.db", argv[2]);
  if (cib_config_new(&conf, err, sizeof err) != CIB_OK ||
      cib_config_set(conf, "host.kind", "bitbucket-cloud", err, sizeof err) != CIB_OK ||
      cib_config_set(conf, "host.api_url", argv[1], err, sizeof err) != CIB_OK ||
      cib_config_set(conf, "host.auth.token", "consumer-token", err, sizeof err) != CIB_OK ||
      cib_config_set(conf, "spool.sync", "off", err, sizeof err) != CIB_OK ||
      cib_config_set(conf, "spool.path", spool_path, err, sizeof err) != CIB_OK ||
      cib_config_set(conf, "budget.path", budget_path, err, sizeof err) != CIB_OK ||
      cib_client_new(&client, conf, err, sizeof err) != CIB_OK) {
    fprintf(stderr, "c consumer: %s\n", err);
    return 1;
  }
  cib_config_destroy(conf);
  status.repo = "acme/web";
  status.commit = "3f2c8a1e9b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a";
  status.key = "c-consumer";
  status.state = CIB_STATE_SUCCESSFUL;
  if (cib_client_post_status(client, &status, 1, 0, err, sizeof err) != CIB_OK ||
      cib_client_flush(client, 1, 30000, &left, err, sizeof err) != CIB_OK || left != 0) {
    fprintf(stderr, "c consumer: %s\n", err);
    cib_client_destroy(client);
    return 1;
  }
  cib_client_destroy(client);
  printf("c consumer: delivered with cibatch %s\n", cib_version_str());
  return 0;
}
