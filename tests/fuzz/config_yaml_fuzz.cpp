// A pipeline's YAML configuration: the `cibatch:` mapping read into a store, then the typed
// settings built from it. A ConfigError is the store refusing the text, as it should.
#include "config/config_store.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = cib::fuzz::text_of(data, size);
  cib::fuzz::refuse_or_read<cib::ConfigError>([&] {
    cib::ConfigStore store;
    store.load_yaml(cib::yaml_text_source(text));
    store.settings();
  });
  return 0;
}
