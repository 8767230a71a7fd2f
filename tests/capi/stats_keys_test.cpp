// cib_client_stats_json documents every key it emits, and emits every key it documents: the
// header comment above it is read here and compared with the JSON of a real client.
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "capi_support.h"

namespace cib::capi {
namespace {

// Every quoted name in `text` matched by `pattern`'s first group.
std::set<std::string> names_in(const std::string& text, const std::regex& pattern) {
  std::set<std::string> names;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern);
       it != std::sregex_iterator(); ++it) {
    names.insert((*it)[1].str());
  }
  return names;
}

// The comment right above cib_client_stats_json's declaration in the public header.
std::string documented_stats_comment() {
  std::ifstream in(std::string(CIB_SOURCE_DIR) + "/abi/include/cibatch.h");
  BOOST_REQUIRE_MESSAGE(in, "cannot read abi/include/cibatch.h");
  std::ostringstream header;
  header << in.rdbuf();
  const std::string text = header.str();
  const std::size_t declaration = text.find("CIB_API cib_status cib_client_stats_json(");
  BOOST_REQUIRE(declaration != std::string::npos);
  const std::size_t begin = text.rfind("/*", declaration);
  BOOST_REQUIRE(begin != std::string::npos);
  return text.substr(begin, declaration - begin);
}

// The names of `names` that `from` lacks, comma-separated.
std::string missing_from(const std::set<std::string>& from, const std::set<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    if (from.count(name) == 0) out += (out.empty() ? "" : ", ") + name;
  }
  return out.empty() ? "none" : out;
}

std::string stats_json_of(cib_client* client) {
  char buf[4096];
  Errstr e;
  BOOST_REQUIRE_MESSAGE(
      cib_client_stats_json(client, buf, sizeof buf, nullptr, e.data(), e.size()) == CIB_OK,
      e.str());
  return buf;
}

BOOST_AUTO_TEST_SUITE(stats_keys)

BOOST_AUTO_TEST_CASE(stats_json_emits_exactly_the_keys_its_header_comment_documents) {
  const cibatch::Client client = quiet_client();
  const std::set<std::string> emitted =
      names_in(stats_json_of(client.get()), std::regex("\"([a-z_]+)\":"));
  const std::set<std::string> documented =
      names_in(documented_stats_comment(), std::regex("\"([a-z_]+)\""));
  BOOST_TEST(!emitted.empty());
  BOOST_TEST(documented == emitted,
             "documented, not emitted: " << missing_from(emitted, documented)
                                         << "; emitted, not documented: "
                                         << missing_from(documented, emitted));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib::capi
