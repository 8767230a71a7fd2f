#include "config/settings.h"

#include "config/property_table.h"
#include "runtime/secret_text.h"

namespace cib {

Settings::Settings() {
  for (const Property& p : property_table()) {
    // A required key has no default; its field keeps its initialiser until settings() fills it.
    if (!p.required) p.field.assign(p, *this, p.default_value);
  }
}

Settings::~Settings() {
  wipe(auth_token);
  wipe(auth_password);
  wipe(sonar_token);
  wipe(budget_shared);
}

Settings without_credential(const Settings& s) {
  Settings out = s;
  wipe(out.auth_token);
  wipe(out.auth_password);
  return out;
}

const char* to_string(HostKind k) {
  switch (k) {
    case HostKind::bitbucket_cloud:
      return "bitbucket-cloud";
    case HostKind::bitbucket_dc:
      return "bitbucket-dc";
    case HostKind::github:
      return "github";
    case HostKind::gitlab:
      return "gitlab";
  }
  return "unknown";
}

}  // namespace cib

namespace cib {

const char* default_api_url(HostKind k) {
  switch (k) {
    case HostKind::bitbucket_cloud:
      return "https://api.bitbucket.org/2.0";
    case HostKind::github:
      return "https://api.github.com";
    case HostKind::gitlab:
      return "https://gitlab.com/api/v4";
    case HostKind::bitbucket_dc:
      break;
  }
  return "";
}

}  // namespace cib
