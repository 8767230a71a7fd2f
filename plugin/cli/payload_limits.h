// What the library accepts in a post, checked before anything is posted: a trace whose tenth
// line the library would refuse must not have delivered its first nine. The limits mirror the
// ones the C ABI enforces (abi/include/cibatch.h and its argument checks); they live here only,
// so the trace reader and the post commands check the same things.
#pragma once

#include <cstddef>
#include <string>

#include "trace_op.h"

namespace cib::trace {

inline constexpr std::size_t kMaxIdBytes = 1024;           // repo, commit, keys, ids, titles
inline constexpr std::size_t kMaxUrlBytes = 4096;          // links, paths, data values
inline constexpr std::size_t kMaxTextBytes = 1024 * 1024;  // bodies, descriptions, details
inline constexpr std::size_t kMaxReportData = 10;
inline constexpr std::size_t kMaxAnnotations = 100000;

// Throw TraceError "OP: field "NAME": what" (never echoing the value) for the first field the
// library would refuse: a NUL (a C string ends there), invalid UTF-8, an empty required field,
// a field over its limit, a repo that is not "owner/name", too many data items or annotations.
void check_payload(const StatusOp& op);
void check_payload(const CommentOp& op);
void check_payload(const ReportOp& op);
void check_payload(const SonarOp& op);
void check_payload(const Op& op);

// The 1-based line of the first NUL in text, raw or (when json) written as the escape \u0000;
// 0 when there is none. For files whose content goes to the library.
std::size_t first_nul_line(const std::string& text, bool json);

}  // namespace cib::trace
