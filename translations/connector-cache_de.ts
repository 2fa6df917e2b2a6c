<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ConnectionProfile</name>
    <message>
        <source>production</source>
        <translation>Produktion</translation>
    </message>
    <message>
        <source>staging</source>
        <translation>Staging</translation>
    </message>
    <message>
        <source>test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>untagged</source>
        <translation>ohne Kennzeichnung</translation>
    </message>
</context>
<context>
    <name>Describe</name>
    <message>
        <source>valid</source>
        <translation>gültig</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>invalidated</source>
        <translation>ungültig gemacht</translation>
    </message>
    <message>
        <source>user</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>credential</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <source>exchange</source>
        <translation>Börse</translation>
    </message>
    <message>
        <source>environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>state</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>text contains &quot;%1&quot;</source>
        <translation>Text enthält „%1“</translation>
    </message>
    <message>
        <source>synced before %1</source>
        <translation>synchronisiert vor %1</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>aus %1</translation>
    </message>
    <message>
        <source>all entries</source>
        <translation>alle Einträge</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entries: %1</source>
        <translation>
            <numerusform>%Ln Eintrag: %1</numerusform>
            <numerusform>%Ln Einträge: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Invalidated %Ln entries</source>
        <translation>
            <numerusform>%Ln Eintrag ungültig gemacht</numerusform>
            <numerusform>%Ln Einträge ungültig gemacht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %Ln expired entries</source>
        <translation>
            <numerusform>%Ln abgelaufenen Eintrag gelöscht</numerusform>
            <numerusform>%Ln abgelaufene Einträge gelöscht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln entries</source>
        <translation>
            <numerusform>%Ln Eintrag exportiert</numerusform>
            <numerusform>%Ln Einträge exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved the measured offset</source>
        <translation>Gemessenen Versatz gespeichert</translation>
    </message>
    <message numerus="yes">
        <source>Done: %Ln entries</source>
        <translation>
            <numerusform>Erledigt: %Ln Eintrag</numerusform>
            <numerusform>Erledigt: %Ln Einträge</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 previewed; the others were renewed meanwhile or deleted elsewhere</source>
        <translation>%1 in der Vorschau; die übrigen wurden inzwischen erneuert oder anderswo gelöscht</translation>
    </message>
    <message>
        <source>%1 previewed; more expired meanwhile</source>
        <translation>%1 in der Vorschau; inzwischen sind weitere abgelaufen</translation>
    </message>
    <message>
        <source>%1 previewed; the others were renewed, invalidated or locked meanwhile</source>
        <translation>%1 in der Vorschau; die übrigen wurden inzwischen erneuert, ungültig gemacht oder waren gesperrt</translation>
    </message>
    <message>
        <source>%1 previewed; more matched meanwhile</source>
        <translation>%1 in der Vorschau; inzwischen passten weitere</translation>
    </message>
</context>
<context>
    <name>ProfileStore</name>
    <message>
        <source>Embedded (SQLite)</source>
        <translation>Eingebettet (SQLite)</translation>
    </message>
</context>
<context>
    <name>TimeDisplay</name>
    <message>
        <source>local time</source>
        <translation>Ortszeit</translation>
    </message>
    <message>
        <source>times in %1</source>
        <translation>Zeiten in %1</translation>
    </message>
</context>
<context>
    <name>cc::ui::ActivityPage</name>
    <message>
        <source>Filter the audit log</source>
        <translation>Prüfprotokoll filtern</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>OS user</source>
        <translation>Betriebssystembenutzer</translation>
    </message>
    <message>
        <source>Database role</source>
        <translation>Datenbankrolle</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>cc::ui::ConfirmDialog</name>
    <message>
        <source>This profile is tagged &lt;b&gt;production&lt;/b&gt;. Type its name, &lt;b&gt;%1&lt;/b&gt;, to confirm.</source>
        <translation>Dieses Profil ist als &lt;b&gt;Produktion&lt;/b&gt; markiert. Geben Sie zur Bestätigung seinen Namen ein: &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
