// What every JNI entry of the glue shares: UTF-8 texts in from Java byte arrays, UTF-8 bytes
// out, a cib_status turned into a thrown org.cibatch.CiBatchException, and a guard that lets no
// C++ exception cross into the JVM.
#ifndef CIBATCH_JNI_SUPPORT_HPP
#define CIBATCH_JNI_SUPPORT_HPP

#include <jni.h>

#include <exception>
#include <string>
#include <vector>

#include "cibatch.h"

namespace cibatch_jni {

// Room for the library's sentences (it truncates at a character boundary beyond this).
constexpr size_t kErrSize = 2048;

// NUL-terminated copies of a Java byte[][] (standard UTF-8 from String.getBytes(UTF_8)). A null
// array reads as no texts, a null element as NULL: the library then names the missing field.
class Texts {
 public:
  Texts(JNIEnv* env, jobjectArray arrays);
  // NULL for a null element or past the end.
  const char* operator[](size_t index) const;
  const char* const* pointers() const { return pointers_.data(); }
  size_t size() const { return pointers_.size(); }

 private:
  std::vector<std::string> texts_;
  std::vector<const char*> pointers_;
};

// The bytes of a Java byte[]; false for null.
bool copy_bytes(JNIEnv* env, jbyteArray array, std::string* out);

// A new Java byte[] holding text's bytes (standard UTF-8, never modified UTF-8); NULL with a
// pending OutOfMemoryError.
jbyteArray new_bytes(JNIEnv* env, const char* text);

// Throws CiBatchException(status, its name, message, retriable) unless an exception is pending.
void throw_status(JNIEnv* env, cib_status status, const char* message);

// Throws CIB_ERR_INTERNAL naming what escaped the glue, unless an exception is pending.
void throw_internal(JNIEnv* env, const char* what);

// Runs body; a C++ exception becomes a thrown CiBatchException (CIB_ERR_INTERNAL) and the
// fallback is returned.
template <class R, class Body>
R guarded(JNIEnv* env, R fallback, Body&& body) noexcept {
  try {
    return body();
  } catch (const std::exception& e) {
    throw_internal(env, e.what());
  } catch (...) {
    throw_internal(env, "an unknown C++ exception");
  }
  return fallback;
}

}  // namespace cibatch_jni

#endif
