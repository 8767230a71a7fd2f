/* exit_in_flight: exit() while the dispatcher waits for the answer to a request. A child opens a
 * client of a host that accepts the connection, reads the request and never answers (a loopback
 * socket of this test), posts a status, waits until the request has arrived, and calls exit(0)
 * with the client open. The child must exit with status 0 within kDeadlineSeconds (alarm()
 * kills a hang): no crash in exit handlers while a library thread is inside a request. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "child_run.h"

enum { kWaitMs = 20000, kDeadlineSeconds = 30 };

/* A listening loopback socket on a port the system picks; *port gets it. -1 on failure. */
static int listen_loopback(int* port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in address = {0};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  if (fd < 0 || bind(fd, (struct sockaddr*)&address, sizeof address) != 0 || listen(fd, 4) != 0 ||
      getsockname(fd, (struct sockaddr*)&address, &size) != 0) {
    perror("listen");
    return -1;
  }
  *port = ntohs(address.sin_port);
  return fd;
}

static int readable(int fd) {
  struct pollfd p = {fd, POLLIN, 0};
  return poll(&p, 1, kWaitMs) == 1;
}

static int run_child(const char* dir) {
  alarm(kDeadlineSeconds);
  int port = 0;
  const int listener = listen_loopback(&port);
  char url[64];
  snprintf(url, sizeof url, "http://127.0.0.1:%d/2.0", port);
  static const char* const settings[] = {"batching.linger_ms", "0", "transport.read_timeout_ms",
                                         "600000", NULL};
  cib_client* client = listener < 0 ? NULL : open_client_in(url, dir, settings);
  if (client == NULL) return 1;
  char err[512];
  cib_build_status s = CIB_BUILD_STATUS_INIT;
  s.repo = "acme/web";
  s.commit = "3f2c8a1e9b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a";
  s.key = "in-flight";
  s.state = CIB_STATE_INPROGRESS;
  if (cib_client_post_status(client, &s, 1, 0, err, sizeof err) != CIB_OK) {
    fprintf(stderr, "post failed: %s\n", err);
    return 1;
  }
  const int connection = readable(listener) ? accept(listener, NULL, NULL) : -1;
  if (connection < 0 || !readable(connection)) {
    fprintf(stderr, "the request never arrived\n");
    return 1;
  }
  exit(0); /* the request is in flight; the connection stays open and silent */
}

int main(void) {
  return run_in_child(run_child);
}
