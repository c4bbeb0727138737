using Bunit;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using LiveOrders.Core.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Components.Orders;

public sealed class CommentBoxTests
{
    [Fact]
    public async Task TypingAfterAnAt_SuggestsOnlyPeopleWhoMaySeeTheOrder()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync()).Id;
        await using var harness = await OrderPageHarness.CreateAsync(database, database.RoadsHead);
        var page = harness.Open(id);

        page.Find("[data-testid=comment-text]").Input("Прошу @Жил");
        page.WaitForElement("[data-testid=mention-suggestions]");
        var names = page.FindAll("[data-testid=mention-option]").Select(o => o.TextContent).ToList();
        Assert.Contains(names, n => n.Contains("Жилищный Сотрудник"));
        Assert.Contains(names, n => n.Contains("Жилищный Начальник"));

        page.Find("[data-testid=comment-text]").Input("Прошу @Фин");   // Finance does not see this order
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=mention-suggestions]")));
    }

    [Fact]
    public async Task PickingASuggestion_WritesTheShortName_AndTheCommentNotifiesThatPerson()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync()).Id;
        await using var harness = await OrderPageHarness.CreateAsync(database, database.RoadsHead);
        var page = harness.Open(id);

        page.Find("[data-testid=comment-text]").Input("Прошу проверить, @Сотр");
        PickMention(page, "Жилищный Сотрудник");
        page.WaitForAssertion(() => Assert.Equal("Прошу проверить, @Жилищный С. ", page.Find("[data-testid=comment-text]").GetAttribute("value")));
        page.Find("[data-testid=comment-send]").Click();

        page.WaitForAssertion(() => Assert.Contains("Прошу проверить, @Жилищный С.", page.Find("[data-testid=timeline-comment]").TextContent));
        await using var db = database.CreateDbContext();
        Assert.True(await db.Notifications.AnyAsync(n => n.RecipientId == database.HousingClerk.EmployeeId && n.OrderId == id));
        Assert.Equal("", page.Find("[data-testid=comment-text]").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task MentioningSomeoneWhoNoLongerSeesTheOrder_IsRefusedInRussian_AndTheDraftStays()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync()).Id;
        await using var harness = await OrderPageHarness.CreateAsync(database, database.RoadsHead);
        var page = harness.Open(id);
        page.Find("[data-testid=comment-text]").Input("Прошу проверить, @Сотр");
        PickMention(page, "Жилищный Сотрудник");

        // Meanwhile the order leaves Housing: the mentioned clerk no longer sees it.
        var forwarded = await database.Orders.ExecuteAsync(database.HousingHead, id, await database.VersionOfAsync(id), new ForwardOrder(database.Finance.Id, "Не наше"));
        Assert.True(forwarded.Ok, forwarded.Message);
        page.WaitForAssertion(() => Assert.Equal(database.Finance.Name, page.Find("[data-testid=executing-department]").TextContent));
        page.Find("[data-testid=comment-send]").Click();

        page.WaitForAssertion(() => Assert.Equal("Упомянуть можно только того, кто видит это поручение.", page.Find("[data-testid=comment-error]").TextContent.Trim()));
        Assert.Equal("Прошу проверить, @Жилищный С. ", page.Find("[data-testid=comment-text]").GetAttribute("value"));
        Assert.Empty(page.FindAll("[data-testid=timeline-comment]"));
    }

    [Fact]
    public async Task AHalfTypedComment_SurvivesAChangeMadeBySomeoneElse()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync()).Id;
        await using var harness = await OrderPageHarness.CreateAsync(database, database.HousingHead);
        var page = harness.Open(id);
        page.Find("[data-testid=comment-text]").Input("Половина мысли");

        var cancelled = await database.Orders.ExecuteAsync(database.RoadsHead, id, await database.VersionOfAsync(id), new CancelOrder("Адреса уже в плане"));
        Assert.True(cancelled.Ok, cancelled.Message);

        page.WaitForAssertion(() => Assert.Equal("Отменено", page.Find("[data-testid=order] [data-testid=status]").TextContent));
        Assert.Contains("отменено", page.Find("[data-testid=order-message]").TextContent);
        Assert.Equal("Половина мысли", page.Find("[data-testid=comment-text]").GetAttribute("value"));
    }

    [Fact]
    public async Task ACommentArrivingOnTheFeed_AppearsInTheTimeline_AsTextNotMarkup()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync()).Id;
        await using var harness = await OrderPageHarness.CreateAsync(database, database.HousingHead);
        var page = harness.Open(id);
        Assert.Empty(page.FindAll("[data-testid=timeline-comment]"));

        var posted = await database.Orders.CommentAsync(database.RoadsHead, id, "<b>жирный</b><script>alert(1)</script>");
        Assert.True(posted.Ok, posted.Message);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=timeline-comment]")));
        var comment = page.Find("[data-testid=timeline-comment]");
        Assert.Contains("<b>жирный</b><script>alert(1)</script>", comment.TextContent);
        Assert.Empty(comment.QuerySelectorAll("b, script"));
        Assert.Contains(database.RoadsHead.FullName, comment.TextContent);
    }

    [Fact]
    public async Task AnEmptyComment_IsRefusedInRussian_AndNothingIsPosted()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync()).Id;
        await using var harness = await OrderPageHarness.CreateAsync(database, database.HousingHead);
        var page = harness.Open(id);
        var published = database.Feed.Published.Count;

        page.Find("[data-testid=comment-send]").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(page.Find("[data-testid=comment-error]").TextContent.Trim()));
        Assert.Matches("[А-Яа-я]", page.Find("[data-testid=comment-error]").TextContent);
        Assert.Equal(published, database.Feed.Published.Count);
    }

    [Fact]
    public async Task TypingAComment_MarksTheWriterAsTypingOnThatOrder()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = (await database.SendRoadsToHousingAsync()).Id;
        await using var harness = await OrderPageHarness.CreateAsync(database, database.HousingHead);
        var presence = harness.Context.Services.GetRequiredService<Presence>();
        var page = harness.Open(id);
        page.WaitForAssertion(() => Assert.Contains(presence.Members($"order:{id}"), m => m.EmployeeId == database.HousingHead.EmployeeId));
        Assert.All(presence.Members($"order:{id}"), m => Assert.Null(m.TypingUntil));

        page.Find("[data-testid=comment-text]").Input("Пишу…");

        Assert.NotNull(Assert.Single(presence.Members($"order:{id}")).TypingUntil);
    }

    private static void PickMention<T>(IRenderedComponent<T> page, string name) where T : Microsoft.AspNetCore.Components.IComponent
    {
        page.WaitForElement("[data-testid=mention-option]");
        page.FindAll("[data-testid=mention-option]").Single(o => o.TextContent.Contains(name)).Click();
    }
}
