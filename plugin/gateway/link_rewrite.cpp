// The host's URLs turned into the gateway's. A URL is the host's only when the API URL is
// followed by a character that ends it or starts its path or query, so a look-alike such as
// `https://api.bitbucket.org/2.0x` is left alone. Bodies are rewritten as text: a JSON string
// that holds the API URL holds it either as is or with `\/` for every '/', and both forms are
// replaced in one pass, so nothing the pass wrote is read again.
#include "gateway/link_rewrite.h"

#include <Poco/String.h>

#include <cstddef>

namespace cib::gw {
namespace {

// What may follow the API URL in a URL of the API, plain and JSON-escaped (there any escape,
// `\/` first of all, ends it: no URL holds a backslash).
constexpr const char* kPlainBoundaries = "/?\">";
constexpr const char* kEscapedBoundaries = "\\?\"";

std::string without_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::string json_escaped(const std::string& url) {
  return Poco::replace(url, std::string("/"), std::string("\\/"));
}

// Whether the URL found at `at` (of `length` characters) ends where a URL of the API may.
bool ends_at_boundary(const std::string& text, std::size_t at, std::size_t length,
                      const char* boundaries) {
  const std::size_t end = at + length;
  if (end == text.size()) return true;
  return std::string(boundaries).find(text[end]) != std::string::npos;
}

struct Form {
  std::string from;
  std::string to;
  const char* boundaries;
};

bool media_type_is_text(const std::string& content_type) {
  std::string type = Poco::toLower(Poco::trim(content_type.substr(0, content_type.find(';'))));
  const std::string json_suffix = "+json";
  return type == "application/json" || type.rfind("text/", 0) == 0 ||
         (type.size() > json_suffix.size() &&
          type.compare(type.size() - json_suffix.size(), json_suffix.size(), json_suffix) == 0);
}

std::string header_value(const Headers& headers, const char* name) {
  for (const auto& [key, value] : headers) {
    if (Poco::icompare(key, name) == 0) return value;
  }
  return "";
}

// A compressed body is bytes, not text: rewriting it would break it.
bool body_is_rewritable(const Headers& headers) {
  const std::string encoding = Poco::trim(header_value(headers, "Content-Encoding"));
  return (encoding.empty() || Poco::icompare(encoding, "identity") == 0) &&
         media_type_is_text(header_value(headers, "Content-Type"));
}

}  // namespace

std::string rewrite_links(const std::string& text, const LinkBases& bases) {
  const std::string upstream = without_trailing_slash(bases.upstream);
  if (upstream.empty()) return text;
  const std::string gateway = without_trailing_slash(bases.gateway);
  const Form forms[] = {{upstream, gateway, kPlainBoundaries},
                        {json_escaped(upstream), json_escaped(gateway), kEscapedBoundaries}};
  std::string out;
  out.reserve(text.size());
  std::size_t copied = 0;
  for (std::size_t at = 0; at < text.size(); ++at) {
    for (const Form& form : forms) {
      if (text.compare(at, form.from.size(), form.from) != 0 ||
          !ends_at_boundary(text, at, form.from.size(), form.boundaries)) {
        continue;
      }
      out.append(text, copied, at - copied).append(form.to);
      at += form.from.size() - 1;
      copied = at + 1;
      break;
    }
  }
  return out.append(text, copied, std::string::npos);
}

void rewrite_answer(Headers& headers, std::string& body, const LinkBases& bases) {
  for (auto& [name, value] : headers) {
    if (Poco::icompare(name, "Location") == 0 || Poco::icompare(name, "Link") == 0) {
      value = rewrite_links(value, bases);
    }
  }
  if (body_is_rewritable(headers)) body = rewrite_links(body, bases);
}

}  // namespace cib::gw
