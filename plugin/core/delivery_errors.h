// Why a delivery stops before the provider is done: the spool (checkpoint) or the sender finds
// that the slot is no longer this delivery's to finish. The dispatcher reads both as
// "superseded": the slot stays pending and its newest content is sent by whoever owns it.
#pragma once

#include <stdexcept>

namespace cib {

// Newer content arrived for the slot during a delivery: restart from the newest.
class SupersededError : public std::runtime_error {
 public:
  SupersededError() : std::runtime_error("superseded by a newer update") {}
};

// Another process took the slot's lease over (this one was too slow): stop, it delivers.
class LeaseLostError : public std::runtime_error {
 public:
  LeaseLostError() : std::runtime_error("another process took this slot over") {}
};

}  // namespace cib
