# Tests of the shared utilities (core/util): atomic writes, printable names.
target_sources(test_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/test_atomicfile.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_printablename.cpp
)
