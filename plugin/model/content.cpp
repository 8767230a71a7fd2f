// The host-neutral names of content enums (the trace language's words) and the slot order.
#include "model/content.h"

#include <tuple>

namespace cib {

const char* to_string(SlotKind k) {
  switch (k) {
    case SlotKind::status:
      return "status";
    case SlotKind::comment:
      return "comment";
    case SlotKind::report:
      return "report";
  }
  return "unknown";
}

const char* to_string(BuildState s) {
  switch (s) {
    case BuildState::inprogress:
      return "INPROGRESS";
    case BuildState::successful:
      return "SUCCESSFUL";
    case BuildState::failed:
      return "FAILED";
    case BuildState::stopped:
      return "STOPPED";
  }
  return "UNKNOWN";
}

const char* to_string(ReportResult r) {
  switch (r) {
    case ReportResult::passed:
      return "PASSED";
    case ReportResult::failed:
      return "FAILED";
    case ReportResult::pending:
      return "PENDING";
  }
  return "UNKNOWN";
}

const char* to_string(Severity s) {
  switch (s) {
    case Severity::critical:
      return "CRITICAL";
    case Severity::high:
      return "HIGH";
    case Severity::medium:
      return "MEDIUM";
    case Severity::low:
      return "LOW";
  }
  return "UNKNOWN";
}

const char* to_string(FindingType t) {
  switch (t) {
    case FindingType::bug:
      return "BUG";
    case FindingType::vulnerability:
      return "VULNERABILITY";
    case FindingType::code_smell:
      return "CODE_SMELL";
  }
  return "UNKNOWN";
}

const char* to_string(DataType t) {
  switch (t) {
    case DataType::text:
      return "TEXT";
    case DataType::boolean:
      return "BOOLEAN";
    case DataType::date:
      return "DATE";
    case DataType::duration:
      return "DURATION";
    case DataType::link:
      return "LINK";
    case DataType::number:
      return "NUMBER";
    case DataType::percentage:
      return "PERCENTAGE";
  }
  return "UNKNOWN";
}

bool SlotId::operator<(const SlotId& o) const {
  return std::tie(kind, repo, commit, pr, key) < std::tie(o.kind, o.repo, o.commit, o.pr, o.key);
}

}  // namespace cib
