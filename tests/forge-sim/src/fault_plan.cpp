#include "fault_plan.h"

#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

#include <map>
#include <random>
#include <stdexcept>

namespace cib::sim {
namespace {

long parse_positive(const std::string& text, const std::string& item) {
  Poco::Int64 value = 0;
  if (!Poco::NumberParser::tryParse64(text, value) || value < 1) {
    throw std::invalid_argument("fault \"" + item + "\": expected a positive number, got \"" +
                                text + "\"");
  }
  return static_cast<long>(value);
}

const std::map<std::string, FaultKind>& plain_kinds() {
  // clang-format off
  static const std::map<std::string, FaultKind> kinds = {
      {"503", FaultKind::kUnavailable}, {"429", FaultKind::kTooManyRequests},
      {"409", FaultKind::kConflict}, {"drop-before", FaultKind::kDropBefore},
      {"drop-after", FaultKind::kDropAfter}, {"echo-auth", FaultKind::kEchoAuth},
      {"echo-auth-text", FaultKind::kEchoAuthText}, {"429-bare", FaultKind::kTooManyBare},
      {"429-date", FaultKind::kTooManyDate}, {"cut-body", FaultKind::kCutBody},
      {"truncated", FaultKind::kTruncated}, {"not-json", FaultKind::kNotJson},
      {"wrong-shape", FaultKind::kWrongShape}};
  // clang-format on
  return kinds;
}

// "400".."599" (other than the codes with a kind of their own): the host's error answer.
bool is_error_code(const std::string& kind) {
  return kind.size() == 3 && (kind[0] == '4' || kind[0] == '5') &&
         kind.find_first_not_of("0123456789") == std::string::npos;
}

Fault fault_named(const std::string& kind, const std::string& item) {
  Fault fault;
  const auto plain = plain_kinds().find(kind);
  if (plain != plain_kinds().end()) {
    fault.kind = plain->second;
  } else if (is_error_code(kind)) {
    fault.kind = FaultKind::kStatus;
    fault.status = std::stoi(kind);
  } else if (kind.rfind("slow=", 0) == 0) {
    fault.kind = FaultKind::kSlow;
    fault.slow_ms = static_cast<int>(parse_positive(kind.substr(5), item));
  } else {
    throw std::invalid_argument("fault \"" + item +
                                "\": expected 503, 503xK, CODE, CODExK, 429, 429-bare, 429-date, "
                                "409, drop-before, drop-after, slow=MS, cut-body, truncated, "
                                "not-json, wrong-shape, echo-auth, echo-auth-text (each @N) or "
                                "random:P:SEED");
  }
  return fault;
}

}  // namespace

std::string Fault::name() const {
  if (kind == FaultKind::kSlow) return "slow=" + std::to_string(slow_ms);
  if (kind == FaultKind::kStatus) return std::to_string(status);
  for (const auto& [word, named] : plain_kinds()) {
    if (named == kind) return word;
  }
  return "";
}

bool Fault::replaces_answer() const {
  switch (kind) {
    case FaultKind::kUnavailable:
    case FaultKind::kTooManyRequests:
    case FaultKind::kTooManyBare:
    case FaultKind::kTooManyDate:
    case FaultKind::kConflict:
    case FaultKind::kEchoAuth:
    case FaultKind::kEchoAuthText:
    case FaultKind::kStatus:
      return true;
    default:
      return false;
  }
}

bool Fault::spoils_answer() const {
  return kind == FaultKind::kCutBody || kind == FaultKind::kTruncated ||
         kind == FaultKind::kNotJson || kind == FaultKind::kWrongShape;
}

FaultPlan FaultPlan::parse(const std::string& spec) {
  FaultPlan plan;
  const Poco::StringTokenizer items(
      spec, ",\n", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
  for (const auto& item : items) {
    if (item.rfind("random:", 0) == 0) {
      const Poco::StringTokenizer parts(item, ":");
      double probability = -1.0;
      Poco::UInt64 seed = 0;
      if (parts.count() != 3 || !Poco::NumberParser::tryParseFloat(parts[1], probability) ||
          probability < 0.0 || probability > 1.0 ||
          !Poco::NumberParser::tryParseUnsigned64(parts[2], seed)) {
        throw std::invalid_argument("fault \"" + item + "\": expected random:P:SEED, 0 <= P <= 1");
      }
      plan.random_probability_ = probability;
      plan.random_seed_ = seed;
      continue;
    }
    const auto at = item.rfind('@');
    if (at == std::string::npos) {
      throw std::invalid_argument("fault \"" + item + "\": expected KIND@N");
    }
    const long start = parse_positive(item.substr(at + 1), item);
    std::string kind = item.substr(0, at);
    long burst = 1;
    if (kind.size() > 4 && kind[3] == 'x' && is_error_code(kind.substr(0, 3))) {
      burst = parse_positive(kind.substr(4), item);
      kind = kind.substr(0, 3);
    }
    const Fault fault = fault_named(kind, item);
    for (long n = start; n < start + burst; ++n) plan.scheduled_[n] = fault;
  }
  return plan;
}

Fault FaultPlan::fault_for(long number) const {
  const auto found = scheduled_.find(number);
  if (found != scheduled_.end()) return found->second;
  if (random_probability_ <= 0.0) return Fault{};
  // A generator per request number keeps the choice independent of arrival order.
  std::mt19937_64 generator(random_seed_ ^
                            (0x9E3779B97F4A7C15ULL * static_cast<unsigned long long>(number)));
  std::uniform_real_distribution<double> chance(0.0, 1.0);
  if (chance(generator) >= random_probability_) return Fault{};
  static constexpr FaultKind kRandomKinds[] = {FaultKind::kUnavailable, FaultKind::kDropBefore,
                                               FaultKind::kDropAfter};
  Fault fault;
  fault.kind = kRandomKinds[generator() % 3];
  return fault;
}

}  // namespace cib::sim

namespace cib::sim {

void FaultSchedule::install(FaultPlan plan, long base_seq) {
  std::lock_guard<std::mutex> lock(mutex_);
  plan_ = std::move(plan);
  base_seq_ = base_seq;
}

void FaultSchedule::rebase(long base_seq) {
  std::lock_guard<std::mutex> lock(mutex_);
  base_seq_ = base_seq;
}

Fault FaultSchedule::fault_for_seq(long seq) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return plan_.fault_for(seq - base_seq_);
}

}  // namespace cib::sim
