#include "trace_fields.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cstdint>
#include <initializer_list>
#include <limits>

#include "trace_words.h"

namespace cib::trace {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

Var parse_json(const std::string& text) {
  try {
    Poco::JSON::Parser parser;
    return parser.parse(text);
  } catch (const Poco::Exception& e) {
    throw TraceError("invalid JSON: " + e.message());
  }
}

std::string quoted(const std::string& s) {
  return "\"" + s + "\"";
}

// Reads the members of one JSON object; every error names `where` (the op, or the op and the
// element of a nested array) and the field.
class FieldReader {
 public:
  FieldReader(const Var& value, std::string where) : where_(std::move(where)) {
    if (value.type() != typeid(Object::Ptr) || value.extract<Object::Ptr>().isNull()) {
      fail("expected a JSON object");
    }
    object_ = value.extract<Object::Ptr>();
  }

  // Unknown members are refused: a misspelt optional field would otherwise be dropped silently.
  void allow_only(std::initializer_list<const char*> names) const {
    for (const auto& member : *object_) {
      bool known = false;
      for (const char* name : names) known = known || member.first == name;
      if (!known) fail("unknown field " + quoted(member.first));
    }
  }

  bool has(const std::string& name) const {
    return object_->has(name) && !object_->get(name).isEmpty();
  }

  std::string text(const std::string& name) const {
    if (!has(name)) fail("missing field " + quoted(name));
    std::string value = optional_text(name);
    if (value.empty()) fail("field " + quoted(name) + " must not be empty");
    return value;
  }

  std::string optional_text(const std::string& name) const {
    if (!has(name)) return "";
    const Var value = object_->get(name);
    if (!value.isString()) fail("field " + quoted(name) + ": expected a string");
    return value.convert<std::string>();
  }

  // A string, number or boolean, as text (report data values are textual in the ABI).
  std::string scalar_text(const std::string& name) const {
    if (!has(name)) fail("missing field " + quoted(name));
    const Var value = object_->get(name);
    if (!value.isString() && !value.isNumeric() && !value.isBoolean()) {
      fail("field " + quoted(name) + ": expected a string, number or boolean");
    }
    return value.convert<std::string>();
  }

  template <std::size_t N>
  std::string word(const std::string& name, const std::array<const char*, N>& words) const {
    const std::string value = text(name);
    if (word_index(words, value) < 0) {
      fail("field " + quoted(name) + ": expected " + word_list(words) + ", got " + quoted(value));
    }
    return value;
  }

  std::int64_t integer(const std::string& name, std::int64_t min, std::int64_t max) const {
    if (!has(name)) fail("missing field " + quoted(name));
    const Var value = object_->get(name);
    std::int64_t n = 0;
    try {
      if (!value.isInteger() || value.isBoolean()) throw Poco::RangeException();
      n = value.convert<std::int64_t>();
    } catch (const Poco::Exception&) {
      fail("field " + quoted(name) + ": expected an integer from " + std::to_string(min) + " to " +
           std::to_string(max));
    }
    if (n < min || n > max) {
      fail("field " + quoted(name) + ": expected an integer from " + std::to_string(min) + " to " +
           std::to_string(max) + ", got " + std::to_string(n));
    }
    return n;
  }

  // The members of an array field; an absent field reads as empty.
  std::vector<Var> array(const std::string& name) const {
    if (!has(name)) return {};
    const Var value = object_->get(name);
    if (value.type() != typeid(Array::Ptr)) fail("field " + quoted(name) + ": expected an array");
    const Array::Ptr items = value.extract<Array::Ptr>();
    return std::vector<Var>(items->begin(), items->end());
  }

  // A string or an array of strings.
  std::vector<std::string> text_list(const std::string& name) const {
    if (!has(name)) return {};
    if (object_->get(name).isString()) return {text(name)};
    std::vector<std::string> out;
    for (const Var& item : array(name)) {
      if (!item.isString()) fail("field " + quoted(name) + ": expected strings");
      out.push_back(item.convert<std::string>());
    }
    return out;
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw TraceError(where_.empty() ? what : where_ + ": " + what);
  }

