#pragma once
// One exception hierarchy for the whole project. Callers catch the specific type when they react
// differently (skip a file, refuse a series, stop quietly on cancel); everything else is an Error.
// Messages name the file (where there is one), what was expected and what was found.
#include <stdexcept>
#include <string>

namespace tv {

/// Root of all ThromboView errors.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

/// A file could not be opened, read or parsed (missing, truncated, not DICOM/NIfTI, bad header).
class UnreadableFileError : public Error {
public:
    UnreadableFileError(std::string path, const std::string& what)
        : Error(path + ": " + what), path_(std::move(path)) {}
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

/// Pixel data is stored in an encoding this build cannot decode (names the transfer syntax).
class UnsupportedEncodingError : public Error {
public:
    using Error::Error;
};

/// A series is not one consistent volume (orientation, spacing, gaps, duplicates, tilt, modality).
class InconsistentSeriesError : public Error {
public:
    using Error::Error;
};

/// Arguments or parameters outside what a function accepts.
class InvalidArgumentError : public Error {
public:
    using Error::Error;
};

/// The user cancelled a long operation; not a failure, callers stop quietly.
class CancelledError : public Error {
public:
    CancelledError() : Error("operation cancelled by the user") {}
};

}  // namespace tv
