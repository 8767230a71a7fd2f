#include "providers/gitlab/merge_request_notes.h"

#include "providers/comment_marker.h"
#include "providers/gitlab/answers.h"
#include "providers/gitlab/bodies.h"
#include "providers/gitlab/targets.h"
#include "runtime/sha256.h"

namespace cib::gitlab {

namespace {

// A merge request with more notes than this is not searched further.
constexpr int kMaxListPages = 100;

// The page number GitLab names for the next page; 0 on the last.
int next_page(const HttpResponse& response) {
  const std::string next = response.header("X-Next-Page");
  if (next.empty() || next.size() > 6 || next.find_first_not_of("0123456789") != std::string::npos)
    return 0;
  return std::stoi(next);
}

void add_keyed(const std::vector<NoteAnswer>& notes, HeldComments& held) {
  for (const NoteAnswer& note : notes) {
    const std::string digest = sha256_hex(note.body);
    for (const std::string& key : marker_keys(note.body)) {
      held.emplace(key, HeldComment{note.id, digest});
    }
  }
}

}  // namespace

HeldComments list_keyed_notes(const std::string& repo, std::int64_t merge_request,
                              HostExchange& exchange) {
  HeldComments held;
  HttpRequest request;
  request.method = "GET";
  int page = 1;
  for (int read = 0; read < kMaxListPages && page > 0; ++read) {
    request.target = notes_target(repo, merge_request) +
                     "?per_page=100&page=" + std::to_string(page) + "&sort=asc&order_by=created_at";
    // Only the first page may say the merge request is missing; later pages must exist.
    const HttpResponse response =
        read == 0 ? exchange.send(request, {404}) : exchange.send(request);
    if (!is_success(response.status)) break;
    try {
      add_keyed(read_notes(response.body), held);
    } catch (const std::exception& e) {
      throw unreadable_answer(request, response, e.what());
    }
    const int next = next_page(response);
    page = next > page ? next : 0;  // never back: a confused host cannot loop us
  }
  return held;
}

HttpResponse MergeRequestNotes::create(const std::string& raw) {
  create_request_ = comment_request("POST", notes_target(repo_, merge_request_), note_body(raw));
  return exchange_.send(create_request_);
}

std::string MergeRequestNotes::created_id(const HttpResponse& response) {
  try {
    return read_note(response.body).id;
  } catch (const std::exception& e) {
    throw unreadable_answer(create_request_, response, e.what());
  }
}

bool MergeRequestNotes::update(const std::string& id, const std::string& raw) {
  const HttpRequest request =
      comment_request("PUT", note_target(repo_, merge_request_, id), note_body(raw));
  return is_success(exchange_.send(request, {404}).status);
}

}  // namespace cib::gitlab
