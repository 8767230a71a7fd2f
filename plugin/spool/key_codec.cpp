// The spool's key formats: slot keys (the primary key, canonical text) and order keys
// (fixed-width big-endian blobs that SQLite compares in OrderKey order).
#include <cstdint>
#include <string>

#include "spool/codec.h"
#include "spool/codec_error.h"

namespace cib {

// A slot key is the kind's letter and four length-prefixed fields:
// "s|8:acme/app|3:abc|1:0|5:build". Lengths are in bytes and written canonically, so one slot has
// exactly one key.
std::string encode_slot_key(const SlotId& id) {
  static const char kLetters[] = {'s', 'c', 'r'};
  std::string key(1, kLetters[static_cast<int>(id.kind)]);
  for (const std::string& field : {id.repo, id.commit, std::to_string(id.pr), id.key}) {
    key += '|';
    key += std::to_string(field.size());
    key += ':';
    key += field;
  }
  return key;
}

namespace {

// Reads "|<len>:<bytes>" at `pos`; a length must be canonical decimal (no sign, no leading 0).
std::string read_slot_field(const std::string& key, std::size_t& pos, const char* name) {
  const auto bad = [name]() { unreadable(std::string("slot key field '") + name + "'"); };
  if (pos >= key.size() || key[pos] != '|') bad();
  std::size_t digits = ++pos;
  std::size_t length = 0;
  while (digits < key.size() && key[digits] >= '0' && key[digits] <= '9' && digits - pos < 10) {
    length = length * 10 + static_cast<std::size_t>(key[digits] - '0');
    ++digits;
  }
  if (digits == pos || digits >= key.size() || key[digits] != ':') bad();
  if (key[pos] == '0' && digits - pos > 1) bad();
  pos = digits + 1;
  if (key.size() - pos < length) bad();
  std::string field = key.substr(pos, length);
  pos += length;
  return field;
}

}  // namespace

SlotId decode_slot_key(const std::string& key) {
  SlotId id;
  const std::string kinds = "scr";
  const std::size_t kind = key.empty() ? std::string::npos : kinds.find(key[0]);
  if (kind == std::string::npos) unreadable("slot key kind");
  id.kind = static_cast<SlotKind>(kind);
  std::size_t pos = 1;
  id.repo = read_slot_field(key, pos, "repo");
  id.commit = read_slot_field(key, pos, "commit");
  const std::string pr = read_slot_field(key, pos, "pr");
  id.key = read_slot_field(key, pos, "key");
  if (pos != key.size()) unreadable("slot key (trailing bytes)");
  try {
    std::size_t used = 0;
    id.pr = std::stoll(pr, &used);
    if (used != pr.size() || std::to_string(id.pr) != pr) unreadable("slot key field 'pr'");
  } catch (const std::logic_error&) {
    unreadable("slot key field 'pr'");
  }
  return id;
}

namespace {

void put_big_endian(std::string& out, std::uint64_t value, int bytes) {
  for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
    out += static_cast<char>((value >> shift) & 0xff);
  }
}

std::uint64_t get_big_endian(const std::string& in, std::size_t pos, int bytes) {
  std::uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) {
    value = (value << 8) | static_cast<unsigned char>(in[pos + static_cast<std::size_t>(i)]);
  }
  return value;
}

// Flipping the sign bit maps int64 order onto unsigned byte order.
constexpr std::uint64_t kSignBit = std::uint64_t{1} << 63;
constexpr std::size_t kOrderKeyBytes = 28;

}  // namespace

std::string encode_order_key(const OrderKey& key) {
  std::string blob;
  blob.reserve(kOrderKeyBytes);
  put_big_endian(blob, static_cast<std::uint64_t>(key.wall_ns) ^ kSignBit, 8);
  put_big_endian(blob, key.machine, 8);
  put_big_endian(blob, key.pid, 4);
  put_big_endian(blob, key.counter, 8);
  return blob;
}

OrderKey decode_order_key(const std::string& blob) {
  if (blob.size() != kOrderKeyBytes) unreadable("order key (not 28 bytes)");
  OrderKey key;
  key.wall_ns = static_cast<std::int64_t>(get_big_endian(blob, 0, 8) ^ kSignBit);
  key.machine = get_big_endian(blob, 8, 8);
  key.pid = static_cast<std::uint32_t>(get_big_endian(blob, 16, 4));
  key.counter = get_big_endian(blob, 20, 8);
  return key;
}

}  // namespace cib
