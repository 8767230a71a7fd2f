#include "op_json.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "protocol_json.h"
#include "trace_fields.h"

namespace cib::cli {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

// Optional fields are left out when empty, as a trace writes them.
void put(Object& o, const char* name, const std::string& value) {
  if (!value.empty()) o.set(name, value);
}

Object op_object(const char* op, const std::string& repo) {
  Object o;
  o.set("op", std::string(op));
  o.set("repo", repo);
  return o;
}

Object annotation_object(const trace::AnnotationOp& a) {
  Object o;
  o.set("id", a.id);
  put(o, "path", a.path);
  if (a.line > 0) o.set("line", a.line);
  o.set("severity", a.severity);
  o.set("type", a.type);
  o.set("summary", a.summary);
  put(o, "details", a.details);
  put(o, "link", a.link);
  return o;
}

}  // namespace

std::string op_json(const trace::StatusOp& op) {
  Object o = op_object("status", op.repo);
  o.set("commit", op.commit);
  o.set("key", op.key);
  o.set("state", op.state);
  put(o, "name", op.name);
  put(o, "url", op.url);
  put(o, "description", op.description);
  put(o, "ref", op.ref);
  return agent::json::to_text(o);
}

std::string op_json(const trace::CommentOp& op) {
  Object o = op_object("comment", op.repo);
  o.set("pr", static_cast<Poco::Int64>(op.pr));
  o.set("key", op.key);
  o.set("body", op.body);
  return agent::json::to_text(o);
}

std::string op_json(const trace::ReportOp& op) {
  Object o = op_object("report", op.repo);
  o.set("commit", op.commit);
  o.set("id", op.id);
  o.set("title", op.title);
  o.set("result", op.result);
  put(o, "details", op.details);
  put(o, "link", op.link);
  put(o, "reporter", op.reporter);
  Array data;
  for (const trace::ReportDataOp& d : op.data) {
    Object item;
    item.set("title", d.title);
    item.set("type", d.type);
    item.set("value", d.value);
    data.add(item);
  }
  if (data.size() > 0) o.set("data", data);
  Array annotations;
  for (const trace::AnnotationOp& a : op.annotations) annotations.add(annotation_object(a));
  if (annotations.size() > 0) o.set("annotations", annotations);
  return agent::json::to_text(o);
}

std::string sonar_texts_json(const trace::SonarOp& op, const std::vector<std::string>& pages,
                             const std::string& gate, const std::string& measures,
                             const std::string& sarif) {
  Object o = op_object("sonar", op.repo);
  o.set("commit", op.commit);
  if (op.pr > 0) o.set("pr", static_cast<Poco::Int64>(op.pr));
  put(o, "id", op.id);
  Array issues;
  for (const std::string& page : pages) issues.add(page);
  if (issues.size() > 0) o.set("issues", issues);
  put(o, "gate", gate);
  put(o, "measures", measures);
  put(o, "sarif", sarif);
  return agent::json::to_text(o);
}

std::string sonar_task_json(const std::string& repo, const std::string& commit, std::int64_t pr,
                            const std::string& report_task) {
  Object o = op_object("sonar_task", repo);
  o.set("commit", commit);
  o.set("pr", static_cast<Poco::Int64>(pr));
  o.set("report_task", report_task);
  return agent::json::to_text(o);
}

bool is_sonar_task(const std::string& post_json) {
  try {
    Poco::JSON::Parser parser;
    const Object::Ptr o = parser.parse(post_json).extract<Object::Ptr>();
    return o->has("op") && o->get("op").isString() &&
           o->getValue<std::string>("op") == "sonar_task";
  } catch (const Poco::Exception&) {
    return false;  // trace::parse_op_json then says what is wrong
  }
}

SonarTaskPost parse_sonar_task(const std::string& post_json) {
  try {
    Poco::JSON::Parser parser;
    const Object::Ptr o = parser.parse(post_json).extract<Object::Ptr>();
    for (const auto& member : *o) {
      const std::string& n = member.first;
      if (n != "op" && n != "repo" && n != "commit" && n != "pr" && n != "report_task") {
        throw trace::TraceError("sonar_task: unknown field \"" + n + "\"");
      }
    }
    SonarTaskPost post{o->getValue<std::string>("repo"), o->getValue<std::string>("commit"),
                       o->has("pr") ? o->getValue<Poco::Int64>("pr") : 0,
                       o->getValue<std::string>("report_task")};
    if (post.pr < 0) throw trace::TraceError("sonar_task: pr: expected 0 or more");
    return post;
  } catch (const Poco::Exception& e) {
    throw trace::TraceError(
        "sonar_task: expected string fields repo, commit, report_task and an "
        "integer pr (" +
        e.message() + ")");
  }
}

}  // namespace cib::cli
