#include "sim_options.h"

#include <Poco/NumberParser.h>

#include <stdexcept>

namespace cib::sim {
namespace {

int parse_number(const std::string& option, const std::string& text, int minimum) {
  int value = 0;
  if (!Poco::NumberParser::tryParse(text, value) || value < minimum) {
    throw std::invalid_argument(option + ": expected an integer >= " + std::to_string(minimum) +
                                ", got \"" + text + "\"");
  }
  return value;
}

// GitHub's options; false when `option` is none of them.
template <class Value>
bool parse_github_option(const std::string& option, Value value, SimOptions& options) {
  if (option == "--github-app-id") {
    options.github_app_id = parse_number(option, value(), 1);
  } else if (option == "--github-app-public-key") {
    options.github_app_public_key = value();
  } else if (option == "--github-token-ttl-s") {
    options.github_token_ttl_s = parse_number(option, value(), 1);
  } else if (option == "--github-writes-per-minute") {
    options.github_writes_per_minute = parse_number(option, value(), 0);
  } else if (option == "--github-max-concurrent") {
    options.github_max_concurrent = parse_number(option, value(), 0);
  } else {
    return false;
  }
  return true;
}

// "WS:N:PRS", e.g. "acme:25:3".
RepoSeed parse_repo_seed(const std::string& text) {
  const auto first = text.find(':');
  const auto last = text.rfind(':');
  if (first == std::string::npos || first == last || first == 0) {
    throw std::invalid_argument(
        "--seed-repos: expected WORKSPACE:REPOSITORIES:PULL_REQUESTS, got \"" + text + "\"");
  }
  RepoSeed seed;
  seed.workspace = text.substr(0, first);
  seed.repositories = parse_number("--seed-repos", text.substr(first + 1, last - first - 1), 1);
  seed.pull_requests = parse_number("--seed-repos", text.substr(last + 1), 0);
  return seed;
}

}  // namespace

const char* usage_text() {
  return "usage: forge-sim [--host bitbucket-cloud|gitlab|bitbucket-dc|github] "
         "[--dc-legacy-builds] "
         "[--tls --cert FILE --key FILE] [--port N] "
         "[--rate-limit N --rate-window-s S] [--no-retry-after] [--report-put keep|drop] "
         "[--faults SPEC] [--log FILE.jsonl] [--state-out FILE.json] [--spec FILE] "
         "[--require-token TOKEN] [--sonar-token TOKEN] [--github-app-id N "
         "--github-app-public-key FILE] [--github-token-ttl-s S] [--github-writes-per-minute N] "
         "[--github-max-concurrent N] [--latency-ms MS] [--seed-repos WS:N:PRS ...]";
}

SimOptions parse_options(int argc, const char* const* argv) {
  SimOptions options;
  bool report_put_given = false;
  for (int i = 1; i < argc; ++i) {
    const std::string option = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(option + ": expected a value");
      return argv[++i];
    };
    if (option == "--host") {
      options.host = value();
      if (options.host != kHostBitbucketCloud && options.host != kHostGitlab &&
          options.host != kHostBitbucketDc && options.host != kHostGithub) {
        throw std::invalid_argument(
            "--host: expected bitbucket-cloud, gitlab, bitbucket-dc or github, got \"" +
            options.host + "\"");
      }
    } else if (option == "--tls") {
      options.tls = true;
    } else if (option == "--cert") {
      options.cert_file = value();
    } else if (option == "--key") {
      options.key_file = value();
    } else if (option == "--port") {
      options.port = parse_number(option, value(), 0);
    } else if (option == "--rate-limit") {
      options.rate_limit = parse_number(option, value(), 0);
    } else if (option == "--latency-ms") {
      options.latency_ms = parse_number(option, value(), 0);
    } else if (option == "--rate-window-s") {
      options.rate_window_s = parse_number(option, value(), 1);
    } else if (option == "--no-retry-after") {
      options.retry_after = false;
    } else if (option == "--report-put") {
      const std::string mode = value();
      if (mode != "keep" && mode != "drop") {
        throw std::invalid_argument("--report-put: expected keep or drop, got \"" + mode + "\"");
      }
      options.keep_annotations_on_report_put = mode == "keep";
      report_put_given = true;
    } else if (option == "--dc-legacy-builds") {
      options.dc_legacy_builds = true;
    } else if (option == "--faults") {
      options.faults = value();
    } else if (option == "--log") {
      options.log_file = value();
    } else if (option == "--state-out") {
      options.state_out = value();
    } else if (option == "--spec") {
      options.spec_file = value();
    } else if (option == "--require-token") {
      options.require_token = value();
    } else if (option == "--sonar-token") {
      options.sonar_token = value();
    } else if (option == "--seed-repos") {
      options.repo_seeds.push_back(parse_repo_seed(value()));
    } else if (parse_github_option(option, value, options)) {
    } else {
      throw std::invalid_argument("unknown option \"" + option + "\"");
    }
  }
  // A PUT of a report keeps its annotations on Data Center.
  if (plays_bitbucket_dc(options) && !report_put_given) {
    options.keep_annotations_on_report_put = true;
  }
  if (options.tls && (options.cert_file.empty() || options.key_file.empty())) {
    throw std::invalid_argument("--tls needs --cert FILE and --key FILE");
  }
#ifdef CIB_FORGE_SIM_SPEC_DIR
  if (options.spec_file.empty()) {
    options.spec_file = std::string(CIB_FORGE_SIM_SPEC_DIR) + "/" + options.host + ".json";
  }
#endif
  if (options.spec_file.empty()) throw std::invalid_argument("--spec FILE is required");
  if (options.port > 65535) throw std::invalid_argument("--port: expected at most 65535");
  return options;
}

}  // namespace cib::sim
