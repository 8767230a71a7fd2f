// One API request from arrival to answer: fault injection, authentication, rate limiting,
// validation against the API description, the endpoint itself, and the request log.
#pragma once

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include "sim_context.h"

namespace cib::sim {

void serve_api_request(SimContext& context, Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response);

}  // namespace cib::sim
