// The agent's protocol (plugin/agent/agent_protocol.h), on both ends of the socket: the input as
// a request line the agent reads and as a reply line a command reads. A ProtocolError is the
// codec refusing the line, as it should; what it accepts must survive its own encoding, so
// a throw there is a finding.
#include <optional>
#include <variant>

#include "agent_protocol.h"
#include "fuzz_input.h"

namespace {

using cib::agent::ProtocolError;

void read_request(const std::string& line) {
  std::optional<cib::agent::Request> request;
  cib::fuzz::refuse_or_read<ProtocolError>([&] { request = cib::agent::parse_request(line); });
  if (!request) return;
  std::visit([](const auto& r) { cib::agent::parse_request(cib::agent::encode(r)); }, *request);
}

void read_answer(const std::string& line) {
  std::optional<cib::agent::Answer> answer;
  cib::fuzz::refuse_or_read<ProtocolError>([&] { answer = cib::agent::parse_answer(line); });
  if (!answer) return;
  if (answer->info) cib::agent::parse_answer(cib::agent::hello_reply(*answer->info));
  if (answer->settled) cib::agent::parse_answer(cib::agent::settled_reply(*answer->settled));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string line = cib::fuzz::text_of(data, size);
  read_request(line);
  read_answer(line);
  return 0;
}
