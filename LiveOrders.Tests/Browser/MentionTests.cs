using LiveOrders.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveOrders.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class MentionTests(BrowserFixture browser)
{
    [Fact]
    public async Task AMentionedColleague_IsOfferedAsYouType_AndTheirBellRingsAtOnce()
    {
        var author = await browser.SignInAsync("arch.head");
        var id = await BrowserFixture.CreateOrderAsync(author, $"Согласовать ограждение {Guid.NewGuid().ToString()[..6]}", "Управление жилищно-коммунального хозяйства");
        var colleague = await browser.SignInAsync("zkh.2");
        await colleague.GotoAsync("/board");
        await BrowserFixture.WaitInteractiveAsync(colleague);
        var before = await colleague.GetByTestId("bell-count").CountAsync() == 0 ? 0 : int.Parse(await colleague.GetByTestId("bell-count").InnerTextAsync());

        await author.GetByTestId("comment-text").PressSequentiallyAsync("Прошу проверить, @Павл");
        await author.GetByTestId("mention-suggestions").GetByRole(AriaRole.Button, new() { NameString = "Павлов Сергей Олегович" }).ClickAsync();
        await Expect(author.GetByTestId("comment-text")).ToHaveValueAsync("Прошу проверить, @Павлов С. О. ");
        await author.GetByTestId("comment-send").ClickAsync();

        await Expect(colleague.GetByTestId("bell-count")).ToHaveTextAsync((before + 1).ToString());
        await colleague.GetByTestId("bell").ClickAsync();
        var notification = colleague.GetByTestId("bell-panel").GetByTestId("notification").First;
        await Expect(notification).ToContainTextAsync("упоминает вас в комментарии");
        await notification.ClickAsync();
        await colleague.WaitForURLAsync($"**/orders/{id}");
        await Expect(colleague.GetByTestId("timeline-comment").First).ToContainTextAsync("Прошу проверить, @Павлов С. О.");
        await author.Context.CloseAsync();
        await colleague.Context.CloseAsync();
    }
}
