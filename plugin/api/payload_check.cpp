#include "api/payload_check.h"

#include "api/guard.h"
#include "api/utf8.h"

namespace cib::api {
namespace {

// The shim casts the ABI's int32_t enums to the model's; their values must stay the same.
static_assert(static_cast<int>(BuildState::stopped) == CIB_STATE_STOPPED);
static_assert(static_cast<int>(ReportResult::pending) == CIB_RESULT_PENDING);
static_assert(static_cast<int>(Severity::low) == CIB_SEVERITY_LOW);
static_assert(static_cast<int>(FindingType::code_smell) == CIB_FINDING_CODE_SMELL);
static_assert(static_cast<int>(DataType::percentage) == CIB_DATA_PERCENTAGE);
static_assert(static_cast<int>(SlotKind::report) == CIB_SLOT_REPORT);

[[noreturn]] void fail(const std::string& field, const std::string& what) {
  throw CallError(CIB_ERR_INVALID_ARGUMENT, field + ": " + what);
}

}  // namespace

void check_version(const char* field, std::uint32_t version, std::uint32_t known) {
  if (version == 0 || version > known) {
    throw CallError(CIB_ERR_UNSUPPORTED_VERSION,
                    std::string(field) + "->version: " + std::to_string(version) +
                        " is not a version this library knows (1.." + std::to_string(known) +
                        "); initialise the struct with its _INIT macro or _init() function");
  }
}

namespace {

template <typename Enum>
Enum checked_enum(const std::string& field, std::int32_t value, std::int32_t last) {
  if (value < 0 || value > last) {
    fail(field,
         "expected a value from 0 to " + std::to_string(last) + ", got " + std::to_string(value));
  }
  return static_cast<Enum>(value);
}

}  // namespace

bool checked_flags(std::uint32_t flags) {
  if ((flags & ~CIB_POST_FORCE) != 0) fail("flags", "unknown bits set; only CIB_POST_FORCE exists");
  return (flags & CIB_POST_FORCE) != 0;
}

namespace {

// Why `part` (one '/'-separated part of a request path) could be read as another path, or "".
// A proxy or server that normalises paths removes "." and ".." parts (and "%2E" forms of them),
// ends the path at '?' or '#', and may read '\\' as '/'.
std::string path_part_fault(const std::string& part) {
  if (part.empty()) return "has an empty part";
  if (part == "." || part == "..") return "has a \".\" or \"..\" part";
  for (const char c : part) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) return "holds a control character";
    if (c == '?' || c == '#' || c == '%' || c == '\\') {
      return "holds '" + std::string(1, c) + "'; '?', '#', '%' and '\\' are not allowed";
    }
  }
  return "";
}

}  // namespace

// "owner/name" on every host (GitLab namespaces hold more slashes); each part must be usable as
// a path segment as it is.
std::string checked_repo(const std::string& field, const char* value) {
  std::string repo = checked_text(field.c_str(), value, true, kMaxIdBytes);
  if (repo.find('/') == std::string::npos) fail(field, "expected \"owner/name\"");
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = repo.find('/', start);
    const std::string fault = path_part_fault(repo.substr(start, slash - start));
    if (!fault.empty()) fail(field, "expected \"owner/name\"; it " + fault);
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return repo;
}

// A commit id goes into request paths as one segment.
std::string checked_commit(const std::string& field, const char* value) {
  std::string commit = checked_text(field.c_str(), value, true, kMaxIdBytes);
  const std::string fault =
      commit.find('/') != std::string::npos ? "holds '/'" : path_part_fault(commit);
  if (!fault.empty()) fail(field, "expected a commit id; it " + fault);
  return commit;
}

// An id the providers percent-encode into one path segment: only "." and ".." could still be
// read as a dot segment after decoding.
std::string checked_segment_id(const std::string& field, const char* value) {
  std::string id = checked_text(field.c_str(), value, true, kMaxIdBytes);
  if (id == "." || id == "..") fail(field, "must not be \".\" or \"..\"");
  return id;
}

