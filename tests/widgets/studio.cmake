# The studio's main window, document and recent files.
target_sources(test_widgets PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/test_mainwindow.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_studioworkflow.cpp
    ${CMAKE_CURRENT_LIST_DIR}/testsettings.h
)
target_link_libraries(test_widgets PRIVATE quantscope_studio)
