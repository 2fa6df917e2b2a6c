<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AlertBar</name>
    <message>
        <source>%1 %2: %3 (%4)</source>
        <translation>%1 %2：%3（%4）</translation>
    </message>
    <message>
        <source> since %1</source>
        <translation>，自 %1 起</translation>
    </message>
</context>
<context>
    <name>AlertMonitor</name>
    <message>
        <source>the seed&apos;s default rules: %1</source>
        <translation>种子服务的默认规则：%1</translation>
    </message>
</context>
<context>
    <name>ConnectionProfile</name>
    <message>
        <source>production</source>
        <translation>生产</translation>
    </message>
    <message>
        <source>staging</source>
        <translation>预发布</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>untagged</source>
        <translation>未标记</translation>
    </message>
</context>
<context>
    <name>Describe</name>
    <message>
        <source>valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>invalidated</source>
        <translation>已失效</translation>
    </message>
    <message>
        <source>user</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>credential</source>
        <translation>凭据</translation>
    </message>
    <message>
        <source>exchange</source>
        <translation>交易所</translation>
    </message>
    <message>
        <source>environment</source>
        <translation>环境</translation>
    </message>
    <message>
        <source>state</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>text contains &quot;%1&quot;</source>
        <translation>文本包含“%1”</translation>
    </message>
    <message>
        <source>synced before %1</source>
        <translation>同步早于 %1</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <source>all entries</source>
        <translation>全部条目</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entries: %1</source>
        <translation>
            <numerusform>%Ln 个条目：%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Invalidated %Ln entries</source>
        <translation>
            <numerusform>已使 %Ln 个条目失效</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %Ln expired entries</source>
        <translation>
            <numerusform>已删除 %Ln 个过期条目</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln entries</source>
        <translation>
            <numerusform>已导出 %Ln 个条目</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved the measured offset</source>
        <translation>已保存测得的偏移</translation>
    </message>
    <message numerus="yes">
        <source>Done: %Ln entries</source>
        <translation>
            <numerusform>完成：%Ln 个条目</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 previewed; the others were renewed meanwhile or deleted elsewhere</source>
        <translation>预览为 %1；其余条目在此期间已续期或被其他地方删除</translation>
    </message>
    <message>
        <source>%1 previewed; more expired meanwhile</source>
        <translation>预览为 %1；此期间又有条目过期</translation>
    </message>
    <message>
        <source>%1 previewed; the others were renewed, invalidated or locked meanwhile</source>
        <translation>预览为 %1；其余条目在此期间已续期、失效或被锁定</translation>
    </message>
    <message>
        <source>%1 previewed; more matched meanwhile</source>
        <translation>预览为 %1；此期间又有更多条目匹配</translation>
    </message>
</context>
<context>
    <name>ProfileStore</name>
    <message>
        <source>Embedded (SQLite)</source>
        <translation>内嵌 (SQLite)</translation>
    </message>
</context>
<context>
    <name>StartupPanel</name>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
</context>
<context>
    <name>TimeDisplay</name>
    <message>
        <source>local time</source>
        <translation>本地时间</translation>
    </message>
    <message>
        <source>times in %1</source>
        <translation>时间：%1</translation>
    </message>
</context>
<context>
    <name>cc::ui::ActivityPage</name>
    <message>
        <source>Filter the audit log</source>
        <translation>筛选审计日志</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>OS user</source>
        <translation>系统用户</translation>
    </message>
    <message>
        <source>Database role</source>
        <translation>数据库角色</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>筛选条件</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Alert history</source>
        <translation>告警历史</translation>
    </message>
</context>
<context>
    <name>cc::ui::AlertBar</name>
    <message>
        <source>Open the rule in the Alerts view</source>
        <translation>在“告警”视图中打开该规则</translation>
    </message>
    <message numerus="yes">
        <source> — and %n more firing</source>
        <translation>
            <numerusform> — 另有 %n 条正在触发</numerusform>
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
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1/min</source>
        <translation>%1/分钟</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>below %1</source>
        <translation>低于 %1</translation>
    </message>
    <message>
        <source>above %1</source>
        <translation>高于 %1</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>firing</source>
        <translation>触发中</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
</context>
<context>
    <name>cc::ui::AlertHistoryView</name>
    <message>
        <source>Filter the alert history</source>
        <translation>筛选告警历史</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重性</translation>
    </message>
    <message>
        <source>Silenced</source>
        <translation>已静默</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>cc::ui::AlertNotifier</name>
    <message>
        <source>%1 alert: %2</source>
        <translation>%1 告警：%2</translation>
    </message>
    <message>
        <source>%1 is %2 (%3 for %4).</source>
        <translation>%1为 %2（%4 内%3）。</translation>
    </message>
