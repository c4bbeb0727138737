using Bunit;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Orders;

namespace LiveOrders.Tests.Components.Orders;

/// <summary>The due label of lists and the order page is amber from the order's reminder instant, as the board's cards are.</summary>
public sealed class DueLabelTests
{
    [Theory]
    [InlineData(true, "lo-due-soon")]    // 24 working hours before Monday 10:00: from Friday 10:00, with the reminder
    [InlineData(false, "")]             // a calendar-time type: amber only from Sunday 10:00
    public async Task OnFriday10_AnOrderDueMonday10_IsAmberOnlyWhenItsTypeCountsWorkingTime(bool workingTime, string expected)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingHead);
        var due = database.Time.ToUtc(new DateTime(2026, 3, 16, 10, 0, 0));
        database.Clock.Set(new DateTimeOffset(database.Time.ToUtc(new DateTime(2026, 3, 13, 10, 0, 0)), TimeSpan.Zero));

        var cut = ctx.Render<DueLabel>(p => p.Add(x => x.DueAt, due).Add(x => x.Status, OrderStatus.InProgress).Add(x => x.WorkingTime, workingTime));

        var label = cut.Find("[data-testid=due-label]");
        if (expected.Length > 0) Assert.Contains(expected, label.ClassList);
        else Assert.DoesNotContain("lo-due-soon", label.ClassList);
    }
}
