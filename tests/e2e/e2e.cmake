# End to end: quantize the demo model with each demo strategy, check the export with libonnx's checker, run it in
# the reference runtime (onnxruntime-node, installed by packaging/install-node-deps.sh) and in our engine, and
# compare with the accuracy the CLI predicted (tests/e2e/run_e2e.py). Label "e2e"; fails, never skips, when node
# or the reference runtime is missing.
find_program(QS_NODE_EXECUTABLE node)
if(NOT QS_NODE_EXECUTABLE)
    set(QS_NODE_EXECUTABLE node)
endif()

set(QS_E2E_WORK ${CMAKE_BINARY_DIR}/e2e)
set(QS_E2E_DEMO ${CMAKE_SOURCE_DIR}/resources/demo)
set(QS_E2E_CONFIGS ${CMAKE_SOURCE_DIR}/resources/configs)

# The evaluation images preprocessed once (every demo config preprocesses alike), shared by the strategy tests.
add_test(NAME e2e.preprocess_demo_eval
    COMMAND $<TARGET_FILE:quantscope-cli> preprocess --images ${QS_E2E_DEMO}/eval
            --config ${QS_E2E_CONFIGS}/demo-w8a8.json --output-dir ${QS_E2E_WORK}/demo_eval)
set_tests_properties(e2e.preprocess_demo_eval PROPERTIES FIXTURES_SETUP e2e_demo_eval LABELS e2e TIMEOUT 300)

# name, config, and optionally the largest export/float ratio of initializer bytes.
function(qs_add_e2e_test name config)
    set(ratio_args)
    if(ARGC GREATER 2)
        set(ratio_args --max-weight-ratio ${ARGV2})
    endif()
    add_test(NAME e2e.demo_${name}
        COMMAND ${QS_SYSTEM_PYTHON} ${CMAKE_SOURCE_DIR}/tests/e2e/run_e2e.py
                --cli $<TARGET_FILE:quantscope-cli> --node ${QS_NODE_EXECUTABLE}
                --orteval ${CMAKE_SOURCE_DIR}/tests/runtime_ref/orteval.js
                --model ${QS_E2E_DEMO}/model.onnx --calib ${QS_E2E_DEMO}/calib --eval-images ${QS_E2E_DEMO}/eval
                --eval-inputs ${QS_E2E_WORK}/demo_eval --config ${config} --work ${QS_E2E_WORK}/demo_${name}
                ${ratio_args})
    set_tests_properties(e2e.demo_${name} PROPERTIES FIXTURES_REQUIRED e2e_demo_eval LABELS e2e TIMEOUT 900)
endfunction()

# int8 weights are a quarter of float; int32 biases and per-channel scales stay 4 bytes each.
qs_add_e2e_test(w8a8 ${QS_E2E_CONFIGS}/demo-w8a8.json 0.45)
# 4-bit codes are packed two per byte: per-tensor codebook weights shrink to about an eighth (biases stay 32-bit).
qs_add_e2e_test(codebook4 ${QS_E2E_CONFIGS}/demo-codebook4.json 0.25)
# Per-channel 4-bit tables (16 floats per channel) weigh as much as the codes on this small model, whose
# depthwise layers have 9 weights per channel.
qs_add_e2e_test(log4 ${QS_E2E_CONFIGS}/demo-log4.json 0.65)
qs_add_e2e_test(uniform4 ${QS_E2E_CONFIGS}/demo-uniform4.json 0.65)
