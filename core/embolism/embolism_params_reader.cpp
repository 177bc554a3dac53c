// Reader and range check of EmbolismParams: both walk the key list of embolism_params_fields.h, the
// same list to_json writes, so every key written can be read and no key is read that is not written.
#include "embolism/embolism_params_reader.h"

#include <cmath>
#include <cstddef>
#include <fstream>
#include <limits>
#include <set>
#include <string>

#include "embolism/embolism_params_fields.h"
#include "util/errors.h"

namespace tv {
namespace {

std::string joinPath(const std::string& prefix, const char* key) {
    return prefix.empty() ? key : prefix + "." + key;
}

[[noreturn]] void badValue(const std::string& path, const std::string& expected,
                           const nlohmann::json& found) {
    throw InvalidArgumentError("embolism parameter " + path + ": expected " + expected + ", found " +
                               found.dump());
}

void readValue(const std::string& path, const nlohmann::json& v, bool& out) {
    if (!v.is_boolean()) badValue(path, "true or false", v);
    out = v.get<bool>();
}

void readValue(const std::string& path, const nlohmann::json& v, double& out) {
    if (!v.is_number()) badValue(path, "a number", v);
    out = v.get<double>();
}

// 4 and 4.0 are the integer 4; 4.5, or a value no int holds, is no integer.
void readValue(const std::string& path, const nlohmann::json& v, int& out) {
    if (!v.is_number()) badValue(path, "an integer", v);
    const double d = v.get<double>();
    if (d != std::floor(d) || d < std::numeric_limits<int>::min() || d > std::numeric_limits<int>::max())
        badValue(path, "an integer", v);
    out = static_cast<int>(d);
}

// Puts the values of one JSON object (and its nested groups) over the parameters; every key of the
// object must be one the list visits at that level.
class JsonReader {
public:
    explicit JsonReader(const nlohmann::json& object) : object_(&object) {}

    template <class T>
    void field(const char* key, T& member, ParamRange = ParamRange::Any) {
        if (const nlohmann::json* v = take(key)) readValue(joinPath(prefix_, key), *v, member);
    }
    void interval(const char* key, double& low, double& high, ParamRange, IntervalOrder) {
        const nlohmann::json* v = take(key);
        if (!v) return;
        const std::string path = joinPath(prefix_, key);
        if (!v->is_array() || v->size() != 2) badValue(path, "[low, high]", *v);
        double values[2];
        for (std::size_t i = 0; i < 2; ++i)
            readValue(path + "[" + std::to_string(i) + "]", (*v)[i], values[i]);
        low = values[0];
        high = values[1];
    }
    template <std::size_t N>
    void array(const char* key, double (&members)[N], ParamRange) {
        const nlohmann::json* v = take(key);
        if (!v) return;
        const std::string path = joinPath(prefix_, key);
        if (!v->is_array() || v->size() != N)
            badValue(path, "an array of " + std::to_string(N) + " numbers", *v);
        double values[N];
        for (std::size_t i = 0; i < N; ++i)
            readValue(path + "[" + std::to_string(i) + "]", (*v)[i], values[i]);
        for (std::size_t i = 0; i < N; ++i) members[i] = values[i];
    }
    template <class F>
    void group(const char* key, F&& visitMembers) {
        const nlohmann::json* v = take(key);
        if (!v) return;
        const std::string path = joinPath(prefix_, key);
        if (!v->is_object()) badValue(path, "an object", *v);
        const nlohmann::json* outerObject = object_;
        std::string outerPrefix = prefix_;
        std::set<std::string> outerTaken = std::move(taken_);
        object_ = v;
        prefix_ = path;
        taken_.clear();
        visitMembers();
        rejectUnknownKeys();
        object_ = outerObject;
        prefix_ = std::move(outerPrefix);
        taken_ = std::move(outerTaken);
    }

    // After the visit of the object's level: a key the list did not visit is a misspelling or a key of
    // another version, and silently running with the default would hide that.
    void rejectUnknownKeys(const std::set<std::string>& ignored = {}) const {
        for (const auto& [key, value] : object_->items())
            if (!taken_.count(key) && !ignored.count(key))
                throw InvalidArgumentError("embolism parameters: unknown key '" +
                                           joinPath(prefix_, key.c_str()) + "'");
    }

private:
    const nlohmann::json* take(const char* key) {
        taken_.insert(key);
        const auto it = object_->find(key);
        return it == object_->end() ? nullptr : &*it;
    }

    const nlohmann::json* object_;
    std::string prefix_;
    std::set<std::string> taken_;
};

[[noreturn]] void outOfRange(const std::string& path, const std::string& expected,
                             const nlohmann::json& found) {
    throw InvalidArgumentError("embolism parameter " + path + ": expected " + expected + ", found " +
                               found.dump());
}

void checkRange(const std::string& path, double value, ParamRange range) {
    if (range == ParamRange::NonNegative && !(value >= 0)) outOfRange(path, "a value >= 0", value);
    if (range == ParamRange::UnitInterval && !(value >= 0 && value <= 1))
        outOfRange(path, "a value in [0, 1]", value);
}

class RangeChecker {
public:
    void field(const char*, const bool&) {}
    template <class T>
    void field(const char* key, const T& value, ParamRange range = ParamRange::Any) {
        checkRange(joinPath(prefix_, key), static_cast<double>(value), range);
    }
    void interval(const char* key, double low, double high, ParamRange range, IntervalOrder order) {
        const std::string path = joinPath(prefix_, key);
        checkRange(path + "[0]", low, range);
        checkRange(path + "[1]", high, range);
        if (order == IntervalOrder::LowBelowHigh && !(low < high))
            outOfRange(path, "low < high", nlohmann::json::array({low, high}));
        if (order == IntervalOrder::LowNotAboveHigh && !(low <= high))
            outOfRange(path, "low <= high", nlohmann::json::array({low, high}));
    }
    template <std::size_t N>
    void array(const char* key, const double (&values)[N], ParamRange range) {
        for (std::size_t i = 0; i < N; ++i)
            checkRange(joinPath(prefix_, key) + "[" + std::to_string(i) + "]", values[i], range);
    }
    template <class F>
    void group(const char* key, F&& visitMembers) {
        std::string outerPrefix = prefix_;
        prefix_ = joinPath(prefix_, key);
        visitMembers();
        prefix_ = std::move(outerPrefix);
    }

private:
    std::string prefix_;
};

}  // namespace

EmbolismParams embolismParamsFromJson(const nlohmann::json& j) {
    if (!j.is_object())
        throw InvalidArgumentError("embolism parameters: expected a JSON object, found " + j.dump());
    EmbolismParams p;
    JsonReader reader(j);
    visitEmbolismParams(p, reader);
    // The citations to_json writes beside the values: part of a written file, nothing to read.
    reader.rejectUnknownKeys({"sources"});
    validateEmbolismParams(p);
    return p;
}

EmbolismParams readEmbolismParamsFile(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw UnreadableFileError(path, "cannot open the embolus detector parameter file");
    nlohmann::json j;
    try {
        in >> j;
    } catch (const nlohmann::json::exception& e) {
        throw UnreadableFileError(path, std::string("expected a JSON object of embolism parameters: ") + e.what());
    }
    try {
        return embolismParamsFromJson(j);
    } catch (const InvalidArgumentError& e) {
        throw InvalidArgumentError(path + ": " + e.what());
    }
}

void validateEmbolismParams(const EmbolismParams& p) {
    RangeChecker checker;
    visitEmbolismParams(p, checker);
}

}  // namespace tv
