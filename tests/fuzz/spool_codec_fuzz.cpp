// The decoders of a spool row's columns, as a damaged or hand-edited spool file could hold them:
// the slot key, each kind's content, the order key blob and the remote state. Every decoder gets
// the whole input. A SpoolError is the decoder refusing the column, as it should; a value that
// decodes must encode to text that decodes to the same value.
#include <cstdlib>

#include "fuzz_input.h"
#include "spool/codec.h"
#include "spool/spool_error.h"

namespace {

template <typename Decode>
void decode_or_refuse(Decode decode) {
  cib::fuzz::refuse_or_read<cib::SpoolError>(decode);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = cib::fuzz::text_of(data, size);
  decode_or_refuse([&] {
    const cib::SlotId id = cib::decode_slot_key(text);
    if (!(cib::decode_slot_key(cib::encode_slot_key(id)) == id)) std::abort();
  });
  for (const cib::SlotKind kind :
       {cib::SlotKind::status, cib::SlotKind::comment, cib::SlotKind::report}) {
    decode_or_refuse([&] {
      const cib::Content content = cib::decode_content(kind, text);
      if (!(cib::decode_content(kind, cib::encode_content(content)) == content)) std::abort();
    });
  }
  decode_or_refuse([&] { cib::decode_order_key(text); });
  decode_or_refuse([&] { cib::decode_remote(text); });
  return 0;
}
