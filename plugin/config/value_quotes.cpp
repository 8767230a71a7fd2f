#include "config/value_quotes.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "config/url_rules.h"

namespace cib {
namespace {

// An enumeration value this long or longer is not a typo of a choice.
constexpr std::size_t kPlausibleMax = 24;
// A value of a key away from credentials made only of lower-case letters, '-' and '_' reads as
// a word, not as a token, up to this length.
constexpr std::size_t kWordMax = 16;

bool is_continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

std::size_t characters(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return !is_continuation(static_cast<unsigned char>(c));
  }));
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Within a few edits of one of the enumeration's choices, case ignored: a typo worth showing.
bool near_a_choice(const Property& p, const std::string& text) {
  if (text.size() >= kPlausibleMax) return false;
  for (const std::string& choice : enum_choices(p)) {
    if (edit_distance(lower(text), choice) <= std::max<std::size_t>(2, choice.size() / 3)) {
      return true;
    }
  }
  return false;
}

bool is_plain_word(const std::string& text) {
  return !text.empty() && text.size() <= kWordMax &&
         std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || c == '-' || c == '_'; });
}

// A URL with whatever precedes its last '@' after the scheme (user:password) hidden.
std::string without_user_info(const std::string& text) {
  const auto span = user_info_span(text);
  if (!span) return text;
  return text.substr(0, span->start) + "<secret>" + text.substr(span->at);
}

std::string length_only(const std::string& what, const std::string& text) {
  const std::size_t n = characters(text);
  return what + " of " + std::to_string(n) + (n == 1 ? " character" : " characters");
}

// text with control characters as \xNN and, inside quotes, '"' and '\' escaped.
std::string escaped(const std::string& text, bool in_quotes) {
  std::string out;
  for (const char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (in_quotes && (c == '"' || c == '\\')) {
      out += '\\';
      out += ch;
    } else if (std::iscntrl(c) != 0) {
      char code[8];
      std::snprintf(code, sizeof code, "\\x%02x", c);
      out += code;
    } else {
      out += ch;
    }
  }
  return out;
}

// The first `max` bytes of text, or fewer so as not to end inside a UTF-8 sequence.
std::string cut(const std::string& text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t end = max;
  while (end > 0 && is_continuation(static_cast<unsigned char>(text[end]))) --end;
  return text.substr(0, end);
}

}  // namespace

std::string escape_controls(const std::string& text) {
  return escaped(text, false);
}

std::string excerpt_for_message(const std::string& text, std::size_t max) {
  return escaped(cut(text, max), false) + (text.size() > max ? "..." : "");
}

std::string quote_for_message(const std::string& text, std::size_t max) {
  return "\"" + escaped(cut(text, max), true) + (text.size() > max ? "...\"" : "\"");
}

std::string shown_value(const Property& p, const std::string& text) {
  if (p.secret) return "<secret>";
  if (p.type == PropertyType::enumeration) {
    const bool shown = near_a_choice(p, text) || (!p.unquoted && is_plain_word(text));
    return shown ? quote_for_message(text) : length_only("an unknown value", text);
  }
  if (p.unquoted) return length_only("a value", text);
  if (p.type == PropertyType::url || p.type == PropertyType::url_list) {
    return quote_for_message(without_user_info(text));
  }
  return quote_for_message(text);
}

}  // namespace cib
