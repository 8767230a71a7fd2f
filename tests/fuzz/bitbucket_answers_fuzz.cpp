// Bitbucket Cloud's answer bodies, given to every reader: a comment, a page of comments (with its
// `next` link), a Code Insights report, a page of annotations, an error. A std::runtime_error is
// a reader refusing the body, as documented.
#include <stdexcept>

#include "fuzz_input.h"
#include "providers/bitbucket_cloud/answers.h"

namespace bb = cib::bitbucket_cloud;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string body = cib::fuzz::text_of(data, size);
  using Refusal = std::runtime_error;
  cib::fuzz::refuse_or_read<Refusal>([&] { bb::read_comment(body); });
  cib::fuzz::refuse_or_read<Refusal>([&] { bb::read_comment_page(body); });
  cib::fuzz::refuse_or_read<Refusal>([&] { bb::read_report(body); });
  cib::fuzz::refuse_or_read<Refusal>([&] { bb::read_annotation_page(body); });
  bb::error_words(body);
  return 0;
}
