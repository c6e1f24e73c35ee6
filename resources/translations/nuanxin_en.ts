<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AdminDevicesDialog</name>
    <message>
        <source>设备管理</source>
        <translation>Devices</translation>
    </message>
    <message>
        <source>电脑丢失或人员离职时，停用其设备：该电脑立即无法同步；它上面未同步的修改会保留，重新登录后再上传。</source>
        <translation>When a laptop is lost or someone leaves, revoke its device: it stops syncing at once; its unsynced edits are kept and uploaded after the next sign-in.</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>停用所选设备…</source>
        <translation>Revoke selected device…</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>共 %1 台设备，已停用 %2 台</source>
        <translation>Devices: %1 · revoked: %2</translation>
    </message>
    <message>
        <source>操作失败：%1</source>
        <translation>Failed: %1</translation>
    </message>
    <message>
        <source>停用 %1 的设备「%2」？该电脑将立即无法同步。</source>
        <translation>Revoke %1&apos;s device &quot;%2&quot;? That laptop will stop syncing at once.</translation>
    </message>
    <message>
        <source>停用设备</source>
        <translation>Revoke device</translation>
    </message>
</context>
<context>
    <name>ArchiveDialog</name>
    <message>
        <source>归档导出</source>
        <translation>Archive export</translation>
    </message>
    <message>
        <source>全部居委</source>
        <translation>All committees</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>起始日期</source>
        <translation>From</translation>
    </message>
    <message>
        <source>截止日期</source>
        <translation>To</translation>
    </message>
    <message>
        <source>居委</source>
        <translation>Committee</translation>
    </message>
    <message>
        <source>保存到</source>
        <translation>Save to</translation>
    </message>
    <message>
        <source>把这段时间内已定稿的走访、评估、方案、转介和受理回执导出为 PDF/A，</source>
        <translation>Exports the finalised visits, assessments, plans, referrals and intake receipts of this period as PDF/A, </translation>
    </message>
    <message>
        <source>连同清单 manifest.csv 打包成一个 zip 文件，供长期存档。</source>
        <translation>packed with the list manifest.csv into one zip file for long-term keeping.</translation>
    </message>
    <message>
        <source>开始归档</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>归档保存到</source>
        <translation>Save the archive to</translation>
    </message>
    <message>
        <source>zip 文件 (*.zip)</source>
        <translation>zip files (*.zip)</translation>
    </message>
    <message>
        <source>起始日期晚于截止日期：请把起始日期改早或截止日期改晚。</source>
        <translation>The start date is after the end date: make the start earlier or the end later.</translation>
    </message>
    <message>
        <source>请填写保存位置（一个 .zip 文件）。</source>
        <translation>Enter where to save it (a .zip file).</translation>
    </message>
    <message>
        <source>正在查找要归档的表单……</source>
        <translation>Finding the forms to archive…</translation>
    </message>
    <message>
        <source>正在取消……</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>正在归档：%1 / %2 份表单</source>
        <translation>Archiving forms: %1 / %2</translation>
    </message>
    <message>
        <source>归档完成。</source>
        <translation>Archive complete.</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 份表单（另含 manifest.csv 和 README.txt）</source>
        <translation>
            <numerusform>%n form (plus manifest.csv and README.txt)</numerusform>
            <numerusform>%n forms (plus manifest.csv and README.txt)</numerusform>
        </translation>
    </message>
    <message>
        <source>文件：%1</source>
        <translation>File: %1</translation>
    </message>
    <message>
        <source>大小：%1</source>
        <translation>Size: %1</translation>
    </message>
    <message>
        <source>归档失败：%1</source>
        <translation>Archiving failed: %1</translation>
    </message>
    <message>
        <source>已取消，没有留下文件。</source>
        <translation>Cancelled; no file was left behind.</translation>
    </message>
</context>
<context>
    <name>AssessmentPanel</name>
    <message>
        <source>新评估…</source>
        <translation>New assessment…</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>打印所示评估的需求评估表（Ctrl+P）</source>
        <translation>Print the needs assessment form of the assessment shown (Ctrl+P)</translation>
    </message>
    <message>
        <source>困境等级 高 · 紧急保护 · 总分 100.0</source>
        <translation>hardship High · Emergency protection · score 100.0</translation>
    </message>
    <message>
        <source>评估历史</source>
        <translation>History</translation>
    </message>
    <message>
        <source>%1
困境等级 %2 · %3 · 总分 %4</source>
        <translation>%1
hardship %2 · %3 · score %4</translation>
    </message>
    <message>
        <source>尚未评估。点「新评估」按评估工具逐项询问、观察后填写。</source>
        <translation>Not assessed yet. Click “New assessment” and go through the instrument&apos;s questions and observations.</translation>
    </message>
    <message>
        <source>%1 评估（%2，评估人 %3）</source>
        <translation>Assessed %1 (%2, by %3)</translation>
    </message>
    <message>
        <source>无法打开评估工具：</source>
        <translation>Cannot open the assessment instrument: </translation>
    </message>
</context>
<context>
    <name>AssessmentResultView</name>
    <message>
        <source>困境等级</source>
        <translation>Hardship level</translation>
    </message>
    <message>
        <source>服务层级</source>
        <translation>Service level</translation>
    </message>
    <message>
        <source>服务阶梯</source>
        <translation>Service tier</translation>
    </message>
    <message>
        <source>加权总分</source>
        <translation>Weighted score</translation>
    </message>
    <message>
        <source>维度</source>
        <translation>Dimension</translation>
    </message>
    <message>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>上次</source>
        <translation>Previous</translation>
    </message>
    <message>
        <source>变化</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>紧急标记：%1</source>
        <translation>Urgent flags: %1</translation>
    </message>
    <message>
        <source>需求：%1</source>
        <translation>Needs: %1</translation>
    </message>
    <message>
        <source>首次评估，暂无对比。</source>
        <translation>First assessment: nothing to compare with.</translation>
    </message>
    <message>
        <source>与上次相比：困境等级 %1 → %2（%3），总分变化 %4。</source>
        <translation>Since last time: hardship %1 → %2 (%3), score change %4. </translation>
    </message>
    <message>
        <source>新增紧急标记：%1。</source>
        <translation>New urgent flags: %1. </translation>
    </message>
    <message>
        <source>已解除：%1。</source>
        <translation>Cleared: %1. </translation>
    </message>
    <message>
        <source>（两次评估所用工具版本不同，仅供参考）</source>
        <translation>(the two assessments used different instrument versions; compare with care)</translation>
    </message>
</context>
<context>
    <name>AssessmentWizard</name>
    <message>
        <source>需求评估</source>
        <translation>Needs assessment</translation>
    </message>
    <message>
        <source>&lt; 上一步</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <source>下一步 &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <source>保存评估</source>
        <translation>Save assessment</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>第 %1 / %2 步</source>
        <translation>Step %1 of %2</translation>
    </message>
    <message>
        <source>保存失败：</source>
        <translation>Saving failed: </translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>成员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>户档案</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>户档案台账</source>
        <translation>Household ledger</translation>
    </message>
    <message>
        <source>成员台账</source>
        <translation>Member ledger</translation>
    </message>
    <message>
        <source>走访记录</source>
        <translation>Visit</translation>
    </message>
    <message>
        <source>走访台账</source>
        <translation>Visit ledger</translation>
    </message>
    <message>
        <source>转介单</source>
        <translation>Referral</translation>
    </message>
    <message>
        <source>转介台账</source>
        <translation>Referral ledger</translation>
    </message>
    <message>
        <source>评估</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <source>本机档案</source>
        <translation>Local profile</translation>
    </message>
    <message>
        <source>设备</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>归档</source>
        <translation>Archive</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>AuditViewer</name>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>本机记录</source>
        <translation>This laptop</translation>
    </message>
    <message>
        <source>服务器记录（所有电脑）</source>
        <translation>Server (all laptops)</translation>
    </message>
    <message>
        <source>全部操作</source>
        <translation>All actions</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 条记录</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
    <message>
        <source>读取失败：%1</source>
        <translation>Could not load: %1</translation>
    </message>
    <message>
        <source>导出审计日志</source>
        <translation>Export audit log</translation>
    </message>
    <message numerus="yes">
        <source>已导出 %n 条记录到 %1</source>
        <translation>
            <numerusform>Exported %n record to %1</numerusform>
            <numerusform>Exported %n records to %1</numerusform>
        </translation>
    </message>
    <message>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
</context>
<context>
    <name>CaseworkArea</name>
    <message>
        <source>成员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>走访</source>
        <translation>Visits</translation>
    </message>
    <message>
        <source>评估</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <source>方案</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>转介</source>
        <translation>Referrals</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>所属居委</source>
        <translation>Committee</translation>
    </message>
    <message>
        <source>救助类别</source>
        <translation>Assistance categories</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>发现渠道</source>
        <translation>Found through</translation>
    </message>
    <message>
        <source>责任顾问</source>
        <translation>Advisor</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>与户主关系</source>
        <translation>Relation to head</translation>
    </message>
    <message>
        <source>健康状况</source>
        <translation>Health</translation>
    </message>
    <message>
        <source>自理能力</source>
        <translation>Self-care</translation>
    </message>
    <message>
        <source>月收入</source>
        <translation>Monthly income</translation>
    </message>
    <message>
        <source>是否已删除</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>家庭</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>走访记录</source>
        <translation>Visit record</translation>
    </message>
    <message>
        <source>转介</source>
        <translation>Referral</translation>
    </message>
    <message>
        <source>已删除</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>未删除（保留）</source>
        <translation>Not deleted (kept)</translation>
    </message>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>冲突处理</source>
        <translation>Resolve conflicts</translation>
    </message>
    <message>
        <source>字段冲突</source>
        <translation>Field conflicts</translation>
    </message>
    <message>
        <source>未被接受的修改</source>
        <translation>Refused edits</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>保存决定</source>
        <translation>Save decision</translation>
    </message>
    <message>
        <source>没有待处理的冲突。</source>
        <translation>No conflicts to resolve.</translation>
    </message>
    <message>
        <source>重新提交</source>
        <translation>Submit again</translation>
    </message>
    <message>
        <source>放弃本机修改</source>
        <translation>Discard my edit</translation>
    </message>
    <message numerus="yes">
        <source>%1：%2（%n 处）</source>
        <translation>
            <numerusform>%1: %2 (%n field)</numerusform>
            <numerusform>%1: %2 (%n fields)</numerusform>
        </translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>%1：%2
