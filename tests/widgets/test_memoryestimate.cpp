// The data panel says what calibration is estimated to take in memory, and warns (in red, with what to do)
// when the batch size would need more than the default limit; starting a step then leaves a message too.

#include "datapanel.h"
#include "document.h"
#include "layerspanel.h"
#include "layertablemodel.h"
#include "mainwindow.h"
#include "memoryestimatetext.h"
#include "modelloadtask.h"
#include "quantizationjobs.h"
#include "strategyeditor.h"
#include "taskrunner.h"
#include "testsettings.h"

#include "runtime/memoryestimate.h"

#include <catch2/catch.hpp>

#include <QLabel>
#include <QSignalSpy>

using qs::MainWindow;

namespace {

QString resourcePath(const char* relative) {
    return QString::fromUtf8(QS_SOURCE_DIR) + QStringLiteral("/resources/") + QString::fromUtf8(relative);
}

} // namespace

TEST_CASE("The data panel shows the calibration memory estimate and warns above the limit",
          "[widgets][studio][memory]") {
    const qs::test::IsolatedSettings settings(QStringLiteral("memory"));
    MainWindow window;
    window.jobs()->setThreadCount(1);
    QLabel* label = window.dataPanel()->memoryEstimate();
    CHECK(label->isHidden()); // no model yet

    window.openFile(resourcePath("demo/model.onnx"));
    window.document()->loadTask()->waitForFinished();
    REQUIRE(window.document()->model());
    window.strategyEditor()->loadConfigFile(resourcePath("configs/demo-w8a8.json"));
    window.layersPanel()->tableModel()->waitForStatistics();
    window.taskRunner()->waitForIdle();

    qs::Document* document = window.document();
    const size_t batch = document->config().calibration.batchSize;
    CHECK_FALSE(label->isHidden());
    CHECK(label->text().startsWith("Estimated memory for calibration: "));
    CHECK(label->text().contains(QStringLiteral("(batch %1)").arg(batch)));
    CHECK_FALSE(label->text().contains("c0392b"));
    CHECK(label->toolTip().contains("activations"));
    const qs::MemoryEstimateText small = qs::MemoryEstimateText::forDocument(*document);
    REQUIRE(small.known);
    CHECK_FALSE(small.exceedsLimit);

    // A batch size whose activations alone are far above the machine's memory.
    qs::QuantConfig huge = document->config();
    huge.calibration.batchSize = size_t(1) << 26;
    document->setConfig(huge);
    const qs::MemoryEstimateText large = qs::MemoryEstimateText::forDocument(*document);
    REQUIRE(large.known);
    CHECK(large.exceedsLimit);
    CHECK(large.bytes > qs::defaultMemoryLimitBytes());
    CHECK(label->text().contains("c0392b"));
    CHECK(label->text().contains("calibration.batch_size"));
    CHECK(label->text().contains(QStringLiteral("(batch %1)").arg(size_t(1) << 26)));

    // Starting calibration is not refused, but the Messages log gets the warning.
    document->setCalibrationFolder(resourcePath("demo/calib"));
    window.taskRunner()->waitForIdle();
    QSignalSpy messages(window.jobs(), &qs::QuantizationJobs::message);
    document->setConfig(huge);
    const int job = window.jobs()->calibrate();
    CHECK(job > 0);
    window.taskRunner()->cancel(job);
    window.taskRunner()->waitForIdle();
    bool warned = false;
    for (const QList<QVariant>& arguments : messages)
        warned = warned || arguments.at(0).toString().startsWith("Estimated memory for calibration: ");
    CHECK(warned);
}
