#include "github_app_auth.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <Poco/NumberParser.h>
#include <Poco/StreamCopier.h>
#include <Poco/Timestamp.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

#include "github_endpoints.h"
#include "resource_values.h"
#include "router.h"

namespace cib::sim {
namespace {

constexpr const char* kUndecodable = "A JSON web token could not be decoded";

std::string base64url_decode(const std::string& text) {
  std::istringstream in(text);
  Poco::Base64Decoder decoder(in, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
  std::string plain;  // binary for the signature: read it all, NUL bytes included
  Poco::StreamCopier::copyToString(decoder, plain);
  return plain;
}

Poco::JSON::Object::Ptr json_part(const std::string& encoded) {
  return Poco::JSON::Parser().parse(base64url_decode(encoded)).extract<Poco::JSON::Object::Ptr>();
}

using PublicKey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

PublicKey read_public_key(const std::string& file) {
  std::ifstream in(file);
  std::stringstream pem;
  pem << in.rdbuf();
  const std::string text = pem.str();
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(text.data(), static_cast<int>(text.size())), &BIO_free);
  return PublicKey(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr,
                   &EVP_PKEY_free);
}

bool signature_holds(const std::string& signed_part, const std::string& signature,
                     const std::string& public_key_pem_file) {
  const auto key = read_public_key(public_key_pem_file);
  if (!key) return false;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  &EVP_MD_CTX_free);
  if (!context ||
      EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1) {
    return false;
  }
  return EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(),
                          reinterpret_cast<const unsigned char*>(signed_part.data()),
                          signed_part.size()) == 1;
}

// The claim as a number, also when sent as a string ("iss" often is).
std::int64_t number_claim(const Poco::JSON::Object::Ptr& claims, const std::string& name) {
  if (!claims->has(name)) return -1;
  Poco::Int64 value = -1;
  return Poco::NumberParser::tryParse64(claims->get(name).toString(), value) ? value : -1;
}

std::string claims_refusal(const Poco::JSON::Object::Ptr& claims, long app_id, std::int64_t now_s) {
  const auto iat = number_claim(claims, "iat");
  const auto exp = number_claim(claims, "exp");
  if (iat < 0 || iat > now_s + 60) {
    return "'Issued at' claim ('iat') must be an Integer representing the time that the "
           "assertion was issued.";
  }
  if (exp <= now_s || exp - iat > kMaxJwtLifetimeS) {
    return "'Expiration time' claim ('exp') must be a numeric value representing the future "
           "time at which the assertion expires.";
  }
  if (number_claim(claims, "iss") != app_id) return "Integration not found";
  return "";
}

}  // namespace

std::string app_jwt_refusal(const std::string& jwt, const std::string& public_key_pem_file,
                            long app_id, std::int64_t now_s) {
  const auto parts = split(jwt, '.');
  if (parts.size() != 3) return kUndecodable;
  try {
    const auto header = json_part(parts[0]);
    if (header->optValue<std::string>("alg", "") != "RS256") return kUndecodable;
    if (!signature_holds(parts[0] + "." + parts[1], base64url_decode(parts[2]),
                         public_key_pem_file)) {
      return kUndecodable;
    }
    return claims_refusal(json_part(parts[1]), app_id, now_s);
  } catch (const Poco::Exception&) {
    return kUndecodable;
  }
}

Answer serve_github_access_tokens(const GithubCall& call, SimContext& context) {
  if (call.method != "POST") return github_error(404, "Not Found");
  const auto& options = context.options;
  long installation = 0;
  if (options.github_app_id == 0 || !parse_positive_id(call.route.id, installation)) {
    return github_error(404, "Not Found");
  }
  const auto refusal = app_jwt_refusal(call.token, options.github_app_public_key,
                                       options.github_app_id, Poco::Timestamp().epochTime());
  if (!refusal.empty()) return github_error(401, refusal);
  std::string expires_at;
  const auto token = context.github.issue_token(
      installation, std::chrono::seconds(options.github_token_ttl_s), expires_at);
  Poco::JSON::Object::Ptr permissions = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  for (const char* permission : {"checks", "issues", "pull_requests", "statuses"}) {
    permissions->set(permission, "write");
  }
  Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  out->set("token", token);
  out->set("expires_at", expires_at);
  out->set("permissions", permissions);
  out->set("repository_selection", "all");
  return json_answer(201, out);
}

}  // namespace cib::sim
