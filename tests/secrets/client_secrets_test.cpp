// The library's scenarios run with recognisable secrets: a bearer token and a Sonar token
// written inline, a basic password from the environment through a 401 recheck, a Redis
// password in budget.shared (redis-server with requirepass), a private key in a token file.
// No log line, error message, delivery report, stats, budget or spool-check JSON, and no byte
// of the spool or budget files (with -wal and -shm) holds any of them; the inline ones are
// warned about by key.
#include <stdlib.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <string>
#include <vector>

#include "client_fixture.h"
#include "recording_client.h"
#include "redis_server.h"
#include "secret_values.h"
#include "temp_dir.h"

namespace cib::test {
namespace {

// Spool and budget under dir, flush-only batching, fast retries and a fast 401 recheck.
std::string files_yaml(const TempDir& dir) {
  return "  spool: { path: " + dir.file("spool.db") + ", sync: always }\n" +
         "  budget: { path: " + dir.file("budget.db") + " }\n";
}

std::string basic_auth(const std::string& yaml, const std::string& password) {
  std::string out = yaml;
  const std::string bearer = "auth: { type: bearer, token: \"" + secrets().token + "\" }";
  out.replace(
      out.find(bearer), bearer.size(),
      "auth: { type: basic, user: " + secrets().user + ", password: \"" + password + "\" }");
  return out;
}

// One status, one comment, one report with an annotation; then a flush.
void post_everything(RecordingClient& session, std::uint64_t tag) {
  session.status(kRepo, kCommit, "build", CIB_STATE_SUCCESSFUL, tag);
  session.comment(kRepo, 42, "coverage", "Coverage: 81 %", tag);
  const cib_annotation annotation{
      CIB_ANNOTATION_VERSION, "a1",    "src/main.c", 3, CIB_SEVERITY_LOW, CIB_FINDING_BUG,
      "unused variable",      nullptr, nullptr};
  const cib_annotation* annotations[] = {&annotation};
  const cib_report report{CIB_REPORT_VERSION,
                          kRepo.c_str(),
                          kCommit.c_str(),
                          "lint",
                          "Lint",
                          CIB_RESULT_PASSED,
                          nullptr,
                          nullptr,
                          nullptr,
                          nullptr,
                          0,
                          annotations,
                          1};
  char err[512] = "";
  BOOST_TEST_REQUIRE(
      cib_client_post_report(session.client(), &report, tag, 0, err, sizeof err) == CIB_OK, err);
  session.flush(tag, 20000);
}

// A SARIF analysis through cib_client_post_sonar: a report of its own.
void post_sonar(RecordingClient& session, std::uint64_t tag) {
  const char* sarif =
      "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"SonarQube\"}},"
      "\"results\":[{\"ruleId\":\"c:S1\",\"level\":\"warning\",\"message\":{\"text\":\"x\"},"
      "\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"src/a.c\"},"
      "\"region\":{\"startLine\":1}}}]}]}]}";
  cib_sonar sonar = CIB_SONAR_INIT;
  sonar.repo = kRepo.c_str();
  sonar.commit = kCommit.c_str();
  sonar.sarif = sarif;
  char err[512] = "";
  BOOST_TEST_REQUIRE(
      cib_client_post_sonar(session.client(), &sonar, tag, 0, err, sizeof err) == CIB_OK, err);
  session.flush(tag, 20000);
}

// Every word the library gave this client: log lines, delivery messages, stats, budget JSON.
void check_everything_said(RecordingClient& session, const std::string& scenario) {
  for (const std::string& line : session.log_lines()) check_clean(scenario + ": a log line", line);
  for (const Delivery& d : session.deliveries()) {
    check_clean(scenario + ": a delivery report", d.message + d.key + d.repo);
  }
  check_clean(scenario + ": the stats JSON", session.stats());
}

std::string client_budget_json(RecordingClient& session) {
  std::string json(65536, '\0');
  std::size_t needed = 0;
  char err[512] = "";
  BOOST_TEST_REQUIRE(cib_client_budget_json(session.client(), json.data(), json.size(), &needed,
                                            err, sizeof err) == CIB_OK,
                     err);
  json.resize(needed > 0 ? needed - 1 : 0);
  return json;
}

bool has_line(RecordingClient& session, const std::string& part) {
  for (const std::string& line : session.log_lines()) {
    if (line.find(part) != std::string::npos) return true;
  }
  return false;
}

std::size_t failed_with(RecordingClient& session, int http_status) {
  std::size_t n = 0;
  for (const Delivery& d : session.deliveries()) n += d.http_status == http_status ? 1 : 0;
  return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(client_secrets)

BOOST_AUTO_TEST_CASE(an_inline_token_is_warned_about_by_key_and_never_shown) {
  TempDir dir;
  ForgeSimOptions options;
  // Request 1 echoes the Authorization header back as JSON, 3 as text, 5 fails with 503.
  options.faults = "echo-auth@1,echo-auth-text@3,503@5";
  ForgeSim sim(options);
  const std::string yaml =
      client_yaml(sim, files_yaml(dir) + "  sonar: { token: \"" + secrets().key_line + "\" }\n",
                  secrets().token, kFlushOnly);
  {
    RecordingClient session(yaml);
    post_everything(session, 1);
    post_everything(session, 2);  // what the faults refused, sent again
    post_sonar(session, 3);
    BOOST_TEST(failed_with(session, 400) >= 2u);  // the echoes reached delivery reports
    BOOST_TEST(has_line(session, "host.auth.token: holds a secret written in the configuration"));
    BOOST_TEST(has_line(session, "sonar.token: holds a secret written in the configuration"));
    check_everything_said(session, "bearer");
    check_clean("the client's budget JSON", client_budget_json(session));
    session.close();
  }
  cibatch::Config conf;
  conf.load_yaml_text(yaml);
  check_clean("cib_config_get", conf.value("host.auth.token") + conf.value("sonar.token"));
  check_clean("cib_budget_json", cibatch::budget_json(conf));
  check_clean("the spool-check JSON", cibatch::spool_check(dir.file("spool.db")).json);
  check_database_clean(dir.file("spool.db"));
  check_database_clean(dir.file("budget.db"));
}

// Basic authentication whose password comes from the environment: the host refuses the first
// password (401); after transport.auth_recheck_ms the client reads the variable again.
BOOST_AUTO_TEST_CASE(a_basic_password_through_a_401_recheck_is_never_shown) {
  TempDir dir;
  ForgeSimOptions options;
  options.require_token = secrets().password;
  options.faults = "echo-auth@3";
  ForgeSim sim(options);
  ::setenv("CIB_SECRETS_PASSWORD", (secrets().password + "-old").c_str(), 1);
  const std::string yaml =
      basic_auth(client_yaml(sim, files_yaml(dir) + "  transport: { auth_recheck_ms: 200 }\n",
                             secrets().token, kFlushOnly),
                 "${CIB_SECRETS_PASSWORD}");
  {
    RecordingClient session(yaml);
    session.status(kRepo, kCommit, "build", CIB_STATE_SUCCESSFUL, 1);
    std::size_t left = 0;
    session.flush(1, 300, &left);  // the host answers 401: nothing is dropped
    BOOST_TEST(left == 1u);
    ::setenv("CIB_SECRETS_PASSWORD", secrets().password.c_str(), 1);
    post_everything(session, 1);
    post_everything(session, 2);
    BOOST_TEST(json_number(session.stats(), "failed") >= 0);
    BOOST_TEST(sim.stats()->getValue<int>("requests") > 3);
    BOOST_TEST(!has_line(session, "holds a secret written"));  // ${VARIABLE}: no warning
    check_everything_said(session, "basic");
    check_clean("the client's budget JSON", client_budget_json(session));
  }
  ::unsetenv("CIB_SECRETS_PASSWORD");
  check_clean("the spool-check JSON", cibatch::spool_check(dir.file("spool.db")).json);
  check_database_clean(dir.file("spool.db"));
  check_database_clean(dir.file("budget.db"));
}

// budget.shared with a password: the budget, leases and delivered records go through a Redis
// that requires it. A wrong password is refused without being quoted.
BOOST_AUTO_TEST_CASE(a_redis_password_is_warned_about_and_never_shown) {
  const SigpipeIgnored sigpipe;
  TempDir dir;
  RedisServer redis(secrets().redis_password);
  ForgeSimOptions options;
  options.faults = "echo-auth@2";
  ForgeSim sim(options);
  const std::string shared =
      "  budget: { path: " + dir.file("budget.db") + ", shared: \"" + redis.url() + "\" }\n";
  const std::string yaml =
      client_yaml(sim, "  spool: { path: " + dir.file("spool.db") + ", sync: always }\n" + shared,
                  secrets().token, kFlushOnly);
  {
    RecordingClient session(yaml);
    post_everything(session, 1);
    post_everything(session, 2);
    BOOST_TEST(has_line(session, "budget.shared: holds a secret written in the configuration"));
    check_everything_said(session, "redis");
    check_clean("the client's budget JSON", client_budget_json(session));
  }
  cibatch::Config conf;
  conf.load_yaml_text(yaml);
  check_clean("cib_config_get", conf.value("budget.shared"));
  check_clean("cib_budget_json", cibatch::budget_json(conf));
  check_database_clean(dir.file("spool.db"));
  // A wrong password: whatever the library says about it names no password.
  std::string wrong = redis.url();
  wrong.replace(wrong.find(secrets().redis_password), secrets().redis_password.size(),
                secrets().redis_password + "x");
  cibatch::Config bad;
  bad.load_yaml_text(client_yaml(
      sim,
      "  spool: { path: " + dir.file("spool2.db") + " }\n  budget: { shared: \"" + wrong + "\" }\n",
      secrets().token, kFlushOnly));
  try {
    check_clean("cib_budget_json (wrong password)", cibatch::budget_json(bad));
  } catch (const cibatch::Error& e) {
    check_clean("cib_budget_json's error (wrong password)", e.what());
  }
}

// A GitHub App's private key (host.kind github is not built yet) in the token file: refused as
// more than one line, naming the file, never the key; a line of it as sonar.token is warned
// about and never shown.
BOOST_AUTO_TEST_CASE(a_private_key_in_a_token_file_is_refused_without_being_shown) {
  TempDir dir;
  ForgeSim sim;
  std::ofstream(dir.file("app-key.pem")) << secrets().private_key;
  const std::string yaml = "cibatch:\n  host: { kind: bitbucket-cloud, api_url: " + sim.api_url() +
                           ", auth: { type: bearer, token_file: " + dir.file("app-key.pem") +
                           " } }\n" + files_yaml(dir);
  cibatch::Config conf;
  conf.load_yaml_text(yaml);
  try {
    conf.validate();
    BOOST_ERROR("a private key in a token file was accepted");
  } catch (const cibatch::Error& e) {
    check_clean("cib_config_validate's error", e.what());
    BOOST_TEST(std::string(e.what()).find("app-key.pem") != std::string::npos, e.what());
  }
  try {
    RecordingClient session(yaml);
    BOOST_ERROR("a client opened with a private key as its token");
  } catch (const cibatch::Error& e) {
    check_clean("cib_client_new's error", e.what());
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
