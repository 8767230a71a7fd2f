// What an injected fault answers, or does to the answer the endpoints made: the refusals and
// rate-limit answers that replace it, the spoilt bodies, and the connections ended early.
#pragma once

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include "answer.h"
#include "fault_plan.h"
#include "sim_context.h"

namespace cib::sim {

// The answer of a fault that replaces the endpoints' (Fault::replaces_answer()).
Answer injected_answer(const Fault& fault, const SimContext& context,
                       const Poco::Net::HTTPRequest& request);

// The endpoints' answer as a truncated@, not-json@ or wrong-shape@ fault spoils it.
void spoil_answer(const Fault& fault, Answer& answer);

// Ends the connection with no answer: the client sees its request vanish, as when a proxy or
// the host drops it.
void drop_connection(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response);

// cut-body@: sends the status line, the headers (with the full Content-Length) and half the
// body, then ends the connection.
void send_cut_answer(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                     const Answer& answer);

}  // namespace cib::sim
