#include "argparser.h"

#include "usageerror.h"

namespace qs::cli {

ArgParser::ArgParser(std::string command) : m_command(std::move(command)) {}

void ArgParser::addFlag(const std::string& name) {
    m_declaredFlags.insert(name);
}

void ArgParser::addOption(const std::string& name) {
    m_declaredOptions.insert(name);
}

void ArgParser::addRepeatableOption(const std::string& name) {
    m_declaredOptions.insert(name);
    m_repeatableOptions.insert(name);
}

void ArgParser::parse(const std::vector<std::string>& args) {
    bool optionsEnded = false;
    for (size_t index = 0; index < args.size(); ++index) {
        const std::string& arg = args[index];
        if (optionsEnded || arg.size() < 2 || arg[0] != '-') {
            m_positionals.push_back(arg);
        } else if (arg == "--") {
            optionsEnded = true;
        } else if (m_declaredFlags.count(arg)) {
            m_flags.insert(arg);
        } else if (!takeOption(arg, args, index)) {
            throw UsageError(m_command + ": unknown option '" + arg + "'");
        }
    }
}

bool ArgParser::takeOption(const std::string& arg, const std::vector<std::string>& args, size_t& index) {
    const size_t equals = arg.find('=');
    const std::string name = arg.substr(0, equals);
    if (!m_declaredOptions.count(name))
        return false;
    if (equals != std::string::npos) {
        storeOption(name, arg.substr(equals + 1));
        return true;
    }
    if (index + 1 >= args.size())
        throw UsageError(m_command + ": option '" + name + "' needs a value");
    storeOption(name, args[++index]);
    return true;
}

void ArgParser::storeOption(const std::string& name, const std::string& value) {
    std::vector<std::string>& values = m_options[name];
    if (!values.empty() && !m_repeatableOptions.count(name))
        throw UsageError(m_command + ": option '" + name + "' given more than once");
    values.push_back(value);
}

bool ArgParser::flag(const std::string& name) const {
    return m_flags.count(name) > 0;
}

std::optional<std::string> ArgParser::option(const std::string& name) const {
    const auto found = m_options.find(name);
    if (found == m_options.end() || found->second.empty())
        return std::nullopt;
    return found->second.back();
}

std::vector<std::string> ArgParser::optionValues(const std::string& name) const {
    const auto found = m_options.find(name);
    return found == m_options.end() ? std::vector<std::string>{} : found->second;
}

void ArgParser::requirePositionals(size_t minCount, size_t maxCount, const std::string& what) const {
    if (m_positionals.size() < minCount)
        throw UsageError(m_command + ": missing " + what);
    if (m_positionals.size() > maxCount)
        throw UsageError(m_command + ": unexpected argument '" + m_positionals[maxCount] + "'");
}

} // namespace qs::cli
