// A key written into a marker line that the host keeps in a comment's text (a keyed comment's
// marker, a summary comment's section markers) and read back by a process that never saw the
// key: the marker stays one line whatever the key holds.
#pragma once

#include <string>

namespace cib {

// Control characters (C0, DEL, C1) and Unicode line breaks become %XX, and so does a '%' that
// would read as such an escape; every other key is written as it is, as earlier versions wrote
// it, so markers already on the host are found again.
std::string encode_marker_key(const std::string& key);

// The key of an encoded marker text: decode_marker_key(encode_marker_key(k)) == k for every k.
std::string decode_marker_key(const std::string& text);

}  // namespace cib
