# Tests of simulation, bias correction and evaluation (core/eval).
target_sources(test_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/test_simulation.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_biascorrection.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_evaluation.cpp
)
