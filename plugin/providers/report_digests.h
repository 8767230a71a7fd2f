// A report as a provider sends it, serialised once, and reduced to the digests RemoteState keeps
// of what the host holds: shared by the hosts whose reports carry annotations by external id.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "model/content.h"
#include "model/remote_state.h"

namespace cib {

// The desired report reduced to digests: the report fields as sent, and each annotation (after
// the cap, in the order it is sent) as (external id, digest of the item as sent).
struct ReportDigests {
  std::string report;
  std::vector<std::pair<std::string, std::string>> annotations;
};

// What is sent, serialised once: digests and request bodies come from the same text.
struct SerialisedReport {
  std::string body;
  std::vector<std::string> items;  // one per annotation
  ReportDigests digests;
};

// How a host writes a report: its fields' body, one annotation item, and the external id an
// annotation is sent with (nullptr: its id).
struct ReportWriter {
  std::string (*body)(const ReportContent& report);
  std::string (*item)(const Annotation& annotation);
  std::string (*external_id)(const std::string& id) = nullptr;
};

SerialisedReport serialise_report(const ReportContent& report, const ReportWriter& writer);

// Indices of the desired annotations the host does not hold as they are (new, changed, or held
// with unknown content).
std::vector<std::size_t> changed_annotations(const ReportDigests& desired,
                                             const RemoteState& remote);

}  // namespace cib
