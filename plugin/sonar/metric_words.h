// SonarQube metric keys in words, and how their values read ("71.2%", "rating C").
#pragma once

#include <string>

namespace cib::sonar {

enum class MetricUnit { count = 0, percent = 1, rating = 2, other = 3 };

struct MetricWords {
  std::string words;  // "Coverage on new code"; the key itself for an unknown metric
  MetricUnit unit = MetricUnit::other;
};

MetricWords metric_words(const std::string& key);

// A value as a person reads it: "71.2%" for a percentage, "C" for a rating of 3.
std::string metric_value_text(const std::string& value, MetricUnit unit);

}  // namespace cib::sonar
