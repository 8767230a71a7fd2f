// Checks and canonicalises the value of a record_list key (config/record_list.h), through
// Poco's JSON, so YAML and cib_config_set end in the same text.
#include "config/record_list.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

#include "config/property_table.h"
#include "config/value_check.h"
#include "config/value_quotes.h"

namespace cib {
namespace {

// The longest count a field accepts is its own max_value; digits beyond this cannot be one.
constexpr std::size_t kMaxDigits = 18;

// A problem with one field's value, "" when it is fine.
using FieldProblem = std::string;

bool has_control(const std::string& text) {
  return std::any_of(text.begin(), text.end(),
                     [](unsigned char c) { return std::iscntrl(c) != 0; });
}

bool is_name_char(unsigned char c) {
  return std::isalnum(c) != 0 || c == '.' || c == '_' || c == '-';
}

std::vector<std::string> split_choices(const char* choices) {
  std::vector<std::string> out;
  std::istringstream in(choices);
  for (std::string item; std::getline(in, item, '|');) out.push_back(item);
  return out;
}

std::string joined_choices(const RecordField& field, const char* separator) {
  std::string out;
  for (const std::string& c : split_choices(field.choices)) {
    out += (out.empty() ? "" : separator) + c;
  }
  return out;
}

FieldProblem check_count(const RecordField& field, const std::string& value) {
  const bool digits =
      !value.empty() && value.size() <= kMaxDigits &&
      std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
  if (!digits || std::stoll(value) > field.max_value) {
    return "expected an integer from 0 to " + std::to_string(field.max_value) + ", got " +
           quote_for_message(value);
  }
  return "";
}

FieldProblem check_choice(const RecordField& field, const std::string& value) {
  const std::vector<std::string> choices = split_choices(field.choices);
  if (std::find(choices.begin(), choices.end(), value) != choices.end()) return "";
  const std::string expected = "expected " + joined_choices(field, " or ");
  const std::vector<std::string> reserved = split_choices(field.reserved);
  if (std::find(reserved.begin(), reserved.end(), value) != reserved.end()) {
    return expected + ": " + value + " is " + field.reserved_reason;
  }
  return expected + ", got " + quote_for_message(value);
}

FieldProblem check_field(const RecordField& field, const std::string& value) {
  if (field.type == RecordFieldType::count) return check_count(field, value);
  if (field.type == RecordFieldType::choice) return check_choice(field, value);
  if (value.empty()) return "expected a value, got nothing";
  if (has_control(value)) return "expected one line of text";
  switch (field.type) {
    case RecordFieldType::name:
      if (std::all_of(value.begin(), value.end(), is_name_char)) return "";
      return "expected letters, digits, '.', '_' or '-', got " + quote_for_message(value);
    case RecordFieldType::path:
      if (value.back() != '/') return "";
      return "expected a file, got a folder (" + quote_for_message(value) + " ends with '/')";
    case RecordFieldType::rooted:
      if (value.front() == '/') return "";
      return "expected a path starting with '/', got " + quote_for_message(value);
    default:
      return "";
  }
}

const RecordField* find_field(const RecordSchema& schema, const std::string& name) {
  for (const RecordField& field : schema) {
    if (name == field.name) return &field;
  }
  return nullptr;
}

RecordsCheck refused(const std::string& field, const std::string& where,
                     const std::string& problem) {
  RecordsCheck out;
  out.field = field;
  out.where = where;
  out.problem = problem;
  return out;
}

// The record's fields by name, checked; a problem leaves `out` partly filled.
RecordsCheck check_record(const RecordSchema& schema, const RecordText& record,
                          const std::string& at, std::map<std::string, std::string>& out) {
  std::map<std::string, std::string> origins;
  for (const RecordFieldText& given : record.fields) {
    const RecordField* field = find_field(schema, given.name);
    const std::string named = at + "." + given.name;
    if (field == nullptr) {
      return refused(named, given.origin,
                     "unknown field (accepted: " + describe_schema(schema) + ")");
    }
    if (!origins.emplace(given.name, given.origin).second) {
      return refused(named, given.origin, "set twice (first at " + origins[given.name] + ")");
    }
    const FieldProblem problem = check_field(*field, given.value);
    if (!problem.empty()) return refused(named, given.origin, problem);
    out[given.name] = field->type == RecordFieldType::count
                          ? std::to_string(std::stoll(given.value))
                          : given.value;
  }
  for (const RecordField& field : schema) {
    if (out.count(field.name) != 0) continue;
    if (field.required)
      return refused(at + "." + field.name, record.origin, "required, but not set");
    out[field.name] = field.default_value;
  }
  RecordsCheck ok;
  ok.ok = true;
  return ok;
}

Poco::JSON::Object::Ptr record_json(const RecordSchema& schema,
                                    const std::map<std::string, std::string>& values) {
  Poco::JSON::Object::Ptr object = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  for (const RecordField& field : schema) {
    const std::string& value = values.at(field.name);
    if (field.type == RecordFieldType::count) {
      object->set(field.name, static_cast<Poco::Int64>(std::stoll(value)));
    } else {
      object->set(field.name, value);
    }
  }
  return object;
}

std::string origin_of_field(const RecordText& record, const std::string& name) {
  for (const RecordFieldText& given : record.fields) {
    if (given.name == name) return given.origin;
  }
  return record.origin;
}

std::string at_place(const std::string& origin) {
  return origin.empty() ? "" : " at " + origin;
}

// A unique field's value seen twice: the second record's field and where the first was.
RecordsCheck check_unique(const RecordSchema& schema, const std::vector<RecordText>& records,
                          const std::vector<std::map<std::string, std::string>>& values) {
  for (const RecordField& field : schema) {
    if (!field.unique) continue;
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < values.size(); ++i) {
      const std::string& value = values[i].at(field.name);
      const auto [first, inserted] = seen.emplace(value, i);
      if (inserted) continue;
      return refused(
          "[" + std::to_string(i) + "]." + field.name, origin_of_field(records[i], field.name),
          quote_for_message(value) + " is used twice (first by [" + std::to_string(first->second) +
              "]" + at_place(origin_of_field(records[first->second], field.name)) + ")");
    }
  }
  RecordsCheck ok;
  ok.ok = true;
  return ok;
}

}  // namespace

