/* Loads the library, opens and closes a client, and unloads it, 20 times, as a JVM that
 * drops and recreates a class loader does. Must neither crash nor hang. */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "cibatch.h"

typedef cib_status (*config_new_fn)(cib_config**, char*, size_t);
typedef cib_status (*config_set_fn)(cib_config*, const char*, const char*, char*, size_t);
typedef void (*config_destroy_fn)(cib_config*);
typedef cib_status (*client_new_fn)(cib_client**, const cib_config*, char*, size_t);
typedef void (*client_destroy_fn)(cib_client*);

/* ISO C has no cast from an object pointer to a function pointer; copy the bits as POSIX
 * guarantees they fit. */
#define LOAD(lib, var, name)            \
  do {                                  \
    void* address = dlsym(lib, name);   \
    memcpy(&var, &address, sizeof var); \
  } while (0)

static int cycle(const char* path) {
  char err[512];
  void* lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (lib == NULL) {
    fprintf(stderr, "dlopen: %s\n", dlerror());
    return 1;
  }
  config_new_fn config_new;
  LOAD(lib, config_new, "cib_config_new");
  config_set_fn config_set;
  LOAD(lib, config_set, "cib_config_set");
  config_destroy_fn config_destroy;
  LOAD(lib, config_destroy, "cib_config_destroy");
  client_new_fn client_new;
  LOAD(lib, client_new, "cib_client_new");
  client_destroy_fn client_destroy;
  LOAD(lib, client_destroy, "cib_client_destroy");
  if (!config_new || !config_set || !config_destroy || !client_new || !client_destroy) {
    fprintf(stderr, "dlsym failed\n");
    return 1;
  }
  cib_config* conf = NULL;
  cib_client* client = NULL;
  int failed =
      config_new(&conf, err, sizeof err) != CIB_OK ||
      config_set(conf, "host.kind", "bitbucket-cloud", err, sizeof err) != CIB_OK ||
      config_set(conf, "host.api_url", "http://127.0.0.1:9/2.0", err, sizeof err) != CIB_OK ||
      config_set(conf, "host.auth.token", "dl-test", err, sizeof err) != CIB_OK ||
      config_set(conf, "spool.sync", "off", err, sizeof err) != CIB_OK ||
      client_new(&client, conf, err, sizeof err) != CIB_OK;
  if (failed) fprintf(stderr, "open failed: %s\n", err);
  config_destroy(conf);
  client_destroy(client);
  dlclose(lib);
  return failed;
}

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: dlopen_loop LIBRARY\n");
    return 2;
  }
  for (int i = 0; i < 20; ++i) {
    if (cycle(argv[1]) != 0) return 1;
  }
  return 0;
}
