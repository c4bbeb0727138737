using Bunit;
using LiveOrders.Core.Calendar;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Orders;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LiveOrders.Tests.Components.Orders.Lists;

/// <summary>The creation form's type: its term gives the default due date by the calendar, and the order keeps the type.</summary>
public sealed class CreateOrderTypeTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static void OpenSelect(AngleSharp.Dom.IElement input)
    {
        for (var element = input; element is not null; element = element.ParentElement)
            foreach (var open in new Action<AngleSharp.Dom.IElement>[] { e => e.Click(), e => e.MouseDown(), e => e.PointerDown() })
            {
                try { open(element); return; }
                catch (MissingEventHandlerException) { }
            }
        throw new InvalidOperationException("Nothing opens the select.");
    }

    private static async Task<int> TypeAsync(TestDatabase database, string name, int days, TermKind kind)
    {
        await using var db = database.CreateDbContext();
        var admin = new Employee { FullName = "Админов Админ", Position = "Администратор", DepartmentId = database.Finance.Id, Role = Role.Administrator };
        db.Employees.Add(admin);
        await db.SaveChangesAsync();
        var created = await database.Services.GetRequiredService<OrderTypes>()
            .CreateAsync(new Actor(admin.Id, admin.FullName, admin.DepartmentId, admin.Role, []), new OrderTypeInput(name, days, kind, true));
        return created.Value;
    }

    [Fact]
    public async Task ChoosingAType_SetsTheDueDateFromItsTerm_SkippingTheHoliday_AndTheOrderKeepsTheType()
    {
        await using var database = await TestDatabase.CreateAsync();
        database.Clock.Set(new DateTimeOffset(2026, 10, 28, 3, 0, 0, TimeSpan.Zero));   // Wednesday 28 October, 10:00 local
        var type = await TypeAsync(database, "Поручение главы", 5, TermKind.WorkingDays);
        await using var ctx = await ComponentTest.CreateAsync(database, database.RoadsHead);
        var popover = ctx.Render<MudPopoverProvider>();
        var form = ctx.Render<CreateOrder>();
        form.WaitForElement("[data-testid=send]", Wait);
        // Without a type: three working days, Thursday 29, Friday 30, Monday 2 November.
        Assert.Equal("02.11.2026", form.Find("input[data-testid=due-date]").GetAttribute("value"));

        OpenSelect(form.Find("input[data-testid=order-type]"));
        popover.WaitForAssertion(() => Assert.NotEmpty(popover.FindAll("[role=option]")), Wait);
        popover.FindAll("[role=option]").Single(o => o.TextContent.Contains("Поручение главы")).Click();

        // Five working days: 29, 30 October, 2, 3, (4 November is off) 5 November.
        form.WaitForAssertion(() => Assert.Equal("05.11.2026", form.Find("input[data-testid=due-date]").GetAttribute("value")), Wait);
        form.Find("input[data-testid=title]").Input("Подготовить справку");
        OpenSelect(form.Find("input[data-testid=departments]"));
        popover.WaitForAssertion(() => Assert.Contains(popover.FindAll("[role=option]"), o => o.TextContent.Contains("Управление ЖКХ")), Wait);
        popover.FindAll("[role=option]").Single(o => o.TextContent.Contains("Управление ЖКХ")).Click();
        form.Find("button[data-testid=send]").Click();

        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        form.WaitForAssertion(() => Assert.Matches(@"/orders/\d+$", navigation.Uri), Wait);
        await using var db = database.CreateDbContext();
        var order = await db.Orders.SingleAsync();
        Assert.Equal(type, order.TypeId);
        Assert.Equal(new DateTime(2026, 11, 5, 18, 0, 0), database.Time.ToLocal(order.DueAt));
    }
}
