using LiveOrders.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveOrders.Tests.Browser;

/// <summary>An administrator imports a structure; the people it creates sign in and show up on open screens at once.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportTests(BrowserFixture browser)
{
    private const string Housing = "Управление жилищно-коммунального хозяйства";

    [Fact]
    public async Task APersonImportedFromXlsx_SignsInWithTheOneTimePassword_AndAppearsOnTheHeadsOpenBoardWithoutReload()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var login = $"imp.{suffix}";
        const string fullName = "Импортова Ирина Тимуровна";
        var section = $"Отдел приёмки дворов {suffix}";

        // The head of ЖКХ has the department's board open.
        var head = await browser.SignInAsync("zkh.head");
        await head.GotoAsync("/board");
        await BrowserFixture.WaitInteractiveAsync(head);
        await head.GetByTestId("column-New").WaitForAsync();
        await Expect(head.GetByTestId("presence")).Not.ToContainTextAsync("Импортова");

        // The administrator imports a workbook made here: a new section under ЖКХ, and a person in ЖКХ itself.
        var admin = await browser.SignInAsync("admin");
        await admin.GotoAsync("/admin/import");
        await BrowserFixture.WaitInteractiveAsync(admin);
        var workbook = XlsxFile.Build(
            ("Подразделения", [XlsxFile.DepartmentHeader, [section, $"Приёмка {suffix}", Housing, "deputy2"]]),
            ("Сотрудники", [XlsxFile.PeopleHeader, [login, fullName, "Инженер", $"{login}@city.example", "ЖКХ", "Сотрудник", ""]]));
        await BrowserFixture.SetFilesAsync(admin, "import-file", new FilePayload
        {
            Name = "структура.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = workbook,
        });
        await Expect(admin.GetByTestId("import-preview")).ToBeVisibleAsync();
        await Expect(admin.Locator($"[data-testid=import-row][data-row='People-2']")).ToHaveAttributeAsync("data-action", "Create");
        await Expect(admin.Locator($"[data-testid=import-row][data-row='Departments-2']")).ToHaveAttributeAsync("data-action", "Create");
        await admin.GetByTestId("import-apply").ClickAsync();
        await Expect(admin.GetByTestId("import-done")).ToContainTextAsync("создано 2, изменено 0");
        await Expect(admin.GetByTestId("import-passwords-warning")).ToBeVisibleAsync();
        var password = (await admin.Locator($"[data-testid=import-account][data-login='{login}'] [data-testid=import-password]").InnerTextAsync()).Trim();
        Assert.Equal(14, password.Length);

        // The new person signs in with it and opens the board of their department.
        var newcomer = await SignInAsync(login, password);
        await newcomer.GotoAsync("/board");
        await BrowserFixture.WaitInteractiveAsync(newcomer);
        await newcomer.GetByTestId("column-New").WaitForAsync();
        await Expect(newcomer.Locator("h1")).ToContainTextAsync("ЖКХ");

        // The head sees them among those looking at the board, without reloading.
        await Expect(head.GetByTestId("presence")).ToContainTextAsync("Импортова И. Т.");
        await Expect(newcomer.GetByTestId("presence")).ToContainTextAsync("Кузнецов М. П.");

        // Importing the same file again changes nothing.
        await admin.GotoAsync("/admin/import");
        await BrowserFixture.WaitInteractiveAsync(admin);
        await BrowserFixture.SetFilesAsync(admin, "import-file", new FilePayload { Name = "структура.xlsx", MimeType = "application/octet-stream", Buffer = workbook });
        await Expect(admin.GetByTestId("import-count-unchanged")).ToContainTextAsync("Без изменений: 2");
        await Expect(admin.GetByTestId("import-apply")).ToBeDisabledAsync();

        await head.ScreenshotAsync(new() { Path = Path.Combine(OrderLifeTests.ScreenshotDir(), "import-board-presence.png") });
        foreach (var page in new[] { head, admin, newcomer }) await page.Context.CloseAsync();
    }

    private async Task<IPage> SignInAsync(string userName, string password)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.App.BaseUrl, Locale = "ru-RU", ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        // Imported people get one-time passwords: the first sign-in replaces it.
        await BrowserFixture.ReplaceOneTimePasswordAsync(page, password, "Svoj-Parol-2026");
        await BrowserFixture.WaitInteractiveAsync(page);
        return page;
    }
}
