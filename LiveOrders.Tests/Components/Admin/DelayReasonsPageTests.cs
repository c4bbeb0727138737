using Bunit;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Admin;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Tests.Components.Admin;

/// <summary>/admin/delay-reasons: the administrator keeps the list; nobody else sees it.</summary>
public sealed class DelayReasonsPageTests
{
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
        await using var ctx = await ComponentTest.CreateAsync(database, actor);

        var page = ctx.Render<DelayReasonsPage>();

        page.WaitForElement("[data-testid=admin-only]");
        Assert.Empty(page.FindAll("[data-testid=reason-row]"));
    }

    [Fact]
    public async Task TheAdministrator_AddsARenamesItAndStopsOfferingIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, await AdministratorAsync(database));
        var page = ctx.Render<DelayReasonsPage>();
        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll("[data-testid=reason-row]").Count));

        page.Find("input[data-testid=reason-new]").Input("Ожидается решение суда");
        page.Find("[data-testid=reason-add]").Click();
        page.WaitForAssertion(() => Assert.Equal(6, page.FindAll("[data-testid=reason-row]").Count));
        var row = () => page.FindAll("[data-testid=reason-row]").Last();
        Assert.Equal("Ожидается решение суда", row().QuerySelector("[data-testid=reason-name]")!.TextContent);

        row().QuerySelector("[data-testid=reason-rename]")!.Click();
        page.Find("input[data-testid=reason-edit]").Input("Ожидается решение суда или прокуратуры");
        page.Find("[data-testid=reason-save]").Click();
        page.WaitForAssertion(() => Assert.Equal("Ожидается решение суда или прокуратуры", row().QuerySelector("[data-testid=reason-name]")!.TextContent));

        row().QuerySelector("[data-testid=reason-toggle]")!.Click();
        page.WaitForAssertion(() => Assert.Contains("не предлагается", row().TextContent));
        Assert.Equal("Вернуть", row().QuerySelector("[data-testid=reason-toggle]")!.TextContent.Trim());
    }

    [Fact]
    public async Task ADuplicate_IsRefusedInRussian_AndTheListStaysAsItWas()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, await AdministratorAsync(database));
        var page = ctx.Render<DelayReasonsPage>();
        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll("[data-testid=reason-row]").Count));

        page.Find("input[data-testid=reason-new]").Input("ИНОЕ");
        page.Find("[data-testid=reason-add]").Click();

        page.WaitForAssertion(() => Assert.Equal("Причина «ИНОЕ» уже есть в списке.", page.Find("[data-testid=reason-error]").TextContent.Trim()));
        Assert.Equal(5, page.FindAll("[data-testid=reason-row]").Count);
    }
}
