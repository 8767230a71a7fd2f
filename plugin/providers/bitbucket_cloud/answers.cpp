#include "providers/bitbucket_cloud/answers.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <functional>
#include <stdexcept>

#include "providers/json_text.h"
#include "providers/report_data_json.h"

namespace cib::bitbucket_cloud {

namespace {

using Poco::JSON::Object;

constexpr DataDialect kCloudData{"text", true};

CommentAnswer comment_from(const Object::Ptr& object) {
  CommentAnswer comment;
  if (!object->has("id") || object->isNull("id")) {
    throw std::runtime_error("the comment in the answer has no id");
  }
  comment.id = object->get("id").toString();
  comment.deleted = object->has("deleted") && !object->isNull("deleted") &&
                    object->get("deleted").convert<bool>();
  comment.raw = string_member(object->getObject("content"), "raw");
  return comment;
}

// Hands each object of the page's values to `visit`; returns the page's next link.
std::string read_page(const std::string& body,
                      const std::function<void(const Object::Ptr&)>& visit) {
  try {
    const Object::Ptr page = parse_json_object(body);
    const Poco::JSON::Array::Ptr values = page->getArray("values");
    if (!values) throw std::runtime_error("the page has no values");
    for (std::size_t i = 0; i < values->size(); ++i) {
      const Object::Ptr value = values->getObject(static_cast<unsigned>(i));
      if (value) visit(value);
    }
    return string_member(page, "next");
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("unexpected page JSON: " + e.displayText());
  }
}

// The enum value whose word (to_string) is `word`; false when none is.
template <typename Enum>
bool enum_from(const std::string& word, int count, Enum& value) {
  for (int i = 0; i < count; ++i) {
    if (word == to_string(static_cast<Enum>(i))) {
      value = static_cast<Enum>(i);
      return true;
    }
  }
  return false;
}

ReportAnswer report_from(const Object::Ptr& object) {
  ReportAnswer answer;
  answer.understood = read_report_fields(object, kCloudData, answer.report) &&
                      enum_from(string_member(object, "result"), 3, answer.report.result);
  return answer;
}

AnnotationAnswer annotation_from(const Object::Ptr& object) {
  AnnotationAnswer answer;
  Annotation& a = answer.annotation;
  a.id = string_member(object, "external_id");
  if (a.id.empty()) {
    // Made by another tool without an external id: the host also takes its uuid in paths.
    a.id = string_member(object, "uuid");
    answer.understood = false;
  }
  if (a.id.empty()) throw std::runtime_error("an annotation in the answer has no id");
  a.path = string_member(object, "path");
  if (object->has("line") && !object->isNull("line"))
    a.line = object->getValue<std::int32_t>("line");
  a.summary = string_member(object, "summary");
  a.details = string_member(object, "details");
  a.link = string_member(object, "link");
  answer.understood = answer.understood &&
                      enum_from(string_member(object, "annotation_type"), 3, a.type) &&
                      enum_from(string_member(object, "severity"), 4, a.severity);
  return answer;
}

}  // namespace

CommentAnswer read_comment(const std::string& body) {
  try {
    return comment_from(parse_json_object(body));
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("unexpected comment JSON: " + e.displayText());
  }
}

CommentPage read_comment_page(const std::string& body) {
  CommentPage page;
  page.next = read_page(body, [&page](const Object::Ptr& comment) {
    page.comments.push_back(comment_from(comment));
  });
  return page;
}

ReportAnswer read_report(const std::string& body) {
  try {
    return report_from(parse_json_object(body));
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("unexpected report JSON: " + e.displayText());
  }
}

AnnotationPage read_annotation_page(const std::string& body) {
  AnnotationPage page;
  page.next = read_page(body, [&page](const Object::Ptr& annotation) {
    page.annotations.push_back(annotation_from(annotation));
  });
  return page;
}

std::string error_words(const std::string& body) {
  try {
    const Object::Ptr error = parse_json_object(body)->getObject("error");
    const std::string message = string_member(error, "message");
    if (message.empty()) return "";
    const std::string detail = string_member(error, "detail");
    return detail.empty() || detail == message ? message : message + " (" + detail + ")";
  } catch (const std::exception&) {
    return "";  // not Bitbucket's error JSON (a proxy's page, say)
  }
}

}  // namespace cib::bitbucket_cloud
