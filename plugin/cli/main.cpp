// cibatch: the command-line face of libcibatch, written against its C ABI only.
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "cibatch.hpp"
#include "cli_errors.h"
#include "commands.h"

namespace {

using cib::cli::Command;

std::vector<Command> all_commands() {
  return {cib::cli::replay_command(), cib::cli::status_command(), cib::cli::comment_command(),
          cib::cli::report_command(), cib::cli::sonar_command(),  cib::cli::check_config_command(),
          cib::cli::drain_command(),  cib::cli::spool_command(),  cib::cli::budget_command(),
          cib::cli::agent_command(),  cib::cli::flush_command(),  cib::cli::gateway_command()};
}

void print_help(std::ostream& out) {
  out << "usage: cibatch COMMAND [options]   (cibatch COMMAND --help for its options)\n"
         "\n"
         "Posts build statuses, pull-request comments and Code Insights reports through\n"
         "libcibatch, which coalesces, de-duplicates and batches them.\n"
         "\n"
         "commands:\n";
  for (const Command& c : all_commands()) {
    std::string name = c.name;
    name.resize(14, ' ');
    out << "  " << name << c.summary << "\n";
  }
  out << "\n"
         "  --help        show this help\n"
         "  --version     show the library's version\n";
}

int run(const Command& command, const cib::cli::Args& args) {
  try {
    return command.run(args);
  } catch (const cib::cli::UsageError& e) {
    std::cerr << "cibatch " << command.name << ": " << e.what() << "\n\n" << command.usage;
    return cib::cli::kExitUsage;
  } catch (const cib::cli::CommandError& e) {
    std::cerr << e.what() << "\n";
    return cib::cli::kExitError;
  } catch (const cibatch::Error& e) {  // the library's message, already user-facing
    std::cerr << e.what() << "\n";
    return cib::cli::kExitError;
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
    if (args.empty()) {
      print_help(std::cerr);
      return cib::cli::kExitUsage;
    }
    if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
      print_help(std::cout);
      return cib::cli::kExitOk;
    }
    if (args[0] == "--version") {
      std::cout << "cibatch " << cib_version_str() << "\n";
      return cib::cli::kExitOk;
    }
    for (const Command& command : all_commands()) {
      if (args[0] == command.name) return run(command, {args.begin() + 1, args.end()});
    }
    std::cerr << "cibatch: unknown command " << args[0] << "\n\n";
    print_help(std::cerr);
    return cib::cli::kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "cibatch: " << e.what() << "\n";
    return cib::cli::kExitError;
  }
}
