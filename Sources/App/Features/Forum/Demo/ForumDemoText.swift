/// Templates the demo forum's posts are written from: plausible fan talk in Chinese and
/// English, assembled here (no copied text).
enum ForumDemoText {
    static let productsZh = ["小米 14", "Redmi K70", "小米手环 8", "小米平板 6", "MIUI 14", "小米 13 Ultra", "Redmi Note 12"]
    static let productsEn = ["Xiaomi 14", "Redmi K70", "Mi Band 8", "Xiaomi Pad 6", "MIUI 14", "Xiaomi 13 Ultra", "Redmi Note 12"]
    static let topicsZh = ["相机夜景", "续航", "充电速度", "信号", "系统更新", "发热", "屏幕亮度", "指纹解锁", "游戏帧率", "人像模式", "NFC 公交卡", "通知栏"]
    static let topicsEn = ["night mode", "battery life", "charging speed", "signal", "system update", "heat", "screen brightness", "fingerprint unlock", "gaming frame rate", "portrait mode", "NFC transit card", "notification shade"]

    static let titlesZh = [
        "{p} 的{t}怎么样？", "升级后 {p} {t}明显改善了", "求助：{p} {t}有问题", "{p} 一周体验：{t}篇", "分享几张 {p} 拍的照片",
        "{t}对比：{p} 和上一代", "建议：{p} 的{t}还能再优化", "{p} 开发版更新后{t}变好了吗", "新人报到，{p} {t}小技巧", "关于{t}的一点想法",
    ]
    static let titlesEn = [
        "How is the {t} on the {p}?", "{p}: {t} much better after the update", "Help: {t} problem on my {p}", "One week with the {p}: {t}",
        "Some photos from my {p}", "{t} compared: {p} vs last year", "Suggestion: improve {t} on the {p}", "Tips for {t} on the {p}",
    ]
    static let sentencesZh = [
        "用了一周，{t}比我预期的好。", "昨天升级了开发版，{t}有明显变化。", "晚上出门拍了几张，{t}表现不错。", "和朋友的手机比了一下，{t}差距不大。",
        "希望下个版本能把{t}再调一调。", "有没有人遇到同样的情况？", "重启之后好像就正常了。", "给开发组点个赞，这周的更新很用心。",
        "我的{p}是去年买的，{t}一直很稳。", "设置里可以单独调整{t}，很多人不知道。", "已经在内测群反馈了，等下周五看看。", "楼主说得对，我这边也是这样。",
        "小米的相机越来越好了。", "续航一天没问题，重度使用也能撑到晚上。", "充电半小时能到八成，很满意。", "这个功能是米粉提的建议，真的被采纳了！",
    ]
    static let sentencesEn = [
        "After a week, the {t} is better than I expected.", "I updated to the weekly build yesterday and the {t} changed a lot.",
        "Took a few shots last night; the {t} held up well.", "Does anyone else see this?", "A restart seemed to fix it for me.",
        "Big thanks to the team, this week's update was solid.", "You can tune the {t} in settings, few people know that.",
        "Already reported it in the beta group, let's see on Friday.", "Same here, agree with the original post.",
        "Battery easily lasts a full day.", "Charging to 80% in half an hour is great.", "This feature came from a fan suggestion!",
    ]
    static let repliesZh = ["顶！", "同问", "学到了，谢谢楼主", "我也是这样", "已收藏", "支持一下", "期待下周五的更新", "+1，希望早点修复", "好帖，建议加精"]
    static let repliesEn = ["+1", "Same question", "Thanks, learned something", "Same for me", "Saved!", "Looking forward to Friday's build", "Great post"]

    static let announcementsZh = [
        ("【公告】本周五橙色星期五更新说明", "本周更新包含{t}优化和若干问题修复。感谢各位米粉的反馈！"),
        ("【公告】论坛版规（请先阅读）", "请友善交流，不发广告，不人身攻击。违规内容会被屏蔽，严重者禁言。"),
        ("【活动】四格体验报告征集", "每周二开放四格体验报告，告诉我们你最喜欢和最不满意的改动。"),
    ]

    static func fill(_ template: String, product: String, topic: String) -> String {
        template.replacingOccurrences(of: "{p}", with: product).replacingOccurrences(of: "{t}", with: topic)
    }
}
