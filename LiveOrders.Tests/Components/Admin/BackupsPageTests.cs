using Bunit;
using LiveOrders.Core.Audit;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Admin;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Tests.Components.Admin;

/// <summary>/admin/backups: the administrator makes a copy and sees it listed; nobody else sees the page.</summary>
public sealed class BackupsPageTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"liveorders-backups-page-{Guid.NewGuid():N}");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private Dictionary<string, string?> Settings(string? daily = null) => new()
    {
        ["Backups:Directory"] = _folder,
        ["Backups:Keep"] = "3",
        ["Backups:Daily"] = daily,
    };

    private static async Task<Actor> AdministratorAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        var root = await db.Departments.SingleAsync(d => d.ParentId == null);
        var admin = new Employee { FullName = "Админов Адам", Position = "Администратор", DepartmentId = root.Id, Role = Role.Administrator };
        db.Employees.Add(admin);
        await db.SaveChangesAsync();
        return new Actor(admin.Id, admin.FullName, admin.DepartmentId, admin.Role, []);
    }

    [Theory]
    [InlineData("Controller")]
    [InlineData("Deputy")]
    [InlineData("HousingHead")]
    public async Task AnyoneButAnAdministrator_GetsTheAdminOnlyMessage(string who)
    {
        await using var database = await TestDatabase.CreateAsync();
        var actor = (Actor)typeof(TestDatabase).GetProperty(who)!.GetValue(database)!;
        await using var ctx = await ComponentTest.CreateAsync(database, actor, Settings());

        var page = ctx.Render<BackupsPage>();

        page.WaitForElement("[data-testid=admin-only]");
        Assert.Empty(page.FindAll("[data-testid=backup-create]"));
        Assert.Empty(page.FindAll("[data-testid=backup-folder]"));
    }

    [Fact]
    public async Task TheAdministrator_MakesACopy_SeesItListed_AndItIsInTheAuditLog()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await AdministratorAsync(database);
        await using var ctx = await ComponentTest.CreateAsync(database, admin, Settings(daily: "02:30"));

        var page = ctx.Render<BackupsPage>();
        page.WaitForElement("[data-testid=backup-none]");
        Assert.Equal(_folder, page.Find("[data-testid=backup-folder]").TextContent);
        Assert.StartsWith("последние 3 копии", page.Find("[data-testid=backup-keep]").TextContent);
        Assert.Equal("в 02:30 по местному времени", page.Find("[data-testid=backup-daily]").TextContent);
        Assert.Contains("restore", page.Find("[data-testid=backup-restore]").TextContent);

        page.Find("[data-testid=backup-create]").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=backup-row]")));
        Assert.Equal("02.03.2026 10:00:00", page.Find("[data-testid=backup-time]").TextContent);
        Assert.Contains("Резервная копия создана: liveorders-20260302-100000.db", page.Find("[data-testid=backup-outcome]").TextContent);
        Assert.False(page.Find("[data-testid=backup-create]").HasAttribute("disabled"));
        await using var db = database.CreateDbContext();
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == "backup.created");
        Assert.Equal((admin.EmployeeId, AuditKind.Administration), (entry.ActorId!.Value, entry.Kind));
    }

    [Fact]
    public async Task WhileACopyRuns_TheButtonIsDisabledAndProgressShown()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await AdministratorAsync(database);
        // The copy's last step (its audit entry) waits until the test lets it go.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        database.AddInterceptor(new HoldBackupEntry(release.Task));
        await using var ctx = await ComponentTest.CreateAsync(database, admin, Settings());
        var page = ctx.Render<BackupsPage>();
        page.WaitForElement("[data-testid=backup-none]");

        page.Find("[data-testid=backup-create]").Click();

        page.WaitForElement("[data-testid=backup-running]");
        Assert.True(page.Find("[data-testid=backup-create]").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("[data-testid=backup-outcome]"));
        release.SetResult();
        page.WaitForElement("[data-testid=backup-outcome]");
        Assert.Empty(page.FindAll("[data-testid=backup-running]"));
        Assert.False(page.Find("[data-testid=backup-create]").HasAttribute("disabled"));
        Assert.Single(page.FindAll("[data-testid=backup-row]"));
    }

    private sealed class HoldBackupEntry(Task release) : Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesInterceptor
    {
        public override async ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> SavingChangesAsync(
            Microsoft.EntityFrameworkCore.Diagnostics.DbContextEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            if (eventData.Context!.ChangeTracker.Entries<AuditEntry>().Any(e => e.Entity.Action == "backup.created")) await release;
            return result;
        }
    }

    [Fact]
    public async Task AFailedCopy_IsReportedInRussian_AndNothingIsListed()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await AdministratorAsync(database);
        // The folder's place is taken by a file: the copy cannot be written.
        File.WriteAllText(_folder, "не папка");
        try
        {
            await using var ctx = await ComponentTest.CreateAsync(database, admin, Settings());
            var page = ctx.Render<BackupsPage>();
            page.WaitForElement("[data-testid=backup-none]");

            page.Find("[data-testid=backup-create]").Click();

            page.WaitForAssertion(() => Assert.StartsWith("Не удалось создать резервную копию", page.Find("[data-testid=backup-outcome]").TextContent));
            Assert.Empty(page.FindAll("[data-testid=backup-row]"));
            await using var db = database.CreateDbContext();
            Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == "backup.created"));
        }
        finally
        {
            File.Delete(_folder);
        }
    }
}
