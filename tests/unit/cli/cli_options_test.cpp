#include "cli_options.h"

#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "error_message.h"

namespace cib::cli {
namespace {

using testing::error_message;

ParsedArgs parse(const std::vector<std::string>& args) {
  const std::vector<OptionSpec> specs = {
      {"config", true, false},     {"verbose", false, false, 'v'}, {"set", true, true},
      {"timeout-ms", true, false}, {"rate", true, false},
  };
  return parse_args(args, specs);
}

std::string usage_error(const std::vector<std::string>& args) {
  return error_message<UsageError>([&] { parse(args); });
}

std::string integer_error(const std::string& text, std::int64_t min, std::int64_t max) {
  const ParsedArgs args = parse({"--timeout-ms", text});
  return error_message<UsageError>([&] { args.integer("timeout-ms", 0, min, max); });
}

std::string decimal_error(const std::string& text) {
  const ParsedArgs args = parse({"--rate", text});
  return error_message<UsageError>([&] { args.decimal("rate", 0); });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_options)

BOOST_AUTO_TEST_CASE(value_may_follow_as_next_argument_or_after_equals) {
  BOOST_TEST(parse({"--config", "a.yml"}).value("config") == "a.yml");
  BOOST_TEST(parse({"--config=b.yml"}).value("config") == "b.yml");
  BOOST_TEST(parse({"--config=x=y"}).value("config") == "x=y");
  BOOST_TEST(parse({"--config="}).value("config") == "");
  BOOST_TEST(parse({"--config", "--verbose"}).value("config") == "--verbose");
}

BOOST_AUTO_TEST_CASE(flags_are_present_or_absent) {
  const ParsedArgs with = parse({"--verbose"});
  const ParsedArgs without = parse({});
  BOOST_TEST(with.has("verbose"));
  BOOST_TEST(!without.has("verbose"));
  BOOST_TEST(!with.has("config"));
}

BOOST_AUTO_TEST_CASE(absent_option_reads_as_the_fallback) {
  const ParsedArgs args = parse({});
  BOOST_TEST(args.value("config", "cibatch.yml") == "cibatch.yml");
  BOOST_TEST(args.value("config").empty());
  BOOST_TEST(args.values("set").empty());
  BOOST_TEST(args.integer("timeout-ms", 30000, 0, 60000) == 30000);
  BOOST_TEST(args.decimal("rate", 1.5) == 1.5);
}

BOOST_AUTO_TEST_CASE(positionals_keep_their_order_around_options) {
  const ParsedArgs args = parse({"replay", "--verbose", "trace.jsonl", "--config", "c.yml", "-"});
  BOOST_TEST(args.positionals() == (std::vector<std::string>{"replay", "trace.jsonl", "-"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(double_dash_ends_the_options) {
  const ParsedArgs args = parse({"--verbose", "--", "--config", "-x"});
  BOOST_TEST(args.positionals() == (std::vector<std::string>{"--config", "-x"}),
             boost::test_tools::per_element());
  BOOST_TEST(!args.has("config"));
}

BOOST_AUTO_TEST_CASE(repeatable_option_keeps_every_value_in_order) {
  const ParsedArgs args = parse({"--set", "a=1", "--set=b=2", "--set", "a=3"});
  BOOST_TEST(args.values("set") == (std::vector<std::string>{"a=1", "b=2", "a=3"}),
             boost::test_tools::per_element());
  BOOST_TEST(args.value("set") == "a=3");
}

BOOST_AUTO_TEST_CASE(a_declared_letter_stands_for_its_option) {
  const ParsedArgs a = parse({"-v", "trace.jsonl"});
  BOOST_TEST(a.has("verbose"));
  BOOST_TEST(a.positionals() == std::vector<std::string>{"trace.jsonl"},
             boost::test_tools::per_element());
  BOOST_TEST(usage_error({"-q"}) == "unknown option -q");
  BOOST_TEST(usage_error({"-v", "--verbose"}) == "--verbose given twice");
}

BOOST_AUTO_TEST_CASE(unknown_option_is_a_usage_error) {
  BOOST_TEST(usage_error({"--colour", "red"}) == "unknown option --colour");
  BOOST_TEST(usage_error({"--colour=red"}) == "unknown option --colour");
  BOOST_TEST(usage_error({"-x"}) == "unknown option -x");
  BOOST_TEST(usage_error({"replay", "--Verbose"}) == "unknown option --Verbose");
}

BOOST_AUTO_TEST_CASE(option_without_its_value_is_a_usage_error) {
  BOOST_TEST(usage_error({"--config"}) == "--config needs a value");
  BOOST_TEST(usage_error({"replay", "--set"}) == "--set needs a value");
}

BOOST_AUTO_TEST_CASE(flag_given_a_value_is_a_usage_error) {
  BOOST_TEST(usage_error({"--verbose=yes"}) == "--verbose takes no value");
}

BOOST_AUTO_TEST_CASE(single_option_given_twice_is_a_usage_error) {
  BOOST_TEST(usage_error({"--config", "a", "--config=b"}) == "--config given twice");
  BOOST_TEST(usage_error({"--verbose", "--verbose"}) == "--verbose given twice");
}

BOOST_AUTO_TEST_CASE(required_option_names_itself_when_missing) {
  const ParsedArgs args = parse({"--config", "c.yml"});
  BOOST_TEST(args.required("config") == "c.yml");
  BOOST_TEST(error_message<UsageError>([&] { args.required("rate"); }) == "missing --rate");
}

BOOST_AUTO_TEST_CASE(integer_in_range_is_read) {
  BOOST_TEST(parse({"--timeout-ms", "2500"}).integer("timeout-ms", 0, 0, 60000) == 2500);
  BOOST_TEST(parse({"--timeout-ms=0"}).integer("timeout-ms", 7, 0, 60000) == 0);
  BOOST_TEST(parse({"--timeout-ms=-1"}).integer("timeout-ms", 0, -1, 10) == -1);
  BOOST_TEST(parse({"--timeout-ms=60000"}).integer("timeout-ms", 0, 0, 60000) == 60000);
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  BOOST_TEST(parse({"--timeout-ms=9223372036854775807"}).integer("timeout-ms", 0, 0, max) == max);
}

BOOST_AUTO_TEST_CASE(integer_out_of_range_names_the_range_and_the_text) {
  BOOST_TEST(integer_error("60001", 0, 60000) ==
             R"(--timeout-ms: expected an integer from 0 to 60000, got "60001")");
  BOOST_TEST(integer_error("-1", 0, 60000) ==
             R"(--timeout-ms: expected an integer from 0 to 60000, got "-1")");
  BOOST_TEST(integer_error("9223372036854775808", 0, std::numeric_limits<std::int64_t>::max()) ==
             R"(--timeout-ms: expected an integer from 0 to 9223372036854775807, )"
             R"(got "9223372036854775808")");
}

BOOST_AUTO_TEST_CASE(malformed_integer_is_a_usage_error) {
  for (const char* text : {"", "ten", "10ms", "1.5", "0x10", "1e3"}) {
    BOOST_TEST(integer_error(text, 0, 60000) ==
               std::string(R"(--timeout-ms: expected an integer from 0 to 60000, got ")") + text +
                   "\"");
  }
}

BOOST_AUTO_TEST_CASE(decimal_is_read) {
  BOOST_TEST(parse({"--rate", "2.5"}).decimal("rate", 0) == 2.5);
  BOOST_TEST(parse({"--rate=0"}).decimal("rate", 9) == 0.0);
  BOOST_TEST(parse({"--rate=3"}).decimal("rate", 0) == 3.0);
}

BOOST_AUTO_TEST_CASE(negative_or_malformed_decimal_is_a_usage_error) {
  for (const char* text : {"-0.5", "", "fast", "1.5x", "inf", "nan"}) {
    BOOST_TEST(decimal_error(text) ==
               std::string(R"(--rate: expected a non-negative number, got ")") + text + "\"");
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::cli
