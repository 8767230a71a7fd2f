// GitLab's answer bodies, given to every reader: a note, a list of notes, a commit's merge
// requests, an error message and the status transition refusal. A std::runtime_error is a
// reader refusing the body, as documented.
#include <stdexcept>

#include "fuzz_input.h"
#include "providers/gitlab/answers.h"

namespace gl = cib::gitlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string body = cib::fuzz::text_of(data, size);
  using Refusal = std::runtime_error;
  cib::fuzz::refuse_or_read<Refusal>([&] { gl::read_note(body); });
  cib::fuzz::refuse_or_read<Refusal>([&] { gl::read_notes(body); });
  cib::fuzz::refuse_or_read<Refusal>([&] { gl::read_merge_requests(body); });
  gl::transition_from_state(gl::error_message(body));
  gl::transition_from_state(body);
  return 0;
}
