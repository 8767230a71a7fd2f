#include "io_mailbox.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "line_server.h"

namespace cib::agent {

IoMailbox::IoMailbox() {
  int fds[2];
  if (::pipe2(fds, O_NONBLOCK | O_CLOEXEC) != 0) {
    throw std::runtime_error(std::string("cannot make the agent's wake-up pipe: ") +
                             std::strerror(errno));
  }
  read_fd_ = fds[0];
  write_fd_ = fds[1];
}

IoMailbox::~IoMailbox() {
  ::close(read_fd_);
  ::close(write_fd_);
}

void IoMailbox::post(Answer answer) noexcept {
  try {
    std::lock_guard<std::mutex> lock(mutex_);
    mail_.answers.push_back(std::move(answer));
  } catch (...) {
    return;  // out of memory: the connection stays open until the server stops
  }
  wake();
}

void IoMailbox::request_stop(TimePoint drain_until) noexcept {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    mail_.stop = drain_until;
  }
  wake();
}

IoMailbox::Mail IoMailbox::take() {
  char bytes[256];
  while (::read(read_fd_, bytes, sizeof bytes) > 0) {
  }
  std::lock_guard<std::mutex> lock(mutex_);
  Mail mail = std::move(mail_);
  mail_ = Mail{};
  return mail;
}

void IoMailbox::wake() noexcept {
  const char byte = 1;
  // A full pipe already wakes the reader: EAGAIN is fine.
  [[maybe_unused]] const ssize_t written = ::write(write_fd_, &byte, 1);
}

ReplyState::~ReplyState() {
  answer(std::nullopt);
}

void ReplyState::send(std::string line) noexcept {
  answer(std::move(line));
}

void ReplyState::answer(std::optional<std::string> line) noexcept {
  if (answered_.exchange(true)) return;
  if (sink_) {
    try {
      sink_(std::move(line));
    } catch (...) {
      // A test's sink: nothing to tell.
    }
    return;
  }
  if (const auto mailbox = mailbox_.lock()) mailbox->post({connection_, std::move(line)});
}

Reply Reply::to(std::function<void(std::optional<std::string> line)> sink) {
  return Reply(std::make_shared<ReplyState>(std::move(sink)));
}

void Reply::send(std::string line) noexcept {
  if (state_) state_->send(std::move(line));
}

bool Reply::closed() const noexcept {
  return !state_ || state_->closed();
}

}  // namespace cib::agent
