#include "providers/bitbucket_cloud/held_report.h"

#include "providers/bitbucket_cloud/answers.h"
#include "providers/bitbucket_cloud/bodies.h"
#include "providers/bitbucket_cloud/page_walk.h"
#include "providers/bitbucket_cloud/targets.h"
#include "runtime/sha256.h"

namespace cib::bitbucket_cloud {

namespace {

// The host keeps at most 1000 annotations a report: 10 pages. A longer list is not the host's.
constexpr int kMaxAnnotationPages = 20;

HttpRequest get_request(const std::string& target) {
  HttpRequest request;
  request.method = "GET";
  request.target = target;
  return request;
}

// Whether the report exists; its digest when the provider could have sent it ("" otherwise).
bool read_held_report(const SlotId& slot, HostExchange& exchange, std::string& digest) {
  const HttpRequest request = get_request(report_target(slot.repo, slot.commit, slot.key));
  const HttpResponse response = exchange.send(request, {404, 410});
  if (!is_success(response.status)) return false;
  try {
    const ReportAnswer held = read_report(response.body);
    digest = held.understood ? report_digest(held.report) : "";
  } catch (const std::exception& e) {
    throw unreadable_answer(request, response, e.what());
  }
  return true;
}

}  // namespace

std::string report_digest(const ReportContent& report) {
  return sha256_hex(report_body(report));
}

std::string annotation_digest(const Annotation& annotation) {
  return sha256_hex(annotation_item(annotation));
}

void learn_held_report(const SlotId& slot, const std::string& api_url, RemoteState& remote,
                       HostExchange& exchange) {
  std::string digest;
  const bool exists = read_held_report(slot, exchange, digest);
  std::map<std::string, std::string> annotations;
  if (exists) {
    walk_pages(exchange, annotations_target(slot.repo, slot.commit, slot.key), api_url,
               kMaxAnnotationPages, [&annotations](const std::string& body) {
                 const AnnotationPage page = read_annotation_page(body);
                 for (const AnnotationAnswer& held : page.annotations) {
                   annotations[held.annotation.id] =
                       held.understood ? annotation_digest(held.annotation) : "";
                 }
                 return page.next;
               });
  }
  remote.report_known = exists && !digest.empty();
  remote.report_digest = remote.report_known ? digest : "";
  remote.annotations = std::move(annotations);
  remote.host_known = true;
}

}  // namespace cib::bitbucket_cloud
