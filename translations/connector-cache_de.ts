<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AlertBar</name>
    <message>
        <source>%1 %2: %3 (%4)</source>
        <translation>%1 %2: %3 (%4)</translation>
    </message>
    <message>
        <source> since %1</source>
        <translation> seit %1</translation>
    </message>
</context>
<context>
    <name>AlertMonitor</name>
    <message>
        <source>the seed&apos;s default rules: %1</source>
        <translation>die Standardregeln des Seed-Dienstes: %1</translation>
    </message>
</context>
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
    <name>StartupPanel</name>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
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
    <message>
        <source>Alert history</source>
        <translation>Alarmverlauf</translation>
    </message>
</context>
<context>
    <name>cc::ui::AlertBar</name>
    <message>
        <source>Open the rule in the Alerts view</source>
        <translation>Regel in der Ansicht „Alarme“ öffnen</translation>
    </message>
    <message numerus="yes">
        <source> — and %n more firing</source>
        <translation>
            <numerusform> — und %n weitere Regel ausgelöst</numerusform>
            <numerusform> — und %n weitere Regeln ausgelöst</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cc::ui::AlertFormat</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1/min</source>
        <translation>%1/min</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <source>below %1</source>
        <translation>unter %1</translation>
    </message>
    <message>
        <source>above %1</source>
        <translation>über %1</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>firing</source>
        <translation>ausgelöst</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>kritisch</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
</context>
<context>
    <name>cc::ui::AlertHistoryView</name>
    <message>
        <source>Filter the alert history</source>
        <translation>Alarmverlauf filtern</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Nach</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Silenced</source>
        <translation>Stummgeschaltet</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
</context>
<context>
    <name>cc::ui::AlertNotifier</name>
    <message>
        <source>%1 alert: %2</source>
        <translation>Alarm (%1): %2</translation>
    </message>
    <message>
        <source>%1 is %2 (%3 for %4).</source>
        <translation>%1 ist %2 (%3 während %4).</translation>
    </message>
