/// Words for the demo's builds, in both languages as the community writes them.
enum ReleasesDemoText {
    static let notes = [
        "本周开发版修复了大家反馈最多的问题。 This week's build fixes what you reported most.",
        "感谢每一位提交四格体验报告的米粉！ Thanks to everyone who filed a four-grid report!",
        "**刷机前请备份数据。** Please back up before flashing.",
        "本周重点:流畅度与续航。 Focus this week: smoothness and battery life.",
    ]

    static let changes = [
        "{0}:启动速度优化", "{0}:修复偶现卡顿", "{0}:新增快捷开关", "{0}:界面细节打磨", "{0}:降低后台耗电", "{0}:修复设置项不保存",
    ]

    static let descriptions = [
        "根据论坛反馈调整。", "Tuned from your forum feedback.", "内测组验证通过。", "Verified by the honorary dev group.", "",
    ]

    static let upcoming = ["相机冷启动再快 20%", "锁屏通知分组", "全新负一屏(半成品,欢迎反馈)"]

    static let wishes = ["希望支持双击亮屏", "Dark mode schedule", "更多锁屏样式", "Better call recording", "桌面图标自定义"]
}
