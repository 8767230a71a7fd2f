// The glue's client behind a Java handle (a jlong): the library's client and the delivery
// listener's slot. The Java side (ClientCore) guards the handle: no call begins once destroy
// may run, so the struct outlives every call that uses it.
#ifndef CIBATCH_JNI_CLIENT_HPP
#define CIBATCH_JNI_CLIENT_HPP

#include <jni.h>

#include <mutex>

#include "cibatch.h"

namespace cibatch_jni {

// The listener's slot, the opaque of the one C delivery callback. bridge is a global reference
// to an org.cibatch.ListenerBridge, or NULL. The callback holds mutex only to take a local
// reference, so a setter may delete the global one while a call of the old listener still runs.
struct ListenerSlot {
  std::mutex mutex;
  jobject bridge = nullptr;
};

struct JniClient {
  cib_client* client = nullptr;
  ListenerSlot listener;
};

inline JniClient* from_handle(jlong handle) {
  return reinterpret_cast<JniClient*>(handle);
}

// Deletes the listener's global reference (after cib_client_destroy: no callback runs).
void release_listener(JNIEnv* env, JniClient* client);

}  // namespace cibatch_jni

#endif
