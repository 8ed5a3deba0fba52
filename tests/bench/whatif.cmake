# bench_whatif: latency of a layer's weight preview after a strategy edit (largest layer of ResNet-18 and Swin-T).
add_executable(bench_whatif ${CMAKE_CURRENT_LIST_DIR}/bench_whatif.cpp)
target_link_libraries(bench_whatif PRIVATE Quantscope::core)
target_compile_definitions(bench_whatif PRIVATE QS_BINARY_DIR="${CMAKE_BINARY_DIR}")
