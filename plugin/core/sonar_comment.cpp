#include "core/sonar_comment.h"

namespace cib {

std::optional<Update> sonar_comment_update(const Update&, std::int64_t) {
  return std::nullopt;
}

}  // namespace cib
