# Result charts (accuracy, layer errors, size against accuracy), their export, and the graph heat-map. The tests
# read the plotted data back from the QCustomPlot plottables.
target_sources(test_widgets PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/chartimages.h
    ${CMAKE_CURRENT_LIST_DIR}/test_charts.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_heatmap.cpp
)
target_link_libraries(test_widgets PRIVATE QCustomPlotQt6::QCustomPlotQt6)
