<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
        <source>Estimated from a sample of the table; the CLI&apos;s &quot;stats --exact&quot; counts every entry</source>
        <translation>根据表的抽样估算；命令行的 “stats --exact” 会逐条计数</translation>
    </message>
    <message>
        <source>Clean up deletes the expired entries and also the invalidated entries that are past their expiry.</source>
        <translation>清理会删除过期条目，也会删除已过期的失效条目。</translation>
    </message>
    <message>
        <source>time (%1)</source>
        <translation>时间（%1）</translation>
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
        <source>The language changes when the console is started again.</source>
        <translation>重新启动控制台后语言才会更改。</translation>
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
        <source>Connected: %1 %2 as %3, database %4; %5; direct connection; round trip %6 ms.</source>
        <translation>已连接：%1 %2，角色 %3，数据库 %4；%5；直接连接；往返 %6 ms。</translation>
    </message>
    <message>
        <source>not saved: asked for when connecting</source>
        <translation>不保存：连接时询问</translation>
    </message>
    <message>
        <source>The password was taken out of the URL and is not saved (there is no system keychain): the console asks for it when connecting; ~/.pgpass or PGPASSWORD work too.</source>
        <translation>密码已从 URL 中取出且不会保存（没有系统钥匙串）：控制台会在连接时询问；也可使用 ~/.pgpass 或 PGPASSWORD。</translation>
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
        <source>Written to the cache.</source>
        <translation>已写入缓存。</translation>
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
</context>
</TS>
