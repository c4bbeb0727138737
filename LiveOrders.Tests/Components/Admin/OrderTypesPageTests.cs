using Bunit;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Admin;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LiveOrders.Tests.Components.Admin;

/// <summary>The order types page: an administrator adds a type, refused input stays on the form, a type is switched off.</summary>
public sealed class OrderTypesPageTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static async Task<Actor> AdministratorAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        var admin = new Employee { FullName = "Админов Админ", Position = "Администратор", DepartmentId = database.Finance.Id, Role = Role.Administrator };
        db.Employees.Add(admin);
        await db.SaveChangesAsync();
        return new Actor(admin.Id, admin.FullName, admin.DepartmentId, admin.Role, []);
    }

    [Fact]
    public async Task AnAdministrator_AddsAType_ThenSwitchesItOff()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await AdministratorAsync(database);
        await using var ctx = await ComponentTest.CreateAsync(database, admin);
        ctx.Render<MudPopoverProvider>();
        var page = ctx.Render<OrderTypesPage>();
        page.WaitForElement("[data-testid=order-type-save]", Wait);

        page.Find("button[data-testid=order-type-save]").Click();
        page.WaitForAssertion(() => Assert.Contains("Укажите название", page.Find("[data-testid=order-type-error]").TextContent), Wait);

        page.Find("input[data-testid=order-type-name]").Change("Запрос информации");
        page.Find("button[data-testid=order-type-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("5 рабочих дней", page.Find("[data-testid=order-type-row]").TextContent), Wait);
        Assert.Empty(page.FindAll("[data-testid=order-type-error]"));
        page.Find("button[data-testid=order-type-toggle]").Click();
        page.WaitForAssertion(() => Assert.Contains("(отключён)", page.Find("[data-testid=order-type-row]").TextContent), Wait);
        Assert.Empty(await database.Services.GetRequiredService<OrderTypes>().ListAsync());
    }

    [Fact]
    public async Task AnyoneButAnAdministrator_GetsNoTypes()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.RoadsHead);

        var page = ctx.Render<OrderTypesPage>();

        page.WaitForElement("[data-testid=admin-only]");
        Assert.Empty(page.FindAll("[data-testid=order-type-form]"));
    }
}
