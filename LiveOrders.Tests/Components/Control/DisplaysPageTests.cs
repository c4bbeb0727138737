using Bunit;
using LiveOrders.Core.Control;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Admin;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace LiveOrders.Tests.Components.Control;

/// <summary>Wall links are issued and revoked by an administrator only (AccessPolicy.CanManageDisplays).</summary>
public sealed class DisplaysPageTests
{
    private static async Task<Actor> AdministratorAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        var admin = new Employee { FullName = "Админов Админ", Position = "Администратор", DepartmentId = database.Finance.Id, Role = Role.Administrator };
        db.Employees.Add(admin);
        await db.SaveChangesAsync();
        return new Actor(admin.Id, admin.FullName, admin.DepartmentId, admin.Role, []);
    }

    public static TheoryData<string> NotAdministrators => new() { "Deputy", "Controller", "RoadsHead", "RoadsClerk" };

    [Theory]
    [MemberData(nameof(NotAdministrators))]
    public async Task AnyoneButAnAdministrator_GetsNoForm_AndNoLinks(string who)
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.WallLinkAsync();
        var actor = (Actor)typeof(TestDatabase).GetProperty(who)!.GetValue(database)!;
        await using var ctx = await ComponentTest.CreateAsync(database, actor);

        var page = ctx.Render<DisplaysPage>();

        page.WaitForElement("[data-testid=admin-only]");
        Assert.Empty(page.FindAll("[data-testid=display-create]"));
        Assert.Empty(page.FindAll("[data-testid=display-row]"));
    }

    [Fact]
    public async Task AnAdministrator_SeesTheLinks_AndRevokesOne()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.WallLinkAsync();
        var admin = await AdministratorAsync(database);
        await using var ctx = await ComponentTest.CreateAsync(database, admin);
        ctx.Render<MudPopoverProvider>();

        var page = ctx.Render<DisplaysPage>();

        var row = page.WaitForElement("[data-testid=display-row]");
        Assert.Contains("Зал заседаний", row.TextContent);
        Assert.Contains("Замов Зам Замович", row.TextContent);
        page.Find("[data-testid=display-revoke]").Click();
        page.WaitForAssertion(() => Assert.Contains("отозвана", page.Find("[data-testid=display-row]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=display-revoke]"));
        await using var db = database.CreateDbContext();
        Assert.NotNull((await db.DisplayLinks.SingleAsync()).RevokedAt);
    }

    [Fact]
    public async Task IssuingALinkWithoutAName_SaysWhatIsMissing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await AdministratorAsync(database);
        await using var ctx = await ComponentTest.CreateAsync(database, admin);
        ctx.Render<MudPopoverProvider>();
        var page = ctx.Render<DisplaysPage>();

        page.WaitForElement("[data-testid=display-create]").Click();

        page.WaitForAssertion(() => Assert.Contains("Назовите экран", page.Find("[data-testid=display-error]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=display-link]"));
    }
}
