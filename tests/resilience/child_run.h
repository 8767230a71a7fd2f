/* Helpers of the C host-process tests (exit_with_open_client, exit_in_flight, memory_limit): a
 * client whose spool and budget files live in a directory of the test's own, and a test body run in
 * a forked child. */
#ifndef CIB_TEST_CHILD_RUN_H
#define CIB_TEST_CHILD_RUN_H

#include "cibatch.h"

/* Opens a client of the Bitbucket Cloud API at api_url, with spool.path and budget.path in dir
 * and then `settings`, pairs of key and value ending with NULL. NULL when it cannot (the reason
 * on stderr). */
cib_client* open_client_in(const char* api_url, const char* dir, const char* const* settings);

/* Makes a temporary directory, runs body(dir) in a forked child and removes the directory.
 * Returns the child's exit status, or 1 (with a message) when a signal ended it: SIGALRM means
 * it hung past its own alarm(). */
int run_in_child(int (*body)(const char* dir));

#endif
