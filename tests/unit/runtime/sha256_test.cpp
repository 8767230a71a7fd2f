#include "runtime/sha256.h"

#include <boost/test/unit_test.hpp>
#include <string>

namespace cib {

BOOST_AUTO_TEST_SUITE(sha256)

// FIPS 180-4 test vectors.
BOOST_AUTO_TEST_CASE(known_digests) {
  BOOST_TEST(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  BOOST_TEST(sha256_hex("abc") ==
             "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

BOOST_AUTO_TEST_CASE(every_byte_counts_including_nul) {
  const std::string with_nul("a\0b", 3);
  BOOST_TEST(sha256_hex(with_nul).size() == 64u);
  BOOST_TEST(sha256_hex(with_nul) != sha256_hex("ab"));
  BOOST_TEST(sha256_hex(with_nul) != sha256_hex("a"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
