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

Update status_update(const cib_build_status* status, std::uint64_t tag, std::uint32_t flags);
Update comment_update(const cib_comment* comment, std::uint64_t tag, std::uint32_t flags);
Update report_update(const cib_report* report, std::uint64_t tag, std::uint32_t flags);

}  // namespace cib::api
