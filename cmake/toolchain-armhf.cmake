# Cross build for Raspberry Pi OS / Debian 12 armhf with Debian's cross toolchain
# (crossbuild-essential-armhf) and multiarch libraries (libgrpc++-dev:armhf, ...);
# scripts/deps-pi installs both. protoc and grpc_cpp_plugin are the host's.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR armv7)
set(CMAKE_C_COMPILER arm-linux-gnueabihf-gcc)
set(CMAKE_CXX_COMPILER arm-linux-gnueabihf-g++)
set(CMAKE_LIBRARY_ARCHITECTURE arm-linux-gnueabihf)
set(PKG_CONFIG_EXECUTABLE arm-linux-gnueabihf-pkg-config CACHE FILEPATH "pkg-config for armhf")
# Programs (protoc, grpc_cpp_plugin) come from the host; libraries and headers
# only from the target's multiarch folders.
set(CMAKE_FIND_ROOT_PATH /usr/arm-linux-gnueabihf)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
# The .deb's Architecture field and the qemu that runs the binary in tests.
set(LIGHTSHOW_DEB_ARCH armhf)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-arm;-L;/usr/arm-linux-gnueabihf)
# GCC notes every std::vector growth about an ABI change made in GCC 7.1, which
# cannot matter here (everything is built with GCC 12).
set(CMAKE_CXX_FLAGS_INIT "-Wno-psabi")
