#include "request_log.h"

#include <sstream>

namespace cib::sim {
namespace {

std::string render(const LogEntry& entry) {
  Poco::JSON::Object::Ptr line = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  line->set("seq", entry.seq);
  line->set("t_ms", entry.t_ms);
  line->set("service", entry.sonar ? "sonar" : "host");
  line->set("method", entry.method);
  line->set("target", entry.target);
  line->set("token",
            entry.token_hash.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(entry.token_hash));
  line->set("status", entry.status == 0 ? Poco::Dynamic::Var() : Poco::Dynamic::Var(entry.status));
  line->set("valid", entry.valid);
  line->set("fault", entry.fault.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(entry.fault));
  line->set("body", entry.body);
  std::ostringstream out;
  line->stringify(out);
  return out.str();
}

}  // namespace

RequestLog::RequestLog(const std::string& file_path) : file_path_(file_path) {
  if (!file_path_.empty()) file_.open(file_path_, std::ios::out | std::ios::trunc);
}

long RequestLog::next_seq() {
  std::lock_guard<std::mutex> lock(mutex_);
  return ++last_seq_;
}

long RequestLog::last_seq() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return last_seq_;
}

void RequestLog::record(const LogEntry& entry) {
  const std::string line = render(entry);
  std::lock_guard<std::mutex> lock(mutex_);
  lines_.push_back(line);
  Counters& counters = entry.sonar ? sonar_ : host_;
  ++counters.requests;
  if (entry.status == 0) {
    ++counters.dropped;
  } else {
    ++counters.by_status[entry.status];
  }
  if (!entry.valid) ++counters.invalid;
  if (entry.rate_limited) ++counters.rate_limited;
  // Flushed per line so a test can read the file while the simulator runs.
  if (file_.is_open()) file_ << line << '\n' << std::flush;
}

std::string RequestLog::jsonl() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string out;
  for (const auto& line : lines_) out += line + "\n";
  return out;
}

Poco::JSON::Object::Ptr RequestLog::Counters::render() const {
  Poco::JSON::Object::Ptr statuses = new Poco::JSON::Object;
  for (const auto& [status, count] : by_status) statuses->set(std::to_string(status), count);
  Poco::JSON::Object::Ptr stats = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  stats->set("requests", requests);
  stats->set("by_status", statuses);
  stats->set("rate_limited", rate_limited);
  stats->set("invalid", invalid);
  stats->set("dropped", dropped);
  const auto not_modified = by_status.find(304);  // GitHub's conditional GETs
  stats->set("not_modified", not_modified == by_status.end() ? 0L : not_modified->second);
  return stats;
}

Poco::JSON::Object::Ptr RequestLog::stats() const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto stats = host_.render();
  stats->set("sonar", sonar_.render());
  return stats;
}

void RequestLog::reset() {
  std::lock_guard<std::mutex> lock(mutex_);
  lines_.clear();
  last_seq_ = 0;
  host_ = Counters();
  sonar_ = Counters();
  if (file_.is_open()) {
    file_.close();
    file_.open(file_path_, std::ios::out | std::ios::trunc);
  }
}

void RequestLog::flush() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (file_.is_open()) file_.flush();
}

}  // namespace cib::sim
