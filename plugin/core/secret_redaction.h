// The secrets an Authorization header carries, and their removal from text a host wrote: a host
// or proxy that quotes the request back would otherwise put the token into delivery reports,
// log lines and the CLI's output.
#pragma once

#include <string>
#include <vector>

#include "config/settings.h"

namespace cib {

constexpr const char* kRedacted = "[redacted]";

// The secret values in an Authorization header value, longest first: for "Bearer T" the token
// T; for "Basic B" B itself, the decoded "user:password" and the password. Values shorter than
// four bytes are left out: they would garble every message and hide nothing.
std::vector<std::string> header_secrets(const std::string& authorization);

// `text` with every occurrence of each secret replaced by kRedacted.
std::string redact(std::string text, const std::vector<std::string>& secrets);

// The secrets a client's settings hold besides its credential: the Sonar token and the Redis
// password of budget.shared (as written and as sent).
void add_settings_secrets(const Settings& settings, std::vector<std::string>& out);

// `line` with the value of each `Authorization` or `PRIVATE-TOKEN` header it quotes (name
// case-insensitive, followed by `:` or `=`, optionally in quotes) replaced by kRedacted; the
// scheme word (Bearer, Basic) is kept.
std::string redact_header_values(std::string line);

}  // namespace cib
