// Answers GitLab and GitHub share the shape of: a comment or note {"id": number, "body": text},
// a JSON array of them, a list of threads (merge or pull requests) by number and state, and the
// error JSON {"message": ...}.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cib {

struct HostComment {
  std::string id;  // decimal
  std::string body;
};

struct NumberedThread {
  std::int64_t number = 0;
  std::string state;  // GitLab: opened, closed, merged, locked; GitHub: open, closed
};

// Throw std::runtime_error when the body is not the JSON the APIs document.
HostComment read_host_comment(const std::string& body);
std::vector<HostComment> read_host_comments(const std::string& body);  // a JSON array
// A JSON array of objects numbered by `number_field` (GitLab: "iid", GitHub: "number").
std::vector<NumberedThread> read_threads(const std::string& body, const char* number_field);

// The `message` of the error JSON {"message": ...} (a string, or an object written as JSON); ""
// when the body is not that.
std::string error_message(const std::string& body);

}  // namespace cib
