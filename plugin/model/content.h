// What a slot holds: its identity and the desired content of the remote object. Plain values.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace cib {

enum class SlotKind { status = 0, comment = 1, report = 2 };
enum class BuildState { inprogress = 0, successful = 1, failed = 2, stopped = 3 };
enum class ReportResult { passed = 0, failed = 1, pending = 2 };
enum class Severity { critical = 0, high = 1, medium = 2, low = 3 };
enum class FindingType { bug = 0, vulnerability = 1, code_smell = 2 };
enum class DataType {
  text = 0,
  boolean = 1,
  date = 2,
  duration = 3,
  link = 4,
  number = 5,
  percentage = 6
};

// The remote object a slot stands for. `key` is the status key, the comment key or the report id.
struct SlotId {
  SlotKind kind = SlotKind::status;
  std::string repo;
  std::string commit;   // status and report
  std::int64_t pr = 0;  // comment
  std::string key;

  bool operator==(const SlotId& o) const {
    return kind == o.kind && repo == o.repo && commit == o.commit && pr == o.pr && key == o.key;
  }
  bool operator<(const SlotId& o) const;
};

struct StatusContent {
  BuildState state = BuildState::inprogress;
  std::string name, url, description, ref;
  bool operator==(const StatusContent& o) const {
    return state == o.state && name == o.name && url == o.url && description == o.description &&
           ref == o.ref;
  }
};

struct CommentContent {
  std::string body;
  bool operator==(const CommentContent& o) const { return body == o.body; }
};

struct Annotation {
  std::string id, path;
  std::int32_t line = 0;
  Severity severity = Severity::medium;
  FindingType type = FindingType::bug;
  std::string summary, details, link;
  bool operator==(const Annotation& o) const {
    return id == o.id && path == o.path && line == o.line && severity == o.severity &&
           type == o.type && summary == o.summary && details == o.details && link == o.link;
  }
};

struct ReportData {
  std::string title;
  DataType type = DataType::text;
  std::string value;
  bool operator==(const ReportData& o) const {
    return title == o.title && type == o.type && value == o.value;
  }
};

struct ReportContent {
  std::string title, details, link, reporter;
  ReportResult result = ReportResult::pending;
  std::vector<ReportData> data;
  std::vector<Annotation> annotations;
  bool operator==(const ReportContent& o) const {
    return title == o.title && details == o.details && link == o.link && reporter == o.reporter &&
           result == o.result && data == o.data && annotations == o.annotations;
  }
};

using Content = std::variant<StatusContent, CommentContent, ReportContent>;

// Terminal build states and the first status of a key are "gating": they keep or open a merge
// check, so they wait only the terminal linger and go first.
inline bool is_terminal(BuildState s) {
  return s != BuildState::inprogress;
}

const char* to_string(SlotKind k);
const char* to_string(BuildState s);  // INPROGRESS, SUCCESSFUL, FAILED, STOPPED
const char* to_string(ReportResult r);
const char* to_string(Severity s);
const char* to_string(FindingType t);
const char* to_string(DataType t);

}  // namespace cib