两边都改了以下内容，请逐项决定。</source>
        <translation>%1: %2
Both sides changed the fields below; decide each one.</translation>
    </message>
    <message>
        <source>没有保存：%1</source>
        <translation>Not saved: %1</translation>
    </message>
</context>
<context>
    <name>CoveragePage</name>
    <message>
        <source>居委</source>
        <translation>Committee</translation>
    </message>
    <message>
        <source>在册户数</source>
        <translation>Active households</translation>
    </message>
    <message>
        <source>走访逾期</source>
        <translation>Visit overdue</translation>
    </message>
    <message>
        <source>从未评估</source>
        <translation>Never assessed</translation>
    </message>
    <message>
        <source>没有服务方案</source>
        <translation>No service plan</translation>
    </message>
    <message>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>点击“走访逾期”“从未评估”或“没有服务方案”的数字，查看这些户。</source>
        <translation>Click a number under “Visit overdue”, “Never assessed” or “No service plan” to list those households.</translation>
    </message>
    <message>
        <source>在册 %1 户：走访逾期 %2 户，从未评估 %3 户，没有服务方案 %4 户</source>
        <translation>Active households: %1 · visit overdue: %2 · never assessed: %3 · no service plan: %4</translation>
    </message>
    <message>
        <source>%1 · %2：%3 户（双击打开户档案）</source>
        <translation>%1 · %2: %3 (double-click a household to open it)</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>暖心遇到了意外错误</source>
        <translation>Nuanxin ran into an unexpected error</translation>
    </message>
    <message>
        <source>刚才的操作没有完成。已经保存的资料和自动保存的草稿都不受影响，可以继续使用暖心。
如果问题反复出现，请点「复制报告」并发给管理员：报告里不含姓名、证件号和电话。</source>
        <translation>The last action did not finish. Saved records and automatically saved drafts are not affected: you can go on using Nuanxin.
If this happens again, click &quot;Copy report&quot; and send it to your administrator: it holds no names, ID numbers or phone numbers.</translation>
    </message>
    <message>
        <source>复制报告</source>
        <translation>Copy report</translation>
    </message>
    <message>
        <source>退出暖心</source>
        <translation>Quit Nuanxin</translation>
    </message>
    <message>
        <source>继续使用</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>已复制</source>
        <translation>Copied</translation>
    </message>
</context>
<context>
    <name>CreateProfileDialog</name>
    <message>
        <source>创建档案</source>
        <translation>Create profile</translation>
    </message>
    <message>
        <source>首次使用：请设置档案口令。本地数据用它加密保存；锁定后也用它解锁。请牢记口令，遗失后无法找回数据。
档案位置：%1</source>
        <translation>First use: choose the profile passphrase. It encrypts the data on this computer and unlocks the window after a lock. Remember it: data cannot be recovered without it.
Profile folder: %1</translation>
    </message>
    <message>
        <source>口令</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>再次输入</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>两次输入的口令不一致，请重新输入。</source>
        <translation>The two passphrases differ; type them again.</translation>
    </message>
</context>
<context>
    <name>DashboardCharts</name>
    <message>
        <source>各居委户数：按救助类别（一户可有多个类别）</source>
        <translation>Households by committee and category (a household may have several)</translation>
    </message>
    <message>
        <source>未评估</source>
        <translation>Not assessed</translation>
    </message>
    <message>
        <source>各居委户数：按困境等级</source>
        <translation>Households by committee and hardship level</translation>
    </message>
    <message>
        <source>本月已走访户数</source>
        <translation>Visited this month</translation>
    </message>
    <message>
        <source>本月仍应走访户数</source>
        <translation>Still due this month</translation>
    </message>
    <message>
        <source>本月走访：已走访与仍应走访</source>
        <translation>Visits this month: visited and still due</translation>
    </message>
    <message>
        <source>走访</source>
        <translation>Visits</translation>
    </message>
    <message>
        <source>方案回顾</source>
        <translation>Plan reviews</translation>
    </message>
    <message>
        <source>转介跟进</source>
        <translation>Referral follow-ups</translation>
    </message>
    <message>
        <source>求助响应</source>
        <translation>Request responses</translation>
    </message>
    <message>
        <source>逾期任务</source>
        <translation>Overdue tasks</translation>
    </message>
    <message>
        <source>各居委转介：按状态</source>
        <translation>Referrals by committee and state</translation>
    </message>
    <message>
        <source>转介：按资源类别和状态</source>
        <translation>Referrals by resource category and state</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>户数合计</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>走访已逾期（在册）</source>
        <translation>Visits overdue (active)</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Categories</translation>
    </message>
    <message>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>占比</source>
        <translation>Share</translation>
    </message>
    <message>
        <source>居委</source>
        <translation>Committee</translation>
    </message>
    <message>
        <source>按类别（一户可有多个类别）</source>
        <translation>By category (a household can have several)</translation>
    </message>
    <message>
        <source>按居委</source>
        <translation>By committee</translation>
    </message>
</context>
<context>
    <name>DeviceTableModel</name>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>设备名称</source>
        <translation>Device name</translation>
    </message>
    <message>
        <source>登记时间</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>最近联系</source>
        <translation>Last seen</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>Active</translation>
    </message>
</context>
<context>
    <name>DimensionPage</name>
    <message>
        <source>备注（可选）：依据、观察到的情况</source>
        <translation>Note (optional): what the answer rests on, what you observed</translation>
    </message>
    <message>
        <source>尚未作答：选中答案后，这里即时显示得分和困境等级。</source>
        <translation>Nothing answered yet: the score and hardship level appear here as you choose answers.</translation>
    </message>
    <message>
        <source>本维度 %1 分（%2）</source>
        <translation>This dimension: %1 (%2)</translation>
    </message>
    <message>
        <source>目前总分 %1，困境等级 %2</source>
        <translation>Score so far %1, hardship %2</translation>
    </message>
    <message numerus="yes">
        <source>本页还有 %n 项未回答</source>
        <translation>
            <numerusform>%n question on this page still unanswered</numerusform>
            <numerusform>%n questions on this page still unanswered</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DisabilityGrade</name>
    <message>
        <source>一级</source>
        <translation>Grade 1</translation>
    </message>
    <message>
        <source>二级</source>
        <translation>Grade 2</translation>
    </message>
    <message>
        <source>三级</source>
        <translation>Grade 3</translation>
    </message>
    <message>
        <source>四级</source>
        <translation>Grade 4</translation>
    </message>
</context>
<context>
    <name>DiscoverySource</name>
    <message>
        <source>走访发现</source>
        <translation>Found on a visit</translation>
    </message>
    <message>
        <source>居委上报</source>
        <translation>Reported by committee</translation>
    </message>
    <message>
        <source>线上求助</source>
        <translation>Online request</translation>
    </message>
    <message>
        <source>窗口受理</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <source>部门推送</source>
        <translation>Pushed by a department</translation>
    </message>
    <message>
        <source>数据比对</source>
        <translation>Data matching</translation>
    </message>
</context>
<context>
    <name>DraftRecoveryDialog</name>
    <message>
        <source>未完成的走访记录</source>
        <translation>Unfinished visit records</translation>
    </message>
    <message>
        <source>以下走访记录尚未完成（可能因关闭或意外退出），可继续填写：</source>
        <translation>These visit records were not finished (closed early, or the program stopped unexpectedly); you can carry on with them:</translation>
    </message>
    <message>
        <source>继续填写</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>稍后</source>
        <translation>Later</translation>
    </message>
</context>
<context>
    <name>DuplicateNotice</name>
    <message>
        <source>可能已有登记，请核对是否为同一户（人）：</source>
        <translation>This may already be registered; check whether it is the same household (person):</translation>
    </message>
    <message>
        <source>打开该户</source>
        <translation>Open that household</translation>
    </message>
    <message>
        <source>确认不是同一户（人）后，再点「仍然保存」。</source>
        <translation>If it is not the same household (person), click “Save anyway”.</translation>
    </message>
</context>
<context>
    <name>DuplicatesPage</name>
    <message>
        <source>联系电话相同</source>
        <translation>Same phone number</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>户</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>第一条</source>
        <translation>First</translation>
    </message>
    <message>
        <source>第二条</source>
        <translation>Second</translation>
    </message>
    <message>
        <source>可能重复的原因</source>
        <translation>Why they may be the same</translation>
    </message>
    <message>
        <source>正在查找…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>合并…</source>
        <translation>Merge…</translation>
    </message>
    <message>
        <source>不是重复</source>
        <translation>Not the same</translation>
    </message>
    <message>
        <source>打开户档案</source>
        <translation>Open household</translation>
    </message>
    <message>
        <source>全部居委</source>
        <translation>All committees</translation>
    </message>
    <message>
        <source>可能重复：%1 对户，%2 对人员</source>
        <translation>Possible duplicates: household pairs %1, person pairs %2</translation>
    </message>
    <message>
        <source>操作失败：</source>
        <translation>Failed: </translation>
    </message>
</context>
<context>
    <name>EligibilityBanner</name>
    <message>
        <source>政策找人：</source>
        <translation>Eligibility hint: </translation>
    </message>
</context>
<context>
    <name>EmploymentStatus</name>
    <message>
        <source>在业</source>
        <translation>Employed</translation>
    </message>
    <message>
        <source>灵活就业</source>
        <translation>Flexible employment</translation>
    </message>
    <message>
        <source>失业</source>
        <translation>Unemployed</translation>
    </message>
    <message>
        <source>退休</source>
        <translation>Retired</translation>
    </message>
    <message>
        <source>在校学生</source>
        <translation>Student</translation>
    </message>
    <message>
        <source>学龄前</source>
        <translation>Preschool</translation>
    </message>
    <message>
        <source>丧失劳动能力</source>
        <translation>Unable to work</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>FieldChoice</name>
    <message>
        <source>原来的值</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>保留本机的</source>
        <translation>Keep mine</translation>
    </message>
    <message>
        <source>采用服务器的</source>
        <translation>Take the server&apos;s</translation>
    </message>
    <message>
        <source>改为：</source>
        <translation>Change to:</translation>
    </message>
    <message>
        <source>%1（%2，%3 上传）</source>
        <translation>%1 (%2, sent %3)</translation>
    </message>
    <message>
        <source>服务器</source>
        <translation>server</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1（%2，%3 修改）</source>
        <translation>%1 (%2, changed %3)</translation>
    </message>
