#include "core/store/syncnumbers.h"

#include <QJsonDocument>
#include <QJsonValue>

#include <cmath>

namespace cc::store {

namespace {

std::optional<double> numberIn(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    return std::isfinite(d) ? std::optional<double>(d) : std::nullopt;
}

} // namespace

void readSyncNumbers(const QJsonObject &metadata, OffsetRecord *record)
{
    const QJsonObject sync = metadata.value(QLatin1String(syncKeys::sync)).toObject();
    record->errorBoundMs = numberIn(sync, syncKeys::errorBoundMs);
    if (record->errorBoundMs && *record->errorBoundMs < 0)
        record->errorBoundMs.reset();
    record->rttMs = numberIn(sync, syncKeys::rttMs);
    record->samples = numberIn(sync, syncKeys::samples);
    record->setDrift(numberIn(sync, syncKeys::driftPpm), numberIn(sync, syncKeys::driftPpmError));
}

void readSyncNumbers(const QByteArray &metadataJson, OffsetRecord *record)
{
    // Not JSON, or JSON but not an object: no account (what the server's CASEs gave).
    readSyncNumbers(QJsonDocument::fromJson(metadataJson).object(), record);
}

} // namespace cc::store
