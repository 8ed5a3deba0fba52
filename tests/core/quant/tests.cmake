# Tests of the quantizers and range estimators (core/quant).
target_sources(test_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/test_linearquantization.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_uniformquantizer.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_logquantizer.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_codebookquantizer.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_tensorhistogram.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_rangeestimators.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_quantscheme.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_quantconfig.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_quantplan.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_calibration.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_quantizedtensors.cpp
)
