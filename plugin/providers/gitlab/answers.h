// Reading GitLab's answers: notes, lists of notes, a commit's merge requests, error messages
// (the shapes GitHub shares are read by providers/json_answers.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "providers/json_answers.h"

namespace cib::gitlab {

using NoteAnswer = HostComment;

struct MergeRequestAnswer {
  std::int64_t iid = 0;
  std::string state;  // opened, closed, merged, locked
};

// Throw std::runtime_error when the body is not the JSON the API documents.
inline NoteAnswer read_note(const std::string& body) {
  return read_host_comment(body);
}
inline std::vector<NoteAnswer> read_notes(const std::string& body) {  // a JSON array of notes
  return read_host_comments(body);
}
std::vector<MergeRequestAnswer> read_merge_requests(const std::string& body);

// The `message` of GitLab's error JSON {"message": ...}: providers/json_answers.h.
using cib::error_message;

// The state Y of "Cannot transition status via :X from :Y": the status already holds Y. ""
// when `message` is not that refusal.
std::string transition_from_state(const std::string& message);

}  // namespace cib::gitlab
