#include "naive_replay.h"

#include <Poco/JSON/Object.h>

#include <algorithm>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <type_traits>
#include <variant>

#include "naive_requests.h"
#include "trace_fields.h"

namespace cib::bench {
namespace {

// A call is given up after this many attempts, so that a host that never recovers ends the run.
constexpr int kMaxAttempts = 20;

std::string what_of(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "unknown error";
  }
}

}  // namespace

NaiveReplay::NaiveReplay(NaiveSender& sender, const Settings& settings, double time_scale,
                         std::ostream& errors)
    : sender_(sender),
      host_(settings.host_kind),
      github_check_runs_(settings.auth_type == AuthType::github_app &&
                         settings.github_reports == GithubReports::checks),
      backoff_{Duration(settings.retry_base_ms), Duration(settings.retry_max_ms)},
      time_scale_(time_scale),
      errors_(errors),
      random_(std::random_device{}()) {}

void NaiveReplay::run(const std::vector<trace::TraceLine>& lines, const std::string& trace_name) {
  read_sonar_ops(lines, trace_name);
  threads_ = report_threads(lines);
  anchor_ = std::chrono::steady_clock::now();
  trace_ms_ = 0;
  for (const trace::TraceLine& line : lines) {
    replay(line, trace_name + ":" + std::to_string(line.line_no) + ": ");
  }
}

void NaiveReplay::read_sonar_ops(const std::vector<trace::TraceLine>& lines,
                                 const std::string& trace_name) {
  sonar_calls_.clear();
  for (const trace::TraceLine& line : lines) {
    const auto* op = std::get_if<trace::SonarOp>(&line.op);
    if (op == nullptr) continue;
    try {
      sonar_calls_[line.line_no] = naive_calls(*op, trace_name);
    } catch (const trace::TraceError& e) {
      throw std::invalid_argument(trace_name + ":" + std::to_string(line.line_no) + ": " +
                                  e.what());
    }
  }
}

void NaiveReplay::replay(const trace::TraceLine& line, const std::string& where) {
  std::visit(
      [&](const auto& op) {
        using T = std::decay_t<decltype(op)>;
        if constexpr (std::is_same_v<T, trace::StatusOp> || std::is_same_v<T, trace::CommentOp> ||
                      std::is_same_v<T, trace::ReportOp>) {
          post(naive_call(op), where);
        } else if constexpr (std::is_same_v<T, trace::SonarOp>) {
          // One post op however many reports it holds, as `cibatch replay` counts it.
          ++totals_.calls;
          for (const NaiveCall& call : sonar_calls_[line.line_no]) send(call, where);
        } else if constexpr (std::is_same_v<T, trace::SleepOp>) {
          sleep(op.ms);
        } else if constexpr (std::is_same_v<T, trace::FlushOp>) {
          // Every call was sent when it was made: nothing waits. The holds after a flush count
          // from its end, as in `cibatch replay`.
          anchor_ = std::chrono::steady_clock::now();
          trace_ms_ = 0;
        }
      },
      line.op);
}

NaiveCall NaiveReplay::with_thread(NaiveCall call) const {
  if (call.slot.kind == SlotKind::report) {
    call.thread = report_thread(threads_, call.slot.repo, call.slot.commit);
  }
  return call;
}

void NaiveReplay::post(const NaiveCall& call, const std::string& where) {
  ++totals_.calls;
  send(call, where);
}

void NaiveReplay::send(const NaiveCall& call, const std::string& where) {
  sender_.begin_call(call.slot.kind);
  for (int attempt = 0;; ++attempt) {
    if (attempt > 0) ++totals_.retries;
    std::exception_ptr error;
    try {
      send_naive(with_thread(call), sender_, host_, github_check_runs_);
      return;
    } catch (...) {
      error = std::current_exception();
    }
    const std::int64_t wait = retry_wait_ms(error, attempt);
    if (wait < 0) {
      ++totals_.failed;
      errors_ << where << what_of(error) << "\n";
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(wait));
  }
}

std::int64_t NaiveReplay::retry_wait_ms(std::exception_ptr error, int attempt) {
  const UnitRandom unit = [this] {
    return std::uniform_real_distribution<double>(0.0, 1.0)(random_);
  };
  const std::int64_t backoff = backoff_delay(backoff_, attempt, unit).count();
  if (attempt + 1 >= kMaxAttempts) return -1;
  try {
    std::rethrow_exception(error);
  } catch (const HostError& e) {
    switch (classify(e.http_status())) {
      case Verdict::rate_limited:
        return e.retry_after_ms() >= 0 ? e.retry_after_ms() : backoff;
      case Verdict::retry:
        return std::max(backoff, e.retry_after_ms());
      default:
        return -1;
    }
  } catch (const TransportError& e) {
    return e.kind() == TransportError::Kind::tls ? -1 : backoff;
  } catch (...) {
    return -1;
  }
}

void NaiveReplay::sleep(std::int64_t ms) {
  trace_ms_ += static_cast<double>(ms) * time_scale_;
  std::this_thread::sleep_until(anchor_ +
                                std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                    std::chrono::duration<double, std::milli>(trace_ms_)));
}

std::string naive_summary_json(const NaiveTotals& totals, const NaiveCounts& counts) {
  Poco::JSON::Object by_kind(Poco::JSON_PRESERVE_KEY_ORDER);
  by_kind.set("status", counts.status);
  by_kind.set("comment", counts.comment);
  by_kind.set("report", counts.report);
  Poco::JSON::Object out(Poco::JSON_PRESERVE_KEY_ORDER);
  out.set("calls", totals.calls);
  out.set("requests", counts.requests);
  out.set("by_kind", by_kind);
  out.set("retries", totals.retries);
  out.set("rate_limited", counts.rate_limited);
  out.set("undelivered", totals.failed);
  std::ostringstream text;
  out.stringify(text);
  return text.str();
}

}  // namespace cib::bench
