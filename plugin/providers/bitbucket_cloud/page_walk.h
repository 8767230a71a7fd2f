// Bitbucket Cloud's paged lists: the provider asks for 100 values a page (the most the host
// gives) and follows each page's absolute `next` link until the last page.
#pragma once

#include <functional>
#include <string>

#include "providers/host_exchange.h"

namespace cib::bitbucket_cloud {

enum class PageWalk {
  complete,   // every page was read
  truncated,  // stopped at the page limit; the list goes on
  absent,     // the first page answered 404: the list's owner (a report, a PR) does not exist
};

// Reads the list at `list_target` (no query) page by page, at most `max_pages`. `read_page`
// gets each 2xx body and returns the page's `next` link ("" on the last); what it throws
// becomes unreadable_answer. HostError for other answers; TransportError passes through.
PageWalk walk_pages(HostExchange& exchange, const std::string& list_target,
                    const std::string& api_url, int max_pages,
                    const std::function<std::string(const std::string& body)>& read_page);

}  // namespace cib::bitbucket_cloud
