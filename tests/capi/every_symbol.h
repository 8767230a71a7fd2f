/* Shared by the two halves of capi_every_symbol (every_symbol.c, every_symbol_client.c). */
#ifndef CIBATCH_TESTS_CAPI_EVERY_SYMBOL_H
#define CIBATCH_TESTS_CAPI_EVERY_SYMBOL_H

#include "cibatch.h"

/* Counts one check; prints it with its line when it failed. */
void check(int passed, const char* what, const char* file, int line);
/* Counts one call's status check; prints the call, both statuses and errstr when they differ. */
void check_status(cib_status got, cib_status want, const char* what, const char* message,
                  const char* file, int line);

#define CHECK(condition) check((condition) != 0, #condition, __FILE__, __LINE__)
/* Needs a char array named errstr in scope: the call's own errstr. */
#define CHECK_STATUS(call, want) check_status((call), (want), #call, errstr, __FILE__, __LINE__)

/* Configuration and client calls, every_symbol_client.c. */
void check_config_and_client(void);

#endif
