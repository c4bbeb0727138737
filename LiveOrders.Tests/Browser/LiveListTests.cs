using LiveOrders.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveOrders.Tests.Browser;

/// <summary>«Поручения отдела» and «Мои поручения» are live like the board: rows appear and change without a reload.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveListTests(BrowserFixture browser)
{
    private const string Housing = "Управление жилищно-коммунального хозяйства";

    /// <summary>A list opened and narrowed by search to one word of a title not created yet: empty until the order exists.</summary>
    private async Task<IPage> OpenListAsync(string user, string path, string word)
    {
        var page = await browser.SignInAsync(user);
        await page.GotoAsync(path);
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.GetByTestId("search").FillAsync(word);
        await Expect(page.GetByTestId("no-orders")).ToBeVisibleAsync();
        return page;
    }

    private static ILocator Row(IPage page, string title) =>
        page.GetByTestId("order-list").Locator("tr", new() { HasText = title });

    private async Task AcceptAsync(string user, int orderId)
    {
        var head = await browser.SignInAsync(user);
        await head.GotoAsync($"/orders/{orderId}");
        await BrowserFixture.WaitInteractiveAsync(head);
        await head.GetByTestId("action-Accept").ClickAsync();
        await Expect(head.GetByTestId("order").GetByTestId("status").First).ToHaveTextAsync("В работе");
        await head.Context.CloseAsync();
    }

    [Fact]
    public async Task AnOrderForTheDepartment_AppearsInItsOpenList_ThenItsNewStatusShows()
    {
        var word = $"Люк{Guid.NewGuid().ToString()[..6]}";
        var title = $"Заменить крышку {word} на ул. Кирова";
        var list = await OpenListAsync("zkh.head", "/department", word);
        await Expect(list.GetByTestId("list-heading")).ToHaveTextAsync("Поручения отдела");

        var author = await browser.SignInAsync("arch.head");
        var id = await BrowserFixture.CreateOrderAsync(author, title, Housing);

        var row = Row(list, title);
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.GetByTestId("status")).ToHaveTextAsync("Новое");

        await AcceptAsync("zkh.head", id);
        await Expect(row.GetByTestId("status")).ToHaveTextAsync("В работе");
        await list.ScreenshotAsync(new() { Path = Path.Combine(OrderLifeTests.ScreenshotDir(), "department-list-live.png") });

        await list.Context.CloseAsync();
        await author.Context.CloseAsync();
    }

    [Fact]
    public async Task AnOrderIWrote_AppearsInMyOrdersOpenElsewhere_ThenTheExecutorsAcceptanceShows()
    {
        var word = $"Двор{Guid.NewGuid().ToString()[..6]}";
        var title = $"Осмотреть площадку {word}";
        var mine = await OpenListAsync("arch.head", "/", word);

        var author = await browser.SignInAsync("arch.head");
        var id = await BrowserFixture.CreateOrderAsync(author, title, Housing);

        var row = Row(mine, title);
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.GetByTestId("status")).ToHaveTextAsync("Новое");

        await AcceptAsync("zkh.head", id);
        await Expect(row.GetByTestId("status")).ToHaveTextAsync("В работе");

        await mine.Context.CloseAsync();
        await author.Context.CloseAsync();
    }

    [Fact]
    public async Task TheControllersListOfEveryOrder_SaysSo()
    {
        var page = await browser.SignInAsync("ctrl.1");
        await page.GotoAsync("/department");
        await BrowserFixture.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("list-heading")).ToHaveTextAsync("Все поручения");
        await Expect(page.GetByTestId("list-subtitle")).ToContainTextAsync("Все поручения администрации");
        await Expect(page.GetByTestId("list-subtitle")).Not.ToContainTextAsync("отдела");
        await page.Context.CloseAsync();
    }
}