</context>
<context>
    <name>cc::ui::Dashboard</name>
    <message>
        <source>Range:</source>
        <translation>Zeitraum:</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Refresh every:</source>
        <translation>Aktualisieren alle:</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Stop refreshing the dashboard</source>
        <translation>Das Dashboard nicht mehr aktualisieren</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Gültig</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Invalidated</source>
        <translation>Ungültig gemacht</translation>
    </message>
    <message>
        <source>Hit rate</source>
        <translation>Trefferquote</translation>
    </message>
    <message>
        <source>Misses</source>
        <translation>Fehlschläge</translation>
    </message>
    <message>
        <source>Syncs saved</source>
        <translation>Ersparte Synchronisierungen</translation>
    </message>
    <message>
        <source>Oldest offset</source>
        <translation>Ältester Versatz</translation>
    </message>
    <message>
        <source>Hits and misses</source>
        <translation>Treffer und Fehlschläge</translation>
    </message>
    <message>
        <source>Expiry outlook (valid entries)</source>
        <translation>Ablaufvorschau (gültige Einträge)</translation>
    </message>
    <message>
        <source>Entries by exchange and environment</source>
        <translation>Einträge nach Börse und Umgebung</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Data may be out of date</source>
        <translation>Die Daten sind möglicherweise veraltet</translation>
    </message>
    <message>
        <source>no lookups</source>
        <translation>keine Abfragen</translation>
    </message>
    <message>
        <source>Cold starts that skipped the time sync in the chosen range</source>
        <translation>Kaltstarts im gewählten Zeitraum, die die Zeitsynchronisierung übersprungen haben</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Aktualisiert %1</translation>
    </message>
    <message>
        <source>Hit rate %</source>
        <translation>Trefferquote %</translation>
    </message>
    <message>
        <source>Hits</source>
        <translation>Treffer</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>per minute</source>
        <translation>pro Minute</translation>
    </message>
    <message>
        <source>per %1 min</source>
        <translation>pro %1 min</translation>
    </message>
    <message>
        <source>Valid entries expiring</source>
        <translation>Ablaufende gültige Einträge</translation>
    </message>
    <message>
        <source>within 5 min</source>
        <translation>in 5 min</translation>
    </message>
    <message>
        <source>within 15 min</source>
        <translation>in 15 min</translation>
    </message>
    <message>
        <source>within 60 min</source>
        <translation>in 60 min</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>gültig</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>invalidated</source>
        <translation>ungültig gemacht</translation>
    </message>
    <message>
        <source>Estimated from a sample of the table; the CLI&apos;s &quot;stats --exact&quot; counts every entry</source>
        <translation>Aus einer Stichprobe der Tabelle geschätzt; „stats --exact“ der Kommandozeile zählt jeden Eintrag</translation>
    </message>
    <message>
        <source>Clean up deletes the expired entries and also the invalidated entries that are past their expiry.</source>
        <translation>Aufräumen löscht die abgelaufenen Einträge und auch die ungültig gemachten Einträge, deren Ablaufzeit vorbei ist.</translation>
    </message>
    <message>
        <source>time (%1)</source>
        <translation>Zeit (%1)</translation>
    </message>
</context>
<context>
    <name>cc::ui::EntriesPage</name>
    <message>
        <source>Filter: exchange:bybit env:testnet user:ID cred:ID before:2h or any text</source>
        <translation>Filter: exchange:bybit env:testnet user:ID cred:ID before:2h oder beliebiger Text</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Alle Zustände</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Gültig</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Invalidated</source>
        <translation>Ungültig gemacht</translation>
    </message>
    <message>
        <source>Copy cache key</source>
        <translation>Cache-Schlüssel kopieren</translation>
    </message>
    <message>
        <source>Select an entry to see its details and metadata.</source>
        <translation>Wählen Sie einen Eintrag, um Details und Metadaten zu sehen.</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>wird gezählt …</translation>
    </message>
    <message>
        <source>Cache key:    %1
</source>
        <translation>Cache-Schlüssel: %1
</translation>
    </message>
    <message>
        <source>Id:           %1
</source>
        <translation>Id:           %1
</translation>
    </message>
    <message>
        <source>User:         %1
