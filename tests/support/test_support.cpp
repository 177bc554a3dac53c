#include "test_support.h"

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

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

std::string slurp(const std::filesystem::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

std::string shellQuoted(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

CommandRun runCommand(const std::string& executable, const std::string& args, const std::filesystem::path& scratch) {
    const std::filesystem::path out = scratch / "stdout.txt", err = scratch / "stderr.txt";
    std::string cmd = shellQuoted(executable);
    cmd += ' ';
    cmd += args;
    cmd += " > ";
    cmd += shellQuoted(out);
    cmd += " 2> ";
    cmd += shellQuoted(err);
    const int status = std::system(cmd.c_str());
    CommandRun r;
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
}

}  // namespace tvtest
