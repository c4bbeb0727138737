using Bunit;
using LiveOrders.Core.Notifications;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Notifications;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LiveOrders.Tests.Components.Control;

/// <summary>The bell: the unread count, the panel, marking read, and notifications arriving live.</summary>
public sealed class NotificationBellTests
{
    private static (IRenderedComponent<MudPopoverProvider> Popovers, IRenderedComponent<NotificationBell> Bell) RenderBell(BunitContext ctx, TestDatabase database)
    {
        var popovers = ctx.Render<MudPopoverProvider>();
        var bell = ctx.Render<NotificationBell>(p => p.Add(b => b.Actor, database.HousingHead));
        return (popovers, bell);
    }

    private static string? Count(IRenderedComponent<NotificationBell> bell) =>
        bell.FindAll("[data-testid=bell-count]").SingleOrDefault()?.TextContent.Trim();

    [Fact]
    public async Task TheBell_ShowsHowManyNotificationsAreUnread()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.SendRoadsToHousingAsync("Первое");
        await database.SendRoadsToHousingAsync("Второе");
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingHead);

        var (_, bell) = RenderBell(ctx, database);

        bell.WaitForAssertion(() => Assert.Equal("2", Count(bell)));
        Assert.Contains("непрочитанных 2", bell.Find("[data-testid=bell]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task WithNothingUnread_TheBellShowsNoCount()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.SendRoadsToHousingAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.RoadsClerk);

        var bell = ctx.Render<NotificationBell>(p => p.Add(b => b.Actor, database.RoadsClerk));

        Assert.Null(Count(bell));
        Assert.Equal("0", bell.Find("[data-unread]").GetAttribute("data-unread"));
    }

    [Fact]
    public async Task MarkAllRead_ClearsTheCountAndTheInbox()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.SendRoadsToHousingAsync("Первое");
        await database.SendRoadsToHousingAsync("Второе");
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingHead);
        var (popovers, bell) = RenderBell(ctx, database);
        bell.WaitForAssertion(() => Assert.Equal("2", Count(bell)));

        bell.Find("[data-testid=bell]").Click();
        popovers.WaitForAssertion(() => Assert.Equal(2, popovers.FindAll("[data-testid=bell-panel] [data-testid=notification]").Count));
        popovers.Find("[data-testid=mark-all-read]").Click();

        bell.WaitForAssertion(() => Assert.Null(Count(bell)));
        Assert.All(popovers.FindAll("[data-testid=bell-panel] li"), li => Assert.Equal("true", li.GetAttribute("data-read")));
        Assert.Empty(popovers.FindAll("[data-testid=mark-all-read]"));
        Assert.Equal(0, await ctx.Services.GetRequiredService<NotificationInbox>().UnreadCountAsync(database.HousingHead));
    }

    [Fact]
    public async Task ANotificationArrivingLive_RaisesTheCount_AndShowsAToast()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.SendRoadsToHousingAsync("Первое");
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingHead);
        var (_, bell) = RenderBell(ctx, database);
        bell.WaitForAssertion(() => Assert.Equal("1", Count(bell)));

        await database.SendRoadsToHousingAsync("Прочистить ливнёвку на Садовой");

        bell.WaitForAssertion(() => Assert.Equal("2", Count(bell)));
        var toast = Assert.Single(ctx.Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Contains("новое поручение для вашего подразделения", toast.Message);
    }

    [Fact]
    public async Task OpeningANotification_MarksItRead_AndGoesToItsOrder()
    {
        await using var database = await TestDatabase.CreateAsync();
        var order = await database.SendRoadsToHousingAsync("Первое");
        await using var ctx = await ComponentTest.CreateAsync(database, database.HousingHead);
        var (popovers, bell) = RenderBell(ctx, database);
        bell.WaitForAssertion(() => Assert.Equal("1", Count(bell)));

        bell.Find("[data-testid=bell]").Click();
        popovers.WaitForElement("[data-testid=bell-panel] [data-testid=notification]").Click();

        bell.WaitForAssertion(() => Assert.Null(Count(bell)));
        Assert.EndsWith($"/orders/{order.Id}", ctx.Services.GetRequiredService<NavigationManager>().Uri);
        Assert.Empty(popovers.FindAll("[data-testid=bell-panel]"));
    }
}