namespace {

Annotation annotation_from(const cib_annotation* a, std::size_t index) {
  const std::string field = "report->annotations[" + std::to_string(index) + "]";
  if (a == nullptr) fail(field, "is NULL");
  check_version(field.c_str(), a->version, CIB_ANNOTATION_VERSION);
  Annotation out;
  out.id = checked_segment_id(field + "->id", a->id);
  out.path = checked_text((field + "->path").c_str(), a->path, false, kMaxIdBytes * 4);
  if (a->line < 0) fail(field + "->line", "expected 0 (none) or a positive line number");
  out.line = a->line;
  out.severity = checked_enum<Severity>(field + "->severity", a->severity, CIB_SEVERITY_LOW);
  out.type = checked_enum<FindingType>(field + "->type", a->type, CIB_FINDING_CODE_SMELL);
  out.summary = checked_text((field + "->summary").c_str(), a->summary, true, kMaxTextBytes);
  out.details = checked_text((field + "->details").c_str(), a->details, false, kMaxTextBytes);
  out.link = checked_text((field + "->link").c_str(), a->link, false, kMaxIdBytes * 4);
  return out;
}

ReportData data_from(const cib_report_data* d, std::size_t index) {
  const std::string field = "report->data[" + std::to_string(index) + "]";
  if (d == nullptr) fail(field, "is NULL");
  check_version(field.c_str(), d->version, CIB_REPORT_DATA_VERSION);
  ReportData out;
  out.title = checked_text((field + "->title").c_str(), d->title, true, kMaxIdBytes);
  out.type = checked_enum<DataType>(field + "->type", d->type, CIB_DATA_PERCENTAGE);
  out.value = checked_text((field + "->value").c_str(), d->value, true, kMaxIdBytes * 4);
  return out;
}

// The checks every post shares: the payload pointer, its struct version, the flags, the repo.
template <typename Payload>
Update begin_update(const char* field, const Payload* payload, std::uint32_t known_version,
                    SlotKind kind, std::uint64_t tag, std::uint32_t flags) {
  require_pointer(field, payload);
  check_version(field, payload->version, known_version);
  Update u;
  u.force = checked_flags(flags);
  u.tag = tag;
  u.id.kind = kind;
  u.id.repo = checked_repo(std::string(field) + "->repo", payload->repo);
  return u;
}

}  // namespace

std::string checked_text(const char* field, const char* value, bool required, std::size_t max) {
  if (value == nullptr) {
    if (required) fail(field, "is required, got NULL");
    return {};
  }
  const std::size_t length = bounded_length(value, max + 1);
  if (length > max) fail(field, "longer than " + std::to_string(max) + " bytes");
  if (required && length == 0) fail(field, "is required, got an empty string");
  if (!is_valid_utf8(value, length)) fail(field, "is not valid UTF-8");
  return std::string(value, length);
}

void require_pointer(const char* field, const void* pointer) {
  if (pointer == nullptr) fail(field, "is NULL");
}

Update status_update(const cib_build_status* s, std::uint64_t tag, std::uint32_t flags) {
  Update u = begin_update("status", s, CIB_BUILD_STATUS_VERSION, SlotKind::status, tag, flags);
  u.id.commit = checked_commit("status->commit", s->commit);
  u.id.key = checked_text("status->key", s->key, true, kMaxIdBytes);
  StatusContent c;
  c.state = checked_enum<BuildState>("status->state", s->state, CIB_STATE_STOPPED);
  c.name = checked_text("status->name", s->name, false, kMaxIdBytes);
  c.url = checked_text("status->url", s->url, false, kMaxIdBytes * 4);
  c.description = checked_text("status->description", s->description, false, kMaxTextBytes);
  c.ref = checked_text("status->ref", s->ref, false, kMaxIdBytes);
  u.content = std::move(c);
  return u;
}

Update comment_update(const cib_comment* m, std::uint64_t tag, std::uint32_t flags) {
  Update u = begin_update("comment", m, CIB_COMMENT_VERSION, SlotKind::comment, tag, flags);
  if (m->pr <= 0) fail("comment->pr", "expected a pull request number > 0");
  u.id.pr = m->pr;
  u.id.key = checked_text("comment->key", m->key, true, kMaxIdBytes);
  u.content = CommentContent{checked_text("comment->body", m->body, true, kMaxTextBytes)};
  return u;
}

Update report_update(const cib_report* r, std::uint64_t tag, std::uint32_t flags) {
  Update u = begin_update("report", r, CIB_REPORT_VERSION, SlotKind::report, tag, flags);
  u.id.commit = checked_commit("report->commit", r->commit);
  u.id.key = checked_segment_id("report->id", r->id);
  ReportContent c;
  c.title = checked_text("report->title", r->title, true, kMaxIdBytes);
  c.result = checked_enum<ReportResult>("report->result", r->result, CIB_RESULT_PENDING);
  c.details = checked_text("report->details", r->details, false, kMaxTextBytes);
  c.link = checked_text("report->link", r->link, false, kMaxIdBytes * 4);
  c.reporter = checked_text("report->reporter", r->reporter, false, kMaxIdBytes);
  if (r->data_count > 10) fail("report->data_count", "at most 10 data fields are allowed");
  if (r->data_count > 0 && r->data == nullptr) fail("report->data", "is NULL but data_count > 0");
  for (std::size_t i = 0; i < r->data_count; ++i) c.data.push_back(data_from(r->data[i], i));
  if (r->annotation_count > 0 && r->annotations == nullptr) {
    fail("report->annotations", "is NULL but annotation_count > 0");
  }
  if (r->annotation_count > 100000) fail("report->annotation_count", "more than 100000");
  c.annotations.reserve(r->annotation_count);
  for (std::size_t i = 0; i < r->annotation_count; ++i) {
    c.annotations.push_back(annotation_from(r->annotations[i], i));
  }
  u.content = std::move(c);
  return u;
}

}  // namespace cib::api
