// JNI entries of org.cibatch.NativeClient that open, flush, close and read a client.
#include <jni.h>

#include <memory>
#include <string>

#include "cibatch.h"
#include "jni_client.hpp"
#include "jni_support.hpp"

using cibatch_jni::from_handle;
using cibatch_jni::guarded;
using cibatch_jni::JniClient;
using cibatch_jni::kErrSize;
using cibatch_jni::Texts;
using cibatch_jni::throw_status;

namespace {

struct ConfigDeleter {
  void operator()(cib_config* conf) const { cib_config_destroy(conf); }
};
using Config = std::unique_ptr<cib_config, ConfigDeleter>;

// Builds a configuration with apply(conf, err) and opens a client from it; 0 with a thrown
// CiBatchException when the library refuses either.
template <class Apply>
jlong open_client(JNIEnv* env, Apply&& apply) {
  char err[kErrSize];
  cib_config* raw = nullptr;
  cib_status status = cib_config_new(&raw, err, sizeof err);
  Config conf(raw);
  if (status == CIB_OK) {
    status = apply(conf.get(), err);
  }
  if (env->ExceptionCheck()) {
    return 0;
  }
  auto client = std::make_unique<JniClient>();
  if (status == CIB_OK) {
    status = cib_client_new(&client->client, conf.get(), err, sizeof err);
  }
  if (status != CIB_OK) {
    throw_status(env, status, err);
    return 0;
  }
  return reinterpret_cast<jlong>(client.release());
}

// Copies a JSON answer of fetch(buf, size, needed, err, err_size) into a Java byte[].
template <class Fetch>
jbyteArray json(JNIEnv* env, Fetch&& fetch) {
  char err[kErrSize];
  std::string buf(4096, '\0');
  size_t needed = 0;
  cib_status status = fetch(buf.data(), buf.size(), &needed, err, sizeof err);
  while (status == CIB_ERR_BUFFER_TOO_SMALL && needed > buf.size()) {
    buf.assign(needed, '\0');
    status = fetch(buf.data(), buf.size(), &needed, err, sizeof err);
  }
  if (status != CIB_OK) {
    throw_status(env, status, err);
    return nullptr;
  }
  return cibatch_jni::new_bytes(env, buf.c_str());
}

}  // namespace

extern "C" {

JNIEXPORT jbyteArray JNICALL Java_org_cibatch_NativeClient_version(JNIEnv* env, jclass) {
  return guarded(env, jbyteArray{}, [&] { return cibatch_jni::new_bytes(env, cib_version_str()); });
}

JNIEXPORT jlong JNICALL Java_org_cibatch_NativeClient_openFile(JNIEnv* env, jclass,
                                                               jbyteArray path) {
  return guarded(env, jlong{0}, [&] {
    std::string text;
    const bool given = cibatch_jni::copy_bytes(env, path, &text);
    return open_client(env, [&](cib_config* conf, char* err) {
      return cib_config_load_yaml_file(conf, given ? text.c_str() : nullptr, err, kErrSize);
    });
  });
}

JNIEXPORT jlong JNICALL Java_org_cibatch_NativeClient_openText(JNIEnv* env, jclass,
                                                               jbyteArray yaml) {
  return guarded(env, jlong{0}, [&] {
    std::string text;
    const bool given = cibatch_jni::copy_bytes(env, yaml, &text);
    return open_client(env, [&](cib_config* conf, char* err) {
      // The exact length: a NUL inside the text is refused rather than silently cut there.
      return cib_config_load_yaml_text(conf, given ? text.c_str() : nullptr, text.size(), err,
                                       kErrSize);
    });
  });
}

JNIEXPORT jlong JNICALL Java_org_cibatch_NativeClient_openSettings(JNIEnv* env, jclass,
                                                                   jobjectArray pairs) {
  return guarded(env, jlong{0}, [&] {
    const Texts texts(env, pairs);
    return open_client(env, [&](cib_config* conf, char* err) {
      cib_status status = CIB_OK;
      for (size_t i = 0; status == CIB_OK && i + 1 < texts.size(); i += 2) {
        status = cib_config_set(conf, texts[i], texts[i + 1], err, kErrSize);
      }
      return status;
    });
  });
}

JNIEXPORT jboolean JNICALL Java_org_cibatch_NativeClient_flush(JNIEnv* env, jclass, jlong handle,
                                                               jlong tag, jint timeout_ms) {
  return guarded(env, jboolean{JNI_FALSE}, [&] {
    char err[kErrSize];
    const cib_status status =
        cib_client_flush(from_handle(handle)->client, static_cast<uint64_t>(tag), timeout_ms,
                         nullptr, err, sizeof err);
    if (status == CIB_OK) {
      return jboolean{JNI_TRUE};
    }
    if (status != CIB_ERR_TIMED_OUT && status != CIB_ERR_UNDELIVERED) {
      throw_status(env, status, err);
    }
    return jboolean{JNI_FALSE};
  });
}

JNIEXPORT jlongArray JNICALL Java_org_cibatch_NativeClient_close(JNIEnv* env, jclass,
                                                                 jlong handle) {
  return guarded(env, jlongArray{}, [&]() -> jlongArray {
    char err[kErrSize];
    size_t left = 0;
    size_t gating = 0;
    const cib_status status =
        cib_client_close(from_handle(handle)->client, &left, &gating, err, sizeof err);
    if (status != CIB_OK && status != CIB_ERR_TIMED_OUT && status != CIB_ERR_UNDELIVERED) {
      throw_status(env, status, err);
      return nullptr;
    }
    jlongArray out = env->NewLongArray(2);
    if (out != nullptr) {
      const jlong values[2] = {static_cast<jlong>(left), static_cast<jlong>(gating)};
      env->SetLongArrayRegion(out, 0, 2, values);
    }
    return out;
  });
}

JNIEXPORT void JNICALL Java_org_cibatch_NativeClient_destroy(JNIEnv* env, jclass, jlong handle) {
  guarded(env, 0, [&] {
    std::unique_ptr<JniClient> client(from_handle(handle));
    if (client) {
      cib_client_destroy(client->client);  // clears the callback, waiting for running calls
      cibatch_jni::release_listener(env, client.get());
    }
    return 0;
  });
}

JNIEXPORT jbyteArray JNICALL Java_org_cibatch_NativeClient_stats(JNIEnv* env, jclass,
                                                                 jlong handle) {
  return guarded(env, jbyteArray{}, [&] {
    return json(env, [&](char* buf, size_t size, size_t* needed, char* err, size_t err_size) {
      return cib_client_stats_json(from_handle(handle)->client, buf, size, needed, err, err_size);
    });
  });
}

JNIEXPORT jbyteArray JNICALL Java_org_cibatch_NativeClient_budget(JNIEnv* env, jclass,
                                                                  jlong handle) {
  return guarded(env, jbyteArray{}, [&] {
    return json(env, [&](char* buf, size_t size, size_t* needed, char* err, size_t err_size) {
      return cib_client_budget_json(from_handle(handle)->client, buf, size, needed, err, err_size);
    });
  });
}

}  // extern "C"
