# All third-party dependencies, from Debian 12 packages (scripts/install-deps.sh installs them).
find_package(Eigen3 3.4 REQUIRED NO_MODULE)
find_package(DCMTK REQUIRED CONFIG)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(TBB REQUIRED)
find_package(CLI11 REQUIRED)
find_package(ZLIB REQUIRED)
find_package(Threads REQUIRED)

# OpenJPEG (libopenjp2-7-dev) decodes JPEG 2000 pixel data, which DCMTK 3.6.7 cannot. Found with
# pkg-config, which gives the include folder (openjpeg-2.5) and the library.
find_package(PkgConfig REQUIRED)
pkg_check_modules(OPENJP2 REQUIRED IMPORTED_TARGET libopenjp2>=2.3)
add_library(tv_openjp2 INTERFACE)
target_link_libraries(tv_openjp2 INTERFACE PkgConfig::OPENJP2)

# NIfTI-2 C library (libnifti2-dev) ships no CMake config on Debian 12: locate it directly.
find_path(NIFTI_INCLUDE_DIR nifti2_io.h PATH_SUFFIXES nifti REQUIRED)
find_library(NIFTI2_LIBRARY NAMES niftiio2 nifti2 REQUIRED)
find_library(ZNZ_LIBRARY NAMES znz REQUIRED)
add_library(tv_nifti INTERFACE)
target_include_directories(tv_nifti SYSTEM INTERFACE ${NIFTI_INCLUDE_DIR})
target_link_libraries(tv_nifti INTERFACE ${NIFTI2_LIBRARY} ${ZNZ_LIBRARY} ZLIB::ZLIB m)

if(TV_BUILD_UI)
  find_package(Qt6 REQUIRED COMPONENTS Core Gui Widgets OpenGL OpenGLWidgets Concurrent)
  # Debian's VTK 9.1 config refers to MPI::MPI_C from its VTK::mpi module; without this the
  # configure step fails ("link interface of target VTK::mpi contains MPI::MPI_C").
  find_package(MPI COMPONENTS C)
  # Only VTK modules without Qt: VTK's GUISupportQt is built for Qt 5 on Debian and must not be
  # loaded into a Qt 6 process.
  find_package(VTK 9.1 REQUIRED COMPONENTS
    CommonCore CommonDataModel CommonMath CommonTransforms
    ImagingCore ImagingColor ImagingGeneral ImagingMath
    FiltersCore FiltersGeneral FiltersGeometry
    RenderingCore RenderingOpenGL2 RenderingVolume RenderingVolumeOpenGL2 RenderingImage
    RenderingFreeType RenderingAnnotation InteractionStyle IOImage)
endif()

if(TV_BUILD_TESTS)
  find_package(Catch2 2.13 REQUIRED)
endif()
