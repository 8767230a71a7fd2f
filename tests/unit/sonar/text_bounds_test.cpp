#include "sonar/text_bounds.h"

#include <boost/test/unit_test.hpp>
#include <cstring>

#include "sonar/sonar_limits.h"

namespace cib::sonar {

BOOST_AUTO_TEST_SUITE(text_bounds)

BOOST_AUTO_TEST_CASE(well_formed_utf8_passes) {
  BOOST_TEST(first_invalid_utf8("") == std::string::npos);
  BOOST_TEST(first_invalid_utf8("plain ascii") == std::string::npos);
  BOOST_TEST(first_invalid_utf8("é 日本 \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_first_bad_byte_is_found) {
  BOOST_TEST(first_invalid_utf8("ab\xC0\xAF") == 2u);        // overlong '/'
  BOOST_TEST(first_invalid_utf8("a\xED\xA0\x80") == 1u);     // a surrogate
  BOOST_TEST(first_invalid_utf8("\xF4\x90\x80\x80") == 0u);  // past U+10FFFF
  BOOST_TEST(first_invalid_utf8("ok\xE6\x97") == 2u);        // cut short at the end
  BOOST_TEST(first_invalid_utf8("\xC3\x28") == 0u);          // no continuation byte
  BOOST_TEST(first_invalid_utf8("x\x80") == 1u);             // a lone continuation byte
}

BOOST_AUTO_TEST_CASE(cut_keeps_whole_characters_and_adds_the_note) {
  const std::size_t note = std::strlen(kTruncationNote);
  BOOST_TEST(cut_with_note("short", 100) == "short");
  const std::string cut = cut_with_note("日日日日日日日日日日", note + 7);  // room for 2 of 3 bytes
  BOOST_TEST(cut == std::string("日日") + kTruncationNote);
  BOOST_TEST(first_invalid_utf8(cut) == std::string::npos);
  BOOST_TEST(cut_with_note("abcdef", 2) == kTruncationNote);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::sonar
