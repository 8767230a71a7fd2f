// POST /app/installations/{id}/access_tokens: a GitHub App's JWT in, an installation token
// out (expiring after --github-token-ttl-s).
#include <Poco/Timestamp.h>

#include "github_app_auth.h"
#include "github_endpoints.h"
#include "resource_values.h"

namespace cib::sim {

Answer serve_github_access_tokens(const GithubCall& call, SimContext& context) {
  if (call.method != "POST") return github_error(404, "Not Found");
  const auto& options = context.options;
  long installation = 0;
  if (options.github_app_id == 0 || !parse_positive_id(call.route.id, installation)) {
    return github_error(404, "Not Found");
  }
  const auto refusal = app_jwt_refusal(call.token, options.github_app_public_key,
                                       options.github_app_id, Poco::Timestamp().epochTime());
  if (!refusal.empty()) return github_error(401, refusal);
  std::string expires_at;
  const auto token = context.github.issue_token(
      installation, std::chrono::seconds(options.github_token_ttl_s), expires_at);
  Poco::JSON::Object::Ptr permissions = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  for (const char* permission : {"checks", "issues", "pull_requests", "statuses"}) {
    permissions->set(permission, "write");
  }
  Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  out->set("token", token);
  out->set("expires_at", expires_at);
  out->set("permissions", permissions);
  out->set("repository_selection", "all");
  return json_answer(201, out);
}

}  // namespace cib::sim
