// Who a peer is (SO_PEERCRED) and whether it may use the agent: peer_of() and peer_allowed() of
// line_server.h.
#include <grp.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "line_server.h"
#include "runtime/group_lookup.h"

namespace cib::agent {
namespace {

constexpr std::size_t kMaxEntryBuffer = 1 << 20;
constexpr int kMaxGroups = 1 << 16;

// The user name of `uid`, which getgrouplist needs; empty when it has none.
std::string user_name(uid_t uid) {
  std::vector<char> buffer(4096);
  struct passwd entry {};
  struct passwd* found = nullptr;
  int error = 0;
  while ((error = ::getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found)) == ERANGE &&
         buffer.size() < kMaxEntryBuffer) {
    buffer.resize(buffer.size() * 2);
  }
  if (error != 0 || found == nullptr || entry.pw_name == nullptr) return {};
  return entry.pw_name;
}

// Whether `gid` is one of the supplementary groups of the user `uid` (with primary `primary`).
bool member_of(uid_t uid, gid_t primary, gid_t gid) {
  const std::string name = user_name(uid);
  if (name.empty()) return false;
  std::vector<gid_t> groups(64);
  int count = static_cast<int>(groups.size());
  while (::getgrouplist(name.c_str(), primary, groups.data(), &count) < 0) {
    if (count <= static_cast<int>(groups.size()) || count > kMaxGroups) return false;
    groups.resize(static_cast<std::size_t>(count));
  }
  groups.resize(static_cast<std::size_t>(count));
  return std::find(groups.begin(), groups.end(), gid) != groups.end();
}

}  // namespace

Peer peer_of(int fd) {
  struct ucred credentials {};
  socklen_t length = sizeof credentials;
  if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) != 0) {
    throw std::runtime_error(std::string("cannot read the peer's credentials of a socket: ") +
                             std::strerror(errno));
  }
  return Peer{credentials.uid, credentials.gid, credentials.pid};
}

bool peer_allowed(const Peer& peer, const std::string& group) {
  if (peer.uid == ::geteuid()) return true;
  if (group.empty()) return false;
  const auto gid = lookup_group(group);
  if (!gid) return false;
  return peer.gid == *gid || member_of(peer.uid, peer.gid, *gid);
}

}  // namespace cib::agent
