// `cibatch spool repair`: a damaged spool file, with its -wal and -shm, is moved aside to
// PATH.damaged-STAMP, never deleted, so that the next client starts a new one.
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>

#include "spool/spool_doctor.h"

namespace cib {

namespace {

std::string utc_stamp() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
  return text;
}

bool path_exists(const std::string& path) {
  struct stat info {};
  return ::lstat(path.c_str(), &info) == 0;
}

// PATH.damaged-STAMP, or with -2, -3, ... when a repair in the same second took that name.
std::string damaged_name(const std::string& path) {
  const std::string base = path + ".damaged-" + utc_stamp();
  std::string name = base;
  for (int n = 2; path_exists(name) || path_exists(name + "-wal"); ++n) {
    name = base + "-" + std::to_string(n);
  }
  return name;
}

}  // namespace

SpoolReport repair_spool(const std::string& path) {
  SpoolReport report = check_spool(path);
  if (!report.damaged) return report;
  const std::string target = damaged_name(path);
  if (std::rename(path.c_str(), target.c_str()) != 0) {
    const int error = errno;
    report.problems.push_back(report.path + ": cannot be moved aside (" + std::strerror(error) +
                              "): move it away by hand while no client runs");
    return report;
  }
  report.moved_to = target;
  // The journal and index go with it: SQLite would replay a stale -wal into a new file.
  for (const char* suffix : {"-wal", "-shm"}) {
    const std::string companion = path + suffix;
    if (!path_exists(companion)) continue;
    if (std::rename(companion.c_str(), (target + suffix).c_str()) != 0) {
      const int error = errno;
      report.problems.push_back(report.path + ": " + suffix + " cannot be moved to " + target +
                                suffix + " (" + std::strerror(error) +
                                "): move it by hand before the next client starts");
    }
  }
  return report;
}

}  // namespace cib
