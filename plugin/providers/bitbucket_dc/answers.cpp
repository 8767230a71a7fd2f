#include "providers/bitbucket_dc/answers.h"

#include <Poco/JSON/Array.h>

#include <functional>
#include <stdexcept>

#include "providers/bitbucket_dc/bodies.h"
#include "providers/json_text.h"

namespace cib::bitbucket_dc {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

CommentAnswer comment_from(const Object::Ptr& object) {
  if (!object || !object->has("id") || object->isNull("id")) {
    throw std::runtime_error("the comment in the answer has no id");
  }
  CommentAnswer comment;
  comment.id = object->get("id").toString();
  if (object->has("version") && !object->isNull("version")) {
    comment.version = object->getValue<Poco::Int64>("version");
  }
  comment.text = string_member(object, "text");
  return comment;
}

// Hands each error object of DC's error JSON to `visit`; nothing when the body is not that.
void visit_errors(const std::string& body, const std::function<void(const Object::Ptr&)>& visit) {
  try {
    const Array::Ptr errors = parse_json_object(body)->getArray("errors");
    for (std::size_t i = 0; errors && i < errors->size(); ++i) {
      const Object::Ptr error = errors->getObject(static_cast<unsigned>(i));
      if (error) visit(error);
    }
  } catch (const std::exception&) {
    // not DC's error JSON (a proxy's page, say)
  }
}

}  // namespace

CommentAnswer read_comment(const std::string& body) {
  return reading_json("comment", [&body] { return comment_from(parse_json_object(body)); });
}

ActivityPage read_activity_page(const std::string& body) {
  return reading_json("activities", [&body] {
    const Object::Ptr page = parse_json_object(body);
    const Array::Ptr values = page->getArray("values");
    if (!values) throw std::runtime_error("the page has no values");
    ActivityPage out;
    for (std::size_t i = 0; i < values->size(); ++i) {
      const Object::Ptr activity = values->getObject(static_cast<unsigned>(i));
      if (!activity || string_member(activity, "action") != "COMMENTED") continue;
      out.comments.push_back(comment_from(activity->getObject("comment")));
    }
    const bool last = !page->has("isLastPage") || page->getValue<bool>("isLastPage");
    if (!last) out.next_start = page->getValue<Poco::Int64>("nextPageStart");
    return out;
  });
}

ReportAnswer read_report(const std::string& body) {
  return reading_json("report", [&body] {
    const Object::Ptr object = parse_json_object(body);
    ReportAnswer answer;
    answer.understood = read_report_fields(object, kDataCenterData, answer.report);
    const std::string result = string_member(object, "result");
    if (result == "PASS") {
      answer.report.result = ReportResult::passed;
    } else if (result == "FAIL") {
      answer.report.result = ReportResult::failed;
    } else if (result.empty()) {
      answer.report.result = ReportResult::pending;
    } else {
      answer.understood = false;
    }
    return answer;
  });
}

std::string error_words(const std::string& body) {
  std::string words;
  visit_errors(body, [&words](const Object::Ptr& error) {
    const std::string message = string_member(error, "message");
    if (message.empty()) return;
    if (!words.empty()) words += "; ";
    words += message;
  });
  return words;
}

bool names_missing_object(const std::string& body) {
  bool missing = false;
  visit_errors(body, [&missing](const Object::Ptr& error) {
    if (string_member(error, "exceptionName").find(".NoSuch") != std::string::npos) {
      missing = true;
    }
  });
  return missing;
}

}  // namespace cib::bitbucket_dc
