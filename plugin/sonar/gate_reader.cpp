#include "sonar/gate_reader.h"

#include "sonar/json_field.h"
#include "sonar/metric_words.h"
#include "sonar/sonar_error.h"
#include "sonar/sonar_limits.h"

namespace cib::sonar {
namespace {

ReportResult result_of(const JsonField& status) {
  const std::string word = status.text();
  if (word == "OK" || word == "WARN") return ReportResult::passed;
  if (word == "ERROR") return ReportResult::failed;
  if (word == "NONE") return ReportResult::pending;
  status.fail("unknown gate status \"" + word + "\"");
}

std::string comparator_text(const JsonField& comparator) {
  const std::string word = comparator.text();
  if (word == "LT") return "<";
  if (word == "GT") return ">";
  if (word == "EQ") return "=";
  if (word == "NE") return "!=";
  comparator.fail("unknown comparator \"" + word + "\"");
}

// "Coverage on new code 71.2% < 80%": the value, then the side of the threshold it fails on.
std::string condition_text(const JsonField& condition) {
  const MetricWords metric = metric_words(condition.member("metricKey").text());
  const std::optional<JsonField> actual = condition.optional_member("actualValue");
  const std::optional<JsonField> threshold = condition.optional_member("errorThreshold");
  std::string text = metric.words;
  if (actual) text += " " + metric_value_text(actual->text(), metric.unit);
  if (actual && threshold) {
    text += " " + comparator_text(condition.member("comparator")) + " " +
            metric_value_text(threshold->text(), metric.unit);
  }
  return text;
}

std::string failed_conditions(const JsonField& status) {
  const std::optional<JsonField> conditions = status.optional_member("conditions");
  if (!conditions) return "";
  std::string details;
  std::size_t listed = 0;
  for (std::size_t i = 0; i < conditions->size(); ++i) {
    const JsonField condition = conditions->at(i);
    if (condition.member("status").text() != "ERROR") continue;
    if (++listed > kMaxGateConditions) {
      throw SonarError(
          SonarErrorKind::too_large,
          "gate: more than " + std::to_string(kMaxGateConditions) + " failed conditions");
    }
    details += (details.empty() ? "" : "; ") + condition_text(condition);
  }
  return details;
}

}  // namespace

GateOutcome read_gate(const std::string& text) {
  if (text.size() > kMaxInputBytes) {
    throw SonarError(SonarErrorKind::too_large,
                     "gate: more than " + std::to_string(kMaxInputBytes) + " bytes");
  }
  const JsonField answer = JsonField::parse(text, "gate");
  const JsonField status = answer.member("projectStatus");
  GateOutcome outcome;
  outcome.result = result_of(status.member("status"));
  outcome.details = failed_conditions(status);
  return outcome;
}

}  // namespace cib::sonar
