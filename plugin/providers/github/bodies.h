// The JSON bodies GitHub accepts (github.json: POST .../statuses/{sha}, POST/PATCH issue
// comments, POST/PATCH check runs): optional fields are left out when empty.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "model/content.h"
#include "providers/github/check_run_content.h"

namespace cib::github {

// GitHub's most characters in a status description.
constexpr std::size_t kMaxDescriptionChars = 140;

// GitHub's word for a build state: pending, success, failure, error.
const char* host_state(BuildState state);

// POST .../statuses/{sha}: state, context (= the status key), and target_url and description
// (cut to 140 characters, never inside one) when set. GitHub shows the context, which must stay
// the key, so the slot's display name is not sent.
std::string status_body(const std::string& key, const StatusContent& status);

// POST/PATCH issue comments: {"body": raw}.
std::string comment_body(const std::string& raw);

// One request of a check run: the create names the run (name, head_sha, external_id,
// details_url); every request carries the output's title and summary and the annotations
// `items` of `run.annotations`; the one that `completes` says status completed and the
// conclusion, a create that does not says in_progress.
struct CheckRunRequest {
  bool create = false;
  bool completes = false;
  std::vector<std::size_t> items;
};
std::string check_run_body(const CheckRun& run, const std::string& commit,
                           const CheckRunRequest& request);

// The digest of the run's fields and of one annotation, as sent.
std::string run_digest(const CheckRun& run);
std::string annotation_digest(const CheckAnnotation& annotation);

}  // namespace cib::github
