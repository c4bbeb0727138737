using LiveOrders.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveOrders.Tests.Browser;

/// <summary>Several people at once, each in their own browser: what one does appears on the others' screens without a reload.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveTests(BrowserFixture browser)
{
    private const string Housing = "Управление жилищно-коммунального хозяйства";
    private const string Finance = "Финансовое управление";

    private static string Unique(string title) => $"{title} {Guid.NewGuid().ToString()[..6]}";

    private static ILocator Card(IPage page, string column, int orderId) =>
        page.GetByTestId($"column-{column}").Locator($"[data-testid=card][data-order-id='{orderId}']");

    // A tall window: earlier tests leave many cards on the board, and a drag needs both ends on screen.
    private static async Task<IPage> OpenBoardAsync(BrowserFixture browser, string user, string path = "/board", IBrowser? on = null)
    {
        var page = await browser.SignInAsync(user, height: 3000, browser: on);
        await page.GotoAsync(path);
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.GetByTestId("column-New").WaitForAsync();
        return page;
    }

    [Fact]
    public async Task ACardMovedByOneHead_AppearsMovedOnAColleaguesBoard_AndAnUnrelatedBoardSeesNothing()
    {
        var author = await browser.SignInAsync("arch.head");
        var id = await BrowserFixture.CreateOrderAsync(author, Unique("Проверить люки на ул. Кирова"), Housing);
        var head = await OpenBoardAsync(browser, "zkh.head");
        var colleague = await OpenBoardAsync(browser, "zkh.1");
        var unrelated = await OpenBoardAsync(browser, "edu.1");
        await Expect(Card(colleague, "New", id)).ToBeVisibleAsync();
        await Expect(head.GetByTestId("presence")).ToContainTextAsync("Волкова Н. А.");

        await Card(head, "New", id).DragToAsync(head.GetByTestId("column-InProgress").GetByTestId("zone"));

        await Expect(Card(colleague, "InProgress", id)).ToBeVisibleAsync();
        await Expect(Card(colleague, "New", id)).ToHaveCountAsync(0);
        await Expect(Card(head, "InProgress", id)).ToBeVisibleAsync();
        await Expect(unrelated.Locator($"[data-order-id='{id}']")).ToHaveCountAsync(0);
        await head.ScreenshotAsync(new() { Path = Path.Combine(OrderLifeTests.ScreenshotDir(), "board-moved.png") });
        await colleague.ScreenshotAsync(new() { Path = Path.Combine(OrderLifeTests.ScreenshotDir(), "board-colleague.png") });

        foreach (var page in new[] { author, head, colleague, unrelated }) await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ARefusedMove_SnapsBack_WithTheReason()
    {
        var author = await browser.SignInAsync("arch.head");
        var id = await BrowserFixture.CreateOrderAsync(author, Unique("Согласовать схему парковок"), Housing);
        var head = await OpenBoardAsync(browser, "zkh.head");

        await Card(head, "New", id).DragToAsync(head.GetByTestId("column-Done").GetByTestId("zone"));

        await Expect(head.GetByTestId("board-message")).ToContainTextAsync("Сначала примите поручение в работу.");
        await Expect(Card(head, "New", id)).ToBeVisibleAsync();
        await author.Context.CloseAsync();
        await head.Context.CloseAsync();
    }

    [Fact]
    public async Task TwoPeopleDraggingTheSameCardAtOnce_OneWins_TheOtherSeesWhyAndTheFreshCard()
    {
        var author = await browser.SignInAsync("arch.head");
        var id = await BrowserFixture.CreateOrderAsync(author, Unique("Осмотреть детскую площадку"), Housing);
        var first = await OpenBoardAsync(browser, "zkh.head");
        await using var otherDesk = await browser.LaunchBrowserAsync();
        var second = await OpenBoardAsync(browser, "zkh.head", on: otherDesk);
        await Expect(Card(second, "New", id)).ToBeVisibleAsync();

        // The second person picks the card up first and is still dragging it when the first one drops it.
        await Card(second, "New", id).ScrollIntoViewIfNeededAsync();
        var from = (await Card(second, "New", id).BoundingBoxAsync())!;
        await second.Mouse.MoveAsync(from.X + from.Width / 2, from.Y + from.Height / 2);
        await second.Mouse.DownAsync();
        await second.Mouse.MoveAsync(from.X + from.Width / 2 + 15, from.Y + from.Height / 2 + 15, new() { Steps = 3 });
        await Expect(Card(second, "New", id).Locator("xpath=..")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("lo-dragging"));   // the server has seen the drag start
        await Card(first, "New", id).DragToAsync(first.GetByTestId("column-InProgress").GetByTestId("zone"));
        await Expect(Card(second, "InProgress", id)).ToBeVisibleAsync();     // the fresh card is already there
        var to = (await second.GetByTestId("column-InProgress").GetByTestId("zone").BoundingBoxAsync())!;
        await second.Mouse.MoveAsync(to.X + to.Width / 2, to.Y + to.Height - 20, new() { Steps = 5 });
        await second.Mouse.UpAsync();

        // One winner; the other is told why, and both boards show the card accepted once.
        await Expect(second.GetByTestId("board-message")).ToContainTextAsync("только что изменил другой пользователь");
        await Expect(first.GetByTestId("board-message")).ToHaveCountAsync(0);
        await Expect(Card(first, "InProgress", id)).ToBeVisibleAsync();
        await Expect(Card(second, "InProgress", id)).ToBeVisibleAsync();

        var order = await browser.SignInAsync("zkh.head");
        await order.GotoAsync($"/orders/{id}");
        await Expect(order.GetByTestId("timeline").Locator("text=Принято в работу")).ToHaveCountAsync(1);
        foreach (var page in new[] { author, first, second, order }) await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OnAPhoneWithTouch_TheCardsMenu_OffersOnlyTheAllowedMove_AndMovesTheCardOnEveryBoard()
    {
        var author = await browser.SignInAsync("arch.head");
        var id = await BrowserFixture.CreateOrderAsync(author, Unique("Закрасить граффити на остановке"), Housing);
        var desk = await OpenBoardAsync(browser, "zkh.1");
        var phone = await SignInWithTouchAsync("zkh.head", 390, 844);
        await phone.GotoAsync("/board");
        await BrowserFixture.WaitInteractiveAsync(phone);
        await Expect(phone.GetByTestId("column-InProgress")).ToBeVisibleAsync();

        await Card(phone, "New", id).GetByTestId("card-move").Locator("button").TapAsync();

        // A new order may only be accepted: the menu offers «В работе» and nothing else.
        await Expect(phone.GetByTestId("move-InProgress")).ToBeVisibleAsync();
        await Expect(phone.Locator("[data-testid^=move-]")).ToHaveCountAsync(1);
        await phone.GetByTestId("move-InProgress").TapAsync();

        await Expect(Card(phone, "InProgress", id)).ToHaveCountAsync(1);
        await Expect(Card(desk, "InProgress", id)).ToBeVisibleAsync();
        await Expect(Card(desk, "New", id)).ToHaveCountAsync(0);
        await phone.ScreenshotAsync(new() { Path = Path.Combine(OrderLifeTests.ScreenshotDir(), "board-phone-moved.png") });
        foreach (var page in new[] { author, desk, phone }) await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OnATabletWithTouch_DraggingACardWithAFinger_MovesIt()
    {
        var author = await browser.SignInAsync("arch.head");
        var id = await BrowserFixture.CreateOrderAsync(author, Unique("Заменить лампы в подъезде"), Housing);
        var tablet = await SignInWithTouchAsync("zkh.head", 820, 3000);
        await tablet.GotoAsync("/board");
        await BrowserFixture.WaitInteractiveAsync(tablet);
        await Expect(Card(tablet, "New", id)).ToBeVisibleAsync();

        var from = (await Card(tablet, "New", id).BoundingBoxAsync())!;
        var to = (await tablet.GetByTestId("column-InProgress").GetByTestId("zone").BoundingBoxAsync())!;
        var touch = await tablet.Context.NewCDPSessionAsync(tablet);
        async Task TouchAsync(string type, double x, double y) => await touch.SendAsync("Input.dispatchTouchEvent", new Dictionary<string, object>
        {
            ["type"] = type,
            ["touchPoints"] = type == "touchEnd" ? Array.Empty<object>() : new object[] { new Dictionary<string, object> { ["x"] = x, ["y"] = y } },
        });
        double x0 = from.X + 20, y0 = from.Y + from.Height - 15, x1 = to.X + to.Width / 2, y1 = to.Y + 30;
        await TouchAsync("touchStart", x0, y0);
        for (var step = 1; step <= 10; step++) await TouchAsync("touchMove", x0 + (x1 - x0) * step / 10, y0 + (y1 - y0) * step / 10);
        await TouchAsync("touchEnd", x1, y1);

        await Expect(Card(tablet, "InProgress", id)).ToBeVisibleAsync();
        await Expect(Card(tablet, "New", id)).ToHaveCountAsync(0);
        foreach (var page in new[] { author, tablet }) await page.Context.CloseAsync();
    }

    /// <summary>A phone or tablet: a touch screen of the given size, signed in as <paramref name="user"/>.</summary>
    private async Task<IPage> SignInWithTouchAsync(string user, int width, int height)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.App.BaseUrl,
            Locale = "ru-RU",
            ViewportSize = new ViewportSize { Width = width, Height = height },
            HasTouch = true,
            IsMobile = width < 600,
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#userName", user);
        await page.FillAsync("#password", BrowserFixture.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login"));
        return page;
    }

    [Fact]
    public async Task ACommentAppearsOnAnotherReadersPage_AndAHalfTypedCommentSurvivesAChange()
    {
        var author = await browser.SignInAsync("arch.head");
        var title = Unique("Уточнить адреса для ямочного ремонта");
        var id = await BrowserFixture.CreateOrderAsync(author, title, Housing);
        var head = await browser.SignInAsync("zkh.head");
        await head.GotoAsync($"/orders/{id}");
        await BrowserFixture.WaitInteractiveAsync(head);
        await Expect(author.GetByTestId("presence")).ToContainTextAsync("Кузнецов М. П.");

        await head.GetByTestId("comment-text").FillAsync("Половина мысли, ещё не отправлено");
        await Expect(author.GetByTestId("typing")).ToContainTextAsync("Кузнецов М. П. печатает…");
        await author.GetByTestId("comment-text").FillAsync("Коллеги, адреса приложу к вечеру.");
        await author.GetByTestId("comment-send").ClickAsync();
        await Expect(head.GetByTestId("timeline-comment").First).ToContainTextAsync("Коллеги, адреса приложу к вечеру.");

        // The author changes the order while the head is typing: the page follows, the draft stays.
        await author.GetByTestId("action-Cancel").ClickAsync();
        await author.GetByTestId("reason").FillAsync("Адреса уже включены в план");
        await author.GetByTestId("confirm").ClickAsync();
        await Expect(head.GetByTestId("order").GetByTestId("status").First).ToHaveTextAsync("Отменено");
        await Expect(head.GetByTestId("order-message")).ToContainTextAsync("Поручение только что изменилось: отменено");
        await Expect(head.GetByTestId("comment-text")).ToHaveValueAsync("Половина мысли, ещё не отправлено");

        // Markup in a comment is shown as text, never run.
        await author.GetByTestId("comment-text").FillAsync("<b>жирный</b><script>window.__hacked = true</script>");
        await author.GetByTestId("comment-send").ClickAsync();
        await Expect(head.GetByTestId("timeline-comment").First).ToContainTextAsync("<b>жирный</b><script>");
        Assert.False(await head.EvaluateAsync<bool>("() => window.__hacked === true"));
        await author.Context.CloseAsync();
        await head.Context.CloseAsync();
    }

    [Fact]
    public async Task AnOrderForwardedFromOneDepartmentToAnother_LeavesTheFirstBoard_AndAppearsOnTheSecond()
    {
        var author = await browser.SignInAsync("arch.head");
        var id = await BrowserFixture.CreateOrderAsync(author, Unique("Расчёт стоимости ремонта подъездов"), Housing);
        var housingBoard = await OpenBoardAsync(browser, "zkh.1");
        var financeBoard = await OpenBoardAsync(browser, "fin.1");
        await Expect(Card(housingBoard, "New", id)).ToBeVisibleAsync();
        await Expect(financeBoard.Locator($"[data-order-id='{id}']")).ToHaveCountAsync(0);

        var head = await browser.SignInAsync("zkh.head");
        await head.GotoAsync($"/orders/{id}");
        await BrowserFixture.WaitInteractiveAsync(head);
        await head.GetByTestId("action-Forward").ClickAsync();
        await OrderLifeTests.PickInDialogAsync(head, "forward-department", Finance);   // the order page's MudSelect
        await head.GetByTestId("reason").FillAsync("Расчёт стоимости — компетенция финансового управления.");
        await head.GetByTestId("confirm").ClickAsync();

        await Expect(housingBoard.Locator($"[data-order-id='{id}']")).ToHaveCountAsync(0);
        await Expect(Card(financeBoard, "New", id)).ToBeVisibleAsync();
        await Expect(Card(financeBoard, "New", id)).ToContainTextAsync("↪ 1");
        await head.WaitForURLAsync("**/department");
        foreach (var page in new[] { author, housingBoard, financeBoard, head }) await page.Context.CloseAsync();
    }
}