Credential:   %2
</source>
        <translation>Benutzer:     %1
Zugangsdaten: %2
</translation>
    </message>
    <message>
        <source>Exchange:     %1 %2
</source>
        <translation>Börse:        %1 %2
</translation>
    </message>
    <message>
        <source>Offset:       %1 ms
</source>
        <translation>Versatz:      %1 ms
</translation>
    </message>
    <message>
        <source>Last sync:    %1 (%2 ago)
</source>
        <translation>Letzte Sync.: %1 (vor %2)
</translation>
    </message>
    <message>
        <source>Expires:      %1
</source>
        <translation>Läuft ab:     %1
</translation>
    </message>
    <message>
        <source>State:        %1
Hits:         %2
</source>
        <translation>Zustand:      %1
Treffer:      %2
</translation>
    </message>
    <message>
        <source>Created:      %1
Updated:      %2
</source>
        <translation>Angelegt:     %1
Geändert:     %2
</translation>
    </message>
    <message>
        <source>Metadata:
%1</source>
        <translation>Metadaten:
%1</translation>
    </message>
    <message>
        <source>(none: written by the seed&apos;s service)</source>
        <translation>(keine: vom Seed-Dienst geschrieben)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entries</source>
        <translation>
            <numerusform>%Ln Eintrag</numerusform>
            <numerusform>%Ln Einträge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln entries selected</source>
        <translation>
            <numerusform>%Ln Eintrag ausgewählt</numerusform>
            <numerusform>%Ln Einträge ausgewählt</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>Saved filters; save the current one under a name</source>
        <translation>Gespeicherte Filter; den aktuellen unter einem Namen speichern</translation>
    </message>
    <message>
        <source>No entries match the filter.</source>
        <translation>Kein Eintrag passt zum Filter.</translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation>Filter leeren</translation>
    </message>
    <message>
        <source>no exchange is called &quot;%1&quot; (known: %2)</source>
        <translation>keine Börse heißt „%1“ (bekannt: %2)</translation>
    </message>
    <message>
        <source>no environment is called &quot;%1&quot; (known: %2)</source>
        <translation>keine Umgebung heißt „%1“ (bekannt: %2)</translation>
    </message>
    <message>
        <source>Unknown value: %1</source>
        <translation>Unbekannter Wert: %1</translation>
    </message>
    <message>
        <source>Save the current filter…</source>
        <translation>Aktuellen Filter speichern…</translation>
    </message>
    <message>
        <source>Save filter</source>
        <translation>Filter speichern</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
</context>
<context>
    <name>cc::ui::EntryModel</name>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>expired %1 ago</source>
        <translation>vor %1 abgelaufen</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>gültig</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>invalidated</source>
        <translation>ungültig gemacht</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>Börse</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>Versatz</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Letzte Synchronisierung</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <source>Expires in</source>
        <translation>Läuft ab in</translation>
    </message>
    <message>
        <source>Hits</source>
        <translation>Treffer</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Not loaded (cancelled; F5 loads again)</source>
        <translation>Nicht geladen (abgebrochen; F5 lädt neu)</translation>
    </message>
