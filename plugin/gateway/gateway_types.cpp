#include "gateway/gateway_types.h"

namespace cib::gw {

const char* to_string(ToolPriority priority) {
  return priority == ToolPriority::interactive ? "interactive" : "background";
}

const char* to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::hit:
      return "hit";
    case Outcome::revalidated:
      return "revalidated";
    case Outcome::miss:
      return "miss";
    case Outcome::collapsed:
      return "collapsed";
    case Outcome::stale:
      return "stale";
    case Outcome::passthrough:
      return "passthrough";
    case Outcome::quota:
      return "quota";
    case Outcome::budget:
      return "budget";
    case Outcome::unauthorized:
      return "unauthorized";
    case Outcome::refused:
      return "refused";
    case Outcome::error:
      return "error";
  }
  return "error";
}

}  // namespace cib::gw
