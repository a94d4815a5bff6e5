import Fluent
import Foundation

/// About 200 members with Chinese and English names, one admin, one moderator, one staff member.
struct MembersDemoStep: DemoStep {
    static let memberCount = 200

    var title: String { "members" }

    func units(_ context: DemoContext) -> Int { Self.memberCount }

    func seed(_ context: DemoContext) async throws {
        var taken = Set<String>()
        var users: [User] = []
        let named: [(String, String, User.Role, String?)] = [
            ("admin@canyu.example", "Canyu 管理员", .admin, "zh-Hans"),
            ("moderator@canyu.example", "版主小林", .moderator, "zh-Hans"),
            ("staff@canyu.example", "Aurora Team · Wei", .staff, "en"),
            ("fan@canyu.example", "米粉小王", .member, nil),
        ]
        for (email, name, role, locale) in named {
            let user = makeUser(context, email: email, name: name, role: role, daysAgo: 720)
            user.locale = locale
            taken.insert(AccountRules.nameKey(name))
            users.append(user)
            context.logins.append((role == .member ? "fan" : role.rawValue, email))
        }
        for index in users.count..<Self.memberCount {
            var name = makeName(&context.random)
            while taken.contains(AccountRules.nameKey(name)) { name += String(Int.random(in: 1...99, using: &context.random)) }
            taken.insert(AccountRules.nameKey(name))
            let user = makeUser(
                context, email: String(format: "member%03d@canyu.example", index), name: name, role: .member,
                daysAgo: Int.random(in: 0...700, using: &context.random))
            let chinese = name.unicodeScalars.contains { $0.properties.isIdeographic }
            user.bio = context.random.pick(chinese ? DemoNames.chineseBios : DemoNames.englishBios)
            user.locale = context.random.chance(0.3) ? nil : (chinese ? "zh-Hans" : "en")
            users.append(user)
        }
        for user in users {
            try await user.create(on: context.db)
            context.progress.advance()
        }
        for user in users {
            let id = try user.requireID()
            if user.role == .member { context.memberIDs.append(id) } else { context.staffIDs.append(id) }
        }
    }

    private func makeUser(_ context: DemoContext, email: String, name: String, role: User.Role, daysAgo: Int) -> User {
        let seconds = Double(daysAgo * 86_400 + Int.random(in: 0..<86_400, using: &context.random))
        return User(email: email, name: name, passwordHash: context.passwordHash, role: role, createdAt: context.now.addingTimeInterval(-seconds))
    }

    /// Six in ten members write Chinese names, half of them real-sounding, half nicknames.
    private func makeName(_ random: inout SeededGenerator) -> String {
        if random.chance(0.6) {
            if random.chance(0.5) {
                return random.pick(DemoNames.surnames) + random.pick(DemoNames.givenNames)
            }
            return random.pick(DemoNames.nicknameAdjectives) + random.pick(DemoNames.nicknameNouns)
        }
        return random.pick(DemoNames.firstNames) + " " + random.pick(DemoNames.lastNames)
    }
}
