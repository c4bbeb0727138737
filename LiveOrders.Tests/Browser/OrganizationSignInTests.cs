using LiveOrders.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveOrders.Tests.Browser;

/// <summary>
/// Organisation sign-in in a real browser against a real provider (OpenIddict on 127.0.0.1): who gets in, as whom,
/// and who is turned away with nothing created for them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OrganizationSignInTests(BrowserFixture browser, OidcFixture oidc) : IClassFixture<OidcFixture>
{
    private async Task<IPage> NewPageAsync()
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = oidc.App.BaseUrl, Locale = "ru-RU", ViewportSize = new() { Width = 1400, Height = 900 } });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>From the sign-in page through the provider and back; returns the URL of the provider's callback.</summary>
    private async Task<string> SignInThroughProviderAsync(IPage page, OidcProvider.TestUser user, string start = "/login")
    {
        oidc.Provider.NextUser = user;
        string? callback = null;
        page.Request += (_, request) => { if (request.Url.Contains("/signin-organization")) callback = request.Url; };
        await page.GotoAsync(start);
        if (start == "/login") await page.GetByTestId("login-organization").ClickAsync();
        await page.Locator("#provider-sign-in").ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(oidc.App.BaseUrl) && !url.Contains("/signin-organization") && !url.Contains("/account/organization"));
        return callback ?? throw new InvalidOperationException("The provider never called back.");
    }

    private long Count(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={oidc.App.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={oidc.App.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task OrganizationSignIn_LandsOnMyOrders_AsTheEmployeeWithThatEmail()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/login");
        await Expect(page.GetByTestId("login-organization")).ToHaveTextAsync(OidcFixture.ButtonText);

        await SignInThroughProviderAsync(page, new("zkh.1@demo.liveorders.local", $"sub-{Guid.NewGuid():N}", EmailVerified: true));

        await BrowserFixture.WaitInteractiveAsync(page);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Мои поручения");
        await Expect(page.GetByTestId("current-user")).ToHaveTextAsync("Волкова Н. А.");
        // Signing in links nothing by itself: each sign-in is matched afresh (or by an administrator's link).
        Assert.Equal(0, Count("SELECT COUNT(*) FROM AspNetUserLogins WHERE LoginProvider LIKE 'Organization%' AND ProviderKey LIKE 'sub-%'"));
    }

    [Fact]
    public async Task AnUnknownEmail_GetsTheRussianRefusal_AndNothingIsCreated()
    {
        var (users, employees, logins) = (Count("SELECT COUNT(*) FROM AspNetUsers"), Count("SELECT COUNT(*) FROM Employees"), Count("SELECT COUNT(*) FROM AspNetUserLogins"));
        var page = await NewPageAsync();

        await SignInThroughProviderAsync(page, new("stranger@elsewhere.example", "sub-stranger", EmailVerified: true));

        await Expect(page.GetByTestId("organization-refused")).ToContainTextAsync("Вас нет в списке сотрудников");
        await Expect(page.GetByTestId("organization-refused")).ToContainTextAsync("Обратитесь к администратору LiveOrders");
        Assert.Equal((users, employees, logins), (Count("SELECT COUNT(*) FROM AspNetUsers"), Count("SELECT COUNT(*) FROM Employees"), Count("SELECT COUNT(*) FROM AspNetUserLogins")));
        await page.GotoAsync("/");
        await page.WaitForURLAsync(url => url.Contains("/login"));
    }

    /// <summary>
    /// Many providers let a person type any address into their profile. An unverified address equal to the
    /// administrator's must not make its holder the administrator.
    /// </summary>
    [Fact]
    public async Task AnUnverifiedEmailEqualToTheAdministrators_IsRefused()
    {
        var page = await NewPageAsync();
        await SignInThroughProviderAsync(page, new("admin@demo.liveorders.local", "sub-impostor", EmailVerified: false));

        await Expect(page.GetByTestId("organization-refused")).ToContainTextAsync("Вас нет в списке сотрудников");
        await page.GotoAsync("/");
        await page.WaitForURLAsync(url => url.Contains("/login"));
    }

    [Fact]
    public async Task ADeactivatedEmployee_IsRefusedLikeAStranger()
    {
        Execute("UPDATE Employees SET IsActive = 0 WHERE Email = 'law.head@demo.liveorders.local'");
        var page = await NewPageAsync();

        await SignInThroughProviderAsync(page, new("law.head@demo.liveorders.local", "sub-law-head", EmailVerified: true));

        await Expect(page.GetByTestId("organization-refused")).ToContainTextAsync("Вас нет в списке сотрудников");
        await page.GotoAsync("/");
        await page.WaitForURLAsync(url => url.Contains("/login"));
    }

    [Fact]
    public async Task AReplayedCallback_SignsNobodyIn()
    {
        var victim = await NewPageAsync();
        var callback = await SignInThroughProviderAsync(victim, new("edu.head@demo.liveorders.local", "sub-edu-head", EmailVerified: true));
        await Expect(victim.GetByTestId("current-user")).ToBeVisibleAsync();

        // The same code and state in another browser (a leaked URL), and again in the victim's own.
        var attacker = await NewPageAsync();
        await attacker.GotoAsync(callback);
        await attacker.WaitForURLAsync(url => url.Contains("/login?error=organization"));
        await attacker.GotoAsync("/");
        await attacker.WaitForURLAsync(url => url.Contains("/login"));
        await victim.GotoAsync(callback);
        await victim.WaitForURLAsync(url => url.Contains("/login?error=organization"));
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("https://evil.example/x")]
    [InlineData("/\\evil.example")]
    public async Task AForeignReturnUrl_LandsOnTheAppsHome(string returnUrl)
    {
        var page = await NewPageAsync();
        await SignInThroughProviderAsync(page, new("arch.1@demo.liveorders.local", "sub-arch-1", EmailVerified: true),
            start: $"/account/organization?returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal($"{oidc.App.BaseUrl}/", page.Url);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Мои поручения");
    }

    [Fact]
    public async Task AnAdministratorsLink_LetsInSomeoneWhoseEmailDiffers_AndIsAudited()
    {
        var subject = $"sub-land-{Guid.NewGuid():N}";
        var admin = await AdminPageAsync();
        await admin.GotoAsync("/admin/sign-in-links");
        await BrowserFixture.WaitInteractiveAsync(admin);
        await admin.GetByTestId("link-employee").ClickAsync();
        await admin.GetByRole(AriaRole.Option).Filter(new() { HasText = "Егоров Виктор Николаевич" }).ClickAsync();
        // As a person would: the pick shows, then the typed value is in the box, then the button (a loaded full run
        // once typed while the pick was re-rendering the form; the box was empty when the button was pressed).
        await Expect(admin.GetByTestId("link-employee")).ToContainTextAsync("Егоров Виктор Николаевич");
        await admin.GetByTestId("link-value").FillAsync(subject);
        await Expect(admin.GetByTestId("link-value")).ToHaveValueAsync(subject);
        await admin.GetByTestId("link-add").ClickAsync();
        await Expect(admin.GetByTestId("link-row").Filter(new() { HasText = subject })).ToBeVisibleAsync();
        Assert.Equal(1, Count($"SELECT COUNT(*) FROM AuditEntries WHERE Action = 'signin-link.added' AND Summary LIKE '%{subject}%'"));

        var person = await NewPageAsync();
        await SignInThroughProviderAsync(person, new("private.mail@elsewhere.example", subject, EmailVerified: true));
        await BrowserFixture.WaitInteractiveAsync(person);
        await Expect(person.Locator("h1")).ToHaveTextAsync("Мои поручения");
        await Expect(person.GetByTestId("current-user")).ToHaveTextAsync("Егоров В. Н.");

        // Unlinked, the same identity is a stranger again.
        await admin.GetByTestId("link-row").Filter(new() { HasText = subject }).GetByTestId("link-remove").ClickAsync();
        await Expect(admin.GetByTestId("link-row").Filter(new() { HasText = subject })).ToHaveCountAsync(0);
        Assert.Equal(1, Count($"SELECT COUNT(*) FROM AuditEntries WHERE Action = 'signin-link.removed' AND Summary LIKE '%{subject}%'"));
        var again = await NewPageAsync();
        await SignInThroughProviderAsync(again, new("private.mail@elsewhere.example", subject, EmailVerified: true));
        await Expect(again.GetByTestId("organization-refused")).ToBeVisibleAsync();
    }

    /// <summary>The administrator, signed in with a password on this class's app (local accounts keep working).</summary>
    private async Task<IPage> AdminPageAsync()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#userName", "admin");
        await page.FillAsync("#password", BrowserFixture.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login"));
        await BrowserFixture.WaitInteractiveAsync(page);
        return page;
    }
}
