target_sources(test_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/test_loader.cpp
)
