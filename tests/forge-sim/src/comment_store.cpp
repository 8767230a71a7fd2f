#include "comment_store.h"

#include <Poco/JSON/Array.h>

#include "resource_values.h"

namespace cib::sim {
namespace {

// Bitbucket renders Markdown and escapes any HTML in it; escaping is all a client can observe
// that matters (a marker comment must not show up as text).
std::string render_html(const std::string& raw) {
  std::string html = "<p>";
  for (const char c : raw) {
    switch (c) {
      case '&':
        html += "&amp;";
        break;
      case '<':
        html += "&lt;";
        break;
      case '>':
        html += "&gt;";
        break;
      case '"':
        html += "&quot;";
        break;
      default:
        html += c;
    }
  }
  return html + "</p>";
}

// Shared by the const and non-const callers: `Comments` is the store's map, const or not.
template <class Comments>
auto find_comment(Comments& comments, const std::string& repo, long pull_request, long id)
    -> decltype(&comments.begin()->second.begin()->second.front()) {
  const auto repo_it = comments.find(repo);
  if (repo_it == comments.end()) return nullptr;
  const auto pr_it = repo_it->second.find(pull_request);
  if (pr_it == repo_it->second.end()) return nullptr;
  for (auto& comment : pr_it->second) {
    if (comment.id == id) return &comment;
  }
  return nullptr;
}

}  // namespace

CommentStore::CommentStore(std::string api_url) : api_url_(std::move(api_url)) {}

Poco::JSON::Object::Ptr CommentStore::create(const std::string& repo, long pull_request,
                                             const std::string& raw) {
  std::lock_guard<std::mutex> lock(mutex_);
  Comment comment;
  comment.id = ++last_id_;
  comment.raw = raw;
  comment.created_on = comment.updated_on = now_iso8601();
  comments_[repo][pull_request].push_back(comment);
  return render(repo, pull_request, comment);
}

Poco::JSON::Object::Ptr CommentStore::get(const std::string& repo, long pull_request,
                                          long id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const Comment* comment = find_comment(comments_, repo, pull_request, id);
  return comment ? render(repo, pull_request, *comment) : nullptr;
}

Poco::JSON::Object::Ptr CommentStore::update(const std::string& repo, long pull_request, long id,
                                             const std::string& raw) {
  std::lock_guard<std::mutex> lock(mutex_);
  Comment* comment = find_comment(comments_, repo, pull_request, id);
  if (comment == nullptr || comment->deleted) return nullptr;
  comment->raw = raw;
  comment->updated_on = now_iso8601();
  return render(repo, pull_request, *comment);
}

bool CommentStore::remove(const std::string& repo, long pull_request, long id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Comment* comment = find_comment(comments_, repo, pull_request, id);
  if (comment == nullptr || comment->deleted) return false;
  comment->deleted = true;
  comment->updated_on = now_iso8601();
  return true;
}

std::vector<Poco::JSON::Object::Ptr> CommentStore::list(const std::string& repo,
                                                        long pull_request) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<Poco::JSON::Object::Ptr> all;
  const auto repo_it = comments_.find(repo);
  if (repo_it == comments_.end()) return all;
  const auto pr_it = repo_it->second.find(pull_request);
  if (pr_it == repo_it->second.end()) return all;
  for (const auto& comment : pr_it->second) all.push_back(render(repo, pull_request, comment));
  return all;
}

Poco::JSON::Object::Ptr CommentStore::snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  Poco::JSON::Object::Ptr repos = new Poco::JSON::Object;
  for (const auto& [repo, pull_requests] : comments_) {
    Poco::JSON::Object::Ptr by_pr = new Poco::JSON::Object;
    for (const auto& [pull_request, comments] : pull_requests) {
      Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
      for (const auto& comment : comments) {
        Poco::JSON::Object::Ptr fields = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        fields->set("id", comment.id);
        fields->set("raw", comment.raw);
        fields->set("deleted", comment.deleted);
        list->add(fields);
      }
      by_pr->set(std::to_string(pull_request), list);
    }
    repos->set(repo, by_pr);
  }
  return repos;
}

void CommentStore::reset() {
  std::lock_guard<std::mutex> lock(mutex_);
  comments_.clear();
  last_id_ = 0;
}

Poco::JSON::Object::Ptr CommentStore::render(const std::string& repo, long pull_request,
                                             const Comment& comment) const {
  const std::string pr_path =
      repository_path(repo) + "/pullrequests/" + std::to_string(pull_request);
  Poco::JSON::Object::Ptr content = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  content->set("raw", comment.raw);
  content->set("markup", "markdown");
  content->set("html", render_html(comment.raw));

  Poco::JSON::Object::Ptr self = new Poco::JSON::Object;
  self->set("href", api_url_ + pr_path + "/comments/" + std::to_string(comment.id));
  Poco::JSON::Object::Ptr links = new Poco::JSON::Object;
  links->set("self", self);

  Poco::JSON::Object::Ptr pull = new Poco::JSON::Object;
  pull->set("type", "pullrequest");
  pull->set("id", pull_request);

  Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  out->set("id", comment.id);
  out->set("type", "pullrequest_comment");
  out->set("content", content);
  out->set("deleted", comment.deleted);
  out->set("created_on", comment.created_on);
  out->set("updated_on", comment.updated_on);
  out->set("pullrequest", pull);
  out->set("links", links);
  return out;
}

}  // namespace cib::sim
