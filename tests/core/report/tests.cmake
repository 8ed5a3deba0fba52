# Tests of the review report (core/report): drawing backends, charts, the PDF writer, the HTML/PDF/JSON
# report and the comparison of two runs.
target_sources(test_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/reportfixtures.h
    ${CMAKE_CURRENT_LIST_DIR}/reportfixtures.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_canvas.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_charts.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_pdfdocument.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_reviewreport.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_reportdiff.cpp
)
