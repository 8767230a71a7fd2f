// cib_config_load_yaml_file and cib_config_load_yaml_text (since 1.3): a file and text, each
// read as what it is, never guessed; positions named as file:line:column or <yaml>:line:column.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "capi_support.h"

namespace cib::capi {
namespace {

constexpr const char* kLoadFile = "cib_config_load_yaml_file";
constexpr const char* kLoadText = "cib_config_load_yaml_text";

// A YAML file of this test's own, removed when it ends.
class YamlFile {
 public:
  explicit YamlFile(const std::string& text)
      : path_((std::filesystem::temp_directory_path() /
               ("cibatch-capi-" + std::to_string(::getpid()) + ".yml"))
                  .string()) {
    std::FILE* file = std::fopen(path_.c_str(), "w");
    BOOST_REQUIRE(file != nullptr);
    std::fputs(text.c_str(), file);
    std::fclose(file);
  }
  ~YamlFile() { std::remove(path_.c_str()); }
  YamlFile(const YamlFile&) = delete;
  YamlFile& operator=(const YamlFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct LoadedConfig {
  cibatch::Config config = quiet_config();
};

BOOST_FIXTURE_TEST_SUITE(config_load_yaml, LoadedConfig)

BOOST_AUTO_TEST_CASE(load_yaml_file_reads_a_file_and_names_its_positions) {
  const YamlFile file("cibatch:\n  batching:\n    linger_ms: lots\n");
  Errstr e;
  BOOST_TEST(cib_config_load_yaml_file(config.get(), file.path().c_str(), e.data(), e.size()) ==
             CIB_ERR_CONFIG_INVALID_VALUE);
  BOOST_TEST(e.str() == std::string(kLoadFile) + ": " + file.path() +
                            ":3:5: batching.linger_ms: expected a non-negative integer, got "
                            "\"lots\"");
}

BOOST_AUTO_TEST_CASE(load_yaml_file_says_it_cannot_read_a_file_that_does_not_exist) {
  Errstr e;
  BOOST_TEST(cib_config_load_yaml_file(config.get(), "capi-no-such-file.yml", e.data(), e.size()) ==
             CIB_ERR_CONFIG_SYNTAX);
  BOOST_TEST(
      e.str().rfind(std::string(kLoadFile) + ": cannot read capi-no-such-file.yml: ", 0) == 0,
      e.str());
}

// What cib_config_load_yaml would take for text is a path here, and the reverse.
BOOST_AUTO_TEST_CASE(load_yaml_file_and_text_never_guess) {
  Errstr e1, e2;
  BOOST_TEST(cib_config_load_yaml_file(config.get(), "cibatch: {proxy: x}", e1.data(), e1.size()) ==
             CIB_ERR_CONFIG_SYNTAX);
  BOOST_TEST(e1.str().rfind(std::string(kLoadFile) + ": cannot read ", 0) == 0, e1.str());
  BOOST_TEST(cib_config_load_yaml_text(config.get(), "pipeline.yml", CIB_NUL_TERMINATED, e2.data(),
                                       e2.size()) == CIB_ERR_CONFIG_SYNTAX);
  BOOST_TEST(e2.str() == std::string(kLoadText) + ": <yaml>: no cibatch: mapping found");
}

BOOST_AUTO_TEST_CASE(load_yaml_text_names_positions_in_the_text) {
  Errstr e;
  BOOST_TEST(cib_config_load_yaml_text(config.get(), "cibatch:\n  batching:\n    linger_ms: lots\n",
                                       CIB_NUL_TERMINATED, e.data(),
                                       e.size()) == CIB_ERR_CONFIG_INVALID_VALUE);
  BOOST_TEST(e.str() == std::string(kLoadText) +
                            ": <yaml>:3:5: batching.linger_ms: expected a non-negative integer, "
                            "got \"lots\"");
}

BOOST_AUTO_TEST_CASE(load_yaml_text_reads_exactly_length_bytes) {
  const std::string text = "cibatch: {reports: {max_queued: 500}}";
  const std::string padded = text + "garbage: [";
  Errstr e;
  BOOST_TEST_REQUIRE(cib_config_load_yaml_text(config.get(), padded.data(), text.size(), e.data(),
                                               e.size()) == CIB_OK,
                     e.str());
  char value[16];
  BOOST_TEST_REQUIRE(cib_config_get(config.get(), "reports.max_queued", value, sizeof value,
                                    nullptr, e.data(), e.size()) == CIB_OK);
  BOOST_TEST(std::string(value) == "500");
}

BOOST_AUTO_TEST_CASE(load_yaml_text_refuses_null_empty_and_nul_bytes) {
  const char text[] = "cibatch: {proxy: \"\"}";
  Errstr e1, e2, e3, e4, e5, e6;
  CIB_CHECK_REFUSED(
      cib_config_load_yaml_text(nullptr, text, CIB_NUL_TERMINATED, e1.data(), e1.size()),
      CIB_ERR_INVALID_ARGUMENT, e1, kLoadText, "conf");
  CIB_CHECK_REFUSED(
      cib_config_load_yaml_text(config.get(), nullptr, CIB_NUL_TERMINATED, e2.data(), e2.size()),
      CIB_ERR_INVALID_ARGUMENT, e2, kLoadText, "text");
  CIB_CHECK_REFUSED(cib_config_load_yaml_text(config.get(), nullptr, 5, e3.data(), e3.size()),
                    CIB_ERR_INVALID_ARGUMENT, e3, kLoadText, "text");
  CIB_CHECK_REFUSED(cib_config_load_yaml_text(config.get(), text, 0, e4.data(), e4.size()),
                    CIB_ERR_INVALID_ARGUMENT, e4, kLoadText, "text");
  // A length that counts the terminating NUL.
  CIB_CHECK_REFUSED(
      cib_config_load_yaml_text(config.get(), text, sizeof text, e5.data(), e5.size()),
      CIB_ERR_INVALID_ARGUMENT, e5, kLoadText, "NUL byte");
  const std::string invalid = std::string("cibatch: {proxy: ") + kInvalidUtf8 + "}";
  CIB_CHECK_REFUSED(
      cib_config_load_yaml_text(config.get(), invalid.data(), invalid.size(), e6.data(), e6.size()),
      CIB_ERR_INVALID_ARGUMENT, e6, kLoadText, "UTF-8");
}

BOOST_AUTO_TEST_CASE(load_yaml_file_refuses_null_and_empty_arguments) {
  Errstr e1, e2, e3;
  CIB_CHECK_REFUSED(cib_config_load_yaml_file(nullptr, "x.yml", e1.data(), e1.size()),
                    CIB_ERR_INVALID_ARGUMENT, e1, kLoadFile, "conf");
  CIB_CHECK_REFUSED(cib_config_load_yaml_file(config.get(), nullptr, e2.data(), e2.size()),
                    CIB_ERR_INVALID_ARGUMENT, e2, kLoadFile, "path");
  CIB_CHECK_REFUSED(cib_config_load_yaml_file(config.get(), "", e3.data(), e3.size()),
                    CIB_ERR_INVALID_ARGUMENT, e3, kLoadFile, "path");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib::capi
