// The summary comment of a Sonar analysis (`sonar.comment: true`): one keyed pull request
// comment that says what the analysis's Code Insights report says, for readers who look at the
// conversation rather than the report. It is an ordinary keyed comment, so it is upserted, and
// coalesced, de-duplicated and merged in summary mode like any other.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "core/slot_table.h"

namespace cib {

// The comment key is this prefix and the report id: "sonar-sonar" for the default report id,
// "sonar-eslint" for a SARIF run of ESLint. The prefix keeps it apart from a caller's own keys.
constexpr const char* kSonarCommentKeyPrefix = "sonar-";

// A body never exceeds this, whatever the report holds (the library takes comment bodies of up
// to 1 MiB; hosts render far less): each text is cut, and long lists end with "… and N more".
constexpr std::size_t kMaxSonarCommentBytes = 32 * 1024;

// The keyed comment update that summarises `report` (an update of a report slot) on pull
// request `pr`: same repo, key kSonarCommentKeyPrefix + report id, same tag and force. Its
// Markdown body holds the quality gate's result as a heading (passed, failed, or no quality
// gate (pending)), the report's details (the failed conditions), its data fields as a table,
// the findings counted by type and severity, and the dashboard link when the report has one.
// Nothing else goes in, not even the commit, so the same report gives the same bytes and an
// unchanged analysis costs no request. Texts from the analysis are escaped, so they cannot
// change the comment's structure. std::nullopt when pr <= 0 or `report` is not a report.
std::optional<Update> sonar_comment_update(const Update& report, std::int64_t pr);

}  // namespace cib
