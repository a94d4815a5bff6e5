/// The actions that earn or cost credits. Each later area adds its own here and a rule for it
/// in a migration; all awards go through `StandingService.award`.
enum CreditAction {
    static let newThread = "new_thread"
    static let reply = "reply"
    static let threadFeatured = "thread_featured"
    static let dailyCheckIn = "daily_check_in"
    static let avatarSet = "avatar_set"
    static let emailVerified = "email_verified"
    static let likeReceived = "like_received"
    static let replyRemoved = "reply_removed"
    static let threadRemoved = "thread_removed"
    static let muted = "muted"
    static let banned = "banned"
    static let ideaAccepted = "idea_accepted"
    static let ideaShipped = "idea_shipped"
    static let fourGridReport = "four_grid_report"
    static let bugReported = "bug_reported"
    static let bugConfirmed = "bug_confirmed"
    static let bugFixed = "bug_fixed"
    static let bugVerified = "bug_verified"
    /// Staff adjustments by hand.
    static let manual = "manual"
}
