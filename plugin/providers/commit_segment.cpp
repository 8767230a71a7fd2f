#include "providers/commit_segment.h"

#include <algorithm>
#include <stdexcept>

namespace cib {

namespace {

constexpr std::size_t kMinCommitDigits = 7;
constexpr std::size_t kMaxCommitDigits = 64;

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

}  // namespace

std::string commit_segment(const std::string& commit) {
  const bool hex = commit.size() >= kMinCommitDigits && commit.size() <= kMaxCommitDigits &&
                   std::all_of(commit.begin(), commit.end(), is_hex);
  if (!hex) {
    throw std::invalid_argument("commit \"" + commit +
                                "\" is not a commit hash (7 to 64 hexadecimal digits)");
  }
  return commit;
}

}  // namespace cib
