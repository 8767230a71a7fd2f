// Conditional GETs, as the hosts answer them: a 200 answer to a GET carries an ETag (a digest
// of its body), and a request whose If-None-Match names it gets a 304 without a body.
#pragma once

#include <string>

#include "answer.h"

namespace cib::sim {

// Adds the ETag to a 200 answer to a GET; when `if_none_match` names it (or is "*"), the answer
// becomes a 304 without a body and true is returned.
bool apply_etag(const std::string& method, const std::string& if_none_match, Answer& answer);

}  // namespace cib::sim
