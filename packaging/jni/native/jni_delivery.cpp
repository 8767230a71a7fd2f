// Delivery reports: the one C callback of a client, the listener it calls, and poll.
//
// cib_client_poll runs the callback on the thread that polls, which is the Java thread inside
// NativeClient.poll, so the callback uses that thread's JNIEnv (kept in a thread-local scope for
// the poll). A listener that throws does not stop the poll: the glue clears the exception,
// keeps the first one, serves the remaining reports, and rethrows it once poll returns.
#include <jni.h>

#include "cibatch.h"
#include "jni_client.hpp"
#include "jni_support.hpp"

using cibatch_jni::from_handle;
using cibatch_jni::guarded;
using cibatch_jni::JniClient;
using cibatch_jni::kErrSize;
using cibatch_jni::ListenerSlot;

namespace {

// One poll on this thread: its JNIEnv and the first throwable a listener threw.
struct PollScope {
  JNIEnv* env;
  jthrowable first;
};
thread_local PollScope* current_poll = nullptr;

// After a call into Java: keeps the first pending throwable (a global reference), clears it.
// True when one was pending.
bool keep_thrown(PollScope* scope) {
  JNIEnv* env = scope->env;
  if (!env->ExceptionCheck()) {
    return false;
  }
  jthrowable thrown = env->ExceptionOccurred();
  env->ExceptionClear();
  if (scope->first == nullptr && thrown != nullptr) {
    scope->first = static_cast<jthrowable>(env->NewGlobalRef(thrown));
  }
  env->DeleteLocalRef(thrown);
  return true;
}

// Calls bridge.deliver(...) with the report's values; every local reference is dropped again.
void call_bridge(PollScope* scope, jobject bridge, const cib_delivery* d) {
  JNIEnv* env = scope->env;
  if (env->PushLocalFrame(8) != 0) {
    keep_thrown(scope);
    return;
  }
  jclass type = env->GetObjectClass(bridge);
  jmethodID deliver = env->GetMethodID(type, "deliver", "(JI[B[BJ[BII[B)V");
  jbyteArray repo = deliver ? cibatch_jni::new_bytes(env, cib_delivery_repo(d)) : nullptr;
  jbyteArray commit = repo ? cibatch_jni::new_bytes(env, cib_delivery_commit(d)) : nullptr;
  jbyteArray key = commit ? cibatch_jni::new_bytes(env, cib_delivery_key(d)) : nullptr;
  jbyteArray message = key ? cibatch_jni::new_bytes(env, cib_delivery_message(d)) : nullptr;
  if (message != nullptr) {
    env->CallVoidMethod(bridge, deliver, static_cast<jlong>(cib_delivery_tag(d)),
                        cib_delivery_kind(d), repo, commit, static_cast<jlong>(cib_delivery_pr(d)),
                        key, cib_delivery_outcome(d), cib_delivery_http_status(d), message);
  }
  keep_thrown(scope);
  env->PopLocalFrame(nullptr);
}

void on_delivery(void* opaque, const cib_delivery* delivery) noexcept {
  PollScope* scope = current_poll;
  if (scope == nullptr) {
    return;  // only cib_client_poll runs callbacks, and only NativeClient.poll calls it
  }
  try {
    auto* slot = static_cast<ListenerSlot*>(opaque);
    jobject bridge = nullptr;
    {
      std::lock_guard<std::mutex> lock(slot->mutex);
      bridge = slot->bridge == nullptr ? nullptr : scope->env->NewLocalRef(slot->bridge);
    }
    if (bridge != nullptr) {
      call_bridge(scope, bridge, delivery);
      scope->env->DeleteLocalRef(bridge);
    }
  } catch (...) {
    // Nothing in here throws but std::mutex; a report is then lost, the poll goes on.
  }
}

}  // namespace

namespace cibatch_jni {

void release_listener(JNIEnv* env, JniClient* client) {
  std::lock_guard<std::mutex> lock(client->listener.mutex);
  if (client->listener.bridge != nullptr) {
    env->DeleteGlobalRef(client->listener.bridge);
    client->listener.bridge = nullptr;
  }
}

}  // namespace cibatch_jni

extern "C" {

// Swaps the bridge first, then sets or clears the C callback, which decides only whether
// reports are queued. A call of the old listener still running holds its own local reference.
JNIEXPORT void JNICALL Java_org_cibatch_NativeClient_setListener(JNIEnv* env, jclass, jlong handle,
                                                                 jobject bridge) {
  guarded(env, 0, [&] {
    JniClient* client = from_handle(handle);
    jobject fresh = bridge == nullptr ? nullptr : env->NewGlobalRef(bridge);
    if (bridge != nullptr && fresh == nullptr) {
      return 0;  // OutOfMemoryError is pending
    }
    jobject old = nullptr;
    {
      std::lock_guard<std::mutex> lock(client->listener.mutex);
      old = client->listener.bridge;
      client->listener.bridge = fresh;
    }
    if (old != nullptr) {
      env->DeleteGlobalRef(old);
    }
    char err[kErrSize];
    const cib_status status =
        cib_client_set_delivery_cb(client->client, fresh ? on_delivery : nullptr,
                                   fresh ? &client->listener : nullptr, err, sizeof err);
    if (status != CIB_OK) {
      cibatch_jni::release_listener(env, client);
      cibatch_jni::throw_status(env, status, err);
    }
    return 0;
  });
}

JNIEXPORT jint JNICALL Java_org_cibatch_NativeClient_poll(JNIEnv* env, jclass, jlong handle,
                                                          jint timeout_ms) {
  return guarded(env, jint{0}, [&] {
    PollScope scope{env, nullptr};
    PollScope* outer = current_poll;  // a listener may poll another client
    current_poll = &scope;
    char err[kErrSize];
    size_t served = 0;
    const cib_status status =
        cib_client_poll(from_handle(handle)->client, timeout_ms, &served, err, sizeof err);
    current_poll = outer;
    if (scope.first != nullptr) {
      env->Throw(scope.first);
      env->DeleteGlobalRef(scope.first);
    } else if (status != CIB_OK) {
      cibatch_jni::throw_status(env, status, err);
    }
    return static_cast<jint>(served);
  });
}

}  // extern "C"
