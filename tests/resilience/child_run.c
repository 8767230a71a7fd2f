#include "child_run.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

cib_client* open_client_in(const char* api_url, const char* dir, const char* const* settings) {
  char err[512] = "", spool[4096], budget[4096];
  snprintf(spool, sizeof spool, "%s/spool.db", dir);
  snprintf(budget, sizeof budget, "%s/budget.db", dir);
  cib_config* conf = NULL;
  cib_client* client = NULL;
  int failed = cib_config_new(&conf, err, sizeof err) != CIB_OK ||
               cib_config_set(conf, "host.kind", "bitbucket-cloud", err, sizeof err) != CIB_OK ||
               cib_config_set(conf, "host.api_url", api_url, err, sizeof err) != CIB_OK ||
               cib_config_set(conf, "host.auth.token", "host-test", err, sizeof err) != CIB_OK ||
               cib_config_set(conf, "spool.path", spool, err, sizeof err) != CIB_OK ||
               cib_config_set(conf, "budget.path", budget, err, sizeof err) != CIB_OK;
  for (; !failed && settings[0] != NULL; settings += 2) {
    failed = cib_config_set(conf, settings[0], settings[1], err, sizeof err) != CIB_OK;
  }
  failed = failed || cib_client_new(&client, conf, err, sizeof err) != CIB_OK;
  if (failed) fprintf(stderr, "setup failed: %s\n", err);
  cib_config_destroy(conf);
  return failed ? NULL : client;
}

int run_in_child(int (*body)(const char* dir)) {
  char dir[] = "/tmp/cib-host-XXXXXX";
  if (mkdtemp(dir) == NULL) {
    perror("mkdtemp");
    return 2;
  }
  fflush(NULL);
  const pid_t child = fork();
  if (child == 0) _exit(body(dir));
  int status = 0;
  if (child < 0 || waitpid(child, &status, 0) != child) {
    perror("fork or waitpid");
    status = 2 << 8;
  }
  char command[4200];
  snprintf(command, sizeof command, "rm -rf '%s'", dir);
  if (system(command) != 0) fprintf(stderr, "could not remove %s\n", dir);
  if (WIFSIGNALED(status)) {
    fprintf(stderr, "the child died of signal %d%s\n", WTERMSIG(status),
            WTERMSIG(status) == SIGALRM ? " (it hung)" : "");
    return 1;
  }
  return WEXITSTATUS(status);
}
