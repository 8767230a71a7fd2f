// How slots, contents, order keys and remote state are written into the spool: compact JSON for
// values (Poco::JSON), a fixed-width big-endian blob for order keys so that SQLite compares them
// with memcmp in the same order as OrderKey::operator<.
#pragma once

#include <string>

#include "model/content.h"
#include "model/order_key.h"
#include "model/remote_state.h"

namespace cib {

// A canonical text key of a slot (kind, repo, commit, pr, key), unique per slot, used as the
// spool's primary key together with the identity. decode_slot_key(encode_slot_key(x)) == x.
std::string encode_slot_key(const SlotId& id);
SlotId decode_slot_key(const std::string& key);

// The content of a slot of `kind`. decode_content(k, encode_content(c)) == c.
std::string encode_content(const Content& content);
Content decode_content(SlotKind kind, const std::string& text);

// 28 bytes: wall_ns (sign bit flipped), machine, pid, counter, each big-endian.
std::string encode_order_key(const OrderKey& key);
OrderKey decode_order_key(const std::string& blob);

std::string encode_remote(const RemoteState& remote);
RemoteState decode_remote(const std::string& text);

// Every decode_* throws SpoolError(Kind::not_sqlite) for text it cannot read, naming the field.

}  // namespace cib
