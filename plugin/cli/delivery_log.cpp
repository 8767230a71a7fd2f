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

void DeliveryLog::on_delivery(void* opaque, const cib_delivery* delivery) {
  // The library calls this from cib_client_poll: nothing may escape back into C.
  try {
    static_cast<DeliveryLog*>(opaque)->record(delivery);
  } catch (...) {
  }
}

void DeliveryLog::record(const cib_delivery* delivery) {
  const std::int32_t kind = cib_delivery_kind(delivery);
  const std::string repo = cib_delivery_repo(delivery);
  const std::string commit = cib_delivery_commit(delivery);
  const std::int64_t pr = cib_delivery_pr(delivery);
  const std::string key = cib_delivery_key(delivery);
  const std::int32_t outcome = cib_delivery_outcome(delivery);
  if (outcome != CIB_OUTCOME_SUPERSEDED) last_outcome_[{kind, repo, commit, pr, key}] = outcome;

  if (!print_all_ && outcome != CIB_OUTCOME_FAILED) return;
  out_ << slot_words(kind, repo, commit, pr, key) << ": " << outcome_word(outcome);
  const std::int32_t http = cib_delivery_http_status(delivery);
  if (http != 0) out_ << " (HTTP " << http << ")";
  const std::string message = cib_delivery_message(delivery);
  if (!message.empty()) out_ << ": " << message;
  out_ << " [tag " << cib_delivery_tag(delivery) << "]\n";
}

std::size_t DeliveryLog::failed_slots() const {
  std::size_t n = 0;
  for (const auto& entry : last_outcome_) n += entry.second == CIB_OUTCOME_FAILED ? 1 : 0;
  return n;
}

}  // namespace cib::cli
