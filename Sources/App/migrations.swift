import Fluent
import Vapor

/// Every migration, in the one order they run. Never edit one that has shipped: add another.
func registerMigrations(_ app: Application) {
    app.migrations.add(CreateUser())
    app.migrations.add(CreateWebSession())
    app.migrations.add(CreateUserToken())
    app.migrations.add(CreateLoginFailure())
    app.migrations.add(CreateSiteFlag())
    app.migrations.add(CreateCreditLedger())
    app.migrations.add(CreateCreditRule())
    app.migrations.add(CreateLevel())
    app.migrations.add(CreateCheckIn())
    app.migrations.add(CreatePyramid())
    app.migrations.add(CreatePyramidReviewRun())
    app.migrations.add(CreateMedal())
    app.migrations.add(CreateLeaderboardTotals())
    app.migrations.add(CreateForum())
    app.migrations.add(CreateModeration())
    app.migrations.add(CreateNotifications())
    app.migrations.add(CreateUploads())
    app.migrations.add(CreateSearchIndex())
    app.migrations.add(CreateIdeas())
    app.migrations.add(CreateDesignPolls())
    app.migrations.add(AddForumPageVersions())
    app.migrations.add(DropCreditRankingIndexes())
    app.migrations.add(CreateReleases())
    app.migrations.add(CreateBugs())
    app.migrations.add(AddSearchDocumentLength())
}
