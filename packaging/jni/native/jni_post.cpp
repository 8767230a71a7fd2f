// JNI entries of org.cibatch.NativeClient that post: each fills the C payload from the texts and
// numbers the Java builder flattened (see NativeClient.java for their order) and posts it.
#include <jni.h>

#include <string>
#include <vector>

#include "cibatch.h"
#include "jni_client.hpp"
#include "jni_support.hpp"

using cibatch_jni::from_handle;
using cibatch_jni::guarded;
using cibatch_jni::kErrSize;
using cibatch_jni::Texts;

namespace {

// Posts with post(client, err) and throws the library's refusal.
template <class Post>
void post(JNIEnv* env, jlong handle, Post&& body) {
  if (env->ExceptionCheck()) {
    return;
  }
  char err[kErrSize];
  const cib_status status = body(from_handle(handle)->client, err);
  if (status != CIB_OK) {
    cibatch_jni::throw_status(env, status, err);
  }
}

// Posts one payload struct (NULL when the builder was null, so the library names the argument)
// through the cib_client_post_* function of its kind.
template <class Payload>
void post_payload(JNIEnv* env, jlong handle, const Payload* payload, jlong tag,
                  cib_status (*post_kind)(cib_client*, const Payload*, uint64_t, uint32_t, char*,
                                          size_t)) {
  post(env, handle, [&](cib_client* client, char* err) {
    return post_kind(client, payload, static_cast<uint64_t>(tag), 0, err, kErrSize);
  });
}

std::vector<jint> ints(JNIEnv* env, jintArray array) {
  std::vector<jint> out;
  if (array != nullptr) {
    out.resize(static_cast<size_t>(env->GetArrayLength(array)));
    env->GetIntArrayRegion(array, 0, static_cast<jsize>(out.size()), out.data());
  }
  return out;
}

std::vector<cib_report_data> data_fields(const Texts& texts, const std::vector<jint>& types) {
  std::vector<cib_report_data> out(types.size(), cib_report_data CIB_REPORT_DATA_INIT);
  for (size_t i = 0; i < out.size(); ++i) {
    out[i].title = texts[2 * i];
    out[i].type = types[i];
    out[i].value = texts[2 * i + 1];
  }
  return out;
}

std::vector<cib_annotation> annotations(const Texts& texts, const std::vector<jint>& numbers) {
  std::vector<cib_annotation> out(numbers.size() / 3, cib_annotation CIB_ANNOTATION_INIT);
  for (size_t i = 0; i < out.size(); ++i) {
    out[i].id = texts[5 * i];
    out[i].path = texts[5 * i + 1];
    out[i].summary = texts[5 * i + 2];
    out[i].details = texts[5 * i + 3];
    out[i].link = texts[5 * i + 4];
    out[i].line = numbers[3 * i];
    out[i].severity = numbers[3 * i + 1];
    out[i].type = numbers[3 * i + 2];
  }
  return out;
}

template <class T>
std::vector<const T*> pointers(const std::vector<T>& items) {
  std::vector<const T*> out;
  out.reserve(items.size());
  for (const T& item : items) {
    out.push_back(&item);
  }
  return out;
}

}  // namespace

extern "C" {

JNIEXPORT void JNICALL Java_org_cibatch_NativeClient_postStatus(JNIEnv* env, jclass, jlong handle,
                                                                jobjectArray fields, jint state,
                                                                jlong tag) {
  guarded(env, 0, [&] {
    const Texts texts(env, fields);
    cib_build_status status = CIB_BUILD_STATUS_INIT;
    status.repo = texts[0];
    status.commit = texts[1];
    status.key = texts[2];
    status.state = state;
    status.name = texts[3];
    status.url = texts[4];
    status.description = texts[5];
    status.ref = texts[6];
    post_payload(env, handle, fields == nullptr ? nullptr : &status, tag, cib_client_post_status);
    return 0;
  });
}

JNIEXPORT void JNICALL Java_org_cibatch_NativeClient_postComment(JNIEnv* env, jclass, jlong handle,
                                                                 jobjectArray fields, jlong pr,
                                                                 jlong tag) {
  guarded(env, 0, [&] {
    const Texts texts(env, fields);
    cib_comment comment = CIB_COMMENT_INIT;
    comment.repo = texts[0];
    comment.pr = pr;
    comment.key = texts[1];
    comment.body = texts[2];
    post_payload(env, handle, fields == nullptr ? nullptr : &comment, tag, cib_client_post_comment);
    return 0;
  });
}

JNIEXPORT void JNICALL Java_org_cibatch_NativeClient_postReport(
    JNIEnv* env, jclass, jlong handle, jobjectArray fields, jint result, jobjectArray data_texts,
    jintArray data_types, jobjectArray annotation_texts, jintArray annotation_numbers, jlong tag) {
  guarded(env, 0, [&] {
    const Texts texts(env, fields);
    const Texts data_strings(env, data_texts);
    const auto data = data_fields(data_strings, ints(env, data_types));
    const Texts notes(env, annotation_texts);
    const auto found = annotations(notes, ints(env, annotation_numbers));
    const auto data_pointers = pointers(data);
    const auto found_pointers = pointers(found);
    cib_report report = CIB_REPORT_INIT;
    report.repo = texts[0];
    report.commit = texts[1];
    report.id = texts[2];
    report.title = texts[3];
    report.result = result;
    report.details = texts[4];
    report.link = texts[5];
    report.reporter = texts[6];
    report.data = data_pointers.empty() ? nullptr : data_pointers.data();
    report.data_count = data_pointers.size();
    report.annotations = found_pointers.empty() ? nullptr : found_pointers.data();
    report.annotation_count = found_pointers.size();
    post_payload(env, handle, fields == nullptr ? nullptr : &report, tag, cib_client_post_report);
    return 0;
  });
}

JNIEXPORT void JNICALL Java_org_cibatch_NativeClient_postSonar(JNIEnv* env, jclass, jlong handle,
                                                               jobjectArray fields, jlong pr,
                                                               jobjectArray page_texts, jlong tag) {
  guarded(env, 0, [&] {
    const Texts texts(env, fields);
    const Texts pages(env, page_texts);
    cib_sonar sonar = CIB_SONAR_INIT;
    sonar.repo = texts[0];
    sonar.commit = texts[1];
    sonar.pr = pr;
    sonar.id = texts[2];
    sonar.issue_pages = pages.size() == 0 ? nullptr : pages.pointers();
    sonar.issue_page_count = pages.size();
    sonar.gate = texts[3];
    sonar.measures = texts[4];
    sonar.sarif = texts[5];
    sonar.server_url = texts[6];
    sonar.dashboard_url = texts[7];
    post_payload(env, handle, fields == nullptr ? nullptr : &sonar, tag, cib_client_post_sonar);
    return 0;
  });
}

JNIEXPORT void JNICALL Java_org_cibatch_NativeClient_postSonarTask(JNIEnv* env, jclass,
                                                                   jlong handle,
                                                                   jobjectArray fields, jlong pr,
                                                                   jlong tag) {
  guarded(env, 0, [&] {
    const Texts texts(env, fields);
    post(env, handle, [&](cib_client* client, char* err) {
      return cib_client_post_sonar_task(client, texts[0], texts[1], pr, texts[2],
                                        static_cast<uint64_t>(tag), 0, err, kErrSize);
    });
    return 0;
  });
}

}  // extern "C"
