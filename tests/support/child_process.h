// A child process started with posix_spawn, its stdout on a pipe, for tests that run the
// simulator or a command-line tool. Waiting never sleeps: it polls the pipe, which reaches
// end-of-file when the child exits.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace cib::test {

class ChildProcess {
 public:
  // Starts argv[0] (a path, or a name looked up in PATH) with stdout on a pipe; stderr is
  // inherited, or goes to the same pipe when `merge_stderr`. Throws std::runtime_error.
  explicit ChildProcess(const std::vector<std::string>& argv, bool merge_stderr = false);
  // Ends the child if it still runs (SIGTERM, SIGKILL after 5 s) and reaps it.
  ~ChildProcess();

  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }

  // The next line of the child's stdout, without the newline. Throws std::runtime_error when
  // the child closes stdout or `timeout` passes first.
  std::string read_line(std::chrono::milliseconds timeout);

  // Reads stdout until the child closes it or `timeout` passes; true on end-of-file.
  bool read_to_end(std::chrono::milliseconds timeout);

  // What read_to_end() collected (and anything read_line() left over).
  const std::string& output() const { return buffer_; }

  // Sends SIGTERM, waits up to `grace` for the child to exit, then SIGKILLs it. Returns the
  // wait status (as from waitpid). Safe to call twice.
  int terminate(std::chrono::milliseconds grace);

  // Waits for the child to exit by itself (reading its stdout); returns the wait status.
  int wait();

 private:
  int reap();

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  int wait_status_ = 0;
  bool reaped_ = false;
  std::string buffer_;
};

// Runs a command to completion; returns its exit code and puts stdout+stderr in `output`.
int run_command(const std::vector<std::string>& argv, std::string& output);

}  // namespace cib::test