</context>
<context>
    <name>cc::ui::AlertsPage</name>
    <message>
        <source>Rules shared by every console and CLI on this database, evaluated on each refresh.</source>
        <translation>Regeln, die alle Konsolen und die Kommandozeile dieser Datenbank gemeinsam nutzen; bei jeder Aktualisierung ausgewertet.</translation>
    </message>
    <message>
        <source>&amp;New rule…</source>
        <translation>&amp;Neue Regel …</translation>
    </message>
    <message>
        <source>&amp;Edit rule…</source>
        <translation>Regel &amp;bearbeiten …</translation>
    </message>
    <message>
        <source>De&amp;lete rule</source>
        <translation>Regel &amp;löschen</translation>
    </message>
    <message>
        <source>&amp;Silence…</source>
        <translation>&amp;Stummschalten …</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Bedingung</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Zeitfenster</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <source>Silenced until</source>
        <translation>Stummgeschaltet bis</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Silences in force</source>
        <translation>Aktive Stummschaltungen</translation>
    </message>
    <message>
        <source>Alert history</source>
        <translation>Alarmverlauf</translation>
    </message>
    <message>
        <source>Not connected to a database</source>
        <translation>Mit keiner Datenbank verbunden</translation>
    </message>
    <message>
        <source>Create a rule</source>
        <translation>Eine Regel anlegen</translation>
    </message>
    <message>
        <source>Change the selected rule</source>
        <translation>Die ausgewählte Regel ändern</translation>
    </message>
    <message>
        <source>Delete the selected rule</source>
        <translation>Die ausgewählte Regel löschen</translation>
    </message>
    <message>
        <source>Hold back the selected rule&apos;s alerts for a while</source>
        <translation>Die Alarme der ausgewählten Regel eine Zeit lang zurückhalten</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>evaluated %1</source>
        <translation>ausgewertet %1</translation>
    </message>
    <message>
        <source>Delete rule</source>
        <translation>Regel löschen</translation>
    </message>
    <message>
        <source>Delete the rule %1? Every console and CLI on this database stops evaluating it.</source>
        <translation>Die Regel %1 löschen? Alle Konsolen und die Kommandozeile dieser Datenbank werten sie dann nicht mehr aus.</translation>
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
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
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
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>Offset of:</source>
        <translation>Versatz von:</translation>
    </message>
    <message>
        <source>The exchange and environment whose offset the chart shows, a line per syncing host</source>
        <translation>Börse und Umgebung, deren Versatz das Diagramm zeigt, eine Linie je synchronisierendem Host</translation>
    </message>
    <message>
        <source>Offset (exchange minus host) with its error bound</source>
        <translation>Versatz (Börse minus Host) mit Fehlerschranke</translation>
    </message>
    <message>
        <source>Round trips (ok syncs)</source>
        <translation>Umlaufzeiten (erfolgreiche Synchronisierungen)</translation>
    </message>
    <message>
        <source>Error bounds (ok syncs)</source>
        <translation>Fehlerschranken (erfolgreiche Synchronisierungen)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Drift per host&lt;/b&gt;</source>
        <translation>&lt;b&gt;Drift je Host&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>Börse</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Drift</source>
        <translation>Drift</translation>
    </message>
    <message>
        <source>Syncs</source>
        <translation>Synchronisierungen</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Letzte Synchronisierung</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>Versatz</translation>
    </message>
    <message>
        <source>Bound</source>
        <translation>Schranke</translation>
    </message>
    <message>
        <source>How fast the exchange&apos;s clock runs against the host&apos;s, in parts per million (3.6 ms per hour each), ± three standard errors</source>
        <translation>Wie schnell die Uhr der Börse gegenüber der des Hosts läuft, in Millionstel (ppm; je 3,6 ms pro Stunde), ± drei Standardfehler</translation>
    </message>
    <message>
        <source>&lt;b&gt;Clock events&lt;/b&gt; (double-click: the entries they touched)</source>
        <translation>&lt;b&gt;Uhrereignisse&lt;/b&gt; (Doppelklick: die betroffenen Einträge)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>Hosts</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <source>&lt;b&gt;Entries touched&lt;/b&gt;</source>
        <translation>&lt;b&gt;Betroffene Einträge&lt;/b&gt;</translation>
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
        <source>The credentials whose cached offsets the selected event touched; double-click one to show it in Entries</source>
        <translation>Die Zugangsdaten, deren zwischengespeicherten Versatz das ausgewählte Ereignis betraf; Doppelklick zeigt sie unter „Einträge“</translation>
    </message>
    <message>
        <source>Data may be out of date</source>
        <translation>Die Daten sind möglicherweise veraltet</translation>
    </message>
    <message>
        <source>Exchange clock step</source>
        <translation>Uhrsprung der Börse</translation>
    </message>
    <message>
        <source>Host clock step</source>
        <translation>Uhrsprung des Hosts</translation>
    </message>
    <message>
        <source>Host reboot</source>
        <translation>Neustart des Hosts</translation>
    </message>
    <message>
        <source>Timestamp rejection</source>
        <translation>Zeitstempel abgelehnt</translation>
    </message>
    <message numerus="yes">
        <source>Updated %1 · %Ln log rows</source>
        <translation>
            <numerusform>Aktualisiert %1 · %Ln Protokollzeile</numerusform>
            <numerusform>Aktualisiert %1 · %Ln Protokollzeilen</numerusform>
        </translation>
    </message>
    <message>
        <source> (the newest only: the range holds more)</source>
        <translation> (nur die neuesten: der Zeitraum enthält mehr)</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No syncs logged in this range&lt;/h3&gt;&lt;p&gt;The sync log fills as clocks are synced: every sync a cached connector makes (on a cache miss or when its entry expires), every &lt;tt&gt;connector-cache sync&lt;/tt&gt; run, and this console&apos;s &lt;b&gt;Test sync&lt;/b&gt; (Ctrl+T) append a row, as do the timestamp rejections connectors meet.&lt;/p&gt;&lt;p&gt;Choose a longer range above, or run a sync to see the offset, the drift per host and the clock events here.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Keine Synchronisierungen in diesem Zeitraum protokolliert&lt;/h3&gt;&lt;p&gt;Das Synchronisierungsprotokoll füllt sich, sobald Uhren synchronisiert werden: Jede Synchronisierung eines Konnektors mit Cache (bei einem Cache-Fehlschlag oder wenn sein Eintrag abläuft), jeder Aufruf von &lt;tt&gt;connector-cache sync&lt;/tt&gt; und die &lt;b&gt;Testsynchronisierung&lt;/b&gt; dieser Konsole (Strg+T) fügen eine Zeile hinzu, ebenso die Zeitstempel-Ablehnungen, auf die Konnektoren stoßen.&lt;/p&gt;&lt;p&gt;Wählen Sie oben einen längeren Zeitraum oder führen Sie eine Synchronisierung aus, um hier den Versatz, die Drift je Host und die Uhrereignisse zu sehen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>(unknown host)</source>
        <translation>(unbekannter Host)</translation>
    </message>
    <message>
        <source>%1 ± %2 ppm</source>
        <translation>%1 ± %2 ppm</translation>
    </message>
    <message numerus="yes">
        <source>%1 ms per hour; fitted over %Ln ok syncs spanning %2</source>
        <translation>
            <numerusform>%1 ms pro Stunde; ermittelt aus %Ln erfolgreichen Synchronisierung über %2</numerusform>
            <numerusform>%1 ms pro Stunde; ermittelt aus %Ln erfolgreichen Synchronisierungen über %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %Ln steps taken out first</source>
        <translation>
            <numerusform>; %Ln Sprung vorher herausgerechnet</numerusform>
            <numerusform>; %Ln Sprünge vorher herausgerechnet</numerusform>
        </translation>
    </message>
    <message>
        <source>not enough data</source>
        <translation>zu wenige Daten</translation>
    </message>
    <message numerus="yes">
        <source>Drift is measured from %1 ok syncs spanning %2 or more; this host has %Ln spanning %3. Until then the ahead margin assumes %4 ms per hour.</source>
        <translation>
            <numerusform>Die Drift wird aus %1 erfolgreichen Synchronisierungen über %2 oder mehr ermittelt; dieser Host hat %Ln über %3. Bis dahin nimmt die Vorlaufreserve %4 ms pro Stunde an.</numerusform>
            <numerusform>Die Drift wird aus %1 erfolgreichen Synchronisierungen über %2 oder mehr ermittelt; dieser Host hat %Ln über %3. Bis dahin nimmt die Vorlaufreserve %4 ms pro Stunde an.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%Ln failed)</source>
        <translation>
            <numerusform> (%Ln fehlgeschlagen)</numerusform>
            <numerusform> (%Ln fehlgeschlagen)</numerusform>
        </translation>
    </message>
    <message>
        <source>never (only failed syncs)</source>
        <translation>nie (nur fehlgeschlagene Synchronisierungen)</translation>
    </message>
    <message>
        <source>round trip (ms)</source>
        <translation>Umlaufzeit (ms)</translation>
    </message>
    <message>
        <source>error bound (ms)</source>
        <translation>Fehlerschranke (ms)</translation>
    </message>
    <message>
        <source>syncs</source>
        <translation>Synchronisierungen</translation>
    </message>
    <message>
        <source>Between %1 and %2</source>
        <translation>Zwischen %1 und %2</translation>
    </message>
    <message>
        <source> (code %1)</source>
        <translation> (Code %1)</translation>
    </message>
    <message>
        <source>, exchange-wide</source>
        <translation>, börsenweit</translation>
    </message>
    <message numerus="yes">
        <source>%Ln hosts</source>
        <translation>
            <numerusform>%Ln Host</numerusform>
            <numerusform>%Ln Hosts</numerusform>
        </translation>
    </message>
    <message>
        <source>Offset change %1; bounds and drift allowed %2</source>
        <translation>Versatzänderung %1; Schranken und Drift erlaubten %2</translation>
    </message>
    <message>
        <source>The exchange&apos;s clock minus the signed timestamp&apos;s: %1</source>
        <translation>Uhr der Börse minus signierter Zeitstempel: %1</translation>
    </message>
    <message>
        <source>A new boot id: the host restarted between these syncs</source>
        <translation>Eine neue Boot-ID: Der Host wurde zwischen diesen Synchronisierungen neu gestartet</translation>
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
        <source>Clean up deletes the expired entries and also the invalidated entries that are past their expiry.</source>
        <translation>Aufräumen löscht die abgelaufenen Einträge und auch die ungültig gemachten Einträge, deren Ablaufzeit vorbei ist.</translation>
    </message>
    <message>
        <source>time (%1)</source>
        <translation>Zeit (%1)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop counting exactly; the estimates stay</source>
        <translation>Genaues Zählen beenden; die Schätzungen bleiben</translation>
    </message>
    <message>
        <source>Count entries e&amp;xactly</source>
        <translation>Einträge &amp;genau zählen</translation>
    </message>
    <message>
        <source>Count every entry instead of estimating from a sample</source>
        <translation>Jeden Eintrag zählen, statt aus einer Stichprobe zu schätzen</translation>
    </message>
    <message>
        <source>The connection was lost or changed.</source>
        <translation>Die Verbindung ging verloren oder wurde gewechselt.</translation>
    </message>
    <message>
        <source>Estimated from a sample of the table; click (or right-click → Count entries exactly) to count every entry</source>
        <translation>Aus einer Stichprobe der Tabelle geschätzt; klicken (oder Rechtsklick → Einträge genau zählen), um jeden Eintrag zu zählen</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>wird gezählt …</translation>
    </message>
    <message>
        <source>Counted exactly at %1</source>
        <translation>Genau gezählt um %1</translation>
    </message>
    <message>
        <source>Exact count at %1: %2 entries</source>
        <translation>Genaue Zählung um %1: %2 Einträge</translation>
    </message>
    <message>
        <source>%1 valid, %2 expired, %3 invalidated</source>
        <translation>%1 gültig, %2 abgelaufen, %3 ungültig gemacht</translation>
    </message>
    <message>
        <source>Exact count cancelled</source>
        <translation>Genaue Zählung abgebrochen</translation>
    </message>
    <message>
        <source>Exact count failed</source>
        <translation>Genaue Zählung fehlgeschlagen</translation>
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
    <message>
        <source>This credential&apos;s syncs</source>
        <translation>Synchronisierungen dieser Zugangsdaten</translation>
    </message>
    <message>
        <source>Offset and error bound of this credential&apos;s logged syncs</source>
        <translation>Versatz und Fehlerschranke der protokollierten Synchronisierungen dieser Zugangsdaten</translation>
    </message>
    <message>
        <source>No logged syncs of this credential</source>
        <translation>Keine protokollierten Synchronisierungen dieser Zugangsdaten</translation>
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
    <message>
        <source>the measured drift of its host, %1 ms/h</source>
        <translation>die gemessene Drift seines Hosts, %1 ms/h</translation>
    </message>
    <message>
        <source>the default drift, %1 ms/h (none measured yet)</source>
        <translation>die Standarddrift, %1 ms/h (noch keine gemessen)</translation>
    </message>
    <message>
        <source>1000 ms minus (error bound + drift × age), at %1; red below the safety of %2 ms</source>
        <translation>1000 ms minus (Fehlerschranke + Drift × Alter), bei %1; rot unter der Sicherheitsgrenze von %2 ms</translation>
    </message>
    <message>
        <source>No error bound recorded for this entry (written without a sync account): its margin is unknown</source>
        <translation>Für diesen Eintrag ist keine Fehlerschranke gespeichert (ohne Synchronisierungskonto geschrieben): Seine Reserve ist unbekannt</translation>
    </message>
    <message>
        <source>How far the cached offset may be from the exchange&apos;s 1 s &quot;ahead&quot; limit in the worst case: 1000 ms minus (error bound + drift × age). Red below %1 ms. Not sortable: it moves with the clock and is not a column of the table.</source>
        <translation>Wie weit der zwischengespeicherte Versatz im ungünstigsten Fall von der „Vorlauf“-Grenze der Börse von 1 s entfernt sein kann: 1000 ms minus (Fehlerschranke + Drift × Alter). Rot unter %1 ms. Nicht sortierbar: Der Wert ändert sich mit der Uhr und ist keine Spalte der Tabelle.</translation>
    </message>
    <message>
        <source>Ahead margin</source>
        <translation>Vorlaufreserve</translation>
    </message>
    <message>
        <source>the drift measured when it was saved, %1 ms/h</source>
        <translation>die beim Speichern gemessene Drift, %1 ms/h</translation>
    </message>
