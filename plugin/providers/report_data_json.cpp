#include "providers/report_data_json.h"

#include <cmath>
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

}  // namespace cib
