#include "providers/json_answers.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

#include <functional>
#include <sstream>
#include <stdexcept>

#include "providers/json_text.h"

namespace cib {

namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

Var parse(const std::string& body) {
  try {
    Poco::JSON::Parser parser;
    return parser.parse(body);
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("the answer is not JSON: " + e.displayText());
  }
}

Object::Ptr element_object(const Var& value, const char* what) {
  if (value.type() != typeid(Object::Ptr)) {
    throw std::runtime_error(std::string("the answer's ") + what + " is not a JSON object");
  }
  return value.extract<Object::Ptr>();
}

// Hands each object of the JSON array in `body` to `visit`.
void for_each_object(const std::string& body, const char* what,
                     const std::function<void(const Object::Ptr&)>& visit) {
  const Var value = parse(body);
  if (value.type() != typeid(Array::Ptr)) {
    throw std::runtime_error(std::string("the answer is not a JSON array of ") + what);
  }
  const Array::Ptr array = value.extract<Array::Ptr>();
  for (std::size_t i = 0; i < array->size(); ++i) {
    visit(element_object(array->get(static_cast<unsigned>(i)), what));
  }
}

HostComment comment_from(const Object::Ptr& object) {
  if (!object->has("id") || object->isNull("id") || !object->get("id").isInteger()) {
    throw std::runtime_error("the comment in the answer has no numeric id");
  }
  HostComment note;
  note.id = object->get("id").toString();
  note.body = string_member(object, "body");
  return note;
}

}  // namespace

HostComment read_host_comment(const std::string& body) {
  try {
    return comment_from(parse_json_object(body));
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("unexpected note JSON: " + e.displayText());
  }
}

std::vector<HostComment> read_host_comments(const std::string& body) {
  std::vector<HostComment> notes;
  try {
    for_each_object(body, "notes",
                    [&notes](const Object::Ptr& note) { notes.push_back(comment_from(note)); });
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("unexpected notes JSON: " + e.displayText());
  }
  return notes;
}

std::vector<NumberedThread> read_threads(const std::string& body, const char* number_field) {
  std::vector<NumberedThread> threads;
  try {
    for_each_object(body, "threads", [&threads, number_field](const Object::Ptr& object) {
      NumberedThread thread;
      thread.number = object->getValue<Poco::Int64>(number_field);
      thread.state = object->optValue<std::string>("state", "");
      threads.push_back(thread);
    });
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("unexpected list JSON: " + e.displayText());
  }
  return threads;
}

std::string error_message(const std::string& body) {
  try {
    const Object::Ptr object = parse_json_object(body);
    if (!object->has("message") || object->isNull("message")) return "";
    const Var message = object->get("message");
    if (message.isString()) return message.toString();
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(message, out);
    return out.str();
  } catch (const std::exception&) {
    return "";  // a proxy's page, say
  }
}

}  // namespace cib
