#include "config/value_check.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>

#include "config/env_expansion.h"
#include "config/record_list.h"
#include "config/redis_url_rules.h"
#include "config/url_rules.h"

namespace cib {
namespace {

constexpr const char* kProxyKey = "proxy";

ValueCheck accepted(std::string value) {
  return {true, std::move(value), {}};
}

ValueCheck refused(const Property& p, const std::string& text, const std::string& expected) {
  return {false, {}, expected + ", got " + shown_value(p, text)};
}

bool has_control(const std::string& text) {
  return std::any_of(text.begin(), text.end(),
                     [](unsigned char c) { return std::iscntrl(c) != 0; });
}

std::string integer_expectation(const Property& p, bool in_range_only) {
  if (in_range_only) {
    return "expected an integer from " + std::to_string(p.min_value) + " to " +
           std::to_string(p.max_value);
  }
  if (p.min_value == 0) return "expected a non-negative integer";
  if (p.min_value == 1) return "expected a positive integer";
  return "expected an integer";
}

ValueCheck check_integer(const Property& p, const std::string& text) {
  const bool digits_only =
      !text.empty() && text.size() <= 19 &&
      std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
  if (!digits_only) return refused(p, text, integer_expectation(p, false));
  const long long n = std::strtoll(text.c_str(), nullptr, 10);
  if (n < p.min_value || n > p.max_value) return refused(p, text, integer_expectation(p, true));
  return accepted(std::to_string(n));
}

// A planned value is accepted here, as a later version will build it; settings() refuses it.
ValueCheck check_enumeration(const Property& p, const std::string& text) {
  std::string listed;
  for (const std::string& choice : enum_choices(p)) {
    if (choice == text) return accepted(text);
    listed += (listed.empty() ? "" : ", ") + choice;
  }
  return refused(p, text, "expected one of " + listed);
}

ValueCheck check_url(const Property& p, const std::string& text) {
  if (text.empty()) return accepted(text);  // an optional URL left unset
  const auto parts = parse_url(text);
  if (!parts) return refused(p, text, "expected an http:// or https:// URL with a host name");
  // Credentials in a URL would be shown by get() and in messages; they belong in host.auth.*.
  if (parts->has_userinfo) {
    return {false, {}, "expected a URL without user:password@ (credentials go in host.auth.*)"};
  }
  // The client joins request paths to the URL, and speaks plain HTTP to a proxy.
  if (parts->has_query_or_fragment) {
    return refused(p, text, "expected a URL without a query or fragment");
  }
  if (p.key == std::string(kProxyKey) && parts->scheme != "http") {
    return {false,
            {},
            "expected an http:// proxy URL (HTTPS to the host goes through it with "
            "CONNECT)"};
  }
  return accepted(text);
}

ValueCheck check_shared_store(const Property& p, const std::string& text) {
  if (text.empty()) return accepted(text);  // no shared budget
  if (has_control(text)) return refused(p, text, "expected one line of text");
  const RedisUrlCheck checked = check_redis_url(text);
  if (!checked.ok) return {false, {}, checked.problem};
  return accepted(text);
}

ValueCheck check_url_list(const Property& p, const std::string& text) {
  const std::vector<std::string> items = split_list(text);
  for (const std::string& item : items) {
    const ValueCheck one = check_url(p, item);
    if (!one.ok) return one;
  }
  return accepted(join_list(items));
}

// Folders token files may lie in: absolute, so the check does not depend on the working folder.
ValueCheck check_path_list(const Property& p, const std::string& text) {
  const std::vector<std::string> items = split_list(text);
  for (const std::string& item : items) {
    if (has_control(item)) return refused(p, item, "expected one line of text");
    if (item.front() != '/') return refused(p, item, "expected absolute folders");
  }
  return accepted(join_list(items));
}

ValueCheck check_record_list(const Property& p, const std::string& text) {
  const RecordsCheck checked = check_records_text(p, text);
  if (checked.ok) return accepted(checked.value);
  return {false, {}, (checked.field.empty() ? "" : checked.field + ": ") + checked.problem};
}

ValueCheck check_text(const Property& p, const std::string& text) {
  // A line break in a credential or path would end up in an HTTP header or a file name.
  if (has_control(text)) return refused(p, text, "expected one line of text");
  // Every path key names a file; the spool and the budget would refuse a folder only at start.
  if (p.type == PropertyType::path && !text.empty() && text.back() == '/') {
    const std::string value = p.unquoted ? "the value" : quote_for_message(text);
    return {false, {}, "expected a file, got a folder (" + value + " ends with '/')"};
  }
  return accepted(text);
}

}  // namespace

ValueCheck check_value(const Property& p, const std::string& text) {
  if (p.env_expansion) {
    const std::string problem = check_env_references(text);
    if (!problem.empty()) return {false, {}, problem};
  } else if (text.find("${") != std::string::npos) {
    // Elsewhere it would be taken literally: a spool.path of "${HOME}/spool.db" makes a folder
    // named "${HOME}".
    return {false, {}, "${...} is expanded only in host.auth.* keys; write the value itself"};
  }
  return check_expanded_value(p, text);
}

ValueCheck check_expanded_value(const Property& p, const std::string& text) {
  switch (p.type) {
    case PropertyType::boolean:
      if (text == "true" || text == "false") return accepted(text);
      return refused(p, text, "expected true or false");
    case PropertyType::integer:
      return check_integer(p, text);
    case PropertyType::enumeration:
      return check_enumeration(p, text);
    case PropertyType::url:
      return check_url(p, text);
    case PropertyType::url_list:
      return check_url_list(p, text);
    case PropertyType::string:
    case PropertyType::path:
      return check_text(p, text);
    case PropertyType::path_list:
      return check_path_list(p, text);
    case PropertyType::redis_url:
      return check_shared_store(p, text);
    case PropertyType::record_list:
      return check_record_list(p, text);
  }
  return refused(p, text, "expected a value");
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    std::string item = trim_blanks(text.substr(start, comma - start));
    if (!item.empty()) items.push_back(std::move(item));
    start = comma + 1;
  }
  return items;
}

std::string join_list(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

std::string trim_blanks(const std::string& text) {
  const auto blank = [](unsigned char c) { return std::isspace(c) != 0; };
  const auto first = std::find_if_not(text.begin(), text.end(), blank);
  const auto last = std::find_if_not(text.rbegin(), text.rend(), blank).base();
  return first < last ? std::string(first, last) : std::string();
}

}  // namespace cib
