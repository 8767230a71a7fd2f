// Where Bitbucket Data Center keeps each object: request targets relative to the server's base
// URL (host.api_url, e.g. https://bb.corp.example or .../bitbucket with a context path),
// pre-encoded, so that no URL class decodes an escaped '/' on the way.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cib::bitbucket_dc {

// `repo` is "PROJECTKEY/slug" (a project key of letters, digits and '_', or "~user" for a
// personal project; a slug of letters, digits, '-', '_' and '.', never only dots), `commit` 7
// to 40 hex digits, a PR a positive number, a comment id the host's number; report ids are
// percent-encoded and never "." or "..". Throws std::invalid_argument for anything else.
std::string status_target(const std::string& repo, const std::string& commit);
// The servers before 7.4: one build-status resource per commit, whatever the repository.
std::string legacy_status_target(const std::string& commit);
std::string comments_target(const std::string& repo, std::int64_t pr);
std::string comment_target(const std::string& repo, std::int64_t pr, const std::string& id);
// The PR's activity stream from `start`, 100 a page.
std::string activities_target(const std::string& repo, std::int64_t pr, std::int64_t start);
std::string report_target(const std::string& repo, const std::string& commit,
                          const std::string& report_id);
std::string annotations_target(const std::string& repo, const std::string& commit,
                               const std::string& report_id);

// The query of a DELETE of annotations by external id: "?externalId=a&externalId=b", each id
// encoded; "" for no ids (which deletes them all).
std::string external_id_query(const std::vector<std::string>& external_ids);

// Bytes one id adds to that query ("externalId=" + encoded id + one separator).
std::size_t external_id_query_bytes(const std::string& external_id);

}  // namespace cib::bitbucket_dc
