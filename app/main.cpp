// thromboview: command-line entry point. Thin: parses arguments and hands over to one command.
#include <CLI/CLI.hpp>
#include <iostream>

#include "commands.h"
#include "exit_codes.h"

int main(int argc, char** argv) {
    CLI::App app{"ThromboView: CT viewer with pulmonary embolus and ground-glass-opacity decision support.\n"
                 "Automatic results are decision support for a qualified reader, not a diagnosis."};
    app.set_version_flag("--version", "thromboview 0.1.0");
    tvapp::CommandResult result;
    tvapp::registerInfoCommand(app, result);
    tvapp::registerConvertCommand(app, result);
    tvapp::registerAnalyzeCommand(app, result);
    tvapp::registerEvaluateCommand(app, result);
#ifdef TV_WITH_UI
    tvapp::registerScreenshotCommand(app, result);
    tvapp::registerViewCommand(app, result);  // no subcommand: the viewer window
#endif
    app.require_subcommand(0, 1);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? tvapp::kOk : tvapp::kUsage;
    }
    if (app.get_subcommands().empty()) {
#ifdef TV_WITH_UI
        return result.exitCode;  // the viewer ran in the main command's callback
#endif
        std::cout << app.help();
        return tvapp::kOk;
    }
    return result.exitCode;
}
