// Where GitLab keeps each object: request targets relative to the API URL (which ends in
// /api/v4). The project is named by its path, percent-encoded into ONE segment (`acme/web` ->
// `acme%2Fweb`), which GitLab requires and which no URL class may decode on the way.
#pragma once

#include <cstdint>
#include <string>

namespace cib::gitlab {

// `repo` is a project path "group[/subgroup...]/project" (letters, digits, '-', '_', '.', no
// segment only dots) or a numeric project id; `commit` 7 to 64 hex digits; a note id the host's
// number. Throws std::invalid_argument for anything else, before anything is sent.
std::string project_segment(const std::string& repo);
std::string status_target(const std::string& repo, const std::string& commit);
std::string notes_target(const std::string& repo, std::int64_t merge_request);
std::string note_target(const std::string& repo, std::int64_t merge_request,
                        const std::string& note_id);
std::string commit_merge_requests_target(const std::string& repo, const std::string& commit);

}  // namespace cib::gitlab