</context>
<context>
    <name>HardshipLevel</name>
    <message>
        <source>高</source>
        <translation>High</translation>
    </message>
    <message>
        <source>中</source>
        <translation>Medium</translation>
    </message>
    <message>
        <source>低</source>
        <translation>Low</translation>
    </message>
</context>
<context>
    <name>Health</name>
    <message>
        <source>健康</source>
        <translation>Healthy</translation>
    </message>
    <message>
        <source>慢性病</source>
        <translation>Chronic illness</translation>
    </message>
    <message>
        <source>重病</source>
        <translation>Serious illness</translation>
    </message>
    <message>
        <source>残疾</source>
        <translation>Disabled</translation>
    </message>
</context>
<context>
    <name>HelpRequestChannel</name>
    <message>
        <source>窗口</source>
        <translation>Walk-in desk</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>线上求助</source>
        <translation>Online request</translation>
    </message>
    <message>
        <source>居委转报</source>
        <translation>Committee referral</translation>
    </message>
    <message>
        <source>12345</source>
        <translation>12345 hotline</translation>
    </message>
    <message>
        <source>部门推送</source>
        <translation>Department referral</translation>
    </message>
</context>
<context>
    <name>HelpRequestDialog</name>
    <message>
        <source>登记求助</source>
        <translation>Register a help request</translation>
    </message>
    <message>
        <source>未知</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>路、弄、号、室</source>
        <translation>Road, lane, number, room</translation>
    </message>
    <message>
        <source>求助人说明的困难和诉求</source>
        <translation>The difficulty and what the requester asks for</translation>
    </message>
    <message>
        <source>线上平台或 12345 的工单号（可不填）</source>
        <translation>Ticket number of the online platform or 12345 (optional)</translation>
    </message>
    <message>
        <source>受理渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>求助人</source>
        <translation>Requester</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>所属居委</source>
        <translation>Committee</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>求助内容</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>工单号</source>
        <translation>Ticket number</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>登记失败：</source>
        <translation>Could not register: </translation>
    </message>
</context>
<context>
    <name>HelpRequestState</name>
    <message>
        <source>待受理</source>
        <translation>New</translation>
    </message>
    <message>
        <source>已分派</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <source>处理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>已撤销</source>
        <translation>Cancelled</translation>
    </message>
</context>
<context>
    <name>HouseholdCategory</name>
    <message>
        <source>低保</source>
        <translation>Dibao (minimum living allowance)</translation>
    </message>
    <message>
        <source>低收入</source>
        <translation>Low income</translation>
    </message>
    <message>
        <source>支出型贫困</source>
        <translation>Expenditure poverty</translation>
    </message>
    <message>
        <source>特困</source>
        <translation>Extreme poverty</translation>
    </message>
    <message>
        <source>重残无业</source>
        <translation>Severely disabled, unemployed</translation>
    </message>
    <message>
        <source>优抚</source>
        <translation>Entitled groups</translation>
    </message>
    <message>
        <source>边缘</source>
        <translation>Marginal</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>HouseholdDetailView</name>
    <message>
        <source>← 返回列表</source>
        <translation>← Back to the list</translation>
    </message>
    <message>
        <source>编辑户信息…</source>
        <translation>Edit household…</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>打印家庭基本情况表；Ctrl+P 打印当前页所选的记录</source>
        <translation>Print the household form; Ctrl+P prints the record chosen on the current tab</translation>
    </message>
    <message>
        <source>户信息</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>居委</source>
        <translation>Committee</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Categories</translation>
    </message>
    <message>
        <source>发现来源</source>
        <translation>Found through</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>困境等级</source>
        <translation>Hardship</translation>
    </message>
    <message>
        <source>服务层级</source>
        <translation>Service level</translation>
    </message>
    <message>
        <source>下次走访</source>
        <translation>Next visit</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>家庭成员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>添加成员…</source>
        <translation>Add member…</translation>
    </message>
    <message>
        <source>编辑成员…</source>
        <translation>Edit member…</translation>
    </message>
    <message>
        <source>显示证件号</source>
        <translation>Show ID number</translation>
    </message>
    <message>
        <source>显示所选成员的完整证件号码；此操作会记入审计日志</source>
        <translation>Show the full ID number of the selected member; this is written to the audit log</translation>
    </message>
    <message>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>（未登记户主）</source>
        <translation>(no head registered)</translation>
    </message>
    <message>
        <source>隐藏证件号</source>
        <translation>Hide ID number</translation>
    </message>
</context>
<context>
    <name>HouseholdDialog</name>
    <message>
        <source>新建户档案</source>
        <translation>New household</translation>
    </message>
    <message>
        <source>编辑户信息</source>
        <translation>Edit household</translation>
    </message>
    <message>
        <source>请选择居委</source>
        <translation>Choose a committee</translation>
    </message>
    <message>
        <source>路、弄、号、室</source>
        <translation>Road, lane, number, room</translation>
    </message>
    <message>
        <source>居委</source>
        <translation>Committee</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Categories</translation>
    </message>
    <message>
        <source>发现来源</source>
        <translation>Found through</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>家庭成员（至少登记户主）</source>
        <translation>Members (at least the head)</translation>
    </message>
    <message>
        <source>添加成员…</source>
        <translation>Add member…</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>无证件号</source>
        <translation>no ID number</translation>
    </message>
    <message>
        <source>仍然保存</source>
        <translation>Save anyway</translation>
    </message>
    <message>
        <source>保存失败：</source>
        <translation>Saving failed: </translation>
    </message>
</context>
<context>
    <name>HouseholdListView</name>
    <message>
        <source>搜索：姓名、拼音或首字母、电话尾号、地址、证件号</source>
        <translation>Search: name, pinyin or initials, phone ending, address, ID number</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>新建户档案…</source>
        <translation>New household…</translation>
    </message>
    <message>
        <source>批量打印家庭基本情况表…</source>
        <translation>Batch print household forms…</translation>
    </message>
    <message>
        <source>按住 Ctrl 或 Shift 选择多户，一次生成所选各户的家庭基本情况表</source>
        <translation>Hold Ctrl or Shift to choose several households; their household forms are made in one go</translation>
    </message>
    <message>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>全部居委</source>
        <translation>All committees</translation>
    </message>
    <message numerus="yes">
        <source>共 %Ln 户</source>
        <translation>
            <numerusform>%Ln household</numerusform>
            <numerusform>%Ln households</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>正在准备 %n 户…</source>
        <translation>
            <numerusform>Preparing %n household…</numerusform>
            <numerusform>Preparing %n households…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>（%n 户）</source>
        <translation>
            <numerusform> (%n household)</numerusform>
            <numerusform> (%n households)</numerusform>
        </translation>
    </message>
    <message>
        <source>找到 %1 户以上，仅显示最相关的 %1 户；请输入更多内容缩小范围</source>
        <translation>More than %1 found; the %1 best matches are shown. Type more to narrow the search</translation>
    </message>
    <message>
        <source>找到 %1 户</source>
        <translation>%1 found</translation>
    </message>
    <message>
        <source>无法读取所选的户，请重试：%1</source>
        <translation>Could not read the selected households; please try again: %1</translation>
    </message>
</context>
<context>
    <name>HouseholdStatus</name>
    <message>
        <source>在册</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>暂停</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <source>结案</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>迁出</source>
        <translation>Moved out</translation>
    </message>
</context>
<context>
    <name>HouseholdTableModel</name>
    <message>
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>居委</source>
        <translation>Committee</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Categories</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>困境等级</source>
        <translation>Hardship</translation>
    </message>
    <message>
        <source>下次走访</source>
        <translation>Next visit</translation>
    </message>
</context>
<context>
    <name>IdType</name>
    <message>
        <source>居民身份证</source>
        <translation>Resident ID card</translation>
    </message>
    <message>
        <source>港澳台居民居住证</source>
        <translation>HK/Macao/Taiwan residence permit</translation>
    </message>
    <message>
        <source>外国人永久居留身份证</source>
        <translation>Foreign permanent resident ID</translation>
    </message>
    <message>
        <source>其他证件</source>
        <translation>Other document</translation>
    </message>
</context>
<context>
    <name>IncomeType</name>
    <message>
        <source>工资性收入</source>
        <translation>Wages</translation>
    </message>
    <message>
        <source>经营性收入</source>
        <translation>Business income</translation>
    </message>
    <message>
        <source>财产性收入</source>
        <translation>Property income</translation>
    </message>
    <message>
        <source>转移性收入</source>
        <translation>Transfers</translation>
    </message>
    <message>
        <source>养老金</source>
        <translation>Pension</translation>
    </message>
    <message>
        <source>其他收入</source>
        <translation>Other income</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <source>响应期限</source>
        <translation>Respond by</translation>
    </message>
    <message>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>紧急</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>求助人</source>
        <translation>Requester</translation>
    </message>
    <message>
        <source>求助内容</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>全部渠道</source>
        <translation>All channels</translation>
    </message>
    <message>
        <source>只看未办结</source>
        <translation>Open only</translation>
    </message>
    <message>
        <source>登记求助…</source>
        <translation>New request…</translation>
    </message>
    <message>
        <source>导入线上求助…</source>
        <translation>Import online requests…</translation>
    </message>
    <message>
        <source>打印回执…</source>
        <translation>Print receipt…</translation>
    </message>
    <message>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>全部居委</source>
        <translation>All committees</translation>
    </message>
    <message>
        <source>共 %1 条，已超期 %2 条</source>
        <translation>Requests: %1 · past their deadline: %2</translation>
    </message>
    <message>
        <source>选择线上求助导出文件</source>
        <translation>Choose the online platform&apos;s export</translation>
    </message>
    <message>
        <source>表格文件 (%1)</source>
        <translation>Spreadsheets (%1)</translation>
    </message>
    <message>
        <source>导入 %1 条求助；%2 条已在队列中，跳过；%3 条有误未导入。</source>
        <translation>Requests imported: %1. Already in the queue, skipped: %2. With errors, not imported: %3.</translation>
    </message>
    <message>
        <source>导入线上求助</source>
        <translation>Import online requests</translation>
    </message>
    <message>
        <source>第 %1 行</source>
        <translation>Row %1</translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <source>该档案需要口令：请设置环境变量 NUANXIN_PASSPHRASE。</source>
        <translation>This profile needs its passphrase: set the NUANXIN_PASSPHRASE environment variable.</translation>
    </message>
    <message>
        <source>档案不存在：%1</source>
        <translation>No profile at %1</translation>
    </message>
    <message>
        <source>正在创建加密档案…</source>
        <translation>Creating the encrypted profile…</translation>
    </message>
    <message>
        <source>正在打开档案…</source>
        <translation>Opening the profile…</translation>
    </message>
    <message>
        <source>正在准备演示数据…</source>
        <translation>Preparing the demo data…</translation>
    </message>
    <message>
        <source>无法打开档案</source>
        <translation>Cannot open the profile</translation>
    </message>
