using Bunit;
using LiveOrders.Core.Live;
using LiveOrders.Tests.Components.Control;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LiveOrders.Tests.Components.Reports;

/// <summary>
/// The reports page follows the live feed on the driven clock: a change to an order of a department it shows recomputes
/// its figures <see cref="SettledRefresh.Settle"/> after the first change of a burst, once per burst; other departments'
/// changes cost nothing. The changes are real (made through the order service); the page hears them through a feed
/// that hands each one over before returning, so «nothing happened» is a fact, not a wait.
/// </summary>
public sealed class ReportsPageLiveTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private sealed record Page(IRenderedComponent<ReportsPage> Cut, HandFeed Feed, int BaselineTimers);

    /// <summary>The deputy's reports page on March 2026 with only Housing chosen.</summary>
    private static async Task<Page> OpenOnHousingAsync(BunitContext ctx, TestDatabase database)
    {
        var feed = new HandFeed();
        ctx.Services.AddSingleton<ILiveFeed>(feed);
        ctx.Render<MudPopoverProvider>();
        var cut = ctx.Render<ReportsPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=report-row]").Count), Wait);
        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<int>>().Instance.SelectedValuesChanged.InvokeAsync([database.Housing.Id]));
        cut.Find("[data-testid=report-show]").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=report-row]")), Wait);
        cut.WaitForAssertion(() => Assert.Equal(1, feed.Subscribers), Wait);
        return new Page(cut, feed, database.Clock.PendingTimers);
    }

    private static string Received(IRenderedComponent<ReportsPage> cut, int departmentId) =>
        cut.Find($"[data-testid=report-row][data-department=\"{departmentId}\"] [data-testid=received]").TextContent;

    /// <summary>«На связи · обновлено ЧЧ:ММ:СС» above the table (the control panel's status): its time, and that it is current.</summary>
    private static string Updated(IRenderedComponent<ReportsPage> cut)
    {
        Assert.Equal("current", cut.Find("[data-testid=report-updated] [data-testid=connection-status]").GetAttribute("data-state"));
        return cut.Find("[data-testid=report-updated] [data-testid=updated]").TextContent;
    }

    /// <summary>Makes a real change and hands what it published to the page.</summary>
    private static async Task ChangeAsync(TestDatabase database, HandFeed feed, Func<Task> change)
    {
        var before = database.Feed.Published.Count;
        await change();
        foreach (var published in database.Feed.Published.Skip(before)) await feed.DeliverAsync(published);
    }

    [Fact]
    public async Task AnOrderSentToAChosenDepartment_UpdatesItsFigure_TwoSecondsLater_WithoutEmptyingTheTable()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.Deputy);
        var (cut, feed, timers) = await OpenOnHousingAsync(ctx, database);
        Assert.Equal("0", Received(cut, database.Housing.Id));
        Assert.Equal("10:00:00", Updated(cut));

        await ChangeAsync(database, feed, () => database.SendRoadsToHousingAsync("Прочистить ливнёвку"));

        Assert.Equal(timers + 1, database.Clock.PendingTimers);                  // the wait has started
        Assert.Equal("0", Received(cut, database.Housing.Id));                    // the old figures stay meanwhile
        database.Clock.Advance(SettledRefresh.Settle);
        cut.WaitForAssertion(() => Assert.Equal("1", Received(cut, database.Housing.Id)), Wait);
        Assert.Equal("10:00:02", Updated(cut));
        Assert.Equal("1", cut.Find("[data-testid=trend-received]").TextContent);
        Assert.Equal(1, cut.Instance.Live!.Runs);
    }

    [Fact]
    public async Task AChangeToADepartmentNotChosen_DoesNotRecompute()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.Deputy);
        var (cut, feed, timers) = await OpenOnHousingAsync(ctx, database);

        // Roads is the deputy's too, but not chosen; Finance is not hers at all.
        await ChangeAsync(database, feed, () => database.SendAsync("Засыпать яму", database.Roads, TimeSpan.FromDays(2)));
        await ChangeAsync(database, feed, () => database.SendAsync("Смета", database.Finance, TimeSpan.FromDays(2)));

        Assert.Equal(timers, database.Clock.PendingTimers);
        database.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, cut.Instance.Live!.Runs);
        Assert.Equal("10:00:00", Updated(cut));

        // The same page does hear its own department.
        await ChangeAsync(database, feed, () => database.SendRoadsToHousingAsync());
        database.Clock.Advance(SettledRefresh.Settle);
        cut.WaitForAssertion(() => Assert.Equal("1", Received(cut, database.Housing.Id)), Wait);
        Assert.Equal(1, cut.Instance.Live.Runs);
    }

    [Fact]
    public async Task ABurstOfChanges_CostsOneRecomputation()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.Deputy);
        var (cut, feed, timers) = await OpenOnHousingAsync(ctx, database);

        for (var i = 1; i <= 5; i++)
            await ChangeAsync(database, feed, () => database.SendRoadsToHousingAsync($"Поручение {i}"));
        database.Clock.Advance(TimeSpan.FromSeconds(1));
        var first = await database.SendRoadsToHousingAsync("Принять сразу");
        await ChangeAsync(database, feed, async () =>
        {
            var accepted = await database.Orders.ExecuteAsync(database.HousingHead, first.Id, await database.VersionOfAsync(first.Id),
                new LiveOrders.Core.Orders.AcceptOrder());
            Assert.True(accepted.Ok, accepted.Message);
        });

        Assert.Equal(timers + 1, database.Clock.PendingTimers);
        database.Clock.Advance(TimeSpan.FromSeconds(1));                          // 2 s after the first change of the burst
        cut.WaitForAssertion(() => Assert.Equal("6", Received(cut, database.Housing.Id)), Wait);
        Assert.Equal(1, cut.Instance.Live!.Runs);
        database.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, cut.Instance.Live.Runs);
        Assert.Equal(timers, database.Clock.PendingTimers);
    }

    [Fact]
    public async Task AResync_ReloadsTheFigures()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.Deputy);
        var (cut, feed, _) = await OpenOnHousingAsync(ctx, database);
        await database.SendRoadsToHousingAsync();                               // a change whose news was lost on the way

        await feed.DeliverAsync(OrderChanged.Resync(database.Time.UtcNow));
        database.Clock.Advance(SettledRefresh.Settle);

        cut.WaitForAssertion(() => Assert.Equal("1", Received(cut, database.Housing.Id)), Wait);
    }

    [Fact]
    public async Task ClosingThePage_EndsItsSubscription()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.Deputy);
        var (cut, feed, _) = await OpenOnHousingAsync(ctx, database);

        await cut.InvokeAsync(() => cut.Instance.Dispose());

        Assert.Equal(0, feed.Subscribers);
    }

    [Fact]
    public async Task TheDrillDownList_AlsoFollowsTheFeed_ForItsDepartments()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.Deputy);
        var feed = new HandFeed();
        ctx.Services.AddSingleton<ILiveFeed>(feed);
        ctx.Render<MudPopoverProvider>();
        ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>()
            .NavigateTo($"/reports/orders?figure=Received&department={database.Housing.Id}&from=2026-03-01&to=2026-03-31");
        var list = ctx.Render<FigureOrdersPage>();
        list.WaitForAssertion(() => Assert.Equal("0", list.Find("[data-testid=figure-orders-count]").TextContent), Wait);
        list.WaitForAssertion(() => Assert.Equal(1, feed.Subscribers), Wait);
        var timers = database.Clock.PendingTimers;

        await ChangeAsync(database, feed, () => database.SendAsync("Не их", database.Roads, TimeSpan.FromDays(2)));
        Assert.Equal(timers, database.Clock.PendingTimers);
        await ChangeAsync(database, feed, () => database.SendRoadsToHousingAsync("Прочистить ливнёвку"));
        database.Clock.Advance(SettledRefresh.Settle);

        list.WaitForAssertion(() => Assert.Equal("1", list.Find("[data-testid=figure-orders-count]").TextContent), Wait);
        Assert.Contains("Прочистить ливнёвку", list.Markup);
    }
}
