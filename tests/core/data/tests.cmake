# Tests of data sets, preprocessing and the batch loader (core/data). They write their images with OpenCV.
target_sources(test_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/imagefixtures.h
    ${CMAKE_CURRENT_LIST_DIR}/imagefixtures.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_preprocess.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_imagelimits.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_imageheaders.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_imagefolder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_batchloader.cpp
)
target_link_libraries(test_core PRIVATE ${OpenCV_LIBS})
