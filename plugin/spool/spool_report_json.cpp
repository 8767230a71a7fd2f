// The JSON form of a spool report, as cib_spool_check hands it out.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>

#include "spool/spool_doctor.h"

namespace cib {

std::string to_json(const SpoolReport& report) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  object.set("path", report.path);
  object.set("exists", report.exists);
  object.set("healthy", report.healthy);
  object.set("schema_version", report.schema_version);
  object.set("pending", report.pending);
  object.set("gating", report.gating);
  object.set("delivered", report.delivered);
  object.set("leased", report.leased);
  Poco::JSON::Array::Ptr identities = new Poco::JSON::Array;
  for (const SpoolIdentity& entry : report.identities) {
    Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    item->set("identity", entry.identity);
    item->set("api_url", entry.api_url);
    item->set("pending", entry.pending);
    item->set("gating", entry.gating);
    identities->add(item);
  }
  object.set("identities", identities);
  Poco::JSON::Array::Ptr problems = new Poco::JSON::Array;
  for (const std::string& sentence : report.problems) problems->add(sentence);
  object.set("problems", problems);
  object.set("moved_to", report.moved_to);
  std::ostringstream out;
  object.stringify(out);
  return out.str();
}

}  // namespace cib
