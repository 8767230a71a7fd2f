// The agent's listening socket file: its folder, its mode and group, and what happens to a file
// already at its path (a stale socket is replaced; a live one or any other file is an error).
#pragma once

#include <Poco/Net/ServerSocket.h>
#include <sys/types.h>

#include <string>

namespace cib::agent {

class UnixListener {
 public:
  // Creates the folder when missing (0700, or 0770 and `group`), binds `path` with mode 0600
  // (0660 and `group`) and listens, non-blocking. Throws std::runtime_error naming the path.
  UnixListener(const std::string& path, const std::string& group, int backlog);
  UnixListener(const UnixListener&) = delete;
  UnixListener& operator=(const UnixListener&) = delete;

  int fd() const;
  // Closes the listening socket; the file stays.
  void close();
  // Removes the socket file, unless another file took its place since.
  void remove_file() noexcept;

 private:
  std::string path_;
  Poco::Net::ServerSocket socket_;
  dev_t device_ = 0;
  ino_t inode_ = 0;
};

}  // namespace cib::agent
