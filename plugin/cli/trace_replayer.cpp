#include "trace_replayer.h"

#include <iostream>
#include <ostream>
#include <type_traits>
#include <variant>

#include "abi_payloads.h"
#include "cli_errors.h"
#include "sonar_payload.h"
#include "trace_fields.h"

namespace cib::cli {
namespace {

// How long one attempt waits for room when the library's queue is full, and how many times.
constexpr std::int32_t kQueueFullFlushMs = 1000;
constexpr int kQueueFullAttempts = 30;

}  // namespace

void check_sonar_files(const std::vector<trace::TraceLine>& lines, const std::string& trace_name) {
  for (const trace::TraceLine& line : lines) {
    const auto* sonar = std::get_if<trace::SonarOp>(&line.op);
    if (sonar == nullptr) continue;
    try {
      const SonarPayload payload(*sonar, trace_folder(trace_name));
    } catch (const trace::TraceError& e) {
      throw CommandError(trace_name + ":" + std::to_string(line.line_no) + ": sonar: " + e.what());
    }
  }
}

void TraceReplayer::run(const std::vector<trace::TraceLine>& lines) {
  anchor_ = std::chrono::steady_clock::now();
  trace_ms_ = 0;
  for (const trace::TraceLine& line : lines) replay(line);
}

void TraceReplayer::replay(const trace::TraceLine& line) {
  std::visit(
      [&](const auto& op) {
        using T = std::decay_t<decltype(op)>;
        if constexpr (std::is_same_v<T, trace::StatusOp>) {
          post(line, *StatusPayload(op).get());
        } else if constexpr (std::is_same_v<T, trace::CommentOp>) {
          post(line, *CommentPayload(op).get());
        } else if constexpr (std::is_same_v<T, trace::ReportOp>) {
          post(line, *ReportPayload(op).get());
        } else if constexpr (std::is_same_v<T, trace::SonarOp>) {
          post_sonar(line, op);
        } else if constexpr (std::is_same_v<T, trace::SleepOp>) {
          sleep(op.ms);
        } else if constexpr (std::is_same_v<T, trace::FlushOp>) {
          flush(line, op.timeout_ms < 0 ? flush_timeout_ms_ : op.timeout_ms);
        }
      },
      line.op);
}

template <typename Payload>
void TraceReplayer::post(const trace::TraceLine& line, const Payload& payload) {
  for (int attempt = 1;; ++attempt) {
    try {
      session_.client().post(payload, tag_);
      break;
    } catch (const cibatch::Error& e) {
      if (e.status() != CIB_ERR_QUEUE_FULL || attempt == kQueueFullAttempts) {
        throw CommandError(where(line) + e.what());
      }
    }
    // A full queue is back-pressure, not an error: make room and try the same call again.
    session_.flush(0, kQueueFullFlushMs);
    session_.serve_queued();
  }
  ++calls_;
  if (echo_out_ != nullptr) *echo_out_ << "returned " << line.line_no << std::endl;
}

void TraceReplayer::post_sonar(const trace::TraceLine& line, const trace::SonarOp& op) {
  try {
    const SonarPayload payload(op, trace_folder(trace_name_));
    post(line, *payload.get());
  } catch (const trace::TraceError& e) {
    throw CommandError(where(line) + "sonar: " + e.what());
  }
}

void TraceReplayer::sleep(std::int64_t ms) {
  trace_ms_ += static_cast<double>(ms) * time_scale_;
  const auto deadline = anchor_ + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                      std::chrono::duration<double, std::milli>(trace_ms_));
  session_.serve_until(deadline);
}

void TraceReplayer::flush(const trace::TraceLine& line, std::int64_t timeout_ms) {
  const cibatch::Settlement result = session_.flush(0, static_cast<std::int32_t>(timeout_ms));
  session_.serve_queued();
  if (result.status != CIB_OK) {
    std::cerr << where(line) << "flush: " << result.message << " (" << result.left << " left)\n";
  }
  // A flush takes as long as delivery does; the holds after it count from its end.
  anchor_ = std::chrono::steady_clock::now();
  trace_ms_ = 0;
}

std::string TraceReplayer::where(const trace::TraceLine& line) const {
  return trace_name_ + ":" + std::to_string(line.line_no) + ": ";
}

}  // namespace cib::cli
