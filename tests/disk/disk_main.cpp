#define BOOST_TEST_MODULE disk_faults
#include <boost/test/unit_test.hpp>

#include "fault_vfs.h"

namespace {

// Before any test opens a client: the library's VFS wraps the default VFS it finds first.
struct FaultVfsInstalled {
  FaultVfsInstalled() { cib::test::install_fault_vfs(); }
};

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(FaultVfsInstalled);
