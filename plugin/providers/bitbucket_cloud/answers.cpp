#include "providers/bitbucket_cloud/answers.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

#include <stdexcept>

namespace cib::bitbucket_cloud {

namespace {

using Poco::JSON::Object;

Object::Ptr parse_object(const std::string& body) {
  try {
    Poco::JSON::Parser parser;
    Object::Ptr object = parser.parse(body).extract<Object::Ptr>();
    if (!object) throw std::runtime_error("the answer is not a JSON object");
    return object;
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("the answer is not a JSON object: " + e.displayText());
  } catch (const std::bad_cast&) {
    throw std::runtime_error("the answer is not a JSON object");
  }
}

std::string string_member(const Object::Ptr& object, const std::string& name) {
  if (!object || !object->has(name) || object->isNull(name)) return "";
  return object->get(name).toString();
}

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

}  // namespace

CommentAnswer read_comment(const std::string& body) {
  try {
    return comment_from(parse_object(body));
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("unexpected comment JSON: " + e.displayText());
  }
}

CommentPage read_comment_page(const std::string& body) {
  try {
    const Object::Ptr page_object = parse_object(body);
    CommentPage page;
    page.next = string_member(page_object, "next");
    const Poco::JSON::Array::Ptr values = page_object->getArray("values");
    if (!values) throw std::runtime_error("the page has no values");
    for (std::size_t i = 0; i < values->size(); ++i) {
      const Object::Ptr comment = values->getObject(static_cast<unsigned>(i));
      if (comment) page.comments.push_back(comment_from(comment));
    }
    return page;
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("unexpected page JSON: " + e.displayText());
  }
}

std::string error_text(const std::string& body) {
  try {
    const Object::Ptr error = parse_object(body)->getObject("error");
    const std::string message = string_member(error, "message");
    if (!message.empty()) {
      const std::string detail = string_member(error, "detail");
      return detail.empty() || detail == message ? message : message + " (" + detail + ")";
    }
  } catch (const std::exception&) {
    // Not Bitbucket's error JSON (a proxy's page, say): fall back to the raw text.
  }
  return body.substr(0, 200);
}

}  // namespace cib::bitbucket_cloud
