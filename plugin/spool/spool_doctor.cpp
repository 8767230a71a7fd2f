// `cibatch spool check`: opens the file read-only and never checkpoints, so running it next to
// live clients changes nothing. It tells damage (which repair, spool_repair.cpp, moves aside)
// from a file of a newer cibatch, another program's database, or one this user cannot read.
#include "spool/spool_doctor.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>

#include "runtime/clock.h"
#include "spool/process_owner.h"
#include "spool/schema.h"
#include "spool/spool_error.h"

namespace cib {

namespace {

enum class Verdict { fine, damaged, newer, left_alone };

constexpr int kMaxIntegrityProblems = 5;

using Statement = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;

class Inspection {
 public:
  explicit Inspection(SpoolReport& report) : report(report) {}
  ~Inspection() { sqlite3_close_v2(db); }
  Inspection(const Inspection&) = delete;
  Inspection& operator=(const Inspection&) = delete;

  // Runs `sql` and hands every row to `row`; false with `error` set when SQLite fails.
  template <typename Row>
  bool query(const char* sql, Row row) {
    sqlite3_stmt* raw = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &raw, nullptr);
    Statement statement(raw, sqlite3_finalize);
    while (rc == SQLITE_OK && (rc = sqlite3_step(statement.get())) == SQLITE_ROW) {
      row(statement.get());
      rc = SQLITE_OK;
    }
    if (rc == SQLITE_DONE) return true;
    last_code = sqlite3_errcode(db);
    error = sqlite3_errmsg(db);
    return false;
  }

  std::optional<std::int64_t> count(const char* sql) {
    std::int64_t value = 0;
    if (!query(sql, [&value](sqlite3_stmt* s) { value = sqlite3_column_int64(s, 0); })) {
      return std::nullopt;
    }
    return value;
  }

