// Findings from SonarQube `api/issues/search` pages (and `api/hotspots/search` pages, whose
// array is `hotspots`): open findings only, each issue key once, in the order first seen.
#pragma once

#include <string>
#include <vector>

#include "model/content.h"

namespace cib::sonar {

struct IssuesOptions {
  // The Sonar server's URL (no trailing slash needed); when set, each finding links its rule.
  std::string server_url;
};

// Reads the pages in order; page N is named `issues page N` in errors. Every page must hold
// issues of the first page's project. No pages, or pages without issues, give no findings.
// Throws SonarError.
std::vector<Annotation> read_issue_pages(const std::vector<std::string>& pages,
                                         const IssuesOptions& options = {});

}  // namespace cib::sonar
