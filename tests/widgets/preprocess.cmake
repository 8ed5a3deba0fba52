# Preprocessing editor and tensor preview.
target_sources(test_widgets PRIVATE ${CMAKE_CURRENT_LIST_DIR}/test_preprocesswidgets.cpp)
