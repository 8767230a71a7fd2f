// Hand-written Bitbucket Cloud comment answers for the comment tests.
#pragma once

#include <string>
#include <vector>

namespace cib::test {

inline const char* comments_path() {
  return "/repositories/acme/web/pullrequests/42/comments";
}

inline std::string marked(const std::string& body, const std::string& key = "coverage") {
  return body + "\n\n[//]: # (cibatch:" + key + ")";
}

// JSON string literal of `text` (only quotes, backslashes and newlines occur).
inline std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
    } else {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
  }
  return out + '"';
}

inline std::string comment_json(int id, const std::string& raw, bool deleted = false) {
  return "{\"id\":" + std::to_string(id) + ",\"deleted\":" + (deleted ? "true" : "false") +
         ",\"content\":{\"raw\":" + quoted(raw) + "}}";
}

// One page of comments; `next_page` > 0 adds the host's absolute link to that page.
inline std::string comment_page(const std::vector<std::string>& comments, int next_page = 0) {
  std::string out = "{\"values\":[";
  for (std::size_t i = 0; i < comments.size(); ++i) out += (i ? "," : "") + comments[i];
  out += "]";
  if (next_page > 0) {
    out += ",\"next\":\"https://api.bitbucket.org/2.0" + std::string(comments_path()) +
           "?pagelen=100&page=" + std::to_string(next_page) + "\"";
  }
  return out + "}";
}

inline std::string body_of(const std::string& raw) {
  return "{\"content\":{\"raw\":" + quoted(raw) + "}}";
}

}  // namespace cib::test
