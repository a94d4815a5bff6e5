/// Templates the demo's bugs are written from (both languages; nothing copied).
enum BugsDemoText {
    /// (module key, Chinese subject, English subject), per product kind.
    static let osSubjects: [(String, String, String)] = [
        ("camera", "相机夜景", "Night mode"), ("camera", "人像模式", "Portrait mode"), ("camera", "相册", "Gallery"),
        ("battery", "省电模式", "Battery saver"), ("battery", "充电", "Charging"),
        ("system-ui", "通知栏", "Notification shade"), ("system-ui", "控制中心", "Control center"), ("system-ui", "桌面", "Home screen"),
        ("lock-screen", "锁屏", "Lock screen"), ("lock-screen", "息屏显示", "Always-on display"),
        ("messages", "短信", "Messages"), ("messages", "验证码填充", "Code autofill"),
    ]
    static let phoneSubjects: [(String, String, String)] = [
        ("camera", "长焦镜头", "Telephoto lens"), ("display", "屏幕亮度", "Screen brightness"), ("display", "护眼模式", "Eye comfort mode"),
        ("audio", "扬声器", "Speakers"), ("battery", "快充", "Fast charging"), ("audio", "蓝牙耳机", "Bluetooth earbuds"),
    ]
    static let problemsZh = ["闪退", "偶尔卡死", "耗电异常", "显示错位", "设置不生效", "重启后失效", "发热严重", "无法打开", "响应很慢", "声音断断续续"]
    static let problemsEn = ["crashes", "freezes now and then", "drains the battery", "is drawn misaligned", "ignores its setting",
                             "resets after a reboot", "runs hot", "will not open", "responds slowly", "cuts in and out"]
    static let stepsZh = ["1. 打开{0}\n2. 连续操作几次\n3. 观察现象", "1. 重启手机\n2. 进入{0}\n3. 等待一分钟", "1. 打开省电模式\n2. 使用{0}\n3. 切到后台再回来"]
    static let stepsEn = ["1. Open {0}\n2. Use it a few times in a row\n3. Watch what happens", "1. Restart the phone\n2. Go to {0}\n3. Wait a minute",
                          "1. Turn battery saver on\n2. Use {0}\n3. Switch away and back"]
    static let devices = ["Aurora 14", "Aurora 14 Pro", "Aurora 13", "Aurora 13 Ultra", "Aurora Lite 5", "Aurora Fold 2"]
    static let wontFixZh = ["这是设计如此，后续会在设置里说明。", "影响极小，暂不处理。"]
    static let cannotReproduceZh = ["团队在多台设备上都没有复现，请更新到最新版本再试。"]
}
