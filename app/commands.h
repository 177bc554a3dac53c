#pragma once
// Each subcommand of `thromboview` lives in its own cmd_*.cpp and registers itself here.
// register*Command adds the CLI11 subcommand and sets its callback; the callback stores the exit code.
#include <CLI/CLI.hpp>

namespace tvapp {

struct CommandResult {
    int exitCode = 0;
};

void registerInfoCommand(CLI::App& app, CommandResult& result);
void registerConvertCommand(CLI::App& app, CommandResult& result);
void registerAnalyzeCommand(CLI::App& app, CommandResult& result);
void registerEvaluateCommand(CLI::App& app, CommandResult& result);
// Viewer (built with TV_BUILD_UI): optional PATH on the main command opens the window; screenshot.
void registerViewCommand(CLI::App& app, CommandResult& result);
void registerScreenshotCommand(CLI::App& app, CommandResult& result);

/// Runs `fn` and turns project exceptions into messages on stderr and documented exit codes.
int runReportingErrors(const char* command, const std::function<int()>& fn);

}  // namespace tvapp
