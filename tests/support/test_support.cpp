#include "test_support.h"

#include <cstdlib>
#include <iostream>

namespace tvtest {

std::filesystem::path sharedDataDir() {
    if (const char* env = std::getenv("TV_SHARED_DATA"); env && *env) return env;
    return TV_SHARED_DATA_DIR;
}

std::filesystem::path requireSharedData(const std::string& relative) {
    const auto p = sharedDataDir() / relative;
    if (!std::filesystem::exists(p)) {
        std::cout << "SKIPPED: real test data not found at " << p.string()
                  << " (the shared data folder is absent on this machine)" << std::endl;
        std::exit(77);
    }
    return p;
}

std::filesystem::path scratchDir(const std::string& name) {
    const auto p = std::filesystem::path(TV_BINARY_DIR) / "test-scratch" / name;
    std::filesystem::remove_all(p);
    std::filesystem::create_directories(p);
    return p;
}

tv::ImageGeometry grid(int nx, int ny, int nz, double sx, double sy, double sz) {
    tv::ImageGeometry g;
    g.size = {nx, ny, nz};
    g.spacing = {sx, sy, sz};
    return g;
}

}  // namespace tvtest
