#include "trace_reader.h"

#include <stdlib.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "error_message.h"

namespace cib::trace {
namespace {

using testing::error_message;

const char* const kSleep = R"({"op":"sleep","ms":5})";
const char* const kFlush = R"({"op":"flush"})";

std::vector<TraceLine> read_text(const std::string& text) {
  std::istringstream in(text);
  return read_trace(in, "x.jsonl");
}

std::string read_error(const std::string& text) {
  return error_message<TraceError>([&] { read_text(text); });
}

std::vector<std::size_t> line_numbers(const std::vector<TraceLine>& lines) {
  std::vector<std::size_t> out;
  for (const TraceLine& line : lines) out.push_back(line.line_no);
  return out;
}

// A file in the temporary folder, removed when the test ends, also when it fails.
class TempFile {
 public:
  explicit TempFile(const std::string& content) {
    std::string pattern = (std::filesystem::temp_directory_path() / "cib-trace-XXXXXX").string();
    const int fd = mkstemp(pattern.data());
    BOOST_REQUIRE_MESSAGE(fd >= 0, "cannot create a temporary file");
    close(fd);
    path_ = pattern;
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(trace_reader)

BOOST_AUTO_TEST_CASE(each_line_becomes_one_op_in_order) {
  const std::vector<TraceLine> lines =
      read_text(std::string(kSleep) + "\n" + kFlush + "\n" +
                R"({"op":"comment","repo":"o/r","pr":1,"key":"k","body":"b"})" + "\n");
  BOOST_REQUIRE(lines.size() == 3u);
  BOOST_TEST(std::holds_alternative<SleepOp>(lines[0].op));
  BOOST_TEST(std::holds_alternative<FlushOp>(lines[1].op));
  BOOST_TEST(std::holds_alternative<CommentOp>(lines[2].op));
  BOOST_TEST(line_numbers(lines) == (std::vector<std::size_t>{1, 2, 3}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(last_line_needs_no_newline) {
  const std::vector<TraceLine> lines = read_text(std::string(kSleep) + "\n" + kFlush);
  BOOST_TEST(lines.size() == 2u);
}

BOOST_AUTO_TEST_CASE(blank_lines_are_skipped_but_counted) {
  const std::vector<TraceLine> lines =
      read_text(std::string("\n") + kSleep + "\n   \n\t\n" + kFlush + "\n\n");
  BOOST_TEST(line_numbers(lines) == (std::vector<std::size_t>{2, 5}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(empty_trace_has_no_ops) {
  BOOST_TEST(read_text("").empty());
  BOOST_TEST(read_text("\n \n").empty());
}

BOOST_AUTO_TEST_CASE(windows_line_ends_are_accepted) {
  const std::vector<TraceLine> lines =
      read_text(std::string(kSleep) + "\r\n\r\n" + kFlush + "\r\n");
  BOOST_TEST(line_numbers(lines) == (std::vector<std::size_t>{1, 3}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(error_names_file_line_op_and_field) {
  BOOST_TEST(read_error(std::string(kSleep) + "\n" +
                        R"({"op":"status","repo":"r","commit":"c","state":"FAILED"})" + "\n") ==
             R"(x.jsonl:2: status: missing field "key")");
}

BOOST_AUTO_TEST_CASE(error_line_counts_blank_lines) {
  BOOST_TEST(read_error(std::string("\n\n") + kSleep + "\n\n" + R"({"op":"sleep","ms":-5})") ==
             R"(x.jsonl:5: sleep: field "ms": expected an integer from 0 to 2147483647, got -5)");
}

BOOST_AUTO_TEST_CASE(first_bad_line_is_the_one_reported) {
  BOOST_TEST(read_error(std::string(R"({"op":"nap"})") + "\n" + R"({"op":"sleep"})" + "\n") ==
             R"(x.jsonl:1: op: unknown op "nap" (expected status, comment, report, sonar, )"
             R"(sleep or flush))");
}

BOOST_AUTO_TEST_CASE(unknown_field_error_names_file_and_line) {
  BOOST_TEST(read_error(std::string(kFlush) + "\n" + R"({"op":"flush","timeout_ms":1,"x":2})") ==
             R"(x.jsonl:2: flush: unknown field "x")");
}

BOOST_AUTO_TEST_CASE(bad_enum_word_error_names_file_and_line) {
  BOOST_TEST(read_error(R"({"op":"status","repo":"r","commit":"c","key":"k","state":"PASSED"})") ==
             R"(x.jsonl:1: status: field "state": expected INPROGRESS, SUCCESSFUL, FAILED or )"
             R"(STOPPED, got "PASSED")");
}

BOOST_AUTO_TEST_CASE(invalid_json_error_names_file_and_line) {
  BOOST_TEST(
      read_error(std::string(kSleep) + "\n{not json\n").rfind("x.jsonl:2: invalid JSON: ", 0) ==
      0u);
}

BOOST_AUTO_TEST_CASE(trace_file_is_read_and_errors_name_its_path) {
  const TempFile good(std::string(kSleep) + "\n\n" + kFlush + "\n");
  BOOST_TEST(line_numbers(read_trace_file(good.path())) == (std::vector<std::size_t>{1, 3}),
             boost::test_tools::per_element());

  const TempFile bad(std::string(kSleep) + "\n" + R"({"op":"sleep","ms":"x"})" + "\n");
  BOOST_TEST(error_message<TraceError>([&] { read_trace_file(bad.path()); }) ==
             bad.path() + R"(:2: sleep: field "ms": expected an integer from 0 to 2147483647)");
}

BOOST_AUTO_TEST_CASE(missing_trace_file_is_an_error_naming_it) {
  const std::string path =
      (std::filesystem::temp_directory_path() / "cib-no-such-dir" / "t.jsonl").string();
  const std::string message = error_message<TraceError>([&] { read_trace_file(path); });
  BOOST_TEST(message.rfind(path + ": cannot open: ", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(text_file_is_read_whole) {
  // Bytes after a NUL and line ends are kept as they are: annotation files are JSON, read whole.
  const std::string content("[1,\r\n2]\n\0tail", 13);
  const TempFile file(content);
  BOOST_TEST(read_text_file(file.path()) == content);
}

BOOST_AUTO_TEST_CASE(missing_text_file_is_an_error_naming_it) {
  const std::string path =
      (std::filesystem::temp_directory_path() / "cib-no-such-dir" / "a.json").string();
  BOOST_TEST(error_message<TraceError>([&] { read_text_file(path); }).rfind(path + ": ", 0) == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::trace