</context>
<context>
    <name>LedgerFields</name>
    <message>
        <source>户编号</source>
        <translation>Household number</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>户主姓名</source>
        <translation>Head&apos;s name</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>证件类型</source>
        <translation>ID type</translation>
    </message>
    <message>
        <source>与户主关系</source>
        <translation>Relation to head</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>家庭住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>所属居委</source>
        <translation>Committee</translation>
    </message>
    <message>
        <source>救助类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>健康状况</source>
        <translation>Health</translation>
    </message>
    <message>
        <source>月收入</source>
        <translation>Monthly income</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>UTF-8（带 BOM）</source>
        <translation>UTF-8 (with BOM)</translation>
    </message>
    <message>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <source>GBK / GB18030</source>
        <translation>GBK / GB18030</translation>
    </message>
    <message>
        <source>UTF-16</source>
        <translation>UTF-16</translation>
    </message>
    <message>
        <source>Excel 工作簿（.xlsx）</source>
        <translation>Excel workbook (.xlsx)</translation>
    </message>
</context>
<context>
    <name>LedgerImportDialog</name>
    <message>
        <source>导入台账</source>
        <translation>Import a ledger</translation>
    </message>
    <message>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>台账文件：.xlsx 或 .csv（UTF-8、GBK、GB18030 均可）</source>
        <translation>Ledger file: .xlsx or .csv (UTF-8, GBK or GB18030)</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>（按台账中的“所属居委”列）</source>
        <translation>(from the ledger&apos;s committee column)</translation>
    </message>
    <message>
        <source>每行一名成员；同一户的成员按“户编号”或户主所在行归为一户。再次导入同一文件不会重复登记。</source>
        <translation>One member per row; members are grouped into households by household number or by the head&apos;s row. Importing the same file again registers nobody twice.</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>未写居委的户归入</source>
        <translation>Households without a committee go to</translation>
    </message>
    <message>
        <source>保存错误报告（CSV）…</source>
        <translation>Save error report (CSV)…</translation>
    </message>
    <message>
        <source>1 选择文件</source>
        <translation>1 File</translation>
    </message>
    <message>
        <source>2 列对应</source>
        <translation>2 Columns</translation>
    </message>
    <message>
        <source>3 检查</source>
        <translation>3 Check</translation>
    </message>
    <message>
        <source>4 导入</source>
        <translation>4 Import</translation>
    </message>
    <message>
        <source>检查</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>选择台账文件</source>
        <translation>Choose a ledger file</translation>
    </message>
    <message>
        <source>台账 (%1)</source>
        <translation>Ledgers (%1)</translation>
    </message>
    <message>
        <source>找不到这个文件，请重新选择。</source>
        <translation>This file does not exist; choose it again.</translation>
    </message>
    <message>
        <source>正在检查每一行…</source>
        <translation>Checking every row…</translation>
    </message>
    <message>
        <source>检查完毕：%1 行可导入，%2 行有误（有误的行不导入，见下表）。</source>
        <translation>Checked. Rows that can be imported: %1. Rows with errors (not imported; see below): %2.</translation>
    </message>
    <message numerus="yes">
        <source>导入 %n 行</source>
        <translation>
            <numerusform>Import %n row</numerusform>
            <numerusform>Import %n rows</numerusform>
        </translation>
    </message>
    <message>
        <source>正在导入…（可随时取消，取消后不写入任何数据）</source>
        <translation>Importing… (cancel at any time: nothing is written then)</translation>
    </message>
    <message>
        <source>导入完成：新建 %1 户、更新 %2 户；新增成员 %3 人、更新 %4 人；%5 行有误未导入。</source>
        <translation>Imported. Households: %1 new, %2 updated. Members: %3 new, %4 updated. Rows with errors, not imported: %5.</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>已取消导入，没有写入任何数据。</source>
        <translation>Import cancelled; nothing was written.</translation>
    </message>
    <message>
        <source>已取消检查。</source>
        <translation>Check cancelled.</translation>
    </message>
    <message>
        <source>无法导入：%1</source>
        <translation>Cannot import: %1</translation>
    </message>
    <message>
        <source>保存错误报告</source>
        <translation>Save the error report</translation>
    </message>
    <message>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>错误报告已保存：%1</source>
        <translation>Error report saved: %1</translation>
    </message>
</context>
<context>
    <name>LedgersPage</name>
    <message>
        <source>导入台账</source>
        <translation>Import a ledger</translation>
    </message>
    <message>
        <source>从区、街道的台账（.xlsx 或 .csv，UTF-8、GBK、GB18030 均可）导入户档案和成员。常见表头（姓名、身份证号码、与户主关系、家庭住址、所属居委、救助类别等）会自动识别；导入前先检查每一行，列出有误的行、列、值和原因。再次导入同一文件不会重复登记。</source>
        <translation>Import households and members from a district or street ledger (.xlsx or .csv in UTF-8, GBK or GB18030). The usual headers (name, ID number, relation to head, address, committee, category …) are recognised; every row is checked first, and rows with errors are listed with their column, value and reason. Importing the same file again registers nobody twice.</translation>
    </message>
    <message>
        <source>导入台账…</source>
        <translation>Import a ledger…</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>户档案（每户一行）</source>
        <translation>Households (one row each)</translation>
    </message>
    <message>
        <source>成员（每人一行，可再导入）</source>
        <translation>Members (one row each; can be imported again)</translation>
    </message>
    <message>
        <source>走访记录</source>
        <translation>Visits</translation>
    </message>
    <message>
        <source>转介</source>
        <translation>Referrals</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV，UTF-8 带 BOM (*.csv)</source>
        <translation>CSV, UTF-8 with BOM (*.csv)</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>证件号码按规定打码导出；每次导出都记入操作日志。</source>
        <translation>ID numbers are exported masked; every export is written to the audit log.</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>居委</source>
        <translation>Committee</translation>
    </message>
    <message>
        <source>全部居委</source>
        <translation>All committees</translation>
    </message>
    <message>
        <source>上次导入：%1 行已导入，%2 行有误未导入。</source>
        <translation>Last import. Rows imported: %1. Rows with errors, not imported: %2.</translation>
    </message>
    <message>
        <source>导出到</source>
        <translation>Export to</translation>
    </message>
    <message numerus="yes">
        <source>已导出 %Ln 行：%1</source>
        <translation>
            <numerusform>Exported %Ln row: %1</numerusform>
            <numerusform>Exported %Ln rows: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>导出失败：%1</source>
        <translation>Export failed: %1</translation>
    </message>
</context>
<context>
    <name>LockPanel</name>
    <message>
        <source>暖心已锁定</source>
        <translation>Nuanxin is locked</translation>
    </message>
    <message>
        <source>为保护居民信息，长时间未操作或手动锁定后需重新输入口令。</source>
        <translation>To protect residents&apos; information, enter the passphrase again after a lock or a long pause.</translation>
    </message>
    <message>
        <source>档案口令</source>
        <translation>Profile passphrase</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>演示档案的口令：%1</source>
        <translation>Demo profile passphrase: %1</translation>
    </message>
    <message>
        <source>正在验证…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>口令不正确，请重新输入。此次失败已记入审计日志。</source>
        <translation>Wrong passphrase; try again. The failed attempt was written to the audit log.</translation>
    </message>
    <message>
        <source>无法验证口令：</source>
        <translation>Cannot check the passphrase: </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>工作台</source>
        <translation>Workbench</translation>
    </message>
    <message>
        <source>户档案</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>暖心 · 社区救助顾问工作台</source>
        <translation>Nuanxin · Social-assistance advisor&apos;s workbench</translation>
    </message>
    <message>
        <source>演示数据</source>
        <translation>demo data</translation>
    </message>
    <message>
        <source>档案(&amp;F)</source>
        <translation>&amp;Profile</translation>
    </message>
    <message>
        <source>新建户档案…</source>
        <translation>New household…</translation>
    </message>
    <message>
        <source>立即锁定</source>
        <translation>Lock now</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>归档导出…</source>
        <translation>Archive export…</translation>
    </message>
    <message>
        <source>设置(&amp;S)</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>关于暖心</source>
        <translation>About Nuanxin</translation>
    </message>
    <message>
        <source>档案：%1</source>
        <translation>Profile: %1</translation>
    </message>
    <message>
        <source>户数：…</source>
        <translation>Households: …</translation>
    </message>
    <message>
        <source>户数：%1</source>
        <translation>Households: %1</translation>
    </message>
    <message>
        <source>暖心：社区救助顾问工作台。本地数据加密保存，离线也能工作。</source>
        <translation>Nuanxin: the workbench of community social-assistance advisors. Data is stored encrypted on this computer and works offline.</translation>
    </message>
    <message>
        <source>操作失败</source>
        <translation>Something failed</translation>
    </message>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>未锁定</source>
        <translation>Unlocked</translation>
    </message>
</context>
<context>
    <name>MappingStep</name>
    <message>
        <source>列对应（已识别的表头已选好，请核对）</source>
        <translation>Columns (recognised headers are chosen; please check)</translation>
    </message>
    <message>
        <source>文件前几行</source>
        <translation>First rows of the file</translation>
    </message>
    <message>
        <source>编码：%1；表头在第 %2 行；数据 %3 行。</source>
        <translation>Encoding: %1; headers in row %2; data rows: %3.</translation>
    </message>
    <message>
        <source>（不导入）</source>
        <translation>(not imported)</translation>
    </message>
    <message>
        <source>第 %1 列</source>
        <translation>Column %1</translation>
    </message>
</context>
<context>
    <name>MaritalStatus</name>
    <message>
        <source>未婚</source>
        <translation>Single</translation>
    </message>
    <message>
        <source>已婚</source>
        <translation>Married</translation>
    </message>
    <message>
        <source>离异</source>
        <translation>Divorced</translation>
    </message>
    <message>
        <source>丧偶</source>
        <translation>Widowed</translation>
    </message>
