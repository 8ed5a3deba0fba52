# Parity of the inference engine with the reference runtime (onnxruntime-node, installed by
# packaging/install-node-deps.sh): one CTest test per model, each running tests/parity/run_parity.sh.
# The test fails (never skips) when node or the reference runtime is missing.
find_program(QS_NODE_EXECUTABLE node)
if(NOT QS_NODE_EXECUTABLE)
    set(QS_NODE_EXECUTABLE node)
endif()

set(QS_PARITY_SCRIPT ${CMAKE_SOURCE_DIR}/tests/parity/run_parity.sh)
set(QS_PARITY_ORTRUN ${CMAKE_SOURCE_DIR}/tests/runtime_ref/ortrun.js)
set(QS_PARITY_WORK ${CMAKE_BINARY_DIR}/parity)

# The detector (If subgraphs, TopK, NonMaxSuppression) takes about a minute of CPU to export, so it lives in the
# extra fixture next to shufflenet. Its detections are compared row by row; the fixture gives it data-derived
# BatchNorm statistics and a dominant background class so that few detections remain and none of them nearly tie
# (make_torchvision.py).
option(QS_PARITY_SSDLITE "Check parity on ssdlite320_mobilenet_v3_large (adds about a minute of fixture export)" ON)
set(QS_PARITY_EXTRA_MODELS shufflenet_v2_x1_0)
if(QS_PARITY_SSDLITE)
    list(APPEND QS_PARITY_EXTRA_MODELS ssdlite320_mobilenet_v3_large)
endif()
string(REPLACE ";" "," QS_PARITY_EXTRA_CSV "${QS_PARITY_EXTRA_MODELS}")

# Models outside the default fixture set, exported into their own folder by a second fixture.
add_test(NAME fixtures.torchvision_extra
    COMMAND ${QS_SYSTEM_PYTHON} ${QS_FIXTURE_DIR}/make_torchvision.py --out ${QS_GENERATED_DIR}/torchvision_extra
            --models ${QS_PARITY_EXTRA_CSV})
set_tests_properties(fixtures.torchvision_extra PROPERTIES FIXTURES_SETUP torchvision_extra TIMEOUT 1500)

function(qs_add_parity_test name model fixture)
    add_test(NAME parity.${name}
        COMMAND bash ${QS_PARITY_SCRIPT} $<TARGET_FILE:quantscope-cli> ${QS_NODE_EXECUTABLE} ${QS_PARITY_ORTRUN}
                ${QS_PARITY_WORK}/${name} ${model} ${ARGN})
    set_tests_properties(parity.${name} PROPERTIES TIMEOUT 600 LABELS parity)
    if(fixture)
        set_tests_properties(parity.${name} PROPERTIES FIXTURES_REQUIRED ${fixture})
    endif()
endfunction()

foreach(model resnet18 mobilenet_v2 mobilenet_v3_small efficientnet_b0 squeezenet1_1 swin_t)
    qs_add_parity_test(${model} ${QS_GENERATED_DIR}/torchvision/${model}.onnx torchvision input=1,3,224,224)
endforeach()
qs_add_parity_test(shufflenet_v2_x1_0 ${QS_GENERATED_DIR}/torchvision_extra/shufflenet_v2_x1_0.onnx
    torchvision_extra input=1,3,224,224)
if(QS_PARITY_SSDLITE)
    qs_add_parity_test(ssdlite320_mobilenet_v3_large
        ${QS_GENERATED_DIR}/torchvision_extra/ssdlite320_mobilenet_v3_large.onnx torchvision_extra image=3,320,320)
endif()
qs_add_parity_test(demo ${CMAKE_SOURCE_DIR}/resources/demo/model.onnx "" input=1,1,28,28)
