#include "jni_support.hpp"

#include <cstring>
#include <stdexcept>

namespace cibatch_jni {

Texts::Texts(JNIEnv* env, jobjectArray arrays) {
  if (arrays == nullptr) {
    return;
  }
  const jsize count = env->GetArrayLength(arrays);
  texts_.resize(static_cast<size_t>(count));
  std::vector<bool> present(texts_.size());
  for (jsize i = 0; i < count; ++i) {
    auto* element = static_cast<jbyteArray>(env->GetObjectArrayElement(arrays, i));
    if (env->ExceptionCheck()) {
      throw std::runtime_error("cannot read a text argument");
    }
    present[static_cast<size_t>(i)] = copy_bytes(env, element, &texts_[static_cast<size_t>(i)]);
    env->DeleteLocalRef(element);
  }
  for (size_t i = 0; i < texts_.size(); ++i) {
    pointers_.push_back(present[i] ? texts_[i].c_str() : nullptr);
  }
}

const char* Texts::operator[](size_t index) const {
  return index < pointers_.size() ? pointers_[index] : nullptr;
}

bool copy_bytes(JNIEnv* env, jbyteArray array, std::string* out) {
  out->clear();
  if (array == nullptr) {
    return false;
  }
  const jsize length = env->GetArrayLength(array);
  out->resize(static_cast<size_t>(length));
  if (length > 0) {
    env->GetByteArrayRegion(array, 0, length, reinterpret_cast<jbyte*>(out->data()));
  }
  return true;
}

jbyteArray new_bytes(JNIEnv* env, const char* text) {
  const size_t length = text == nullptr ? 0 : std::strlen(text);
  jbyteArray array = env->NewByteArray(static_cast<jsize>(length));
  if (array == nullptr || env->ExceptionCheck()) {
    return nullptr;
  }
  if (length > 0) {
    env->SetByteArrayRegion(array, 0, static_cast<jsize>(length),
                            reinterpret_cast<const jbyte*>(text));
  }
  return array;
}

void throw_status(JNIEnv* env, cib_status status, const char* message) {
  if (env->ExceptionCheck()) {
    return;
  }
  jclass type = env->FindClass("org/cibatch/CiBatchException");
  if (type == nullptr) {
    return;  // NoClassDefFoundError is pending
  }
  jmethodID init = env->GetMethodID(type, "<init>", "(I[B[BZ)V");
  jbyteArray name = init == nullptr ? nullptr : new_bytes(env, cib_status_name(status));
  jbyteArray text = name == nullptr ? nullptr : new_bytes(env, message);
  if (text != nullptr) {
    auto* error = static_cast<jthrowable>(
        env->NewObject(type, init, static_cast<jint>(status), name, text,
                       cib_status_is_retriable(status) ? JNI_TRUE : JNI_FALSE));
    if (error != nullptr && !env->ExceptionCheck()) {
      env->Throw(error);
    }
  }
}

void throw_internal(JNIEnv* env, const char* what) {
  const std::string message = std::string("cibatch JNI glue: ") + what;
  throw_status(env, CIB_ERR_INTERNAL, message.c_str());
}

}  // namespace cibatch_jni