</context>
<context>
    <name>MatchReason</name>
    <message>
        <source>证件号相同</source>
        <translation>same ID number</translation>
    </message>
    <message>
        <source>姓名和出生日期相同</source>
        <translation>same name and date of birth</translation>
    </message>
    <message>
        <source>姓名拼音相同且住址相近</source>
        <translation>same name in pinyin and a close address</translation>
    </message>
    <message>
        <source>住址相同</source>
        <translation>same address</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <source>编辑成员</source>
        <translation>Edit member</translation>
    </message>
    <message>
        <source>添加成员</source>
        <translation>Add member</translation>
    </message>
    <message>
        <source>留空则保留原证件号码</source>
        <translation>Leave empty to keep the stored number</translation>
    </message>
    <message>
        <source>未填写</source>
        <translation>Not given</translation>
    </message>
    <message>
        <source>由证件号码自动识别</source>
        <translation>Taken from the ID number</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Choose</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>证件类型</source>
        <translation>ID type</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Born</translation>
    </message>
    <message>
        <source>与户主关系</source>
        <translation>Relation to head</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>健康状况</source>
        <translation>Health</translation>
    </message>
    <message>
        <source>残疾等级</source>
        <translation>Disability grade</translation>
    </message>
    <message>
        <source>自理能力</source>
        <translation>Self-care</translation>
    </message>
    <message>
        <source>婚姻状况</source>
        <translation>Marital status</translation>
    </message>
    <message>
        <source>就业状况</source>
        <translation>Employment</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>月收入（元）</source>
        <translation>Monthly income (yuan)</translation>
    </message>
    <message>
        <source>仍然保存</source>
        <translation>Save anyway</translation>
    </message>
</context>
<context>
    <name>MembersModel</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>与户主关系</source>
        <translation>Relation to head</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Born</translation>
    </message>
    <message>
        <source>证件类型</source>
        <translation>ID type</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>健康状况</source>
        <translation>Health</translation>
    </message>
    <message>
        <source>自理能力</source>
        <translation>Self-care</translation>
    </message>
    <message>
        <source>月收入（元）</source>
        <translation>Monthly income (yuan)</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>合并重复记录</source>
        <translation>Merge duplicates</translation>
    </message>
    <message>
        <source>保留：%1</source>
        <translation>Keep: %1</translation>
    </message>
    <message>
        <source>合并说明（可不填）</source>
        <translation>Note on the merge (optional)</translation>
    </message>
    <message>
        <source>另一条的走访、评估、方案、转介和求助记录都会转到保留的一条上，原记录标记为已合并。</source>
        <translation>The visits, assessments, plan, referrals and help requests of the other one move to the one kept; the other is marked as merged.</translation>
    </message>
    <message>
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>NeedCategory</name>
    <message>
        <source>基本生活</source>
        <translation>Basic living</translation>
    </message>
    <message>
        <source>健康医疗</source>
        <translation>Health and medical care</translation>
    </message>
    <message>
        <source>养老服务</source>
        <translation>Elderly care</translation>
    </message>
    <message>
        <source>就业帮扶</source>
        <translation>Employment support</translation>
    </message>
    <message>
        <source>助学帮扶</source>
        <translation>Education support</translation>
    </message>
    <message>
        <source>心理服务</source>
        <translation>Psychological support</translation>
    </message>
    <message>
        <source>公益捐赠</source>
        <translation>Charitable donations</translation>
    </message>
    <message>
        <source>法律援助</source>
        <translation>Legal aid</translation>
    </message>
    <message>
        <source>住房</source>
        <translation>Housing</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>OpenProfileDialog</name>
    <message>
        <source>打开档案</source>
        <translation>Open profile</translation>
    </message>
    <message>
        <source>请输入档案口令以解密本地数据：
%1</source>
        <translation>Enter the profile passphrase to decrypt the local data:
%1</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请输入口令。</source>
        <translation>Enter the passphrase.</translation>
    </message>
</context>
<context>
    <name>OpeningWindow</name>
    <message>
        <source>暖心</source>
        <translation>Nuanxin</translation>
    </message>
</context>
<context>
    <name>OperationsMenu</name>
    <message>
        <source>维护(&amp;M)</source>
        <translation>&amp;Maintenance</translation>
    </message>
    <message>
        <source>备份档案…</source>
        <translation>Back up profile…</translation>
    </message>
    <message>
        <source>每日自动备份…</source>
        <translation>Daily backup…</translation>
    </message>
    <message>
        <source>审计日志…</source>
        <translation>Audit log…</translation>
    </message>
    <message>
        <source>设备管理…</source>
        <translation>Devices…</translation>
    </message>
    <message>
        <source>导出诊断信息…</source>
        <translation>Export diagnostics…</translation>
    </message>
    <message>
        <source>备份口令</source>
        <translation>Backup passphrase</translation>
    </message>
    <message>
        <source>为备份设一个口令（至少 8 个字符）：</source>
        <translation>Choose a passphrase for the backup (at least 8 characters):</translation>
    </message>
    <message>
        <source>再输入一次备份口令：</source>
        <translation>Enter the backup passphrase again:</translation>
    </message>
    <message>
        <source>两次输入的口令不一致，请重试。</source>
        <translation>The two passphrases differ; please try again.</translation>
    </message>
    <message>
        <source>备份档案</source>
        <translation>Back up profile</translation>
    </message>
    <message>
        <source>备份已保存：%1</source>
        <translation>Backup saved: %1</translation>
    </message>
    <message>
        <source>每日备份到哪个文件夹</source>
        <translation>Folder for daily backups</translation>
    </message>
    <message>
        <source>每日自动备份</source>
        <translation>Daily backup</translation>
    </message>
    <message>
        <source>保留最近几份：</source>
        <translation>Keep the newest:</translation>
    </message>
    <message>
        <source>本机还没有登录服务器，无法管理设备。</source>
        <translation>This laptop is not signed in to a server, so devices cannot be managed.</translation>
    </message>
    <message>
        <source>导出诊断信息</source>
        <translation>Export diagnostics</translation>
    </message>
    <message>
        <source>诊断信息已保存：%1</source>
        <translation>Diagnostics saved: %1</translation>
    </message>
    <message>
        <source>暖心</source>
        <translation>Nuanxin</translation>
    </message>
    <message>
        <source>操作没有完成</source>
        <translation>Not done</translation>
    </message>
</context>
<context>
    <name>PlanActionDialog</name>
    <message>
        <source>编辑措施</source>
        <translation>Edit action</translation>
    </message>
    <message>
        <source>添加措施</source>
        <translation>Add action</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>如：协助申请医疗救助，陪同办理</source>
        <translation>e.g. help apply for medical assistance, go along to the office</translation>
    </message>
    <message>
        <source>如：本市医疗救助政策、临时救助</source>
        <translation>e.g. Shanghai medical assistance, temporary assistance</translation>
    </message>
    <message>
        <source>未定</source>
        <translation>Not set</translation>
    </message>
    <message>
        <source>需求类别</source>
        <translation>Need</translation>
    </message>
    <message>
        <source>具体措施</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>对接资源</source>
        <translation>Resource</translation>
    </message>
    <message>
        <source>适用政策</source>
        <translation>Policy</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>（不指定资源）</source>
        <translation>(no resource)</translation>
    </message>
    <message>
        <source>保存失败：</source>
        <translation>Saving failed: </translation>
    </message>
</context>
<context>
    <name>PlanActionState</name>
    <message>
        <source>待办</source>
        <translation>Planned</translation>
    </message>
    <message>
        <source>进行中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
</context>
<context>
    <name>PlanActionsModel</name>
    <message>
        <source>需求类别</source>
        <translation>Need</translation>
    </message>
    <message>
        <source>具体措施</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>资源或政策</source>
        <translation>Resource or policy</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
</context>
<context>
    <name>PlanEditor</name>
    <message>
        <source>每行一条目标，如：三个月内落实医疗救助</source>
        <translation>One goal per line, e.g. medical assistance in place within three months</translation>
    </message>
    <message>
        <source>未定</source>
        <translation>Not set</translation>
    </message>
    <message>
        <source>保存方案</source>
        <translation>Save plan</translation>
    </message>
    <message>
        <source>从评估生成…</source>
        <translation>Propose from assessment…</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>Goals</translation>
    </message>
    <message>
        <source>回顾日期</source>
        <translation>Review date</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>打印已保存的一户一方案（Ctrl+P）</source>
        <translation>Print the saved service plan (Ctrl+P)</translation>
    </message>
    <message>
        <source>添加措施…</source>
        <translation>Add action…</translation>
    </message>
    <message>
        <source>编辑措施…</source>
        <translation>Edit action…</translation>
    </message>
    <message>
        <source>删除措施</source>
        <translation>Remove action</translation>
    </message>
    <message>
        <source>转介…</source>
        <translation>Refer…</translation>
    </message>
    <message>
        <source>为所选措施发起转介，需求和资源自动带入</source>
        <translation>Refer the selected action; its need and resource are carried over</translation>
    </message>
    <message>
        <source>尚未制定方案</source>
        <translation>No plan yet</translation>
    </message>
    <message>
        <source>方案更新于 %1</source>
        <translation>Plan updated %1</translation>
    </message>
    <message>
        <source>操作失败：</source>
        <translation>Failed: </translation>
    </message>
    <message>
        <source>该户还没有评估，请先在「评估」页完成一次评估。</source>
        <translation>This household has not been assessed; complete an assessment on the Assessment tab first.</translation>
    </message>
    <message>
        <source>请先在表格中选择一条措施。</source>
        <translation>Select an action in the table first.</translation>
    </message>
</context>
<context>
    <name>PlanProposalDialog</name>
    <message>
        <source>从评估生成方案</source>
        <translation>Plan proposed from the assessment</translation>
    </message>
    <message>
        <source>根据 %1 的评估结果生成，可修改后采用；采用后措施可逐条编辑。</source>
        <translation>Proposed from the assessment of %1. Edit it, then adopt it; each action can be edited afterwards.</translation>
    </message>
    <message>
        <source>（资源：%1）</source>
        <translation> (resource: %1)</translation>
    </message>
    <message>
        <source>目标（每行一条）</source>
        <translation>Goals (one per line)</translation>
    </message>
    <message>
        <source>回顾日期</source>
        <translation>Review date</translation>
    </message>
    <message>
        <source>措施</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>采用</source>
        <translation>Adopt</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>保存失败：</source>
        <translation>Saving failed: </translation>
    </message>
