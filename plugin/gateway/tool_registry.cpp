// The tools that may use the gateway: their tokens, kept only as SHA-256 digests so that no
// token stays in memory after start, the four ways a request may carry one, and each tool's
// sliding hour of upstream requests.
#include "gateway/tool_registry.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Exception.h>
#include <Poco/String.h>
#include <openssl/crypto.h>

#include <algorithm>
#include <chrono>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include "config/token_file.h"
#include "config/value_check.h"
#include "runtime/secret_text.h"
#include "runtime/sha256.h"

namespace cib::gw {
namespace {

constexpr std::int64_t kQuotaWindowMs = 60 * 60 * 1000;  // quota_per_hour's sliding hour
constexpr std::size_t kDigestHexLength = 64;             // SHA-256 as hex

const char* const kAuthorization = "Authorization";
const char* const kPrivateToken = "PRIVATE-TOKEN";

std::string where(const GatewayClientEntry& client) {
  return "gateway.clients: tool '" + client.name + "'";
}

ToolPriority parse_priority(const GatewayClientEntry& client) {
  if (client.priority == "interactive") return ToolPriority::interactive;
  if (client.priority == "background") return ToolPriority::background;
  throw std::runtime_error(where(client) + ": priority '" + client.priority +
                           "' is not one of interactive, background");
}

// The digest of the token in the tool's token_file: its first line, blanks trimmed. Every copy
// of the token is wiped before it is freed.
std::string token_digest(const GatewayClientEntry& client) {
  TokenFileRead read = read_token_file(client.token_file, {});
  if (!read.problem.empty()) {
    throw std::runtime_error(where(client) + ": token_file " + client.token_file + " " +
                             read.problem);
  }
  WipedStrings copies;
  copies.items.reserve(2);
  const std::string& first_line =
      copies.items.emplace_back(read.token.substr(0, read.token.find('\n')));
  wipe(read.token);
  const std::string& token = copies.items.emplace_back(trim_blanks(first_line));
  if (token.empty()) {
    throw std::runtime_error(where(client) + ": token_file " + client.token_file +
                             " holds no token on its first line");
  }
  return sha256_hex(token);
}

// The token of `Basic base64(user:token)`: what follows the first colon (a user name holds
// none, a token may). "" when the value is not base64 or holds no colon.
std::string basic_token(const std::string& encoded) {
  std::istringstream in(encoded);
  Poco::Base64Decoder decoder(in);
  WipedStrings decoded;
  std::string& pair = decoded.items.emplace_back();
  try {
    pair.assign(std::istreambuf_iterator<char>(decoder), std::istreambuf_iterator<char>());
  } catch (const Poco::DataFormatException&) {
    return {};
  }
  const auto colon = pair.find(':');
  return colon == std::string::npos ? std::string() : pair.substr(colon + 1);
}

// The token an Authorization value carries under one of the schemes tools use ("Bearer T",
// "token T", "Basic B64"); "" for any other. The copies made on the way are wiped.
std::string authorization_token(const std::string& value) {
  WipedStrings parts;
  parts.items.reserve(2);
  const std::string& trimmed = parts.items.emplace_back(trim_blanks(value));
  const auto space = trimmed.find_first_of(" \t");
  if (space == std::string::npos) return {};
  const std::string scheme = trimmed.substr(0, space);
  const std::string& credential = parts.items.emplace_back(trim_blanks(trimmed.substr(space)));
  if (Poco::icompare(scheme, "Bearer") == 0 || Poco::icompare(scheme, "token") == 0) {
    return credential;
  }
  if (Poco::icompare(scheme, "Basic") == 0) return basic_token(credential);
  return {};
}

bool is_credential_header(const std::string& name) {
  return Poco::icompare(name, kAuthorization) == 0 || Poco::icompare(name, kPrivateToken) == 0;
}

std::int64_t now_ms(const Clock& clock) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock.now().time_since_epoch())
      .count();
}

}  // namespace

struct ToolRegistry::Entry {
  std::string digest;             // SHA-256 hex of the tool's token
  std::deque<std::int64_t> sent;  // steady ms of each upstream request in the last hour
};