 private:
  std::string where_;
  Object::Ptr object_;
};

constexpr std::int64_t kMaxInt32 = std::numeric_limits<std::int32_t>::max();
constexpr std::int64_t kMaxInt64 = std::numeric_limits<std::int64_t>::max();

std::string element(const std::string& where, const char* array, std::size_t i) {
  std::string prefix = where.empty() ? "" : where + ": ";
  return prefix + array + "[" + std::to_string(i) + "]";
}

std::vector<AnnotationOp> read_annotations(const std::vector<Var>& items,
                                           const std::string& where) {
  std::vector<AnnotationOp> out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const FieldReader f(items[i], element(where, "annotations", i));
    f.allow_only({"id", "path", "line", "severity", "type", "summary", "details", "link"});
    AnnotationOp a;
    a.id = f.text("id");
    a.path = f.optional_text("path");
    a.line = f.has("line") ? static_cast<std::int32_t>(f.integer("line", 0, kMaxInt32)) : 0;
    a.severity = f.word("severity", kSeverityWords);
    a.type = f.word("type", kFindingTypeWords);
    a.summary = f.text("summary");
    a.details = f.optional_text("details");
    a.link = f.optional_text("link");
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<ReportDataOp> read_report_data(const std::vector<Var>& items,
                                           const std::string& where) {
  std::vector<ReportDataOp> out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const FieldReader f(items[i], element(where, "data", i));
    f.allow_only({"title", "type", "value"});
    out.push_back({f.text("title"), f.word("type", kDataTypeWords), f.scalar_text("value")});
  }
  return out;
}

StatusOp read_status(const FieldReader& f) {
  f.allow_only({"op", "repo", "commit", "key", "state", "name", "url", "description", "ref"});
  return {f.text("repo"),
          f.text("commit"),
          f.text("key"),
          f.word("state", kStateWords),
          f.optional_text("name"),
          f.optional_text("url"),
          f.optional_text("description"),
          f.optional_text("ref")};
}

CommentOp read_comment(const FieldReader& f) {
  f.allow_only({"op", "repo", "pr", "key", "body"});
  CommentOp c;
  c.repo = f.text("repo");
  c.pr = f.integer("pr", 1, kMaxInt64);
  c.key = f.text("key");
  c.body = f.text("body");
  return c;
}

ReportOp read_report(const FieldReader& f) {
  f.allow_only({"op", "repo", "commit", "id", "title", "result", "details", "link", "reporter",
                "data", "annotations"});
  ReportOp r;
  r.repo = f.text("repo");
  r.commit = f.text("commit");
  r.id = f.text("id");
  r.title = f.text("title");
  r.result = f.word("result", kResultWords);
  r.details = f.optional_text("details");
  r.link = f.optional_text("link");
  r.reporter = f.optional_text("reporter");
  r.data = read_report_data(f.array("data"), "report");
  r.annotations = read_annotations(f.array("annotations"), "report");
  return r;
}

SonarOp read_sonar(const FieldReader& f) {
  f.allow_only({"op", "repo", "commit", "pr", "id", "issues", "gate", "measures", "sarif"});
  SonarOp s;
  s.repo = f.text("repo");
  s.commit = f.text("commit");
  s.pr = f.has("pr") ? f.integer("pr", 1, kMaxInt64) : 0;
  s.issues = f.text_list("issues");
  s.id = f.optional_text("id");
  s.gate = f.optional_text("gate");
  s.measures = f.optional_text("measures");
  s.sarif = f.optional_text("sarif");
  if ((s.issues.empty() && s.gate.empty() && s.measures.empty()) == s.sarif.empty()) {
    f.fail("expected either field \"issues\" (with \"gate\", \"measures\") or field \"sarif\"");
  }
  return s;
}

}  // namespace

Op parse_op_json(const std::string& text) {
  const Var value = parse_json(text);
  const std::string op = FieldReader(value, "").text("op");
  const FieldReader f(value, op);
  if (op == "status") return read_status(f);
  if (op == "comment") return read_comment(f);
  if (op == "report") return read_report(f);
  if (op == "sonar") return read_sonar(f);
  if (op == "sleep") {
    f.allow_only({"op", "ms"});
    return SleepOp{f.integer("ms", 0, kMaxInt32)};
  }
  if (op == "flush") {
    f.allow_only({"op", "timeout_ms"});
    return FlushOp{f.has("timeout_ms") ? f.integer("timeout_ms", 0, kMaxInt32) : -1};
  }
  throw TraceError("op: unknown op " + quoted(op) +
                   " (expected status, comment, report, sonar, sleep or flush)");
}

std::vector<AnnotationOp> parse_annotations_json(const std::string& text) {
  const Var value = parse_json(text);
  if (value.type() != typeid(Array::Ptr)) throw TraceError("expected a JSON array of annotations");
  const Array::Ptr items = value.extract<Array::Ptr>();
  return read_annotations(std::vector<Var>(items->begin(), items->end()), "");
}

std::vector<ReportDataOp> parse_report_data_json(const std::string& text) {
  const Var value = parse_json(text);
  if (value.type() != typeid(Array::Ptr)) throw TraceError("expected a JSON array of data items");
  const Array::Ptr items = value.extract<Array::Ptr>();
  return read_report_data(std::vector<Var>(items->begin(), items->end()), "");
}

}  // namespace cib::trace