</context>
<context>
    <name>cc::ui::FleetPage</name>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Reachable</source>
        <translation>Erreichbar</translation>
    </message>
    <message>
        <source>Hit rate (15 min)</source>
        <translation>Trefferquote (15 min)</translation>
    </message>
    <message>
        <source>Init p95</source>
        <translation>Init. p95</translation>
    </message>
    <message>
        <source>Firing alerts</source>
        <translation>Ausgelöste Alarme</translation>
    </message>
    <message>
        <source>Last update</source>
        <translation>Letzte Aktualisierung</translation>
    </message>
    <message numerus="yes">
        <source>Every connection profile, each read on its own connection every %Ln seconds. Double-click a row to open that profile.</source>
        <translation>
            <numerusform>Jedes Verbindungsprofil, jeweils über eine eigene Verbindung im Abstand von %Ln Sekunde abgefragt. Doppelklicken Sie auf eine Zeile, um dieses Profil zu öffnen.</numerusform>
            <numerusform>Jedes Verbindungsprofil, jeweils über eine eigene Verbindung im Abstand von %Ln Sekunden abgefragt. Doppelklicken Sie auf eine Zeile, um dieses Profil zu öffnen.</numerusform>
        </translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>wird geprüft …</translation>
    </message>
    <message>
        <source>no: %1</source>
        <translation>nein: %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>%1 (stale)</source>
        <translation>%1 (veraltet)</translation>
    </message>
    <message>
        <source>Last tried %1</source>
        <translation>Zuletzt versucht %1</translation>
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
    <message numerus="yes">
        <source>Server not answering since %1 — retrying in %Ln s</source>
        <translation>
            <numerusform>Server antwortet nicht seit %1 — neuer Versuch in %Ln s</numerusform>
            <numerusform>Server antwortet nicht seit %1 — neuer Versuch in %Ln s</numerusform>
        </translation>
    </message>
    <message>
        <source>Server not answering since %1 — reconnecting…</source>
        <translation>Server antwortet nicht seit %1 — Verbindung wird wiederhergestellt …</translation>
    </message>
    <message>
        <source>&amp;Clock</source>
        <translation>U&amp;hr</translation>
    </message>
    <message>
        <source>standby, read-only</source>
        <translation>Standby, nur lesend</translation>
    </message>
    <message>
        <source>connected to a standby · nothing replayed yet</source>
        <translation>mit einem Standby verbunden · noch nichts wiedergegeben</translation>
    </message>
    <message>
        <source>connected to a standby · replay lag %1 s</source>
        <translation>mit einem Standby verbunden · Wiedergabeverzug %1 s</translation>
    </message>
    <message>
        <source> · live updates: polling (a standby cannot LISTEN)</source>
        <translation> · Live-Aktualisierung: Abfrage in Intervallen (ein Standby kann kein LISTEN)</translation>
    </message>
    <message>
        <source>Answered by %1</source>
        <translation>Beantwortet von %1</translation>
    </message>
    <message>
        <source>server not answering</source>
        <translation>Server antwortet nicht</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entries touched: listed beside the event in the Clock view</source>
        <translation>
            <numerusform>%Ln Eintrag betroffen: neben dem Ereignis in der Ansicht „Uhr“ aufgeführt</numerusform>
            <numerusform>%Ln Einträge betroffen: neben dem Ereignis in der Ansicht „Uhr“ aufgeführt</numerusform>
        </translation>
    </message>
    <message>
        <source>Ale&amp;rts</source>
        <translation>Ala&amp;rme</translation>
    </message>
    <message>
        <source>Flee&amp;t</source>
        <translation>Flo&amp;tte</translation>
    </message>
    <message>
        <source>Silence saved</source>
        <translation>Stummschaltung gespeichert</translation>
    </message>
    <message>
        <source>Alert rule deleted</source>
        <translation>Alarmregel gelöscht</translation>
    </message>
    <message>
        <source>Alert rule saved</source>
        <translation>Alarmregel gespeichert</translation>
    </message>
    <message>
        <source>The database role %1 may not change alert rules; ask for the admin GRANTs in the README</source>
        <translation>Die Datenbankrolle %1 darf Alarmregeln nicht ändern; die GRANTs für Administratoren stehen im README</translation>
    </message>
    <message>
        <source>Invalidation incomplete</source>
        <translation>Ungültigmachen unvollständig</translation>
    </message>
    <message>
        <source>Exact count cancelled; the estimates stay.</source>
        <translation>Genaue Zählung abgebrochen; die Schätzungen bleiben.</translation>
    </message>
    <message>
        <source>No translation for %1 was found.</source>
        <translation>Für %1 wurde keine Übersetzung gefunden.</translation>
    </message>
    <message>
        <source>Language changed.</source>
        <translation>Sprache gewechselt.</translation>
    </message>
    <message>
        <source>Test sync not written: %1</source>
        <translation>Testsynchronisierung nicht geschrieben: %1</translation>
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
        <source>not saved: asked for when connecting</source>
        <translation>nicht gespeichert: wird beim Verbinden abgefragt</translation>
    </message>
    <message>
        <source>The password was taken out of the URL and is not saved (there is no system keychain): the console asks for it when connecting; ~/.pgpass or PGPASSWORD work too.</source>
        <translation>Das Passwort wurde aus der URL genommen und wird nicht gespeichert (kein Systemschlüsselbund): Die Konsole fragt beim Verbinden danach; ~/.pgpass oder PGPASSWORD gehen auch.</translation>
    </message>
    <message>
        <source>none: the URL above</source>
        <translation>keine: die URL oben</translation>
    </message>
    <message>
        <source>DATABASE_URL is read from this file at every connect; its password is used for the session and never saved.</source>
        <translation>DATABASE_URL wird bei jedem Verbinden aus dieser Datei gelesen; ihr Passwort wird für die Sitzung verwendet und nie gespeichert.</translation>
    </message>
    <message>
        <source>Import from .env…</source>
        <translation>Aus .env importieren …</translation>
    </message>
    <message>
        <source>Through a transaction-mode pooler (PgBouncer, Supavisor, …)</source>
        <translation>Über einen Pooler im Transaktionsmodus (PgBouncer, Supavisor, …)</translation>
    </message>
    <message>
        <source>No prepared statements, no session settings, live updates by polling. Set by pgbouncer=true in the URL too.</source>
        <translation>Keine Prepared Statements, keine Sitzungseinstellungen, Live-Aktualisierung durch Abfrage in Intervallen. Wird auch durch pgbouncer=true in der URL gesetzt.</translation>
    </message>
    <message>
        <source>The application&apos;s .env</source>
        <translation>.env der Anwendung</translation>
    </message>
    <message>
        <source>dotenv files (.env*);;All files (*)</source>
        <translation>dotenv-Dateien (.env*);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>From .env:</source>
        <translation>Aus .env:</translation>
    </message>
    <message>
        <source>a read-only standby</source>
        <translation>ein schreibgeschützter Standby</translation>
    </message>
    <message>
        <source>pooled connection (prepared statements off, live updates by polling)</source>
        <translation>Verbindung über Pooler (Prepared Statements aus, Live-Aktualisierung durch Abfrage in Intervallen)</translation>
    </message>
    <message>
        <source>direct connection</source>
        <translation>direkte Verbindung</translation>
    </message>
    <message>
        <source>Connected: %1 %2 as %3, database %4; %5; %6; round trip %7 ms.</source>
        <translation>Verbunden: %1 %2 als %3, Datenbank %4; %5; %6; Umlaufzeit %7 ms.</translation>
    </message>
    <message>
        <source>DATABASE_URL in %1: %2</source>
        <translation>DATABASE_URL in %1: %2</translation>
    </message>
    <message>
        <source>The URL comes from %1 at every connect.</source>
        <translation>Die URL wird bei jedem Verbinden aus %1 gelesen.</translation>
    </message>
    <message>
        <source>The URL comes from %1 at every connect; its password is used for the session and never saved.</source>
        <translation>Die URL wird bei jedem Verbinden aus %1 gelesen; ihr Passwort wird für die Sitzung verwendet und nie gespeichert.</translation>
    </message>
