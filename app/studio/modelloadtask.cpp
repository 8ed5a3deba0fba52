#include "modelloadtask.h"

#include "taskrunner.h"

#include "model/onnxloader.h"

#include <QFileInfo>
#include <new>

namespace qs {

ModelLoadTask::ModelLoadTask(TaskRunner* runner, QObject* parent) : QObject(parent), m_runner(runner) {
    connect(runner, &TaskRunner::jobProgress, this,
            [this](int id, double fraction, const QString& stage, qint64, qint64) {
                if (id == m_job)
                    emit progressChanged(fraction, stage);
            });
    connect(runner, &TaskRunner::jobFailed, this, [this](int id, const QString&, const QString& message) {
        if (id != m_job)
            return;
        m_job = 0;
        emit failed(message);
    });
    connect(runner, &TaskRunner::jobCancelled, this, [this](int id, const QString&) {
        if (id != m_job)
            return;
        m_job = 0;
        emit cancelled();
    });
}

void ModelLoadTask::start(const QString& path) {
    cancel();
    m_path = path;
    m_clock.start();
    const std::string file = path.toStdString();
    m_job = m_runner->start(tr("Loading %1").arg(QFileInfo(path).fileName()), TaskRunner::Lane::Engine,
                            [this, file](TaskContext& context) {
                                std::shared_ptr<const Model> model;
                                QStringList warnings;
                                try {
                                    LoadResult result =
                                        loadOnnxModel(file, LoadOptions{}, context.progress());
                                    for (const std::string& warning : result.warnings)
                                        warnings << QString::fromStdString(warning);
                                    model = std::make_shared<const Model>(std::move(result.model));
                                } catch (const std::bad_alloc&) {
                                    throw Error(tr("%1: not enough memory to load the model")
                                                    .arg(QString::fromStdString(file))
                                                    .toStdString());
                                }
                                return TaskRunner::Apply([this, model, warnings] {
                                    m_job = 0;
                                    m_lastDurationMs = m_clock.elapsed();
                                    emit loaded(model, warnings);
                                });
                            });
    m_lastJob = m_job;
    emit progressChanged(0.0, tr("Opening"));
}

void ModelLoadTask::cancel() {
    if (m_job != 0)
        m_runner->cancel(m_job);
}

void ModelLoadTask::waitForFinished() {
    m_runner->waitForIdle();
}

} // namespace qs
