#include "providers/report_digests.h"

#include "runtime/sha256.h"

namespace cib {

SerialisedReport serialise_report(const ReportContent& report, const ReportWriter& writer) {
  SerialisedReport out;
  out.body = writer.body(report);
  out.digests.report = sha256_hex(out.body);
  for (const Annotation& annotation : report.annotations) {
    out.items.push_back(writer.item(annotation));
    const std::string id =
        writer.external_id == nullptr ? annotation.id : writer.external_id(annotation.id);
    out.digests.annotations.emplace_back(id, sha256_hex(out.items.back()));
  }
  return out;
}

std::vector<std::size_t> changed_annotations(const ReportDigests& desired,
                                             const RemoteState& remote) {
  std::vector<std::size_t> items;
  for (std::size_t i = 0; i < desired.annotations.size(); ++i) {
    const auto held = remote.annotations.find(desired.annotations[i].first);
    if (held == remote.annotations.end() || held->second != desired.annotations[i].second) {
      items.push_back(i);
    }
  }
  return items;
}

}  // namespace cib