  sqlite3* db = nullptr;
  SpoolReport& report;
  int last_code = SQLITE_OK;  // of the last failed call
  std::string error;
};

Verdict problem(SpoolReport& report, Verdict verdict, const std::string& sentence) {
  report.problems.push_back(report.path + ": " + sentence);
  return verdict;
}

// A first read that fails says what the file is: not SQLite, damaged, or merely unreadable.
Verdict first_read_failed(Inspection& inspection) {
  switch (inspection.last_code & 0xff) {  // the primary code of an extended one
    case SQLITE_NOTADB:
      return problem(inspection.report, Verdict::damaged,
                     "is not a SQLite database: run `cibatch spool repair` to move it aside");
    case SQLITE_CORRUPT:
      return problem(
          inspection.report, Verdict::damaged,
          "is damaged (" + inspection.error + "): run `cibatch spool repair` to move it aside");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return problem(inspection.report, Verdict::left_alone,
                     "is locked by another process: try again");
    default:
      return problem(inspection.report, Verdict::left_alone,
                     "cannot be read (" + inspection.error + "): check its permissions");
  }
}

Verdict newer_schema(SpoolReport& report) {
  return problem(report, Verdict::newer,
                 "was written by a newer cibatch (spool schema " +
                     std::to_string(report.schema_version) + ", this one reads up to " +
                     std::to_string(kSpoolSchemaVersion) +
                     "): upgrade cibatch; the file is left "
                     "as it is");
}

// PRAGMA user_version as the file's header holds it (bytes 60-63): read before SQLite parses
// the schema, which a newer cibatch may have written with features this SQLite lacks.
std::optional<int> header_user_version(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char header[100];
  if (!in.read(header, sizeof header)) return std::nullopt;
  if (std::memcmp(header, "SQLite format 3", 16) != 0) return std::nullopt;
  std::uint32_t version = 0;
  for (int i = 60; i < 64; ++i) version = (version << 8) | static_cast<unsigned char>(header[i]);
  return static_cast<int>(version);
}

Verdict check_integrity(Inspection& inspection) {
  std::vector<std::string> messages;
  const bool ran = inspection.query("PRAGMA integrity_check", [&messages](sqlite3_stmt* s) {
    const unsigned char* text = sqlite3_column_text(s, 0);
    messages.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
  });
  if (!ran) return first_read_failed(inspection);
  if (messages.size() == 1 && messages[0] == "ok") return Verdict::fine;
  for (std::size_t i = 0; i < messages.size() && i < kMaxIntegrityProblems; ++i) {
    problem(inspection.report, Verdict::damaged, "integrity check: " + messages[i]);
  }
  return problem(inspection.report, Verdict::damaged,
                 "fails SQLite's integrity check: run `cibatch spool repair` to move it aside");
}

bool lease_is_live(sqlite3_stmt* row) {
  ProcessOwner owner;
  const unsigned char* boot = sqlite3_column_text(row, 0);
  owner.boot_id = boot ? reinterpret_cast<const char*>(boot) : "";
  owner.pid = sqlite3_column_int64(row, 1);
  owner.start_time = sqlite3_column_int64(row, 2);
  try {
    return !owner_is_gone(owner);
  } catch (const SpoolError&) {
    return true;  // without /proc the owner may still run
  }
}

std::string column_text(sqlite3_stmt* row, int column) {
  const unsigned char* text = sqlite3_column_text(row, column);
  return text ? reinterpret_cast<const char*>(text) : "";
}

// Pending updates per identity, with the API URL the identity posts to where the file has it
// (schema 2 on).
Verdict count_identities(Inspection& inspection) {
  SpoolReport& report = inspection.report;
  const char* sql =
      report.schema_version >= 2
          ? "SELECT s.identity, coalesce(i.api_url, ''), count(*), sum(s.gating) FROM slots s "
            "LEFT JOIN identities i ON i.identity = s.identity WHERE s.pending = 1 "
            "GROUP BY s.identity ORDER BY s.identity"
          : "SELECT identity, '', count(*), sum(gating) FROM slots WHERE pending = 1 "
            "GROUP BY identity ORDER BY identity";
  const bool read = inspection.query(sql, [&report](sqlite3_stmt* s) {
    report.identities.push_back({column_text(s, 0), column_text(s, 1), sqlite3_column_int64(s, 2),
                                 sqlite3_column_int64(s, 3)});
  });
  if (read) return Verdict::fine;
  return problem(report, Verdict::damaged,
                 "lacks a table of spool schema " + std::to_string(report.schema_version) + " (" +
                     inspection.error + "): run `cibatch spool repair` to move it aside");
}

Verdict count_slots(Inspection& inspection) {
  SpoolReport& report = inspection.report;
  const auto read = [&inspection](const char* sql, std::int64_t& out) {
    const std::optional<std::int64_t> value = inspection.count(sql);
    if (value) out = *value;
    return value.has_value();
  };
  if (!read("SELECT count(*) FROM slots WHERE pending = 1", report.pending) ||
      !read("SELECT count(*) FROM slots WHERE pending = 1 AND gating = 1", report.gating) ||
      !read("SELECT count(*) FROM delivered", report.delivered)) {
    return problem(report, Verdict::damaged,
                   "lacks a table of spool schema " + std::to_string(report.schema_version) + " (" +
                       inspection.error + "): run `cibatch spool repair` to move it aside");
  }
  const std::string sql =
      "SELECT owner_boot, owner_pid, owner_start FROM leases "
      "WHERE owner_pid IS NOT NULL AND expires_ns > " +
      std::to_string(SystemClock().wall_ns());
  std::int64_t leased = 0;
  if (!inspection.query(sql.c_str(), [&leased](sqlite3_stmt* s) { leased += lease_is_live(s); })) {
    return problem(report, Verdict::damaged,
                   "lacks the leases table (" + inspection.error +
                       "): run `cibatch spool repair` to move it aside");
  }
  report.leased = leased;
  return count_identities(inspection);
}

Verdict check_schema(Inspection& inspection) {
  SpoolReport& report = inspection.report;
  const int version = report.schema_version;
  if (version < 0) {
    return problem(report, Verdict::damaged,
                   "has an unknown spool schema " + std::to_string(version) +
                       ": run `cibatch spool repair` to move it aside");
  }
  if (version > 0) return count_slots(inspection);
  // Version 0: a new file the next client will set up, unless another program's tables are in
  // it; that database is not cibatch's to move.
  const std::optional<std::int64_t> tables = inspection.count("SELECT count(*) FROM sqlite_master");
  if (!tables) return first_read_failed(inspection);
  if (*tables == 0) return Verdict::fine;
  return problem(report, Verdict::left_alone,
                 "is a SQLite database of another program (no spool schema): set spool.path to "
                 "another file");
}

Verdict inspect(const std::string& path, SpoolReport& report) {
  report = SpoolReport{};
  report.path = path;
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    const int error = errno;
    if (error == ENOENT) {
      report.healthy = true;  // no spool yet: the next client creates it
      return Verdict::fine;
    }
    report.exists = true;
    return problem(report, Verdict::left_alone,
                   std::string("cannot be read (") + std::strerror(error) + ")");
  }
  report.exists = true;
  if (!S_ISREG(info.st_mode)) {
    return problem(report, Verdict::left_alone, "is not a regular file: set spool.path to a file");
  }
  const std::optional<int> header_version = header_user_version(path);
  if (header_version && *header_version > kSpoolSchemaVersion) {
    report.schema_version = *header_version;
    return newer_schema(report);
  }
  Inspection inspection(report);
  if (sqlite3_open_v2(path.c_str(), &inspection.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    inspection.last_code = inspection.db ? sqlite3_errcode(inspection.db) : SQLITE_CANTOPEN;
    inspection.error = inspection.db ? sqlite3_errmsg(inspection.db) : "out of memory";
    return first_read_failed(inspection);
  }
  sqlite3_db_config(inspection.db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
  sqlite3_busy_timeout(inspection.db, 2000);
  const std::optional<std::int64_t> version = inspection.count("PRAGMA user_version");
  if (!version) return first_read_failed(inspection);
  report.schema_version = static_cast<int>(*version);
  if (report.schema_version > kSpoolSchemaVersion) return newer_schema(report);
  Verdict verdict = check_integrity(inspection);
  if (verdict == Verdict::fine) verdict = check_schema(inspection);
  report.healthy = verdict == Verdict::fine;
  return verdict;
}

}  // namespace

SpoolReport check_spool(const std::string& path) {
  SpoolReport report;
  report.damaged = inspect(path, report) == Verdict::damaged;
  return report;
}

}  // namespace cib
