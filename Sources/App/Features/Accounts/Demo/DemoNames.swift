/// Material for demo names and bios, written for this project.
enum DemoNames {
    static let surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "梁", "宋", "唐", "许", "邓"]
    static let givenNames = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "霞", "平", "飞", "鹏", "辉", "婷", "雪", "琳", "晨", "宇", "浩然", "欣怡", "子涵", "佳琪", "一鸣", "思远", "雨桐", "嘉怡", "俊杰", "梓萱"]
    static let nicknameAdjectives = ["爱拍照的", "早起的", "深夜刷机的", "资深", "快乐的", "认真的", "橙色", "安静的", "热心的", "路过的"]
    static let nicknameNouns = ["米粉", "极客", "码农", "摄影师", "骑手", "设计师", "学生", "测试员", "老用户", "发烧友"]
    static let firstNames = ["Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Chris", "Robin", "Avery", "Quinn", "Emma", "Olivia", "Liam", "Noah", "Mia", "Lucas", "Ethan", "Sofia", "Chloe", "Daniel", "Priya", "Mateo", "Hana", "Tomás", "Aisha", "Jonas"]
    static let lastNames = ["Smith", "Chen", "Garcia", "Müller", "Rossi", "Kim", "Nguyen", "Tanaka", "Brown", "Wilson", "Lopez", "Silva", "Novak", "Khan", "Park", "Okafor", "Larsen", "Dubois"]

    static let chineseBios = [
        "用了三代手机,每周五都等着更新。",
        "喜欢拍城市夜景,偶尔写写评测。",
        "做后端开发,业余时间帮大家找 bug。",
        "续航党,对耗电特别敏感。",
        "相机爱好者,最关心成像和夜景模式。",
        "从第一版开始刷机,见证了很多变化。",
        "",
    ]
    static let englishBios = [
        "Flashing every Friday build since the beginning.",
        "Street photographer; I care about the night mode most.",
        "Backend developer by day, bug hunter by night.",
        "Battery life is my favourite feature.",
        "I write long feedback posts. Sorry not sorry.",
        "",
    ]
}
