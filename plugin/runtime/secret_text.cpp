#include "runtime/secret_text.h"

#include <string.h>

#include <algorithm>
#include <cstring>

namespace cib {

std::string replace_secrets(std::string text, const std::vector<std::string>& secrets,
                            const std::string& mark) {
  for (const std::string& secret : secrets) {
    if (secret.size() < kShortestSecret) continue;
    for (std::size_t at = text.find(secret); at != std::string::npos;
         at = text.find(secret, at + mark.size())) {
      text.replace(at, secret.size(), mark);
    }
  }
  return text;
}

void wipe(std::string& text) {
  // The whole buffer: a shorter value may have overwritten the start of a longer one.
  if (text.capacity() > 0) ::explicit_bzero(text.data(), text.capacity());
  text.clear();
}

namespace {

__attribute__((noinline)) void scrub_below(std::size_t bytes) {
  char* stack = static_cast<char*>(__builtin_alloca(bytes));
  ::explicit_bzero(stack, bytes);
  // Copies of the sizes a secret has: memcpy moves them through the vector registers, which
  // then hold zeros instead of the last secret copied.
  static const char kZeros[128] = {};
  for (std::size_t size : {8u, 16u, 24u, 32u, 48u, 64u, 96u, 128u}) {
    std::memcpy(stack, kZeros, size);
    ::explicit_bzero(stack, size);
  }
  __asm__ __volatile__("" : : "r"(stack) : "memory");
}

}  // namespace

void scrub_stack_and_registers() {
  scrub_below(64 * 1024);
}

}  // namespace cib
