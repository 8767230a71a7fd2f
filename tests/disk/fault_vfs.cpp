#include "fault_vfs.h"

#include <sqlite3.h>

#include <atomic>
#include <cstring>
#include <mutex>

namespace cib::test {
namespace {

struct State {
  std::mutex mutex;
  FaultPlan plan;
  bool armed = false;
  int passed = 0;
  std::atomic<int> injected{0};
};

State& state() {
  static State s;
  return s;
}

enum class Call { read, write, sync };

// True when this call on the file `name` must fail.
bool fail_now(const char* name, Call call) {
  State& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (!s.armed || name == nullptr || std::strstr(name, s.plan.file_part.c_str()) == nullptr) {
    return false;
  }
  const bool named = (call == Call::read && s.plan.reads) ||
                     (call == Call::write && s.plan.writes) || (call == Call::sync && s.plan.syncs);
  if (!named) return false;
  if (s.passed < s.plan.skip) {
    ++s.passed;
    return false;
  }
  ++s.injected;
  return true;
}

// Our file: the real VFS's file follows it in the same allocation.
struct FaultFile {
  sqlite3_file base;
  sqlite3_file* real;
  const char* name;  // SQLite keeps it valid until xClose; null for temporary files
};

sqlite3_file* real_of(sqlite3_file* file) {
  return reinterpret_cast<FaultFile*>(file)->real;
}

const char* name_of(sqlite3_file* file) {
  return reinterpret_cast<FaultFile*>(file)->name;
}

int xClose(sqlite3_file* f) {
  return real_of(f)->pMethods->xClose(real_of(f));
}
int xRead(sqlite3_file* f, void* buf, int amount, sqlite3_int64 offset) {
  if (fail_now(name_of(f), Call::read)) return SQLITE_IOERR_READ;
  return real_of(f)->pMethods->xRead(real_of(f), buf, amount, offset);
}
int xWrite(sqlite3_file* f, const void* buf, int amount, sqlite3_int64 offset) {
  if (fail_now(name_of(f), Call::write)) return SQLITE_IOERR_WRITE;
  return real_of(f)->pMethods->xWrite(real_of(f), buf, amount, offset);
}
int xTruncate(sqlite3_file* f, sqlite3_int64 size) {
  return real_of(f)->pMethods->xTruncate(real_of(f), size);
}
int xSync(sqlite3_file* f, int flags) {
  if (fail_now(name_of(f), Call::sync)) return SQLITE_IOERR_FSYNC;
  return real_of(f)->pMethods->xSync(real_of(f), flags);
}
int xFileSize(sqlite3_file* f, sqlite3_int64* size) {
  return real_of(f)->pMethods->xFileSize(real_of(f), size);
}
int xLock(sqlite3_file* f, int level) {
  return real_of(f)->pMethods->xLock(real_of(f), level);
}
int xUnlock(sqlite3_file* f, int level) {
  return real_of(f)->pMethods->xUnlock(real_of(f), level);
}
int xCheckReservedLock(sqlite3_file* f, int* out) {
  return real_of(f)->pMethods->xCheckReservedLock(real_of(f), out);
}
int xFileControl(sqlite3_file* f, int op, void* arg) {
  return real_of(f)->pMethods->xFileControl(real_of(f), op, arg);
}
int xSectorSize(sqlite3_file* f) {
  return real_of(f)->pMethods->xSectorSize(real_of(f));
}
int xDeviceCharacteristics(sqlite3_file* f) {
  return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f));
}
int xShmMap(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
  return real_of(f)->pMethods->xShmMap(real_of(f), page, size, extend, out);
}
int xShmLock(sqlite3_file* f, int offset, int n, int flags) {
  return real_of(f)->pMethods->xShmLock(real_of(f), offset, n, flags);
}
void xShmBarrier(sqlite3_file* f) {
  real_of(f)->pMethods->xShmBarrier(real_of(f));
}
int xShmUnmap(sqlite3_file* f, int delete_flag) {
  return real_of(f)->pMethods->xShmUnmap(real_of(f), delete_flag);
}
int xFetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
  return real_of(f)->pMethods->xFetch(real_of(f), offset, amount, out);
}
int xUnfetch(sqlite3_file* f, sqlite3_int64 offset, void* p) {
  return real_of(f)->pMethods->xUnfetch(real_of(f), offset, p);
}

const sqlite3_io_methods kMethods = {3,
                                     xClose,
                                     xRead,
                                     xWrite,
                                     xTruncate,
                                     xSync,
                                     xFileSize,
                                     xLock,
                                     xUnlock,
                                     xCheckReservedLock,
                                     xFileControl,
                                     xSectorSize,
                                     xDeviceCharacteristics,
                                     xShmMap,
                                     xShmLock,
                                     xShmBarrier,
                                     xShmUnmap,
                                     xFetch,
                                     xUnfetch};

sqlite3_vfs g_vfs;

int xOpen(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  auto* real_vfs = static_cast<sqlite3_vfs*>(vfs->pAppData);
  auto* ours = reinterpret_cast<FaultFile*>(file);
  ours->real = reinterpret_cast<sqlite3_file*>(ours + 1);
  ours->base.pMethods = nullptr;
  const int rc = real_vfs->xOpen(real_vfs, name, ours->real, flags, out_flags);
  if (ours->real->pMethods == nullptr) return rc;
  ours->name = name;
  ours->base.pMethods = &kMethods;
  return rc;
}

}  // namespace

bool install_fault_vfs() {
  static const bool installed = [] {
    sqlite3_vfs* real = sqlite3_vfs_find(nullptr);
    if (real == nullptr || real->iVersion < 3) return false;
    g_vfs = *real;
    g_vfs.zName = "cibatch-test-faults";
    g_vfs.pAppData = real;
    g_vfs.szOsFile = static_cast<int>(sizeof(FaultFile)) + real->szOsFile;
    g_vfs.xOpen = xOpen;
    return sqlite3_vfs_register(&g_vfs, 1) == SQLITE_OK;
  }();
  return installed;
}

void arm_faults(const FaultPlan& plan) {
  State& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  s.plan = plan;
  s.armed = true;
  s.passed = 0;
  s.injected = 0;
}

void disarm_faults() {
  State& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  s.armed = false;
}

int faults_injected() {
  return state().injected;
}

}  // namespace cib::test
