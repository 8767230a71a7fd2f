// Reading GitLab's answers: notes, lists of notes, a commit's merge requests, error messages.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cib::gitlab {

struct NoteAnswer {
  std::string id;  // decimal
  std::string body;
};

struct MergeRequestAnswer {
  std::int64_t iid = 0;
  std::string state;  // opened, closed, merged, locked
};

// Throw std::runtime_error when the body is not the JSON the API documents.
NoteAnswer read_note(const std::string& body);
std::vector<NoteAnswer> read_notes(const std::string& body);  // a JSON array of notes
std::vector<MergeRequestAnswer> read_merge_requests(const std::string& body);

// The `message` of GitLab's error JSON {"message": ...} (a string, or an object written as
// JSON); "" when the body is not that.
std::string error_message(const std::string& body);

// The state Y of "Cannot transition status via :X from :Y": the status already holds Y. ""
// when `message` is not that refusal.
std::string transition_from_state(const std::string& message);

}  // namespace cib::gitlab
