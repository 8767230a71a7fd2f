// The spool's value formats. Contents and remote state are compact JSON objects with short
// member names (they are written once per post); enums are stored as their numbers, which
// content.h fixes.
#include "spool/codec.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cstdint>
#include <sstream>
#include <typeinfo>

#include "spool/codec_error.h"
#include "spool/spool_error.h"

namespace cib {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::string stringify(const Object::Ptr& object) {
  std::ostringstream out;
  object->stringify(out);
  return out.str();
}

Object::Ptr parse_object(const std::string& text, const std::string& what) {
  try {
    Poco::JSON::Parser parser;
    Object::Ptr object = parser.parse(text).extract<Object::Ptr>();
    if (object) return object;
  } catch (const Poco::Exception&) {
  } catch (const std::bad_cast&) {
  }
  unreadable(what + " (not a JSON object)");
}

// Readers of one member: a missing or mistyped member names the member, never the value.
std::string text_member(const Object::Ptr& object, const char* name, const std::string& what) {
  const Poco::Dynamic::Var value = object->get(name);
  if (!value.isString()) unreadable(what + " field '" + name + "'");
  return value.extract<std::string>();
}

std::int64_t integer_member(const Object::Ptr& object, const char* name, const std::string& what,
                            std::int64_t low, std::int64_t high) {
  const Poco::Dynamic::Var value = object->get(name);
  if (!value.isInteger()) unreadable(what + " field '" + name + "'");
  std::int64_t number = 0;
  try {
    number = value.convert<std::int64_t>();
  } catch (const Poco::Exception&) {
    unreadable(what + " field '" + name + "'");
  }
  if (number < low || number > high) unreadable(what + " field '" + name + "'");
  return number;
}

bool boolean_member(const Object::Ptr& object, const char* name, const std::string& what) {
  const Poco::Dynamic::Var value = object->get(name);
  if (!value.isBoolean()) unreadable(what + " field '" + name + "'");
  return value.extract<bool>();
}

template <typename Enum>
Enum enum_member(const Object::Ptr& object, const char* name, const std::string& what, Enum last) {
  return static_cast<Enum>(integer_member(object, name, what, 0, static_cast<std::int64_t>(last)));
}

Array::Ptr array_member(const Object::Ptr& object, const char* name, const std::string& what) {
  Array::Ptr array = object->getArray(name);
  if (!array) unreadable(what + " field '" + name + "'");
  return array;
}

Object::Ptr object_at(const Array::Ptr& array, std::size_t index, const std::string& what) {
  Object::Ptr object = array->getObject(static_cast<unsigned>(index));
  if (!object) unreadable(what);
  return object;
}

Object::Ptr encode_status(const StatusContent& status) {
  Object::Ptr object = new Object;
  object->set("s", static_cast<int>(status.state));
  object->set("n", status.name);
  object->set("u", status.url);
  object->set("d", status.description);
  object->set("r", status.ref);
  return object;
}

StatusContent decode_status(const Object::Ptr& object) {
  const std::string what = "status content:";
  StatusContent status;
  status.state = enum_member(object, "s", what, BuildState::stopped);
  status.name = text_member(object, "n", what);
  status.url = text_member(object, "u", what);
  status.description = text_member(object, "d", what);
  status.ref = text_member(object, "r", what);
  return status;
}

Object::Ptr encode_annotation(const Annotation& annotation) {
  Object::Ptr object = new Object;
  object->set("i", annotation.id);
  object->set("p", annotation.path);
  object->set("n", annotation.line);
  object->set("s", static_cast<int>(annotation.severity));
  object->set("y", static_cast<int>(annotation.type));
  object->set("m", annotation.summary);
  object->set("d", annotation.details);
  object->set("l", annotation.link);
  return object;
}

Annotation decode_annotation(const Object::Ptr& object) {
  const std::string what = "report annotation:";
  Annotation annotation;
  annotation.id = text_member(object, "i", what);
  annotation.path = text_member(object, "p", what);
  annotation.line =
      static_cast<std::int32_t>(integer_member(object, "n", what, INT32_MIN, INT32_MAX));
  annotation.severity = enum_member(object, "s", what, Severity::low);
  annotation.type = enum_member(object, "y", what, FindingType::code_smell);
  annotation.summary = text_member(object, "m", what);
  annotation.details = text_member(object, "d", what);
  annotation.link = text_member(object, "l", what);
  return annotation;
}

Object::Ptr encode_report(const ReportContent& report) {
  Object::Ptr object = new Object;
  object->set("t", report.title);
  object->set("d", report.details);
  object->set("l", report.link);
  object->set("p", report.reporter);
  object->set("r", static_cast<int>(report.result));
  Array::Ptr data = new Array;
  for (const ReportData& item : report.data) {
    Object::Ptr entry = new Object;
    entry->set("t", item.title);
    entry->set("y", static_cast<int>(item.type));
    entry->set("v", item.value);
    data->add(entry);
  }
  object->set("data", data);
  Array::Ptr annotations = new Array;
  for (const Annotation& annotation : report.annotations) {
    annotations->add(encode_annotation(annotation));
  }
  object->set("a", annotations);
  return object;
}

ReportContent decode_report(const Object::Ptr& object) {
  const std::string what = "report content:";
  ReportContent report;
  report.title = text_member(object, "t", what);
  report.details = text_member(object, "d", what);
  report.link = text_member(object, "l", what);
  report.reporter = text_member(object, "p", what);
  report.result = enum_member(object, "r", what, ReportResult::pending);
  const Array::Ptr data = array_member(object, "data", what);
  for (std::size_t i = 0; i < data->size(); ++i) {
    const Object::Ptr entry = object_at(data, i, "report data entry");
    const std::string entry_what = "report data entry:";
    ReportData item;
    item.title = text_member(entry, "t", entry_what);
    item.type = enum_member(entry, "y", entry_what, DataType::percentage);
    item.value = text_member(entry, "v", entry_what);
    report.data.push_back(std::move(item));
  }
  const Array::Ptr annotations = array_member(object, "a", what);
  for (std::size_t i = 0; i < annotations->size(); ++i) {
    report.annotations.push_back(decode_annotation(object_at(annotations, i, "report annotation")));
  }
  return report;
}

}  // namespace

