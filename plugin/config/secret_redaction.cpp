#include "config/secret_redaction.h"

#include <cstdlib>
#include <utility>

#include "config/env_expansion.h"
#include "config/redis_url_rules.h"
#include "config/url_rules.h"
#include "config/value_quotes.h"
#include "runtime/secret_text.h"

namespace cib {
namespace {

constexpr const char* kSecret = "<secret>";

// The values of the variables that ${NAME} references in text name.
void add_referenced_variables(const std::string& text, std::vector<std::string>& out) {
  (void)expand_env_references(text, [&out](const std::string& name) -> const char* {
    const char* value = std::getenv(name.c_str());
    if (value != nullptr) out.emplace_back(value);
    return value;
  });
}

// The password of a Redis URL as written (percent-encoded) and as sent.
void add_redis_password(const std::string& url, std::vector<std::string>& out) {
  const auto span = user_info_span(url);
  if (!span) return;
  const auto colon = url.find(':', span->start);
  out.push_back(url.substr(span->start, span->at - span->start));
  if (colon < span->at) out.push_back(url.substr(colon + 1, span->at - colon - 1));
  const RedisUrlCheck checked = check_redis_url(url);
  if (checked.ok) out.push_back(checked.url.password);
}

// Text outside the ${NAME} references of `text`.
bool has_literal_text(const std::string& text) {
  static const char* const kNothing = "";
  return !expand_env_references(text, [](const std::string&) { return kNothing; }).value.empty();
}

}  // namespace

bool written_inline(const Property& property, const std::string& written) {
  if (!property.secret || written.empty()) return false;
  if (property.type == PropertyType::redis_url) {
    const auto span = user_info_span(written);
    if (!span) return false;
    const auto colon = written.find(':', span->start);
    return colon < span->at && colon + 1 < span->at;  // a non-empty password
  }
  return !property.env_expansion || has_literal_text(written);
}

std::string inline_secret_warning(const std::string& key) {
  const std::string advice =
      key == "budget.shared"
          ? "keep that file readable by the agent's user alone"
          : "set it as \"${VARIABLE}\" from the CI's credential store" +
                std::string(key == "host.auth.token" ? " or use host.auth.token_file" : "");
  return key + ": holds a secret written in the configuration itself; " + advice;
}

std::vector<std::string> secret_values(const Property& property, const std::string& written) {
  std::vector<std::string> out;
  if (!property.secret || written.empty()) return out;
  out.push_back(written);
  if (property.env_expansion) {
    out.push_back(expand_env_references(written).value);
    add_referenced_variables(written, out);
  }
  if (property.type == PropertyType::redis_url) add_redis_password(written, out);
  return out;
}

std::string redact_secrets(std::string text, const std::vector<std::string>& secrets) {
  // A message quotes only the start of a long value: that start is hidden too.
  std::vector<std::string> hidden;
  for (const std::string& secret : secrets) {
    hidden.push_back(secret);
    if (secret.size() > kQuotedMax) hidden.push_back(secret.substr(0, kQuotedMax));
  }
  return replace_secrets(std::move(text), hidden, kSecret);
}

}  // namespace cib
