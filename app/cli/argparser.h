#pragma once
// A small command-line parser for one command: declared flags (--json), options taking a value (--out DIR or
// --out=DIR) and positional arguments. Anything undeclared is a UsageError.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace qs::cli {

class ArgParser {
public:
    /// `command` names the command in messages ("inspect").
    explicit ArgParser(std::string command);

    /// Declares a boolean flag such as "--json".
    void addFlag(const std::string& name);
    /// Declares an option that takes a value, such as "--out"; giving it twice is a UsageError.
    void addOption(const std::string& name);
    /// Declares an option that may be given several times, such as "--input NAME=FILE".
    void addRepeatableOption(const std::string& name);
    /// Parses `args` (without the program and command names). Throws UsageError on anything undeclared or a
    /// missing option value. "--" ends option parsing.
    void parse(const std::vector<std::string>& args);

    bool flag(const std::string& name) const;
    std::optional<std::string> option(const std::string& name) const;
    /// Every value of a repeatable option, in command-line order.
    std::vector<std::string> optionValues(const std::string& name) const;
    const std::vector<std::string>& positionals() const { return m_positionals; }
    /// Throws UsageError unless there are between `minCount` and `maxCount` positional arguments.
    void requirePositionals(size_t minCount, size_t maxCount, const std::string& what) const;

private:
    bool takeOption(const std::string& arg, const std::vector<std::string>& args, size_t& index);
    void storeOption(const std::string& name, const std::string& value);

    std::string m_command;
    std::set<std::string> m_declaredFlags;
    std::set<std::string> m_declaredOptions;
    std::set<std::string> m_repeatableOptions;
    std::set<std::string> m_flags;
    std::map<std::string, std::vector<std::string>> m_options;
    std::vector<std::string> m_positionals;
};

} // namespace qs::cli