std::string encode_content(const Content& content) {
  if (const auto* status = std::get_if<StatusContent>(&content)) {
    return stringify(encode_status(*status));
  }
  if (const auto* comment = std::get_if<CommentContent>(&content)) {
    Object::Ptr object = new Object;
    object->set("b", comment->body);
    return stringify(object);
  }
  return stringify(encode_report(std::get<ReportContent>(content)));
}

Content decode_content(SlotKind kind, const std::string& text) {
  switch (kind) {
    case SlotKind::status:
      return decode_status(parse_object(text, "status content"));
    case SlotKind::comment: {
      CommentContent comment;
      comment.body = text_member(parse_object(text, "comment content"), "b", "comment content:");
      return comment;
    }
    case SlotKind::report:
      return decode_report(parse_object(text, "report content"));
  }
  unreadable("content of an unknown slot kind");
}

std::string encode_remote(const RemoteState& remote) {
  Object::Ptr object = new Object;
  object->set("id", remote.remote_id);
  object->set("amb", remote.create_ambiguous);
  object->set("hk", remote.host_known);
  object->set("rk", remote.report_known);
  object->set("rd", remote.report_digest);
  Object::Ptr annotations = new Object;
  for (const auto& [external_id, digest] : remote.annotations) {
    annotations->set(external_id, digest);
  }
  object->set("a", annotations);
  return stringify(object);
}

RemoteState decode_remote(const std::string& text) {
  const std::string what = "remote state:";
  const Object::Ptr object = parse_object(text, "remote state");
  RemoteState remote;
  remote.remote_id = text_member(object, "id", what);
  remote.create_ambiguous = boolean_member(object, "amb", what);
  remote.host_known = object->has("hk") && boolean_member(object, "hk", what);
  remote.report_known = boolean_member(object, "rk", what);
  remote.report_digest = text_member(object, "rd", what);
  const Object::Ptr annotations = object->getObject("a");
  if (!annotations) unreadable(what + " field 'a'");
  for (const std::string& external_id : annotations->getNames()) {
    const Poco::Dynamic::Var digest = annotations->get(external_id);
    if (!digest.isString()) unreadable(what + " an entry of field 'a'");
    remote.annotations[external_id] = digest.extract<std::string>();
  }
  return remote;
}

}  // namespace cib
