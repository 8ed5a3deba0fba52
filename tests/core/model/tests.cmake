target_sources(test_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/test_datatype.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_modelbuilder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_loader.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_normalization.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_externaldata.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_malformed.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_layers.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_weightstats.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_testdata.cpp
    ${CMAKE_CURRENT_LIST_DIR}/test_torchvision.cpp
)
# Some model tests edit the raw protobuf of builder models (fixtures/modelbuilderproto.h).
target_link_libraries(test_core PRIVATE onnx_proto protobuf::libprotobuf nlohmann_json::nlohmann_json)
target_compile_definitions(test_core PRIVATE QS_ONNX_TESTDATA_DIR="/usr/share/libonnx-testdata/data")
