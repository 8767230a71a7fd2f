#include "providers/bitbucket_cloud/page_walk.h"

#include "providers/page_link.h"

namespace cib::bitbucket_cloud {

PageWalk walk_pages(HostExchange& exchange, const std::string& list_target,
                    const std::string& api_url, int max_pages,
                    const std::function<std::string(const std::string& body)>& read_page) {
  HttpRequest request;
  request.method = "GET";
  request.target = list_target + "?pagelen=100";
  for (int page = 0; page < max_pages; ++page) {
    // Only the first page may say the list's owner is missing; later pages must exist.
    const HttpResponse response =
        page == 0 ? exchange.send(request, {404}) : exchange.send(request);
    if (!is_success(response.status)) return PageWalk::absent;
    try {
      const std::string next = read_page(response.body);
      if (next.empty()) return PageWalk::complete;
      request.target = target_from_link(next, api_url);
    } catch (const std::exception& e) {
      throw unreadable_answer(request, response, e.what());
    }
  }
  return PageWalk::truncated;
}

}  // namespace cib::bitbucket_cloud