</context>
<context>
    <name>cc::ui::AlertsPage</name>
    <message>
        <source>Rules shared by every console and CLI on this database, evaluated on each refresh.</source>
        <translation>由此数据库上所有控制台和命令行共享的规则，每次刷新时评估。</translation>
    </message>
    <message>
        <source>&amp;New rule…</source>
        <translation>新建规则(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Edit rule…</source>
        <translation>编辑规则(&amp;E)…</translation>
    </message>
    <message>
        <source>De&amp;lete rule</source>
        <translation>删除规则(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Silence…</source>
        <translation>静默(&amp;S)…</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>For</source>
        <translation>持续</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重性</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起始时间</translation>
    </message>
    <message>
        <source>Silenced until</source>
        <translation>静默至</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Silences in force</source>
        <translation>生效中的静默</translation>
    </message>
    <message>
        <source>Alert history</source>
        <translation>告警历史</translation>
    </message>
    <message>
        <source>Not connected to a database</source>
        <translation>未连接到数据库</translation>
    </message>
    <message>
        <source>Create a rule</source>
        <translation>创建规则</translation>
    </message>
    <message>
        <source>Change the selected rule</source>
        <translation>修改所选规则</translation>
    </message>
    <message>
        <source>Delete the selected rule</source>
        <translation>删除所选规则</translation>
    </message>
    <message>
        <source>Hold back the selected rule&apos;s alerts for a while</source>
        <translation>在一段时间内暂停所选规则的告警</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>evaluated %1</source>
        <translation>评估于 %1</translation>
    </message>
    <message>
        <source>Delete rule</source>
        <translation>删除规则</translation>
    </message>
    <message>
        <source>Delete the rule %1? Every console and CLI on this database stops evaluating it.</source>
        <translation>删除规则 %1？此数据库上的所有控制台和命令行都将停止评估该规则。</translation>
    </message>
</context>
<context>
    <name>cc::ui::ClockPage</name>
    <message numerus="yes">
        <source>%Ln min</source>
        <translation>
            <numerusform>%Ln 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>Range:</source>
        <translation>范围:</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>最近一小时</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Offset of:</source>
        <translation>偏移对象：</translation>
    </message>
    <message>
        <source>The exchange and environment whose offset the chart shows, a line per syncing host</source>
        <translation>图表显示其偏移的交易所和环境，每台同步主机一条曲线</translation>
    </message>
    <message>
        <source>Offset (exchange minus host) with its error bound</source>
        <translation>偏移（交易所减主机）及其误差界</translation>
    </message>
    <message>
        <source>Round trips (ok syncs)</source>
        <translation>往返时间（成功同步）</translation>
    </message>
    <message>
        <source>Error bounds (ok syncs)</source>
        <translation>误差界（成功同步）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Drift per host&lt;/b&gt;</source>
        <translation>&lt;b&gt;各主机漂移&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>交易所</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Drift</source>
        <translation>漂移</translation>
    </message>
    <message>
        <source>Syncs</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>偏移</translation>
    </message>
    <message>
        <source>Bound</source>
        <translation>误差界</translation>
    </message>
    <message>
        <source>How fast the exchange&apos;s clock runs against the host&apos;s, in parts per million (3.6 ms per hour each), ± three standard errors</source>
        <translation>交易所时钟相对主机时钟的快慢，以百万分率（ppm）表示（每 ppm 为每小时 3.6 毫秒），± 三倍标准误差</translation>
    </message>
    <message>
        <source>&lt;b&gt;Clock events&lt;/b&gt; (double-click: the entries they touched)</source>
        <translation>&lt;b&gt;时钟事件&lt;/b&gt;（双击：查看受影响的条目）</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>&lt;b&gt;Entries touched&lt;/b&gt;</source>
        <translation>&lt;b&gt;受影响的条目&lt;/b&gt;</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>凭据</translation>
    </message>
    <message>
        <source>The credentials whose cached offsets the selected event touched; double-click one to show it in Entries</source>
        <translation>所选事件影响了其缓存偏移的凭据；双击某项可在“条目”中显示</translation>
    </message>
    <message>
        <source>Data may be out of date</source>
        <translation>数据可能已过时</translation>
    </message>
    <message>
        <source>Exchange clock step</source>
        <translation>交易所时钟跳变</translation>
    </message>
    <message>
        <source>Host clock step</source>
        <translation>主机时钟跳变</translation>
    </message>
    <message>
        <source>Host reboot</source>
        <translation>主机重启</translation>
    </message>
    <message>
        <source>Timestamp rejection</source>
        <translation>时间戳被拒绝</translation>
    </message>
    <message numerus="yes">
        <source>Updated %1 · %Ln log rows</source>
        <translation>
            <numerusform>更新于 %1 · %Ln 行日志</numerusform>
        </translation>
    </message>
    <message>
        <source> (the newest only: the range holds more)</source>
        <translation>（仅显示最新部分：该范围内还有更多）</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No syncs logged in this range&lt;/h3&gt;&lt;p&gt;The sync log fills as clocks are synced: every sync a cached connector makes (on a cache miss or when its entry expires), every &lt;tt&gt;connector-cache sync&lt;/tt&gt; run, and this console&apos;s &lt;b&gt;Test sync&lt;/b&gt; (Ctrl+T) append a row, as do the timestamp rejections connectors meet.&lt;/p&gt;&lt;p&gt;Choose a longer range above, or run a sync to see the offset, the drift per host and the clock events here.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;此范围内没有同步记录&lt;/h3&gt;&lt;p&gt;同步日志随时钟同步而增长：缓存连接器的每次同步（缓存未命中或条目到期时）、每次 &lt;tt&gt;connector-cache sync&lt;/tt&gt; 运行，以及本控制台的&lt;b&gt;测试同步&lt;/b&gt;（Ctrl+T）都会追加一行，连接器遇到的时间戳拒绝也会记录。&lt;/p&gt;&lt;p&gt;请在上方选择更长的范围，或运行一次同步，即可在此查看偏移、各主机漂移和时钟事件。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>(unknown host)</source>
        <translation>（未知主机）</translation>
    </message>
    <message>
        <source>%1 ± %2 ppm</source>
        <translation>%1 ± %2 ppm</translation>
    </message>
    <message numerus="yes">
        <source>%1 ms per hour; fitted over %Ln ok syncs spanning %2</source>
        <translation>
            <numerusform>每小时 %1 毫秒；基于跨度 %2 的 %Ln 次成功同步拟合</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %Ln steps taken out first</source>
        <translation>
            <numerusform>；已先剔除 %Ln 次跳变</numerusform>
        </translation>
    </message>
    <message>
        <source>not enough data</source>
        <translation>数据不足</translation>
    </message>
    <message numerus="yes">
        <source>Drift is measured from %1 ok syncs spanning %2 or more; this host has %Ln spanning %3. Until then the ahead margin assumes %4 ms per hour.</source>
        <translation>
            <numerusform>漂移需根据跨度至少 %2 的 %1 次成功同步测量；此主机有 %Ln 次，跨度 %3。在此之前，超前余量按每小时 %4 毫秒估算。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%Ln failed)</source>
        <translation>
            <numerusform>（%Ln 次失败）</numerusform>
        </translation>
    </message>
    <message>
        <source>never (only failed syncs)</source>
        <translation>从未（仅有失败的同步）</translation>
    </message>
    <message>
        <source>round trip (ms)</source>
        <translation>往返时间(毫秒)</translation>
    </message>
    <message>
        <source>error bound (ms)</source>
        <translation>误差界(毫秒)</translation>
    </message>
    <message>
        <source>syncs</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Between %1 and %2</source>
        <translation>介于 %1 和 %2 之间</translation>
    </message>
    <message>
        <source> (code %1)</source>
        <translation>（代码 %1）</translation>
    </message>
    <message>
        <source>, exchange-wide</source>
        <translation>，全交易所范围</translation>
    </message>
    <message numerus="yes">
        <source>%Ln hosts</source>
        <translation>
            <numerusform>%Ln 台主机</numerusform>
        </translation>
    </message>
    <message>
        <source>Offset change %1; bounds and drift allowed %2</source>
        <translation>偏移变化 %1；误差界和漂移容许 %2</translation>
    </message>
    <message>
        <source>The exchange&apos;s clock minus the signed timestamp&apos;s: %1</source>
        <translation>交易所时钟减去签名时间戳：%1</translation>
    </message>
    <message>
        <source>A new boot id: the host restarted between these syncs</source>
        <translation>新的启动 ID：主机在这两次同步之间重启过</translation>
    </message>
</context>
<context>
    <name>cc::ui::ConfirmDialog</name>
    <message>
        <source>This profile is tagged &lt;b&gt;production&lt;/b&gt;. Type its name, &lt;b&gt;%1&lt;/b&gt;, to confirm.</source>
        <translation>此配置标记为&lt;b&gt;生产&lt;/b&gt;。请输入其名称 &lt;b&gt;%1&lt;/b&gt; 以确认。</translation>
    </message>
</context>
<context>
    <name>cc::ui::Dashboard</name>
    <message>
        <source>Range:</source>
        <translation>范围:</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>最近一小时</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Refresh every:</source>
        <translation>刷新间隔:</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Stop refreshing the dashboard</source>
        <translation>停止刷新仪表板</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Invalidated</source>
        <translation>已失效</translation>
    </message>
    <message>
        <source>Hit rate</source>
        <translation>命中率</translation>
    </message>
    <message>
        <source>Misses</source>
        <translation>未命中</translation>
    </message>
    <message>
        <source>Syncs saved</source>
        <translation>节省的同步</translation>
    </message>
    <message>
        <source>Oldest offset</source>
        <translation>最旧偏移</translation>
    </message>
    <message>
        <source>Hits and misses</source>
        <translation>命中与未命中</translation>
    </message>
    <message>
        <source>Expiry outlook (valid entries)</source>
        <translation>到期预测(有效条目)</translation>
    </message>
    <message>
        <source>Entries by exchange and environment</source>
        <translation>按交易所和环境划分的条目</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Data may be out of date</source>
        <translation>数据可能已过时</translation>
    </message>
    <message>
        <source>no lookups</source>
        <translation>无查询</translation>
    </message>
    <message>
        <source>Cold starts that skipped the time sync in the chosen range</source>
        <translation>所选范围内跳过时间同步的冷启动次数</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>更新于 %1</translation>
    </message>
    <message>
        <source>Hit rate %</source>
        <translation>命中率 %</translation>
    </message>
    <message>
        <source>Hits</source>
        <translation>命中</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>per minute</source>
        <translation>每分钟</translation>
    </message>
    <message>
        <source>per %1 min</source>
        <translation>每 %1 分钟</translation>
    </message>
    <message>
        <source>Valid entries expiring</source>
        <translation>即将到期的有效条目</translation>
    </message>
    <message>
        <source>within 5 min</source>
        <translation>5 分钟内</translation>
    </message>
    <message>
        <source>within 15 min</source>
        <translation>15 分钟内</translation>
    </message>
    <message>
        <source>within 60 min</source>
        <translation>60 分钟内</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>invalidated</source>
        <translation>已失效</translation>
    </message>
    <message>
        <source>Clean up deletes the expired entries and also the invalidated entries that are past their expiry.</source>
        <translation>清理会删除过期条目，也会删除已过期的失效条目。</translation>
    </message>
    <message>
        <source>time (%1)</source>
        <translation>时间（%1）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop counting exactly; the estimates stay</source>
        <translation>停止精确计数；保留估算值</translation>
    </message>
    <message>
        <source>Count entries e&amp;xactly</source>
        <translation>精确计数条目(&amp;X)</translation>
    </message>
    <message>
        <source>Count every entry instead of estimating from a sample</source>
        <translation>逐条计数，而不是根据样本估算</translation>
    </message>
    <message>
        <source>The connection was lost or changed.</source>
        <translation>连接已断开或已更换。</translation>
    </message>
    <message>
        <source>Estimated from a sample of the table; click (or right-click → Count entries exactly) to count every entry</source>
        <translation>根据表的样本估算；单击（或右键 → 精确计数条目）以逐条计数</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>正在计数…</translation>
    </message>
    <message>
        <source>Counted exactly at %1</source>
        <translation>于 %1 精确计数</translation>
    </message>
    <message>
        <source>Exact count at %1: %2 entries</source>
        <translation>%1 的精确计数：%2 个条目</translation>
    </message>
    <message>
        <source>%1 valid, %2 expired, %3 invalidated</source>
        <translation>%1 个有效，%2 个已过期，%3 个已失效</translation>
    </message>
    <message>
        <source>Exact count cancelled</source>
        <translation>精确计数已取消</translation>
    </message>
    <message>
        <source>Exact count failed</source>
        <translation>精确计数失败</translation>
    </message>
</context>
<context>
    <name>cc::ui::EntriesPage</name>
    <message>
        <source>Filter: exchange:bybit env:testnet user:ID cred:ID before:2h or any text</source>
        <translation>筛选:exchange:bybit env:testnet user:ID cred:ID before:2h 或任意文本</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>所有状态</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Invalidated</source>
        <translation>已失效</translation>
    </message>
    <message>
        <source>Copy cache key</source>
        <translation>复制缓存键</translation>
    </message>
    <message>
        <source>Select an entry to see its details and metadata.</source>
        <translation>选择一个条目以查看其详细信息和元数据。</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>计数中…</translation>
    </message>
    <message>
        <source>Cache key:    %1
</source>
        <translation>缓存键:     %1
</translation>
    </message>
    <message>
        <source>Id:           %1
</source>
        <translation>Id:         %1
</translation>
    </message>
    <message>
        <source>User:         %1
Credential:   %2
</source>
        <translation>用户:       %1
凭据:       %2
</translation>
    </message>
    <message>
        <source>Exchange:     %1 %2
</source>
        <translation>交易所:     %1 %2
</translation>
    </message>
    <message>
        <source>Offset:       %1 ms
</source>
        <translation>偏移:       %1 毫秒
</translation>
    </message>
    <message>
        <source>Last sync:    %1 (%2 ago)
</source>
        <translation>上次同步:   %1(%2 前)
</translation>
    </message>
    <message>
        <source>Expires:      %1
</source>
        <translation>到期:       %1
</translation>
    </message>
    <message>
        <source>State:        %1
Hits:         %2
</source>
        <translation>状态:       %1
命中:       %2
</translation>
    </message>
    <message>
        <source>Created:      %1
Updated:      %2
</source>
        <translation>创建:       %1
更新:       %2
</translation>
    </message>
    <message>
        <source>Metadata:
%1</source>
        <translation>元数据:
%1</translation>
    </message>
    <message>
        <source>(none: written by the seed&apos;s service)</source>
        <translation>(无:由种子服务写入)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entries</source>
        <translation>
            <numerusform>%Ln 个条目</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln entries selected</source>
        <translation>
            <numerusform>已选择 %Ln 个条目</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Saved filters; save the current one under a name</source>
        <translation>已保存的过滤条件；将当前条件以名称保存</translation>
    </message>
    <message>
        <source>No entries match the filter.</source>
        <translation>没有条目匹配此过滤条件。</translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation>清除过滤条件</translation>
    </message>
    <message>
        <source>no exchange is called &quot;%1&quot; (known: %2)</source>
        <translation>没有名为“%1”的交易所（已知：%2）</translation>
    </message>
    <message>
        <source>no environment is called &quot;%1&quot; (known: %2)</source>
        <translation>没有名为“%1”的环境（已知：%2）</translation>
    </message>
    <message>
        <source>Unknown value: %1</source>
        <translation>未知值：%1</translation>
    </message>
    <message>
        <source>Save the current filter…</source>
        <translation>保存当前过滤条件…</translation>
    </message>
    <message>
        <source>Save filter</source>
        <translation>保存过滤条件</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>This credential&apos;s syncs</source>
        <translation>此凭据的同步</translation>
    </message>
    <message>
        <source>Offset and error bound of this credential&apos;s logged syncs</source>
        <translation>此凭据已记录同步的偏移和误差界</translation>
    </message>
    <message>
        <source>No logged syncs of this credential</source>
        <translation>此凭据没有已记录的同步</translation>
    </message>
</context>
<context>
    <name>cc::ui::EntryModel</name>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>expired %1 ago</source>
        <translation>%1 前已过期</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>invalidated</source>
        <translation>已失效</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>凭据</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>交易所</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>环境</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>偏移</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Expires in</source>
        <translation>剩余有效期</translation>
    </message>
    <message>
        <source>Hits</source>
        <translation>命中</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Not loaded (cancelled; F5 loads again)</source>
        <translation>未加载（已取消；按 F5 重新加载）</translation>
    </message>
    <message>
        <source>the measured drift of its host, %1 ms/h</source>
        <translation>其主机的实测漂移，%1 毫秒/小时</translation>
    </message>
    <message>
        <source>the default drift, %1 ms/h (none measured yet)</source>
        <translation>默认漂移，%1 毫秒/小时（尚未测量）</translation>
    </message>
    <message>
        <source>1000 ms minus (error bound + drift × age), at %1; red below the safety of %2 ms</source>
        <translation>1000 毫秒减去（误差界 + 漂移 × 时长），于 %1；低于安全值 %2 毫秒时显示为红色</translation>
    </message>
    <message>
        <source>No error bound recorded for this entry (written without a sync account): its margin is unknown</source>
        <translation>此条目未记录误差界（写入时没有同步记录）：其余量未知</translation>
    </message>
    <message>
        <source>How far the cached offset may be from the exchange&apos;s 1 s &quot;ahead&quot; limit in the worst case: 1000 ms minus (error bound + drift × age). Red below %1 ms. Not sortable: it moves with the clock and is not a column of the table.</source>
        <translation>最坏情况下缓存偏移距交易所 1 秒“超前”限制的余量：1000 毫秒减去（误差界 + 漂移 × 时长）。低于 %1 毫秒时显示为红色。不可排序：它随时钟变化，且不是表中的列。</translation>
    </message>
    <message>
        <source>Ahead margin</source>
        <translation>超前余量</translation>
    </message>
    <message>
        <source>the drift measured when it was saved, %1 ms/h</source>
        <translation>保存时测得的漂移，%1 毫秒/小时</translation>
    </message>
</context>
<context>
    <name>cc::ui::FleetPage</name>
    <message>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>环境</translation>
    </message>
    <message>
        <source>Reachable</source>
        <translation>可达</translation>
    </message>
    <message>
        <source>Hit rate (15 min)</source>
        <translation>命中率（15 分钟）</translation>
    </message>
    <message>
        <source>Init p95</source>
        <translation>初始化 p95</translation>
    </message>
    <message>
        <source>Firing alerts</source>
        <translation>触发中的告警</translation>
    </message>
    <message>
        <source>Last update</source>
        <translation>上次更新</translation>
    </message>
    <message numerus="yes">
        <source>Every connection profile, each read on its own connection every %Ln seconds. Double-click a row to open that profile.</source>
        <translation>
            <numerusform>所有连接配置，每个都通过自己的连接每 %Ln 秒读取一次。双击某行可打开该配置。</numerusform>
        </translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>检查中…</translation>
    </message>
    <message>
        <source>no: %1</source>
        <translation>否：%1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>%1 (stale)</source>
        <translation>%1（已过时）</translation>
    </message>
    <message>
        <source>Last tried %1</source>
        <translation>上次尝试于 %1</translation>
    </message>
</context>
<context>
    <name>cc::ui::MainWindow</name>
    <message>
        <source>Connector Cache Console</source>
        <translation>连接器缓存控制台</translation>
    </message>
    <message>
        <source>round trip %1 ms</source>
        <translation>往返 %1 毫秒</translation>
    </message>
    <message>
        <source>Action failed</source>
        <translation>操作失败</translation>
    </message>
    <message>
        <source>Connection lost — reconnecting…</source>
        <translation>连接已断开 — 正在重新连接…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Filter entries</source>
        <translation>筛选条目(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Invalidate selected</source>
        <translation>使所选失效(&amp;I)</translation>
    </message>
    <message>
        <source>Invalidate all &amp;matching…</source>
        <translation>使所有匹配项失效(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Clean up expired…</source>
        <translation>清理过期条目(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Test sync…</source>
        <translation>测试同步(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Export entries…</source>
        <translation>导出条目(&amp;E)…</translation>
    </message>
    <message>
        <source>Export &amp;charts as PNG…</source>
        <translation>将图表导出为 PNG(&amp;C)…</translation>
    </message>
    <message>
        <source>Connection &amp;profiles…</source>
        <translation>连接配置(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>About Connector Cache Console</source>
        <translation>关于连接器缓存控制台</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Connector Cache Console %1&lt;/h3&gt;&lt;p&gt;Watches and administers the exchange connectors&apos; time-offset cache.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;Database driver: %3&lt;br&gt;Server: %4 %5&lt;/p&gt;</source>
        <translation>&lt;h3&gt;连接器缓存控制台 %1&lt;/h3&gt;&lt;p&gt;监视并管理交易所连接器的时间偏移缓存。&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;数据库驱动:%3&lt;br&gt;服务器:%4 %5&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Actions</source>
        <translation>操作(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>仪表板(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Entries</source>
        <translation>条目(&amp;E)</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>&amp;Activity</source>
        <translation>活动(&amp;A)</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot;: %2</source>
        <translation>配置“%1”:%2</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>连接中…</translation>
    </message>
    <message>
        <source>%1 %2 as %3</source>
        <translation>%1 %2,角色 %3</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>connected (read-only)</source>
        <translation>已连接(只读)</translation>
    </message>
    <message>
        <source> · live updates: polling (pooled connection)</source>
        <translation> · 实时更新:轮询(连接池连接)</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Remember this password in the system keychain?</source>
        <translation>将此密码保存到系统钥匙串?</translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation>连接已断开</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 [%2] — Connector Cache Console</source>
        <translation>%1 [%2] — 连接器缓存控制台</translation>
    </message>
    <message>
        <source>Not connected to a database</source>
        <translation>未连接到数据库</translation>
    </message>
    <message>
        <source>The database role %1 may only read; ask for the admin GRANTs in the README</source>
        <translation>数据库角色 %1 只能读取;请按 README 申请管理员 GRANT 权限</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Select the entries to invalidate first.</source>
        <translation>请先选择要使其失效的条目。</translation>
    </message>
    <message>
        <source>Invalidate the entry of %1 / %2? Its connector will resync on its next start.</source>
        <translation>使 %1 / %2 的条目失效?其连接器将在下次启动时重新同步。</translation>
    </message>
    <message>
        <source>Invalidate</source>
        <translation>使失效</translation>
    </message>
    <message>
        <source>Invalidating…</source>
        <translation>正在使其失效…</translation>
    </message>
    <message>
        <source>No valid entry matches the filter.</source>
        <translation>没有与筛选条件匹配的有效条目。</translation>
    </message>
    <message>
        <source>Clean up</source>
        <translation>清理</translation>
    </message>
    <message>
        <source>There are no expired entries.</source>
        <translation>没有过期条目。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Deleting expired entries…</source>
        <translation>正在删除过期条目…</translation>
    </message>
    <message>
        <source>The database role may only read</source>
        <translation>数据库角色只能读取</translation>
    </message>
    <message>
        <source>Export entries</source>
        <translation>导出条目</translation>
    </message>
    <message>
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation>CSV (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>导出中…</translation>
    </message>
    <message>
        <source>Export charts to</source>
        <translation>将图表导出到</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>&amp;Connect to</source>
        <translation>连接到(&amp;C)</translation>
    </message>
    <message numerus="yes">
        <source>No filter is set: invalidate ALL %Ln entries in %1?</source>
        <translation>
            <numerusform>未设置过滤条件：使 %1 中全部 %Ln 个条目失效？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Invalidate %Ln entries matching %1 in %2?</source>
        <translation>
            <numerusform>使 %2 中匹配 %1 的 %Ln 个条目失效？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln entries past their expiry from %1?</source>
        <translation>
            <numerusform>从 %1 删除 %Ln 个已过期的条目？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln expired (as on the Expired card) and %1 invalidated entries that have expired since: cleanup deletes both.</source>
        <translation>
            <numerusform>%Ln 个过期条目（即“已过期”卡片所示）和 %1 个此后已过期的失效条目：清理会同时删除两者。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln expired entries from %1?</source>
        <translation>
            <numerusform>从 %1 删除 %Ln 个过期条目？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln entries done…</source>
        <translation>
            <numerusform>已完成 %Ln 个条目…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Connection lost — retrying in %Ln s</source>
        <translation>
            <numerusform>连接已断开 — %Ln 秒后重试</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Invalidate the %Ln selected entries? Their connectors will resync on their next start.</source>
        <translation>
            <numerusform>使所选的 %Ln 个条目失效?其连接器将在下次启动时重新同步。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln charts written to %1</source>
        <translation>
            <numerusform>已将 %Ln 个图表写入 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>立即重试</translation>
    </message>
    <message>
        <source>Query running…</source>
        <translation>查询进行中…</translation>
    </message>
    <message>
        <source>Stop waiting for the entries or dashboard query</source>
        <translation>停止等待条目或仪表盘查询</translation>
    </message>
    <message>
        <source>Query cancelled; what was loaded stays on screen (F5 loads again).</source>
        <translation>查询已取消；已加载的内容保留在屏幕上（按 F5 重新加载）。</translation>
    </message>
    <message>
        <source>Password authentication failed.
Password for %1:</source>
        <translation>密码验证失败。
%1 的密码：</translation>
    </message>
    <message numerus="yes">
        <source>Password authentication failed %n time(s) — not retrying</source>
        <translation>
            <numerusform>密码验证失败 %n 次 — 不再重试</numerusform>
        </translation>
    </message>
    <message>
        <source>Password authentication failed</source>
        <translation>密码验证失败</translation>
    </message>
    <message>
        <source>Times in &amp;UTC</source>
        <translation>使用 UTC 时间(&amp;U)</translation>
    </message>
    <message numerus="yes">
        <source>Server not answering since %1 — retrying in %Ln s</source>
        <translation>
            <numerusform>服务器自 %1 起无响应 — %Ln 秒后重试</numerusform>
        </translation>
    </message>
    <message>
        <source>Server not answering since %1 — reconnecting…</source>
        <translation>服务器自 %1 起无响应 — 正在重新连接…</translation>
    </message>
    <message>
        <source>&amp;Clock</source>
        <translation>时钟(&amp;C)</translation>
    </message>
    <message>
        <source>standby, read-only</source>
        <translation>备库，只读</translation>
    </message>
    <message>
        <source>connected to a standby · nothing replayed yet</source>
        <translation>已连接到备库 · 尚未回放任何内容</translation>
    </message>
    <message>
        <source>connected to a standby · replay lag %1 s</source>
        <translation>已连接到备库 · 回放延迟 %1 秒</translation>
    </message>
    <message>
        <source> · live updates: polling (a standby cannot LISTEN)</source>
        <translation> · 实时更新：轮询（备库无法 LISTEN）</translation>
    </message>
    <message>
        <source>Answered by %1</source>
        <translation>应答方：%1</translation>
    </message>
    <message>
        <source>server not answering</source>
        <translation>服务器无响应</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entries touched: listed beside the event in the Clock view</source>
        <translation>
            <numerusform>受影响的 %Ln 个条目：列于“时钟”视图中该事件旁</numerusform>
        </translation>
    </message>
    <message>
        <source>Ale&amp;rts</source>
        <translation>告警(&amp;R)</translation>
    </message>
    <message>
        <source>Flee&amp;t</source>
        <translation>集群(&amp;T)</translation>
    </message>
    <message>
        <source>Silence saved</source>
        <translation>静默已保存</translation>
    </message>
    <message>
        <source>Alert rule deleted</source>
        <translation>告警规则已删除</translation>
    </message>
    <message>
        <source>Alert rule saved</source>
        <translation>告警规则已保存</translation>
    </message>
    <message>
        <source>The database role %1 may not change alert rules; ask for the admin GRANTs in the README</source>
        <translation>数据库角色 %1 无权修改告警规则；请按 README 申请管理员 GRANT 权限</translation>
    </message>
    <message>
        <source>Invalidation incomplete</source>
        <translation>失效操作未完成</translation>
    </message>
    <message>
        <source>Exact count cancelled; the estimates stay.</source>
        <translation>精确计数已取消；保留估算值。</translation>
    </message>
    <message>
        <source>No translation for %1 was found.</source>
        <translation>未找到 %1 的翻译。</translation>
    </message>
    <message>
        <source>Language changed.</source>
        <translation>语言已更改。</translation>
    </message>
    <message>
        <source>Test sync not written: %1</source>
        <translation>测试同步未写入：%1</translation>
    </message>
</context>
<context>
    <name>cc::ui::PasswordVault</name>
    <message>
        <source>built without keychain support</source>
        <translation>构建时未启用钥匙串支持</translation>
    </message>
</context>
<context>
    <name>cc::ui::ProfilesDialog</name>
    <message>
        <source>Connection profiles</source>
        <translation>连接配置</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>环境</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>No password here: it goes to the keychain, or libpq&apos;s ~/.pgpass, PGPASSWORD or service file.</source>
        <translation>此处不填密码:密码应存于钥匙串,或 libpq 的 ~/.pgpass、PGPASSWORD 或服务文件。</translation>
    </message>
    <message>
        <source>(from the URL or libpq)</source>
        <translation>(来自 URL 或 libpq)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称:</translation>
    </message>
    <message>
        <source>Database URL:</source>
        <translation>数据库 URL:</translation>
    </message>
    <message>
        <source>Environment:</source>
        <translation>环境:</translation>
    </message>
    <message>
        <source>TLS mode:</source>
        <translation>TLS 模式:</translation>
    </message>
    <message>
        <source>CA file:</source>
        <translation>CA 文件:</translation>
    </message>
    <message>
        <source>New profile %1</source>
        <translation>新配置 %1</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation>证书 (*.pem *.crt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot;: %2</source>
        <translation>配置“%1”:%2</translation>
    </message>
    <message>
        <source>Save and &amp;connect</source>
        <translation>保存并连接(&amp;C)</translation>
    </message>
    <message>
        <source>kept in the system keychain</source>
        <translation>保存在系统钥匙串中</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>The password was removed from the URL and is not saved; type it into the password field.</source>
        <translation>密码已从 URL 中移除且不会保存；请在密码字段中输入。</translation>
    </message>
    <message>
        <source>The password was taken out of the URL: it goes to the system keychain, never into the settings file.</source>
        <translation>密码已从 URL 中取出：它将保存到系统钥匙串，绝不会写入设置文件。</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>schema version %1, current</source>
        <translation>架构版本 %1，最新</translation>
    </message>
    <message>
        <source>schema version %1, needs migrate</source>
        <translation>架构版本 %1，需要迁移</translation>
    </message>
    <message>
        <source>the seed&apos;s table only, needs migrate</source>
        <translation>仅有种子服务的表，需要迁移</translation>
    </message>
    <message>
        <source>no schema yet, needs migrate</source>
        <translation>尚无架构，需要迁移</translation>
    </message>
    <message>
        <source>schema version %1, newer than this console</source>
        <translation>架构版本 %1，比此控制台新</translation>
    </message>
    <message>
        <source>not saved: asked for when connecting</source>
        <translation>不保存：连接时询问</translation>
    </message>
    <message>
        <source>The password was taken out of the URL and is not saved (there is no system keychain): the console asks for it when connecting; ~/.pgpass or PGPASSWORD work too.</source>
        <translation>密码已从 URL 中取出且不会保存（没有系统钥匙串）：控制台会在连接时询问；也可使用 ~/.pgpass 或 PGPASSWORD。</translation>
    </message>
    <message>
        <source>none: the URL above</source>
        <translation>无：使用上面的 URL</translation>
    </message>
    <message>
        <source>DATABASE_URL is read from this file at every connect; its password is used for the session and never saved.</source>
        <translation>每次连接时从此文件读取 DATABASE_URL；其中的密码仅用于本次会话，绝不保存。</translation>
    </message>
    <message>
        <source>Import from .env…</source>
        <translation>从 .env 导入…</translation>
    </message>
    <message>
        <source>Through a transaction-mode pooler (PgBouncer, Supavisor, …)</source>
        <translation>通过事务模式连接池（PgBouncer、Supavisor 等）</translation>
    </message>
    <message>
        <source>No prepared statements, no session settings, live updates by polling. Set by pgbouncer=true in the URL too.</source>
        <translation>不使用预备语句和会话设置，实时更新采用轮询。也可在 URL 中设置 pgbouncer=true。</translation>
    </message>
    <message>
        <source>The application&apos;s .env</source>
        <translation>应用程序的 .env</translation>
    </message>
    <message>
        <source>dotenv files (.env*);;All files (*)</source>
        <translation>dotenv 文件 (.env*);;所有文件 (*)</translation>
    </message>
    <message>
        <source>From .env:</source>
        <translation>来自 .env：</translation>
    </message>
    <message>
        <source>a read-only standby</source>
        <translation>只读备库</translation>
    </message>
    <message>
        <source>pooled connection (prepared statements off, live updates by polling)</source>
        <translation>连接池连接（关闭预备语句，实时更新采用轮询）</translation>
    </message>
    <message>
        <source>direct connection</source>
        <translation>直接连接</translation>
    </message>
    <message>
        <source>Connected: %1 %2 as %3, database %4; %5; %6; round trip %7 ms.</source>
        <translation>已连接：%1 %2，角色 %3，数据库 %4；%5；%6；往返 %7 毫秒。</translation>
    </message>
    <message>
        <source>DATABASE_URL in %1: %2</source>
        <translation>%1 中的 DATABASE_URL：%2</translation>
    </message>
    <message>
        <source>The URL comes from %1 at every connect.</source>
        <translation>每次连接时从 %1 获取 URL。</translation>
    </message>
    <message>
        <source>The URL comes from %1 at every connect; its password is used for the session and never saved.</source>
        <translation>每次连接时从 %1 获取 URL；其中的密码仅用于本次会话，绝不保存。</translation>
    </message>
</context>
<context>
    <name>cc::ui::RuleDialog</name>
    <message>
        <source>New alert rule</source>
        <translation>新建告警规则</translation>
    </message>
    <message>
        <source>Edit alert rule %1</source>
        <translation>编辑告警规则 %1</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Metric:</source>
        <translation>指标(&amp;M)：</translation>
    </message>
    <message>
        <source>below</source>
        <translation>低于</translation>
    </message>
    <message>
        <source>above</source>
        <translation>高于</translation>
    </message>
    <message>
        <source>&amp;Fires when:</source>
        <translation>触发条件(&amp;F)：</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Over the last:</source>
        <translation>统计时长：</translation>
    </message>
    <message>
        <source>Held &amp;for:</source>
        <translation>持续(&amp;F)：</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>&amp;Severity:</source>
        <translation>严重性(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation>启用(&amp;E)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>The name takes 1 to 64 of a-z, 0-9 and _.</source>
        <translation>名称须为 1 至 64 个 a-z、0-9 和 _ 字符。</translation>
    </message>
</context>
<context>
    <name>cc::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
</context>
<context>
    <name>cc::ui::SilenceDialog</name>
    <message>
        <source>Silence %1</source>
        <translation>静默 %1</translation>
    </message>
    <message>
        <source>&amp;For:</source>
        <translation>时长(&amp;F)：</translation>
    </message>
    <message>
        <source>Why (recorded with the silence and in the audit log)</source>
        <translation>原因（随静默一并记录，并写入审计日志）</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>Silence</source>
        <translation>静默</translation>
    </message>
</context>
<context>
    <name>cc::ui::StartupPanel</name>
    <message>
        <source>Start-up, hit p50/p95 · seed %1 ms</source>
        <translation>启动，命中 p50/p95 · 种子服务 %1 毫秒</translation>
    </message>
    <message>
        <source>Start-up, miss p50/p95 · seed %1 ms</source>
        <translation>启动，未命中 p50/p95 · 种子服务 %1 毫秒</translation>
    </message>
    <message>
        <source>Time saved</source>
        <translation>节省的时间</translation>
    </message>
    <message>
        <source>Expired per hour · entries</source>
        <translation>每小时过期数 · 条目数</translation>
    </message>
    <message>
        <source>Connector start-up time, p95</source>
        <translation>连接器启动时间，p95</translation>
    </message>
    <message>
        <source>Expirations and size</source>
        <translation>过期与规模</translation>
    </message>
    <message>
        <source>%1 / %2 ms</source>
        <translation>%1 / %2 毫秒</translation>
    </message>
    <message numerus="yes">
        <source>%Ln starts with a cache hit in the range; the seed measured %1 ms with the cache</source>
        <translation>
            <numerusform>范围内 %Ln 次启动命中缓存；种子服务测得有缓存时为 %1 毫秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln starts that synced with the exchange in the range; the seed measured %1 ms without the cache</source>
        <translation>
            <numerusform>范围内 %Ln 次启动与交易所进行了同步；种子服务测得无缓存时为 %1 毫秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln syncs saved × %1 ms: each start with a cache hit avoided a miss&apos;s measured cost (the mean start-up with a miss in the range) less its own</source>
        <translation>
            <numerusform>节省 %Ln 次同步 × %1 毫秒：每次命中缓存的启动都避免了一次未命中的实测开销（范围内未命中启动的平均时间）减去其自身开销</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Entries that expired unrenewed, per hour over the range; entries in the table as last sampled</source>
        <translation>范围内每小时未续期而过期的条目数；表中条目数为最近一次采样值</translation>
    </message>
    <message>
        <source>Entries that expired unrenewed, per hour over the range; entries in the table as last sampled (%1)</source>
        <translation>范围内每小时未续期而过期的条目数；表中条目数为最近一次采样值（%1）</translation>
    </message>
    <message>
        <source>hit</source>
        <translation>命中</translation>
    </message>
    <message>
        <source>miss</source>
        <translation>未命中</translation>
    </message>
    <message>
        <source>seed %1 ms</source>
        <translation>种子服务 %1 毫秒</translation>
    </message>
    <message>
        <source>expired unrenewed</source>
        <translation>未续期而过期</translation>
    </message>
    <message>
        <source>entries</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>time (%1)</source>
        <translation>时间（%1）</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>per minute</source>
        <translation>每分钟</translation>
    </message>
    <message>
        <source>per %1 min</source>
        <translation>每 %1 分钟</translation>
    </message>
</context>
<context>
    <name>cc::ui::StoreWorker</name>
    <message>
        <source>Not connected to a database.</source>
        <translation>未连接到数据库。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1:%2</translation>
    </message>
    <message>
        <source>Export cancelled.</source>
        <translation>导出已取消。</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled by the operator after %n entries.</source>
        <translation>
            <numerusform>操作员在处理 %n 个条目后取消。</numerusform>
        </translation>
    </message>
    <message>
        <source>Exact count cancelled.</source>
        <translation>精确计数已取消。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entries invalidated, but %1 matching entries were left valid: another transaction holds them locked. Run the invalidation again later; it takes only what is left.</source>
        <translation>
            <numerusform>已使 %Ln 个条目失效，但有 %1 个匹配条目仍然有效：另一个事务锁定了它们。请稍后再次执行失效操作；它只处理剩余的条目。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cc::ui::SyncHistoryChart</name>
    <message>
        <source>(unknown host)</source>
        <translation>（未知主机）</translation>
    </message>
    <message>
        <source>offset (ms)</source>
        <translation>偏移(毫秒)</translation>
    </message>
    <message>
        <source>%1 error bound</source>
        <translation>%1 误差界</translation>
    </message>
    <message>
        <source>clock steps and reboots</source>
        <translation>时钟跳变与重启</translation>
    </message>
    <message>
        <source>timestamp rejections</source>
        <translation>时间戳拒绝</translation>
    </message>
</context>
<context>
    <name>cc::ui::TestSyncDialog</name>
    <message>
        <source>Test sync</source>
        <translation>测试同步</translation>
    </message>
    <message>
        <source>default host of the exchange and environment</source>
        <translation>交易所和环境的默认主机</translation>
    </message>
    <message>
        <source>Exchange:</source>
        <translation>交易所:</translation>
    </message>
    <message>
        <source>Environment:</source>
        <translation>环境:</translation>
    </message>
    <message>
        <source>Base URL:</source>
        <translation>基础 URL:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户:</translation>
    </message>
    <message>
        <source>Credential:</source>
        <translation>凭据:</translation>
    </message>
    <message>
        <source>Samples: offset against round trip</source>
        <translation>样本:偏移与往返时间</translation>
    </message>
    <message>
        <source>Run sync</source>
        <translation>运行同步</translation>
    </message>
    <message>
        <source>Cancel sync</source>
        <translation>取消同步</translation>
    </message>
    <message>
        <source>Write to cache…</source>
        <translation>写入缓存…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Write to cache</source>
        <translation>写入缓存</translation>
    </message>
    <message>
        <source>Give the user and the credential the offset belongs to.</source>
        <translation>请填写该偏移所属的用户和凭据。</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>写入</translation>
    </message>
    <message>
        <source>Syncing with %1…</source>
        <translation>正在与 %1 同步…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>The sync failed: %1</source>
        <translation>同步失败:%1</translation>
    </message>
    <message>
        <source>Offset: %1 ms (server minus local)
Error bound: ± %2 ms
Round trip: %3 ms (%4 of %5 samples used)
</source>
        <translation>偏移:%1 毫秒(服务器减本地)
误差界:± %2 毫秒
往返:%3 毫秒(使用了 %5 个样本中的 %4 个)
</translation>
    </message>
    <message>
        <source>accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>REJECT</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>round trip (ms)</source>
        <translation>往返时间(毫秒)</translation>
    </message>
    <message>
        <source>offset (ms)</source>
        <translation>偏移(毫秒)</translation>
    </message>
    <message>
        <source>Write offset %1 ms (± %2 ms), measured against %3, for %4 / %5 to the cache?</source>
        <translation>将针对 %3 测得的偏移 %1 毫秒(± %2 毫秒)写入 %4 / %5 的缓存?</translation>
    </message>
    <message>
        <source>Cached offset: %1 ms, differs by %2 ms (cached minus measured: positive means requests signed with the cached offset run ahead of the exchange&apos;s clock, negative that they lag behind)
</source>
        <translation>缓存的偏移:%1 毫秒,相差 %2 毫秒(缓存值减测量值:正数表示用缓存偏移签名的请求快于交易所时钟,负数表示慢于交易所时钟)
</translation>
    </message>
    <message>
        <source>The cached entry is invalidated: connectors do not use it, they sync afresh.</source>
        <translation>缓存条目已失效:连接器不会使用它,而是重新同步。</translation>
    </message>
    <message>
        <source>The exchange would %1 a request signed with the cached offset.</source>
        <translation>交易所将%1使用缓存偏移签名的请求。</translation>
    </message>
    <message>
        <source>Writing to the cache…</source>
        <translation>正在写入缓存…</translation>
    </message>
    <message>
        <source>Not written to the cache: %1</source>
        <translation>未写入缓存：%1</translation>
    </message>
    <message>
        <source>Written to the cache for %1 / %2.</source>
        <translation>已为 %1 / %2 写入缓存。</translation>
    </message>
</context>
</TS>
