# The studio's main window, document and recent files.
target_sources(test_widgets PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/test_mainwindow.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_studioworkflow.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_studioresults.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_windowlayout.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_appsettings.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_projects.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_memoryestimate.cpp
    ${CMAKE_CURRENT_LIST_DIR}/testsettings.h
)
target_link_libraries(test_widgets PRIVATE quantscope_studio)
# The recovery test kills a real studio process.
add_dependencies(test_widgets quantscope)
target_compile_definitions(test_widgets PRIVATE QS_STUDIO_BINARY="$<TARGET_FILE:quantscope>")
