/// Templates the demo's ideas are written from (both languages; nothing copied).
enum IdeasDemoText {
    /// (module key, Chinese subject, English subject)
    static let osSubjects: [(String, String, String)] = [
        ("camera", "相机夜景", "night mode"), ("camera", "人像模式", "portrait mode"), ("camera", "相册", "the gallery"),
        ("battery", "省电模式", "battery saver"), ("battery", "充电提醒", "charging reminders"),
        ("system-ui", "通知栏", "the notification shade"), ("system-ui", "控制中心", "control center"), ("system-ui", "桌面图标", "home screen icons"),
        ("lock-screen", "锁屏时钟", "the lock screen clock"), ("lock-screen", "息屏显示", "always-on display"),
        ("messages", "短信", "messages"), ("messages", "验证码", "verification codes"),
    ]
    static let phoneSubjects: [(String, String, String)] = [
        ("camera", "长焦镜头", "the telephoto lens"), ("display", "屏幕亮度", "screen brightness"), ("display", "护眼模式", "eye comfort mode"),
        ("audio", "扬声器", "the speakers"), ("battery", "快充", "fast charging"), ("audio", "蓝牙耳机", "Bluetooth earbuds"),
    ]
    static let wishesZh = ["希望{0}支持自定义", "{0}能不能更快一点", "建议{0}增加定时功能", "{0}的设置入口太深了", "希望{0}可以按应用分组",
                           "{0}加一个一键关闭", "{0}在夜间自动切换", "{0}支持更多样式", "优化{0}的耗电", "{0}增加手势操作"]
    static let wishesEn = ["Let me customise {0}", "Make {0} faster", "Add a schedule to {0}", "{0} settings are buried too deep",
                           "Group {0} by app", "A one-tap switch for {0}", "Switch {0} automatically at night", "More styles for {0}",
                           "Use less battery in {0}", "Gestures for {0}"]
    static let bodiesZh = ["现在每次都要进好几层菜单，希望能简单一点。", "身边很多朋友也有同样的需求，期待官方考虑。", "试过好几个版本了，一直没有这个功能。",
                           "如果能做到，会是很多人的刚需。"]
    static let bodiesEn = ["Right now it takes several menus every time; it should be simpler.", "Friends of mine want the same thing.",
                           "I have waited for this through several releases.", "This would help a lot of people every day."]
    static let notesZh = ["已收到，团队正在评估。", "排进了下个版本的计划。", "开发中，内测版会先上。", "已在本周正式版发布，感谢提议！", "和现有设计冲突，暂不考虑。"]
    static let reasonsZh = ["这个方案看起来更干净，也更好认。", "颜色和整体风格更搭，长时间看不累。", "小屏幕上也能看清楚，很实用。", "更有辨识度，朋友一看就知道是我们的。"]
    static let reasonsEn = ["It looks cleaner and is easier to read.", "It fits the rest of the design better.", "It stays legible on small screens.",
                            "It is more distinctive; people recognise it at once."]
}
