using Bunit;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;

namespace LiveOrders.Tests.Components.Orders;

public sealed class CorrectionDialogTests
{
    [Fact]
    public async Task TheAuthorCorrectsTheTitle_TheTimelineShowsBeforeAndAfter_AndTheExecutorsOpenPageFollowsAtOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync("Отремонтировать ливнёвку")).Id;
        await using var executor = await OrderPageHarness.CreateAsync(database, database.HousingHead);
        var executorsPage = executor.Open(id);
        Assert.Empty(executorsPage.FindAll("[data-testid=action-Correct]"));
        await using var author = await OrderPageHarness.CreateAsync(database, database.RoadsHead);
        var page = author.Open(id);

        page.Find("[data-testid=action-Correct]").Click();
        var title = author.Dialogs.WaitForElement("[data-testid=correction-title]");
        Assert.Equal("Отремонтировать ливнёвку", title.GetAttribute("value"));
        title.Input("Отремонтировать ливнёвку на ул. Мира");
        author.Dialogs.Find("[data-testid=confirm]").Click();

        author.Toasts.WaitForAssertion(() => Assert.Contains("Исправление сохранено", author.Toasts.Markup));
        page.WaitForAssertion(() => Assert.Equal("Отремонтировать ливнёвку на ул. Мира", page.Find("[data-testid=order-title]").TextContent.Trim()));
        Assert.Contains(page.FindAll("[data-testid=timeline-event]"), e => e.TextContent.Contains("Исправлено")
            && e.TextContent.Contains("Название: «Отремонтировать ливнёвку» → «Отремонтировать ливнёвку на ул. Мира»"));
        executorsPage.WaitForAssertion(() =>
            Assert.Equal("Отремонтировать ливнёвку на ул. Мира", executorsPage.Find("[data-testid=order-title]").TextContent.Trim()));
    }

    [Fact]
    public async Task AnEmptyTitle_IsRefusedInTheDialog_KeepsWhatWasTyped_AndChangesNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync()).Id;
        await using var author = await OrderPageHarness.CreateAsync(database, database.RoadsHead);
        var page = author.Open(id);
        var version = await database.VersionOfAsync(id);

        page.Find("[data-testid=action-Correct]").Click();
        author.Dialogs.WaitForElement("[data-testid=correction-text]").Input("Новый текст");
        author.Dialogs.Find("[data-testid=correction-title]").Input("   ");
        author.Dialogs.Find("[data-testid=confirm]").Click();

        author.Dialogs.WaitForAssertion(() =>
            Assert.Equal("Укажите заголовок поручения.", author.Dialogs.Find("[data-testid=action-error]").TextContent.Trim()));
        Assert.Equal("Новый текст", author.Dialogs.Find("[data-testid=correction-text]").GetAttribute("value") ?? author.Dialogs.Find("[data-testid=correction-text]").TextContent);
        Assert.Equal(version, await database.VersionOfAsync(id));
    }

    [Fact]
    public async Task ACorrectionFromAStalePage_IsAConflict_AndThePageShowsTheFreshState()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync("Первое название")).Id;
        await using var author = await OrderPageHarness.CreateAsync(database, database.RoadsHead);
        var page = author.Open(id);
        page.Find("[data-testid=action-Correct]").Click();
        author.Dialogs.WaitForElement("[data-testid=correction-title]").Input("Моё исправление");

        // Meanwhile the order moves on (the page's copy is now stale).
        var accepted = await database.Orders.ExecuteAsync(database.HousingHead, id, await database.VersionOfAsync(id), new AcceptOrder());
        Assert.True(accepted.Ok, accepted.Message);
        author.Dialogs.Find("[data-testid=confirm]").Click();

        author.Toasts.WaitForAssertion(() => Assert.Contains("только что изменил другой пользователь", author.Toasts.Markup));
        page.WaitForAssertion(() => Assert.Equal("В работе", page.Find("[data-testid=order] [data-testid=status]").TextContent));
        Assert.Equal("Первое название", page.Find("[data-testid=order-title]").TextContent.Trim());
    }
}
