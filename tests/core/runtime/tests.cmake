# Tests of the inference engine (core/runtime).
target_sources(test_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/runtimegraph.h
    ${CMAKE_CURRENT_LIST_DIR}/runtimegraph.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_convkernels.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_elementwisekernels.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_shapekernels.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_executor.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_conformance.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_parityfusion.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_convtransposekernels.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_resizekernels.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_indexingkernels.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_einsumkernels.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_quantizekernels.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_controlflowkernels.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_shapelimits.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_memoryestimate.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_shapecontracts.cpp
)
# The conformance test reads the suite's TensorProto files.
target_link_libraries(test_core PRIVATE onnx onnx_proto protobuf::libprotobuf)
# Parity with the reference runtime on real models (script-driven CTest tests).
include(${CMAKE_CURRENT_LIST_DIR}/../../parity/parity.cmake)
