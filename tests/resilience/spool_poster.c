/* A client that posts what it is told, one command at a time, so a test can interleave the
 * posts of several processes in a known order and kill one of them at a known point.
 *
 *   spool_poster CONFIG.yml COMMANDS
 *
 * Opens a client on CONFIG (a `cibatch:` YAML file) and prints "ready". Then reads COMMANDS (a
 * FIFO, or any file) one line at a time:
 *   status KEY STATE TEXT   a build status of acme/web@kCommit (STATE: INPROGRESS, SUCCESSFUL,
 *                           FAILED or STOPPED; TEXT, the rest of the line, is its description)
 *   comment KEY TEXT        a comment on acme/web PR 7
 *   close TIMEOUT_MS        flush for at most TIMEOUT_MS, print "closed STATUS LEFT", destroy
 *                           the client and exit 0
 * After each post the library accepted it prints "returned N" (N counts posts from 1). Every
 * line is flushed at once. A refused post or a bad command prints "error ..." and exits 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cibatch.h"

static const char kRepo[] = "acme/web";
static const char kCommit[] = "5d41402abc4b2a76b9719d911017c592ae3f2c1b";
enum { kPr = 7 };

static int fail(const char* what, const char* detail) {
  printf("error %s: %s\n", what, detail);
  fflush(stdout);
  return 1;
}

static int parse_state(const char* word, int32_t* state) {
  static const char* const kNames[] = {"INPROGRESS", "SUCCESSFUL", "FAILED", "STOPPED"};
  static const int32_t kStates[] = {CIB_STATE_INPROGRESS, CIB_STATE_SUCCESSFUL, CIB_STATE_FAILED,
                                    CIB_STATE_STOPPED};
  for (size_t i = 0; i < sizeof kNames / sizeof kNames[0]; ++i) {
    if (strcmp(word, kNames[i]) == 0) {
      *state = kStates[i];
      return 1;
    }
  }
  return 0;
}

/* Splits "WORD REST" in place: returns WORD, points *rest at REST (may be empty). */
static char* next_word(char* text, char** rest) {
  char* space = strchr(text, ' ');
  if (space == NULL) {
    *rest = text + strlen(text);
  } else {
    *space = '\0';
    *rest = space + 1;
  }
  return text;
}

static cib_status post(cib_client* client, char* command, char* err, size_t err_size) {
  char* rest = NULL;
  const char* verb = next_word(command, &rest);
  if (strcmp(verb, "status") == 0) {
    cib_build_status s = CIB_BUILD_STATUS_INIT;
    s.repo = kRepo;
    s.commit = kCommit;
    s.key = next_word(rest, &rest);
    if (!parse_state(next_word(rest, &rest), &s.state)) return CIB_ERR_INVALID_ARGUMENT;
    s.description = rest;
    return cib_client_post_status(client, &s, 1, 0, err, err_size);
  }
  if (strcmp(verb, "comment") == 0) {
    cib_comment c = CIB_COMMENT_INIT;
    c.repo = kRepo;
    c.pr = kPr;
    c.key = next_word(rest, &rest);
    c.body = rest;
    return cib_client_post_comment(client, &c, 1, 0, err, err_size);
  }
  return CIB_ERR_INVALID_ARGUMENT;
}

static int serve(cib_client* client, FILE* commands) {
  char line[4096];
  char err[1024];
  int posts = 0;
  while (fgets(line, sizeof line, commands) != NULL) {
    line[strcspn(line, "\r\n")] = '\0';
    if (strncmp(line, "close ", 6) == 0) {
      size_t left = 0;
      err[0] = '\0';
      const cib_status st = cib_client_flush(client, 0, atoi(line + 6), &left, err, sizeof err);
      printf("closed %s %zu\n", cib_status_str(st), left);
      fflush(stdout);
      return 0;
    }
    err[0] = '\0';
    const cib_status st = post(client, line, err, sizeof err);
    if (st != CIB_OK) return fail(line, err[0] != '\0' ? err : cib_status_str(st));
    printf("returned %d\n", ++posts);
    fflush(stdout);
  }
  return fail("commands", "ended without close");
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: spool_poster CONFIG.yml COMMANDS\n");
    return 2;
  }
  char err[1024] = "";
  cib_config* conf = NULL;
  cib_client* client = NULL;
  if (cib_config_new(&conf, err, sizeof err) != CIB_OK ||
      cib_config_load_yaml(conf, argv[1], err, sizeof err) != CIB_OK ||
      cib_client_new(&client, conf, err, sizeof err) != CIB_OK) {
    cib_config_destroy(conf);
    return fail("open", err);
  }
  cib_config_destroy(conf);
  printf("ready\n");
  fflush(stdout);
  FILE* commands = fopen(argv[2], "r");
  if (commands == NULL) {
    cib_client_destroy(client);
    return fail("open", argv[2]);
  }
  const int code = serve(client, commands);
  fclose(commands);
  cib_client_destroy(client);
  return code;
}
