# The desktop habits of the studio: shortcuts, tooltips, status tips, icons and toolbar of the main window, long
# names elided in the middle and copyable, light and dark themes.
target_sources(test_widgets PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/textrecorder.h
    ${CMAKE_CURRENT_LIST_DIR}/test_elidednames.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_shortcuts.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_apptheme.cpp
)
