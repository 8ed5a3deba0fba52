# bench_codebook: times k-means weight sharing on 25 M weights and compares it with a naive Lloyd loop.
add_executable(bench_codebook ${CMAKE_CURRENT_LIST_DIR}/bench_codebook.cpp)
target_link_libraries(bench_codebook PRIVATE Quantscope::core)
