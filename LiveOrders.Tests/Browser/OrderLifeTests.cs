using System.Text.RegularExpressions;
using LiveOrders.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveOrders.Tests.Browser;

/// <summary>What people do, in a real Chromium against the real app process, several people at once.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OrderLifeTests(BrowserFixture browser)
{
    [Fact]
    public async Task AnOrderGoesFromOneHeadToAnotherDepartment_AndThroughItsWholeLife()
    {
        var title = $"Подготовить схему ремонта дворов {Guid.NewGuid().ToString()[..6]}";

        // The head of architecture issues an order to housing (ЖКХ).
        var author = await browser.SignInAsync("arch.head");
        await author.GotoAsync("/orders/new");
        await BrowserFixture.WaitInteractiveAsync(author);
        await author.GetByTestId("title").FillAsync(title);
        await author.GetByTestId("text").FillAsync("Согласовать перечень дворов на 2027 год и очерёдность работ.");
        await BrowserFixture.PickAsync(author, "departments", "Управление жилищно-коммунального хозяйства");
        await BrowserFixture.CloseMultiSelectAsync(author, "Управление жилищно-коммунального хозяйства");
        await author.GetByTestId("send").ClickAsync();
        await author.WaitForURLAsync(new Regex(@"/orders/\d+$"));
        await Expect(author.GetByTestId("order-title")).ToHaveTextAsync(title);
        await Expect(author.GetByTestId("order").GetByTestId("status").First).ToHaveTextAsync("Новое");
        var number = await author.GetByTestId("order-number").InnerTextAsync();
        Assert.Matches(@"^П-\d{4}/\d{4}$", number);
        var orderUrl = new Uri(author.Url).AbsolutePath;

        // The head of housing, in another browser, finds it in the department's list, accepts it and assigns an executor.
        var head = await browser.SignInAsync("zkh.head");
        await head.GotoAsync("/department");
        await BrowserFixture.WaitInteractiveAsync(head);
        await head.GetByTestId("search").FillAsync(number);
        var row = head.GetByTestId("order-list").Locator("tr", new() { HasText = title });
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.GetByTestId("status")).ToHaveTextAsync("Новое");
        await row.GetByText(number).ClickAsync();
        await head.WaitForURLAsync($"**{orderUrl}");
        await head.GetByTestId("action-Accept").ClickAsync();
        await Expect(head.GetByTestId("order").GetByTestId("status").First).ToHaveTextAsync("В работе");
        await Expect(head.GetByText("Поручение принято в работу.")).ToBeVisibleAsync();   // the toast
        await head.GetByTestId("action-Assign").ClickAsync();
        await PickInDialogAsync(head, "responsible-picker", "Волкова Наталья Андреевна");
        await head.GetByTestId("confirm").ClickAsync();
        await Expect(head.GetByTestId("responsible")).ToHaveTextAsync("Волкова Наталья Андреевна");

        // The author's page, open all along, shows the new state without a reload.
        await Expect(author.GetByTestId("order").GetByTestId("status").First).ToHaveTextAsync("В работе");
        await Expect(author.GetByTestId("responsible")).ToHaveTextAsync("Волкова Наталья Андреевна");

        // The executor submits it for review.
        var executor = await browser.SignInAsync("zkh.1");
        await executor.GotoAsync(orderUrl);
        await BrowserFixture.WaitInteractiveAsync(executor);
        await executor.GetByTestId("action-Submit").ClickAsync();
        await executor.GetByTestId("reason").FillAsync("Перечень согласован, схема приложена.");
        await executor.GetByTestId("confirm").ClickAsync();
        await Expect(executor.GetByTestId("order").GetByTestId("status").First).ToHaveTextAsync("На проверке");
        await Expect(executor.GetByTestId("actions").GetByRole(AriaRole.Button)).ToHaveCountAsync(0);

        // The author approves it with a mark.
        await Expect(author.GetByTestId("order").GetByTestId("status").First).ToHaveTextAsync("На проверке");
        await author.GetByTestId("action-Approve").ClickAsync();
        // The fifth star, clicked as a person does: once the dialog has stopped moving (a forced click at the radio's
        // place, computed while the dialog still opened, once missed under load and the order was approved without a mark).
        var five = author.GetByTestId("mark").GetByRole(AriaRole.Radio, new() { Name = "Оценка 5" });
        await five.Locator("..").ClickAsync();
        await Expect(five).ToBeCheckedAsync();
        await author.GetByTestId("confirm").ClickAsync();
        await Expect(author.GetByTestId("order").GetByTestId("status").First).ToHaveTextAsync("Исполнено");
        await Expect(author.GetByTestId("timeline")).ToContainTextAsync("оценка 5 из 5");
        await Expect(author.GetByTestId("timeline")).ToContainTextAsync("Перечень согласован, схема приложена.");

        await author.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDir(), "order-done.png"), FullPage = true });
        await author.Context.CloseAsync();
        await head.Context.CloseAsync();
        await executor.Context.CloseAsync();
    }

    [Fact]
    public async Task BadInputOnTheCreationForm_IsExplainedInRussian_AndNothingIsCreated()
    {
        var page = await browser.SignInAsync("edu.head");
        await page.GotoAsync("/orders/new");
        await BrowserFixture.WaitInteractiveAsync(page);

        await page.GetByTestId("send").ClickAsync();
        await Expect(page.GetByTestId("error-title")).ToHaveTextAsync("Укажите заголовок поручения.");

        await page.GetByTestId("title").FillAsync(new string('Ж', 2000));
        await page.GetByTestId("send").ClickAsync();
        await Expect(page.GetByTestId("error-title")).ToContainTextAsync("длиннее 300 символов");

        await page.GetByTestId("title").FillAsync("Нормальный заголовок");
        await page.GetByTestId("send").ClickAsync();
        await Expect(page.GetByTestId("error-departments")).ToHaveTextAsync("Выберите хотя бы одно подразделение-исполнителя.");
        await Expect(page.GetByTestId("error-title")).ToHaveCountAsync(0);

        // A past date typed in the municipality's time is refused at the due field.
        await BrowserFixture.PickAsync(page, "departments", "Управление жилищно-коммунального хозяйства");
        await BrowserFixture.CloseMultiSelectAsync(page, "Управление жилищно-коммунального хозяйства");
        var dueDate = page.GetByTestId("due").GetByTestId("due-date");
        await dueDate.FillAsync("01.01.2020");
        await dueDate.PressAsync("Tab");
        await Expect(page.GetByTestId("due-summary")).ToContainTextAsync("1 января 2020");
        await page.GetByTestId("send").ClickAsync();
        await Expect(page.GetByTestId("error-dueAt")).ToHaveTextAsync("Срок исполнения уже прошёл: укажите срок в будущем.");
        Assert.EndsWith("/orders/new", page.Url);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ABrowserSetToEnglish_StillGetsARussianCalendar()
    {
        var page = await browser.SignInAsync("edu.1", locale: "en-US");
        await page.GotoAsync("/orders/new");
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Открыть календарь" }).ClickAsync();
        var calendar = page.GetByRole(AriaRole.Dialog, new() { Name = "Срок (местное время)" });
        await Expect(calendar).ToBeVisibleAsync();
        await Expect(calendar.GetByText("пн", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(calendar.GetByText("вс", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(calendar.GetByText("Mon", new() { Exact = true })).ToHaveCountAsync(0);
        await Expect(calendar.GetByText(new Regex("January|February|March|April|May|June|July|August|September|October|November|December"))).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    /// <summary>Picks an option of a MudSelect: the select's wrapper by its test id, then the option by its text.</summary>
    internal static async Task PickInDialogAsync(IPage page, string testId, string option)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }

    internal static string ScreenshotDir()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
