#include "auth/app_jwt.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <boost/test/unit_test.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "rsa_test_key.h"

namespace cib {
namespace {

constexpr std::int64_t kNow = 1'800'000'000;

std::vector<std::string> parts_of(const std::string& jwt) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t dot = jwt.find('.'); dot != std::string::npos; dot = jwt.find('.', start)) {
    parts.push_back(jwt.substr(start, dot - start));
    start = dot + 1;
  }
  parts.push_back(jwt.substr(start));
  return parts;
}

std::string from_base64url(const std::string& text) {
  std::istringstream in(text);
  Poco::Base64Decoder decoder(in, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
  return std::string(std::istreambuf_iterator<char>(decoder), {});
}

Poco::JSON::Object::Ptr json_of(const std::string& part) {
  return Poco::JSON::Parser().parse(from_base64url(part)).extract<Poco::JSON::Object::Ptr>();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(app_jwt_signing)

BOOST_AUTO_TEST_CASE(base64url_uses_the_url_alphabet_without_padding) {
  BOOST_TEST(base64url("") == "");
  BOOST_TEST(base64url("f") == "Zg");
  BOOST_TEST(base64url("fo") == "Zm8");
  BOOST_TEST(base64url("foo") == "Zm9v");
  BOOST_TEST(base64url("\xfb\xff") == "-_8");  // base64: "+/8="
  BOOST_TEST(base64url(std::string(100, '\xff')).find_first_of("+/=\n") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_jwt_claims_the_app_for_nine_minutes_from_a_minute_ago) {
  const std::string jwt = app_jwt(test::rsa_test_key().pkcs8_pem, 12345, kNow);
  const std::vector<std::string> parts = parts_of(jwt);
  BOOST_TEST_REQUIRE(parts.size() == 3u);
  const auto header = json_of(parts[0]);
  BOOST_TEST(header->getValue<std::string>("alg") == "RS256");
  BOOST_TEST(header->getValue<std::string>("typ") == "JWT");
  BOOST_TEST(header->size() == 2u);
  const auto claims = json_of(parts[1]);
  BOOST_TEST(claims->getValue<std::int64_t>("iat") == kNow - 60);
  BOOST_TEST(claims->getValue<std::int64_t>("exp") == kNow + 540);
  BOOST_TEST(claims->get("iss").isString());
  BOOST_TEST(claims->getValue<std::string>("iss") == "12345");
  BOOST_TEST(claims->size() == 3u);
  BOOST_TEST(jwt.find_first_of("+/= \n") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_signature_verifies_with_the_public_key_for_pkcs8_and_pkcs1_keys) {
  const test::RsaTestKey& key = test::rsa_test_key();
  for (const std::string* pem : {&key.pkcs8_pem, &key.pkcs1_pem}) {
    const std::vector<std::string> parts = parts_of(app_jwt(*pem, 7, kNow));
    BOOST_TEST_REQUIRE(parts.size() == 3u);
    const std::string input = parts[0] + "." + parts[1];
    const std::string signature = from_base64url(parts[2]);
    BOOST_TEST(signature.size() == 256u);  // RSA-2048
    BOOST_TEST(test::rs256_verifies(key.public_pem, input, signature));
    BOOST_TEST(!test::rs256_verifies(test::other_rsa_test_key().public_pem, input, signature));
    BOOST_TEST(!test::rs256_verifies(key.public_pem, input + "x", signature));
  }
  BOOST_TEST(key.pkcs1_pem.find("BEGIN RSA PRIVATE KEY") != std::string::npos);
  BOOST_TEST(key.pkcs8_pem.find("BEGIN PRIVATE KEY") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_key_that_does_not_load_is_named_without_its_content) {
  const std::string pem = test::rsa_test_key().pkcs8_pem;
  const std::string broken = pem.substr(0, pem.size() / 2) + "\n-----END PRIVATE KEY-----\n";
  for (const std::string& text : {std::string("not a key at all"), broken,
                                  test::rsa_test_key().public_pem, test::encrypted_pem(pem)}) {
    const std::string problem = app_key_problem(text);
    BOOST_TEST(problem.find("holds no PEM private key that loads without a passphrase") == 0u,
               problem);
    BOOST_CHECK_THROW(app_jwt(text, 1, kNow), AppKeyError);
    try {
      app_jwt(text, 1, kNow);
    } catch (const AppKeyError& e) {
      BOOST_TEST(std::string(e.what()) == problem);
    }
  }
  BOOST_TEST(app_key_problem(pem) == "");
  BOOST_TEST(app_key_problem(test::rsa_test_key().pkcs1_pem) == "");
}

BOOST_AUTO_TEST_CASE(a_key_of_another_algorithm_is_refused) {
  using Key = std::unique_ptr<EVP_PKEY, void (*)(EVP_PKEY*)>;
  const Key ec(EVP_EC_gen("P-256"), EVP_PKEY_free);
  BOOST_TEST_REQUIRE((ec != nullptr));
  const std::string pem = test::rsa_detail::pem_of([&](BIO* bio) {
    return PEM_write_bio_PrivateKey(bio, ec.get(), nullptr, nullptr, 0, nullptr, nullptr);
  });
  BOOST_TEST(app_key_problem(pem) ==
             "holds a private key that is not an RSA key, as a GitHub App's key is");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
