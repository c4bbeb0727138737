using Bunit;
using LiveOrders.Core.Live;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Orders;
using MudBlazor;

namespace LiveOrders.Tests.Components.Orders;

/// <summary>Control on the order page: the dialog, the badge and the facts, and the controller picker.</summary>
public sealed class ControlActionsTests
{
    [Fact]
    public async Task TheCurator_TakesTheOrderOffControlWithAReason_AndThePageSaysSo()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync(onControl: true)).Id;
        await using var harness = await OrderPageHarness.CreateAsync(database, database.Deputy);
        var page = harness.Open(id);
        Assert.Equal("На контроле", page.Find("[data-testid=order] [data-testid=control-state]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=action-PutOnControl]"));

        page.Find("[data-testid=action-TakeOffControl]").Click();
        harness.Dialogs.WaitForElement("[data-testid=reason]");
        harness.Dialogs.Find("[data-testid=confirm]").Click();
        harness.Dialogs.WaitForAssertion(() => Assert.Equal("Укажите причину.", harness.Dialogs.Find("[data-testid=action-error]").TextContent.Trim()));

        harness.Dialogs.Find("[data-testid=reason]").Input("Решено на совещании у главы");
        harness.Dialogs.Find("[data-testid=confirm]").Click();

        harness.Toasts.WaitForAssertion(() => Assert.Contains("Поручение снято с контроля.", harness.Toasts.Markup));
        page.WaitForAssertion(() => Assert.Equal("Снято с контроля", page.Find("[data-testid=order] [data-testid=control-state]").TextContent));
        Assert.StartsWith("снято с контроля", page.Find("[data-testid=control-fact]").TextContent.Trim());
        Assert.Single(page.FindAll("[data-testid=action-PutOnControl]"));
        Assert.Contains(database.Feed.Published, c => c.OrderId == id && c.Event == OrderEventKind.TakenOffControl && c.Card!.TakenOffControl);
    }

    [Fact]
    public async Task TheExecutingHead_IsNotOfferedControl_NorExpediting()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync(onControl: true)).Id;
        await using var harness = await OrderPageHarness.CreateAsync(database, database.HousingHead);
        var page = harness.Open(id);

        Assert.Empty(page.FindAll("[data-testid=action-TakeOffControl]"));
        Assert.Empty(page.FindAll("[data-testid=action-Expedite]"));
        Assert.Empty(page.FindAll("[data-testid=action-ChangeController]"));
    }

    [Fact]
    public async Task ThePicker_FindsPeopleByPartOfTheName_AndReportsTheChosenOne()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.RoadsHead);
        var popover = ctx.Render<MudPopoverProvider>();
        int? chosen = null;
        var picker = ctx.Render<ControllerPicker>(p => p.Add(x => x.ValueChanged, (int? v) => chosen = v));

        picker.Find("[data-testid=controller-picker] input").Input("жилищ");
        // The autocomplete's debounce runs on the app's TimeProvider, here the driven clock.
        database.Clock.Advance(TimeSpan.FromSeconds(1));

        popover.WaitForAssertion(() => Assert.Equal(["Жилищный Начальник", "Жилищный Сотрудник"],
            popover.FindAll("[data-testid=controller-option]").Select(o => o.TextContent)));
        popover.FindAll("[data-testid=controller-option]")[1].Click();
        picker.WaitForAssertion(() => Assert.Equal(database.HousingClerk.EmployeeId, chosen));
    }

    [Fact]
    public async Task ThePicker_OffersTheAuditor_ButNoAdministrator()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateDbContext())
        {
            db.Employees.Add(new Employee { FullName = "Админов Админ", Position = "Администратор", DepartmentId = database.Housing.Id, Role = Role.Administrator });
            await db.SaveChangesAsync();
        }
        var people = await database.Queries.ControllerCandidatesAsync();
        Assert.Contains(people, p => p.Id == database.Controller.EmployeeId);
        Assert.Contains(people, p => p.Id == database.Deputy.EmployeeId);
        Assert.DoesNotContain(people, p => p.FullName == "Админов Админ");
    }
}
