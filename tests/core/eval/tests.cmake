# Tests of the comparison of two models and the layer diagnosis (core/eval).
target_sources(test_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/test_evaluation.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_diagnosis.cpp
)
