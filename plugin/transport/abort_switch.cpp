#include "transport/abort_switch.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace cib {

AbortSwitch::~AbortSwitch() {
  std::lock_guard<std::mutex> lock(mutex_);
  close_duplicate();
}

void AbortSwitch::arm(int fd) {
  std::lock_guard<std::mutex> lock(mutex_);
  close_duplicate();
  if (fd < 0) return;
  duplicate_fd_ = fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (tripped_ && duplicate_fd_ >= 0) ::shutdown(duplicate_fd_, SHUT_RDWR);
}

void AbortSwitch::disarm() {
  std::lock_guard<std::mutex> lock(mutex_);
  close_duplicate();
}

void AbortSwitch::trip() {
  std::lock_guard<std::mutex> lock(mutex_);
  tripped_ = true;
  // The descriptor stays open (and its number taken) until the sending thread disarms.
  if (duplicate_fd_ >= 0) ::shutdown(duplicate_fd_, SHUT_RDWR);
}

bool AbortSwitch::tripped() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return tripped_;
}

void AbortSwitch::close_duplicate() {
  if (duplicate_fd_ >= 0) ::close(duplicate_fd_);
  duplicate_fd_ = -1;
}

}  // namespace cib
