#include "drain_others.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <ostream>

#include "cli_errors.h"
#include "library_json.h"

namespace cib::cli {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::vector<PendingIdentity> pending_identities(const std::string& text) {
  std::vector<PendingIdentity> out;
  const Object::Ptr json = json_object(text, "spool report");
  const Array::Ptr identities = json->getArray("identities");
  for (std::size_t i = 0; !identities.isNull() && i < identities->size(); ++i) {
    const Object::Ptr entry = identities->getObject(static_cast<unsigned>(i));
    if (entry.isNull()) continue;
    PendingIdentity id;
    id.identity = json_field<std::string>(entry, "identity", "");
    id.api_url = json_field<std::string>(entry, "api_url", "");
    id.pending = json_field<std::int64_t>(entry, "pending", 0);
    id.gating = json_field<std::int64_t>(entry, "gating", 0);
    if (id.pending > 0) out.push_back(id);
  }
  return out;
}

std::vector<PendingIdentity> other_identities(const std::string& spool_path,
                                              const std::string& own_api_url,
                                              std::size_t own_left) {
  std::vector<PendingIdentity> others = pending_identities(spool_report(spool_path, 0));
  if (own_left == 0) return others;
  // The spool names identities by hash only; the drain's own is the one of its API URL that
  // holds what the drain reported left (or, failing an exact count, the first of its URL).
  std::size_t own = others.size();
  for (std::size_t i = 0; i < others.size(); ++i) {
    if (others[i].api_url != own_api_url) continue;
    if (own == others.size()) own = i;
    if (others[i].pending == static_cast<std::int64_t>(own_left)) {
      own = i;
      break;
    }
  }
  if (own < others.size()) others.erase(others.begin() + static_cast<std::ptrdiff_t>(own));
  return others;
}

std::int64_t pending_of(const std::vector<PendingIdentity>& others) {
  std::int64_t n = 0;
  for (const PendingIdentity& other : others) n += other.pending;
  return n;
}

void print_others(const std::vector<PendingIdentity>& others, std::ostream& out) {
  out << "cibatch: drain: the spool also holds updates of other identities, which this "
         "configuration cannot deliver:\n";
  for (const PendingIdentity& other : others) {
    out << "  " << (other.api_url.empty() ? "(API URL not recorded)" : other.api_url)
        << " (identity " << other.identity.substr(0, 12) << "): " << other.pending << " pending, "
        << other.gating << " gating\n";
  }
  out << "cibatch: drain: run `cibatch drain` with the configuration of each host above (its "
         "host.api_url, spelt as the pipeline spelt it, and its credential) to deliver them\n";
}

}  // namespace cib::cli
