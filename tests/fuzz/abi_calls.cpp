#include "abi_calls.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace cib::fuzz {

namespace {

// Keys a sequence may set by name, with any value.
constexpr const char* kKeys[] = {"batching.linger_ms",
                                 "batching.terminal_linger_ms",
                                 "batching.max_delay_ms",
                                 "batching.max_pending",
                                 "comments.mode",
                                 "dedup.trust_s",
                                 "reports.max_queued",
                                 "log.queue",
                                 "host.auth.type",
                                 "host.auth.token",
                                 "host.auth.user",
                                 "host.auth.password",
                                 "budget.account",
                                 "budget.limit",
                                 "budget.window_s",
                                 "budget.reserve",
                                 "budget.bulk_share",
                                 "budget.bucket_size",
                                 "budget.bucket_refill_per_s",
                                 "sonar.comment",
                                 "spool.sync"};

// Words of the keys that decide where requests go, which files are written or how long a
// call may wait: a key that holds one is not set by an arbitrary name.
constexpr const char* kUnsafeWords[] = {"url",   "proxy", "path",  "file",     "spool",
                                        "redis", "tls",   "host",  "shutdown", "timeout",
                                        "retry", "group", "sonar", "budget",   "transport"};

bool safe_name(const char* key) {
  if (key == nullptr) return true;
  std::string lower(key);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return std::none_of(std::begin(kUnsafeWords), std::end(kUnsafeWords),
                      [&](const char* word) { return lower.find(word) != std::string::npos; });
}

constexpr int kMaxWaitMs = 10;

// A setting the session itself needs: refused, the run cannot go on.
void must_set(cib_config* config, const char* key, const std::string& value) {
  char errstr[256] = {};
  if (cib_config_set(config, key, value.c_str(), errstr, sizeof errstr) != CIB_OK) {
    std::fprintf(stderr, "cannot set %s: %s\n", key, errstr);
    std::abort();
  }
}

}  // namespace

AbiSession::AbiSession(AbiBytes& in, const std::string& api_url, const std::string& folder)
    : in_(in), folder_(folder) {
  if (cib_config_new(&config_, errstr_, sizeof errstr_) != CIB_OK) std::abort();
  set_base(api_url);
}

AbiSession::~AbiSession() {
  cib_client_destroy(client_);
  cib_config_destroy(config_);
}

void AbiSession::set_base(const std::string& api_url) {
  const std::pair<const char*, std::string> base[] = {
      {"host.kind", "bitbucket-cloud"},        {"host.api_url", api_url},
      {"host.auth.token", "fuzz-token"},       {"batching.linger_ms", "0"},
      {"batching.terminal_linger_ms", "0"},    {"shutdown.timeout_ms", "10"},
      {"transport.retry_base_ms", "1"},        {"transport.retry_max_ms", "5"},
      {"transport.connect_timeout_ms", "200"}, {"transport.read_timeout_ms", "500"}};
  for (const auto& [key, value] : base) must_set(config_, key, value);
}

void AbiSession::call() {
  switch (in_.byte() % 11) {
    case 0:
      return config_set();
    case 1:
      return client_new();
    case 2:
      return client_end();
    case 3:
      return post_status();
    case 4:
      return post_comment();
    case 5:
      return post_report();
    case 6:
      return post_sonar();
    case 7:
      return flush();
    case 8:
      return poll();
    case 9:
      return json();
    default:
      return post_status();
  }
}

void AbiSession::config_set() {
  const bool by_name = in_.byte() % 2 == 0;
  const char* key = by_name ? in_.choose(kKeys) : in_.text_or_null();  // one read, in order
  const char* value = in_.text_or_null();
  if (!by_name && !safe_name(key)) return;
  cib_config_set(config_, key, value, errstr_, in_.byte() % 2 ? sizeof errstr_ : 0);
}

void AbiSession::client_new() {
  cib_client_destroy(client_);
  client_ = nullptr;
  const std::string files = folder_ + "/c" + std::to_string(clients_++);
  for (const char* key : {"spool.path", "budget.path"}) {
    const std::string file = files + (key[0] == 's' ? "-spool.db" : "-budget.db");
    must_set(config_, key, file);
  }
  cib_client_new(&client_, config_, errstr_, sizeof errstr_);
}

void AbiSession::client_end() {
  if (in_.byte() % 2 == 0) {
    size_t left = 0, gating = 0;
    cib_client_close(client_, &left, &gating, errstr_, sizeof errstr_);
  }
  cib_client_destroy(client_);
  client_ = nullptr;
}

void AbiSession::post_status() {
  cib_build_status status = CIB_BUILD_STATUS_INIT;
  status.version = in_.byte() % 3;
  status.repo = in_.text_or_null();
  status.commit = in_.text_or_null();
  status.key = in_.text_or_null();
  status.state = static_cast<std::int8_t>(in_.byte());
  status.name = in_.text_or_null();
  status.url = in_.text_or_null();
  status.description = in_.text_or_null();
  status.ref = in_.text_or_null();
  const std::uint64_t tag = in_.byte();
  const std::uint32_t flags = in_.byte() % 4;
  cib_client_post_status(client_, &status, tag, flags, errstr_, sizeof errstr_);
}

