#include "runtime/secret_text.h"

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

}  // namespace cib
