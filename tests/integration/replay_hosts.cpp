#include "replay_hosts.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>

#include "report_threads.h"
#include "trace_reader.h"

namespace cib::test {
namespace {

constexpr const char* kGitHubAppId = "4242";
constexpr const char* kInstallationId = "77";

// A fresh RSA key pair for the App: the private key for cibatch, the public one for the
// simulator, which verifies the App's JWT with it.
void write_app_key_pair(const std::string& private_path, const std::string& public_path) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(2048), EVP_PKEY_free);
  if (!key) throw std::runtime_error("cannot make an RSA key");
  const auto write = [&](const std::string& path, bool secret) {
    std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new_file(path.c_str(), "w"), BIO_free);
    const int ok = !out     ? 0
                   : secret ? PEM_write_bio_PrivateKey(out.get(), key.get(), nullptr, nullptr, 0,
                                                       nullptr, nullptr)
                            : PEM_write_bio_PUBKEY(out.get(), key.get());
    if (ok != 1) throw std::runtime_error("cannot write " + path);
  };
  write(private_path, true);
  write(public_path, false);
}

std::string auth_lines(const ReplayHost& host, const TempDir& dir) {
  if (!host.github_app) return "    auth: { type: bearer, token: \"replay-test-token\" }\n";
  return std::string("    auth:\n      type: github-app\n      app_id: ") + kGitHubAppId +
         "\n      installation_id: " + kInstallationId + "\n      private_key_file: \"" +
         dir.file("app-key.pem") + "\"\n";
}

// The path of the simulator's control endpoint that declares a commit's pull request.
std::string pulls_control(const ReplayHost& host) {
  // GitHub's name is to be confirmed when its simulator lands.
  return host.kind == "gitlab" ? "/_sim/gitlab/merge_requests" : "/_sim/github/pulls";
}

// The text of the one live comment of report `id` on the PR, or "" with an error.
std::string report_comment(const ForgeSim& sim, const std::string& repo, long pr,
                           const std::string& id) {
  const std::string key = "report-" + id;
  const auto state = sim.state();
  const int copies = comments_with_key(state, repo, pr, key);
  if (copies != 1) {
    BOOST_ERROR("report " << id << ": " << copies << " live comments on PR " << pr);
    return "";
  }
  const auto list = state->getObject("comments")->getObject(repo)->getArray(std::to_string(pr));
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto comment = list->getObject(static_cast<unsigned>(i));
    const std::string raw = comment->getValue<std::string>("raw");
    if (!comment->optValue<bool>("deleted", false) &&
        raw.find("cibatch:" + key) != std::string::npos) {
      return raw;
    }
  }
  return "";
}

// Each report comment shows the newest result, and every finding when there are at most 50
// (beyond that, the 50 most severe).
void check_report_comments(const ForgeSim& sim, const std::string& trace,
                           const DesiredState& want) {
  const bench::ReportThreads threads = bench::report_threads(trace::read_trace_file(trace));
  for (const auto& [slot, result] : want.report_results) {
    const auto first = slot.find('|'), second = slot.find('|', first + 1);
    const std::string repo = slot.substr(0, first);
    const std::string commit = slot.substr(first + 1, second - first - 1);
    const long pr = static_cast<long>(bench::report_thread(threads, repo, commit));
    const std::string text = report_comment(sim, repo, pr, slot.substr(second + 1));
    BOOST_TEST_CONTEXT("report " << slot) {
      BOOST_TEST(text.find(": " + result + "\n") != std::string::npos);
      const auto& findings = want.report_annotations.at(slot);
      if (findings.size() > 50) continue;
      for (const auto& [annotation, summary] : findings) {
        BOOST_TEST(text.find(summary) != std::string::npos, annotation << " shown");
      }
    }
  }
}

}  // namespace

const std::vector<ReplayHost>& replay_hosts() {
  static const std::vector<ReplayHost> hosts{
      {"bitbucket-cloud", "/2.0", ReportPlace::report, false},
      {"bitbucket-dc", "", ReportPlace::report, false},
      {"github", "", ReportPlace::report, true},
      {"gitlab", "/api/v4", ReportPlace::comment, false},
  };
  return hosts;
}

const ReplayHost& replay_host(const std::string& kind) {
  for (const ReplayHost& host : replay_hosts()) {
    if (host.kind == kind) return host;
  }
  throw std::invalid_argument("no replay host " + kind);
}

std::vector<std::string> bundled_traces() {
  std::vector<std::string> traces;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(CIB_SOURCE_DIR) + "/tests/traces")) {
    if (entry.path().extension() == ".jsonl") traces.push_back(entry.path().string());
  }
  std::sort(traces.begin(), traces.end());
  return traces;
}

ForgeSimOptions replay_sim_options(const ReplayHost& host, const TempDir& dir,
                                   const std::string& report_put) {
  ForgeSimOptions options;
  if (host.kind != "bitbucket-cloud") options.host = host.kind;
  options.report_put = report_put;
  if (host.github_app) {
    write_app_key_pair(dir.file("app-key.pem"), dir.file("app-key.pub.pem"));
    options.extra_args = {"--github-app-id", kGitHubAppId, "--github-app-public-key",
                          dir.file("app-key.pub.pem")};
  }
  return options;
}

// GitHub's budget spaces writes a second apart by default, so a slow trace's contents coalesce
// further than the debounce alone would: fewer requests than the floor, which models the
// debounce. The replay turns the spacing off to hold cibatch to the floor exactly.
std::string pacing(const ReplayHost& host) {
  return host.kind == "github" ? ", github: { write_spacing_ms: 0 }" : "";
}

std::string write_replay_config(const ReplayHost& host, const ForgeSim& sim, const TempDir& dir) {
  const std::string path = dir.file("pipeline.yml");
  std::ofstream(path) << "cibatch:\n  host:\n    kind: " << host.kind
                      << "\n    api_url: " << sim.origin() << host.api_path << "\n"
                      << auth_lines(host, dir) << "  spool: { path: \"" << dir.file("spool.db")
                      << "\" }\n"
                      << "  budget: { path: \"" << dir.file("budget.db") << "\"" << pacing(host)
                      << " }\n";
  return path;
}

void declare_pull_requests(const ReplayHost& host, const ForgeSim& sim, const std::string& trace) {
  if (host.kind != "gitlab" && host.kind != "github") return;
  const std::string field = host.kind == "gitlab" ? "iid" : "number";
  for (const auto& [commit, pr] : bench::report_threads(trace::read_trace_file(trace))) {
    sim.control("POST", pulls_control(host),
                R"({"repo":")" + commit.first + R"(","sha":")" + commit.second + R"(",")" + field +
                    R"(":)" + std::to_string(pr) + "}");
  }
}

void check_reports(const ReplayHost& host, const ForgeSim& sim, const std::string& trace,
                   DesiredState& want) {
  if (host.reports == ReportPlace::report) return;  // compare_state compares them
  check_report_comments(sim, trace, want);
  want.report_results.clear();
  want.report_annotations.clear();
}

bench::FloorResult host_floor(const ReplayHost& host, const std::string& trace) {
  bench::FloorSettings settings;
  settings.host = host.kind;
  settings.github_checks = host.reports == ReportPlace::report;
  return bench::compute_trace_floor(trace, settings);
}

}  // namespace cib::test
