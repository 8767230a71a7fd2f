#include "auth/app_token_source.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <utility>

#include "auth/app_jwt.h"
#include "runtime/secret_text.h"
#include "transport/retry_policy.h"

namespace cib {
namespace {

constexpr std::size_t kQuotedMessage = 200;

std::string exchange_path(std::int64_t installation_id) {
  return "/app/installations/" + std::to_string(installation_id) + "/access_tokens";
}

// The answer's JSON object, or null when it is none.
Poco::JSON::Object::Ptr answer_object(const std::string& body) {
  try {
    Poco::JSON::Parser parser;
    const Poco::Dynamic::Var value = parser.parse(body);
    if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
      return value.extract<Poco::JSON::Object::Ptr>();
    }
  } catch (const Poco::Exception&) {
  }
  return nullptr;
}

std::string string_member(const Poco::JSON::Object::Ptr& object, const std::string& name) {
  if (!object || !object->has(name) || object->isNull(name)) return "";
  const Poco::Dynamic::Var value = object->get(name);
  return value.isString() ? value.extract<std::string>() : "";
}

// GitHub's own words ("message"), at most kQuotedMessage bytes, printable ASCII, the JWT out.
std::string host_words(const std::string& body, const std::string& jwt) {
  std::string words =
      replace_secrets(string_member(answer_object(body), "message"), {jwt}, "[redacted]");
  words.resize(std::min(words.size(), kQuotedMessage));
  std::replace_if(
      words.begin(), words.end(), [](char c) { return c < 0x20 || c > 0x7e; }, '?');
  return words.empty() ? "" : ": " + words;
}

// "2026-12-05T07:00:00Z" as seconds since the epoch; 0 when it does not read.
std::int64_t epoch_seconds(const std::string& text) {
  Poco::DateTime when;
  int zone = 0;
  if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FORMAT, text, when, zone)) {
    return 0;
  }
  when.makeUTC(zone);
  return when.timestamp().epochTime();
}

bool one_line_token(const std::string& token) {
  return !token.empty() &&
         std::all_of(token.begin(), token.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

[[noreturn]] void refuse(const HttpResponse& answer, std::int64_t installation_id,
                         const std::string& jwt, std::int64_t now_s) {
  const std::string exchange = "the GitHub App token exchange (POST " +
                               exchange_path(installation_id) + ") answered " +
                               std::to_string(answer.status);
  if (answer.status == 401 || answer.status == 404) {
    throw AppExchangeError(answer.status,
                           "the App's id, key or installation is wrong: " + exchange +
                               "; check host.auth.app_id, host.auth.installation_id and "
                               "host.auth.private_key_file",
                           true);
  }
  std::int64_t retry_after_ms = -1;
  if (const auto wait = parse_retry_after(answer.header("Retry-After"), now_s)) {
    retry_after_ms = wait->count();
  }
  throw AppExchangeError(answer.status, exchange + host_words(answer.body, jwt), false,
                         retry_after_ms);
}

}  // namespace

HttpRequest token_exchange_request(std::int64_t installation_id, const std::string& jwt) {
  HttpRequest request;
  request.method = "POST";
  request.target = exchange_path(installation_id);
  request.headers = {{"Authorization", "Bearer " + jwt},
                     {"Accept", "application/vnd.github+json"},
                     {"X-GitHub-Api-Version", "2022-11-28"}};
  // A token issued twice is harmless: the first simply expires unused.
  request.idempotent = true;
  return request;
}

IssuedToken read_token_answer(const HttpResponse& answer, std::int64_t installation_id,
                              const std::string& jwt, std::int64_t now_s) {
  if (answer.status != 201) refuse(answer, installation_id, jwt, now_s);
  const Poco::JSON::Object::Ptr object = answer_object(answer.body);
  IssuedToken issued;
  issued.token = string_member(object, "token");
  issued.expires_at_s = epoch_seconds(string_member(object, "expires_at"));
  if (!one_line_token(issued.token) || issued.expires_at_s <= 0) {
    wipe(issued.token);
    throw AppExchangeError(answer.status,
                           "the GitHub App token exchange answered 201 without a one-line "
                           "\"token\" and an ISO 8601 \"expires_at\"",
                           false);
  }
  return issued;
}

AppTokenSource::AppTokenSource(std::int64_t app_id, std::int64_t installation_id,
                               const Clock& clock, ReadKey read_key, Exchange exchange)
    : app_id_(app_id),
      installation_id_(installation_id),
      clock_(clock),
      read_key_(std::move(read_key)),
      exchange_(std::move(exchange)) {}

std::int64_t AppTokenSource::now_s() const {
  return clock_.wall_ns() / 1'000'000'000;
}

bool AppTokenSource::due() const {
  return expires_at_s_ - now_s() < kTokenRefreshMarginS;
}

IssuedToken AppTokenSource::issue() {
  const std::int64_t now = now_s();
  WipedStrings secrets;      // the key's text and the JWT
  secrets.items.reserve(2);  // the references below stay valid
  std::string& pem = secrets.items.emplace_back(read_key_());
  std::string& jwt = secrets.items.emplace_back(app_jwt(pem, app_id_, now));
  wipe(pem);
  HttpRequest request = token_exchange_request(installation_id_, jwt);
  struct WipeRequest {
    HttpRequest& request;
    ~WipeRequest() { wipe(request.headers.front().second); }
  } wipe_request{request};
  HttpResponse answer = exchange_(request);
  struct WipeAnswer {
    HttpResponse& answer;
    ~WipeAnswer() { wipe(answer.body); }
  } wipe_answer{answer};
  IssuedToken issued = read_token_answer(answer, installation_id_, jwt, now);
  expires_at_s_ = issued.expires_at_s;
  return issued;
}

}  // namespace cib
