/* dlopen_loop LIBRARY [CYCLES]
 * Loads the library, opens and destroys a client, and unloads it, CYCLES (default 1000) times,
 * as a JVM that drops and recreates a class loader does. Must neither crash nor hang, and after
 * a warm-up of 100 cycles the process must not grow: the thread count (/proc/self/task) at the
 * end equals the one after the warm-up, and the resident set (/proc/self/statm) grows by at most
 * kMaxRssGrowthKb. Prints the threads and RSS at 0, 100, 500 and CYCLES cycles, and whether the
 * library is still mapped after dlclose() (it is linked with -z nodelete, so it stays). */
#include <dirent.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cibatch.h"

enum { kWarmupCycles = 100, kMaxRssGrowthKb = 1024 };

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

typedef struct {
  long threads;
  long rss_kb;
} usage;

static usage measure(void) {
  usage u = {0, -1};
  DIR* tasks = opendir("/proc/self/task");
  if (tasks != NULL) {
    struct dirent* entry;
    while ((entry = readdir(tasks)) != NULL) u.threads += entry->d_name[0] != '.';
    closedir(tasks);
  }
  FILE* statm = fopen("/proc/self/statm", "r");
  long size = 0, resident = 0;
  if (statm != NULL && fscanf(statm, "%ld %ld", &size, &resident) == 2) {
    u.rss_kb = resident * (sysconf(_SC_PAGESIZE) / 1024);
  }
  if (statm != NULL) fclose(statm);
  return u;
}

static int open_and_destroy(void* lib, const char* dir) {
  char err[512] = "";
  char spool[4096], budget[4096];
  snprintf(spool, sizeof spool, "%s/spool.db", dir);
  snprintf(budget, sizeof budget, "%s/budget.db", dir);
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
      config_set(conf, "spool.path", spool, err, sizeof err) != CIB_OK ||
      config_set(conf, "budget.path", budget, err, sizeof err) != CIB_OK ||
      client_new(&client, conf, err, sizeof err) != CIB_OK;
  if (failed) fprintf(stderr, "open failed: %s\n", err);
  config_destroy(conf);
  client_destroy(client);
  return failed;
}

/* One load, client and unload; *still_mapped tells whether dlclose() left the library mapped. */
static int cycle(const char* path, const char* dir, int* still_mapped) {
  void* lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (lib == NULL) {
    fprintf(stderr, "dlopen: %s\n", dlerror());
    return 1;
  }
  const int failed = open_and_destroy(lib, dir);
  if (dlclose(lib) != 0) {
    fprintf(stderr, "dlclose: %s\n", dlerror());
    return 1;
  }
  void* again = dlopen(path, RTLD_NOW | RTLD_NOLOAD);
  *still_mapped = again != NULL;
  if (again != NULL) dlclose(again);
  return failed;
}

static void remove_dir(const char* dir) {
  static const char* const kFiles[] = {"spool.db",         "spool.db-wal",     "spool.db-shm",
                                       "spool.db-journal", "budget.db",        "budget.db-wal",
                                       "budget.db-shm",    "budget.db-journal"};
  char file[4096];
  for (size_t i = 0; i < sizeof kFiles / sizeof kFiles[0]; ++i) {
    snprintf(file, sizeof file, "%s/%s", dir, kFiles[i]);
    unlink(file);
  }
  rmdir(dir);
}

static int run(const char* path, int cycles, const char* dir) {
  usage warm = measure();
  int still_mapped = 0;
  printf("cycles threads rss_kb\n%6d %7ld %6ld\n", 0, warm.threads, warm.rss_kb);
  for (int i = 1; i <= cycles; ++i) {
    if (cycle(path, dir, &still_mapped) != 0) return 1;
    if (i == kWarmupCycles || i == 500 || i == cycles) {
      const usage now = measure();
      printf("%6d %7ld %6ld\n", i, now.threads, now.rss_kb);
      if (i == kWarmupCycles) warm = now;
    }
  }
  printf("after dlclose: %s\n", still_mapped ? "still mapped (-z nodelete)" : "unloaded");
  const usage end = measure();
  if (cycles > kWarmupCycles && end.threads > warm.threads) {
    fprintf(stderr, "threads grew from %ld to %ld\n", warm.threads, end.threads);
    return 1;
  }
  if (cycles > kWarmupCycles && end.rss_kb - warm.rss_kb > kMaxRssGrowthKb) {
    fprintf(stderr, "RSS grew by %ld KiB after the warm-up (bound %d)\n", end.rss_kb - warm.rss_kb,
            kMaxRssGrowthKb);
    return 1;
  }
  return 0;
}

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: dlopen_loop LIBRARY [CYCLES]\n");
    return 2;
  }
  const int cycles = argc == 3 ? atoi(argv[2]) : 1000;
  char dir[] = "/tmp/cib-dlopen-XXXXXX";
  if (cycles <= 0 || mkdtemp(dir) == NULL) {
    fprintf(stderr, "bad cycle count or no temporary directory\n");
    return 2;
  }
  const int failed = run(argv[1], cycles, dir);
  remove_dir(dir);
  return failed;
}
