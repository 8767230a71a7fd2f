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

#include "spool/spool_error.h"

namespace cib {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

[[noreturn]] void unreadable(const std::string& what) {
  throw SpoolError(SpoolError::Kind::not_sqlite, "the spool holds an unreadable " + what);
}

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

// A slot key is the kind's letter and four length-prefixed fields:
// "s|8:acme/app|3:abc|1:0|5:build". Lengths are in bytes and written canonically, so one slot has
// exactly one key.
std::string encode_slot_key(const SlotId& id) {
  static const char kLetters[] = {'s', 'c', 'r'};
  std::string key(1, kLetters[static_cast<int>(id.kind)]);
  for (const std::string& field : {id.repo, id.commit, std::to_string(id.pr), id.key}) {
    key += '|';
    key += std::to_string(field.size());
    key += ':';
    key += field;
  }
  return key;
}

namespace {

// Reads "|<len>:<bytes>" at `pos`; a length must be canonical decimal (no sign, no leading 0).
std::string read_slot_field(const std::string& key, std::size_t& pos, const char* name) {
  const auto bad = [name]() { unreadable(std::string("slot key field '") + name + "'"); };
  if (pos >= key.size() || key[pos] != '|') bad();
  std::size_t digits = ++pos;
  std::size_t length = 0;
  while (digits < key.size() && key[digits] >= '0' && key[digits] <= '9' && digits - pos < 10) {
    length = length * 10 + static_cast<std::size_t>(key[digits] - '0');
    ++digits;
  }
  if (digits == pos || digits >= key.size() || key[digits] != ':') bad();
  if (key[pos] == '0' && digits - pos > 1) bad();
  pos = digits + 1;
  if (key.size() - pos < length) bad();
  std::string field = key.substr(pos, length);
  pos += length;
  return field;
}

}  // namespace

SlotId decode_slot_key(const std::string& key) {
  SlotId id;
  const std::string kinds = "scr";
  const std::size_t kind = key.empty() ? std::string::npos : kinds.find(key[0]);
  if (kind == std::string::npos) unreadable("slot key kind");
  id.kind = static_cast<SlotKind>(kind);
  std::size_t pos = 1;
  id.repo = read_slot_field(key, pos, "repo");
  id.commit = read_slot_field(key, pos, "commit");
  const std::string pr = read_slot_field(key, pos, "pr");
  id.key = read_slot_field(key, pos, "key");
  if (pos != key.size()) unreadable("slot key (trailing bytes)");
  try {
    std::size_t used = 0;
    id.pr = std::stoll(pr, &used);
    if (used != pr.size() || std::to_string(id.pr) != pr) unreadable("slot key field 'pr'");
  } catch (const std::logic_error&) {
    unreadable("slot key field 'pr'");
  }
  return id;
}

namespace {

void put_big_endian(std::string& out, std::uint64_t value, int bytes) {
  for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
    out += static_cast<char>((value >> shift) & 0xff);
  }
}

std::uint64_t get_big_endian(const std::string& in, std::size_t pos, int bytes) {
  std::uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) {
    value = (value << 8) | static_cast<unsigned char>(in[pos + static_cast<std::size_t>(i)]);
  }
  return value;
}

// Flipping the sign bit maps int64 order onto unsigned byte order.
constexpr std::uint64_t kSignBit = std::uint64_t{1} << 63;
constexpr std::size_t kOrderKeyBytes = 28;

}  // namespace

std::string encode_order_key(const OrderKey& key) {
  std::string blob;
  blob.reserve(kOrderKeyBytes);
  put_big_endian(blob, static_cast<std::uint64_t>(key.wall_ns) ^ kSignBit, 8);
  put_big_endian(blob, key.machine, 8);
  put_big_endian(blob, key.pid, 4);
  put_big_endian(blob, key.counter, 8);
  return blob;
}

OrderKey decode_order_key(const std::string& blob) {
  if (blob.size() != kOrderKeyBytes) unreadable("order key (not 28 bytes)");
  OrderKey key;
  key.wall_ns = static_cast<std::int64_t>(get_big_endian(blob, 0, 8) ^ kSignBit);
  key.machine = get_big_endian(blob, 8, 8);
  key.pid = static_cast<std::uint32_t>(get_big_endian(blob, 16, 4));
  key.counter = get_big_endian(blob, 20, 8);
  return key;
}

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
