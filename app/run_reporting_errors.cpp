#include <iostream>

#include "commands.h"
#include "exit_codes.h"
#include "util/errors.h"

namespace tvapp {

int runReportingErrors(const char* command, const std::function<int()>& fn) {
    try {
        return fn();
    } catch (const tv::CancelledError& e) {
        std::cerr << "thromboview " << command << ": " << e.what() << "\n";
        return kCancelled;
    } catch (const tv::UnreadableFileError& e) {
        std::cerr << "thromboview " << command << ": error: " << e.what() << "\n";
        return kInputError;
    } catch (const tv::UnsupportedEncodingError& e) {
        std::cerr << "thromboview " << command << ": error: " << e.what() << "\n";
        return kInputError;
    } catch (const tv::InconsistentSeriesError& e) {
        std::cerr << "thromboview " << command << ": error: " << e.what() << "\n";
        return kInputError;
    } catch (const tv::InvalidArgumentError& e) {
        std::cerr << "thromboview " << command << ": error: " << e.what() << "\n";
        return kUsage;
    } catch (const tv::Error& e) {
        std::cerr << "thromboview " << command << ": error: " << e.what() << "\n";
        return kInputError;
    } catch (const std::exception& e) {
        std::cerr << "thromboview " << command << ": internal error: " << e.what() << "\n";
        return kInternalError;
    }
}

}  // namespace tvapp
