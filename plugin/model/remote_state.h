// RemoteState: a provider records it as it delivers, the spool keeps it, so a delivery that
// failed half-way resumes where it stopped.
#pragma once

#include <map>
#include <string>

namespace cib {

// What this process knows the host holds for one slot, beyond the delivered content.
struct RemoteState {
  std::string remote_id;          // comment id
  bool create_ambiguous = false;  // a create may have reached the host: reconcile before creating
  // What the host holds was learned (looked up, or written by this spool's owners). False for a
  // slot nobody here has written, whose comment or report another agent may have made: it is
  // looked up once before anything is created.
  bool host_known = false;
  bool report_known = false;  // the report exists on the host with report_digest
  std::string report_digest;
  // Annotation external id -> digest of the content the host holds; "" = may exist, content
  // unknown.
  std::map<std::string, std::string> annotations;
};

}  // namespace cib