</context>
<context>
    <name>cc::ui::MainWindow</name>
    <message>
        <source>Connector Cache Console</source>
        <translation>Connector-Cache-Konsole</translation>
    </message>
    <message>
        <source>round trip %1 ms</source>
        <translation>Umlaufzeit %1 ms</translation>
    </message>
    <message>
        <source>Action failed</source>
        <translation>Aktion fehlgeschlagen</translation>
    </message>
    <message>
        <source>Connection lost — reconnecting…</source>
        <translation>Verbindung verloren — Verbindung wird wiederhergestellt …</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Filter entries</source>
        <translation>Einträge &amp;filtern</translation>
    </message>
    <message>
        <source>&amp;Invalidate selected</source>
        <translation>Auswahl &amp;ungültig machen</translation>
    </message>
    <message>
        <source>Invalidate all &amp;matching…</source>
        <translation>Alle &amp;passenden ungültig machen …</translation>
    </message>
    <message>
        <source>&amp;Clean up expired…</source>
        <translation>Abgelaufene &amp;bereinigen …</translation>
    </message>
    <message>
        <source>&amp;Test sync…</source>
        <translation>&amp;Testsynchronisierung …</translation>
    </message>
    <message>
        <source>&amp;Export entries…</source>
        <translation>Einträge &amp;exportieren …</translation>
    </message>
    <message>
        <source>Export &amp;charts as PNG…</source>
        <translation>&amp;Diagramme als PNG exportieren …</translation>
    </message>
    <message>
        <source>Connection &amp;profiles…</source>
        <translation>Verbindungs&amp;profile …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>Ü&amp;ber</translation>
    </message>
    <message>
        <source>About Connector Cache Console</source>
        <translation>Über die Connector-Cache-Konsole</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Connector Cache Console %1&lt;/h3&gt;&lt;p&gt;Watches and administers the exchange connectors&apos; time-offset cache.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;Database driver: %3&lt;br&gt;Server: %4 %5&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Connector-Cache-Konsole %1&lt;/h3&gt;&lt;p&gt;Überwacht und verwaltet den Zeitversatz-Cache der Börsenkonnektoren.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;Datenbanktreiber: %3&lt;br&gt;Server: %4 %5&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>The language changes when the console is started again.</source>
        <translation>Die Sprache ändert sich beim nächsten Start der Konsole.</translation>
    </message>
    <message>
        <source>&amp;Actions</source>
        <translation>A&amp;ktionen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>&amp;Dashboard</translation>
    </message>
    <message>
        <source>&amp;Entries</source>
        <translation>&amp;Einträge</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>&amp;Activity</source>
        <translation>Akti&amp;vität</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>nicht verbunden</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot;: %2</source>
        <translation>Profil „%1“: %2</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>verbinde …</translation>
    </message>
    <message>
        <source>%1 %2 as %3</source>
        <translation>%1 %2 als %3</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>verbunden</translation>
    </message>
    <message>
        <source>connected (read-only)</source>
        <translation>verbunden (nur lesend)</translation>
    </message>
    <message>
        <source> · live updates: polling (pooled connection)</source>
        <translation> · Live-Aktualisierung: Abfrage in Intervallen (Verbindung über Pooler)</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Remember this password in the system keychain?</source>
        <translation>Dieses Passwort im Schlüsselbund des Systems speichern?</translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation>Verbindung verloren</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 [%2] — Connector Cache Console</source>
        <translation>%1 [%2] — Connector-Cache-Konsole</translation>
    </message>
    <message>
        <source>Not connected to a database</source>
        <translation>Mit keiner Datenbank verbunden</translation>
    </message>
    <message>
        <source>The database role %1 may only read; ask for the admin GRANTs in the README</source>
        <translation>Die Datenbankrolle %1 darf nur lesen; die GRANTs für Administratoren stehen im README</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Select the entries to invalidate first.</source>
        <translation>Wählen Sie zuerst die Einträge aus, die ungültig gemacht werden sollen.</translation>
    </message>
    <message>
        <source>Invalidate the entry of %1 / %2? Its connector will resync on its next start.</source>
        <translation>Den Eintrag von %1 / %2 ungültig machen? Sein Konnektor synchronisiert beim nächsten Start neu.</translation>
    </message>
    <message>
        <source>Invalidate</source>
        <translation>Ungültig machen</translation>
    </message>
    <message>
        <source>Invalidating…</source>
        <translation>Wird ungültig gemacht …</translation>
    </message>
    <message>
        <source>No valid entry matches the filter.</source>
        <translation>Kein gültiger Eintrag passt zum Filter.</translation>
    </message>
    <message>
        <source>Clean up</source>
        <translation>Bereinigen</translation>
    </message>
    <message>
        <source>There are no expired entries.</source>
        <translation>Es gibt keine abgelaufenen Einträge.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Deleting expired entries…</source>
        <translation>Abgelaufene Einträge werden gelöscht …</translation>
    </message>
    <message>
        <source>The database role may only read</source>
        <translation>Die Datenbankrolle darf nur lesen</translation>
    </message>
    <message>
        <source>Export entries</source>
        <translation>Einträge exportieren</translation>
    </message>
    <message>
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation>CSV (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Wird exportiert …</translation>
    </message>
    <message>
        <source>Export charts to</source>
        <translation>Diagramme exportieren nach</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>&amp;Connect to</source>
        <translation>&amp;Verbinden mit</translation>
    </message>
    <message numerus="yes">
        <source>No filter is set: invalidate ALL %Ln entries in %1?</source>
        <translation>
            <numerusform>Kein Filter gesetzt: ALLE %Ln Einträge in %1 ungültig machen?</numerusform>
            <numerusform>Kein Filter gesetzt: ALLE %Ln Einträge in %1 ungültig machen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Invalidate %Ln entries matching %1 in %2?</source>
        <translation>
            <numerusform>%Ln Eintrag in %2, der %1 entspricht, ungültig machen?</numerusform>
            <numerusform>%Ln Einträge in %2, die %1 entsprechen, ungültig machen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln entries past their expiry from %1?</source>
        <translation>
            <numerusform>%Ln Eintrag nach Ablauf aus %1 löschen?</numerusform>
            <numerusform>%Ln Einträge nach Ablauf aus %1 löschen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln expired (as on the Expired card) and %1 invalidated entries that have expired since: cleanup deletes both.</source>
        <translation>
            <numerusform>%Ln abgelaufener Eintrag (wie auf der Karte „Abgelaufen“) und %1 ungültig gemachte, inzwischen abgelaufene Einträge: Aufräumen löscht beide.</numerusform>
            <numerusform>%Ln abgelaufene (wie auf der Karte „Abgelaufen“) und %1 ungültig gemachte Einträge, die inzwischen abgelaufen sind: Aufräumen löscht beide.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln expired entries from %1?</source>
        <translation>
            <numerusform>%Ln abgelaufenen Eintrag aus %1 löschen?</numerusform>
            <numerusform>%Ln abgelaufene Einträge aus %1 löschen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln entries done…</source>
        <translation>
            <numerusform>%Ln Eintrag erledigt …</numerusform>
            <numerusform>%Ln Einträge erledigt …</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Connection lost — retrying in %Ln s</source>
        <translation>
            <numerusform>Verbindung verloren — neuer Versuch in %Ln s</numerusform>
            <numerusform>Verbindung verloren — neuer Versuch in %Ln s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Invalidate the %Ln selected entries? Their connectors will resync on their next start.</source>
        <translation>
            <numerusform>Den ausgewählten Eintrag ungültig machen? Sein Konnektor synchronisiert beim nächsten Start neu. (%Ln)</numerusform>
            <numerusform>Die %Ln ausgewählten Einträge ungültig machen? Ihre Konnektoren synchronisieren beim nächsten Start neu.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln charts written to %1</source>
        <translation>
            <numerusform>%Ln Diagramm nach %1 geschrieben</numerusform>
            <numerusform>%Ln Diagramme nach %1 geschrieben</numerusform>
        </translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Jetzt erneut versuchen</translation>
    </message>
    <message>
        <source>Query running…</source>
        <translation>Abfrage läuft…</translation>
    </message>
    <message>
        <source>Stop waiting for the entries or dashboard query</source>
        <translation>Nicht länger auf die Abfrage der Einträge oder des Dashboards warten</translation>
    </message>
    <message>
        <source>Query cancelled; what was loaded stays on screen (F5 loads again).</source>
        <translation>Abfrage abgebrochen; das bereits Geladene bleibt sichtbar (F5 lädt neu).</translation>
    </message>
    <message>
        <source>Password authentication failed.
Password for %1:</source>
        <translation>Passwort-Authentifizierung fehlgeschlagen.
Passwort für %1:</translation>
    </message>
    <message numerus="yes">
        <source>Password authentication failed %n time(s) — not retrying</source>
        <translation>
            <numerusform>Passwort-Authentifizierung %n-mal fehlgeschlagen — kein weiterer Versuch</numerusform>
            <numerusform>Passwort-Authentifizierung %n-mal fehlgeschlagen — kein weiterer Versuch</numerusform>
        </translation>
    </message>
    <message>
        <source>Password authentication failed</source>
        <translation>Passwort-Authentifizierung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Times in &amp;UTC</source>
        <translation>Zeiten in &amp;UTC</translation>
    </message>
</context>
<context>
    <name>cc::ui::PasswordVault</name>
    <message>
        <source>built without keychain support</source>
        <translation>ohne Schlüsselbund-Unterstützung gebaut</translation>
    </message>
</context>
<context>
    <name>cc::ui::ProfilesDialog</name>
    <message>
        <source>Connection profiles</source>
        <translation>Verbindungsprofile</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>No password here: it goes to the keychain, or libpq&apos;s ~/.pgpass, PGPASSWORD or service file.</source>
        <translation>Hier kein Passwort: Es gehört in den Schlüsselbund oder in libpqs ~/.pgpass, PGPASSWORD oder Service-Datei.</translation>
    </message>
    <message>
        <source>(from the URL or libpq)</source>
        <translation>(aus der URL oder libpq)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Database URL:</source>
        <translation>Datenbank-URL:</translation>
    </message>
    <message>
        <source>Environment:</source>
        <translation>Umgebung:</translation>
    </message>
    <message>
        <source>TLS mode:</source>
        <translation>TLS-Modus:</translation>
    </message>
    <message>
        <source>CA file:</source>
        <translation>CA-Datei:</translation>
    </message>
    <message>
        <source>New profile %1</source>
        <translation>Neues Profil %1</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA-Zertifikat</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation>Zertifikate (*.pem *.crt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot;: %2</source>
        <translation>Profil „%1“: %2</translation>
    </message>
    <message>
        <source>Save and &amp;connect</source>
        <translation>Speichern und &amp;verbinden</translation>
    </message>
    <message>
        <source>kept in the system keychain</source>
        <translation>wird im Systemschlüsselbund gespeichert</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>The password was removed from the URL and is not saved; type it into the password field.</source>
        <translation>Das Passwort wurde aus der URL entfernt und wird nicht gespeichert; bitte in das Passwortfeld eingeben.</translation>
    </message>
    <message>
        <source>The password was taken out of the URL: it goes to the system keychain, never into the settings file.</source>
        <translation>Das Passwort wurde aus der URL genommen: Es kommt in den Systemschlüsselbund, nie in die Einstellungsdatei.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>schema version %1, current</source>
        <translation>Schemaversion %1, aktuell</translation>
    </message>
    <message>
        <source>schema version %1, needs migrate</source>
        <translation>Schemaversion %1, Migration nötig</translation>
    </message>
    <message>
        <source>the seed&apos;s table only, needs migrate</source>
        <translation>nur die Tabelle des Seed-Dienstes, Migration nötig</translation>
    </message>
    <message>
        <source>no schema yet, needs migrate</source>
        <translation>noch kein Schema, Migration nötig</translation>
    </message>
    <message>
        <source>schema version %1, newer than this console</source>
        <translation>Schemaversion %1, neuer als diese Konsole</translation>
    </message>
    <message>
        <source>Connected: %1 %2 as %3, database %4; %5; direct connection; round trip %6 ms.</source>
        <translation>Verbunden: %1 %2 als %3, Datenbank %4; %5; direkte Verbindung; Umlaufzeit %6 ms.</translation>
    </message>
    <message>
        <source>not saved: asked for when connecting</source>
        <translation>nicht gespeichert: wird beim Verbinden abgefragt</translation>
    </message>
    <message>
        <source>The password was taken out of the URL and is not saved (there is no system keychain): the console asks for it when connecting; ~/.pgpass or PGPASSWORD work too.</source>
        <translation>Das Passwort wurde aus der URL genommen und wird nicht gespeichert (kein Systemschlüsselbund): Die Konsole fragt beim Verbinden danach; ~/.pgpass oder PGPASSWORD gehen auch.</translation>
    </message>
</context>
<context>
    <name>cc::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
</context>
<context>
    <name>cc::ui::StoreWorker</name>
    <message>
        <source>Not connected to a database.</source>
        <translation>Mit keiner Datenbank verbunden.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Export cancelled.</source>
        <translation>Export abgebrochen.</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled by the operator after %n entries.</source>
        <translation>
            <numerusform>Vom Bediener nach %n Eintrag abgebrochen.</numerusform>
            <numerusform>Vom Bediener nach %n Einträgen abgebrochen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cc::ui::TestSyncDialog</name>
    <message>
        <source>Test sync</source>
        <translation>Testsynchronisierung</translation>
    </message>
    <message>
        <source>default host of the exchange and environment</source>
        <translation>Standard-Host von Börse und Umgebung</translation>
    </message>
    <message>
        <source>Exchange:</source>
        <translation>Börse:</translation>
    </message>
    <message>
        <source>Environment:</source>
        <translation>Umgebung:</translation>
    </message>
    <message>
        <source>Base URL:</source>
        <translation>Basis-URL:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <source>Credential:</source>
        <translation>Zugangsdaten:</translation>
    </message>
    <message>
        <source>Samples: offset against round trip</source>
        <translation>Messwerte: Versatz über Umlaufzeit</translation>
    </message>
    <message>
        <source>Run sync</source>
        <translation>Synchronisieren</translation>
    </message>
    <message>
        <source>Cancel sync</source>
        <translation>Synchronisierung abbrechen</translation>
    </message>
    <message>
        <source>Write to cache…</source>
        <translation>In den Cache schreiben …</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Write to cache</source>
        <translation>In den Cache schreiben</translation>
    </message>
    <message>
        <source>Give the user and the credential the offset belongs to.</source>
        <translation>Geben Sie den Benutzer und die Zugangsdaten an, zu denen der Versatz gehört.</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Schreiben</translation>
    </message>
    <message>
        <source>Syncing with %1…</source>
        <translation>Synchronisiere mit %1 …</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>The sync failed: %1</source>
        <translation>Die Synchronisierung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Offset: %1 ms (server minus local)
Error bound: ± %2 ms
Round trip: %3 ms (%4 of %5 samples used)
</source>
        <translation>Versatz: %1 ms (Server minus lokal)
Fehlerschranke: ± %2 ms
Umlaufzeit: %3 ms (%4 von %5 Messungen verwendet)
</translation>
    </message>
    <message>
        <source>accept</source>
        <translation>annehmen</translation>
    </message>
    <message>
        <source>REJECT</source>
        <translation>ABLEHNEN</translation>
    </message>
    <message>
        <source>round trip (ms)</source>
        <translation>Umlaufzeit (ms)</translation>
    </message>
    <message>
        <source>offset (ms)</source>
        <translation>Versatz (ms)</translation>
    </message>
    <message>
        <source>Write offset %1 ms (± %2 ms), measured against %3, for %4 / %5 to the cache?</source>
        <translation>Versatz %1 ms (± %2 ms), gemessen gegen %3, für %4 / %5 in den Cache schreiben?</translation>
    </message>
    <message>
        <source>Written to the cache.</source>
        <translation>In den Cache geschrieben.</translation>
    </message>
    <message>
        <source>Cached offset: %1 ms, differs by %2 ms (cached minus measured: positive means requests signed with the cached offset run ahead of the exchange&apos;s clock, negative that they lag behind)
</source>
        <translation>Zwischengespeicherter Versatz: %1 ms, Abweichung %2 ms (gespeichert minus gemessen: positiv heißt, mit dem gespeicherten Versatz signierte Anfragen gehen der Uhr der Börse voraus, negativ, dass sie ihr nachgehen)
</translation>
    </message>
    <message>
        <source>The cached entry is invalidated: connectors do not use it, they sync afresh.</source>
        <translation>Der gespeicherte Eintrag ist ungültig gemacht: Konnektoren verwenden ihn nicht, sie synchronisieren neu.</translation>
    </message>
    <message>
        <source>The exchange would %1 a request signed with the cached offset.</source>
        <translation>Die Börse würde eine mit dem gespeicherten Versatz signierte Anfrage %1.</translation>
    </message>
</context>
</TS>
