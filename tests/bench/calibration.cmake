# bench_calibration: calibration images/s against plain inference images/s (demo model and ResNet-18).
add_executable(bench_calibration ${CMAKE_CURRENT_LIST_DIR}/bench_calibration.cpp)
target_link_libraries(bench_calibration PRIVATE Quantscope::core)
target_compile_definitions(bench_calibration PRIVATE QS_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
                                                     QS_BINARY_DIR="${CMAKE_BINARY_DIR}")
