# hearth_cc_library(NAME name SRCS ... DEPS ...)
#   Creates hearth_<name> with alias hearth::<name>. Includes are root-relative:
#   "hearth/..." from include/ and "core/...", "planner/..." from src/.
# hearth_cc_test(NAME name SRCS ... DEPS ... [LABELS ...] [WHOLE])
#   A GoogleTest binary registered with CTest (label "fast" unless LABELS given).
#   Each test case is its own CTest entry, unless WHOLE: then the binary runs
#   once (for suites that share an expensive fixture, e.g. the loaded catalogue).
#
# Unity builds (HEARTH_UNITY_BUILD, default ON): every target made here or passed
# to hearth_apply_common compiles its sources in batches of HEARTH_UNITY_BATCH
# files, so the templates of a heavy header (nlohmann/json, GoogleTest, CLI11)
# are instantiated and optimised once per batch instead of once per file
# (docs/PERFORMANCE.md, "Build"). Names at namespace scope in a .cc, the
# anonymous namespace included, must therefore be unique within the whole
# target (so that any batch size compiles), and a .cc must not leave
# `using namespace`, macros or file-local names behind that would change a
# later file of the batch. A file that cannot follow that is marked
# SKIP_UNITY_BUILD_INCLUSION in its CMakeLists.txt, with the reason.
# -DHEARTH_UNITY_BUILD=OFF compiles every file on its own (e.g. to check that
# each .cc includes what it uses, which a batch can hide).

set(HEARTH_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)

# lld links the sanitized, debug-info binaries several times faster than GNU
# ld (docs/PERFORMANCE.md, "Build"); used when installed.
find_program(HEARTH_LLD ld.lld)

option(HEARTH_UNITY_BUILD "Compile each target's sources in unity batches" ON)
set(HEARTH_UNITY_BATCH 8 CACHE STRING "Source files per unity batch")

function(hearth_apply_common target)
  target_compile_options(${target} PRIVATE ${HEARTH_WARNINGS})
  if(HEARTH_LLD)
    target_link_options(${target} PRIVATE -fuse-ld=lld)
  endif()
  if(HEARTH_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(HEARTH_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                                             -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
  if(HEARTH_UNITY_BUILD)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE ${HEARTH_UNITY_BATCH})
  endif()
endfunction()

function(hearth_cc_library)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS;PUBLIC_DEPS" ${ARGN})
  add_library(hearth_${ARG_NAME} STATIC ${ARG_SRCS})
  add_library(hearth::${ARG_NAME} ALIAS hearth_${ARG_NAME})
  target_include_directories(hearth_${ARG_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(hearth_${ARG_NAME} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_DEPS})
  hearth_apply_common(hearth_${ARG_NAME})
endfunction()

function(hearth_cc_test)
  cmake_parse_arguments(ARG "WHOLE" "NAME" "SRCS;DEPS;LABELS" ${ARGN})
  if(NOT HEARTH_BUILD_TESTS)
    return()
  endif()
  add_executable(${ARG_NAME} ${ARG_SRCS})
  target_include_directories(${ARG_NAME} PRIVATE ${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR}/src
                                                 ${PROJECT_SOURCE_DIR}/tests)
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_compile_definitions(${ARG_NAME} PRIVATE HEARTH_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/data"
                                                 HEARTH_TEST_FIXTURES_DIR="${PROJECT_SOURCE_DIR}/tests/data")
  hearth_apply_common(${ARG_NAME})
  if(NOT ARG_LABELS)
    set(ARG_LABELS fast)
  endif()
  if(ARG_WHOLE)
    add_test(NAME ${ARG_NAME} COMMAND ${ARG_NAME} --gtest_brief=1)
    set_tests_properties(${ARG_NAME} PROPERTIES LABELS "${ARG_LABELS}")
  else()
    gtest_discover_tests(${ARG_NAME} PROPERTIES LABELS "${ARG_LABELS}" DISCOVERY_TIMEOUT 60)
  endif()
endfunction()
