#include "final_states.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace cib::test {
namespace {

using Poco::JSON::Object;

// The object at obj[k1][k2]..., or null.
Object::Ptr child(Object::Ptr obj, std::initializer_list<std::string> keys) {
  for (const auto& key : keys) {
    if (obj.isNull() || !obj->has(key) || !obj->isObject(key)) return nullptr;
    obj = obj->getObject(key);
  }
  return obj;
}

std::string text(const Object::Ptr& o, const std::string& key) {
  return o->optValue<std::string>(key, "");
}

// "[//]: # (cibatch:KEY)": how a comment on Bitbucket says which key it holds.
std::string marker(const std::string& key) {
  return "[//]: # (cibatch:" + key + ")";
}

ExpectedSlot slot_of(const Object::Ptr& op, const std::string& kind) {
  ExpectedSlot slot;
  slot.kind = kind;
  slot.repo = text(op, "repo");
  if (kind == "status") {
    slot.scope = text(op, "commit");
    slot.key = text(op, "key");
    slot.state = text(op, "state");
    slot.description = text(op, "description");
  } else if (kind == "comment") {
    slot.scope = std::to_string(op->optValue<long long>("pr", 0));
    slot.key = text(op, "key");
    slot.body = text(op, "body");
  } else {
    slot.scope = text(op, "commit");
    slot.key = text(op, "id");
    slot.result = text(op, "result");
    if (op->has("annotations")) {
      const auto list = op->getArray("annotations");
      for (std::size_t i = 0; i < list->size(); ++i) {
        const Object::Ptr a = list->getObject(static_cast<unsigned>(i));
        slot.annotations[text(a, "id")] = text(a, "summary");
      }
    }
  }
  return slot;
}

std::string status_problem(const ExpectedSlot& want, const Object::Ptr& state) {
  const Object::Ptr held = child(state, {"statuses", want.repo, want.scope, want.key});
  if (held.isNull()) return "the host holds none";
  if (text(held, "state") != want.state || text(held, "description") != want.description) {
    return "the host holds " + text(held, "state") + " \"" + text(held, "description") +
           "\", want " + want.state + " \"" + want.description + "\"";
  }
  return "";
}

std::string comment_problem(const ExpectedSlot& want, const Object::Ptr& state) {
  const Object::Ptr by_pr = child(state, {"comments", want.repo});
  std::vector<std::string> live;
  if (!by_pr.isNull() && by_pr->has(want.scope) && by_pr->isArray(want.scope)) {
    const auto list = by_pr->getArray(want.scope);
    for (std::size_t i = 0; i < list->size(); ++i) {
      const Object::Ptr c = list->getObject(static_cast<unsigned>(i));
      const std::string raw = text(c, "raw");
      if (!c->optValue<bool>("deleted", false) && raw.find(marker(want.key)) != std::string::npos) {
        live.push_back(raw);
      }
    }
  }
  if (live.size() != 1) return std::to_string(live.size()) + " live copies";
  if (live.front().rfind(want.body, 0) != 0) return "the host holds an older text";
  return "";
}

std::string report_problem(const ExpectedSlot& want, const Object::Ptr& state, std::size_t cap) {
  const Object::Ptr held = child(state, {"reports", want.repo, want.scope, want.key});
  if (held.isNull()) return "the host holds none";
  if (text(held, "result") != want.result) {
    return "result " + text(held, "result") + ", want " + want.result;
  }
  const Object::Ptr annotations = child(held, {"annotations"});
  const std::size_t held_count = annotations.isNull() ? 0 : annotations->size();
  const std::size_t want_count = std::min(want.annotations.size(), cap);
  if (held_count != want_count) {
    return std::to_string(held_count) + " annotations, want " + std::to_string(want_count);
  }
  if (annotations.isNull()) return "";
  for (const std::string& id : annotations->getNames()) {
    const auto it = want.annotations.find(id);
    if (it == want.annotations.end()) return "annotation " + id + " is not the trace's";
    const Object::Ptr a = annotations->getObject(id);
    if (a.isNull() || text(a, "summary") != it->second) return "annotation " + id + " is stale";
  }
  return "";
}

}  // namespace

std::string ExpectedSlot::name() const {
  const std::string where = kind == "comment" ? "#" + scope : "@" + scope.substr(0, 8);
  return kind + " " + repo + where + " " + key;
}

std::vector<ExpectedSlot> final_states_from_text(const std::string& jsonl) {
  std::vector<ExpectedSlot> slots;
  std::istringstream in(jsonl);
  std::string line;
  std::size_t line_no = 0;
  Poco::JSON::Parser parser;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Object::Ptr op;
    try {
      parser.reset();
      op = parser.parse(line).extract<Object::Ptr>();
    } catch (const std::exception& e) {
      throw std::runtime_error("trace line " + std::to_string(line_no) + ": " + e.what());
    }
    const std::string kind = text(op, "op");
    if (kind != "status" && kind != "comment" && kind != "report") continue;
    ExpectedSlot slot = slot_of(op, kind);
    const auto same = std::find_if(slots.begin(), slots.end(), [&](const ExpectedSlot& s) {
      return s.kind == slot.kind && s.repo == slot.repo && s.scope == slot.scope &&
             s.key == slot.key;
    });
    if (same == slots.end()) {
      slots.push_back(std::move(slot));
    } else {
      *same = std::move(slot);
    }
  }
  return slots;
}

std::vector<ExpectedSlot> final_states_of_trace(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text_of_file;
  text_of_file << in.rdbuf();
  return final_states_from_text(text_of_file.str());
}

FinalStateTally check_final_states(const std::vector<ExpectedSlot>& expected,
                                   const Object::Ptr& state, std::size_t annotation_cap) {
  FinalStateTally tally;
  for (const ExpectedSlot& want : expected) {
    ++tally.expected;
    std::string problem;
    if (want.kind == "status") {
      problem = status_problem(want, state);
    } else if (want.kind == "comment") {
      problem = comment_problem(want, state);
    } else {
      problem = report_problem(want, state, annotation_cap);
    }
    if (problem.empty()) {
      ++tally.delivered;
    } else {
      tally.problems.push_back(want.name() + ": " + problem);
    }
  }
  return tally;
}

void merge_tally(FinalStateTally& a, const FinalStateTally& b) {
  a.expected += b.expected;
  a.delivered += b.delivered;
  a.problems.insert(a.problems.end(), b.problems.begin(), b.problems.end());
}

}  // namespace cib::test