</context>
<context>
    <name>PrintOptionsDialog</name>
    <message>
        <source>打印 %1</source>
        <translation>Print %1</translation>
    </message>
    <message>
        <source>打印完整证件号</source>
        <translation>Print full ID numbers</translation>
    </message>
    <message>
        <source>默认只印证件号前 6 位和后 4 位。打印完整号码会记入审计日志，请妥善保管纸件。</source>
        <translation>By default only the first 6 and last 4 digits of ID numbers are printed. Printing full numbers is written to the audit log; keep the paper safe.</translation>
    </message>
    <message>
        <source>预览…</source>
        <translation>Preview…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>将生成「%1」并打开打印预览。</source>
        <translation>“%1” will be generated and shown in the print preview.</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>打印预览 — %1</source>
        <translation>Print preview — %1</translation>
    </message>
    <message>
        <source>正在生成表单……</source>
        <translation>Generating the form…</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 页</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message>
        <source>找不到要打印的记录，可能已被删除。</source>
        <translation>The record to print was not found; it may have been deleted.</translation>
    </message>
    <message>
        <source>生成表单时出错：%1</source>
        <translation>Could not generate the form: %1</translation>
    </message>
    <message>
        <source>打印 %1</source>
        <translation>Print %1</translation>
    </message>
    <message>
        <source>打印失败</source>
        <translation>Printing failed</translation>
    </message>
    <message>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>保存失败</source>
        <translation>Saving failed</translation>
    </message>
</context>
<context>
    <name>ProviderKind</name>
    <message>
        <source>政府部门</source>
        <translation>Government department</translation>
    </message>
    <message>
        <source>社会组织</source>
        <translation>Social organisation</translation>
    </message>
    <message>
        <source>慈善组织</source>
        <translation>Charity</translation>
    </message>
    <message>
        <source>爱心企业</source>
        <translation>Caring enterprise</translation>
    </message>
    <message>
        <source>志愿者团队</source>
        <translation>Volunteer team</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>ReferralAction</name>
    <message>
        <source>发送</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>接收</source>
        <translation>Receive</translation>
    </message>
    <message>
        <source>开始服务</source>
        <translation>Start service</translation>
    </message>
    <message>
        <source>跟进记录</source>
        <translation>Follow-up note</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
</context>
<context>
    <name>ReferralDialog</name>
    <message>
        <source>新建转介</source>
        <translation>New referral</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>说明家庭的困难和希望对方提供的帮助</source>
        <translation>Describe the household&apos;s difficulty and the help asked for</translation>
    </message>
    <message>
        <source>全户</source>
        <translation>Whole household</translation>
    </message>
    <message>
        <source>记入转介第一步的备注（可选）</source>
        <translation>Note for the referral&apos;s first step (optional)</translation>
    </message>
    <message>
        <source>需求类别</source>
        <translation>Need</translation>
    </message>
    <message>
        <source>转介资源</source>
        <translation>Resource</translation>
    </message>
    <message>
        <source>转介原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>涉及成员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>★ 为服务本户所在区域、对口本需求的资源。</source>
        <translation>★ marks resources that serve this household&apos;s area and need.</translation>
    </message>
    <message>
        <source>创建转介</source>
        <translation>Create referral</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>来自方案措施：%1（%2）</source>
        <translation>From the plan action: %1 (%2)</translation>
    </message>
    <message>
        <source>保存失败：</source>
        <translation>Saving failed: </translation>
    </message>
</context>
<context>
    <name>ReferralPanel</name>
    <message>
        <source>新建转介…</source>
        <translation>New referral…</translation>
    </message>
    <message>
        <source>打印转介单…</source>
        <translation>Print referral letter…</translation>
    </message>
    <message>
        <source>打印所选转介的转介单和回执联（Ctrl+P）</source>
        <translation>Print the letter and return slip of the chosen referral (Ctrl+P)</translation>
    </message>
    <message>
        <source>尚无转介。可在「方案」页为措施发起，或点「新建转介」。</source>
        <translation>No referrals yet. Refer an action from the Plan tab, or click “New referral”.</translation>
    </message>
    <message>
        <source>状态：%1&#x3000;原因：%2</source>
        <translation>State: %1   Reason: %2</translation>
    </message>
    <message>
        <source>结果：%1</source>
        <translation>Outcome: %1</translation>
    </message>
    <message>
        <source>转介已结束；如需继续帮扶，请新建转介。</source>
        <translation>This referral is closed; to help further, make a new referral.</translation>
    </message>
    <message>
        <source>办理记录：</source>
        <translation>Steps:</translation>
    </message>
    <message>
        <source>创建（%1）</source>
        <translation>created (%1)</translation>
    </message>
    <message>
        <source>跟进记录（%1）</source>
        <translation>follow-up note (%1)</translation>
    </message>
    <message>
        <source>操作失败：</source>
        <translation>Failed: </translation>
    </message>
</context>
<context>
    <name>ReferralState</name>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>已发送</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>已接收</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>服务中</source>
        <translation>In service</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>已退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
</context>
<context>
    <name>ReferralStepDialog</name>
    <message>
        <source>转介：%1</source>
        <translation>Referral: %1</translation>
    </message>
    <message>
        <source>发送给资源方：可写明联系人、发送方式。</source>
        <translation>Sent to the provider: you may note the contact and how it was sent.</translation>
    </message>
    <message>
        <source>资源方已接收：可写明对方经办人。</source>
        <translation>Received by the provider: you may note who handles it there.</translation>
    </message>
    <message>
        <source>开始服务：可写明服务内容和开始时间。</source>
        <translation>Service started: you may note what is provided and since when.</translation>
    </message>
    <message>
        <source>跟进记录：请写明本次跟进了解到的情况。</source>
        <translation>Follow-up: write down what you learnt.</translation>
    </message>
    <message>
        <source>服务完成：请写明服务结果。</source>
        <translation>Service completed: write down the outcome.</translation>
    </message>
    <message>
        <source>资源方退回：请写明退回原因。</source>
        <translation>Returned by the provider: write down why.</translation>
    </message>
    <message>
        <source>撤回转介：请写明撤回原因。</source>
        <translation>Withdrawing the referral: write down why.</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请填写备注：这一步需要说明原因或结果。</source>
        <translation>Write a note: this step needs a reason or an outcome.</translation>
    </message>
</context>
<context>
    <name>ReferralsModel</name>
    <message>
        <source>创建日期</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>需求类别</source>
        <translation>Need</translation>
    </message>
    <message>
        <source>转介资源</source>
        <translation>Resource</translation>
    </message>
    <message>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>跟进期限</source>
        <translation>Follow up by</translation>
    </message>
</context>
<context>
    <name>RelationToHead</name>
    <message>
        <source>本人</source>
        <translation>Self (head)</translation>
    </message>
    <message>
        <source>配偶</source>
        <translation>Spouse</translation>
    </message>
    <message>
        <source>子</source>
        <translation>Son</translation>
    </message>
    <message>
        <source>女</source>
        <translation>Daughter</translation>
    </message>
    <message>
        <source>父亲</source>
        <translation>Father</translation>
    </message>
    <message>
        <source>母亲</source>
        <translation>Mother</translation>
    </message>
    <message>
        <source>公婆/岳父</source>
        <translation>Father-in-law</translation>
    </message>
    <message>
        <source>婆婆/岳母</source>
        <translation>Mother-in-law</translation>
    </message>
    <message>
        <source>孙子女/外孙子女</source>
        <translation>Grandchild</translation>
    </message>
    <message>
        <source>祖父母/外祖父母</source>
        <translation>Grandparent</translation>
    </message>
    <message>
        <source>兄弟姐妹</source>
        <translation>Sibling</translation>
    </message>
    <message>
        <source>女婿</source>
        <translation>Son-in-law</translation>
    </message>
    <message>
        <source>儿媳</source>
        <translation>Daughter-in-law</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other relative</translation>
    </message>
</context>
<context>
    <name>RequestPanel</name>
    <message>
        <source>求助人</source>
        <translation>Requester</translation>
    </message>
    <message>
        <source>居委/地址</source>
        <translation>Committee/address</translation>
    </message>
    <message>
        <source>求助内容</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>受理/期限</source>
        <translation>Received/deadline</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>关联户档案</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>可能已登记的户（请核对后关联）：</source>
        <translation>Households that may be the requester&apos;s (check before linking):</translation>
    </message>
    <message>
        <source>关联到所选户</source>
        <translation>Link to the chosen household</translation>
    </message>
    <message>
        <source>登记为新户…</source>
        <translation>Register a new household…</translation>
    </message>
    <message>
        <source>打开户档案</source>
        <translation>Open household</translation>
    </message>
    <message>
        <source>分派与办理</source>
        <translation>Assignment and handling</translation>
    </message>
    <message>
        <source>分派</source>
        <translation>Assign</translation>
    </message>
    <message>
        <source>开始处理</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Cancel request</translation>
    </message>
    <message>
        <source>救助顾问</source>
        <translation>Advisor</translation>
    </message>
    <message>
        <source>请选择救助顾问</source>
        <translation>Choose an advisor</translation>
    </message>
    <message>
        <source>暂无顾问名单（与服务器同步后可选）</source>
        <translation>No advisors yet (available after syncing with the server)</translation>
    </message>
    <message>
        <source>请在左侧选择一条求助。</source>
        <translation>Choose a request on the left.</translation>
    </message>
    <message>
        <source>%1 受理，须在 %2 前响应</source>
        <translation>Received %1; respond by %2</translation>
    </message>
    <message>
        <source>（已超期）</source>
        <translation> (past the deadline)</translation>
    </message>
    <message>
        <source>尚未关联户档案。</source>
        <translation>Not linked to a household yet.</translation>
    </message>
    <message>
        <source>未找到可能重复的户，可登记为新户。</source>
        <translation>No matching household found; register a new one.</translation>
    </message>
    <message>
        <source>已关联：%1（%2）</source>
        <translation>Linked: %1 (%2)</translation>
    </message>
    <message>
        <source>操作失败：</source>
        <translation>Failed: </translation>
    </message>
    <message>
        <source>联系电话相同</source>
        <translation>Same phone number</translation>
    </message>
