// cibatch spool check|repair: says what a spool file holds and whether it can be used, and
// moves a damaged one aside so that the next client starts a new spool.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <iostream>
#include <string>
#include <vector>

#include "cli_errors.h"
#include "cli_options.h"
#include "command_client.h"
#include "commands.h"
#include "drain_others.h"
#include "library_json.h"

namespace cib::cli {
namespace {

using Poco::JSON::Object;

constexpr const char* kUsage =
    "usage: cibatch spool check [--config FILE | --path FILE] [--json]\n"
    "       cibatch spool repair [--config FILE | --path FILE] [--json]\n"
    "\n"
    "check reads the spool file without changing it and prints its path, whether it is\n"
    "healthy, its schema version, how many slots are pending (and of those gating), delivered\n"
    "and leased, the pending ones per identity with the API URL it posts to, and each problem\n"
    "found. repair does the same and moves a damaged file aside\n"
    "(it is never deleted), so that the next client starts a new spool.\n"
    "\n"
    "options:\n"
    "  --path FILE     the spool file\n"
    "  --config FILE   cibatch YAML whose spool.path names the spool file\n"
    "  --json          print the library's JSON report instead of the summary\n"
    "  --help          show this help\n"
    "\n"
    "Without --path, spool.path is read from FILE over the administrator's file; when neither\n"
    "sets it, the default location is used.\n"
    "\n"
    "Exit status: 0 healthy or absent (repair: also when moved aside), 1 error, 2 usage error,\n"
    "5 damaged or unusable (repair: left in place).\n";

// The spool file cannot be used as it is: damaged, or written by a newer cibatch.
constexpr int kExitSpoolDamaged = 5;

// What the summary and the exit status need from cib_spool_check's JSON.
struct SpoolState {
  std::string path;
  bool exists = false;
  bool healthy = false;
  std::int64_t schema_version = 0;
  std::int64_t pending = 0;
  std::int64_t gating = 0;
  std::int64_t delivered = 0;
  std::int64_t leased = 0;
  std::vector<std::string> problems;
  std::string moved_to;
  std::vector<PendingIdentity> identities;
};

SpoolState parse_report(const std::string& text) {
  const Object::Ptr json = json_object(text, "spool report");
  SpoolState s;
  s.path = json_field<std::string>(json, "path", "");
  s.exists = json_field<bool>(json, "exists", false);
  s.healthy = json_field<bool>(json, "healthy", false);
  s.schema_version = json_field<std::int64_t>(json, "schema_version", 0);
  s.pending = json_field<std::int64_t>(json, "pending", 0);
  s.gating = json_field<std::int64_t>(json, "gating", 0);
  s.delivered = json_field<std::int64_t>(json, "delivered", 0);
  s.leased = json_field<std::int64_t>(json, "leased", 0);
  s.moved_to = json_field<std::string>(json, "moved_to", "");
  const Poco::JSON::Array::Ptr problems = json->getArray("problems");
  if (!problems.isNull()) {
    for (std::size_t i = 0; i < problems->size(); ++i)
      s.problems.push_back(problems->get(i).toString());
  }
  s.identities = pending_identities(text);
  return s;
}

void print_summary(const SpoolState& s, bool repair, std::ostream& out) {
  out << s.path << ": ";
  if (!s.exists) {
    out << "absent (the next client creates it)\n";
  } else if (s.healthy) {
    out << "healthy, schema version " << s.schema_version << "\n"
        << "  pending " << s.pending << " (" << s.gating << " gating), delivered " << s.delivered
        << ", leased " << s.leased << "\n";
    for (const PendingIdentity& id : s.identities) {
      out << "  pending for " << (id.api_url.empty() ? "(API URL not recorded)" : id.api_url)
          << " (identity " << id.identity.substr(0, 12) << "): " << id.pending << " (" << id.gating
          << " gating)\n";
    }
  } else if (!s.moved_to.empty()) {
    out << "damaged, moved to " << s.moved_to << "\n";
  } else {
    out << (repair ? "not usable, left in place" : "damaged") << "\n";
  }
  for (const std::string& problem : s.problems) out << "  problem: " << problem << "\n";
}

// The spool path --config (or the administrator's file alone) sets; "" when none does.
std::string configured_path(const std::string& config_file) {
  return load_config(config_file, {}).value("spool.path");
}

int run_spool(const Args& args) {
  const ParsedArgs a = parse_args(args, {{"help", false, false},
                                         {"config", true, false},
                                         {"path", true, false},
                                         {"json", false, false}});
  if (a.has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (a.positionals().empty()) throw UsageError("expected check or repair");
  const std::string action = a.positionals()[0];
  if (action != "check" && action != "repair") {
    throw UsageError("expected check or repair, got \"" + action + "\"");
  }
  if (a.positionals().size() > 1) throw UsageError("unexpected argument " + a.positionals()[1]);
  if (a.has("config") && a.has("path")) throw UsageError("give at most one of --config and --path");
  if (a.has("path") && a.value("path").empty()) throw UsageError("--path: expected a file name");

  const bool repair = action == "repair";
  const std::string path = a.has("path") ? a.value("path") : configured_path(a.value("config"));
  const std::string report = spool_report(path, repair ? CIB_SPOOL_REPAIR : 0u);
  const SpoolState state = parse_report(report);
  if (a.has("json")) {
    std::cout << report << std::endl;
  } else {
    print_summary(state, repair, std::cout);
    std::cout << std::flush;
  }
  const bool usable = !state.exists || state.healthy || (repair && !state.moved_to.empty());
  return usable ? kExitOk : kExitSpoolDamaged;
}

}  // namespace

Command spool_command() {
  return {"spool", "check a spool file, or move a damaged one aside (check|repair)", kUsage,
          &run_spool};
}

}  // namespace cib::cli
