// A trace's post op as the library's model holds it: the object it names and its content, so
// the baseline sends the very bodies the library's provider builds.
#pragma once

#include "model/content.h"
#include "trace_op.h"

namespace cib::bench {

struct NaiveCall {
  SlotId slot;
  Content content;
};

// The reader has checked every word of the op against trace_words.h, whose lists are in the
// order of the model's enums.
NaiveCall naive_call(const trace::StatusOp& op);
NaiveCall naive_call(const trace::CommentOp& op);
NaiveCall naive_call(const trace::ReportOp& op);

}  // namespace cib::bench
