#include "unix_listener.h"

#include <Poco/Exception.h>
#include <Poco/Net/SocketAddress.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <stdexcept>

#include "runtime/directory_setup.h"
#include "runtime/group_lookup.h"
#include "socket_path.h"

namespace cib::agent {
namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what, int error) {
  throw std::runtime_error(path + ": " + what + " (" + std::strerror(error) + ")");
}

std::optional<gid_t> group_id(const std::string& path, const std::string& group) {
  if (group.empty()) return std::nullopt;
  const auto gid = lookup_group(group);
  if (!gid) {
    throw std::runtime_error(path + ": the socket's group \"" + group +
                             "\" is no group of this machine");
  }
  return gid;
}

// Whether a process accepts connections on the socket file `path`: a connection made, or a
// full backlog, is an answer; a refusal means the file is stale.
bool someone_listens(const std::string& path) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) fail(path, "cannot make a socket to probe it", errno);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  const int rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
  const int error = errno;
  ::close(fd);
  if (rc == 0 || error == EAGAIN || error == EINPROGRESS) return true;
  if (error == ECONNREFUSED || error == ENOENT) return false;
  fail(path, "cannot tell whether an agent listens there", error);
}

// Makes room for the socket: nothing there, or a stale socket file removed.
void clear_path(const std::string& path) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) {
    if (errno == ENOENT) return;
    fail(path, "cannot read the socket's path", errno);
  }
  if (!S_ISSOCK(info.st_mode)) {
    throw std::runtime_error(path +
                             ": exists and is not a socket; it is left as it is: remove it or "
                             "choose another agent.socket");
  }
  if (someone_listens(path)) throw std::runtime_error("an agent already listens on " + path);
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
    fail(path, "cannot remove the stale socket file", errno);
  }
}

}  // namespace

UnixListener::UnixListener(const std::string& path, const std::string& group, int backlog)
    : path_(path) {
  if (path.empty()) throw std::runtime_error("the agent's socket path is empty");
  if (path.size() >= sizeof(sockaddr_un{}.sun_path)) {
    throw std::runtime_error(path + ": the socket path is too long (at most " +
                             std::to_string(sizeof(sockaddr_un{}.sun_path) - 1) + " bytes)");
  }
  const auto gid = group_id(path, group);
  prepare_directory(folder_of(path), gid ? 0770 : 0700, gid);
  clear_path(path);
  try {
    socket_.bind(Poco::Net::SocketAddress(Poco::Net::SocketAddress::UNIX_LOCAL, path));
  } catch (const Poco::Exception& error) {
    throw std::runtime_error(path + ": cannot bind the agent's socket (" + error.displayText() +
                             ")");
  }
  struct stat info {};
  if (::chmod(path.c_str(), gid ? 0660 : 0600) != 0 ||
      (gid && ::lchown(path.c_str(), static_cast<uid_t>(-1), *gid) != 0) ||
      ::lstat(path.c_str(), &info) != 0) {
    const int error = errno;
    ::unlink(path.c_str());
    fail(path, "cannot give the agent's socket its mode and group", error);
  }
  device_ = info.st_dev;
  inode_ = info.st_ino;
  ::fcntl(fd(), F_SETFD, FD_CLOEXEC);
  socket_.setBlocking(false);
  try {
    socket_.listen(backlog);
  } catch (const Poco::Exception& error) {
    remove_file();
    throw std::runtime_error(path + ": cannot listen on the agent's socket (" +
                             error.displayText() + ")");
  }
}

int UnixListener::fd() const {
  return socket_.impl()->sockfd();
}

void UnixListener::close() {
  socket_.close();
}

void UnixListener::remove_file() noexcept {
  struct stat info {};
  if (::lstat(path_.c_str(), &info) != 0 || !S_ISSOCK(info.st_mode)) return;
  if (info.st_dev == device_ && info.st_ino == inode_) ::unlink(path_.c_str());
}

}  // namespace cib::agent
