// Where Bitbucket Cloud keeps each object: request targets relative to the API URL (which ends
// in /2.0), pre-encoded, so that no URL class decodes an escaped '/' on the way.
#pragma once

#include <cstdint>
#include <string>

namespace cib::bitbucket_cloud {

// `repo` is "workspace/slug" (letters, digits, '-', '_', and '.' in the slug, or "{UUID}"),
// `commit` 7 to 40 hex digits, a comment id the host's number; report and annotation ids are
// percent-encoded and never "." or "..". Throws std::invalid_argument for anything else, so no
// part of a target can become a dot segment or another path.
std::string status_target(const std::string& repo, const std::string& commit);
std::string comments_target(const std::string& repo, std::int64_t pr);
std::string comment_target(const std::string& repo, std::int64_t pr, const std::string& id);
std::string report_target(const std::string& repo, const std::string& commit,
                          const std::string& report_id);
std::string annotations_target(const std::string& repo, const std::string& commit,
                               const std::string& report_id);
std::string annotation_target(const std::string& repo, const std::string& commit,
                              const std::string& report_id, const std::string& external_id);

}  // namespace cib::bitbucket_cloud
