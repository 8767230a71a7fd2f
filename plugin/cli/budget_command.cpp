// cibatch budget: how much of each account's request budget is used, for every identity that
// shares the configured budget store (this machine's file, or Redis), without sending anything.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <iostream>
#include <string>

#include "cli_errors.h"
#include "cli_options.h"
#include "command_client.h"
#include "commands.h"
#include "library_json.h"

namespace cib::cli {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr const char* kUsage =
    "usage: cibatch budget --config FILE [--set KEY=VALUE]... [--json]\n"
    "\n"
    "Prints, for every account (identity) in the budget store the configuration names\n"
    "(budget.shared, else budget.path), the requests used in the rolling window against the\n"
    "limit and reserve, what remains, when the next request may go, any pause after a 429,\n"
    "the live clients, and the use by priority and by limit. Sends nothing to the host.\n"
    "\n"
    "options:\n"
    "  --config FILE     cibatch YAML (read over the administrator's file)\n"
    "  --set KEY=VALUE   override one key; may be repeated\n"
    "  --json            print the library's JSON instead of the table\n"
    "  --help            show this help\n"
    "\n"
    "Exit status: 0 printed, 1 error (the store could not be read), 2 usage error.\n";

std::int64_t number(const Object::Ptr& json, const std::string& key) {
  return json_field<std::int64_t>(json, key, 0);
}

void print_identity(const Object::Ptr& id, std::ostream& out) {
  out << id->optValue<std::string>("identity", "") << "\n";
  const std::int64_t limit = number(id, "limit");
  if (limit > 0) {
    out << "  used " << number(id, "used") << " of " << limit << " per " << number(id, "window_s")
        << " s (reserve " << number(id, "reserve") << "), remaining " << number(id, "remaining")
        << "\n";
  } else {
    out << "  no rolling limit\n";
  }
  const std::int64_t next_free = number(id, "next_free_ms");
  out << "  next request " << (next_free > 0 ? "in " + std::to_string(next_free) + " ms" : "now");
  if (number(id, "paused_until_ms") > 0) out << " (paused after a 429)";
  out << ", live clients " << number(id, "live_clients") << "\n";
  const Object::Ptr by = id->getObject("by_priority");
  if (!by.isNull()) {
    out << "  by priority:";
    for (const char* p : {"gating", "comment", "bulk", "progress", "external"}) {
      out << " " << p << " " << number(by, p);
    }
    out << "\n";
  }
  const Array::Ptr logs = id->getArray("logs");
  for (std::size_t i = 0; !logs.isNull() && i < logs->size(); ++i) {
    const Object::Ptr log = logs->getObject(static_cast<unsigned>(i));
    // The rolling window ("all") is the line above.
    if (log.isNull() || log->optValue<std::string>("name", "") == "all") continue;
    out << "  " << log->optValue<std::string>("name", "") << ": " << number(log, "used") << " of "
        << number(log, "limit") << " per " << number(log, "window_ms") << " ms\n";
  }
  const Array::Ptr buckets = id->getArray("buckets");
  for (std::size_t i = 0; !buckets.isNull() && i < buckets->size(); ++i) {
    const Object::Ptr bucket = buckets->getObject(static_cast<unsigned>(i));
    if (bucket.isNull()) continue;
    out << "  bucket " << bucket->optValue<std::string>("name", "") << ": "
        << bucket->optValue<double>("tokens", 0.0) << " of " << number(bucket, "capacity")
        << " tokens\n";
  }
}

int run_budget(const Args& args) {
  const ParsedArgs a = parse_args(args, {{"help", false, false},
                                         {"config", true, false},
                                         {"set", true, true},
                                         {"json", false, false}});
  if (a.has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (!a.positionals().empty()) throw UsageError("unexpected argument " + a.positionals()[0]);
  if (!a.has("config")) throw UsageError("--config FILE is required");
  const auto settings = settings_from(a);
  const std::string text = cibatch::budget_json(load_config(a.value("config"), settings));
  if (a.has("json")) {
    std::cout << text << std::endl;
    return kExitOk;
  }
  const Object::Ptr json = json_object(text, "budget report");
  std::cout << "budget store: " << json->optValue<std::string>("store", "") << "\n";
  const Array::Ptr identities = json->getArray("identities");
  if (identities.isNull() || identities->size() == 0) {
    std::cout << "no account has used it within its window\n";
  }
  for (std::size_t i = 0; !identities.isNull() && i < identities->size(); ++i) {
    const Object::Ptr id = identities->getObject(static_cast<unsigned>(i));
    if (!id.isNull()) print_identity(id, std::cout);
  }
  std::cout << std::flush;
  return kExitOk;
}

}  // namespace

Command budget_command() {
  return {"budget", "show each account's request budget on this machine (or in Redis)", kUsage,
          &run_budget};
}

}  // namespace cib::cli
