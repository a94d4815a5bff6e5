import Vapor

enum HomeIndex {
    struct Member: Encodable {
        let name: String
        let url: String
        let avatar: Avatar
    }

    struct LoopStep: Encodable {
        let title: String
        let text: String
    }

    struct Context: Encodable {
        let layout: PageLayout
        let memberCount: String
        let newestMembers: [Member]
        let loop: [LoopStep]
        let setupURL: String?
        let isVisitor: Bool
    }
}
