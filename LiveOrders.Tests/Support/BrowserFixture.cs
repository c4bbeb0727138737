using Microsoft.Playwright;

namespace LiveOrders.Tests.Support;

/// <summary>One app process and one headless Chromium (Debian's) shared by the browser tests of a class.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Password = "Demo2026!";
    private IPlaywright? _playwright;

    public AppProcess App { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        App = await AppProcess.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchBrowserAsync();
    }

    /// <summary>
    /// Another Chromium process. Drag and drop is a browser-wide state in Chromium, so two people dragging at
    /// the same moment need two browsers, as they would have on two desks.
    /// </summary>
    public Task<IBrowser> LaunchBrowserAsync() => _playwright!.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    });

    /// <summary>A separate browser context (its own cookies) signed in as <paramref name="userName"/>.</summary>
    public async Task<IPage> SignInAsync(string userName, int width = 1400, int height = 900, string locale = "ru-RU", IBrowser? browser = null)
    {
        var context = await (browser ?? Browser).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login"));
        await WaitInteractiveAsync(page);
        return page;
    }

    /// <summary>
    /// Picks files in a file input of the page (MudFileUpload, Blazor's InputFile). The input listens for the change
    /// only once its first render's JS init has run, a moment after the circuit is up; files set before that are
    /// dropped without a trace (a loaded full run saw «Файлов нет» after 20 s), so wait for that init first.
    /// </summary>
    public static async Task SetFilesAsync(IPage page, string testId, params FilePayload[] files)
    {
        var input = page.GetByTestId(testId);
        await input.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.WaitForFunctionAsync($"() => document.querySelector('[data-testid={testId}]')?._blazorInputFileNextFileId !== undefined");
        await input.SetInputFilesAsync(files);
    }

    /// <summary>Blazor's circuit is up: clicks from now on reach the server.</summary>
    public static Task WaitInteractiveAsync(IPage page) =>
        page.Locator(".lo-body[data-interactive]").WaitForAsync();

    /// <summary>
    /// Picks an option in a select (a MudSelect or anything that opens a listbox of role=option):
    /// opens it by its test id, then clicks the option by its accessible name.
    /// A multi-select stays open for more picks; press Escape to close it.
    /// </summary>
    /// <summary>
    /// The step a person with a one-time password from the administration is sent to after signing in: they type it
    /// and a password of their own, as they would, and go on to their orders.
    /// </summary>
    public static async Task ReplaceOneTimePasswordAsync(IPage page, string oneTimePassword, string newPassword)
    {
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/settings/security");
        await Assertions.Expect(page.GetByTestId("password-required")).ToContainTextAsync("Смените пароль, выданный администратором");
        await page.GetByTestId("password-current").FillAsync(oneTimePassword);
        await page.GetByTestId("password-new").FillAsync(newPassword);
        await page.GetByTestId("password-repeat").FillAsync(newPassword);
        await page.GetByTestId("password-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("password-message")).ToContainTextAsync("Пароль изменён");
        await page.GetByTestId("security-back").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
    }

    public static async Task PickAsync(IPage page, string testId, string option)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }

    /// <summary>
    /// Closes a multi-select once the pick has reached the server (the option shows selected). An Escape
    /// that lands while the pick is still on its way can be lost, so it is pressed again until the list is gone.
    /// </summary>
    public static async Task CloseMultiSelectAsync(IPage page, string pickedOption)
    {
        var option = page.GetByRole(AriaRole.Option, new() { Name = pickedOption, Exact = true });
        await Microsoft.Playwright.Assertions.Expect(option).ToHaveAttributeAsync("aria-selected", "true");
        for (var attempt = 1; ; attempt++)
        {
            await page.Keyboard.PressAsync("Escape");
            try
            {
                await Microsoft.Playwright.Assertions.Expect(option).ToBeHiddenAsync(new() { Timeout = 3000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3) { }
        }
    }

    /// <summary>Creates and sends an order through the creation form, as its author would; returns its id.</summary>
    public static async Task<int> CreateOrderAsync(IPage author, string title, string department)
    {
        await author.GotoAsync("/orders/new");
        await WaitInteractiveAsync(author);
        await author.GetByTestId("title").FillAsync(title);
        await PickAsync(author, "departments", department);
        await CloseMultiSelectAsync(author, department);
        await author.GetByTestId("send").ClickAsync();
        await author.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/orders/\d+$"));
        return int.Parse(author.Url.Split('/').Last());
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }
}
