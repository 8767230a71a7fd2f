// Secret values taken out of a text that may reach a message, a log line or a delivery report:
// the one replacement that the configuration's messages and the host's answers both use.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace cib {

// Values shorter than this are left alone: replacing them would garble the text and hide
// nothing.
constexpr std::size_t kShortestSecret = 4;

// `text` with every occurrence of each secret replaced by `mark`. Give the longest secrets
// first when one may contain another.
std::string replace_secrets(std::string text, const std::vector<std::string>& secrets,
                            const std::string& mark);

// Overwrites text's bytes (in a way the compiler keeps) and empties it: for a copy of a secret
// that is about to be freed, so that no freed memory (or a core dump) still holds it.
void wipe(std::string& text);

// Overwrites the stack below the caller's frame (what returned calls left there: a register
// saved while the dynamic linker resolved a symbol, a copy's buffer) and the vector registers
// a short copy uses. Called by the code that just held a secret in plain text.
void scrub_stack_and_registers();

// Strings that are wiped when the list goes: secrets gathered for one redaction.
struct WipedStrings {
  std::vector<std::string> items;
  WipedStrings() = default;
  WipedStrings(const WipedStrings&) = delete;
  WipedStrings& operator=(const WipedStrings&) = delete;
  ~WipedStrings() {
    for (std::string& item : items) wipe(item);
  }
};

}  // namespace cib
