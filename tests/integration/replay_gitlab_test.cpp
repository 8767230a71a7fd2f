// `cibatch replay` of every bundled trace with `host.kind: gitlab` against forge-sim playing
// GitLab: every status and keyed comment ends at its newest content, every report (SonarQube's
// too) is one note on the commit's merge request holding the newest result and findings, and
// no request breaks GitLab's API description.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <map>
#include <set>

#include "cli_run.h"
#include "forge_sim.h"
#include "sim_state.h"
#include "temp_dir.h"

namespace cib::test {
namespace {

const std::string kTraces = std::string(CIB_SOURCE_DIR) + "/tests/traces/";

std::string write_gitlab_config(const TempDir& dir, const ForgeSim& sim) {
  const std::string path = dir.file("pipeline.yml");
  std::ofstream(path) << "cibatch:\n  host:\n    kind: gitlab\n    api_url: " << sim.api_url()
                      << "\n    auth: { type: bearer, token: \"gitlab-replay-token\" }\n"
                      << "  spool: { path: \"" << dir.file("spool.db") << "\" }\n";
  return path;
}

// The merge request each commit with a report belongs to: a `sonar` op's pr, else the trace's
// first commented PR, else 1. The simulator is told, as GitLab would know it.
std::map<std::string, long> merge_requests_of(const std::string& trace) {
  std::map<std::string, long> commits;  // "repo|commit" -> iid, 0 until known
  long first_pr = 0;
  std::ifstream in(trace);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const auto op = Poco::JSON::Parser().parse(line).extract<Poco::JSON::Object::Ptr>();
    const std::string kind = op->optValue<std::string>("op", "");
    if (kind == "comment" && first_pr == 0) first_pr = op->getValue<long>("pr");
    if (kind != "report" && kind != "sonar") continue;
    long& iid =
        commits[op->getValue<std::string>("repo") + "|" + op->getValue<std::string>("commit")];
    if (iid == 0) iid = op->optValue<long>("pr", 0);
  }
  for (auto& [commit, iid] : commits) {
    if (iid == 0) iid = first_pr > 0 ? first_pr : 1;
  }
  return commits;
}

void declare_merge_requests(const ForgeSim& sim, const std::map<std::string, long>& commits) {
  for (const auto& [slot, iid] : commits) {
    const auto bar = slot.find('|');
    sim.control("POST", "/_sim/gitlab/merge_requests",
                R"({"repo":")" + slot.substr(0, bar) + R"(","sha":")" + slot.substr(bar + 1) +
                    R"(","iid":)" + std::to_string(iid) + "}");
  }
}

// The one live note of report `id` on merge request `iid`, or "" with an error.
std::string report_note(const ForgeSim& sim, const std::string& repo, long iid,
                        const std::string& id) {
  const std::string key = "report-" + id;
  const int copies = comments_with_key(sim.state(), repo, iid, key);
  if (copies != 1) {
    BOOST_ERROR("report " << id << ": " << copies << " live notes on !" << iid);
    return "";
  }
  const auto list =
      sim.state()->getObject("comments")->getObject(repo)->getArray(std::to_string(iid));
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto note = list->getObject(static_cast<unsigned>(i));
    const std::string raw = note->getValue<std::string>("raw");
    if (!note->optValue<bool>("deleted", false) &&
        raw.find("cibatch:" + key) != std::string::npos) {
      return raw;
    }
  }
  return "";
}

void check_reports(const ForgeSim& sim, const DesiredState& want,
                   const std::map<std::string, long>& merge_requests) {
  std::string repo, commit, id;
  for (const auto& [slot, result] : want.report_results) {
    const auto first = slot.find('|'), second = slot.find('|', first + 1);
    repo = slot.substr(0, first);
    commit = slot.substr(first + 1, second - first - 1);
    id = slot.substr(second + 1);
    const std::string note = report_note(sim, repo, merge_requests.at(repo + "|" + commit), id);
    BOOST_TEST_CONTEXT("report " << slot) {
      BOOST_TEST(note.find(": " + result + "\n") != std::string::npos);
      const auto& findings = want.report_annotations.at(slot);
      // The note shows the 50 most severe findings; all of them when there are no more.
      if (findings.size() > 50) continue;
      for (const auto& [annotation, summary] : findings) {
        BOOST_TEST(note.find(summary) != std::string::npos, annotation << " shown");
      }
    }
  }
}

void check_gitlab_trace(const std::string& name) {
  ForgeSimOptions options;
  options.host = "gitlab";
  ForgeSim sim(options);
  TempDir dir;
  const std::string trace = kTraces + name;
  const auto merge_requests = merge_requests_of(trace);
  declare_merge_requests(sim, merge_requests);

  const Replay run = replay(trace, write_gitlab_config(dir, sim));
  BOOST_TEST_INFO("replay output:\n" << run.output);
  BOOST_TEST(run.exit_code == 0);
  BOOST_TEST(run.summary->getValue<long>("undelivered") == 0);
  BOOST_TEST(sim.stats()->getValue<long>("invalid") == 0);
  BOOST_TEST_MESSAGE(name << " on gitlab: " << run.summary->getValue<long>("calls") << " calls, "
                          << sim.stats()->getValue<long>("requests") << " requests");
  DesiredState want = desired_from_trace(trace);
  check_reports(sim, want, merge_requests);
  want.report_results.clear();  // GitLab holds them as notes, checked above
  want.report_annotations.clear();
  for (const auto& diff : compare_state(sim.state(), want)) BOOST_ERROR(diff);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(replay_gitlab)

BOOST_AUTO_TEST_CASE(pr_pipeline_on_gitlab) {
  check_gitlab_trace("pr-pipeline.jsonl");
}

BOOST_AUTO_TEST_CASE(flapping_key_on_gitlab) {
  check_gitlab_trace("flapping.jsonl");
}

BOOST_AUTO_TEST_CASE(sonar_reanalysis_on_gitlab) {
  check_gitlab_trace("sonar-reanalysis.jsonl");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
