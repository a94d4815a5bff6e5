import Fluent
import Foundation
import SQLKit
import Vapor

extension ForumService {
    // MARK: Rules for what is typed

    func validTitle(_ raw: String?) throws -> String {
        let title = (raw ?? "").split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        guard (limits.titleMin...limits.titleMax).contains(title.count) else {
            throw CoreError.invalidField(
                field: "title", messageKey: "forum.invalid.title", arguments: [String(limits.titleMin), String(limits.titleMax)])
        }
        return title
    }

    func validBody(_ raw: String?) throws -> String {
        let body = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...limits.bodyMax).contains(body.count) else {
            throw CoreError.invalidField(field: "body", messageKey: "forum.invalid.body", arguments: [String(limits.bodyMax)])
        }
        return body
    }

    /// A muted or banned member reads but does not post.
    func ensureMayPost(_ user: User) throws {
        let now = clock.now()
        if let until = user.bannedUntil, until > now { throw ForumError.banned(until: until, reason: user.banReason ?? "") }
        if let until = user.mutedUntil, until > now { throw ForumError.muted(until: until) }
    }

    // MARK: Posting

    /// Opens a thread: the thread and its floor #1, in one transaction with the board's counts
    /// and the search index; then pays the author and tells anyone @mentioned.
    func createThread(in boardID: Int, by author: User, title rawTitle: String?, body rawBody: String?) async throws -> (ForumThread, Post) {
        let title = try validTitle(rawTitle)
        let body = try validBody(rawBody)
        try ensureMayPost(author)
        let board = try await board(boardID)
        guard !board.archived else { throw ForumError.boardArchived }
        let authorID = try author.requireID()
        let interval = try await postingInterval(for: author, thread: true)
        let now = clock.now()
        let thread = ForumThread(boardID: boardID, authorID: authorID, title: title, createdAt: now)
        let post = Post(threadID: 0, floor: 1, authorID: authorID, body: body, quotePostID: nil, createdAt: now)
        try await db.transaction { tx in
            let forum = self.on(tx)
            try await forum.claimPostingSlot(authorID, thread: true, interval: interval, now: now)
            thread.floorCount = 1
            try await thread.create(on: tx)
            post.$thread.id = try thread.requireID()
            try await post.create(on: tx)
            try await forum.sql.raw("UPDATE boards SET thread_count = thread_count + 1, post_count = post_count + 1 WHERE id = \(bind: boardID)").run()
            try await ForumPageVersions.bump(thread: nil, boards: [boardID], on: tx)
            try await forum.search.put(
                postID: try post.requireID(), threadID: try thread.requireID(), boardID: boardID, authorID: authorID,
                title: title, body: body, visible: true, createdAt: now)
        }
        let threadID = try thread.requireID()
        _ = try await standing.award(CreditAction.newThread, to: authorID, source: "thread:\(threadID)")
        try await notifications.mentions(in: body, by: author, subject: title, url: SiteURL.post(.value(try post.requireID())).path, except: [authorID])
        return (thread, post)
    }

    /// Adds the next floor to a thread. A locked thread takes replies only from its moderators.
    func reply(to threadID: Int, by author: User, body rawBody: String?, quoting quoteID: Int? = nil) async throws -> Post {
        let body = try validBody(rawBody)
        try ensureMayPost(author)
        let thread = try await thread(threadID)
        let board = try await board(thread.$board.id)
        guard !board.archived else { throw ForumError.boardArchived }
        if thread.locked, !(try await ForumPolicy.canModerate(author, board: board.requireID(), on: db)) {
            throw ForumError.threadLocked
        }
        var quoted: Post?
        if let quoteID {
            guard let post = try await Post.find(quoteID, on: db), post.$thread.id == threadID else { throw ForumError.quoteElsewhere }
            guard post.state == .visible else { throw ForumError.postDeleted }
            quoted = post
        }
        let authorID = try author.requireID()
        let interval = try await postingInterval(for: author, thread: false)
        let now = clock.now()
        let post = Post(threadID: threadID, floor: 0, authorID: authorID, body: body, quotePostID: quoteID, createdAt: now)
        try await db.transaction { tx in
            let forum = self.on(tx)
            try await forum.claimPostingSlot(authorID, thread: false, interval: interval, now: now)
            // Taking the floor number and bumping the thread is one statement, so simultaneous
            // replies get consecutive floors and none is lost.
            guard let row = try await forum.sql.raw("""
                UPDATE forum_threads SET floor_count = floor_count + 1, reply_count = reply_count + 1,
                    last_post_at = \(bind: now), last_poster_id = \(bind: authorID)
                WHERE id = \(bind: threadID) RETURNING floor_count
                """).first()
            else { throw CoreError.notFound }
            post.floor = try row.decode(column: "floor_count", as: Int.self)
            try await post.create(on: tx)
            try await forum.sql.raw("UPDATE boards SET post_count = post_count + 1 WHERE id = \(bind: thread.$board.id)").run()
            try await ForumPageVersions.bump(thread: threadID, boards: [thread.$board.id], on: tx)
            try await forum.search.put(
                postID: try post.requireID(), threadID: threadID, boardID: thread.$board.id, authorID: authorID,
                title: nil, body: body, visible: true, createdAt: now)
        }
        let postID = try post.requireID()
        _ = try await standing.award(CreditAction.reply, to: authorID, source: "post:\(postID)")
        let url = SiteURL.post(.value(postID)).path
        var told: Set<Int> = [authorID]
        if thread.$author.id != authorID {
            try await notifications.notify(thread.$author.id, .reply, actor: author, subject: thread.title, url: url)
            told.insert(thread.$author.id)
        }
        if let quoted, !told.contains(quoted.$author.id) {
            try await notifications.notify(quoted.$author.id, .quote, actor: author, subject: thread.title, url: url)
            told.insert(quoted.$author.id)
        }
        try await notifications.mentions(in: body, by: author, subject: thread.title, url: url, except: told)
        return post
    }

    /// The author edits a visible post (and the title, on floor #1); the old text is kept as a
    /// revision for moderators, and everyone sees "edited".
    func edit(_ postID: Int, by editor: User, title rawTitle: String?, body rawBody: String?) async throws -> Post {
        let post = try await post(postID)
        let thread = try await thread(post.$thread.id)
        guard post.state == .visible else { throw ForumError.postDeleted }
        guard ForumPolicy.canEdit(post, in: thread, by: editor) else {
            if thread.locked, post.$author.id == editor.id { throw ForumError.threadLocked }
            throw CoreError.forbidden
        }
        try ensureMayPost(editor)
        let body = try validBody(rawBody)
        let newTitle = post.floor == 1 ? try rawTitle.map(validTitle) : nil
        guard body != post.body || (newTitle != nil && newTitle != thread.title) else { return post }
        let now = clock.now()
        let editorID = try editor.requireID()
        try await db.transaction { tx in
            try await PostRevision(postID: postID, title: post.floor == 1 ? thread.title : nil, body: post.body, editorID: editorID, createdAt: now).create(on: tx)
            post.body = body
            post.bodyHTML = ForumMarkdown.html(body)
            post.editedAt = now
            try await post.update(on: tx)
            if let newTitle {
                thread.title = newTitle
                try await thread.update(on: tx)
            }
            try await ForumPageVersions.bump(thread: thread.requireID(), boards: newTitle == nil ? [] : [thread.$board.id], on: tx)
            try await self.on(tx).search.put(
                postID: postID, threadID: thread.requireID(), boardID: thread.$board.id, authorID: post.$author.id,
                title: post.floor == 1 ? thread.title : nil, body: body, visible: true, createdAt: post.createdAt)
        }
        return post
    }

    /// The author deletes their own post: the floor stays and reads "deleted".
    func deleteOwn(_ postID: Int, by user: User) async throws {
        let post = try await post(postID)
        let thread = try await thread(post.$thread.id)
        guard post.$author.id == user.id else { throw CoreError.forbidden }
        guard post.state == .visible else { throw ForumError.postDeleted }
        if thread.locked { throw ForumError.threadLocked }
        try await db.transaction { tx in
            try await self.on(tx).takeDown(post, in: thread, to: .deleted, reason: nil)
        }
    }

    /// Hides or deletes a floor and keeps every count and the search index in step.
    /// Used by the author's delete and by moderation.
    func takeDown(_ post: Post, in thread: ForumThread, to state: Post.State, reason: String?) async throws {
        let wasVisible = post.state == .visible
        post.state = state
        post.stateReason = reason
        try await post.update(on: db)
        try await search.setVisible(postID: post.requireID(), false)
        try await ForumPageVersions.bump(thread: thread.requireID(), boards: [thread.$board.id], on: db)
        guard wasVisible else { return }
        if post.floor > 1 {
            try await sql.raw("UPDATE forum_threads SET reply_count = reply_count - 1 WHERE id = \(bind: thread.requireID())").run()
        }
        try await sql.raw("UPDATE boards SET post_count = post_count - 1 WHERE id = \(bind: thread.$board.id)").run()
    }

    func on(_ db: any Database) -> ForumService {
        ForumService(db: db, clock: clock, timeZone: timeZone, limits: limits, mail: mail)
    }

    // MARK: Posting intervals

    /// New members (the pyramid's lowest tier) wait between posts; everyone else does not.
    func postingInterval(for user: User, thread: Bool) async throws -> Int {
        if ForumPolicy.moderatesEverywhere(user) { return 0 }
        let tier = try await PyramidService(db: db, clock: clock, timeZone: timeZone).tier(of: user.requireID())
        guard tier == .user else { return 0 }
        return thread ? limits.newMemberThreadSeconds : limits.newMemberReplySeconds
    }

    /// Takes the member's posting slot, or refuses with the wait. One conditional update, so
    /// simultaneous posts by one member can't both slip through.
    func claimPostingSlot(_ userID: Int, thread: Bool, interval: Int, now: Date) async throws {
        guard interval > 0 else { return }
        let column = thread ? "last_thread_at" : "last_reply_at"
        let longAgo = Date(timeIntervalSince1970: 0)
        try await sql.raw("""
            INSERT INTO forum_posting_clocks (user_id, last_thread_at, last_reply_at) VALUES (\(bind: userID), \(bind: longAgo), \(bind: longAgo))
            ON CONFLICT (user_id) DO NOTHING
            """).run()
        let earliest = now.addingTimeInterval(-Double(interval))
        let claimed = try await sql.raw("""
            UPDATE forum_posting_clocks SET \(ident: column) = \(bind: now)
            WHERE user_id = \(bind: userID) AND \(ident: column) <= \(bind: earliest) RETURNING user_id
            """).first()
        guard claimed == nil else { return }
        let last = try await sql.raw("SELECT \(ident: column) AS last FROM forum_posting_clocks WHERE user_id = \(bind: userID)").first()?
            .decode(column: "last", as: Date.self) ?? now
        throw RateLimited(retryAt: last.addingTimeInterval(Double(interval)), now: now, messageKey: "forum.error.too_fast")
    }
}
