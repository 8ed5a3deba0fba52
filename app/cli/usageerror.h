#pragma once
// A mistake on the command line (unknown command or option, missing argument). The dispatcher prints it as
// one line and exits with status 2, unlike qs::Error which means the command itself failed (status 1).

#include <stdexcept>
#include <string>

namespace qs::cli {

class UsageError : public std::runtime_error {
public:
    explicit UsageError(const std::string& message) : std::runtime_error(message) {}
};

} // namespace qs::cli
