#include "capi_support.h"

#include <algorithm>
#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>
#include <cstdio>
#include <cstring>
#include <exception>
#include <sstream>

namespace cib::capi {
namespace {

// A message longer than this echoes an argument back instead of naming it.
constexpr std::size_t kLongestSensibleMessage = 1024;

constexpr const char* kCommit = "3f2c6b1e9a0d4c8b7e5f2a1d0c9b8a7f6e5d4c3b";

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

Errstr::Errstr() {
  // Not empty, so a call that writes nothing is told apart from one that writes "".
  std::snprintf(text_, sizeof text_, "%s", "(errstr not written)");
}

Expected any_of(cib_status a, cib_status b) {
  Expected expected(a);
  expected.statuses.push_back(b);
  return expected;
}

void check_refused(cib_status got, const Expected& want, const Errstr& errstr, const char* function,
                   const char* field) {
  const std::string message = errstr.str();
  const bool status_ok =
      std::find(want.statuses.begin(), want.statuses.end(), got) != want.statuses.end();
  std::string wanted;
  for (cib_status s : want.statuses) {
    wanted += std::string(wanted.empty() ? "" : " or ") + cib_status_name(s);
  }
  BOOST_TEST(status_ok, "returned " << cib_status_name(got) << ", expected " << wanted
                                    << "; errstr: " << message.substr(0, 200));
  BOOST_TEST(!message.empty(), "errstr is empty");
  BOOST_TEST(starts_with(message, std::string(function) + ": "),
             "errstr does not start with \"" << function << ": \": " << message.substr(0, 200));
  BOOST_TEST(message.find(field) != std::string::npos,
             "errstr does not name \"" << field << "\": " << message.substr(0, 200));
  BOOST_TEST(is_valid_utf8(message), "errstr is not valid UTF-8");
  BOOST_TEST(message.size() <= kLongestSensibleMessage,
             "errstr is " << message.size() << " bytes long: " << message.substr(0, 200));
}

void check_accepted(cib_status got, const Errstr& errstr) {
  BOOST_TEST(got == CIB_OK, "returned " << cib_status_name(got) << ": " << errstr.str());
  BOOST_TEST(errstr.str().empty(), "errstr not emptied on success: " << errstr.str());
}

bool is_valid_utf8(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    unsigned min = 0;
    if (lead < 0x80) {
      ++i;
      continue;
    } else if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
      min = 0x80;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      min = 0x800;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      min = 0x10000;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    unsigned code = lead & (0xffu >> (length + 1));
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xc0) != 0x80) return false;
      code = (code << 6) | (next & 0x3fu);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return false;
    i += length;
  }
  return true;
}

std::string repeated(std::size_t bytes, char c) {
  return std::string(bytes, c);
}

cib_build_status valid_status() {
  cib_build_status s = CIB_BUILD_STATUS_INIT;
  s.repo = "acme/web";
  s.commit = kCommit;
  s.key = "build";
  s.state = CIB_STATE_SUCCESSFUL;
  s.name = "Build";
  s.url = "https://ci.example/job/1";
  return s;
}

cib_comment valid_comment() {
  cib_comment c = CIB_COMMENT_INIT;
  c.repo = "acme/web";
  c.pr = 42;
  c.key = "coverage";
  c.body = "Coverage 81.2% (+0.4)";
  return c;
}

ValidReport::ValidReport() : report(CIB_REPORT_INIT) {
  for (std::size_t i = 0; i < kMaxReportData + 1; ++i) {
    data[i] = CIB_REPORT_DATA_INIT;
    data[i].title = "Coverage";
    data[i].type = CIB_DATA_PERCENTAGE;
    data[i].value = "81.2";
    data_ptrs[i] = &data[i];
  }
  for (std::size_t i = 0; i < 2; ++i) {
    annotations[i] = CIB_ANNOTATION_INIT;
    annotations[i].id = i == 0 ? "AX-1" : "AX-2";
    annotations[i].path = "src/main.c";
    annotations[i].line = 12;
    annotations[i].severity = CIB_SEVERITY_HIGH;
    annotations[i].type = CIB_FINDING_CODE_SMELL;
    annotations[i].summary = "Remove this unused variable";
    annotation_ptrs[i] = &annotations[i];
  }
  report.repo = "acme/web";
  report.commit = kCommit;
  report.id = "sonar";
  report.title = "SonarQube";
  report.result = CIB_RESULT_FAILED;
  report.data = data_ptrs;
  report.data_count = 1;
  report.annotations = annotation_ptrs;
  report.annotation_count = 2;
}

cibatch::Config quiet_config() {
  cibatch::Config config;
  const char* const settings[][2] = {
      {"host.kind", "bitbucket-cloud"},
      {"host.api_url", "http://127.0.0.1:9/2.0"},  // the discard port: nothing listens
      {"host.auth.token", "t"},
      {"batching.linger_ms", "600000"},
      {"batching.terminal_linger_ms", "600000"},
      {"batching.max_delay_ms", "600000"},
      {"shutdown.timeout_ms", "100"},
      {"spool.sync", "off"},  // these tests are about the ABI, not the spool
  };
  for (const auto& setting : settings) config.set(setting[0], setting[1]);
  return config;
}

cibatch::Client quiet_client() {
  return cibatch::Client(quiet_config());
}

std::int64_t stat_counter(const cibatch::Client& client, const std::string& name) {
  std::string json;
  try {
    json = client.stats_json();
  } catch (const cibatch::Error& e) {
    BOOST_ERROR("cib_client_stats_json: " << e.status_name() << ": " << e.what());
    return -1;
  }
  try {
    std::istringstream in(json);
    boost::property_tree::ptree tree;
    boost::property_tree::read_json(in, tree);
    return tree.get<std::int64_t>(name);
  } catch (const std::exception& e) {
    BOOST_ERROR("stats JSON has no counter \"" << name << "\": " << e.what() << ": " << json);
    return -1;
  }
}

}  // namespace cib::capi
