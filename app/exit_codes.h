#pragma once
// Documented exit codes of the thromboview command (README "Command line").
namespace tvapp {
enum ExitCode : int {
    kOk = 0,
    kUsage = 1,          // bad arguments or options
    kInputError = 2,     // input missing, unreadable, unsupported encoding or inconsistent series
    kOutputError = 3,    // output could not be written
    kNoDisplay = 4,      // GUI or screenshot requested but no display could be opened
    kCancelled = 5,      // interrupted
    kInternalError = 10  // unexpected failure (a bug: please report with the message)
};
}
