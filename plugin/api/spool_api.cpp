// Spool maintenance through the C ABI: `cibatch spool check|repair` is written against it.
#include "api/guard.h"
#include "cibatch.h"
#include "spool/spool_doctor.h"
#include "spool/spool_files.h"

using cib::api::CallError;
using cib::api::guarded;

CIB_API cib_status cib_spool_check(const char* path, uint32_t flags, char* buf, size_t buf_size,
                                   size_t* needed_out, char* errstr, size_t errstr_size) {
  cib::api::clear_buffer_outputs(buf, buf_size, needed_out);
  return guarded("cib_spool_check", errstr, errstr_size, [&] {
    if ((flags & ~CIB_SPOOL_REPAIR) != 0) {
      throw CallError(CIB_ERR_INVALID_ARGUMENT,
                      "flags: unknown bits " + std::to_string(flags & ~CIB_SPOOL_REPAIR));
    }
    const std::string file =
        (path == nullptr || *path == '\0') ? cib::default_spool_path() : std::string(path);
    const cib::SpoolReport report =
        (flags & CIB_SPOOL_REPAIR) ? cib::repair_spool(file) : cib::check_spool(file);
    try {
      cib::api::copy_to_buffer(cib::to_json(report), buf, buf_size, needed_out);
    } catch (const CallError& e) {
      // The move is done and cannot be asked for again: say where the file went.
      if (report.moved_to.empty()) throw;
      throw CallError(e.status(), std::string(e.what()) + "; " + file +
                                      " was damaged and moved to " + report.moved_to);
    }
    if (report.healthy) return CIB_OK;
    throw CallError(CIB_ERR_SPOOL, report.moved_to.empty()
                                       ? file + ": " +
                                             (report.problems.empty() ? std::string("damaged")
                                                                      : report.problems.front())
                                       : file + " was damaged and moved to " + report.moved_to);
  });
}
