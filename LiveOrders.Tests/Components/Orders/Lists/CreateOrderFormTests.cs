using Bunit;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Orders;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LiveOrders.Tests.Components.Orders.Lists;

/// <summary>The creation form over the real OrderService: its refusals are shown at their field, and nothing is created.</summary>
public sealed class CreateOrderFormTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static async Task<int> OrderCountAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        return await db.Orders.CountAsync();
    }

    private static IRenderedComponent<CreateOrder> RenderForm(BunitContext ctx, Action<IRenderedComponent<MudPopoverProvider>>? popover = null)
    {
        var provider = ctx.Render<MudPopoverProvider>();
        popover?.Invoke(provider);
        var form = ctx.Render<CreateOrder>();
        form.WaitForElement("[data-testid=send]", Wait);
        return form;
    }

    /// <summary>A select opens on a click anywhere in its frame: the input itself has no handler, an ancestor does.</summary>
    private static void OpenSelect(AngleSharp.Dom.IElement input)
    {
        for (var element = input; element is not null; element = element.ParentElement)
        {
            foreach (var open in new Action<AngleSharp.Dom.IElement>[] { e => e.Click(), e => e.MouseDown(), e => e.PointerDown() })
            {
                try { open(element); return; }
                catch (MissingEventHandlerException) { }
            }
        }
        throw new InvalidOperationException("Nothing opens the select.");
    }

    private static void Send(IRenderedComponent<CreateOrder> form) => form.Find("button[data-testid=send]").Click();

    [Fact]
    public async Task AnEmptyTitle_IsExplainedAtTheTitle_AndNothingIsCreated()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.RoadsHead);
        var form = RenderForm(ctx);

        Send(form);

        form.WaitForAssertion(() => Assert.Equal("Укажите заголовок поручения.", form.Find("[data-testid=error-title]").TextContent.Trim()), Wait);
        Assert.Empty(form.FindAll("[data-testid=error-departments]"));
        Assert.Equal(0, await OrderCountAsync(database));
        Assert.EndsWith("/", ctx.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task NoDepartment_IsExplainedAtTheDepartments_AndNothingIsCreated()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.RoadsHead);
        var form = RenderForm(ctx);

        form.Find("input[data-testid=title]").Input("Отремонтировать ливнёвку");
        Send(form);

        form.WaitForAssertion(() => Assert.Equal("Выберите хотя бы одно подразделение-исполнителя.",
            form.Find("[data-testid=error-departments]").TextContent.Trim()), Wait);
        Assert.Empty(form.FindAll("[data-testid=error-title]"));
        Assert.Equal(0, await OrderCountAsync(database));
    }

    [Fact]
    public async Task APastDueDate_IsExplainedAtTheDueField_AndNothingIsCreated()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.RoadsHead);
        var form = RenderForm(ctx);

        form.Find("input[data-testid=title]").Input("Отремонтировать ливнёвку");
        form.Find("input[data-testid=due-date]").Change("01.03.2026");
        form.WaitForAssertion(() => Assert.Equal("01.03.2026", form.Find("input[data-testid=due-date]").GetAttribute("value")), Wait);
        Send(form);

        form.WaitForAssertion(() => Assert.Equal("Срок исполнения уже прошёл: укажите срок в будущем.",
            form.Find("[data-testid=error-dueAt]").TextContent.Trim()), Wait);
        Assert.Equal(0, await OrderCountAsync(database));
    }

    [Fact]
    public async Task TheOfferedDueTime_IsThreeWorkingDaysAhead_AtSixInTheMunicipality()
    {
        // The test clock reads Monday 2 March 2026, 10:00 in Novokuznetsk.
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.RoadsHead);
        var form = RenderForm(ctx);

        Assert.Equal("05.03.2026", form.Find("input[data-testid=due-date]").GetAttribute("value"));
        Assert.Equal("18:00", form.Find("input[data-testid=due-time]").GetAttribute("value"));
    }

    [Fact]
    public async Task AValidOrder_IsCreatedDueAtTheTypedLocalTime_AndTheAuthorIsTakenToIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.RoadsHead);
        IRenderedComponent<MudPopoverProvider> popover = default!;
        var form = RenderForm(ctx, p => popover = p);

        form.Find("input[data-testid=title]").Input("Отремонтировать ливнёвку");
        OpenSelect(form.Find("input[data-testid=departments]"));
        popover.WaitForAssertion(() => Assert.NotEmpty(popover.FindAll("[role=option]")), Wait);
        popover.FindAll("[role=option]").Single(o => o.TextContent.Contains("Управление ЖКХ")).Click();
        Send(form);

        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        form.WaitForAssertion(() => Assert.Matches(@"/orders/\d+$", navigation.Uri), Wait);
        await using var db = database.CreateDbContext();
        var order = await db.Orders.SingleAsync();
        Assert.Equal(database.Housing.Id, order.ExecutingDepartmentId);
        Assert.Equal(OrderStatus.New, order.Status);
        Assert.Equal(new DateTime(2026, 3, 5, 18, 0, 0), database.Time.ToLocal(order.DueAt));
    }

    [Fact]
    public async Task AController_IsToldTheyMayOnlyLook_AndGetsNoForm()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.Controller);
        ctx.Render<MudPopoverProvider>();

        var form = ctx.Render<CreateOrder>();

        form.WaitForElement("[data-testid=read-only]", Wait);
        Assert.Empty(form.FindAll("[data-testid=send]"));
    }
}
