// The JSON bodies GitLab accepts (gitlab.json: POST .../statuses/{sha}, POST/PUT MR notes):
// optional fields are left out when empty.
#pragma once

#include <string>

#include "model/content.h"

namespace cib::gitlab {

// GitLab's word for a build state: running, success, failed, canceled.
const char* host_state(BuildState state);

// POST .../statuses/{sha}: state, name (= the status key: GitLab tells statuses apart by name),
// and target_url, description, ref when set. The slot's display name has no field of its own:
// GitLab shows `name`, which must stay the key, so the display name is not sent.
std::string status_body(const std::string& key, const StatusContent& status);

// POST/PUT .../notes: {"body": raw}.
std::string note_body(const std::string& raw);

}  // namespace cib::gitlab