void AbiSession::post_comment() {
  cib_comment comment = CIB_COMMENT_INIT;
  comment.version = in_.byte() % 3;
  comment.repo = in_.text_or_null();
  comment.pr = static_cast<std::int32_t>(in_.u32());
  comment.key = in_.text_or_null();
  comment.body = in_.text_or_null();
  const std::uint64_t tag = in_.byte();
  const std::uint32_t flags = in_.byte() % 4;
  cib_client_post_comment(client_, &comment, tag, flags, errstr_, sizeof errstr_);
}

void AbiSession::post_report() {
  std::vector<cib_report_data> data(in_.byte() % 12);
  std::vector<const cib_report_data*> data_pointers;
  for (cib_report_data& item : data) {
    item = CIB_REPORT_DATA_INIT;
    item.title = in_.text_or_null();
    item.type = static_cast<std::int8_t>(in_.byte());
    item.value = in_.text_or_null();
    data_pointers.push_back(in_.byte() == 255 ? nullptr : &item);
  }
  std::vector<cib_annotation> annotations(in_.byte() % 4);
  std::vector<const cib_annotation*> annotation_pointers;
  for (cib_annotation& annotation : annotations) {
    annotation = CIB_ANNOTATION_INIT;
    annotation.id = in_.text_or_null();
    annotation.path = in_.text_or_null();
    annotation.line = static_cast<std::int32_t>(in_.u32());
    annotation.severity = static_cast<std::int8_t>(in_.byte());
    annotation.type = static_cast<std::int8_t>(in_.byte());
    annotation.summary = in_.text_or_null();
    annotation.details = in_.text_or_null();
    annotation.link = in_.text_or_null();
    annotation_pointers.push_back(in_.byte() == 255 ? nullptr : &annotation);
  }
  cib_report report = CIB_REPORT_INIT;
  report.version = in_.byte() % 3;
  report.repo = in_.text_or_null();
  report.commit = in_.text_or_null();
  report.id = in_.text_or_null();
  report.title = in_.text_or_null();
  report.result = static_cast<std::int8_t>(in_.byte());
  report.details = in_.text_or_null();
  report.link = in_.text_or_null();
  report.reporter = in_.text_or_null();
  // A count with a NULL array is the caller's mistake the library must refuse.
  const bool null_arrays = in_.byte() == 255;
  report.data = null_arrays ? nullptr : data_pointers.data();
  report.data_count = data_pointers.size();
  report.annotations = null_arrays ? nullptr : annotation_pointers.data();
  report.annotation_count = annotation_pointers.size();
  const std::uint64_t tag = in_.byte();
  const std::uint32_t flags = in_.byte() % 4;
  cib_client_post_report(client_, &report, tag, flags, errstr_, sizeof errstr_);
}

void AbiSession::post_sonar() {
  std::vector<const char*> pages(in_.byte() % 3);
  for (const char*& page : pages) page = in_.text_or_null();
  cib_sonar sonar = CIB_SONAR_INIT;
  sonar.version = in_.byte() % 3;
  sonar.repo = in_.text_or_null();
  sonar.commit = in_.text_or_null();
  sonar.pr = static_cast<std::int32_t>(in_.u32());
  sonar.id = in_.text_or_null();
  sonar.issue_pages = in_.byte() == 255 ? nullptr : pages.data();
  sonar.issue_page_count = pages.size();
  sonar.gate = in_.text_or_null();
  sonar.measures = in_.text_or_null();
  sonar.sarif = in_.text_or_null();
  sonar.server_url = in_.text_or_null();
  sonar.dashboard_url = in_.text_or_null();
  const std::uint64_t tag = in_.byte();
  const std::uint32_t flags = in_.byte() % 4;
  cib_client_post_sonar(client_, &sonar, tag, flags, errstr_, sizeof errstr_);
}

void AbiSession::flush() {
  size_t left = 0;
  const std::uint64_t tag = in_.byte() % 4;
  const std::int32_t timeout_ms = in_.byte() % kMaxWaitMs;
  cib_client_flush(client_, tag, timeout_ms, &left, errstr_, sizeof errstr_);
}

void AbiSession::poll() {
  size_t served = 0;
  cib_client_poll(client_, in_.byte() % kMaxWaitMs, &served, errstr_, sizeof errstr_);
}

void AbiSession::json() {
  const std::size_t size = in_.byte();
  std::vector<char> buffer(size);
  char* buf = size == 0 ? nullptr : buffer.data();
  size_t needed = 0;
  if (in_.byte() % 2 == 0) {
    cib_client_stats_json(client_, buf, size, &needed, errstr_, sizeof errstr_);
  } else {
    cib_client_budget_json(client_, buf, size, &needed, errstr_, sizeof errstr_);
  }
}

}  // namespace cib::fuzz
