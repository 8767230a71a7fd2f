// forge-sim started as Bitbucket Data Center (--host bitbucket-dc) and a client for its /rest
// endpoints.
#pragma once

#include <string>
#include <utility>

#include "forge_sim.h"
#include "sim_client.h"

namespace cib::test {

inline ForgeSimOptions dc_options(ForgeSimOptions options = {}) {
  options.host = "bitbucket-dc";
  return options;
}

struct DcSim {
  explicit DcSim(ForgeSimOptions options = {})
      : sim(dc_options(std::move(options))), client(sim.origin()) {}

  // An absolute URL of a path under /rest ("/api/latest/projects/...").
  std::string rest(const std::string& path) const { return sim.origin() + "/rest" + path; }

  ForgeSim sim;
  SimClient client;  // Authorization: Bearer test-token
};

// The repository PRJ/web under /api/latest and its commit abc123's report "lint".
inline const std::string kDcRepo = "/api/latest/projects/PRJ/repos/web";
inline const std::string kDcReport =
    "/insights/latest/projects/PRJ/repos/web/commits/abc123/reports/lint";

// The first message of DC's error answer: {"errors":[{"message":"…"}]}.
inline std::string dc_message(const Reply& reply) {
  return reply.json()->getArray("errors")->getObject(0)->getValue<std::string>("message");
}

inline std::string dc_exception(const Reply& reply) {
  return reply.json()->getArray("errors")->getObject(0)->optValue<std::string>("exceptionName", "");
}

}  // namespace cib::test
