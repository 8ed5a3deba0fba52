# Tests of the quantization job (core/workflow): simulation, bias correction, the session.
target_sources(test_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/test_simulation.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_biascorrection.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_session.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_project.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_imageoutcomes.cpp
)
