// Reading Bitbucket Cloud's answers: comments, pages of comments, Code Insights reports, pages
// of annotations and error texts.
#pragma once

#include <string>
#include <vector>

#include "model/content.h"

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

// A report or an annotation as the host holds it, in the provider's terms. `understood` is false
// when the host holds something the provider never sends (an unknown enum word, a data value
// not of its declared JSON type, a link whose text is not its href): it matches no desired one.
struct ReportAnswer {
  ReportContent report;  // without annotations
  bool understood = true;
};

struct AnnotationAnswer {
  Annotation annotation;  // id = external_id
  bool understood = true;
};

struct AnnotationPage {
  std::vector<AnnotationAnswer> annotations;
  std::string next;  // absolute URL of the next page; "" on the last
};

// Throw std::runtime_error when the body is not the JSON the API documents.
CommentAnswer read_comment(const std::string& body);
CommentPage read_comment_page(const std::string& body);
ReportAnswer read_report(const std::string& body);
AnnotationPage read_annotation_page(const std::string& body);

// The host's own words for an error: error.message (and error.detail) of Bitbucket's error JSON
// {"type":"error","error":{...}}; "" when the body is not that (HostExchange then quotes it).
std::string error_words(const std::string& body);

}  // namespace cib::bitbucket_cloud
