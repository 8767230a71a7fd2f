// RSA keys made when a test runs (none is committed): the private key as PKCS#8 and PKCS#1
// PEM, its public key, and an RS256 check of a signature with it.
#pragma once

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace cib::test {

struct RsaTestKey {
  std::string pkcs8_pem;
  std::string pkcs1_pem;
  std::string public_pem;
};

namespace rsa_detail {

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using Bio = std::unique_ptr<BIO, BioFree>;
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;

inline std::string text_of(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

template <typename Write>
std::string pem_of(Write write) {
  const Bio bio(BIO_new(BIO_s_mem()));
  if (!bio || write(bio.get()) != 1) throw std::runtime_error("cannot write a test key");
  return text_of(bio.get());
}

inline RsaTestKey make_key() {
  const Key key(EVP_RSA_gen(2048));
  if (!key) throw std::runtime_error("cannot make an RSA test key");
  RsaTestKey made;
  made.pkcs8_pem = pem_of([&](BIO* bio) {
    return PEM_write_bio_PrivateKey(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  });
  made.pkcs1_pem = pem_of([&](BIO* bio) {
    return PEM_write_bio_PrivateKey_traditional(bio, key.get(), nullptr, nullptr, 0, nullptr,
                                                nullptr);
  });
  made.public_pem = pem_of([&](BIO* bio) { return PEM_write_bio_PUBKEY(bio, key.get()); });
  return made;
}

}  // namespace rsa_detail

// One key per test program: making one takes a moment.
inline const RsaTestKey& rsa_test_key() {
  static const RsaTestKey key = rsa_detail::make_key();
  return key;
}

// Another key of the same shape, for "the wrong key".
inline const RsaTestKey& other_rsa_test_key() {
  static const RsaTestKey key = rsa_detail::make_key();
  return key;
}

// The private key `pem` encrypted with a passphrase (PKCS#8).
inline std::string encrypted_pem(const std::string& pem) {
  using namespace rsa_detail;
  const Bio in(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  const Key key(PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr));
  static char passphrase[] = "passphrase";
  return pem_of([&](BIO* bio) {
    return PEM_write_bio_PKCS8PrivateKey(bio, key.get(), EVP_aes_128_cbc(), passphrase,
                                         sizeof passphrase - 1, nullptr, nullptr);
  });
}

// True when `signature` is input's RS256 signature by the key of `public_pem`.
inline bool rs256_verifies(const std::string& public_pem, const std::string& input,
                           const std::string& signature) {
  using namespace rsa_detail;
  const Bio bio(BIO_new_mem_buf(public_pem.data(), static_cast<int>(public_pem.size())));
  const Key key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  return key && ctx &&
         EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
         EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(), reinterpret_cast<const unsigned char*>(input.data()),
                          input.size()) == 1;
}

}  // namespace cib::test
