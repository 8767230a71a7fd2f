// Reading Bitbucket Cloud's answers: comments, pages of comments and error texts.
#pragma once

#include <string>
#include <vector>

namespace cib::bitbucket_cloud {

struct CommentAnswer {
  std::string id;  // decimal
  bool deleted = false;
  std::string raw;
};

struct CommentPage {
  std::vector<CommentAnswer> comments;
  std::string next;  // absolute URL of the next page; "" on the last
};

// Throw std::runtime_error when the body is not the JSON the API documents.
CommentAnswer read_comment(const std::string& body);
CommentPage read_comment_page(const std::string& body);

// The host's own words for an error: error.message (and error.detail) of Bitbucket's error JSON
// {"type":"error","error":{...}}, else the first 200 characters of the body.
std::string error_text(const std::string& body);

}  // namespace cib::bitbucket_cloud