</context>
<context>
    <name>ResourceCategory</name>
    <message>
        <source>基本生活</source>
        <translation>Basic living</translation>
    </message>
    <message>
        <source>健康医疗</source>
        <translation>Health and medical care</translation>
    </message>
    <message>
        <source>养老服务</source>
        <translation>Elderly care</translation>
    </message>
    <message>
        <source>就业帮扶</source>
        <translation>Employment support</translation>
    </message>
    <message>
        <source>助学帮扶</source>
        <translation>Education support</translation>
    </message>
    <message>
        <source>心理服务</source>
        <translation>Psychological support</translation>
    </message>
    <message>
        <source>公益捐赠</source>
        <translation>Charitable donations</translation>
    </message>
    <message>
        <source>法律援助</source>
        <translation>Legal aid</translation>
    </message>
    <message>
        <source>住房</source>
        <translation>Housing</translation>
    </message>
    <message>
        <source>助残服务</source>
        <translation>Disability services</translation>
    </message>
    <message>
        <source>儿童关爱</source>
        <translation>Child care</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>ResourceDialog</name>
    <message>
        <source>新建资源</source>
        <translation>New resource</translation>
    </message>
    <message>
        <source>编辑资源</source>
        <translation>Edit resource</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>No limit</translation>
    </message>
    <message>
        <source>可用（停用后不再推荐）</source>
        <translation>Active (inactive resources are not suggested)</translation>
    </message>
    <message>
        <source>资源名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>提供方类型</source>
        <translation>Kind of provider</translation>
    </message>
    <message>
        <source>提供方</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>服务对象/条件</source>
        <translation>Who is eligible</translation>
    </message>
    <message>
        <source>服务范围（不选为全部）</source>
        <translation>Areas served (none chosen: all)</translation>
    </message>
    <message>
        <source>服务容量</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>保存失败：</source>
        <translation>Could not save: </translation>
    </message>
</context>
<context>
    <name>ResourceListModel</name>
    <message>
        <source>容量 %1</source>
        <translation>capacity %1</translation>
    </message>
</context>
<context>
    <name>ResourcePicker</name>
    <message>
        <source>搜索资源名称、提供方、服务对象</source>
        <translation>Search resource, provider, who is served</translation>
    </message>
    <message>
        <source>资源库中没有对口的资源，可输入关键词搜索其他资源，或不指定资源。</source>
        <translation>No resource in the directory matches this need; search for others, or choose none.</translation>
    </message>
    <message>
        <source>先选择需求类别，或输入关键词搜索资源。</source>
        <translation>Choose the need first, or search the directory.</translation>
    </message>
</context>
<context>
    <name>ResourcesPage</name>
    <message>
        <source>资源名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>提供方</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>提供方类型</source>
        <translation>Kind of provider</translation>
    </message>
    <message>
        <source>联系人/电话</source>
        <translation>Contact/phone</translation>
    </message>
    <message>
        <source>服务范围</source>
        <translation>Areas served</translation>
    </message>
    <message>
        <source>容量</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>No limit</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>可用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>全部居委</source>
        <translation>All committees</translation>
    </message>
    <message>
        <source>搜索：资源名称、提供方、服务对象、说明</source>
        <translation>Search: name, provider, eligibility, description</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>全部提供方</source>
        <translation>All providers</translation>
    </message>
    <message>
        <source>含已停用</source>
        <translation>Include inactive</translation>
    </message>
    <message>
        <source>新建资源…</source>
        <translation>New resource…</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 项资源</source>
        <translation>
            <numerusform>%n resource</numerusform>
            <numerusform>%n resources</numerusform>
        </translation>
    </message>
    <message>
        <source>选择一项资源查看服务对象和说明。</source>
        <translation>Choose a resource to see who is eligible and its description.</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Activate</translation>
    </message>
    <message>
        <source>服务对象/条件</source>
        <translation>Who is eligible</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Description</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>评估结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>评估备注（可选）</source>
        <translation>Notes on the assessment (optional)</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <source>救助顾问</source>
        <translation>Advisor</translation>
    </message>
    <message>
        <source>服务站</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>督导</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
</context>
<context>
    <name>SelfCare</name>
    <message>
        <source>完全自理</source>
        <translation>Fully independent</translation>
    </message>
    <message>
        <source>部分自理</source>
        <translation>Partly independent</translation>
    </message>
    <message>
        <source>不能自理</source>
        <translation>Dependent</translation>
    </message>
</context>
<context>
    <name>ServiceLevel</name>
    <message>
        <source>紧急保护</source>
        <translation>Emergency protection</translation>
    </message>
    <message>
        <source>托底保障</source>
        <translation>Safety net</translation>
    </message>
    <message>
        <source>帮助支持</source>
        <translation>Help and support</translation>
    </message>
    <message>
        <source>发展提升</source>
        <translation>Development</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> minutes</translation>
    </message>
    <message>
        <source>无操作自动锁定</source>
        <translation>Lock after idle</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Sex</name>
    <message>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>未知</source>
        <translation>Unknown</translation>
    </message>
</context>
<context>
    <name>StandardDialog</name>
    <message>
        <source>新增标准</source>
        <translation>New standard</translation>
    </message>
    <message>
        <source>修改标准</source>
        <translation>Edit standard</translation>
    </message>
    <message>
        <source>元/人·月，如 1510</source>
        <translation>Yuan per person per month, e.g. 1510</translation>
    </message>
    <message>
        <source>标准</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>起始日期</source>
        <translation>In force from</translation>
    </message>
    <message>
        <source>金额（元/人·月）</source>
        <translation>Amount (yuan per person per month)</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>StandardKind</name>
    <message>
        <source>低保标准</source>
        <translation>Dibao standard</translation>
    </message>
    <message>
        <source>低收入认定标准</source>
        <translation>Low-income threshold</translation>
    </message>
    <message>
        <source>特困供养标准</source>
        <translation>Extreme-poverty support standard</translation>
    </message>
</context>
<context>
    <name>StandardsPage</name>
    <message>
        <source>标准</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>起始日期</source>
        <translation>In force from</translation>
    </message>
    <message>
        <source>金额（元/人·月）</source>
        <translation>Amount (yuan per person per month)</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>本地维护</source>
        <translation>Kept here</translation>
    </message>
    <message>
        <source>参考值</source>
        <translation>Reference value</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>户人均月收入低于当时执行的低保标准时，户档案上提示“低于低保标准”；低于低收入认定标准（未设定时为低保标准的 2 倍）时提示“边缘”。</source>
        <translation>A household whose monthly income per person is under the dibao standard in force is marked “below the dibao standard”; under the low-income threshold (twice the dibao standard when none is set) it is marked “marginal”.</translation>
    </message>
    <message>
        <source>新增标准…</source>
        <translation>New standard…</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>SupervisorDashboardPage</name>
    <message>
        <source>居委</source>
        <translation>Committee</translation>
    </message>
    <message>
        <source>在册户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>本月走访次数</source>
        <translation>Visits this month</translation>
    </message>
    <message>
        <source>本月已走访户数</source>
        <translation>Households visited this month</translation>
    </message>
    <message>
        <source>本月仍应走访</source>
        <translation>Still due this month</translation>
    </message>
    <message>
        <source>逾期走访</source>
        <translation>Overdue visits</translation>
    </message>
    <message>
        <source>逾期方案回顾</source>
        <translation>Overdue plan reviews</translation>
    </message>
    <message>
        <source>逾期转介跟进</source>
        <translation>Overdue referral follow-ups</translation>
    </message>
    <message>
        <source>逾期求助响应</source>
        <translation>Overdue request responses</translation>
    </message>
    <message>
        <source>逾期合计</source>
        <translation>Overdue in all</translation>
    </message>
    <message>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>户数合计</source>
        <translation>Households in all</translation>
    </message>
    <message>
        <source>本月仍应走访户数</source>
        <translation>Households still due this month</translation>
    </message>
    <message>
        <source>逾期任务</source>
        <translation>Overdue tasks</translation>
    </message>
    <message>
        <source>转介总数</source>
        <translation>Referrals</translation>
    </message>
    <message>
        <source>按居委明细</source>
        <translation>By committee</translation>
    </message>
    <message>
        <source>救助类别</source>
        <translation>Categories</translation>
    </message>
    <message>
        <source>困境等级</source>
        <translation>Hardship levels</translation>
    </message>
    <message>
        <source>本月走访</source>
        <translation>Visits this month</translation>
    </message>
    <message>
        <source>转介</source>
        <translation>Referrals</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>统计日期 %1（本月自 %2 起），数据来自本机档案</source>
        <translation>Counted on %1 (this month from %2), from this laptop&apos;s profile</translation>
    </message>
    <message>
        <source>导出督导看板</source>
        <translation>Export the dashboard</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>已导出：%1</source>
        <translation>Exported: %1</translation>
    </message>
    <message>
        <source>导出失败：%1</source>
        <translation>Export failed: %1</translation>
    </message>
</context>
<context>
    <name>SyncMenu</name>
    <message>
        <source>同步(&amp;Y)</source>
        <translation>S&amp;ync</translation>
    </message>
    <message>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>冲突处理…</source>
        <translation>Resolve conflicts…</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>取消首次同步；已下载的部分会保留，下次继续。</source>
        <translation>Cancel the first sync; what was downloaded is kept and the rest follows next time.</translation>
    </message>
    <message>
        <source>● 未连接同步服务器</source>
        <translation>● No sync server</translation>
    </message>
    <message>
        <source>● 已登录 %1</source>
        <translation>● Signed in as %1</translation>
    </message>
    <message>
        <source>待上传：%1</source>
        <translation>To upload: %1</translation>
    </message>
    <message>
        <source>冲突：%1</source>
        <translation>Conflicts: %1</translation>
    </message>
    <message>
        <source>● 在线</source>
        <translation>● Online</translation>
    </message>
    <message>
        <source>● 离线</source>
        <translation>● Offline</translation>
    </message>
    <message>
        <source>正在上传本机修改…</source>
        <translation>Uploading this laptop&apos;s changes…</translation>
    </message>
    <message>
        <source>正在下载服务器数据…</source>
        <translation>Downloading from the server…</translation>
    </message>
    <message>
        <source>正在建立索引…</source>
        <translation>Building indexes…</translation>
    </message>
    <message>
        <source>正在建立搜索索引…</source>
        <translation>Building the search index…</translation>
    </message>
    <message>
        <source>首次同步…</source>
        <translation>First sync…</translation>
    </message>
    <message>
        <source>尚未同步</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <source>上次同步：%1</source>
        <translation>Last sync: %1</translation>
    </message>
