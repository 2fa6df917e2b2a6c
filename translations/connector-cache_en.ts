<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Describe</name>
    <message numerus="yes">
        <source>%Ln entries: %1</source>
        <translation>
            <numerusform>%Ln entry: %1</numerusform>
            <numerusform>%Ln entries: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Invalidated %Ln entries</source>
        <translation>
            <numerusform>Invalidated %Ln entry</numerusform>
            <numerusform>Invalidated %Ln entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %Ln expired entries</source>
        <translation>
            <numerusform>Deleted %Ln expired entry</numerusform>
            <numerusform>Deleted %Ln expired entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln entries</source>
        <translation>
            <numerusform>Exported %Ln entry</numerusform>
            <numerusform>Exported %Ln entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %Ln entries</source>
        <translation>
            <numerusform>Done: %Ln entry</numerusform>
            <numerusform>Done: %Ln entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cc::ui::AlertBar</name>
    <message numerus="yes">
        <source> — and %n more firing</source>
        <translation>
            <numerusform> — and %n more firing</numerusform>
            <numerusform> — and %n more firing</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cc::ui::ClockPage</name>
    <message numerus="yes">
        <source>%Ln min</source>
        <translation>
            <numerusform>%Ln min</numerusform>
            <numerusform>%Ln min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Updated %1 · %Ln log rows</source>
        <translation>
            <numerusform>Updated %1 · %Ln log row</numerusform>
            <numerusform>Updated %1 · %Ln log rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 ms per hour; fitted over %Ln ok syncs spanning %2</source>
        <translation>
            <numerusform>%1 ms per hour; fitted over %Ln ok sync spanning %2</numerusform>
            <numerusform>%1 ms per hour; fitted over %Ln ok syncs spanning %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %Ln steps taken out first</source>
        <translation>
            <numerusform>; %Ln step taken out first</numerusform>
            <numerusform>; %Ln steps taken out first</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Drift is measured from %1 ok syncs spanning %2 or more; this host has %Ln spanning %3. Until then the ahead margin assumes %4 ms per hour.</source>
        <translation>
            <numerusform>Drift is measured from %1 ok syncs spanning %2 or more; this host has %Ln spanning %3. Until then the ahead margin assumes %4 ms per hour.</numerusform>
            <numerusform>Drift is measured from %1 ok syncs spanning %2 or more; this host has %Ln spanning %3. Until then the ahead margin assumes %4 ms per hour.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%Ln failed)</source>
        <translation>
            <numerusform> (%Ln failed)</numerusform>
            <numerusform> (%Ln failed)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln hosts</source>
        <translation>
            <numerusform>%Ln host</numerusform>
            <numerusform>%Ln hosts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cc::ui::EntriesPage</name>
    <message numerus="yes">
        <source>%Ln entries</source>
        <translation>
            <numerusform>%Ln entry</numerusform>
            <numerusform>%Ln entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln entries selected</source>
        <translation>
            <numerusform>%Ln entry selected</numerusform>
            <numerusform>%Ln entries selected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cc::ui::FleetPage</name>
    <message numerus="yes">
        <source>Every connection profile, each read on its own connection every %Ln seconds. Double-click a row to open that profile.</source>
        <translation>
            <numerusform>Every connection profile, each read on its own connection at intervals of %Ln second. Double-click a row to open that profile.</numerusform>
            <numerusform>Every connection profile, each read on its own connection every %Ln seconds. Double-click a row to open that profile.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cc::ui::MainWindow</name>
    <message numerus="yes">
        <source>%Ln entries done…</source>
        <translation>
            <numerusform>%Ln entry done…</numerusform>
            <numerusform>%Ln entries done…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Connection lost — retrying in %Ln s</source>
        <translation>
            <numerusform>Connection lost — retrying in %Ln s</numerusform>
            <numerusform>Connection lost — retrying in %Ln s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Invalidate the %Ln selected entries? Their connectors will resync on their next start.</source>
        <translation>
            <numerusform>Invalidate the %Ln selected entry? Its connector will resync on its next start.</numerusform>
            <numerusform>Invalidate the %Ln selected entries? Their connectors will resync on their next start.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No filter is set: invalidate ALL %Ln entries in %1?</source>
        <translation>
            <numerusform>No filter is set: invalidate the only entry in %1?</numerusform>
            <numerusform>No filter is set: invalidate ALL %Ln entries in %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Invalidate %Ln entries matching %1 in %2?</source>
        <translation>
            <numerusform>Invalidate %Ln entry matching %1 in %2?</numerusform>
            <numerusform>Invalidate %Ln entries matching %1 in %2?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln entries past their expiry from %1?</source>
        <translation>
            <numerusform>Delete %Ln entry past its expiry from %1?</numerusform>
            <numerusform>Delete %Ln entries past their expiry from %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln expired (as on the Expired card) and %1 invalidated entries that have expired since: cleanup deletes both.</source>
        <translation>
            <numerusform>%Ln expired (as on the Expired card) and %1 invalidated entries that have expired since: cleanup deletes both.</numerusform>
            <numerusform>%Ln expired (as on the Expired card) and %1 invalidated entries that have expired since: cleanup deletes both.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln expired entries from %1?</source>
        <translation>
            <numerusform>Delete %Ln expired entry from %1?</numerusform>
            <numerusform>Delete %Ln expired entries from %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln charts written to %1</source>
        <translation>
            <numerusform>%Ln chart written to %1</numerusform>
            <numerusform>%Ln charts written to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Password authentication failed %n time(s) — not retrying</source>
        <translation>
            <numerusform>Password authentication failed %n time — not retrying</numerusform>
            <numerusform>Password authentication failed %n times — not retrying</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Server not answering since %1 — retrying in %Ln s</source>
        <translation>
            <numerusform>Server not answering since %1 — retrying in %Ln s</numerusform>
            <numerusform>Server not answering since %1 — retrying in %Ln s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln entries touched: listed beside the event in the Clock view</source>
        <translation>
            <numerusform>%Ln entry touched: listed beside the event in the Clock view</numerusform>
            <numerusform>%Ln entries touched: listed beside the event in the Clock view</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cc::ui::StartupPanel</name>
    <message numerus="yes">
        <source>%Ln starts with a cache hit in the range; the seed measured %1 ms with the cache</source>
        <translation>
            <numerusform>%Ln start with a cache hit in the range; the seed measured %1 ms with the cache</numerusform>
            <numerusform>%Ln starts with a cache hit in the range; the seed measured %1 ms with the cache</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln starts that synced with the exchange in the range; the seed measured %1 ms without the cache</source>
        <translation>
            <numerusform>%Ln start that synced with the exchange in the range; the seed measured %1 ms without the cache</numerusform>
            <numerusform>%Ln starts that synced with the exchange in the range; the seed measured %1 ms without the cache</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln syncs saved × %1 ms: each start with a cache hit avoided a miss&apos;s measured cost (the mean start-up with a miss in the range) less its own</source>
        <translation>
            <numerusform>%Ln sync saved × %1 ms: each start with a cache hit avoided a miss&apos;s measured cost (the mean start-up with a miss in the range) less its own</numerusform>
            <numerusform>%Ln syncs saved × %1 ms: each start with a cache hit avoided a miss&apos;s measured cost (the mean start-up with a miss in the range) less its own</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cc::ui::StoreWorker</name>
    <message numerus="yes">
        <source>Cancelled by the operator after %n entries.</source>
        <translation>
            <numerusform>Cancelled by the operator after %n entry.</numerusform>
            <numerusform>Cancelled by the operator after %n entries.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln entries invalidated, but %1 matching entries were left valid: another transaction holds them locked. Run the invalidation again later; it takes only what is left.</source>
        <translation>
            <numerusform>%Ln entry invalidated, but %1 matching entries were left valid: another transaction holds them locked. Run the invalidation again later; it takes only what is left.</numerusform>
            <numerusform>%Ln entries invalidated, but %1 matching entries were left valid: another transaction holds them locked. Run the invalidation again later; it takes only what is left.</numerusform>
        </translation>
    </message>
</context>
</TS>
