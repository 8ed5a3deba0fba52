# Layer table model, layers panel and weight histogram.
target_sources(test_widgets PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/tinymodel.h
    ${CMAKE_CURRENT_LIST_DIR}/test_layertablemodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_histogramview.cpp
)
