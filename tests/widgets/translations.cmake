# The zh_CN translation (the .qm that lrelease compiles for the studio) and the titles of progress stages.
get_target_property(QS_QM_DIR quantscope QS_QM_DIR)
target_sources(test_widgets PRIVATE ${CMAKE_CURRENT_LIST_DIR}/test_translations.cpp)
target_compile_definitions(test_widgets PRIVATE QS_QM_DIR="${QS_QM_DIR}")
add_dependencies(test_widgets quantscope_lrelease)
