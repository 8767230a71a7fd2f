#include "sim_state.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace cib::test {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::string join(const std::string& a, const std::string& b, const std::string& c) {
  return a + "|" + b + "|" + c;
}

// The object at obj[k1][k2]..., or null.
Object::Ptr child(Object::Ptr obj, std::initializer_list<std::string> keys) {
  for (const auto& key : keys) {
    if (obj.isNull() || !obj->has(key)) return nullptr;
    obj = obj->getObject(key);
  }
  return obj;
}

std::string marker(const std::string& key) {
  return "[//]: # (cibatch:" + key + ")";
}

// A host without an annotation details field (Data Center) sends the summary, a blank line and
// the details as one message.
bool summary_matches(const std::string& held, const std::string& summary) {
  return held == summary || held.rfind(summary + "\n\n", 0) == 0;
}

// A GitHub check run's annotations carry no id of the finding: each wanted summary must match
// one held annotation of its own (so a finding sent twice or left out shows).
void compare_unnamed_annotations(const Object::Ptr& held,
                                 const std::map<std::string, std::string>& wanted,
                                 const std::string& what, std::vector<std::string>& diffs) {
  std::vector<std::string> unmatched;
  if (!held.isNull()) {
    for (const auto& name : held->getNames()) {
      unmatched.push_back(held->getObject(name)->getValue<std::string>("summary"));
    }
  }
  for (const auto& [id, summary] : wanted) {
    const auto found = std::find_if(unmatched.begin(), unmatched.end(), [&](const auto& text) {
      return summary_matches(text, summary);
    });
    if (found == unmatched.end()) {
      diffs.push_back(what + ": annotation " + id + " missing or stale");
    } else {
      unmatched.erase(found);
    }
  }
}

void split3(const std::string& joined, std::string& a, std::string& b, std::string& c) {
  const auto p1 = joined.find('|');
  const auto p2 = joined.find('|', p1 + 1);
  a = joined.substr(0, p1);
  b = joined.substr(p1 + 1, p2 - p1 - 1);
  c = joined.substr(p2 + 1);
}

}  // namespace

DesiredState desired_from_trace(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  DesiredState want;
  std::string line;
  Poco::JSON::Parser parser;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    parser.reset();
    const auto op = parser.parse(line).extract<Object::Ptr>();
    const std::string kind = op->getValue<std::string>("op");
    if (kind == "status") {
      want.statuses[join(op->getValue<std::string>("repo"), op->getValue<std::string>("commit"),
                         op->getValue<std::string>("key"))] = op->getValue<std::string>("state");
    } else if (kind == "comment") {
      want.comments[join(op->getValue<std::string>("repo"),
                         std::to_string(op->getValue<long>("pr")),
                         op->getValue<std::string>("key"))] = op->getValue<std::string>("body");
    } else if (kind == "report") {
      const std::string slot =
          join(op->getValue<std::string>("repo"), op->getValue<std::string>("commit"),
               op->getValue<std::string>("id"));
      want.report_results[slot] = op->getValue<std::string>("result");
      auto& annotations = want.report_annotations[slot];
      annotations.clear();
      if (op->has("annotations")) {
        const auto list = op->getArray("annotations");
        for (std::size_t i = 0; i < list->size(); ++i) {
          const auto a = list->getObject(static_cast<unsigned>(i));
          annotations[a->getValue<std::string>("id")] = a->getValue<std::string>("summary");
        }
      }
    }
  }
  return want;
}

int comments_with_key(const Object::Ptr& sim, const std::string& repo, long pr,
                      const std::string& key) {
  const auto by_repo = child(sim, {"comments", repo});
  if (by_repo.isNull() || !by_repo->has(std::to_string(pr))) return 0;
  const auto list = by_repo->getArray(std::to_string(pr));
  int found = 0;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto c = list->getObject(static_cast<unsigned>(i));
    if (c->optValue<bool>("deleted", false)) continue;
    if (c->getValue<std::string>("raw").find(marker(key)) != std::string::npos) ++found;
  }
  return found;
}

std::vector<std::string> compare_state(const Object::Ptr& sim, const DesiredState& want) {
  std::vector<std::string> diffs;
  std::string a, b, c;
  for (const auto& [slot, state] : want.statuses) {
    split3(slot, a, b, c);
    const auto status = child(sim, {"statuses", a, b, c});
    const std::string held = status.isNull() ? "(none)" : status->getValue<std::string>("state");
    if (held != state) diffs.push_back("status " + slot + ": host " + held + ", want " + state);
  }
  for (const auto& [slot, body] : want.comments) {
    split3(slot, a, b, c);
    const int copies = comments_with_key(sim, a, std::stol(b), c);
    if (copies != 1) {
      diffs.push_back("comment " + slot + ": " + std::to_string(copies) + " live copies");
      continue;
    }
    const auto list = child(sim, {"comments", a})->getArray(b);
    for (std::size_t i = 0; i < list->size(); ++i) {
      const auto comment = list->getObject(static_cast<unsigned>(i));
      const std::string raw = comment->getValue<std::string>("raw");
      if (comment->optValue<bool>("deleted", false) || raw.find(marker(c)) == std::string::npos) {
        continue;
      }
      if (raw.rfind(body, 0) != 0) diffs.push_back("comment " + slot + ": stale text");
    }
  }
  for (const auto& [slot, annotations] : want.report_annotations) {
    split3(slot, a, b, c);
    const auto report = child(sim, {"reports", a, b, c});
    if (report.isNull()) {
      diffs.push_back("report " + slot + ": missing");
      continue;
    }
    if (report->getValue<std::string>("result") != want.report_results.at(slot)) {
      diffs.push_back("report " + slot + ": result differs");
    }
    const auto held = report->getObject("annotations");
    const std::size_t held_count = held.isNull() ? 0 : held->size();
    if (held_count != annotations.size()) {
      diffs.push_back("report " + slot + ": " + std::to_string(held_count) + " annotations, want " +
                      std::to_string(annotations.size()));
    }
    if (report->has("check_run_id")) {
      compare_unnamed_annotations(held, annotations, "report " + slot, diffs);
      continue;
    }
    for (const auto& [id, summary] : annotations) {
      const auto annotation = child(report, {"annotations", id});
      if (annotation.isNull()) {
        diffs.push_back("report " + slot + ": annotation " + id + " missing");
      } else if (!summary_matches(annotation->getValue<std::string>("summary"), summary)) {
        diffs.push_back("report " + slot + ": annotation " + id + " is stale");
      }
    }
  }
  return diffs;
}

}  // namespace cib::test