RecordsCheck check_records(const Property& property, const std::vector<RecordText>& records) {
  const RecordSchema& schema = *property.records;
  std::vector<std::map<std::string, std::string>> values(records.size());
  Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const RecordsCheck one =
        check_record(schema, records[i], "[" + std::to_string(i) + "]", values[i]);
    if (!one.ok) return one;
    array->add(record_json(schema, values[i]));
  }
  const RecordsCheck unique = check_unique(schema, records, values);
  if (!unique.ok) return unique;
  std::ostringstream text;
  Poco::JSON::Stringifier::condense(array, text);
  RecordsCheck ok;
  ok.ok = true;
  ok.value = text.str();
  return ok;
}

namespace {

// A member's value as the text a YAML scalar would hold; false for objects, arrays and null.
bool member_text(const Poco::Dynamic::Var& value, std::string& out) {
  if (value.isEmpty() || value.isArray() || value.isStruct()) return false;
  if (value.type() == typeid(Poco::JSON::Object::Ptr) ||
      value.type() == typeid(Poco::JSON::Array::Ptr)) {
    return false;
  }
  if (value.isBoolean()) return false;
  out = value.convert<std::string>();
  return true;
}

RecordsCheck records_of_array(const Property& property, const Poco::JSON::Array::Ptr& array,
                              const std::string& origin) {
  std::vector<RecordText> records;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string at = "[" + std::to_string(i) + "]";
    Poco::JSON::Object::Ptr object = array->getObject(static_cast<unsigned>(i));
    if (object.isNull())
      return refused(at, origin, "expected an object {" + describe_schema(*property.records) + "}");
    RecordText record{origin, {}};
    for (const auto& [name, value] : *object) {
      std::string text;
      if (!member_text(value, text)) {
        return refused(at + "." + name, origin, "expected a string or an integer");
      }
      record.fields.push_back({name, text, origin});
    }
    records.push_back(std::move(record));
  }
  return check_records(property, records);
}

}  // namespace

RecordsCheck check_records_text(const Property& property, const std::string& text,
                                const std::string& origin) {
  if (trim_blanks(text).empty()) return check_records(property, {});
  const std::string expected =
      "expected a JSON array of objects {" + describe_schema(*property.records) + "}";
  try {
    Poco::JSON::Parser parser;
    const Poco::Dynamic::Var parsed = parser.parse(text);
    if (parsed.type() != typeid(Poco::JSON::Array::Ptr)) return refused("", origin, expected);
    return records_of_array(property, parsed.extract<Poco::JSON::Array::Ptr>(), origin);
  } catch (const Poco::Exception&) {
    // The parser's message would quote the text; the value's own place says enough.
    return refused("", origin, expected);
  }
}

std::vector<std::map<std::string, std::string>> parse_canonical_records(const std::string& text) {
  std::vector<std::map<std::string, std::string>> out;
  if (trim_blanks(text).empty()) return out;
  Poco::JSON::Parser parser;
  const Poco::JSON::Array::Ptr array = parser.parse(text).extract<Poco::JSON::Array::Ptr>();
  for (std::size_t i = 0; i < array->size(); ++i) {
    std::map<std::string, std::string> record;
    for (const auto& [name, value] : *array->getObject(static_cast<unsigned>(i))) {
      record[name] = value.convert<std::string>();
    }
    out.push_back(std::move(record));
  }
  return out;
}

std::string describe_schema(const RecordSchema& schema) {
  std::string out;
  for (const RecordField& field : schema) {
    std::string one = field.name;
    if (field.type == RecordFieldType::choice) one += ": " + joined_choices(field, "|");
    out += (out.empty() ? "" : ", ") + one;
  }
  return out;
}

}  // namespace cib
