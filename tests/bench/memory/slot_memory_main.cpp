// bench-slot-memory [N [MAX_BYTES_PER_SLOT]]
// What a pending slot costs in memory: opens a client with spool.sync off (the in-memory slot
// table alone), posts N (default 1,000,000) statuses of distinct keys, none delivered, and prints
// one JSON line: {"slots","rss_delta_bytes","bytes_per_slot","content_bytes_per_slot",
// "posts_per_second"}. content_bytes_per_slot is the length of the strings posted per slot, what
// any representation must hold. Exit 0; 1 when the client refused something, or when
// bytes_per_slot exceeds MAX_BYTES_PER_SLOT (given); 2 on a usage error.
// With CIB_BENCH_SPOOL_DIR set, the client journals to a spool there (spool.sync batch) instead,
// and the line also has "spool_bytes": the spool file and its -wal when the last post returned.
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <stdexcept>
#include <string>

#include "bench_client.h"
#include "process_memory.h"
#include "stalled_host.h"

namespace {

constexpr std::int64_t kDefaultSlots = 1000000;
constexpr int kConnectWaitMs = 10000;
constexpr const char* kReadTimeoutMs = "3600000";  // the request the dispatcher is parked in
constexpr std::uint64_t kParkTag = 1;
constexpr std::uint64_t kSlotTag = 2;

struct Measurement {
  std::int64_t slots = 0;
  std::int64_t rss_delta_bytes = 0;
  std::int64_t content_bytes = 0;
  double post_seconds = 0;
};

// argv[index] as a positive number, or `fallback` when absent.
std::int64_t positive_arg(int argc, char** argv, int index, std::int64_t fallback) {
  if (argc > 3) throw std::invalid_argument("");
  if (argc <= index) return fallback;
  char* end = nullptr;
  const long long value = std::strtoll(argv[index], &end, 10);
  if (*end != '\0' || value <= 0) throw std::invalid_argument("");
  return value;
}

std::int64_t file_bytes(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<std::int64_t>(st.st_size) : 0;
}

// Runs call; a library refusal becomes a runtime_error naming `what`.
template <typename Call>
void check(const char* what, Call call) {
  try {
    call();
  } catch (const cibatch::Error& e) {
    throw std::runtime_error(std::string(what) + ": " + cib::bench::describe_failure(e));
  }
}

// Sends one status to the host that never answers, so that the dispatcher waits in that request
// and not in its loop over the pending slots.
void park_dispatcher(cibatch::Client& client, cib::bench::StalledHost& host) {
  cib_build_status status = CIB_BUILD_STATUS_INIT;
  status.repo = "bench/park";
  status.commit = "0000000000000000000000000000000000000000";
  status.key = "park";
  check("posting the status that parks the dispatcher", [&] { client.post(status, kParkTag); });
  // A zero timeout sends it now and returns; its status says only that it is not settled yet.
  check("sending the status that parks the dispatcher", [&] { client.flush(kParkTag, 0); });
  if (!host.wait_for_connection(kConnectWaitMs)) {
    throw std::runtime_error("the dispatcher did not connect to the stalled host");
  }
}

Measurement post_slots(cibatch::Client& client, std::int64_t slots) {
  char key[32];
  char url[64];
  cib_build_status status = CIB_BUILD_STATUS_INIT;
  status.repo = "acme/web";
  status.commit = "3f2c6b1e9a0d4c8b7e5f2a1d0c9b8a7f6e5d4c3b";
  status.name = "Build and test";
  status.description = "Compiling and running the unit tests";
  status.ref = "main";
  status.key = key;
  status.url = url;
  const std::int64_t fixed_bytes = static_cast<std::int64_t>(
      std::strlen(status.repo) + std::strlen(status.commit) + std::strlen(status.name) +
      std::strlen(status.description) + std::strlen(status.ref));
  Measurement measured;
  measured.slots = slots;
  const std::int64_t rss_before = cib::bench::trimmed_rss_bytes();
  const auto start = std::chrono::steady_clock::now();
  for (std::int64_t i = 0; i < slots; ++i) {
    const int key_bytes = std::snprintf(key, sizeof key, "job-%07" PRId64, i);
    const int url_bytes =
        std::snprintf(url, sizeof url, "https://ci.example.com/job/web/%" PRId64 "/", i);
    measured.content_bytes += fixed_bytes + key_bytes + url_bytes;
    check("cib_client_post_status", [&] { client.post(status, kSlotTag); });
  }
  measured.post_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  measured.rss_delta_bytes = cib::bench::trimmed_rss_bytes() - rss_before;
  return measured;
}

void print_json(const Measurement& m) {
  const auto per_slot = [&](std::int64_t bytes) { return static_cast<double>(bytes) / m.slots; };
  std::printf("{\"slots\":%" PRId64 ",\"rss_delta_bytes\":%" PRId64
              ",\"bytes_per_slot\":%.1f,\"content_bytes_per_slot\":%.1f,\"post_seconds\":%.3f,"
              "\"posts_per_second\":%.0f}\n",
              m.slots, m.rss_delta_bytes, per_slot(m.rss_delta_bytes), per_slot(m.content_bytes),
              m.post_seconds, m.post_seconds > 0 ? m.slots / m.post_seconds : 0.0);
}

int run(int argc, char** argv) {
  std::int64_t slots = 0;
  std::int64_t max_bytes_per_slot = 0;
  try {
    slots = positive_arg(argc, argv, 1, kDefaultSlots);
    max_bytes_per_slot = positive_arg(argc, argv, 2, 0);
  } catch (const std::invalid_argument&) {
    throw std::invalid_argument(
        "usage: bench-slot-memory [N [MAX_BYTES_PER_SLOT]], positive numbers");
  }
  cib::bench::StalledHost host;
  const std::string max_pending = std::to_string(std::max<std::int64_t>(slots + 1, kDefaultSlots));
  const char* spool_dir = std::getenv("CIB_BENCH_SPOOL_DIR");
  const std::string spool_file = spool_dir != nullptr ? std::string(spool_dir) + "/spool.db" : "";
  cib::bench::Settings spool{{"spool.sync", "off"}};
  if (spool_dir != nullptr) spool = {{"spool.sync", "batch"}, {"spool.path", spool_file}};
  spool.insert(spool.end(), {{"batching.max_pending", max_pending},
                             {"transport.read_timeout_ms", kReadTimeoutMs}});
  cib::bench::OpenedClient opened =
      cib::bench::open_client(cib::bench::quiet_settings(host.api_url(), spool), "spool.sync");
  if (opened.client.get() == nullptr) throw std::runtime_error(opened.error);
  if (!opened.skipped.empty()) {
    std::cerr << "bench-slot-memory: this libcibatch does not know " << opened.skipped
              << "; it has no spool, so it keeps every slot in memory anyway\n";
  }
  park_dispatcher(opened.client, host);
  const Measurement measured = post_slots(opened.client, slots);
  if (spool_dir != nullptr) {
    std::printf("{\"spool_bytes\":%" PRId64 "}\n",
                file_bytes(spool_file) + file_bytes(spool_file + "-wal"));
  }
  print_json(measured);
  std::fflush(stdout);
  if (max_bytes_per_slot > 0 && measured.rss_delta_bytes > max_bytes_per_slot * measured.slots) {
    std::cerr << "bench-slot-memory: more than " << max_bytes_per_slot << " bytes per slot\n";
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::invalid_argument& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "bench-slot-memory: " << e.what() << "\n";
    return 1;
  }
}
