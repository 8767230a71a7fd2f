#include "delivery_log.h"

#include <ostream>

namespace cib::cli {
namespace {

const char* kind_word(std::int32_t kind) {
  switch (kind) {
    case CIB_SLOT_STATUS:
      return "status";
    case CIB_SLOT_COMMENT:
      return "comment";
    case CIB_SLOT_REPORT:
      return "report";
    default:
      return "slot";
  }
}

const char* outcome_word(std::int32_t outcome) {
  switch (outcome) {
    case CIB_OUTCOME_DELIVERED:
      return "DELIVERED";
    case CIB_OUTCOME_UNCHANGED:
      return "UNCHANGED";
    case CIB_OUTCOME_SUPERSEDED:
      return "SUPERSEDED";
    case CIB_OUTCOME_FAILED:
      return "FAILED";
    default:
      return "UNKNOWN";
  }
}

// "status acme/web@3f2c1a0 build", "comment acme/web#42 coverage".
std::string slot_words(std::int32_t kind, const std::string& repo, const std::string& commit,
                       std::int64_t pr, const std::string& key) {
  std::string where = repo;
  if (kind == CIB_SLOT_COMMENT) {
    where += "#" + std::to_string(pr);
  } else {
    where += "@" + commit.substr(0, 12);
  }
  return std::string(kind_word(kind)) + " " + where + " " + key;
}

}  // namespace

void DeliveryLog::on_delivery(const cibatch::Delivery& delivery) noexcept {
  // A report that cannot be printed must not end the command.
  try {
    record(delivery);
  } catch (...) {
  }
}

void DeliveryLog::record(const cibatch::Delivery& delivery) {
  const std::int32_t kind = delivery.kind();
  const std::string repo = delivery.repo();
  const std::string commit = delivery.commit();
  const std::int64_t pr = delivery.pr();
  const std::string key = delivery.key();
  const std::int32_t outcome = delivery.outcome();
  if (outcome != CIB_OUTCOME_SUPERSEDED) last_outcome_[{kind, repo, commit, pr, key}] = outcome;

  if (!print_all_ && outcome != CIB_OUTCOME_FAILED) return;
  out_ << slot_words(kind, repo, commit, pr, key) << ": " << outcome_word(outcome);
  const std::int32_t http = delivery.http_status();
  if (http != 0) out_ << " (HTTP " << http << ")";
  const std::string message = delivery.message();
  if (!message.empty()) out_ << ": " << message;
  out_ << " [tag " << delivery.tag() << "]\n";
}

std::size_t DeliveryLog::failed_slots() const {
  std::size_t n = 0;
  for (const auto& entry : last_outcome_) n += entry.second == CIB_OUTCOME_FAILED ? 1 : 0;
  return n;
}

}  // namespace cib::cli
