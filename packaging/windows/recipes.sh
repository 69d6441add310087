# How each library is built for Windows; sourced by deps.sh. The cache key hashes this file
# (with the source versions and the compiler's), so a change here rebuilds the libraries.
# Each build_NAME gets the unpacked source folder; $work, $prefix, $here, $jobs and $triple
# come from deps.sh.

cmake_lib() {  # cmake_lib NAME SOURCE_DIR [cmake options...]
  local name=$1 src=$2; shift 2
  cmake -G Ninja -S "$src" -B "$work/build-$name" -DCMAKE_TOOLCHAIN_FILE="$here/toolchain.cmake" \
    -DRB_WINDOWS_PREFIX="$prefix" -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_BUILD_TYPE=Release \
    -DBUILD_SHARED_LIBS=OFF -DCMAKE_POSITION_INDEPENDENT_CODE=ON "$@" >"$work/$name.log" 2>&1
  cmake --build "$work/build-$name" -j"$jobs" >>"$work/$name.log" 2>&1
  cmake --install "$work/build-$name" >>"$work/$name.log" 2>&1
}

build_pugixml() { cmake_lib pugixml "$1" -DPUGIXML_BUILD_TESTS=OFF; }
build_fmtlib() { cmake_lib fmtlib "$1" -DFMT_TEST=OFF -DFMT_DOC=OFF; }
build_spdlog() {
  cmake_lib spdlog "$1" -DSPDLOG_FMT_EXTERNAL=ON -DSPDLOG_BUILD_EXAMPLE=OFF -DSPDLOG_BUILD_TESTS=OFF \
    -DSPDLOG_BUILD_BENCH=OFF -DSPDLOG_WCHAR_FILENAMES=OFF
}
build_nlohmann-json3() { cmake_lib nlohmann-json3 "$1" -DJSON_BuildTests=OFF -DJSON_Install=ON; }
build_googletest() { cmake_lib googletest "$1" -DBUILD_GMOCK=ON -DINSTALL_GTEST=ON; }
build_libxml2() {
  cmake_lib libxml2 "$1" -DLIBXML2_WITH_PYTHON=OFF -DLIBXML2_WITH_ICONV=OFF -DLIBXML2_WITH_LZMA=OFF \
    -DLIBXML2_WITH_ZLIB=OFF -DLIBXML2_WITH_ICU=OFF -DLIBXML2_WITH_TESTS=OFF -DLIBXML2_WITH_PROGRAMS=OFF \
    -DLIBXML2_WITH_HTTP=OFF -DLIBXML2_WITH_FTP=OFF -DLIBXML2_WITH_MODULES=OFF -DLIBXML2_WITH_THREADS=ON
}
build_libzip() {
  cmake_lib libzip "$1" -DENABLE_BZIP2=OFF -DENABLE_LZMA=OFF -DENABLE_ZSTD=OFF -DENABLE_OPENSSL=OFF \
    -DENABLE_GNUTLS=OFF -DENABLE_MBEDTLS=OFF -DENABLE_COMMONCRYPTO=OFF -DENABLE_WINDOWS_CRYPTO=OFF \
    -DBUILD_TOOLS=OFF -DBUILD_REGRESS=OFF -DBUILD_EXAMPLES=OFF -DBUILD_DOC=OFF
}
build_libxlsxwriter() {
  # Its bundled minizip (Debian's build uses the system's; MinGW has none).
  cmake_lib libxlsxwriter "$1" -DUSE_SYSTEM_MINIZIP=OFF -DBUILD_TESTS=OFF -DBUILD_EXAMPLES=OFF \
    -DUSE_STANDARD_TMPFILE=ON
}
build_gettext() {
  # libintl only (gettext-runtime/intl): what reads the message catalogs. Debian's patches touch
  # configure.ac and Makefile.am (Java detection, shared-library link flags), so make would want
  # to run automake again; neither change concerns a static libintl, so the generated files
  # shipped in the tarball are made newer than their sources and used as they are.
  find "$1/gettext-runtime" \( -name aclocal.m4 -o -name configure -o -name config.h.in \) -exec touch {} +
  sleep 1
  find "$1/gettext-runtime" -name Makefile.in -exec touch {} +
  mkdir -p "$work/build-gettext" && cd "$work/build-gettext"
  "$1/gettext-runtime/configure" --host=$triple --prefix="$prefix" --enable-static --disable-shared \
    --disable-libasprintf --disable-java --disable-csharp --disable-c++ --disable-openmp \
    --without-libiconv-prefix --without-libintl-prefix --disable-rpath \
    CC=$triple-gcc-posix CXX=$triple-g++-posix >"$work/gettext.log" 2>&1
  make -C intl -j"$jobs" >>"$work/gettext.log" 2>&1
  make -C intl install >>"$work/gettext.log" 2>&1
  cd "$here"
}
build_icu() {
  # A cross build of ICU needs a native build of its tools first (they make the data).
  mkdir -p "$work/icu-native" "$work/build-icu"
  (cd "$work/icu-native" && "$1/source/configure" --disable-tests --disable-samples --disable-extras \
     --disable-icuio --disable-layoutex >"$work/icu-native.log" 2>&1 && make -j"$jobs" >>"$work/icu-native.log" 2>&1)
  (cd "$work/build-icu" && "$1/source/configure" --host=$triple --with-cross-build="$work/icu-native" \
     --prefix="$prefix" --enable-shared --disable-static --disable-tests --disable-samples --disable-extras \
     --disable-icuio --disable-layoutex --disable-tools \
     CC=$triple-gcc-posix CXX=$triple-g++-posix >"$work/icu.log" 2>&1 \
   && make -j"$jobs" >>"$work/icu.log" 2>&1 && make install >>"$work/icu.log" 2>&1)
  rm -rf "$work/icu-native"
}
build_libpng1.6() {
  # For wxWidgets' images (the toolbar's and the window's icons); zlib is Debian's MinGW package.
  cmake_lib libpng1.6 "$1" -DPNG_SHARED=OFF -DPNG_STATIC=ON -DPNG_TESTS=OFF -DPNG_EXECUTABLES=OFF
}
build_wxwidgets3.2() {
  # The desktop's toolkit, static, on the native Windows controls (wxMSW). Only what the desktop
  # uses is built: no HTML, XRC, AUI, property grid, ribbon, rich text, styled text, media,
  # web view, sockets or network protocols; images through libpng (no JPEG, TIFF or LZMA).
  mkdir -p "$work/build-wx" && cd "$work/build-wx"
  "$1/configure" --host=$triple --build="$(gcc -dumpmachine)" --prefix="$prefix" --with-msw \
    --disable-shared --enable-unicode --disable-debug_flag \
    --with-libpng=sys --with-zlib=sys --without-libjpeg --without-libtiff --without-liblzma \
    --without-expat --without-opengl --without-libcurl --without-libnotify \
    --disable-html --disable-xrc --disable-aui --disable-propgrid --disable-ribbon \
    --disable-richtext --disable-stc --disable-mediactrl --disable-webview --disable-sockets \
    --disable-ipc --disable-protocols --disable-url --disable-fs_inet --disable-webrequest \
    --disable-sound --disable-debugreport --disable-svg \
    CC=$triple-gcc-posix CXX=$triple-g++-posix \
    CPPFLAGS="-I$prefix/include -I/usr/$triple/include" LDFLAGS="-L$prefix/lib -L/usr/$triple/lib" \
    >"$work/wxwidgets3.2.log" 2>&1
  make -j"$jobs" >>"$work/wxwidgets3.2.log" 2>&1
  make install >>"$work/wxwidgets3.2.log" 2>&1
  cd "$here"
}

build_boost-headers() {
  # Boost.DLL, Boost.WinAPI and the rest ReportBench uses are header-only: the headers of
  # Debian's libboost1.74-dev (the same on every architecture), linked into the prefix.
  mkdir -p "$prefix/include"
  ln -sfn /usr/include/boost "$prefix/include/boost"
}
