#pragma once
// The studio's text for a progress stage. Core reports the stage of a long operation as a short English
// phrase (ProgressCallback in util/error.h) and the CLI prints it as it is; the studio shows it translated.
// The phrase is the stage's id: a fixed phrase ("Calibrating"), or a fixed prefix followed by a variable part
// ("Listing <folder>", "quantizing only <layer>"). A phrase that is not in the table is shown unchanged.

#include <QString>

#include <string>

namespace qs {

/// The translated title of core's progress stage `stage`, or `stage` itself when it is not a known one.
QString stageTitle(const QString& stage);
QString stageTitle(const std::string& stage);

/// Whether stageTitle() knows `stage`, as a fixed phrase or by its prefix (for tests).
bool isKnownStage(const QString& stage);

} // namespace qs
