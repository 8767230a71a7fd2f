#include "payload_limits.h"

#include <boost/test/unit_test.hpp>
#include <sstream>
#include <string>

#include "error_message.h"
#include "trace_reader.h"

namespace cib::trace {
namespace {

using testing::error_message;

std::string read_error(const std::string& text) {
  return error_message<TraceError>([&] {
    std::istringstream in(text);
    read_trace(in, "t.jsonl");
  });
}

const char* const kNulRefused =
    "holds a NUL character (\\u0000), which the library cannot carry (a C string ends there); "
    "remove it";

}  // namespace

BOOST_AUTO_TEST_SUITE(payload_limits)

BOOST_AUTO_TEST_CASE(a_nul_in_any_string_field_is_refused_with_its_line_and_field) {
  BOOST_TEST(
      read_error("\n"
                 R"({"op":"comment","repo":"o/r","pr":1,"key":"k","body":"nul \u0000 x"})") ==
      std::string("t.jsonl:2: comment: field \"body\" ") + kNulRefused);
  BOOST_TEST(
      read_error(
          R"({"op":"status","repo":"o/r","commit":"c","key":"k","state":"FAILED","ref":"a\u0000"})") ==
      std::string("t.jsonl:1: status: field \"ref\" ") + kNulRefused);
  BOOST_TEST(
      read_error(
          R"({"op":"report","repo":"o/r","commit":"c","id":"i","title":"t","result":"PASSED",)"
          R"("data":[{"title":"d","type":"NUMBER","value":"1\u0000"}]})") ==
      std::string("t.jsonl:1: report: data[0]: field \"value\" ") + kNulRefused);
  BOOST_TEST(
      read_error(
          R"({"op":"report","repo":"o/r","commit":"c","id":"i","title":"t","result":"PASSED",)"
          R"("annotations":[{"id":"a","severity":"LOW","type":"BUG","summary":"s",)"
          R"("link":"\u0000"}]})") ==
      std::string("t.jsonl:1: report: annotations[0]: field \"link\" ") + kNulRefused);
}

BOOST_AUTO_TEST_CASE(fields_over_the_library_limits_are_refused_before_replay) {
  const std::string body(kMaxTextBytes + 1, 'x');
  BOOST_TEST(
      read_error(R"({"op":"comment","repo":"o/r","pr":1,"key":"k","body":")" + body + "\"}") ==
      "t.jsonl:1: comment: field \"body\" is 1048577 bytes, more than the library's limit "
      "of 1048576");
  const std::string key(kMaxIdBytes + 1, 'k');
  BOOST_TEST(
      read_error(R"({"op":"status","repo":"o/r","commit":"c","key":")" + key +
                 R"(","state":"FAILED"})") ==
      "t.jsonl:1: status: field \"key\" is 1025 bytes, more than the library's limit of 1024");
  std::string data;
  for (int i = 0; i < 11; ++i)
    data += std::string(i ? "," : "") + R"({"title":"d","type":"TEXT","value":"v"})";
  BOOST_TEST(
      read_error(
          R"({"op":"report","repo":"o/r","commit":"c","id":"i","title":"t","result":"PASSED","data":[)" +
          data + "]}") ==
      "t.jsonl:1: report: field \"data\" holds 11 items, more than the library's limit of 10");
  BOOST_TEST(
      read_error(R"({"op":"status","repo":"acme/","commit":"c","key":"k","state":"FAILED"})") ==
      "t.jsonl:1: status: field \"repo\" expected \"owner/name\"");
}

BOOST_AUTO_TEST_CASE(first_nul_line_finds_raw_and_escaped_nuls_only) {
  BOOST_TEST(first_nul_line("a\nb\nc", true) == 0u);
  BOOST_TEST(first_nul_line(std::string("a\nb\0", 4), false) == 2u);
  BOOST_TEST(first_nul_line("[\n\n \"x\\u0000\"]", true) == 3u);
  BOOST_TEST(first_nul_line("[\"\\\\u0000\"]", true) == 0u);  // a backslash, then text
  BOOST_TEST(first_nul_line("body \\u0000 in Markdown", false) == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::trace