ToolRegistry::ToolRegistry(const std::vector<GatewayClientEntry>& clients, const Clock& clock)
    : clock_(clock) {
  if (clients.empty()) throw std::runtime_error("gateway.clients: no tool is configured");
  for (const GatewayClientEntry& client : clients) {
    if (client.name.empty()) throw std::runtime_error("gateway.clients: a tool has no name");
    if (client.quota_per_hour < 0) {
      throw std::runtime_error(where(client) + ": quota_per_hour is negative");
    }
    if (std::any_of(tools_.begin(), tools_.end(),
                    [&](const Tool& tool) { return tool.name == client.name; })) {
      throw std::runtime_error(where(client) + " is configured twice");
    }
    auto entry = std::make_unique<Entry>();
    entry->digest = token_digest(client);
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      if (entries_[i]->digest == entry->digest) {
        throw std::runtime_error(where(client) + ": token_file " + client.token_file +
                                 " holds the same token as tool '" + tools_[i].name + "'");
      }
    }
    tools_.push_back(Tool{client.name, parse_priority(client), client.quota_per_hour});
    entries_.push_back(std::move(entry));
  }
}

ToolRegistry::~ToolRegistry() = default;

const Tool* ToolRegistry::identify(const Headers& headers) const {
  for (const auto& [name, value] : headers) {
    if (!is_credential_header(name)) continue;
    WipedStrings secrets;
    std::string& token = secrets.items.emplace_back(
        Poco::icompare(name, kPrivateToken) == 0 ? trim_blanks(value) : authorization_token(value));
    if (token.empty()) continue;
    const std::string digest = sha256_hex(token);
    // Every tool is compared, each in constant time, so the time taken says nothing about
    // which digest (or how much of it) matched.
    const Tool* found = nullptr;
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      if (CRYPTO_memcmp(digest.data(), entries_[i]->digest.data(), kDigestHexLength) == 0) {
        found = &tools_[i];
      }
    }
    if (found != nullptr) return found;
  }
  return nullptr;
}

std::size_t ToolRegistry::index_of(const Tool& tool) const {
  for (std::size_t i = 0; i < tools_.size(); ++i) {
    if (&tools_[i] == &tool) return i;
  }
  throw std::invalid_argument("gateway: the tool '" + tool.name + "' is not one of the registry's");
}

std::int64_t ToolRegistry::take_quota(const Tool& tool) {
  const std::size_t index = index_of(tool);
  const std::int64_t now = now_ms(clock_);
  const std::lock_guard<std::mutex> lock(mutex_);
  std::deque<std::int64_t>& sent = entries_[index]->sent;
  while (!sent.empty() && sent.front() + kQuotaWindowMs <= now) sent.pop_front();
  if (tool.quota_per_hour > 0 && static_cast<std::int64_t>(sent.size()) >= tool.quota_per_hour) {
    return std::max<std::int64_t>(1, sent.front() + kQuotaWindowMs - now);
  }
  sent.push_back(now);
  return 0;
}

void ToolRegistry::refund_quota(const Tool& tool) {
  const std::size_t index = index_of(tool);
  const std::lock_guard<std::mutex> lock(mutex_);
  std::deque<std::int64_t>& sent = entries_[index]->sent;
  if (!sent.empty()) sent.pop_back();
}

std::int64_t ToolRegistry::used_last_hour(const Tool& tool) const {
  const std::size_t index = index_of(tool);
  const std::int64_t now = now_ms(clock_);
  const std::lock_guard<std::mutex> lock(mutex_);
  const std::deque<std::int64_t>& sent = entries_[index]->sent;
  return std::count_if(sent.begin(), sent.end(),
                       [&](std::int64_t at) { return at + kQuotaWindowMs > now; });
}

void ToolRegistry::strip_credentials(Headers& headers) {
  headers.erase(
      std::remove_if(headers.begin(), headers.end(),
                     [](const auto& header) { return is_credential_header(header.first); }),
      headers.end());
}

}  // namespace cib::gw
