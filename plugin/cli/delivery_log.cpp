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
    record({delivery.tag(), delivery.kind(), delivery.repo(), delivery.commit(), delivery.pr(),
            delivery.key(), delivery.outcome(), delivery.http_status(), delivery.message()});
  } catch (...) {
  }
}

void DeliveryLog::on_record(const agent::DeliveryRecord& record_in) noexcept {
  try {
    record(record_in);
  } catch (...) {
  }
}

void DeliveryLog::record(const agent::DeliveryRecord& r) {
  if (r.outcome != CIB_OUTCOME_SUPERSEDED) {
    last_outcome_[{r.kind, r.repo, r.commit, r.pr, r.key}] = r.outcome;
  }
  if (!print_all_ && r.outcome != CIB_OUTCOME_FAILED) return;
  out_ << slot_words(r.kind, r.repo, r.commit, r.pr, r.key) << ": " << outcome_word(r.outcome);
  if (r.http_status != 0) out_ << " (HTTP " << r.http_status << ")";
  if (!r.message.empty()) out_ << ": " << r.message;
  out_ << " [tag " << r.tag << "]\n";
}

std::size_t DeliveryLog::failed_slots() const {
  std::size_t n = 0;
  for (const auto& entry : last_outcome_) n += entry.second == CIB_OUTCOME_FAILED ? 1 : 0;
  return n;
}

}  // namespace cib::cli
