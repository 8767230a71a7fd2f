#include "auth/app_jwt.h"

#include <Poco/Base64Encoder.h>
#include <Poco/JSON/Object.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>
#include <sstream>

namespace cib {
namespace {

struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct DigestFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;

// The default callback would ask for a passphrase on the terminal of the CI agent's process.
int no_passphrase(char*, int, int, void*) {
  return 0;
}

// The RSA private key in pem, or null with `problem` said. OpenSSL's error queue is left empty:
// its entries are this thread's, and whoever reads them next would blame their own call.
Key load_key(const std::string& pem, std::string& problem) {
  const std::unique_ptr<BIO, BioFree> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  Key key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, &no_passphrase, nullptr) : nullptr);
  ERR_clear_error();
  if (!key) {
    problem =
        "holds no PEM private key that loads without a passphrase (PKCS#1 \"BEGIN RSA PRIVATE "
        "KEY\" or PKCS#8 \"BEGIN PRIVATE KEY\")";
  } else if (EVP_PKEY_base_id(key.get()) != EVP_PKEY_RSA) {
    problem = "holds a private key that is not an RSA key, as a GitHub App's key is";
    key.reset();
  }
  return key;
}

std::string json_text(const Poco::JSON::Object& object) {
  std::ostringstream out;
  object.stringify(out);
  return out.str();
}

std::string signing_input(std::int64_t app_id, std::int64_t now_s) {
  Poco::JSON::Object header;
  header.set("alg", "RS256");
  header.set("typ", "JWT");
  Poco::JSON::Object claims;
  claims.set("iat", now_s - kAppJwtBackdateS);
  claims.set("exp", now_s + kAppJwtLifetimeS);
  claims.set("iss", std::to_string(app_id));
  return base64url(json_text(header)) + "." + base64url(json_text(claims));
}

// RSASSA-PKCS1-v1_5 with SHA-256 of input.
std::string rs256(EVP_PKEY* key, const std::string& input) {
  const std::unique_ptr<EVP_MD_CTX, DigestFree> ctx(EVP_MD_CTX_new());
  const auto* data = reinterpret_cast<const unsigned char*>(input.data());
  std::size_t size = 0;
  std::string signature;
  bool signed_ok = ctx && EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) == 1 &&
                   EVP_DigestSign(ctx.get(), nullptr, &size, data, input.size()) == 1;
  if (signed_ok) {
    signature.resize(size);
    signed_ok = EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                               data, input.size()) == 1;
  }
  ERR_clear_error();
  if (!signed_ok) throw AppKeyError("the private key cannot sign with RS256");
  signature.resize(size);
  return signature;
}

}  // namespace

std::string app_key_problem(const std::string& pem) {
  std::string problem;
  load_key(pem, problem);
  return problem;
}

std::string app_jwt(const std::string& pem, std::int64_t app_id, std::int64_t now_s) {
  std::string problem;
  const Key key = load_key(pem, problem);
  if (!key) throw AppKeyError(problem);
  const std::string input = signing_input(app_id, now_s);
  return input + "." + base64url(rs256(key.get(), input));
}

std::string base64url(const std::string& bytes) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
  encoder.rdbuf()->setLineLength(0);
  encoder << bytes;
  encoder.close();
  return out.str();
}

}  // namespace cib
