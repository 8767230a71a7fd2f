// The Authorization header for the configured credential. The value is a secret.
#pragma once

#include <string>

#include "config/settings.h"

namespace cib {

std::string authorization_header(const Settings& settings);

}  // namespace cib
