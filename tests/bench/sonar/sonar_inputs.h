// Analyses of realistic shape and size for bench-sonar-parse, made from a seed (the same seed,
// the same bytes): SonarQube Web API answers as its documentation shows them, and a SARIF 2.1.0
// document, every finding open and distinct.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cib::bench {

struct SonarAnswerTexts {
  std::vector<std::string> issue_pages;  // `api/issues/search`
  std::string gate;                      // `api/qualitygates/project_status`: ERROR, 2 failed
  std::string measures;                  // `api/measures/component`
};

// `pages` pages of `per_page` open issues each (key, rule, severity, component, project, line,
// hash, textRange, flows, status, message, effort, debt, tags, creationDate, type, impacts),
// some with non-ASCII paths and messages.
SonarAnswerTexts sonar_answer_texts(std::size_t pages, std::size_t per_page, std::uint64_t seed);

// One run of `results` results with rules, levels, locations and partial fingerprints.
std::string sarif_text(std::size_t results, std::uint64_t seed);

}  // namespace cib::bench
