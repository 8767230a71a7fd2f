#include "runtime/group_lookup.h"

#include <grp.h>

#include <cerrno>
#include <vector>

namespace cib {
namespace {

// getgrnam_r needs a buffer for the strings it returns; grown on ERANGE up to this.
constexpr std::size_t kMaxEntryBuffer = 1 << 20;

}  // namespace

std::optional<gid_t> lookup_group(const std::string& name) {
  std::vector<char> buffer(4096);
  struct group entry {};
  struct group* found = nullptr;
  int error = 0;
  while ((error = ::getgrnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found)) ==
             ERANGE &&
         buffer.size() < kMaxEntryBuffer) {
    buffer.resize(buffer.size() * 2);
  }
  if (error != 0 || found == nullptr) return std::nullopt;
  return entry.gr_gid;
}

}  // namespace cib
