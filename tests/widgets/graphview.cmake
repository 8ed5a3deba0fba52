# Graph layout and graph view tests.
target_sources(test_widgets PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/test_graphlayout.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_graphview.cpp
)
