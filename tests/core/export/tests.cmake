# Tests of the exporters (core/export).
target_sources(test_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/exporttesting.h
    ${CMAKE_CURRENT_LIST_DIR}/exporttesting.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_qdqexport.cpp
)
