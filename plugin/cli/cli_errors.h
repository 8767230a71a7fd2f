// How the cibatch command ends: its exit statuses and the two errors that carry them up to
// main, which prints them.
#pragma once

#include <stdexcept>
#include <string>

namespace cib::cli {

enum ExitStatus : int {
  kExitOk = 0,
  kExitError = 1,        // the library, the configuration or a file refused
  kExitUsage = 2,        // the command line is wrong
  kExitUndelivered = 3,  // something posted was not delivered
};

// A wrong command line: main prints the message and the command's usage, exit 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Anything else that stops a command: main prints the message as is, exit 1. Library messages
// are already user-facing and are passed through unchanged.
class CommandError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace cib::cli
