using Bunit;
using LiveOrders.Core.Integrations;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Admin;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LiveOrders.Tests.Components.Admin;

/// <summary>The key's secret is on screen once, in the dialog, and gone when the dialog closes.</summary>
public sealed class ApiKeysPageTests
{
    private static async Task<Actor> AdministratorAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        var admin = new Employee { FullName = "Админов Админ", Position = "Администратор", DepartmentId = database.Finance.Id, Role = Role.Administrator };
        db.Employees.Add(admin);
        await db.SaveChangesAsync();
        return new Actor(admin.Id, admin.FullName, admin.DepartmentId, admin.Role, []);
    }

    [Fact]
    public async Task TheSecret_IsShownOnce_AndIsGoneAfterClosing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await AdministratorAsync(database);
        await using var ctx = await ComponentTest.CreateAsync(database, admin);
        ctx.Render<MudPopoverProvider>();
        var dialogs = ctx.Render<MudDialogProvider>();
        var page = ctx.Render<ApiKeysPage>();

        page.WaitForElement("[data-testid=apikey-open]").Click();
        dialogs.WaitForElement("input[data-testid=apikey-name]").Change("СЭД «Дело»");
        var selects = dialogs.FindComponents<MudSelect<int?>>();
        await dialogs.InvokeAsync(() => selects.Single().Instance.ValueChanged.InvokeAsync(database.HousingHead.EmployeeId));
        var departments = dialogs.FindComponent<MudSelect<int>>();
        await dialogs.InvokeAsync(() => departments.Instance.SelectedValuesChanged.InvokeAsync([database.Housing.Id]));
        dialogs.Find("[data-testid=apikey-issue]").Click();

        var secret = dialogs.WaitForElement("[data-testid=apikey-secret]").TextContent;
        Assert.StartsWith(ApiKey.TokenPrefix, secret);
        Assert.NotNull(dialogs.Find("[data-testid=apikey-warning]"));
        Assert.NotNull(await ctx.Services.GetRequiredService<ApiKeys>().AuthenticateAsync(secret));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=apikey-row]")));
        Assert.DoesNotContain(secret, page.Markup);

        dialogs.Find("[data-testid=apikey-done]").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=apikey-secret]")));
        Assert.DoesNotContain(secret, dialogs.Markup + page.Markup);
        // Opening the dialog again starts a new key; the old secret is not there.
        page.Find("[data-testid=apikey-open]").Click();
        dialogs.WaitForElement("[data-testid=apikey-name]");
        Assert.DoesNotContain(secret, dialogs.Markup);
        Assert.Contains(secret[..15], page.Find("[data-testid=apikey-row]").TextContent);
    }

    [Fact]
    public async Task AnyoneButAnAdministrator_GetsNoForm()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.RoadsHead);
        var page = ctx.Render<ApiKeysPage>();
        page.WaitForElement("[data-testid=admin-only]");
        Assert.Empty(page.FindAll("[data-testid=apikey-open]"));
    }
}
