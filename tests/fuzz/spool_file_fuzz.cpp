// A damaged spool file: the input is written as the spool's database file, which is then opened
// through the spool's open path (filesystem check, WAL, schema migration) and read the ways a
// client reads it at start: every pending slot, every known slot, the counts, and a claim of
// each pending slot. A SpoolError is the spool refusing the file, as it should (it never
// deletes or rewrites a file it cannot read).
#include <filesystem>
#include <fstream>

#include "fuzz_input.h"
#include "runtime/clock.h"
#include "spool/spool.h"
#include "spool/spool_error.h"
#include "temp_dir.h"

namespace {

cib::SpoolOptions options_for(const std::string& path) {
  cib::SpoolOptions options;
  options.path = path;
  options.busy_timeout_ms = 10;
  options.identity = "fuzz-identity";
  options.api_url = "http://127.0.0.1:9/2.0";
  return options;
}

void read_spool(const std::string& path) {
  static const cib::SystemClock clock;
  const auto spool = cib::Spool::open(options_for(path), clock);
  std::size_t gating = 0;
  spool->pending_count(&gating);
  for (const cib::SpooledSlot& slot : spool->pending(0)) spool->claim(slot.id);
  spool->for_each_known(0, [](const cib::SlotId&, const auto&, const auto&) {});
  spool->remove_expired();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const cib::test::TempDir folder("cib-fuzz-spool");
  const std::string path = folder.file("spool.db");
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  cib::fuzz::refuse_or_read<cib::SpoolError>([&] { read_spool(path); });
  for (const auto& entry : std::filesystem::directory_iterator(folder.path())) {
    std::filesystem::remove_all(entry.path());
  }
  return 0;
}
