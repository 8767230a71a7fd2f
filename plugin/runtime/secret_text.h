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

}  // namespace cib
