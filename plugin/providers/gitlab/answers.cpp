#include "providers/gitlab/answers.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

#include <functional>
#include <sstream>
#include <stdexcept>

namespace cib::gitlab {

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

Object::Ptr as_object(const Var& value, const char* what) {
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
    visit(as_object(array->get(static_cast<unsigned>(i)), what));
  }
}

NoteAnswer note_from(const Object::Ptr& object) {
  if (!object->has("id") || object->isNull("id") || !object->get("id").isInteger()) {
    throw std::runtime_error("the note in the answer has no numeric id");
  }
  NoteAnswer note;
  note.id = object->get("id").toString();
  if (object->has("body") && !object->isNull("body")) note.body = object->get("body").toString();
  return note;
}

}  // namespace

NoteAnswer read_note(const std::string& body) {
  try {
    return note_from(as_object(parse(body), "note"));
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("unexpected note JSON: " + e.displayText());
  }
}

std::vector<NoteAnswer> read_notes(const std::string& body) {
  std::vector<NoteAnswer> notes;
  try {
    for_each_object(body, "notes",
                    [&notes](const Object::Ptr& note) { notes.push_back(note_from(note)); });
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("unexpected notes JSON: " + e.displayText());
  }
  return notes;
}

std::vector<MergeRequestAnswer> read_merge_requests(const std::string& body) {
  std::vector<MergeRequestAnswer> merge_requests;
  try {
    for_each_object(body, "merge requests", [&merge_requests](const Object::Ptr& object) {
      MergeRequestAnswer mr;
      mr.iid = object->getValue<Poco::Int64>("iid");
      mr.state = object->optValue<std::string>("state", "");
      merge_requests.push_back(mr);
    });
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("unexpected merge requests JSON: " + e.displayText());
  }
  return merge_requests;
}

std::string error_message(const std::string& body) {
  try {
    const Var value = parse(body);
    if (value.type() != typeid(Object::Ptr)) return "";
    const Object::Ptr object = value.extract<Object::Ptr>();
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

std::string transition_from_state(const std::string& message) {
  static const std::string kStart = "Cannot transition status via :";
  if (message.compare(0, kStart.size(), kStart) != 0) return "";
  const std::string from = " from :";
  const auto at = message.find(from, kStart.size());
  if (at == std::string::npos) return "";
  const auto begin = at + from.size();
  auto end = begin;
  while (end < message.size() &&
         ((message[end] >= 'a' && message[end] <= 'z') || message[end] == '_'))
    ++end;
  return message.substr(begin, end - begin);
}

}  // namespace cib::gitlab
