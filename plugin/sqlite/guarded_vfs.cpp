#include "sqlite/guarded_vfs.h"

#include <sqlite3.h>

#include <cstring>
#include <mutex>

#include "runtime/secure_files.h"

namespace cib {
namespace {

// SQLite allocates szOsFile bytes for each file: this header, then the wrapped VFS's file.
struct GuardedFile {
  sqlite3_file base;
  sqlite3_file* real;
  char* shm_path;  // sqlite3_malloc'd; null for files that need no check
  bool is_wal;
};

sqlite3_file* real_of(sqlite3_file* file) {
  return reinterpret_cast<GuardedFile*>(file)->real;
}

bool shm_refused(sqlite3_file* file) {
  const char* shm = reinterpret_cast<GuardedFile*>(file)->shm_path;
  return shm != nullptr && shm_is_unmodifiable(shm);
}

int guarded_close(sqlite3_file* file) {
  GuardedFile* self = reinterpret_cast<GuardedFile*>(file);
  const int rc =
      self->real->pMethods != nullptr ? self->real->pMethods->xClose(self->real) : SQLITE_OK;
  sqlite3_free(self->shm_path);
  self->shm_path = nullptr;
  return rc;
}

int guarded_write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  const GuardedFile* self = reinterpret_cast<GuardedFile*>(file);
  if (self->is_wal && shm_refused(file)) return SQLITE_IOERR_WRITE;
  return self->real->pMethods->xWrite(self->real, data, amount, offset);
}

int guarded_sync(sqlite3_file* file, int flags) {
  const GuardedFile* self = reinterpret_cast<GuardedFile*>(file);
  // After the sync of a commit, SQLite writes the frames' index into the mapping.
  const int rc = self->real->pMethods->xSync(self->real, flags);
  if (rc == SQLITE_OK && self->is_wal && shm_refused(file)) return SQLITE_IOERR_FSYNC;
  return rc;
}

int guarded_shm_lock(sqlite3_file* file, int offset, int n, int flags) {
  // An exclusive lock of the shared memory comes before SQLite writes to it; unlocking and
  // shared locks only read.
  if ((flags & SQLITE_SHM_LOCK) != 0 && (flags & SQLITE_SHM_EXCLUSIVE) != 0 && shm_refused(file)) {
    return SQLITE_IOERR_SHMLOCK;
  }
  return real_of(file)->pMethods->xShmLock(real_of(file), offset, n, flags);
}

// The remaining methods only forward.
int f_read(sqlite3_file* f, void* d, int n, sqlite3_int64 o) {
  return real_of(f)->pMethods->xRead(real_of(f), d, n, o);
}
int f_truncate(sqlite3_file* f, sqlite3_int64 s) {
  return real_of(f)->pMethods->xTruncate(real_of(f), s);
}
int f_file_size(sqlite3_file* f, sqlite3_int64* s) {
  return real_of(f)->pMethods->xFileSize(real_of(f), s);
}
int f_lock(sqlite3_file* f, int l) {
  return real_of(f)->pMethods->xLock(real_of(f), l);
}
int f_unlock(sqlite3_file* f, int l) {
  return real_of(f)->pMethods->xUnlock(real_of(f), l);
}
int f_check_reserved(sqlite3_file* f, int* r) {
  return real_of(f)->pMethods->xCheckReservedLock(real_of(f), r);
}
int f_file_control(sqlite3_file* f, int op, void* a) {
  return real_of(f)->pMethods->xFileControl(real_of(f), op, a);
}
int f_sector_size(sqlite3_file* f) {
  return real_of(f)->pMethods->xSectorSize(real_of(f));
}
int f_device(sqlite3_file* f) {
  return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f));
}
int f_shm_map(sqlite3_file* f, int i, int s, int e, void volatile** p) {
  return real_of(f)->pMethods->xShmMap(real_of(f), i, s, e, p);
}
void f_shm_barrier(sqlite3_file* f) {
  real_of(f)->pMethods->xShmBarrier(real_of(f));
}
int f_shm_unmap(sqlite3_file* f, int d) {
  return real_of(f)->pMethods->xShmUnmap(real_of(f), d);
}
int f_fetch(sqlite3_file* f, sqlite3_int64 o, int n, void** p) {
  return real_of(f)->pMethods->xFetch(real_of(f), o, n, p);
}
int f_unfetch(sqlite3_file* f, sqlite3_int64 o, void* p) {
  return real_of(f)->pMethods->xUnfetch(real_of(f), o, p);
}

const sqlite3_io_methods kGuardedMethods = {
    3,           guarded_close, f_read,           guarded_write,    f_truncate,     guarded_sync,
    f_file_size, f_lock,        f_unlock,         f_check_reserved, f_file_control, f_sector_size,
    f_device,    f_shm_map,     guarded_shm_lock, f_shm_barrier,    f_shm_unmap,    f_fetch,
    f_unfetch};

// "x-wal" or "x" (the database) → "x-shm"; null for other files.
char* shm_path_for(const char* name, int flags) {
  if (name == nullptr) return nullptr;
  std::size_t base = std::strlen(name);
  if ((flags & SQLITE_OPEN_WAL) != 0) {
    if (base < 4) return nullptr;
    base -= 4;  // "-wal"
  } else if ((flags & SQLITE_OPEN_MAIN_DB) == 0) {
    return nullptr;
  }
  char* path = static_cast<char*>(sqlite3_malloc64(base + 5));
  if (path == nullptr) return nullptr;
  std::memcpy(path, name, base);
  std::memcpy(path + base, "-shm", 5);
  return path;
}

int guarded_open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags,
                 int* out_flags) {
  sqlite3_vfs* real_vfs = static_cast<sqlite3_vfs*>(vfs->pAppData);
  GuardedFile* self = reinterpret_cast<GuardedFile*>(file);
  std::memset(self, 0, sizeof *self);
  self->real = reinterpret_cast<sqlite3_file*>(self + 1);
  const int rc = real_vfs->xOpen(real_vfs, name, self->real, flags, out_flags);
  if (rc != SQLITE_OK || self->real->pMethods == nullptr) return rc;
  self->is_wal = (flags & SQLITE_OPEN_WAL) != 0;
  self->shm_path = shm_path_for(name, flags);
  self->base.pMethods = &kGuardedMethods;
  return rc;
}

}  // namespace

bool shm_is_unmodifiable(const char* shm_path) {
  return unmodifiable_attribute(shm_path) != nullptr;
}

const char* guarded_vfs_name() {
  static std::once_flag once;
  static sqlite3_vfs guarded;  // never torn down: connections may outlive any owner
  std::call_once(once, [] {
    sqlite3_vfs* real = sqlite3_vfs_find(nullptr);
    guarded = *real;
    guarded.zName = "cibatch-guarded";
    guarded.pAppData = real;
    guarded.szOsFile = static_cast<int>(sizeof(GuardedFile)) + real->szOsFile;
    guarded.xOpen = guarded_open;
    guarded.pNext = nullptr;
    sqlite3_vfs_register(&guarded, 0);
  });
  return "cibatch-guarded";
}

}  // namespace cib
