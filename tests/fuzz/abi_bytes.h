// Reads a fuzz input as the arguments of C ABI calls: small numbers, texts that may be NULL, and
// choices from a list. Past the end every read gives zero, so any input decodes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>

namespace cib::fuzz {

class AbiBytes {
 public:
  AbiBytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

  bool done() const { return at_ >= size_; }

  std::uint8_t byte() { return at_ < size_ ? data_[at_++] : 0; }

  std::uint32_t u32() {
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) value = (value << 8) | byte();
    return value;
  }

  // A text of up to 254 bytes (its length first), kept alive until this object dies; a length
  // byte of 255 reads NULL.
  const char* text_or_null() {
    const std::uint8_t length = byte();
    if (length == 255) return nullptr;
    return keep(take(length));
  }

  // The same, never NULL.
  const char* text() {
    const char* read = text_or_null();
    return read != nullptr ? read : "";
  }

  // Bytes kept alive until this object dies: a NUL is appended.
  const char* keep(std::string text) { return kept_.emplace_back(std::move(text)).c_str(); }

  template <typename T, std::size_t N>
  const T& choose(const T (&choices)[N]) {
    return choices[byte() % N];
  }

 private:
  std::string take(std::size_t length) {
    std::string taken;
    while (taken.size() < length && !done()) taken.push_back(static_cast<char>(byte()));
    return taken;
  }

  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t at_ = 0;
  std::deque<std::string> kept_;
};

}  // namespace cib::fuzz