</context>
<context>
    <name>cc::ui::RuleDialog</name>
    <message>
        <source>New alert rule</source>
        <translation>Neue Alarmregel</translation>
    </message>
    <message>
        <source>Edit alert rule %1</source>
        <translation>Alarmregel %1 bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Metric:</source>
        <translation>&amp;Metrik:</translation>
    </message>
    <message>
        <source>below</source>
        <translation>unter</translation>
    </message>
    <message>
        <source>above</source>
        <translation>über</translation>
    </message>
    <message>
        <source>&amp;Fires when:</source>
        <translation>&amp;Auslösen, wenn:</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Over the last:</source>
        <translation>Über die letzten:</translation>
    </message>
    <message>
        <source>Held &amp;for:</source>
        <translation>Mindest&amp;dauer:</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>kritisch</translation>
    </message>
    <message>
        <source>&amp;Severity:</source>
        <translation>&amp;Schweregrad:</translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation>A&amp;ktiviert</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>The name takes 1 to 64 of a-z, 0-9 and _.</source>
        <translation>Der Name besteht aus 1 bis 64 Zeichen aus a-z, 0-9 und _.</translation>
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
    <name>cc::ui::SilenceDialog</name>
    <message>
        <source>Silence %1</source>
        <translation>%1 stummschalten</translation>
    </message>
    <message>
        <source>&amp;For:</source>
        <translation>&amp;Dauer:</translation>
    </message>
    <message>
        <source>Why (recorded with the silence and in the audit log)</source>
        <translation>Warum (wird mit der Stummschaltung und im Prüfprotokoll gespeichert)</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>Silence</source>
        <translation>Stummschalten</translation>
    </message>
