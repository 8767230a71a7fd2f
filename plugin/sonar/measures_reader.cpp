#include "sonar/measures_reader.h"

#include <map>

#include "sonar/json_field.h"
#include "sonar/metric_words.h"
#include "sonar/sonar_error.h"
#include "sonar/sonar_limits.h"

namespace cib::sonar {
namespace {

// The metrics a report shows, in the order it shows them: new code first, then the overall
// coverage and duplication, then the overall counts, so a host's limit drops the counts first.
constexpr const char* kShown[] = {
    "new_bugs",
    "new_vulnerabilities",
    "new_code_smells",
    "new_security_hotspots",
    "new_coverage",
    "new_duplicated_lines_density",
    "coverage",
    "duplicated_lines_density",
    "bugs",
    "vulnerabilities",
    "code_smells",
    "security_hotspots",
};

// A measure's value: `value`, or for new-code metrics `period.value` (9.x) or
// `periods[0].value` (older servers).
std::optional<std::string> value_of(const JsonField& measure) {
  if (const std::optional<JsonField> value = measure.optional_member("value")) {
    return value->text();
  }
  if (const std::optional<JsonField> period = measure.optional_member("period")) {
    return period->member("value").text();
  }
  const std::optional<JsonField> periods = measure.optional_member("periods");
  if (periods && periods->size() > 0) return periods->at(0).member("value").text();
  return std::nullopt;
}

std::map<std::string, std::string> measure_values(const JsonField& measures) {
  std::map<std::string, std::string> values;
  for (std::size_t i = 0; i < measures.size(); ++i) {
    const JsonField measure = measures.at(i);
    const std::optional<std::string> value = value_of(measure);
    if (value) values[measure.member("metric").text()] = *value;
  }
  return values;
}

}  // namespace

std::vector<ReportData> read_measures(const std::string& text, std::size_t max_fields) {
  if (text.size() > kMaxInputBytes) {
    throw SonarError(SonarErrorKind::too_large,
                     "measures: more than " + std::to_string(kMaxInputBytes) + " bytes");
  }
  const JsonField answer = JsonField::parse(text, "measures");
  const std::map<std::string, std::string> values =
      measure_values(answer.member("component").member("measures"));
  std::vector<ReportData> data;
  for (const char* key : kShown) {
    const auto found = values.find(key);
    if (found == values.end() || data.size() == max_fields) continue;
    const MetricWords metric = metric_words(key);
    ReportData field;
    field.title = metric.words;
    field.type = metric.unit == MetricUnit::percent ? DataType::percentage : DataType::number;
    field.value = found->second;
    data.push_back(std::move(field));
  }
  return data;
}

std::string shown_metric_keys() {
  std::string keys;
  for (const char* key : kShown) keys += (keys.empty() ? "" : ",") + std::string(key);
  return keys;
}

}  // namespace cib::sonar