</context>
<context>
    <name>TaskKind</name>
    <message>
        <source>走访</source>
        <translation>Visit</translation>
    </message>
    <message>
        <source>方案回顾</source>
        <translation>Plan review</translation>
    </message>
    <message>
        <source>转介跟进</source>
        <translation>Referral follow-up</translation>
    </message>
    <message>
        <source>求助响应</source>
        <translation>Request response</translation>
    </message>
    <message>
        <source>未完成的走访草稿</source>
        <translation>Unfinished visit draft</translation>
    </message>
</context>
<context>
    <name>TaskListView</name>
    <message numerus="yes">
        <source>逾期 %n 天</source>
        <translation>
            <numerusform>%n day overdue</numerusform>
            <numerusform>%n days overdue</numerusform>
        </translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>到期日</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>户主/求助人</source>
        <translation>Head/requester</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>今天及逾期</source>
        <translation>Today and overdue</translation>
    </message>
    <message>
        <source>7 天内到期</source>
        <translation>Due within 7 days</translation>
    </message>
    <message>
        <source>30 天内到期</source>
        <translation>Due within 30 days</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>共 %1 项：逾期 %2 项，今天到期 %3 项</source>
        <translation>Tasks: %1 · overdue: %2 · due today: %3</translation>
    </message>
</context>
<context>
    <name>TaskNotes</name>
    <message>
        <source>困境等级%1，按频次应走访</source>
        <translation>Hardship level %1: visit due by its frequency</translation>
    </message>
    <message>
        <source>新登记，尚未走访</source>
        <translation>Newly registered, not visited yet</translation>
    </message>
    <message>
        <source>回顾一户一方案</source>
        <translation>Review the household&apos;s plan</translation>
    </message>
    <message>
        <source>转介“%1”待跟进</source>
        <translation>Referral “%1” needs a follow-up</translation>
    </message>
    <message>
        <source>求助须在 %1 前响应：%2</source>
        <translation>Answer by %1: %2</translation>
    </message>
    <message>
        <source>走访记录尚未完成</source>
        <translation>Visit record not finished</translation>
    </message>
    <message>
        <source>未评估</source>
        <translation>not assessed</translation>
    </message>
</context>
<context>
    <name>Tier</name>
    <message>
        <source>初级预防性</source>
        <translation>Tier 1: preventive</translation>
    </message>
    <message>
        <source>次级支持性</source>
        <translation>Tier 2: supportive</translation>
    </message>
    <message>
        <source>三级整合性</source>
        <translation>Tier 3: integrated</translation>
    </message>
</context>
<context>
    <name>Trend</name>
    <message>
        <source>上升</source>
        <translation>up</translation>
    </message>
    <message>
        <source>下降</source>
        <translation>down</translation>
    </message>
    <message>
        <source>持平</source>
        <translation>unchanged</translation>
    </message>
</context>
<context>
    <name>Urgency</name>
    <message>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>较急</source>
        <translation>High</translation>
    </message>
    <message>
        <source>一般</source>
        <translation>Normal</translation>
    </message>
</context>
<context>
    <name>UrgentFlag</name>
    <message>
        <source>断炊</source>
        <translation>No food</translation>
    </message>
    <message>
        <source>无人照料</source>
        <translation>No caregiver</translation>
    </message>
    <message>
        <source>安全隐患</source>
        <translation>Safety hazard</translation>
    </message>
    <message>
        <source>重病无钱医治</source>
        <translation>Serious illness untreated for lack of money</translation>
    </message>
    <message>
        <source>无处居住</source>
        <translation>No place to live</translation>
    </message>
    <message>
        <source>自伤自杀风险</source>
        <translation>Risk of self-harm or suicide</translation>
    </message>
</context>
<context>
    <name>VisitFields</name>
    <message>
        <source>请选择</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>如：户主本人、配偶、居委干部</source>
        <translation>e.g. the head, the spouse, committee staff</translation>
    </message>
    <message>
        <source>未约定</source>
        <translation>Not agreed</translation>
    </message>
    <message>
        <source>走访时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>走访方式</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>接触对象</source>
        <translation>People met</translation>
    </message>
    <message>
        <source>发现的需求</source>
        <translation>Needs found</translation>
    </message>
    <message>
        <source>下次走访</source>
        <translation>Next visit</translation>
    </message>
    <message>
        <source>居住、健康、经济、照护、情绪等所见所闻</source>
        <translation>What you saw and heard: housing, health, money, care, mood</translation>
    </message>
    <message>
        <source>观察到的情况</source>
        <translation>Situation</translation>
    </message>
    <message>
        <source>给出的建议</source>
        <translation>Advice given</translation>
    </message>
    <message>
        <source>约定的行动</source>
        <translation>Agreed actions</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <source>走访记录</source>
        <translation>Visit record</translation>
    </message>
    <message>
        <source>放弃草稿，重新填写</source>
        <translation>Discard the draft, start again</translation>
    </message>
    <message>
        <source>例如：走访时间记错，应为上午</source>
        <translation>e.g. wrong time recorded, it was in the morning</translation>
    </message>
    <message>
        <source>更正原因</source>
        <translation>Reason for correction</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>核对后定稿；定稿后只能通过「更正」修改</source>
        <translation>Check, then finish; a finished visit can only be changed by a correction</translation>
    </message>
    <message>
        <source>删除草稿</source>
        <translation>Delete draft</translation>
    </message>
    <message>
        <source>更正…</source>
        <translation>Correct…</translation>
    </message>
    <message>
        <source>保存更正</source>
        <translation>Save correction</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>正在查找未完成的草稿…</source>
        <translation>Looking for unfinished drafts…</translation>
    </message>
    <message>
        <source>已恢复 %1 自动保存的未完成草稿，可继续填写。</source>
        <translation>Recovered the unfinished draft autosaved at %1; carry on typing.</translation>
    </message>
    <message>
        <source>草稿已自动保存（%1）</source>
        <translation>Draft autosaved (%1)</translation>
    </message>
    <message>
        <source>草稿已删除</source>
        <translation>Draft deleted</translation>
    </message>
    <message>
        <source>保存失败：</source>
        <translation>Saving failed: </translation>
    </message>
    <message>
        <source>草稿：输入内容每隔几秒自动保存。</source>
        <translation>Draft: what you type is saved every few seconds.</translation>
    </message>
    <message>
        <source>已完成：%1 由 %2 定稿，内容只读；如需修改请点「更正」，原记录会保留。</source>
        <translation>Finished %1 by %2 and read-only; click “Correct…” to change it (the original is kept).</translation>
    </message>
    <message>
        <source>更正记录：</source>
        <translation>Corrections:</translation>
    </message>
</context>
<context>
    <name>VisitKind</name>
    <message>
        <source>上门</source>
        <translation>Home visit</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>来访</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <source>线上</source>
        <translation>Online</translation>
    </message>
</context>
<context>
    <name>VisitState</name>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Finished</translation>
    </message>
</context>
<context>
    <name>VisitText</name>
    <message>
        <source>走访时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>走访方式</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>接触对象</source>
        <translation>People met</translation>
    </message>
    <message>
        <source>观察到的情况</source>
        <translation>Situation</translation>
    </message>
    <message>
        <source>发现的需求</source>
        <translation>Needs found</translation>
    </message>
    <message>
        <source>给出的建议</source>
        <translation>Advice given</translation>
    </message>
    <message>
        <source>约定的行动</source>
        <translation>Agreed actions</translation>
    </message>
    <message>
        <source>下次走访日期</source>
        <translation>Next visit date</translation>
    </message>
    <message>
        <source>救助顾问</source>
        <translation>Advisor</translation>
    </message>
    <message>
        <source>%1 %2 更正（原因：%3）</source>
        <translation>%1 %2 corrected (reason: %3)</translation>
    </message>
    <message>
        <source>时间未填</source>
        <translation>no time</translation>
    </message>
    <message>
        <source>方式未填</source>
        <translation>kind not set</translation>
    </message>
    <message>
        <source>草稿（未完成）</source>
        <translation>draft (unfinished)</translation>
    </message>
    <message numerus="yes">
        <source>已更正 %n 次</source>
        <translation>
            <numerusform>corrected once</numerusform>
            <numerusform>corrected %n times</numerusform>
        </translation>
    </message>
    <message>
        <source>接触：%1</source>
        <translation>Met: %1</translation>
    </message>
    <message>
        <source>需求：%1</source>
        <translation>Needs: %1</translation>
    </message>
    <message>
        <source>下次走访：%1</source>
        <translation>Next visit: %1</translation>
    </message>
</context>
<context>
    <name>VisitTimelinePanel</name>
    <message>
        <source>新建走访记录…</source>
        <translation>New visit record…</translation>
    </message>
    <message>
        <source>查看 / 继续…</source>
        <translation>Open / continue…</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>打印所选走访记录（Ctrl+P）；草稿定稿后才能打印</source>
        <translation>Print the chosen visit record (Ctrl+P); a draft can be printed once it is finished</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 次走访</source>
        <translation>
            <numerusform>%n visit</numerusform>
            <numerusform>%n visits</numerusform>
        </translation>
    </message>
    <message>
        <source>，%1 份草稿</source>
        <translation>, %1 draft(s)</translation>
    </message>
</context>
<context>
    <name>WorkbenchPage</name>
    <message>
        <source>我的待办</source>
        <translation>My tasks</translation>
    </message>
    <message>
        <source>户档案概况</source>
        <translation>Register summary</translation>
    </message>
</context>
<context>
    <name>WorkflowPages</name>
    <message>
        <source>求助受理</source>
        <translation>Reception</translation>
    </message>
    <message>
        <source>资源库</source>
        <translation>Resources</translation>
    </message>
    <message>
        <source>督导看板</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>覆盖情况</source>
        <translation>Coverage</translation>
    </message>
    <message>
        <source>重复核查</source>
        <translation>Duplicates</translation>
    </message>
    <message>
        <source>台账</source>
        <translation>Ledgers</translation>
    </message>
    <message>
        <source>救助标准</source>
        <translation>Standards</translation>
    </message>
</context>
</TS>
