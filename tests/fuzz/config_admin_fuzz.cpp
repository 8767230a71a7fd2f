// The administrator's file and a pipeline's settings over it. The input is the administrator's
// YAML, a NUL byte, then the pipeline's YAML. The administrator's file is a real file
// ($CIBATCH_ADMIN_CONFIG), rewritten for each input, in a folder of this process's own. A
// ConfigError is the store refusing the text, as it should.
#include <cstdlib>
#include <fstream>

#include "config/config_store.h"
#include "fuzz_input.h"
#include "temp_dir.h"

namespace {

// The administrator's file, named in $CIBATCH_ADMIN_CONFIG; its folder is removed at exit.
class AdminFile {
 public:
  AdminFile() : folder_("cib-fuzz-admin"), path_(folder_.file("cibatch.yml")) {
    setenv("CIBATCH_ADMIN_CONFIG", path_.c_str(), 1);
  }
  void write(const std::string& text) const {
    std::ofstream(path_, std::ios::binary | std::ios::trunc) << text;
  }

 private:
  cib::test::TempDir folder_;
  std::string path_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const AdminFile admin_file;
  const auto texts = cib::fuzz::split_at_nul(cib::fuzz::text_of(data, size));
  const std::string& pipeline = texts.second;
  admin_file.write(texts.first);
  cib::fuzz::refuse_or_read<cib::ConfigError>([&] {
    cib::ConfigStore store;
    store.load_admin_layer();
    store.load_yaml(cib::yaml_text_source(pipeline));
    store.settings();
  });
  return 0;
}
