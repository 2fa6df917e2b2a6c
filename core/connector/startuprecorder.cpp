#include "core/connector/startuprecorder.h"

#include "core/connector/cachedconnector.h"
#include "core/store/cachestore.h"

namespace cc {

namespace {
const char kRecorderName[] = "cc_startup_recorder";
}

InitOutcome initOutcomeOf(const InitResult &result)
{
    if (!result.ok)
        return InitOutcome::Failed;
    switch (result.source) {
    case InitResult::Source::CacheHit:
        return InitOutcome::Hit;
    case InitResult::Source::StaleButSafe:
        return InitOutcome::StaleSafe;
    case InitResult::Source::PeerSync:
    case InitResult::Source::Synced:
    case InitResult::Source::LiveSync:
        return InitOutcome::MissSynced;
    case InitResult::Source::None:
        break;
    }
    return InitOutcome::Failed;
}

void recordStartups(CachedConnector *connector, CacheStore *store)
{
    if (!connector || !store ||
        connector->findChild<QObject *>(QLatin1String(kRecorderName), Qt::FindDirectChildrenOnly))
        return;
    // The connections' context: they go with the connector.
    auto *recorder = new QObject(connector);
    recorder->setObjectName(QLatin1String(kRecorderName));
    QObject::connect(
        connector, &CachedConnector::initialized, recorder, [store](const InitResult &result) {
            store->recordInitialization(initOutcomeOf(result), double(result.elapsedMs));
        });
    // A call whose timestamp the exchange rejected is retried after a resync (retried).
    QObject::connect(connector, &CachedConnector::verified, recorder,
                     [store](const ApiCallResult &result) {
                         if (result.retried)
                             store->recordRejection();
                     });
}

} // namespace cc
