# Evaluation results: flips browser and diagnosis panel.
target_sources(test_widgets PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/test_flipsbrowser.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_diagnosispanel.cpp
)
