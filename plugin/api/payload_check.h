// Argument checks and conversion of the C payload structs into the core's values. Every failure
// throws CallError naming the field ("status->repo: ...") and never echoes the bad value.
#pragma once

#include <cstdint>
#include <string>

#include "cibatch.h"
#include "core/slot_table.h"

namespace cib::api {

constexpr std::size_t kMaxIdBytes = 1024;           // repo, commit, key, id
constexpr std::size_t kMaxTextBytes = 1024 * 1024;  // bodies, summaries, details

// Checks a text argument: non-NULL and non-empty when required, valid UTF-8, at most max bytes.
std::string checked_text(const char* field, const char* value, bool required, std::size_t max);

// Checks that a required pointer argument is not NULL.
void require_pointer(const char* field, const void* pointer);

// The checks every post shares, named after their field ("report->repo"): a struct version
// (CIB_ERR_UNSUPPORTED_VERSION when 0 or over known), the flags (CIB_POST_FORCE or none), a
// repo ("owner/name", CIB_PATH_RULES), a commit id, and an id that is one path segment.
void check_version(const char* field, std::uint32_t version, std::uint32_t known);
bool checked_flags(std::uint32_t flags);
std::string checked_repo(const std::string& field, const char* value);
std::string checked_commit(const std::string& field, const char* value);
std::string checked_segment_id(const std::string& field, const char* value);

Update status_update(const cib_build_status* status, std::uint64_t tag, std::uint32_t flags);
Update comment_update(const cib_comment* comment, std::uint64_t tag, std::uint32_t flags);
Update report_update(const cib_report* report, std::uint64_t tag, std::uint32_t flags);

}  // namespace cib::api
