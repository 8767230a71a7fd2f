// Reading Bitbucket Data Center's answers: comments, pages of pull-request activities and error
// texts ({"errors":[{"context","message","exceptionName"}]}).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/content.h"

namespace cib::bitbucket_dc {

struct CommentAnswer {
  std::string id;  // decimal
  std::int64_t version = 0;
  std::string text;
};

// One page of a PR's activity stream: the comments of its COMMENTED activities (as they are
// now, replies left out), and where the next page starts (-1 on the last).
struct ActivityPage {
  std::vector<CommentAnswer> comments;
  std::int64_t next_start = -1;
};

// A Code Insights report as the host holds it, without annotations. `understood` is false when
// it holds something the provider never sends (another result word, a data value not of its
// declared type): it then matches no desired report.
struct ReportAnswer {
  ReportContent report;
  bool understood = true;
};

// Throw std::runtime_error when the body is not the JSON the API documents.
CommentAnswer read_comment(const std::string& body);
ActivityPage read_activity_page(const std::string& body);
ReportAnswer read_report(const std::string& body);

// The host's own words for an error: the messages of DC's error JSON, joined by "; "; "" when
// the body is not that (HostExchange then quotes it).
std::string error_words(const std::string& body);

// Whether an error answer names one of DC's NoSuch...Exception (a project, repository or commit
// the server does not know), as opposed to a path the server does not serve at all.
bool names_missing_object(const std::string& body);

}  // namespace cib::bitbucket_dc
