// ConfigStore::fill_github_app(): host.auth.type github-app. Its keys must all be set, it goes
// with host.kind github only, and its private key file is read as the client will read it (the
// token file's rules) and must hold a key that loads, so a pipeline learns at validation what
// would otherwise fail at the first token exchange. Messages name the file, never its bytes.
#include "auth/app_jwt.h"
#include "config/config_errors.h"
#include "config/config_store.h"
#include "config/token_file.h"
#include "config/value_quotes.h"
#include "runtime/secret_text.h"

namespace cib {
namespace {

constexpr const char* kAuthType = "host.auth.type";
constexpr const char* kKeyFile = "host.auth.private_key_file";

// What the key file holds, as a problem ("" when it is a usable key); the text is wiped.
std::string key_file_problem(const Settings& s) {
  TokenFileRead read = read_token_file(s.private_key_file, s.auth_token_dirs);
  if (!read.problem.empty()) return "cannot read it: " + read.problem;
  if (read.token.empty()) return "it is empty";
  std::string problem = app_key_problem(read.token);
  wipe(read.token);
  return problem.empty() ? "" : "it " + problem;
}

}  // namespace

void ConfigStore::fill_github_app(Settings& s) const {
  const std::string where = origin_of(kAuthType);
  if (s.host_kind != HostKind::github) {
    throw invalid_value_error(
        where, kAuthType,
        std::string("github-app is for host.kind github only (host.kind is ") +
            to_string(s.host_kind) + ")");
  }
  const auto require = [&](const char* key) {
    if (!value_of(key).empty()) return;
    throw ConfigError(
        ConfigError::Code::missing,
        at_origin(where, std::string(key) + ": required, but not set (host.auth.type is "
                                            "github-app)"));
  };
  require("host.auth.app_id");
  require("host.auth.installation_id");
  require(kKeyFile);
  fill_credential(s, kKeyFile);
  const std::string written = value_of(kKeyFile);
  const std::string problem = key_file_problem(s);
  if (!problem.empty()) {
    const std::string named =
        quote_for_message(written) +
        (s.private_key_file == written ? "" : " (expanded from the environment)");
    throw invalid_value_error(origin_of(kKeyFile), kKeyFile, named + ": " + problem);
  }
  // The budget counts the installation: GitHub's limit is the installation's.
  if (s.budget_account.empty()) {
    s.budget_account = "github-app-installation-" + std::to_string(s.installation_id);
  }
}

}  // namespace cib
