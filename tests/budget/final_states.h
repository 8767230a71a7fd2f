// The newest content a trace asks for, per slot, and how much of it the host ends up holding.
// "Delivered" means the simulator's /_sim/state holds exactly the trace's last content of the
// slot: a status's state and description, a comment's body in one live keyed comment, a
// report's result and its annotations (all of them, or the host's cap of them).
#pragma once

#include <Poco/JSON/Object.h>

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace cib::test {

struct ExpectedSlot {
  std::string kind;  // "status", "comment" or "report"
  std::string repo;
  std::string scope;               // the commit (status, report) or the PR number (comment)
  std::string key;                 // status key, comment key or report id
  std::string state, description;  // status
  std::string body;                // comment
  std::string result;              // report
  std::map<std::string, std::string> annotations;  // report: external id -> summary

  std::string name() const;  // "status team/svc-1@0a1b2c3d build", for messages
};

// The last content of every slot a trace (JSON Lines) writes, in order of first appearance.
// Throws std::runtime_error naming the line when a line is not a JSON object.
std::vector<ExpectedSlot> final_states_from_text(const std::string& jsonl);
// The same, read from a file; throws std::runtime_error when it cannot be read.
std::vector<ExpectedSlot> final_states_of_trace(const std::string& path);

struct FinalStateTally {
  std::size_t expected = 0;
  std::size_t delivered = 0;
  std::vector<std::string> problems;  // one sentence per slot the host does not hold
};

// Compares the simulator's state with the expected slots. A report with more annotations than
// annotation_cap counts as delivered when the host holds annotation_cap of them, each one of the
// trace's with its summary.
FinalStateTally check_final_states(const std::vector<ExpectedSlot>& expected,
                                   const Poco::JSON::Object::Ptr& state,
                                   std::size_t annotation_cap);

// Adds b's figures and problems to a.
void merge_tally(FinalStateTally& a, const FinalStateTally& b);

}  // namespace cib::test
