# Warnings and sanitizers travel as INTERFACE targets that every Vekha target links privately
# (the top-level CMakeLists.txt applies `vekha_options` to each target it creates): they build
# Vekha's own code and never reach a consumer's.
add_library(vekha_warnings INTERFACE)
target_compile_options(vekha_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
  -Wnull-dereference -Wdouble-promotion -Wimplicit-fallthrough
  # GCC 12 reports -Wrestrict false positives on std::string concatenation (GCC bug 105329).
  $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-restrict>
  $<$<BOOL:${VEKHA_WARNINGS_AS_ERRORS}>:-Werror>)

add_library(vekha_sanitizers INTERFACE)
if(VEKHA_SANITIZE AND VEKHA_SANITIZE_THREAD)
  message(FATAL_ERROR "VEKHA_SANITIZE (ASan, UBSan) and VEKHA_SANITIZE_THREAD (TSan) exclude each other")
endif()
if(VEKHA_SANITIZE)
  target_compile_options(vekha_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(vekha_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
if(VEKHA_SANITIZE_THREAD)
  # GCC warns that TSan does not model std::atomic_thread_fence, which Boost.Asio uses.
  target_compile_options(vekha_sanitizers INTERFACE -fsanitize=thread -fno-omit-frame-pointer
    $<$<CXX_COMPILER_ID:GNU>:-Wno-tsan>)
  target_link_options(vekha_sanitizers INTERFACE -fsanitize=thread)
endif()
# Fuzzing: every Vekha target is instrumented for libFuzzer's coverage; the fuzz targets link it.
if(VEKHA_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "VEKHA_BUILD_FUZZERS needs clang (libFuzzer): CXX=clang++")
  endif()
  target_compile_options(vekha_sanitizers INTERFACE -fsanitize=fuzzer-no-link)
endif()

add_library(vekha_options INTERFACE)
target_link_libraries(vekha_options INTERFACE vekha_warnings vekha_sanitizers)
