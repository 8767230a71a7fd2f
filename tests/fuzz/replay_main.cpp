// Feeds files to a fuzz target's LLVMFuzzerTestOneInput without libFuzzer: every file named, and
// every file of every folder named (a folder that does not exist has no inputs). What libFuzzer
// would report as a crash fails here the same way: an uncaught exception, an abort, a
// sanitizer report where the build has one.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> inputs_of(const fs::path& named) {
  std::vector<fs::path> inputs;
  std::error_code error;
  if (fs::is_directory(named, error)) {
    for (const auto& entry : fs::directory_iterator(named)) {
      if (entry.is_regular_file()) inputs.push_back(entry.path());
    }
    std::sort(inputs.begin(), inputs.end());
  } else if (fs::exists(named, error)) {
    inputs.push_back(named);
  }
  return inputs;
}

void run(const fs::path& input) {
  std::ifstream in(input, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::cout << "input " << input.filename().string() << " (" << bytes.size() << " bytes)"
            << std::endl;
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 0;
  for (int i = 1; i < argc; ++i) {
    for (const fs::path& input : inputs_of(argv[i])) {
      run(input);
      ++count;
    }
  }
  if (count == 0) {
    std::cerr << "no inputs: name files or folders that hold some" << std::endl;
    return 1;
  }
  std::cout << count << " inputs replayed, none failed" << std::endl;
  return 0;
}
