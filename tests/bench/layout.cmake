# bench_layout: times the layered graph layout on synthetic and real (torchvision) graphs.
if(TARGET quantscope_widgets)
    add_executable(bench_layout ${CMAKE_CURRENT_LIST_DIR}/bench_layout.cpp)
    target_link_libraries(bench_layout PRIVATE quantscope_testsupport Quantscope::widgets)
endif()
