using LiveOrders.Core.Control;
using LiveOrders.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Data;

/// <summary>The control panel's calendar figures and the instant it must refresh them by itself.</summary>
public sealed class ControlFiguresTests
{
    [Fact]
    public async Task AnOrderEnteringTheNextThreeDays_IsTheInstantThePanelRefreshes_AndThenCounts()
    {
        await using var database = await TestDatabase.CreateAsync();
        var queries = database.Services.GetRequiredService<ControlQueries>();
        var scope = await queries.ScopeAsync(database.Deputy);
        var due = database.Time.ToUtc(database.Time.LocalNow.Date.AddDays(5).AddHours(10));   // five days ahead, 10:00
        var created = await database.Orders.CreateAsync(database.RoadsHead,
            new LiveOrders.Core.Orders.NewOrder("Проверить освещение", "Текст", [database.Housing.Id], LiveOrders.Core.Orders.Priority.Normal, due));
        Assert.True(created.Ok, created.Message);

        // The day before it enters the window: the panel refreshes at midnight, then at the instant it enters.
        database.Clock.Set(new DateTimeOffset(due.AddDays(-3).AddHours(-5), TimeSpan.Zero));
        var before = await queries.SnapshotAsync(scope);
        Assert.Equal(0, before.Total.DueIn3Days);
        Assert.Equal(due.AddDays(-3), before.NextChangeAt);

        database.Clock.Set(new DateTimeOffset(before.NextChangeAt, TimeSpan.Zero));
        Assert.Equal(1, (await queries.SnapshotAsync(scope)).Total.DueIn3Days);
    }
}
