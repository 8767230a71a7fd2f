#include "github_app_key.h"

#include <Poco/Base64Encoder.h>
#include <Poco/Timestamp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace cib::test {
namespace {

std::string base64url(const std::string& bytes) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
  encoder.rdbuf()->setLineLength(0);
  encoder << bytes;
  encoder.close();
  return out.str();
}

std::string public_pem(EVP_PKEY* key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), key) != 1) {
    throw std::runtime_error("cannot write the public key");
  }
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

}  // namespace

GithubAppKey::GithubAppKey() : key_(EVP_RSA_gen(2048), &EVP_PKEY_free) {
  if (!key_) throw std::runtime_error("cannot generate an RSA key");
  std::ofstream(public_key_file_.path()) << public_pem(key_.get());
}

std::string GithubAppKey::jwt(std::int64_t iat, std::int64_t exp, long iss) const {
  const std::string signed_part =
      base64url(R"({"alg":"RS256","typ":"JWT"})") + "." +
      base64url(R"({"iat":)" + std::to_string(iat) + R"(,"exp":)" + std::to_string(exp) +
                R"(,"iss":)" + std::to_string(iss) + "}");
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  &EVP_MD_CTX_free);
  std::size_t size = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(signed_part.data());
  if (!context ||
      EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1 ||
      EVP_DigestSign(context.get(), nullptr, &size, data, signed_part.size()) != 1) {
    throw std::runtime_error("cannot sign the JWT");
  }
  std::vector<unsigned char> signature(size);
  if (EVP_DigestSign(context.get(), signature.data(), &size, data, signed_part.size()) != 1) {
    throw std::runtime_error("cannot sign the JWT");
  }
  return signed_part + "." + base64url(std::string(signature.begin(), signature.begin() + size));
}

std::string GithubAppKey::jwt_now(long iss) const {
  const std::int64_t now = Poco::Timestamp().epochTime();
  return jwt(now - 60, now + 540, iss);
}

}  // namespace cib::test