</context>
<context>
    <name>cc::ui::StartupPanel</name>
    <message>
        <source>Start-up, hit p50/p95 · seed %1 ms</source>
        <translation>Start, Treffer p50/p95 · Seed %1 ms</translation>
    </message>
    <message>
        <source>Start-up, miss p50/p95 · seed %1 ms</source>
        <translation>Start, Fehlschlag p50/p95 · Seed %1 ms</translation>
    </message>
    <message>
        <source>Time saved</source>
        <translation>Gesparte Zeit</translation>
    </message>
    <message>
        <source>Expired per hour · entries</source>
        <translation>Abgelaufen pro Stunde · Einträge</translation>
    </message>
    <message>
        <source>Connector start-up time, p95</source>
        <translation>Startzeit der Konnektoren, p95</translation>
    </message>
    <message>
        <source>Expirations and size</source>
        <translation>Abläufe und Größe</translation>
    </message>
    <message>
        <source>%1 / %2 ms</source>
        <translation>%1 / %2 ms</translation>
    </message>
    <message numerus="yes">
        <source>%Ln starts with a cache hit in the range; the seed measured %1 ms with the cache</source>
        <translation>
            <numerusform>%Ln Start mit Cache-Treffer im Zeitraum; der Seed hat mit Cache %1 ms gemessen</numerusform>
            <numerusform>%Ln Starts mit Cache-Treffer im Zeitraum; der Seed hat mit Cache %1 ms gemessen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln starts that synced with the exchange in the range; the seed measured %1 ms without the cache</source>
        <translation>
            <numerusform>%Ln Start im Zeitraum, der mit der Börse synchronisiert hat; der Seed hat ohne Cache %1 ms gemessen</numerusform>
            <numerusform>%Ln Starts im Zeitraum, die mit der Börse synchronisiert haben; der Seed hat ohne Cache %1 ms gemessen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln syncs saved × %1 ms: each start with a cache hit avoided a miss&apos;s measured cost (the mean start-up with a miss in the range) less its own</source>
        <translation>
            <numerusform>%Ln ersparte Synchronisierung × %1 ms: Jeder Start mit Cache-Treffer hat die gemessenen Kosten eines Fehlschlags (den mittleren Start mit Fehlschlag im Zeitraum) abzüglich seiner eigenen vermieden</numerusform>
            <numerusform>%Ln ersparte Synchronisierungen × %1 ms: Jeder Start mit Cache-Treffer hat die gemessenen Kosten eines Fehlschlags (den mittleren Start mit Fehlschlag im Zeitraum) abzüglich seiner eigenen vermieden</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Entries that expired unrenewed, per hour over the range; entries in the table as last sampled</source>
        <translation>Einträge, die ohne Erneuerung abgelaufen sind, pro Stunde im Zeitraum; Einträge in der Tabelle laut letzter Stichprobe</translation>
    </message>
    <message>
        <source>Entries that expired unrenewed, per hour over the range; entries in the table as last sampled (%1)</source>
        <translation>Einträge, die ohne Erneuerung abgelaufen sind, pro Stunde im Zeitraum; Einträge in der Tabelle laut letzter Stichprobe (%1)</translation>
    </message>
    <message>
        <source>hit</source>
        <translation>Treffer</translation>
    </message>
    <message>
        <source>miss</source>
        <translation>Fehlschlag</translation>
    </message>
    <message>
        <source>seed %1 ms</source>
        <translation>Seed %1 ms</translation>
    </message>
    <message>
        <source>expired unrenewed</source>
        <translation>ohne Erneuerung abgelaufen</translation>
    </message>
    <message>
        <source>entries</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <source>time (%1)</source>
        <translation>Zeit (%1)</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>per minute</source>
        <translation>pro Minute</translation>
    </message>
    <message>
        <source>per %1 min</source>
        <translation>pro %1 min</translation>
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
    <message>
        <source>Exact count cancelled.</source>
        <translation>Genaue Zählung abgebrochen.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entries invalidated, but %1 matching entries were left valid: another transaction holds them locked. Run the invalidation again later; it takes only what is left.</source>
        <translation>
            <numerusform>%Ln Eintrag ungültig gemacht, aber %1 passende Einträge blieben gültig: Eine andere Transaktion hält sie gesperrt. Das Ungültigmachen später wiederholen; es nimmt nur, was übrig ist.</numerusform>
            <numerusform>%Ln Einträge ungültig gemacht, aber %1 passende Einträge blieben gültig: Eine andere Transaktion hält sie gesperrt. Das Ungültigmachen später wiederholen; es nimmt nur, was übrig ist.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cc::ui::SyncHistoryChart</name>
    <message>
        <source>(unknown host)</source>
        <translation>(unbekannter Host)</translation>
    </message>
    <message>
        <source>offset (ms)</source>
        <translation>Versatz (ms)</translation>
    </message>
    <message>
        <source>%1 error bound</source>
        <translation>Fehlerschranke %1</translation>
    </message>
    <message>
        <source>clock steps and reboots</source>
        <translation>Uhrsprünge und Neustarts</translation>
    </message>
    <message>
        <source>timestamp rejections</source>
        <translation>Zeitstempel-Ablehnungen</translation>
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
    <message>
        <source>Writing to the cache…</source>
        <translation>Wird in den Cache geschrieben…</translation>
    </message>
    <message>
        <source>Not written to the cache: %1</source>
        <translation>Nicht in den Cache geschrieben: %1</translation>
    </message>
    <message>
        <source>Written to the cache for %1 / %2.</source>
        <translation>Für %1 / %2 in den Cache geschrieben.</translation>
    </message>
</context>
</TS>
