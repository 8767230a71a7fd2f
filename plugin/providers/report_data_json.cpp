#include "providers/report_data_json.h"

#include <Poco/JSON/Array.h>

#include <cmath>
#include <iomanip>
#include <locale>
#include <sstream>

#include "providers/json_text.h"

namespace cib {

namespace {

bool is_json_number(const std::string& s) {
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (!digits()) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

// Integers stay exact; anything else becomes a double.
bool read_number(const std::string& text, Poco::Dynamic::Var& value) {
  if (!is_json_number(text)) return false;
  std::istringstream in(text);
  in.imbue(std::locale::classic());
  if (text.find_first_of(".eE") == std::string::npos) {
    Poco::Int64 integer = 0;
    if (in >> integer) {
      value = integer;
      return true;
    }
    in.clear();
    in.str(text);
  }
  double real = 0;
  if (!(in >> real) || !std::isfinite(real)) return false;
  value = real;
  return true;
}

bool read_boolean(const std::string& text, Poco::Dynamic::Var& value) {
  if (text == "true" || text == "false") {
    value = text == "true";
    return true;
  }
  return false;
}

// Sets `value` to the text as its declared type says; false (value = the text) when it does not
// read as that type.
bool typed_data_value(const ReportData& data, Poco::Dynamic::Var& value) {
  value = data.value;
  switch (data.type) {
    case DataType::boolean:
      return read_boolean(data.value, value);
    case DataType::number:
    case DataType::percentage:
    case DataType::duration:
    case DataType::date:
      return read_number(data.value, value);
    case DataType::link:
    case DataType::text:
      break;
  }
  return true;
}

// Numbers as text that reads back (report_data_item) as the same JSON number.
std::string number_text(const Poco::Dynamic::Var& value) {
  if (value.isInteger()) return value.toString();
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out << std::setprecision(17) << value.convert<double>();
  return out.str();
}

// The text the caller gave for a data value of `type`, as report_data_item() would send it
// back; false when the host holds a value of another JSON type.
bool data_value_text(DataType type, const Poco::Dynamic::Var& value, const DataDialect& dialect,
                     std::string& text) {
  using Poco::JSON::Object;
  switch (type) {
    case DataType::boolean:
      if (!value.isBoolean()) return false;
      text = value.convert<bool>() ? "true" : "false";
      return true;
    case DataType::date:
      if (value.isString() && dialect.dates_as_written) break;
      [[fallthrough]];
    case DataType::number:
    case DataType::percentage:
    case DataType::duration:
      if (!value.isNumeric() || value.isBoolean()) return false;
      text = number_text(value);
      return true;
    case DataType::link: {
      if (value.type() != typeid(Object::Ptr)) return false;
      const Object::Ptr link = value.extract<Object::Ptr>();
      text = string_member(link, "href");
      return string_member(link, dialect.link_text_field) == text;
    }
    case DataType::text:
      break;
  }
  if (!value.isString()) return false;
  text = value.toString();
  return true;
}

bool data_type_of(const std::string& word, DataType& type) {
  constexpr int kDataTypes = 7;
  for (int i = 0; i < kDataTypes; ++i) {
    if (word == to_string(static_cast<DataType>(i))) {
      type = static_cast<DataType>(i);
      return true;
    }
  }
  return false;
}

bool read_data_item(const Poco::JSON::Object::Ptr& item, const DataDialect& dialect,
                    ReportData& data) {
  if (!item) return false;
  data.title = string_member(item, "title");
  return data_type_of(string_member(item, "type"), data.type) && item->has("value") &&
         data_value_text(data.type, item->get("value"), dialect, data.value);
}

}  // namespace

Poco::JSON::Object::Ptr report_data_item(const ReportData& data, const DataDialect& dialect) {
  DataType type = data.type;
  Poco::Dynamic::Var value;
  if (data.type == DataType::link) {
    Poco::JSON::Object::Ptr link = new_json_object();
    link->set(dialect.link_text_field, data.value);
    link->set("href", data.value);
    value = link;
  } else if (!typed_data_value(data, value) &&
             !(data.type == DataType::date && dialect.dates_as_written)) {
    type = DataType::text;
  }
  Poco::JSON::Object::Ptr item = new_json_object();
  item->set("title", data.title);
  item->set("type", std::string(to_string(type)));
  item->set("value", value);
  return item;
}

bool read_report_fields(const Poco::JSON::Object::Ptr& object, const DataDialect& dialect,
                        ReportContent& report) {
  report.title = string_member(object, "title");
  report.details = string_member(object, "details");
  report.reporter = string_member(object, "reporter");
  report.link = string_member(object, "link");
  bool understood = true;
  const Poco::JSON::Array::Ptr data = object->getArray("data");
  for (std::size_t i = 0; data && i < data->size(); ++i) {
    report.data.emplace_back();
    if (!read_data_item(data->getObject(static_cast<unsigned>(i)), dialect, report.data.back())) {
      understood = false;
    }
  }
  return understood;
}

}  // namespace cib
